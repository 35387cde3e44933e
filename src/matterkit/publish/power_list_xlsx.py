"""Writes the power-and-responsibility list as a workbook: a summary sheet, then one sheet per department.

Print-ready: landscape A4, fit to width, header rows repeated on every page, header frozen. Every value
from input goes through `safety.set_cell_text`, so text like `=HYPERLINK(...)` stays text.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from matterkit import atomic
from matterkit.publish.config import PublishConfig
from matterkit.publish.power_list import COLUMNS, Power, PowerSheet, categories_present
from matterkit.publish.reproducible import normalise_office_zip
from matterkit.render.printable_xlsx import estimated_height, print_setup
from matterkit.safety import set_cell_text

FONT = "宋体"
WIDTHS = (5, 16, 22, 14, 9, 30, 14, 44, 44, 12)
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
DEFAULT_FILL = PatternFill("solid", fgColor="F2F2F2")
# Columns merged over a power's rows: always the serial, name and type; the others when all rows agree.
ALWAYS_MERGED = (1, 3, 5)
MERGED_IF_EQUAL = (2, 6, 7, 8, 9)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")


def write_power_list(sheets: list[PowerSheet], target: Path, *, config: PublishConfig, title: str,
                     stamp: datetime) -> Path:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "汇总"
    _summary_sheet(summary, sheets, config, title)
    taken = {"汇总"}
    for sheet in sheets:
        _power_sheet(workbook.create_sheet(_sheet_title(sheet.name, taken)), sheet, title)
    naive = stamp.replace(tzinfo=None)
    workbook.properties.created = workbook.properties.modified = naive
    workbook.properties.creator = "matterkit"
    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic.write_bytes(target, normalise_office_zip(buffer.getvalue(), stamp))
    return target


def _sheet_title(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\' and unique regardless of case."""
    base = _SHEET_FORBIDDEN.sub("_", name).strip() or "未命名"
    candidate, n = base[:31], 2
    while candidate.casefold() in taken:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.casefold())
    return candidate


def _title_row(ws: Worksheet, text: str, width: int) -> None:
    set_cell_text(ws.cell(1, 1), text)
    ws.cell(1, 1).font = Font(name=FONT, size=16, bold=True)
    ws.cell(1, 1).alignment = CENTRE
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 30


def _header_row(ws: Worksheet, headers: tuple[str, ...] | list[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(2, col)
        set_cell_text(cell, text)
        cell.font, cell.alignment, cell.border, cell.fill = Font(name=FONT, bold=True), CENTRE, BORDER, HEADER_FILL
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"


def _power_sheet(ws: Worksheet, sheet: PowerSheet, title: str) -> None:
    _title_row(ws, f"{sheet.name}{title}", len(COLUMNS))
    _header_row(ws, COLUMNS)
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    row = 3
    for power in sheet.powers:
        row = _write_power(ws, power, row)
    print_setup(ws)


def _write_power(ws: Worksheet, power: Power, first: int) -> int:
    for offset, item in enumerate(power.rows):
        values = (power.serial, item.code, power.name, item.sub_item, power.category, item.basis, item.body,
                  item.responsibilities, item.accountability, item.notes)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(first + offset, col)
            set_cell_text(cell, value)
            cell.font, cell.border = Font(name=FONT), BORDER
            cell.alignment = CENTRE if col in (1, 5) else WRAP
        for col, key in ((8, "responsibilities"), (9, "accountability")):
            if key in item.defaulted:
                ws.cell(first + offset, col).font = Font(name=FONT, italic=True, color="595959")
                ws.cell(first + offset, col).fill = DEFAULT_FILL
    for offset in range(len(power.rows)):
        ws.row_dimensions[first + offset].height = _row_height(ws, first + offset)
    last = first + len(power.rows) - 1
    if last > first:
        _merge_power(ws, power, first, last)
    return last + 1


def _row_height(ws: Worksheet, row: int) -> float:
    return estimated_height([ws.cell(row, col).value for col in range(1, len(WIDTHS) + 1)], WIDTHS)


def _merge_power(ws: Worksheet, power: Power, first: int, last: int) -> None:
    for col in ALWAYS_MERGED:
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)
    for col in MERGED_IF_EQUAL:
        values = {ws.cell(r, col).value for r in range(first, last + 1)}
        if len(values) == 1:
            ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)


def _summary_sheet(ws: Worksheet, sheets: list[PowerSheet], config: PublishConfig, title: str) -> None:
    categories = categories_present(sheets, config)
    headers = ["部门（乡镇）", *categories, "合计"]
    _title_row(ws, f"{title}汇总（职权项数）", len(headers))
    _header_row(ws, headers)
    ws.column_dimensions["A"].width = 28
    for col in range(2, len(headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 10
    counts = [[*(s.count(c) for c in categories), len(s.powers)] for s in sheets]
    rows: list[list[object]] = [[s.name, *c] for s, c in zip(sheets, counts, strict=True)]
    totals: list[object] = ["合计", *(sum(column) for column in zip(*counts, strict=True))] if counts else ["合计"]
    for r, values in enumerate([*rows, totals], start=3):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col)
            set_cell_text(cell, value)
            cell.font = Font(name=FONT, bold=values is totals)
            cell.border, cell.alignment = BORDER, WRAP if col == 1 else CENTRE
    print_setup(ws)
