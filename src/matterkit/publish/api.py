"""`publish_all`: every published output of a catalogue in one call (used by `matterkit publish` and
`matterkit demo`)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from matterkit import atomic
from matterkit.bundles.definition import BundleDefinition
from matterkit.model import Matter
from matterkit.publish.assemble import LevelGroup, assemble_guides, group_guides
from matterkit.publish.bundles import publish_bundles
from matterkit.publish.config import FORMATS, PublishConfig, build_stamp, load_default_duties
from matterkit.publish.derived import publish_derived_lists
from matterkit.publish.guide import Guide
from matterkit.publish.pdf import GroupPdf, publish_pdfs
from matterkit.publish.power_list import power_sheets
from matterkit.publish.power_list_xlsx import write_power_list
from matterkit.publish.site import write_site
from matterkit.publish.templating import find_template_file
from matterkit.publish.word import TEMPLATE_NAME, WordWriter
from matterkit.safety import safe_filename

SITE_DIR = "guides"
DOCX_DIR = "docx"
PDF_DIR = "pdf"
POWER_LIST_NAME = "权责清单.xlsx"
MANIFEST = ".matterkit-publish.json"
ProgressCallback = Callable[[str, int, int], None]


@dataclass
class PublishResult:
    out_dir: Path
    stamp: datetime
    guides: int = 0
    site_index: Path | None = None
    docx: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)
    power_list: Path | None = None
    derived_lists: list[Path] = field(default_factory=list)  # workbooks under 专项清单/
    written: list[Path] = field(default_factory=list)
    site_files: list[Path] = field(default_factory=list)
    bundles: int = 0  # 一件事 guides

    def files_by_format(self, formats: Iterable[str]) -> dict[str, list[Path]]:
        files = {"html": self.site_files, "docx": self.docx, "pdf": self.pdf,
                 "list": ([self.power_list] if self.power_list else []) + self.derived_lists}
        return {name: files[name] for name in formats}
    warnings: list[str] = field(default_factory=list)  # a format that could not be made at all (once each)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (document, why) not converted to PDF
    pdf_skipped: bool = False  # this machine could make no PDF (the warning says why); earlier ones are kept
    overview: list[Path] = field(default_factory=list)  # directory, figures, findings (publish/overview.py)
    errors: int = 0  # error findings of lint on what was published (publish exits 1 when there are any)


def publish_all(matters: Iterable[Matter], *, out_dir: Path, lang: str = "zh", base_url: str | None = None,
                templates_dir: Path | None = None, formats: Iterable[str] | None = None,
                config: PublishConfig | None = None, stamp: datetime | None = None,
                on_progress: ProgressCallback | None = None, jobs: int | None = None,
                bundles: Sequence[BundleDefinition] = ()) -> PublishResult:
    """Write the guide site, Word and PDF guides and the power-and-responsibility list under `out_dir`.

    `config` (from matterkit.yaml) gives the defaults; the keyword arguments override it. `stamp` is the
    build's one time stamp (default: SOURCE_DATE_EPOCH or now): the same matters and stamp give
    byte-identical files. `lang` is the language of messages; documents are in Chinese.
    `on_progress(stage, done, total)` is called as work advances (stage: html | docx | pdf | list).
    `jobs`: processes rendering the site's pages (default: `config.jobs`, else one per CPU); any number
    gives the same bytes. `bundles`: 一件事 definitions whose guides, index and bundles.json are published too.
    """
    progress = on_progress or _no_progress
    config = _effective_config(config, base_url, templates_dir, formats)
    out_dir = Path(out_dir)
    result = PublishResult(out_dir=out_dir, stamp=build_stamp(stamp))
    matter_list = list(matters)
    guides = assemble_guides(matter_list, config)
    levels = group_guides(guides, config)
    result.guides = len(guides)
    if "html" in config.formats:
        site_dir = out_dir / SITE_DIR
        result.site_files = write_site(guides, levels, site_dir=site_dir, config=config, stamp=result.stamp,
                                       on_progress=lambda done, total: progress("html", done, total),
                                       jobs=jobs or config.jobs, bundle_count=len(bundles))
        result.written += result.site_files
        result.site_index = site_dir / "index.html"
    if "docx" in config.formats or "pdf" in config.formats:
        _documents(guides, levels, config, result, progress)
    if "list" in config.formats:
        target = out_dir / POWER_LIST_NAME
        write_power_list(power_sheets(matter_list, config), target, config=config, title="权责清单",
                         stamp=result.stamp)
        result.power_list = target
        progress("list", 1, 1)
        result.written.append(target)
    workbooks, pages = publish_derived_lists(matter_list, out_dir=out_dir, site_dir=out_dir / SITE_DIR,
                                             config=config, stamp=result.stamp)
    result.derived_lists, result.site_files = workbooks, result.site_files + pages
    result.written += workbooks + pages
    if bundles:
        _bundles(bundles, matter_list, guides, config, result)
    made = [f for f in config.formats if not (f == "pdf" and result.pdf_skipped)]
    _remove_stale(out_dir, result.files_by_format(made))  # PDFs of an earlier run stay when none could be made
    return result


def _bundles(bundles: Sequence[BundleDefinition], matters: list[Matter], guides: list[Guide],
             config: PublishConfig, result: PublishResult) -> None:
    out = result.out_dir
    published = publish_bundles(bundles, matters, guides, out_dir=out, site_dir=out / SITE_DIR,
                                docx_dir=out / DOCX_DIR, pdf_dir=out / PDF_DIR, config=config, stamp=result.stamp)
    result.bundles = published.guides
    result.site_files += published.site_files
    result.docx += published.docx
    result.pdf += published.pdf
    result.failed += published.pdf_outcome.failed
    if published.pdf_outcome.warning and published.pdf_outcome.warning not in result.warnings:
        result.warnings.append(published.pdf_outcome.warning)  # said once, like the guides' own
    result.written += [*published.site_files, *published.docx, *published.pdf,
                       *([published.json] if published.json else [])]


def _unique(name: str, taken: set[str]) -> str:
    """Two bodies whose names differ only in characters a file name cannot hold get their own files."""
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate, number = f"{name}-{number}", number + 1
    taken.add(candidate.casefold())
    return candidate


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def _documents(guides: list[Guide], levels: list[LevelGroup], config: PublishConfig,
               result: PublishResult, progress: ProgressCallback) -> None:
    """Word documents under docx/ (guides/… and departments/…); PDFs under pdf/ with the same names, made
    from the Word documents (kept in a temporary folder when Word output was not asked for)."""
    writer = WordWriter(find_template_file(TEMPLATE_NAME, config.templates_dir), result.stamp)
    keep_docx = "docx" in config.formats
    pdf_root = result.out_dir / PDF_DIR
    with tempfile.TemporaryDirectory(prefix="matterkit-docx-") as tmp:
        docx_root = result.out_dir / DOCX_DIR if keep_docx else Path(tmp)
        groups: list[GroupPdf] = []
        taken: set[str] = set()
        for level in levels:
            for body in level.bodies:
                name = _unique(f"departments/{level.level}/{safe_filename(body.name)}", taken)
                members = [(writer.guide_document(g, docx_root / f"guides/{g.path}.docx"),
                            pdf_root / f"guides/{g.path}.pdf") for g in body.guides]
                group_docx = writer.group_document(level.label, body, docx_root / f"{name}.docx")
                groups.append(GroupPdf(group_docx, pdf_root / f"{name}.pdf", members))
                progress("docx", sum(len(g.guides) for g in groups), len(guides))
        if keep_docx:
            result.docx = [docx for g in groups for docx, _ in g.guides] + [g.docx for g in groups]
        if "pdf" in config.formats:
            outcome = publish_pdfs(groups, stamp=result.stamp, templates_dir=config.templates_dir,
                                   on_progress=lambda done, total: progress("pdf", done, total))
            result.pdf, result.failed = outcome.written, outcome.failed
            result.warnings += [outcome.warning] if outcome.warning else []
            result.pdf_skipped = outcome.warning is not None
    result.written += result.docx + result.pdf


def _effective_config(config: PublishConfig | None, base_url: str | None, templates_dir: Path | None,
                      formats: Iterable[str] | None) -> PublishConfig:
    config = config or PublishConfig()
    updates: dict[str, object] = {}
    if base_url is not None:
        updates["base_url"] = base_url
    if templates_dir is not None:
        updates["templates_dir"] = Path(templates_dir)
    if formats is not None:
        chosen = tuple(f for f in FORMATS if f in set(formats))
        updates["formats"] = chosen
    config = replace(config, **updates)  # type: ignore[arg-type]
    if not config.defaults or templates_dir is not None:
        config.defaults = {**load_default_duties(config.templates_dir), **config.defaults}
    return config


def _remove_stale(out_dir: Path, written: dict[str, list[Path]]) -> None:
    """Files a previous publish wrote in one of this run's formats and this run did not (a matter removed
    or renamed) are deleted, so the site never links to a guide that no longer exists. Only files listed
    in our manifest go; formats not published this time keep theirs."""
    manifest = out_dir / MANIFEST
    try:
        previous = json.loads(manifest.read_text(encoding="utf-8")).get("formats", {})
    except (OSError, ValueError, AttributeError):
        previous = {}
    formats = {name: files for name, files in previous.items() if isinstance(files, list)}
    for name, paths in written.items():
        current = sorted({p.relative_to(out_dir).as_posix() for p in paths})
        for stale_name in set(formats.get(name, [])) - set(current):
            stale = out_dir / stale_name
            if ".." not in Path(stale_name).parts and stale.is_file():
                stale.unlink()
        formats[name] = current
    atomic.write_text(manifest, json.dumps({"schema": "matterkit.publish-manifest/1", "formats": formats},
                                           ensure_ascii=False, indent=1, sort_keys=True) + "\n")
