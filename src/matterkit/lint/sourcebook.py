"""Copies of source workbooks for `--annotate` and `--fix`: never the input itself.

An xlsx/xlsm source is loaded with openpyxl (formatting kept); xls, ods and CSV sources become an xlsx copy
built from their rows at the same positions, so that every finding's row and cell still points right.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from matterkit import atomic
from matterkit.lint.findings import Finding
from matterkit.safety import safe_filename, set_cell_text

OPENPYXL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SHEET = "Sheet1"


def by_file(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.location.file].append(finding)
    return dict(grouped)


def locate(given: str, base_dirs: Iterable[Path] = ()) -> Path | None:
    """The source file a finding names (as given at import), looked up as is, then under `base_dirs`."""
    path = Path(given)
    if path.is_file():
        return path
    for base in base_dirs:
        if (base / given).is_file():
            return base / given
    return None


def open_copy(path: Path) -> Workbook:
    """An editable workbook with the source's content; the source file is only read."""
    if path.suffix.lower() in OPENPYXL_SUFFIXES and zipfile.is_zipfile(path):
        try:
            return load_workbook(path, keep_vba=False, rich_text=False)
        except Exception:  # noqa: BLE001, S110 - openpyxl cannot edit it: rebuild it from its rows below
            pass
    return _copy_from_rows(path)


def _copy_from_rows(path: Path) -> Workbook:
    from matterkit.readers import open_sheets

    workbook = Workbook()
    workbook.remove(workbook.active)
    for raw in open_sheets(path):
        sheet = workbook.create_sheet(raw.name or CSV_SHEET)
        for r, row in enumerate(raw.rows, start=raw.first_row):
            for c, value in enumerate(row, start=raw.first_col):
                if value is not None and value != "":
                    set_cell_text(sheet.cell(row=r, column=c), value if isinstance(value, int | float | str)
                                  else str(value))
    if not workbook.sheetnames:
        workbook.create_sheet(CSV_SHEET)
    return workbook


def sheet_for(workbook: Workbook, finding: Finding) -> Worksheet | None:
    name = finding.location.sheet
    if name and name in workbook.sheetnames:
        return workbook[name]
    return workbook.worksheets[0] if finding.location.sheet is None else None


def merged_anchor(sheet: Worksheet, ref: str) -> str:
    """The cell that holds a value merged over `ref` (the block's top-left), or `ref` itself: the other cells of a
    block can hold neither a comment nor a fill, and a department's value merged down over sub-items is one
    cell to correct."""
    if not sheet.merged_cells.ranges or not isinstance(sheet[ref], MergedCell):
        return ref
    block = next((r for r in sheet.merged_cells.ranges if ref in r), None)
    return block.start_cell.coordinate if block is not None else ref


def output_path(source: Path, out_dir: Path, label: str, taken: set[str]) -> Path:
    """`<stem>（label）.xlsx` in out_dir, safe and unique, and never the source itself."""
    base = safe_filename(f"{source.stem}（{label}）")
    name, n = f"{base}.xlsx", 2
    while name in taken or (out_dir / name).resolve() == source.resolve():
        name, n = f"{base}_{n}.xlsx", n + 1
    taken.add(name)
    return out_dir / name


def save(workbook: Workbook, target: Path) -> None:
    atomic.write_with(target, lambda tmp: workbook.save(tmp))
