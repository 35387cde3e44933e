"""The site's guide pages, one HTML file per guide, rendered on every core.

A page depends on its guide alone, so the guides are cut into chunks and a pool of worker processes
renders and writes them; a page is the same bytes whichever process renders it, and the parent keeps the
order of the file list. The workers receive the guides once, when they start (where processes fork, as
on Linux, they inherit them without any copying), and are then sent only ranges of positions: pickling a
county's guides would cost more than rendering them.

Each chunk is one `atomic.batch()`: its pages are flushed to disk together and renamed into place.
QR codes are SVG drawn by segno from the guide's URL.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
import segno
from markupsafe import Markup

from matterkit import atomic
from matterkit.publish.config import PublishConfig
from matterkit.publish.guide import FEE_COLUMNS, MATERIAL_COLUMNS, Guide
from matterkit.publish.templating import html_environment

CHUNK = 250  # guides per task: small enough to share the work evenly, large enough to batch the flushing
# segno tries all eight data masks and keeps the one the standard's penalty rules score best: ≈ 17 ms of
# the 22 ms a county guide's QR code took. Every mask makes a valid code; mask 4 was the best or close to
# it on the county's URLs (lowest mean and worst excess penalty of the eight), and each of its 41,632 codes
# decoded to its URL (zxing-cpp), so it is used for all: ≈ 5 ms a code.
QR_MASK = 4


def guide_href(guide: Guide) -> str:
    """The guide page's URL path relative to the site root (percent-encoded, works from file://)."""
    return quote(f"{guide.path}.html")


def guide_url(guide: Guide, base_url: str | None) -> str | None:
    if not base_url:
        return None
    return f"{base_url.rstrip('/')}/{guide_href(guide)}"


def qr_code(url: str) -> segno.QRCode:
    """The QR code of a guide's public URL (error correction M, mask fixed: see QR_MASK)."""
    return segno.make(url, error="m", micro=False, mask=QR_MASK)


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code. segno draws only paths from the data, so the SVG carries no input text."""
    return Markup(qr_code(url).svg_inline(scale=2, title=None))


@dataclass(frozen=True)
class SitePages:
    """What a process needs to write a range of the pages."""

    guides: list[Guide]
    site_dir: Path
    config: PublishConfig

    def page_path(self, guide: Guide) -> Path:
        return self.site_dir / f"{guide.path}.html"

    def template(self) -> jinja2.Template:
        return html_environment(self.config.templates_dir).get_template("site/guide.html.j2")

    def render(self, template: jinja2.Template, guide: Guide) -> str:
        url = guide_url(guide, self.config.base_url)
        return template.render(site_title=self.config.title, material_columns=MATERIAL_COLUMNS,
                               fee_columns=FEE_COLUMNS, root="../" * guide.path.count("/"), guide=guide,
                               qr_svg=qr_svg(url) if url else None)

    def write(self, template: jinja2.Template, start: int, stop: int) -> int:
        """Render and write guides[start:stop]; returns how many pages were written."""
        with atomic.batch() as files:
            for guide in self.guides[start:stop]:
                files.write_text(self.page_path(guide), self.render(template, guide))
        return stop - start


def write_pages(pages: SitePages, *, jobs: int | None = None,
                on_progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write every guide's page with `jobs` processes (default: one per CPU); the pages' paths in order."""
    total = len(pages.guides)
    chunks = [(start, min(start + CHUNK, total)) for start in range(0, total, CHUNK)]
    workers = min(jobs or os.cpu_count() or 1, len(chunks))
    done = 0
    for written in _run_chunks(pages, chunks, workers):
        done += written
        if on_progress:
            on_progress(done, total)
    return [pages.page_path(guide) for guide in pages.guides]


def _run_chunks(pages: SitePages, chunks: list[tuple[int, int]], workers: int) -> Iterator[int]:
    if workers <= 1:
        template = pages.template()
        yield from (pages.write(template, start, stop) for start, stop in chunks)
        return
    # Objects that exist when the workers fork are kept out of the garbage collector's passes until the
    # pool is done (as the gc module's documentation advises before a fork): a pass writes to every
    # object it visits, so each worker would copy, page by page, memory it could share with the parent.
    # County, one run each: workers 50 CPU-s with the freeze, 60 without.
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(pages,))
    try:
        yield from pool.map(_write_chunk, chunks)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # no more pages once one chunk failed
        raise
    finally:
        gc.unfreeze()
    pool.shutdown(wait=True)


# The worker process's pages and template, set once when it starts.
_worker: tuple[SitePages, jinja2.Template] | None = None


def _start_worker(pages: SitePages) -> None:
    global _worker
    _worker = (pages, pages.template())


def _write_chunk(chunk: tuple[int, int]) -> int:
    assert _worker is not None, "_start_worker runs first in every worker"
    pages, template = _worker
    return pages.write(template, *chunk)
