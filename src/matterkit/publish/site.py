"""The offline website of service guides: an index with client-side search, one page per guide.

Self-contained (CSS and the search script are files beside the pages, no CDN) so it works from file://.
Every value from input passes Jinja2's autoescape; QR codes are SVG drawn by segno from the guide's URL.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import segno
from markupsafe import Markup

from matterkit import atomic
from matterkit.publish.assemble import LevelGroup
from matterkit.publish.config import PublishConfig
from matterkit.publish.guide import FEE_COLUMNS, MATERIAL_COLUMNS, Guide
from matterkit.publish.templating import find_template_file, html_environment

ASSETS: tuple[str, ...] = ("site.css", "search.js")


def guide_href(guide: Guide) -> str:
    """The guide page's URL path relative to the site root (percent-encoded, works from file://)."""
    return quote(f"{guide.path}.html")


def guide_url(guide: Guide, base_url: str | None) -> str | None:
    if not base_url:
        return None
    return f"{base_url.rstrip('/')}/{guide_href(guide)}"


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code. segno draws only paths from the data, so the SVG carries no input text."""
    return Markup(segno.make(url, error="m", micro=False).svg_inline(scale=2, title=None))


def search_text(guide: Guide) -> str:
    m = guide.matter
    parts = [guide.title, m.name, m.item_name, m.body, m.department, guide.group, m.type, m.base_code,
             m.impl_code, m.list_body]
    text = "".join(p for p in parts if p)
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def write_site(guides: list[Guide], levels: list[LevelGroup], *, site_dir: Path, config: PublishConfig,
               stamp: datetime, on_progress: Callable[[int, int], None] | None = None) -> list[Path]:
    env = html_environment(config.templates_dir)
    common = {"site_title": config.title, "material_columns": MATERIAL_COLUMNS, "fee_columns": FEE_COLUMNS}
    written = [_copy_asset(name, site_dir, config) for name in ASSETS]
    index = env.get_template("site/index.html.j2").render(
        **common, root="", levels=levels, total=len(guides), stamp=stamp.strftime("%Y-%m-%d %H:%M:%S UTC"),
        href={g.path: guide_href(g) for g in guides}, search_text={g.path: search_text(g) for g in guides})
    written.append(_write(site_dir / "index.html", index))
    page = env.get_template("site/guide.html.j2")
    for guide in guides:
        url = guide_url(guide, config.base_url)
        html = page.render(**common, root="../" * guide.path.count("/"), guide=guide,
                           qr_svg=qr_svg(url) if url else None)
        written.append(_write(site_dir / f"{guide.path}.html", html))
        if on_progress:
            on_progress(len(written) - len(ASSETS) - 1, len(guides))
    return written


def _copy_asset(name: str, site_dir: Path, config: PublishConfig) -> Path:
    source = find_template_file(f"site/{name}", config.templates_dir)
    return _write(site_dir / "assets" / name, source.read_text(encoding="utf-8"))


def _write(path: Path, text: str) -> Path:
    atomic.write_text(path, text)
    return path
