"""Publishing 一件事 bundles: a guide page per bundle and the bundle index in the site, a Word and a PDF
guide per bundle, and `bundles.json` (`matterkit.bundle/1`).

The bundle guides link to (and, with a base URL, carry QR codes of) the member matters' own guides, so
they are written after the matter guides, from the same assembled guides.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from matterkit import atomic
from matterkit.bundles.definition import BundleDefinition
from matterkit.bundles.document import bundles_json
from matterkit.bundles.merge import MatterIndex, merge_bundle
from matterkit.model import Matter
from matterkit.publish.bundle_guide import BUNDLE_DIR, BundleGuide, bundle_guides
from matterkit.publish.config import PublishConfig
from matterkit.publish.guide import Guide, Section, time_limit_text
from matterkit.publish.pdf import PdfOutcome, convert_documents
from matterkit.publish.site_pages import qr_svg
from matterkit.publish.templating import find_template_file, html_environment
from matterkit.publish.word import TEMPLATE_NAME, WordWriter

BUNDLES_JSON = "bundles.json"


@dataclass
class BundleOutputs:
    guides: int = 0
    site_files: list[Path] = field(default_factory=list)
    docx: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)
    json: Path | None = None
    pdf_outcome: PdfOutcome = field(default_factory=PdfOutcome)  # documents not converted, or why none were


def publish_bundles(bundles: Sequence[BundleDefinition], matters: Sequence[Matter], guides: Sequence[Guide], *,
                    out_dir: Path, site_dir: Path, docx_dir: Path, pdf_dir: Path, config: PublishConfig,
                    stamp: datetime) -> BundleOutputs:
    """Every output of the bundles in the formats `config` asks for."""
    index = MatterIndex(matters)
    merged = [merge_bundle(bundle, index) for bundle in bundles]
    paths = {id(guide.matter): guide.path for guide in guides}
    bundle_pages = bundle_guides(merged, paths)
    outputs = BundleOutputs(guides=len(bundle_pages))
    outputs.json = out_dir / BUNDLES_JSON
    atomic.write_text(outputs.json, bundles_json(merged))
    if "html" in config.formats:
        outputs.site_files = write_bundle_pages(bundle_pages, site_dir, config)
    if "docx" in config.formats or "pdf" in config.formats:
        _documents(bundle_pages, docx_dir, pdf_dir, config, stamp, outputs)
    return outputs


def write_bundle_pages(pages: list[BundleGuide], site_dir: Path, config: PublishConfig) -> list[Path]:
    """The bundle index (`bundles/index.html`) and one page per bundle."""
    env = html_environment(config.templates_dir)
    page_template = env.get_template("site/bundle.html.j2")
    root = "../"
    written = []
    with atomic.batch() as files:
        target = site_dir / BUNDLE_DIR / "index.html"
        files.write_text(target, env.get_template("site/bundles.html.j2").render(
            site_title=config.title, root=root, guides=pages, limit_text=time_limit_text))
        written.append(target)
        for page in pages:
            url = _url(page.path, config.base_url)
            member_qr = {m.guide_path: qr_svg(u) for m in page.members
                         if m.guide_path and (u := _url(m.guide_path, config.base_url))}
            target = site_dir / f"{page.path}.html"
            files.write_text(target, page_template.render(site_title=config.title, root=root, guide=page,
                                                          qr_svg=qr_svg(url) if url else None,
                                                          member_qr=member_qr))
            written.append(target)
    return written


def _url(path: str, base_url: str | None) -> str | None:
    return f"{base_url.rstrip('/')}/{quote(path)}.html" if base_url else None


def _links(page: BundleGuide, base_url: str | None) -> list[Section]:
    """In print, the member guides' addresses (with a base URL) stand in for the site's links."""
    lines = tuple(f"{m.name}：{url}" for m in page.members if m.guide_path and (url := _url(m.guide_path, base_url)))
    return [Section("member_guides", "成员事项办事指南", "paragraphs", paragraphs=lines)] if lines else []


def _documents(pages: list[BundleGuide], docx_dir: Path, pdf_dir: Path, config: PublishConfig, stamp: datetime,
               outputs: BundleOutputs) -> None:
    """Word guides under docx/bundles/, PDFs converted from them under pdf/bundles/."""
    writer = WordWriter(find_template_file(TEMPLATE_NAME, config.templates_dir), stamp)
    keep_docx = "docx" in config.formats
    with tempfile.TemporaryDirectory(prefix="matterkit-bundle-docx-") as tmp:
        root = docx_dir if keep_docx else Path(tmp)
        documents = [writer.sections_document(p.title, p.subtitle, [*p.sections, *_links(p, config.base_url)],
                                              root / f"{p.path}.docx") for p in pages]
        if keep_docx:
            outputs.docx = documents
        if "pdf" in config.formats:
            outputs.pdf_outcome = convert_documents([(d, pdf_dir / f"{p.path}.pdf")
                                                     for d, p in zip(documents, pages, strict=True)],
                                                    stamp=stamp, templates_dir=config.templates_dir)
            outputs.pdf = outputs.pdf_outcome.written
