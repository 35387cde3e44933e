"""Finding the header of a department's sheet and sorting its rows, on real files."""

from __future__ import annotations

import string
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matterkit.elements import default_registry
from matterkit.rawtypes import DataRow, RawSheet, SkippedRow
from matterkit.readers import open_sheets
from matterkit.recognise import RecognisedSheet, recognise_sheet
from workbook_builders import (
    convert_with_soffice,
    department_list,
    simple_workbook,
    soffice,
    write_csv,
    write_rows,
)

REGISTRY = default_registry()


def recognise_file(path: Path) -> list[RecognisedSheet | None]:
    return [recognise_sheet(sheet, REGISTRY) for sheet in open_sheets(path)]


def only(path: Path) -> tuple[RecognisedSheet, list[DataRow], list[SkippedRow]]:
    (recognised,) = recognise_file(path)
    assert recognised is not None
    items = list(recognised.rows)
    return (recognised, [i for i in items if isinstance(i, DataRow)],
            [i for i in items if isinstance(i, SkippedRow)])


def test_department_sheet_with_title_two_row_header_and_merged_department(tmp_path: Path) -> None:
    recognised, data, skipped = only(department_list(tmp_path / "民政局.xlsx"))

    header = recognised.header
    assert (header.row, header.rows) == (4, 2)
    assert header.mapping == {
        "序号": "seq", "主管部门": "department", "事项名称（全称）": "name", "事项类型": "type",
        "办结时限（工作日）/法定": "legal_limit", "办结时限（工作日）/承诺": "promised_limit",
        "收费/是否收费": "fee", "收费/收费标准": "fee_standard", "收费/收费依据": "fee_basis",
        "设定依据": "legal_basis", "申请材料": "materials", "备注": "notes",
    }
    assert recognised.unmapped == []
    assert any("XX县民政局政务服务事项实施清单" in note and "填报单位" in note for note in recognised.notes)

    assert [row.row for row in data] == [6, 7, 8, 12]
    assert [row.cells["name"].value for row in data] == ["城乡最低生活保障对象认定", "临时救助对象认定",
                                                         "老年人优待证办理", "残疾人证办理"]
    assert [row.cells["department"].value for row in data] == ["县民政局", "县民政局", "县民政局", "县残联"]
    assert data[1].cells["department"].cell == "B7"
    assert data[0].cells["legal_limit"].value == 30.0 and data[0].cells["legal_limit"].cell == "E6"
    assert data[2].cells["promised_limit"].value == 1.0  # as read; normalising is a later stage

    assert [(s.row, s.reason) for s in skipped] == [
        (5, "column_numbers"), (9, "notes"), (10, "repeated_header"), (11, "repeated_header"),
        (13, "blank"), (14, "subtotal"), (15, "no_data"),
    ]
    assert skipped[1].text.startswith("注：时限单位")


def test_alias_wording_of_headers_is_recognised(tmp_path: Path) -> None:
    rows = [["事项名称\n（全称）", "实施机关", "法律依据", "申报材料", "法定时限（工作日）", "★承诺 时限*"],
            ["公共场所卫生许可", "县卫生健康局", "《公共场所卫生管理条例》第四条", "申请表", 20, 1]]
    recognised, data, _ = only(simple_workbook(tmp_path / "aliases.xlsx", {"清单": rows}))

    assert [c.key for c in recognised.header.columns] == [
        "name", "body", "legal_basis", "materials", "legal_limit", "promised_limit"]
    assert data[0].cells["materials"].value == "申请表"
    assert recognised.header.columns[0].header == "事项名称（全称）"


def test_filler_line_with_labels_in_their_own_cells_is_not_taken_for_a_header_row(tmp_path: Path) -> None:
    rows = [["XX县市场监督管理局政务服务事项实施清单"],
            ["填报单位：", "XX县市场监督管理局", "联系电话：", "0571-1234567", "填报日期：", "2024-05-01"],
            ["序号", "事项名称", "实施主体", "设定依据", "法定时限", "承诺时限"],
            [1, "个体工商户登记注册", "XX县市场监督管理局", "《市场主体登记管理条例》", 15, 3]]
    recognised, data, _ = only(simple_workbook(tmp_path / "filler.xlsx", {"清单": rows}))

    assert (recognised.header.row, recognised.header.rows) == (3, 1)
    assert [c.header for c in recognised.header.columns] == ["序号", "事项名称", "实施主体", "设定依据", "法定时限",
                                                           "承诺时限"]
    assert [row.row for row in data] == [4]


