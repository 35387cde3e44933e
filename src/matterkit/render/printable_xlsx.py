"""A table a bureau can print as it is: a title row, a line with 填报单位 and 日期, a line naming the data it
was cut from, a bordered header row, then the rows. A4 landscape, fitted to the page width, title and
header repeated on every page, header frozen, columns sized to their content. Used by the derived lists
and the 权责清单 adjustment table; every value goes through `safety.set_cell_text` (never a formula)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from matterkit import atomic
from matterkit.publish.reproducible import normalise_office_zip
from matterkit.safety import set_cell_text

FONT = "宋体"
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
MIN_WIDTH, MAX_WIDTH = 6.0, 46.0
LINE_HEIGHT = 14.0  # points per line of 11-point text
HEADER_ROW = 4  # title, unit and date, source, then the header


@dataclass(frozen=True)
class PrintableTable:
    title: str
    unit: str  # 填报单位
    date: str  # 日期
    source: str  # the provenance line
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    sheet_name: str = "清单"


def write_printable(tables: Sequence[PrintableTable], target: Path, stamp: datetime) -> Path:
    """One sheet per table; the same tables and stamp give the same bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        _fill_sheet(workbook.create_sheet(table.sheet_name[:31]), table)
    workbook.properties.created = workbook.properties.modified = stamp.replace(tzinfo=None)
    workbook.properties.creator = "matterkit"
    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic.write_bytes(target, normalise_office_zip(buffer.getvalue(), stamp))
    return target


def _fill_sheet(ws: Worksheet, table: PrintableTable) -> None:
    width = max(len(table.headers), 2)
    _merged_line(ws, 1, table.title, width, Font(name=FONT, size=16, bold=True), CENTRE, 30)
    half = max(1, width // 2)
    set_cell_text(ws.cell(2, 1), f"填报单位：{table.unit}")
    set_cell_text(ws.cell(2, half + 1), f"日期：{table.date}")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=half)
    ws.merge_cells(start_row=2, start_column=half + 1, end_row=2, end_column=width)
    ws.cell(2, 1).font = ws.cell(2, half + 1).font = Font(name=FONT)
    ws.cell(2, half + 1).alignment = Alignment(horizontal="right", vertical="center")
    _merged_line(ws, 3, table.source, width, Font(name=FONT, size=9, color="595959"), WRAP, None)
    for col, text in enumerate(table.headers, start=1):
        cell = ws.cell(HEADER_ROW, col)
        set_cell_text(cell, text)
        cell.font, cell.alignment, cell.border, cell.fill = Font(name=FONT, bold=True), CENTRE, BORDER, HEADER_FILL
    for r, values in enumerate(table.rows, start=HEADER_ROW + 1):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col)
            set_cell_text(cell, value)
            cell.font, cell.border = Font(name=FONT), BORDER
            cell.alignment = CENTRE if col == 1 else WRAP
    widths = column_widths(table.headers, table.rows)
    for col, size in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = size
    ws.row_dimensions[3].height = estimated_height([table.source], [sum(widths)])
    ws.row_dimensions[HEADER_ROW].height = estimated_height(list(table.headers), widths)
    for r, values in enumerate(table.rows, start=HEADER_ROW + 1):
        ws.row_dimensions[r].height = estimated_height(list(values), widths)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1).coordinate
    ws.print_title_rows = f"1:{HEADER_ROW}"
    print_setup(ws)


def _merged_line(ws: Worksheet, row: int, text: str, width: int, font: Font, alignment: Alignment,
                 height: float | None) -> None:
    set_cell_text(ws.cell(row, 1), text)
    ws.cell(row, 1).font, ws.cell(row, 1).alignment = font, alignment
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    if height:
        ws.row_dimensions[row].height = height


def print_setup(ws: Worksheet) -> None:
    """A4 landscape, fitted to the page width, centred: a list prints as it is."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Each column as wide as its header or its widest line of content (a Chinese character counts two),
    within bounds: long text wraps instead of widening the page."""
    widths = [display_width(h) + 2 for h in headers]
    for row in rows:
        for col, value in enumerate(row[:len(widths)]):
            if value is not None:
                longest = max((display_width(line) for line in str(value).split("\n")), default=0)
                widths[col] = max(widths[col], longest + 2)
    return [min(MAX_WIDTH, max(MIN_WIDTH, float(w))) for w in widths]


def estimated_height(values: Sequence[Any], widths: Sequence[float]) -> float:
    """A row's height for its wrapped text. Excel and LibreOffice do not grow rows for wrapped text on
    opening (a long cell prints cut off), so the lines are estimated: a Chinese character takes about two
    units of column width."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and value:
            per_line = max(1, int((width - 1) / 2))
            lines = max(lines, sum(-(-display_width(part) // (2 * per_line)) or 1 for part in value.split("\n")))
    return min(409.0, lines * LINE_HEIGHT + 4)


def display_width(text: str) -> int:
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in text)
