"""Grids into files: .xlsx (openpyxl), .xls (xlwt), CSV in GBK or UTF-8 with BOM.

Every file is byte-for-byte reproducible: workbook properties carry a fixed date and the xlsx zip
entries a fixed time stamp (openpyxl would stamp the current time).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import xlwt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from matterkit import atomic
from matterkit.example.grid import INSTRUCTIONS, Grid
from matterkit.safety import inert_csv_field, set_cell_text

FIXED_TIME = dt.datetime(2026, 3, 15, 9, 0, 0)
_ZIP_TIME = (2026, 3, 15, 9, 0, 0)
_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")
_CSV_ENCODINGS = {"csv-gbk": "gbk", "csv-utf8-bom": "utf-8-sig"}


def write_grid(path: Path, grid: Grid, fmt: str, sheet_name: str, instructions: bool) -> None:
    if fmt == "xlsx":
        atomic.write_bytes(path, xlsx_bytes(grid, sheet_name, instructions))
    elif fmt == "xls":
        atomic.write_bytes(path, xls_bytes(grid, sheet_name, instructions))
    else:
        atomic.write_bytes(path, csv_bytes(grid, _CSV_ENCODINGS[fmt]))


def xlsx_bytes(grid: Grid, sheet_name: str, instructions: bool) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    for r, cells in enumerate(grid.rows, 1):
        for c, value in enumerate(cells, 1):
            if value is not None:
                set_cell_text(sheet.cell(row=r, column=c), value)
    for first_row, first_col, last_row, last_col in grid.merges:
        sheet.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)
    _style(sheet, grid)
    if instructions:
        notes = workbook.create_sheet("填表说明")
        for r, line in enumerate(INSTRUCTIONS, 1):
            notes.cell(row=r, column=1, value=line)
    workbook.properties.creator = "matterkit example"
    workbook.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible_zip(buffer.getvalue())


def _style(sheet: Any, grid: Grid) -> None:
    font = Font(name="宋体", size=10)
    wrap = Alignment(wrap_text=True, vertical="center")
    for c in range(1, grid.width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 16
    for cells in sheet.iter_rows(min_row=1, max_row=grid.header_row):
        for cell in cells:
            cell.font = Font(name="黑体", size=10, bold=True)
            cell.alignment = wrap
    for cells in sheet.iter_rows(min_row=grid.header_row + 1, max_row=len(grid.rows)):
        for cell in cells:
            cell.font = font
            cell.alignment = wrap


def _reproducible_zip(data: bytes) -> bytes:
    """The same package with fixed entry times and a fixed `modified` property."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = _MODIFIED.sub(rb"<dcterms:modified\1>" + stamp + rb"</dcterms:modified>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def xls_bytes(grid: Grid, sheet_name: str, instructions: bool) -> bytes:
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet(sheet_name)
    covered: set[tuple[int, int]] = set()
    for first_row, first_col, last_row, last_col in grid.merges:
        value = grid.rows[first_row - 1][first_col - 1]
        sheet.write_merge(first_row - 1, last_row - 1, first_col - 1, last_col - 1, value)
        covered |= {(r, c) for r in range(first_row, last_row + 1) for c in range(first_col, last_col + 1)}
    for r, cells in enumerate(grid.rows, 1):
        for c, value in enumerate(cells, 1):
            if value is not None and (r, c) not in covered:
                sheet.write(r - 1, c - 1, value)
    if instructions:
        notes = workbook.add_sheet("填表说明")
        for r, line in enumerate(INSTRUCTIONS):
            notes.write(r, 0, line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(grid: Grid, encoding: str) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    for cells in grid.rows:
        writer.writerow(["" if value is None else inert_csv_field(str(value)) for value in cells])
    return text.getvalue().encode(encoding)