def test_alias_with_a_generic_qualifier_is_recognised_and_noted(tmp_path: Path) -> None:
    rows = [["事项名称", "实施主体", "具体办理地点", "受理条件内容", "设定依据及具体条款"],
            ["残疾人证办理", "县残联", "政务大厅3号窗口", "持证残疾人", "《残疾人保障法》"]]
    recognised, _, _ = only(simple_workbook(tmp_path / "qualified.xlsx", {"清单": rows}))

    assert recognised.header.mapping == {"事项名称": "name", "实施主体": "body", "具体办理地点": "location",
                                         "受理条件内容": "conditions", "设定依据及具体条款": "legal_basis"}
    assert any("具体办理地点" in note and "近似" in note for note in recognised.notes)


def test_unknown_header_stays_unmapped_and_its_values_are_kept_as_extra_fields(tmp_path: Path) -> None:
    rows = [["事项名称", "实施主体", "设定依据", "联络员", "类型名称"],
            ["残疾人证办理", "县残联", "《残疾人保障法》", "张三", "许可"]]
    recognised, data, _ = only(simple_workbook(tmp_path / "unknown.xlsx", {"清单": rows}))

    # "类型名称" must not become 事项类型 through the fallback: the stem "类型" is too short to trust
    assert recognised.unmapped == ["联络员", "类型名称"]
    assert data[0].extra["联络员"].value == "张三" and data[0].extra["联络员"].cell == "D2"
    assert "type" not in data[0].cells


