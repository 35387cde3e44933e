"""Derived lists as a terminal table, one JSON document, print-ready workbooks and site pages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from matterkit.derived.select import DerivedList, table
from matterkit.elements import ElementRegistry
from matterkit.provenance import Provenance
from matterkit.render.printable_xlsx import PrintableTable, write_printable
from matterkit.safety import safe_filename

SCHEMA = "matterkit.lists/1"


def list_file_name(derived: DerivedList, suffix: str) -> str:
    return safe_filename(derived.definition.name) + suffix


def render_lists_text(lists: Sequence[DerivedList], provenance: Provenance, console: Console, lang: str) -> None:
    zh = lang != "en"
    grid = Table("清单" if zh else "List", "键" if zh else "Key", "事项数" if zh else "Matters",
                 "依据" if zh else "Regulation", title="专项清单" if zh else "Derived lists", title_justify="left")
    for derived in lists:
        d = derived.definition
        grid.add_row(d.title(lang), d.key, str(derived.count), d.regulation)
    console.print(grid)
    console.print(provenance.line(lang), markup=False)


def lists_document(lists: Sequence[DerivedList], provenance: Provenance, registry: ElementRegistry,
                   lang: str) -> dict[str, Any]:
    """`matterkit.lists/1`: each list's definition, count and rows (each row with its matter reference
    and source position, then the columns by element key)."""
    return {"schema": SCHEMA, "provenance": provenance.as_dict(),
            "lists": [_list_json(derived, registry, lang) for derived in lists]}


def _list_json(derived: DerivedList, registry: ElementRegistry, lang: str) -> dict[str, Any]:
    d = derived.definition
    _, rows = table(derived, registry, lang)
    records = [{"matter": m.reference(), "source": m.source.model_dump(include={"file", "sheet", "row"}),
                "values": dict(zip(d.columns, row[1:], strict=True))}
               for m, row in zip(derived.matters, rows, strict=True)]
    return {"key": d.key, "name": d.name, "regulation": d.regulation, "description": d.description,
            "when": list(d.when), "columns": list(d.columns), "sort": list(d.sort), "count": derived.count,
            "rows": records}


def write_list_xlsx(derived: DerivedList, target: Path, *, registry: ElementRegistry, unit: str,
                    provenance: Provenance, lang: str = "zh") -> Path:
    headers, rows = table(derived, registry, lang)
    title = f"{unit}{derived.definition.name}" if unit and not derived.definition.name.startswith(unit) \
        else derived.definition.name
    printable = PrintableTable(title=title, unit=unit, date=provenance.generated.strftime("%Y-%m-%d"),
                               source=f"{provenance.line(lang)}；依据：{derived.definition.regulation}",
                               headers=headers, rows=rows, sheet_name=derived.definition.name)
    return write_printable([printable], target, _stamp(provenance.generated))


def _stamp(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)
