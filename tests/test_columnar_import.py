"""Import for the store reads a sheet column by column and joins each row's store text from its cells' pieces
(columnar.py, issue #17); `read_paths` (lint FILE…, diff A B) builds one `Matter` a row with `build_matter`.
The two must store the same matters: every row of every workbook below is read both ways and compared as models,
with the store's own columns (level, body, department, name, codes) too.

The workbooks are real files in the shapes matterkit meets: the example county (xlsx, xls, GBK and UTF-8 CSV,
two-row and merged headers, planted defects), a Sichuan district's 事项目录 with dashed codes, and one list
with every cell that makes a row special: fee items, time-limit notes, lower-case and full-width codes, codes
typed as numbers or in scientific notation, placeholders, unknown columns, values right of the last header,
booleans and dates, blank and whitespace cells, notes and subtotal rows, cells merged down."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from tests.real_lists import credit_code, dashed_code, item_code, real_directory
from tests.workbook_builders import department_list, write_csv

from matterkit.codeschemes import default_code_schemes
from matterkit.codetables import default_code_tables
from matterkit.elements import default_registry
from matterkit.example import generate_example_county
from matterkit.importer import ImportOptions, expand_paths, read_file
from matterkit.model import Matter
from matterkit.store import stored_row

HEADER = ["序号", "事项名称", "事项类型", "基本编码", "实施编码", "实施主体", "实施部门", "行使层级", "法定办结时限",
          "承诺办结时限", "是否收费", "收费项目名称", "收费标准", "收费依据", "申请材料", "办理形式", "是否进驻大厅",
          "受理日期", "统一社会信用代码", "自定义列"]
SICHUAN_CODE = dashed_code(item_code(3, 7), credit_code(42))


def _tricky_rows() -> list[list[object]]:
    rows: list[list[object]] = [
        [1, "城镇食品经营许可", "行政许可", "000120001000", None, "青山县市场监督管理局", "青山县市场监督管理局",
         "县级", "20个工作日", "10个工作日", "否", None, None, None, "1.申请书（原件1份）\n2.营业执照（复印件1份）",
         "窗口办理、网上办理", "是", dt.datetime(2026, 3, 1), "11511602MB1234567X", "备注甲"],
        [2, "  名称前有空格", "行政确认", 120001000, None, "青山县民政局", None, "县级、乡镇级", "当场办结",
         "即办", "是", "证照工本费", "10元/本", "《收费管理办法》", "无", "/", True, None, "11511602mb1234567x", None],
        [3, "全角编码", "行政给付", "０００１２０００２０００", "1.23457E+11", "青山县民政局", "青山县民政局", "乡镇级",
         "20天", "15个工作日（不含公示时间）", "不收费", "", "", "", "身份证", "网上办理", "否", "2026-01-02",
         "NA", "  "],
        [4, "四川编码", "公共服务", SICHUAN_CODE, None, "青山县人社局", "青山县人社局", "村级", 20, 10.0, False,
         None, None, None, None, "窗口办理", "TRUE", None, "11511602MB1234567X", "", "右边的值"],
        ["注：以上事项按年度更新", None, None, None, None, None, None, None, None, None, None, None, None, None,
         None, None, None, None, None, None],
        [5, "小写编码", "其他行政权力", "abc123", "—", "青山县司法局", "青山县司法局", "县级", "—", "--", "收费",
         "甲；乙", "1元", "依据", "1、申请表\n2、身份证明", "窗口办理、不通办", "否", 45000, "无", "甲"],
        [6, "合并部门", "行政许可", "000120001001", None, "青山县司法局", None, "县级", 5, 3, "否", None, None, None,
         "申请书", "窗口办理", "否", None, "11511602MB1234567X", None],
        [7, "收费文字", "行政许可", "000120001002", None, "青山县司法局", "青山县司法局", "县级", "30个工作日（不含专家评审）",
         "20日", "按省定标准收取", None, None, None, "申请书", "窗口办理", "否", None, "11511602MB1234567X", None],
        [8, "不收费写在名称里", "行政许可", "000120001003", None, "青山县司法局", "青山县司法局", "县级", "即办件", 0,
         None, "不收费", None, None, "申请书", "窗口办理", "否", None, "11511602MB1234567X", None],
        ["合计", 8, None, None, None, None, None, None, None, None, None, None, None, None, None, None, None, None,
         None, None],
    ]
    return rows


def _tricky_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "实施清单"
    sheet.append(["青山县政务服务事项实施清单"])
    sheet.append(HEADER)
    for row in _tricky_rows():
        sheet.append(row)
    sheet.merge_cells("G8:G9")  # 实施部门 of rows 6 and 7 (spreadsheet rows 8 and 9) merged down
    book.save(path)
    return path


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("columnar")
    generate_example_county(root / "county")
    real_directory(root / "sichuan.xlsx")
    department_list(root / "department.xlsx")
    _tricky_workbook(root / "tricky.xlsx")
    write_csv(root / "tricky.csv", [HEADER, *[[("" if v is None else v) for v in row] for row in _tricky_rows()]],
              encoding="gbk")
    return list(expand_paths([root]))


def _compare(path: Path, options: ImportOptions) -> int:
    in_memory = read_file(path, str(path), options)
    for_store = read_file(path, str(path), options, for_store=True)
    assert for_store.report == in_memory.report, path.name
    assert for_store.stored is not None and len(for_store.stored) == len(in_memory.matters), path.name
    for matter, row in zip(in_memory.matters, for_store.stored, strict=True):
        assert Matter.model_validate_json(row[-1]) == matter, (path.name, row[1])
        assert tuple(row[:-1]) == tuple(stored_row(matter)[:-1]), (path.name, row[1])
    return len(in_memory.matters)


def test_every_row_read_for_the_store_is_the_matter_read_in_memory(workbooks: list[Path]) -> None:
    options = ImportOptions(registry=default_registry(), code_tables=default_code_tables())
    assert sum(_compare(path, options) for path in workbooks) > 1_300
    assert len(workbooks) > 80


@pytest.mark.parametrize("given", [{"body": "青山县某某局"}, {"list_level": "township"}])
def test_the_same_with_body_or_level_given_and_the_workspace_area_set(workbooks: list[Path],
                                                                      given: dict[str, str]) -> None:
    schemes = default_code_schemes()
    schemes.area_code = "511602000000"
    options = ImportOptions(registry=default_registry(), code_tables=default_code_tables(), schemes=schemes,
                            **given)  # type: ignore[arg-type]
    tricky = [path for path in workbooks if path.stem in ("tricky", "sichuan", "department")]
    assert sum(_compare(path, options) for path in tricky) > 300


def test_the_same_when_a_sheet_is_read_a_few_rows_at_a_time(workbooks: list[Path],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Long sheets are read by columns a chunk of rows at a time (columnar.CHUNK_ROWS): nothing depends on
    where a chunk ends."""
    import matterkit.columnar

    monkeypatch.setattr(matterkit.columnar, "CHUNK_ROWS", 3)
    options = ImportOptions(registry=default_registry(), code_tables=default_code_tables())
    chosen = [path for path in workbooks if path.stem in ("tricky", "sichuan", "department")] + workbooks[:6]
    assert sum(_compare(path, options) for path in chosen) > 300


