"""Writing tabular xlsx outputs that open cleanly in Excel, WPS and LibreOffice.

Streams rows with openpyxl's write-only mode (bounded memory), freezes the header, sizes columns, uses a
Chinese font, and stores every text value as a string so nothing from input becomes a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from matterkit import atomic

CHINESE_FONT = "宋体"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
MAX_SHEET_TITLE = 31


def new_workbook() -> Workbook:
    """A write-only workbook whose default font is a Chinese one."""
    workbook = Workbook(write_only=True)
    # openpyxl has no public setter for the default font; index 0 of the font table is the default.
    workbook._fonts[0] = Font(name=CHINESE_FONT, size=11)
    return workbook


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique sheet title (31 characters, none of []:*?/\\)."""
    base = "".join("_" if ch in '[]:*?/\\' else ch for ch in text).strip("'") or "Sheet"
    base = base[:MAX_SHEET_TITLE]
    title, n = base, 2
    while title in taken:
        suffix = f"({n})"
        title, n = base[: MAX_SHEET_TITLE - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def add_table_sheet(workbook: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                    widths: Sequence[float] | None = None) -> int:
    """Append a sheet with a bold frozen header and the rows; returns the number of data rows written."""
    sheet: WriteOnlyWorksheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, 1):
        width = widths[index - 1] if widths else max(10.0, min(40.0, len(header) * 2.2 + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([_header_cell(sheet, h) for h in headers])
    count = 0
    for row in rows:
        sheet.append([_text_cell(sheet, value) for value in row])
        count += 1
    if count:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    return count


def add_blocks_sheet(workbook: Workbook, title: str, blocks: Sequence[tuple[Sequence[str], Sequence[Sequence[Any]]]],
                     widths: Sequence[float]) -> None:
    """Append a sheet of several tables one under another (each with a bold header, a blank row between);
    the last table gets the auto-filter. For a sheet that shows counts above the rows they count."""
    sheet: WriteOnlyWorksheet = workbook.create_sheet(title)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    row = 0
    for number, (headers, rows) in enumerate(blocks):
        if number:
            sheet.append([])
            row += 1
        sheet.append([_header_cell(sheet, h) for h in headers])
        first = row = row + 1
        for values in rows:
            sheet.append([_text_cell(sheet, value) for value in values])
            row += 1
    if blocks and row > first:
        sheet.auto_filter.ref = f"A{first}:{get_column_letter(len(blocks[-1][0]))}{row}"


def save(workbook: Workbook, target: Path) -> None:
    atomic.write_with(target, lambda tmp: workbook.save(tmp))


def _header_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    cell.font = Font(name=CHINESE_FONT, bold=True)
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def _text_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """Numbers stay numbers; text is forced to string type so "=…" is never evaluated."""
    if value is None or isinstance(value, bool | int | float):
        return value
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"
    return cell
