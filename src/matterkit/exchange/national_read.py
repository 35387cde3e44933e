"""Reading the national exchange layout `national_write` writes (see there): part of import, so it depends
on nothing downstream of it (no renderer, no lint)."""

from __future__ import annotations

import itertools
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from matterkit.exchange.national import MATTER_ID, SCHEMA, NationalSchema
from matterkit.model import Location, Matter
from matterkit.rawtypes import RawSheet

MAX_WORKBOOK_PART = 1024**2  # a workbook part listing a few sheets is a few kB


def is_national_json(path: Path) -> bool:
    if path.suffix.lower() != ".json":
        return False
    with path.open("rb") as handle:
        head = handle.read(200).decode("utf-8", errors="ignore")
    return f'"schema": "{SCHEMA}"' in head or f'"schema":"{SCHEMA}"' in head


def is_national_workbook(path: Path) -> bool:
    """A workbook whose sheets are named `task` and `material`: read from the zip's workbook part alone,
    so telling an ordinary list from a national one costs no sheet reading."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo("xl/workbook.xml").file_size > MAX_WORKBOOK_PART:
                return False  # not ours; the ordinary reader's checks deal with it
            root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    except Exception:  # noqa: BLE001 - damage of any kind: the ordinary reader reports it as that file's error
        return False
    names = {element.get("name") for element in root.iter() if element.tag.endswith("}sheet")}
    return {"task", "material"} <= names


def matters_from_json(path: Path, given: str, schema: NationalSchema) -> list[Matter]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return [schema.from_record(record, Location(file=given, sheet=None, row=number))
            for number, record in enumerate(document.get("matters") or [], 1)]


class NotNational(ValueError):
    """Sheets named like the national tables whose first row is not the national field names."""


def matters_from_sheets(sheets: list[RawSheet], given: str, schema: NationalSchema) -> list[Matter]:
    by_name = {sheet.name: sheet for sheet in sheets}
    if schema.matter[0].name not in _field_names(by_name["task"]):
        raise NotNational(given)
    materials = _children(by_name.get("material"))
    fees = _children(by_name.get("fee_project"))
    matters = []
    for row, record in _rows(by_name["task"]):
        guid = str(record.get(MATTER_ID))
        record = {**record, "materials": materials.get(guid, []), "fee_projects": fees.get(guid, [])}
        matters.append(schema.from_record(record, Location(file=given, sheet="task", row=row)))
    return matters


def _children(sheet: RawSheet | None) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for _, record in _rows(sheet) if sheet else ():
        found.setdefault(str(record.get(MATTER_ID)), []).append(record)
    return found


def _field_names(sheet: RawSheet) -> list[str]:
    """Row 1 of a sheet (read once: the sheet's rows are put back together for `_rows`)."""
    rows = iter(sheet.rows)
    first = next(rows, [])
    sheet.rows = itertools.chain([first], rows)
    return [str(v) if v is not None else "" for v in first]


def _rows(sheet: RawSheet) -> Iterator[tuple[int, dict[str, Any]]]:
    """(spreadsheet row, {field: value}) of the data rows: row 1 names the fields, row 2 is their comments."""
    fields = _field_names(sheet)
    rows = iter(sheet.rows)
    next(rows, None)
    next(rows, None)
    for offset, values in enumerate(rows):
        if any(v not in (None, "") for v in values):
            yield sheet.first_row + 2 + offset, dict(zip(fields, _text_ids(fields, values), strict=False))


def _text_ids(fields: list[str], values: list[Any]) -> list[Any]:
    """A link written as a number ("1") may come back as 1.0: links are compared as text."""
    return [str(int(v)) if f == MATTER_ID and isinstance(v, float) and v.is_integer() else v
            for f, v in zip(fields, values, strict=False)]
