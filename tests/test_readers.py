"""Reading real spreadsheet files of every format a county receives."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from matterkit.readers import open_sheets
from workbook_builders import (
    convert_with_soffice,
    department_list,
    edit_sheet_xml,
    rewrite_zip,
    simple_workbook,
    soffice,
    write_csv,
    write_rows,
    write_xls_with_xlwt,
)

ROWS = [["事项名称", "实施主体", "法定时限"], ["公共场所卫生许可", "县卫生健康局", 20], ["残疾人证办理", "县残联", 15]]

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


def rows_of(path: Path) -> list[list[object]]:
    (sheet,) = open_sheets(path)
    return [list(row) for row in sheet.rows]


def test_xlsx_sheet_that_starts_below_and_right_reports_its_offset(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    write_rows(wb.active, ROWS, start_row=3, start_col=2)
    wb.save(tmp_path / "offset.xlsx")

    (sheet,) = open_sheets(tmp_path / "offset.xlsx")

    assert (sheet.first_row, sheet.first_col) == (3, 2)
    rows = list(sheet.rows)
    assert rows[0] == ["事项名称", "实施主体", "法定时限"]
    assert rows[1] == ["公共场所卫生许可", "县卫生健康局", 20.0]  # numbers as read: floats


def test_merged_ranges_are_absolute_and_zero_based(tmp_path: Path) -> None:
    (sheet,) = open_sheets(department_list(tmp_path / "dept.xlsx"))

    assert ((0, 0), (0, 11)) in sheet.merged  # title A1:L1
    assert ((2, 4), (2, 5)) in sheet.merged  # 办结时限 E3:F3
    assert ((5, 1), (7, 1)) in sheet.merged  # department B6:B8


def test_hidden_sheet_is_read_and_marked(tmp_path: Path) -> None:
    path = simple_workbook(tmp_path / "h.xlsx", {"清单": ROWS, "旧版": ROWS}, hidden=["旧版"])

    sheets = open_sheets(path)

    assert [(s.name, s.hidden) for s in sheets] == [("清单", False), ("旧版", True)]
    assert list(sheets[1].rows)[1][0] == "公共场所卫生许可"


def test_xlsx_claiming_the_whole_sheet_as_dimension_reads_only_its_data(tmp_path: Path) -> None:
    source = simple_workbook(tmp_path / "small.xlsx", {"清单": ROWS})
    huge = edit_sheet_xml(source, tmp_path / "huge.xlsx",
                          lambda xml: xml.replace(b'<dimension ref="A1:C3"/>', b'<dimension ref="A1:XFD1048576"/>'))
    assert b"XFD1048576" in __import__("zipfile").ZipFile(huge).read("xl/worksheets/sheet1.xml")

    assert rows_of(huge) == [ROWS[0], ["公共场所卫生许可", "县卫生健康局", 20.0], ["残疾人证办理", "县残联", 15.0]]


def test_xlsm_data_is_read_and_a_note_says_macros_did_not_run(tmp_path: Path) -> None:
    source = simple_workbook(tmp_path / "plain.xlsx", {"清单": ROWS})
    xlsm = rewrite_zip(source, tmp_path / "macro.xlsm", lambda name, data: data,
                       add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really vba"})

    (sheet,) = open_sheets(xlsm)

    assert list(sheet.rows)[1][0] == "公共场所卫生许可"
    assert any("宏" in note for note in sheet.notes)


def test_renamed_file_is_read_by_its_content_not_its_extension(tmp_path: Path) -> None:
    source = simple_workbook(tmp_path / "real.xlsx", {"清单": ROWS})
    disguised = tmp_path / "清单.csv"
    shutil.copy(source, disguised)

    (sheet,) = open_sheets(disguised)

    assert sheet.name == "清单"


@needs_soffice
@pytest.mark.parametrize(("fmt", "misleading_name"), [("ods", "清单.xlsx"), ("xls", "清单.csv"), ("xlsx", "清单.ods")])
def test_misnamed_workbooks_of_every_format_are_read(tmp_path: Path, fmt: str, misleading_name: str) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "清单"
    write_rows(wb.active, ROWS)
    wb.active.merge_cells("A4:C4")
    wb.save(tmp_path / "source.xlsx")
    converted = convert_with_soffice(tmp_path / "source.xlsx", fmt, tmp_path / "out")
    misnamed = tmp_path / misleading_name
    shutil.copy(converted, misnamed)

    (sheet,) = open_sheets(misnamed)

    assert list(sheet.rows)[1][:2] == ["公共场所卫生许可", "县卫生健康局"]
    assert ((3, 0), (3, 2)) in sheet.merged


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_encoding_is_detected_and_noted(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "list.csv", ROWS, encoding=encoding)

    (sheet,) = open_sheets(path)

    assert sheet.name is None
    assert list(sheet.rows) == [ROWS[0], ["公共场所卫生许可", "县卫生健康局", "20"], ["残疾人证办理", "县残联", "15"]]
    expected = {"utf-8": "UTF-8", "utf-8-sig": "BOM", "gbk": "GB18030"}[encoding]
    assert any(expected in note for note in sheet.notes)


def test_gbk_text_late_in_a_long_file_is_still_detected(tmp_path: Path) -> None:
    rows = [ROWS[0]] + [["ascii only", "body", str(i)] for i in range(30000)] + [["最后一行", "县民政局", "1"]]
    path = write_csv(tmp_path / "late.csv", rows, encoding="gbk")

    (sheet,) = open_sheets(path)

    assert list(sheet.rows)[-1] == ["最后一行", "县民政局", "1"]


@pytest.mark.parametrize(("delimiter", "label"), [("\t", "制表符"), (";", "分号"), (",", "逗号")])
def test_csv_delimiter_is_sniffed(tmp_path: Path, delimiter: str, label: str) -> None:
    rows = [*ROWS, ["含逗号,的名称", "县局", "3"]] if delimiter != "," else ROWS
    path = write_csv(tmp_path / "list.txt", rows, delimiter=delimiter)

    (sheet,) = open_sheets(path)

    assert [row[0] for row in sheet.rows][0] == "事项名称"
    assert any(label in note for note in sheet.notes)


def test_ragged_csv_rows_are_kept_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("事项名称,实施主体,法定时限\n甲,县局\n乙,县局,5,多余\n", encoding="utf-8")

    assert rows_of(path) == [["事项名称", "实施主体", "法定时限"], ["甲", "县局"], ["乙", "县局", "5", "多余"]]


def test_excel_sep_line_declares_the_delimiter_and_is_not_a_row(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("sep=;\n事项名称;实施主体,备注;法定时限\n甲;县局;5\n", encoding="utf-8")

    assert rows_of(path) == [["事项名称", "实施主体,备注", "法定时限"], ["甲", "县局", "5"]]


def test_excel_unicode_text_export_in_utf16_is_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.txt", ROWS, encoding="utf-16", delimiter="\t")

    assert rows_of(path)[1] == ["公共场所卫生许可", "县卫生健康局", "20"]


def test_xls_written_by_xlwt_is_read(tmp_path: Path) -> None:
    path = write_xls_with_xlwt(tmp_path / "old.xls", {"清单": ROWS, "说明": [["填表说明"]]})

    sheets = open_sheets(path)

    assert [s.name for s in sheets] == ["清单", "说明"]
    assert list(sheets[0].rows)[2][:2] == ["残疾人证办理", "县残联"]


@needs_soffice
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_xls_and_ods_saved_by_libreoffice_are_read_with_offsets_and_hidden_sheets(tmp_path: Path, fmt: str) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    write_rows(ws, ROWS, start_row=2, start_col=2)
    ws.merge_cells("B5:C5")
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "旧数据"
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "source.xlsx")

    converted = convert_with_soffice(tmp_path / "source.xlsx", fmt, tmp_path / "out")
    sheets = open_sheets(converted)

    assert [(s.name, s.hidden) for s in sheets] == [("清单", False), ("隐藏", True)]
    main = sheets[0]
    assert (main.first_row, main.first_col) == (2, 2)
    rows = list(main.rows)
    assert rows[0] == ["事项名称", "实施主体", "法定时限"]
    assert rows[1][0] == "公共场所卫生许可" and rows[1][2] == 20
    assert ((4, 1), (4, 2)) in main.merged  # for ods read from content.xml: calamine reports none


@needs_soffice
def test_formula_cells_give_their_cached_values(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    write_rows(wb.active, [["事项名称", "法定时限", "承诺时限"], ["甲", 20, "=B2/2"]])
    wb.save(tmp_path / "formula.xlsx")
    recalculated = convert_with_soffice(tmp_path / "formula.xlsx", "xlsx", tmp_path / "lo")

    assert rows_of(recalculated)[1] == ["甲", 20.0, 10.0]