def test_the_tricky_rows_are_all_there_with_what_import_changed(workbooks: list[Path]) -> None:
    options = ImportOptions(registry=default_registry(), code_tables=default_code_tables())
    path = next(path for path in workbooks if path.name == "tricky.xlsx")
    stored = read_file(path, str(path), options, for_store=True).stored or []
    matters = [Matter.model_validate_json(row[-1]) for row in stored]
    assert [m.source.row for m in matters] == [3, 4, 5, 6, 8, 9, 10, 11]
    by_name = {m.name: m for m in matters}
    assert by_name["全角编码"].base_code == "000120002000"
    assert by_name["全角编码"].originals["base_code"] == "０００１２０００２０００"
    assert by_name["名称前有空格"].fees and by_name["名称前有空格"].fees[0].name == "证照工本费"
    assert by_name["四川编码"].code_scheme == "sichuan"
    merged = by_name["合并部门"]  # 实施部门 merged down from the row above (beside 实施主体 it stays a column of its own)
    assert "青山县司法局" in (merged.department, merged.extra.get("实施部门"))
    assert by_name["城镇食品经营许可"].extra["自定义列"] == "备注甲"
    assert by_name["城镇食品经营许可"].extra["受理日期"] == "2026-03-01"
    assert any(issue.code == "code_upper_cased" for issue in by_name["小写编码"].issues)
    assert by_name["收费文字"].fees[0].standard and by_name["收费文字"].limit_note
    assert by_name["不收费写在名称里"].fee is False and not by_name["不收费写在名称里"].fees