def test_materials_group_over_a_name_column_is_not_taken_for_the_matter_name(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    write_rows(ws, [["事项名称", "实施主体", "申请材料", None, "设定依据"],
                    [None, None, "名称", "份数", None],
                    ["残疾人证办理", "县残联", "身份证", 1, "《残疾人保障法》"]])
    for ref in ("A1:A2", "B1:B2", "C1:D1", "E1:E2"):
        ws.merge_cells(ref)
    wb.save(tmp_path / "materials.xlsx")

    recognised, data, _ = only(tmp_path / "materials.xlsx")

    assert recognised.header.mapping["申请材料/名称"] == "materials"
    assert recognised.header.mapping["申请材料/份数"] is None
    assert data[0].cells["name"].value == "残疾人证办理"


def test_duplicate_header_keeps_the_first_column_and_notes_the_second(tmp_path: Path) -> None:
    rows = [["事项名称", "实施主体", "设定依据", "法律依据"],
            ["残疾人证办理", "县残联", "《残疾人保障法》", "《残疾人证管理办法》"]]
    recognised, data, _ = only(simple_workbook(tmp_path / "dup.xlsx", {"清单": rows}))

    second = recognised.header.columns[3]
    assert second.key is None and second.note and "重复" in second.note
    assert data[0].cells["legal_basis"].value == "《残疾人保障法》"
    assert data[0].extra["法律依据"].value == "《残疾人证管理办法》"
    assert "法律依据" not in recognised.unmapped


def test_instructions_sheet_is_skipped_and_list_sheet_is_read(tmp_path: Path) -> None:
    instructions = [["填表说明"], ["1. 事项名称：填写全称"], ["2. 实施主体：填写单位全称"], ["3. 设定依据：写明条款"]]
    path = department_list(tmp_path / "multi.xlsx", extra_sheets={"填表说明": instructions, "附件": [["附件1"]]})

    results = recognise_file(path)

    assert results[0] is not None and results[0].sheet_name == "实施清单"
    assert results[1] is None and results[2] is None


def test_csv_two_row_header_written_without_merges(tmp_path: Path) -> None:
    rows = [["事项名称", "实施主体", "办结时限", "", "收费", ""],
            ["", "", "法定", "承诺", "是否收费", "收费标准"],
            ["残疾人证办理", "县残联", "20", "15", "否", ""]]
    recognised, data, _ = only(write_csv(tmp_path / "two-row.csv", rows, encoding="gbk"))

    assert (recognised.header.row, recognised.header.rows) == (2, 2)
    assert recognised.header.mapping == {"事项名称": "name", "实施主体": "body", "办结时限/法定": "legal_limit",
                                         "办结时限/承诺": "promised_limit", "收费/是否收费": "fee",
                                         "收费/收费标准": "fee_standard"}
    assert data[0].cells["promised_limit"] == data[0].cells["promised_limit"].__class__("15", None)
    assert all(c.letter is None for c in recognised.header.columns)


def test_heading_rows_spanning_the_sheet_are_not_matters(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    write_rows(ws, [["序号", "职权名称", "职权类型", "实施依据", "实施主体"],
                    ["一、行政许可（共1项）"],
                    [1, "公共场所卫生许可", "行政许可", "《公共场所卫生管理条例》第四条", "县卫生健康局"],
                    ["填表人：李四", None, None, "审核人：王五"]])
    ws.merge_cells("A2:E2")
    wb.save(tmp_path / "power.xlsx")

    recognised, data, skipped = only(tmp_path / "power.xlsx")

    assert [row.row for row in data] == [3]
    assert [(s.row, s.reason) for s in skipped] == [(2, "notes"), (4, "notes")]
    assert recognised.header.mapping["实施依据"] == "impl_basis"


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_department_sheet_saved_by_libreoffice_is_recognised_the_same(tmp_path: Path, fmt: str) -> None:
    converted = convert_with_soffice(department_list(tmp_path / "民政局.xlsx"), fmt, tmp_path / "out")

    recognised, data, skipped = only(converted)

    assert (recognised.header.row, recognised.header.rows) == (4, 2)
    assert [row.cells["department"].value for row in data] == ["县民政局", "县民政局", "县民政局", "县残联"]
    assert [s.reason for s in skipped] == ["column_numbers", "notes", "repeated_header", "repeated_header",
                                           "blank", "subtotal", "no_data"]


# ---- properties -----------------------------------------------------------------------------------

HEADER = ["序号", "事项名称", "实施主体", "设定依据", "法定办结时限", "承诺办结时限"]
cell_text = st.text(alphabet=string.ascii_letters + string.digits + "事项名称主体依据时限：注合计 ", max_size=8)
grids = st.lists(st.lists(st.one_of(st.none(), cell_text, st.floats(allow_nan=False)), max_size=8), max_size=12)


def sheet_of(rows: list[list[object]]) -> RawSheet:
    return RawSheet(name="清单", rows=iter(rows))


@settings(max_examples=200, deadline=None)
@given(grids)
def test_recognition_never_crashes_on_arbitrary_small_grids(rows: list[list[object]]) -> None:
    recognised = recognise_sheet(sheet_of(rows), REGISTRY)
    if recognised is not None:
        items = list(recognised.rows)
        assert all(isinstance(i, DataRow | SkippedRow) for i in items)
        assert [i.row for i in items] == sorted(i.row for i in items)


titles = st.lists(st.lists(st.one_of(st.none(), cell_text, st.sampled_from(
    ["XX县政务服务事项实施清单", "填报单位：XX县民政局", "填报日期：2024年", "单位：个", "附表1"])), max_size=4),
    max_size=6)


@settings(max_examples=200, deadline=None)
@given(titles, st.lists(st.lists(cell_text, min_size=6, max_size=6), max_size=5))
def test_planted_header_is_found_under_random_title_rows(above: list[list[object]], body: list[list[str]]) -> None:
    rows = [*above, list(HEADER), *body]

    recognised = recognise_sheet(sheet_of(rows), REGISTRY)

    assert recognised is not None
    assert recognised.header.row == len(above) + 1
    assert [c.key for c in recognised.header.columns] == [
        "seq", "name", "body", "legal_basis", "legal_limit", "promised_limit"]
