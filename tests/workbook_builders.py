"""Building real spreadsheet files in code, for tests of every stage that reads them.

`department_list(path)` writes the kind of sheet a department sends in: a title row, a "填报单位：…"
line, a two-row header with merged groups, a department column merged down, a row of column numbers,
notes, a repeated header and a subtotal. The other helpers write rows to xlsx/CSV/xls, convert with
LibreOffice and edit a workbook's XML the way a hostile or sloppy producer would.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

Row = Sequence[Any]

TITLE = "XX县民政局政务服务事项实施清单"
FILLER_LINE = ["填报单位：XX县民政局", None, None, None, None, "填报日期：2024年5月1日"]
TOP_HEADER = ["序号", "主管部门", "事项名称（全称）", "事项类型", "办结时限（工作日）", None, "收费", None, None,
              "设定依据", "申请材料", "备注"]
SUB_HEADER = [None, None, None, None, "法定", "承诺", "是否收费", "收费标准", "收费依据", None, None, None]
HEADER_MERGES = ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:I3", "J3:J4", "K3:K4", "L3:L4"]
MATTERS = [
    [1, "县民政局", "城乡最低生活保障对象认定", "行政确认", 30, 20, "否", None, None,
     "《社会救助暂行办法》（国务院令第649号）第十一条", "1.申请表\n2.身份证", None],
    [2, None, "临时救助对象认定", "行政给付", 20, 10, "否", None, None, "《社会救助暂行办法》第四十八条",
     "1.申请书；2.身份证", None],
    [3, None, "老年人优待证办理", "公共服务", 10, 1.0, "否", None, None, "《老年人权益保障法》", "身份证", "村级代办"],
]


def write_rows(ws: Worksheet, rows: Sequence[Row], *, start_row: int = 1, start_col: int = 1) -> None:
    for r, row in enumerate(rows, start=start_row):
        for c, value in enumerate(row, start=start_col):
            if value is not None:
                ws.cell(row=r, column=c, value=value)


def simple_workbook(path: Path, sheets: dict[str, Sequence[Row]], *, hidden: Sequence[str] = ()) -> Path:
    """A workbook with one sheet per entry, rows written from A1; `hidden` sheets are hidden."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        write_rows(ws, rows)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def department_list(path: Path, *, sheet: str = "实施清单", extra_sheets: dict[str, Sequence[Row]] | None = None) -> Path:
    """The realistic department sheet described in the module docstring (data rows 6–8 and 12)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    add_department_sheet(ws)
    for name, rows in (extra_sheets or {}).items():
        write_rows(wb.create_sheet(name), rows)
    wb.save(path)
    return path


def add_department_sheet(ws: Worksheet) -> None:
    rows: list[Row] = [
        [TITLE],                                                      # 1 title
        FILLER_LINE,                                                  # 2 填报单位 line
        TOP_HEADER,                                                   # 3 header, top
        SUB_HEADER,                                                   # 4 header, sub
        list(range(1, 13)),                                           # 5 column numbers
        *MATTERS,                                                     # 6-8 (B6:B8 merged)
        ["注：时限单位为工作日。"],                                     # 9 notes, merged across
        TOP_HEADER,                                                   # 10 repeated header (next page)
        SUB_HEADER,                                                   # 11
        [4, "县残联", "残疾人证办理", "行政确认", 20, 15, "否", None, None, "《残疾人保障法》", "身份证", None],  # 12
        [None] * 12,                                                  # 13 blank
        ["合计", None, "4项"],                                         # 14 subtotal
        [5],                                                          # 15 only a 序号
    ]
    write_rows(ws, rows)
    ws.merge_cells("A1:L1")
    for ref in HEADER_MERGES:
        ws.merge_cells(ref)
    ws.merge_cells("B6:B8")
    ws.merge_cells("A9:L9")
    for ref in HEADER_MERGES:  # the header repeated at rows 10-11
        ws.merge_cells(shift_rows(ref, 7))


def shift_rows(ref: str, rows: int) -> str:
    """A cell or range reference moved down by `rows` ("A3:A4", 7 -> "A10:A11")."""
    return re.sub(r"\d+", lambda m: str(int(m.group()) + rows), ref)


def write_csv(path: Path, rows: Sequence[Row], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xls_with_xlwt(path: Path, sheets: dict[str, Sequence[Row]]) -> Path:
    import xlwt  # type: ignore[import-untyped]

    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        ws = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.write(r, c, value)
    book.save(str(path))
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_soffice(source: Path, target_format: str, out_dir: Path) -> Path:
    """LibreOffice's own conversion (`xls`, `ods`, `xlsx` …) of a file; raises if it produced nothing."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / ".lo-profile"
    subprocess.run(
        [soffice() or "soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
         "--convert-to", target_format, "--outdir", str(out_dir), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    produced = out_dir / f"{source.stem}.{target_format.split(':')[0]}"
    if not produced.exists():
        raise FileNotFoundError(produced)
    return produced


def rewrite_zip(source: Path, target: Path, transform: Callable[[str, bytes], bytes | None],
                *, add: dict[str, bytes] | None = None) -> Path:
    """Copy a zip, passing each member through `transform(name, data)`; None drops the member."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = transform(info.filename, src.read(info.filename))
            if data is not None:
                out.writestr(info.filename, data)
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return target


def edit_sheet_xml(source: Path, target: Path, edit: Callable[[bytes], bytes]) -> Path:
    """Copy an xlsx with every worksheet's XML passed through `edit`."""
    return rewrite_zip(source, target,
                       lambda name, data: edit(data) if name.startswith("xl/worksheets/sheet") else data)
