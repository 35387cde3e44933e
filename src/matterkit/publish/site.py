"""The offline website of service guides: an index with client-side search, one page per guide.

Self-contained (CSS and the search script are files beside the pages, no CDN) so it works from file://.
Every value from input passes Jinja2's autoescape; the guide pages (with their QR codes) are rendered on
every core by `site_pages`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from matterkit import atomic
from matterkit.publish.assemble import LevelGroup
from matterkit.publish.config import PublishConfig
from matterkit.publish.guide import FEE_COLUMNS, MATERIAL_COLUMNS, Guide
from matterkit.publish.site_pages import SitePages, guide_href, guide_url, qr_svg, write_pages
from matterkit.publish.templating import find_template_file, html_environment

__all__ = ["ASSETS", "guide_href", "guide_url", "qr_svg", "search_text", "write_site"]

ASSETS: tuple[str, ...] = ("site.css", "search.js")


def search_text(guide: Guide) -> str:
    m = guide.matter
    parts = [guide.title, m.name, m.item_name, m.body, m.department, guide.group, m.type, m.base_code,
             m.impl_code, m.list_body]
    text = "".join(p for p in parts if p)
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def write_site(guides: list[Guide], levels: list[LevelGroup], *, site_dir: Path, config: PublishConfig,
               stamp: datetime, on_progress: Callable[[int, int], None] | None = None,
               jobs: int | None = None, bundle_count: int = 0) -> list[Path]:
    """The assets, the index and one page per guide under `site_dir`; the files in that order. With
    `bundle_count`, the index links to the bundle index (`bundles/index.html`, written by publish.bundles).

    `jobs`: processes rendering the guide pages (default: one per CPU); the output is the same bytes."""
    env = html_environment(config.templates_dir)
    common = {"site_title": config.title, "material_columns": MATERIAL_COLUMNS, "fee_columns": FEE_COLUMNS}
    with atomic.batch() as files:
        written = [_copy_asset(files, name, site_dir, config) for name in ASSETS]
        index = env.get_template("site/index.html.j2").render(
            **common, root="", levels=levels, total=len(guides), bundle_count=bundle_count, stamp=stamp.strftime("%Y-%m-%d %H:%M:%S UTC"),
            href={g.path: guide_href(g) for g in guides}, search_text={g.path: search_text(g) for g in guides})
        files.write_text(site_dir / "index.html", index)
        written.append(site_dir / "index.html")
    pages = SitePages(guides=guides, site_dir=site_dir, config=config)
    return written + write_pages(pages, jobs=jobs, on_progress=on_progress)


def _copy_asset(files: atomic.Batch, name: str, site_dir: Path, config: PublishConfig) -> Path:
    source = find_template_file(f"site/{name}", config.templates_dir)
    target = site_dir / "assets" / name
    files.write_text(target, source.read_text(encoding="utf-8"))
    return target
