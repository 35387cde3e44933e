"""build_matter reads each distinct (element, cell value) once and reuses the outcome: rows repeating a cell
still get their own values, lists and issues, exactly as if each row had been read alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from matterkit.codetables import default_code_tables
from matterkit.elements import default_registry
from matterkit.importer import ImportOptions, read_file
from matterkit.model import Matter

HEADERS = ["序号", "事项名称", "事项类型", "基本编码", "行使层级", "服务对象", "申请材料", "法定办结时限", "承诺办结时限",
           "是否收费", "办理地点", "备注"]
SHARED = ["许可", 123020000.0, "县级、县级", "自然人", "1、申请表（原件1份）\n2、身份证（复印件）", "20个工作日",
          "5个工作日（不含公示时间）", "按物价部门核定标准收取", "县政务服务中心", "甲"]


def write_list(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def read_matters(path: Path) -> list[Matter]:
    options = ImportOptions(registry=default_registry(), code_tables=default_code_tables())
    result = read_file(path, str(path), options)
    assert result.report.status == "ok", result.report
    return result.matters


def test_rows_repeating_every_cell_but_the_name_get_the_same_values_and_issues(tmp_path: Path) -> None:
    path = write_list(tmp_path / "县卫健局.xlsx",
                      [[i, f"公共场所卫生许可{i}", *SHARED] for i in range(1, 4)])
    first, second, third = read_matters(path)
    assert [m.name for m in (first, second, third)] == ["公共场所卫生许可1", "公共场所卫生许可2", "公共场所卫生许可3"]
    assert first.base_code == second.base_code == "000123020000"
    assert first.level == second.level == ["县级"]
    assert (second.legal_limit, second.promised_limit, second.limit_note) == (20, 5, "不含公示时间")
    assert [(m.name, m.kind, m.copies) for m in third.materials] == [("申请表", "原件", 1), ("身份证", "复印件", None)]
    for matter in (first, second, third):
        assert {(i.element, i.code) for i in matter.issues} == {
            ("base_code", "code_was_number"), ("level", "duplicate_values_removed"),
            ("promised_limit", "time_limit_note_separated"), ("fee", "fee_read_from_text"),
            ("type", "enum_synonym_mapped")}  # 许可 stored as 行政许可 is said (issue 13)
        assert [i.raw for i in matter.issues if i.element == "base_code"] == ["123020000"]
        assert [(f.name, f.standard) for f in matter.fees] == [(None, "按物价部门核定标准收取")]
    assert first.model_dump(exclude={"name", "source", "cells", "raw"}) == \
        second.model_dump(exclude={"name", "source", "cells", "raw"})


def test_a_row_changing_its_own_lists_leaves_the_other_rows_alone(tmp_path: Path) -> None:
    path = write_list(tmp_path / "县卫健局.xlsx", [[1, "甲事项", *SHARED], [2, "乙事项", *SHARED]])
    first, second = read_matters(path)
    first.level.append("乡镇级")
    first.materials[0].name = "改过的申请表"
    first.issues[0].detail = "改过"
    first.fees.clear()
    assert second.level == ["县级"]
    assert second.materials[0].name == "申请表"
    assert second.issues[0].detail != "改过"
    assert second.materials is not first.materials and second.issues is not first.issues
    assert third_read_is_unchanged(path)


def third_read_is_unchanged(path: Path) -> bool:
    """Reading the file again (every outcome now cached) gives the rows as they were first read."""
    again = read_matters(path)
    return again[0].level == ["县级"] and again[0].materials[0].name == "申请表"


def test_equal_values_of_different_types_are_read_by_their_own_type(tmp_path: Path) -> None:
    """1, 1.0 and True are equal dictionary keys; a cache keyed on the value alone would mix them up."""
    rows: list[list[object]] = [[i, f"事项{i}", *SHARED] for i in range(1, 5)]
    rows[0][HEADERS.index("备注")] = 1
    rows[1][HEADERS.index("备注")] = 1.5
    rows[2][HEADERS.index("备注")] = True
    rows[3][HEADERS.index("备注")] = dt.datetime(2024, 3, 15)
    matters = read_matters(write_list(tmp_path / "县卫健局.xlsx", rows))
    assert [m.raw["notes"] for m in matters] == ["1", "1.5", "TRUE", "2024-03-15"]
    assert [m.notes for m in matters] == ["1", "1.5", "TRUE", "2024-03-15"]
