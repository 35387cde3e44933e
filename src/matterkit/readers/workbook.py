"""xlsx, xlsm, xlsb, ods and xls through python-calamine: cached values of formulas, no macro ever runs."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Literal

import python_calamine as calamine

from matterkit.i18n import t
from matterkit.rawtypes import CellValue, MergedRange, RawSheet
from matterkit.readers.messages import fail

BookKind = Literal["ooxml", "ods", "xls"]
_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "ooxml": (".xlsx", ".xlsm", ".xlam", ".xlsb"), "ods": (".ods",), "xls": (".xls", ".xla")}


def read_workbook(path: Path, *, kind: BookKind, has_macros: bool = False,
                  merged: dict[str, list[MergedRange]] | None = None,
                  sheet_notes: dict[str, list[str]] | None = None) -> list[RawSheet]:
    """Every worksheet of the workbook, hidden ones marked; chart and dialog sheets are left out.

    `merged` gives merged ranges by sheet name where calamine reports none (ods).
    """
    try:
        book = _open_book(path, kind)
        metadata = list(book.sheets_metadata)
    except calamine.PasswordError:
        raise fail(path, "reader.password") from None
    except BaseException as exc:
        _reraise_unless_damage(exc)
        key = "reader.ole_not_workbook" if kind == "xls" else "reader.damaged"
        raise fail(path, key, detail=_short(exc)) from None
    sheets: list[RawSheet] = []
    skipped: list[str] = []
    for meta in metadata:
        if meta.typ != calamine.SheetTypeEnum.WorkSheet:
            skipped.append(t("reader.note.skipped_sheet", sheet=meta.name, kind=str(meta.typ).split(".")[-1]))
            continue
        sheet = _read_sheet(path, book, meta)
        if merged and not sheet.merged:
            sheet.merged = merged.get(meta.name, [])
        sheet.notes.extend((sheet_notes or {}).get(meta.name, []))
        sheets.append(sheet)
    if sheets:
        if has_macros:
            sheets[0].notes.append(t("reader.note.macros"))
        sheets[0].notes.extend(skipped)
    return sheets


def _open_book(path: Path, kind: BookKind) -> calamine.CalamineWorkbook:
    """calamine picks its reader by the file name's extension; a misnamed file is handed over as bytes,
    which calamine sniffs by content (the whole file is then held in memory, so only when needed)."""
    if path.suffix.lower() in _EXTENSIONS[kind]:
        return calamine.CalamineWorkbook.from_path(str(path))
    with path.open("rb") as handle:
        return calamine.CalamineWorkbook.from_filelike(handle)


def _read_sheet(path: Path, book: calamine.CalamineWorkbook, meta: calamine.SheetMetadata) -> RawSheet:
    try:
        sheet = book.get_sheet_by_name(meta.name)
        merged = [((r0, c0), (r1, c1)) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    except calamine.PasswordError:
        raise fail(path, "reader.password") from None
    except BaseException as exc:
        _reraise_unless_damage(exc)
        raise fail(path, "reader.damaged", detail=f"{meta.name}: {_short(exc)}") from None
    start = sheet.start or (0, 0)
    return RawSheet(
        name=meta.name,
        rows=_rows(sheet, start[0]),
        first_row=start[0] + 1,
        first_col=start[1] + 1,
        merged=merged,
        hidden=meta.visible != calamine.SheetVisibleEnum.Visible,
    )


def _rows(sheet: calamine.CalamineSheet, first_row_index: int) -> Iterator[list[CellValue]]:
    """Rows from the first filled row on. Python objects are made one row at a time, as they are used.

    calamine's iter_rows starts at spreadsheet row 1 (padding leading empty rows) but at the first
    filled column, so the leading rows are skipped here and the column offset is `start[1]`.
    """
    rows: Iterator[list[CellValue]] = sheet.iter_rows()  # type: ignore[assignment]  # list is invariant
    return islice(rows, first_row_index, None)


def _reraise_unless_damage(exc: BaseException) -> None:
    """calamine reports damaged input as exceptions, or as a Rust panic (pyo3's PanicException derives
    from BaseException: a truncated xls trips an assertion). Both mean "damaged"; Ctrl-C and exit do not."""
    if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
        raise exc


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
