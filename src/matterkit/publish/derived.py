"""Publishing the derived special lists: a print-ready workbook each under `专项清单/` (with the `list`
format) and a page each under the site's `lists/` (with `html`), every one carrying the digest of the
matters it was cut from and the build date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from matterkit import atomic
from matterkit.derived import DerivedList, derive_all, load_definitions
from matterkit.derived.select import table
from matterkit.elements import default_registry
from matterkit.model import Matter
from matterkit.provenance import Provenance, matters_digest
from matterkit.publish.config import PublishConfig
from matterkit.publish.templating import html_environment
from matterkit.render.derived_lists import list_file_name, write_list_xlsx

XLSX_DIR = "专项清单"
SITE_SUBDIR = "lists"


def publish_derived_lists(matters: Sequence[Matter], *, out_dir: Path, site_dir: Path, config: PublishConfig,
                          stamp: datetime) -> tuple[list[Path], list[Path]]:
    """(workbooks, site pages) written; none when `config.derived_lists` is off."""
    if not config.derived_lists:
        return [], []
    lists = derive_all(load_definitions(config.workspace_root), matters)
    kind = "workspace" if config.workspace_root else "files"
    provenance = Provenance(str(config.workspace_root or out_dir), kind, matters_digest(matters), stamp)
    unit = config.county or ""
    workbooks = [write_list_xlsx(d, out_dir / XLSX_DIR / list_file_name(d, ".xlsx"), registry=default_registry(),
                                 unit=unit, provenance=provenance) for d in lists] if "list" in config.formats else []
    pages = _site_pages(lists, site_dir / SITE_SUBDIR, config, provenance) if "html" in config.formats else []
    return workbooks, pages


def _site_pages(lists: list[DerivedList], folder: Path, config: PublishConfig, provenance: Provenance) -> list[Path]:
    env = html_environment(config.templates_dir)
    common = {"site_title": config.title, "root": "../", "provenance": provenance.line(),
              "stamp": provenance.generated.strftime("%Y-%m-%d %H:%M:%S UTC")}
    entries, written = [], []
    with atomic.batch() as files:
        for derived in lists:
            d = derived.definition
            headers, rows = table(derived, default_registry())
            page = folder / list_file_name(derived, ".html")
            files.write_text(page, env.get_template("site/list.html.j2").render(
                **common, title=d.name, unit=config.county or "", date=provenance.generated.strftime("%Y-%m-%d"),
                regulation=d.regulation, description=d.description, headers=headers, rows=rows))
            entries.append({"name": d.name, "count": derived.count, "regulation": d.regulation,
                            "href": _href(page.name)})
            written.append(page)
        files.write_text(folder / "index.html", env.get_template("site/lists.html.j2").render(**common, lists=entries))
    return [folder / "index.html", *written]


def _href(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
