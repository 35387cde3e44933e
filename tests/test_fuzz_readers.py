"""Fuzzing the workbook readers: whatever a file holds, reading it gives sheets or one `InputFileError`.

hypothesis builds real workbooks (openpyxl, xlwt, CSV bytes) from random cell values, merges, sheet names
and headers, and damages valid files byte by byte or inside their XML. Every example goes through the
whole reading path of an import — `open_sheets`, every row, `recognise_sheet`, `build_matter` — and
`importer.read_file`, which must never raise at all. The example counts are bounded so the run stays
short in CI; `MATTERKIT_FUZZ=1` runs fifty times more.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from matterkit.codetables import default_code_tables
from matterkit.elements import default_registry
from matterkit.errors import InputFileError
from matterkit.importer import ImportOptions, read_file
from matterkit.model import Location
from matterkit.normalise import build_matter
from matterkit.rawtypes import DataRow
from matterkit.readers import open_sheets
from matterkit.recognise import recognise_sheet

_BOUNDED = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
# CI: a bounded run of each target. MATTERKIT_FUZZ=1 for a long run when a reader changes.
PROFILE = settings(max_examples=2000 if os.environ.get("MATTERKIT_FUZZ") else 40, **_BOUNDED)  # type: ignore[arg-type]

REGISTRY = default_registry()
CODE_TABLES = default_code_tables()
OPTIONS = ImportOptions(registry=REGISTRY, code_tables=CODE_TABLES, max_unzipped_bytes=64 * 1024**2)
LABELS = ["事项名称", "实施主体", "设定依据", "法定办结时限", "承诺办结时限", "申请材料", "是否收费", "收费标准",
          "办件类型", "事项类型", "基本编码", "实施编码", "行使层级", "到办事现场次数", "办理形式", "序号", "备注"]
ILLEGAL_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40).map(lambda s: ILLEGAL_IN_XML.sub("", s))
cell_values = st.one_of(
    st.none(), texts, st.sampled_from(LABELS), st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["是", "否", "即办件", "承诺件", "当场办结", "5个工作日", "1.申请表\n2.身份证", "#REF!", "=1+1",
                     "０００１２３０２００００", "12441500196720244T", "无", "/", "——"]),
)
grids = st.lists(st.lists(cell_values, max_size=12), min_size=0, max_size=25)
sheet_titles = st.text(st.characters(blacklist_characters="[]:*?/\\'", blacklist_categories=("Cs", "Cc")),
                       min_size=1, max_size=31).filter(lambda s: s.strip() == s and s.upper() != "HISTORY")


def read_everything(path: Path) -> None:
    """The whole reading path of an import; only InputFileError may come out of it."""
    try:
        sheets = open_sheets(path, max_unzipped_bytes=OPTIONS.max_unzipped_bytes)
        for sheet in sheets:
            recognised = recognise_sheet(sheet, REGISTRY)
            if recognised is None:
                for _ in sheet.rows:
                    pass
                continue
            for item in recognised.rows:
                if isinstance(item, DataRow):
                    build_matter(item, source=Location(file=str(path), sheet=sheet.name, row=item.row),
                                 registry=REGISTRY, code_tables=CODE_TABLES)
    except InputFileError as error:
        assert re.search(r"[\u4e00-\u9fff]", error.reason), error.reason
    result = read_file(path, str(path), OPTIONS)  # never raises: a failure is in the report
    assert result.report.status in ("ok", "failed")
    assert result.report.status == "ok" or result.report.error


def write_xlsx(path: Path, sheets: list[tuple[str, list[list[Any]]]], merges: list[tuple[int, int, int, int]]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for index, (title, rows) in enumerate(sheets):
        sheet = book.create_sheet(f"{title[:28]}{index}" if any(t == title for t, _ in sheets[:index]) else title)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                cell = sheet.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
        for top, left, height, width in merges:
            if rows:
                sheet.merge_cells(start_row=top, start_column=left, end_row=top + height, end_column=left + width)
    book.save(path)


@PROFILE
@given(sheets=st.lists(st.tuples(sheet_titles, grids), min_size=1, max_size=3),
       merges=st.lists(st.tuples(st.integers(1, 20), st.integers(1, 10), st.integers(0, 5), st.integers(0, 5)),
                       max_size=4))
def test_random_workbooks_are_read_or_refused_clearly(tmp_path: Path, sheets: list[tuple[str, list[list[Any]]]],
                                                      merges: list[tuple[int, int, int, int]]) -> None:
    titles = [t.lower() for t, _ in sheets]
    assume(len(set(titles)) == len(titles))
    path = tmp_path / "random.xlsx"
    write_xlsx(path, sheets, merges)
    read_everything(path)


@PROFILE
@given(header=st.lists(st.sampled_from(LABELS), min_size=3, max_size=10, unique=True), body=grids)
def test_random_rows_under_a_real_header_are_normalised_without_crashing(tmp_path: Path, header: list[str],
                                                                       body: list[list[Any]]) -> None:
    path = tmp_path / "list.xlsx"
    write_xlsx(path, [("清单", [["XX县政务服务事项实施清单"], header, *body])], [])
    read_everything(path)


@PROFILE
@given(rows=st.lists(st.lists(st.one_of(st.none(), texts, st.sampled_from(LABELS), st.integers(-10**6, 10**6)),
                              max_size=10), max_size=20))
def test_random_xls_files_are_read_or_refused_clearly(tmp_path: Path, rows: list[list[Any]]) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("清单")
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                sheet.write(r, c, value[:255] if isinstance(value, str) else value)
    path = tmp_path / "random.xls"
    book.save(str(path))
    read_everything(path)


@PROFILE
@given(text=st.text(max_size=600), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
       delimiter=st.sampled_from([",", "\t", ";"]), header=st.lists(st.sampled_from(LABELS), max_size=6))
def test_random_csv_text_is_read_or_refused_clearly(tmp_path: Path, text: str, encoding: str, delimiter: str,
                                                    header: list[str]) -> None:
    path = tmp_path / "random.csv"
    content = delimiter.join(header) + "\n" + text
    try:
        data = content.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
        return
    path.write_bytes(data)
    read_everything(path)


def _valid_xlsx() -> bytes:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "清单"
    for row in ([["事项名称", "实施主体", "法定办结时限", "申请材料"]]
                + [[f"事项{i}", "县民政局", i, "1.申请表\n2.身份证"] for i in range(20)]):
        sheet.append(row)
    sheet.merge_cells("B2:B5")
    book.save(buffer)
    return buffer.getvalue()


VALID_XLSX = _valid_xlsx()


@PROFILE
@given(edits=st.lists(st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_bytes_of_a_workbook_are_read_or_refused_clearly(tmp_path: Path, edits: list[tuple[int, int]]) -> None:
    data = bytearray(VALID_XLSX)
    for offset, value in edits:
        data[offset] = value
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    read_everything(path)


@PROFILE
@given(part=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml",
                             "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]),
       position=st.floats(0, 1), insert=st.sampled_from(
           [b"<", b">", b"&", b"&amp", b'"', b"<row r=\"0\">", b'<c r="XFD1">', b"</sheetData>", b"<!--",
            b'<c r="A1" t="s"><v>99</v></c>', b'<c r="A1" t="e"><v>#DIV/0!</v></c>', b'<row r="9999999">',
            b'<mergeCell ref="A1:XFD1048576"/>', b"\x00", b"\xff\xfe", "中".encode()]),
       cut=st.booleans())
def test_damaged_xml_inside_a_workbook_is_read_or_refused_clearly(tmp_path: Path, part: str, position: float,
                                                                  insert: bytes, cut: bool) -> None:
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(io.BytesIO(VALID_XLSX)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                at = int(position * len(data))
                data = data[:at] + insert + (b"" if cut else data[at:])
            out.writestr(info.filename, data)
    read_everything(path)
