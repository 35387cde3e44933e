"""The power-and-responsibility list workbook (权责清单.xlsx), read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from matterkit.publish import publish_all
from matterkit.publish.config import CATEGORY_ORDER
from matterkit.publish.power_list import COLUMNS
from test_publish_samples import HOSTILE_MATERIAL, STAMP, hostile, sample_county


def _workbook(tmp_path: Path, matters: list | None = None) -> openpyxl.Workbook:
    result = publish_all(matters if matters is not None else sample_county(), out_dir=tmp_path / "out",
                         formats=["list"], stamp=STAMP)
    assert result.power_list == tmp_path / "out/权责清单.xlsx"
    return openpyxl.load_workbook(result.power_list)


def test_one_sheet_per_department_and_township_after_the_summary(tmp_path: Path) -> None:
    wb = _workbook(tmp_path)
    assert wb.sheetnames == ["汇总", "县卫生健康局", "县市场监督管理局", "县民政局", "青山镇人民政府"]
    ws = wb["县卫生健康局"]
    assert [c.value for c in ws[2]] == list(COLUMNS)
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage


def test_powers_without_a_guide_are_listed_in_category_order(tmp_path: Path) -> None:
    ws = _workbook(tmp_path)["县卫生健康局"]
    rows = [(r[0], r[2], r[4]) for r in ws.iter_rows(min_row=3, values_only=True)]
    assert rows == [(1, "公共场所卫生许可", "行政许可"),
                    (2, "对公共场所经营者未取得卫生许可证的处罚", "行政处罚"),
                    (3, "对公共场所卫生的监督检查", "行政检查")]
    categories = [r[2] for r in rows]
    assert categories == sorted(categories, key=CATEGORY_ORDER.index)


def test_a_main_item_with_business_items_spans_merged_rows(tmp_path: Path) -> None:
    ws = _workbook(tmp_path)["县市场监督管理局"]
    assert [r[3] for r in ws.iter_rows(min_row=3, values_only=True)] == ["设立", "变更", "注销"]
    assert [r[1] for r in ws.iter_rows(min_row=3, values_only=True)] == [
        "00013112800001", "00013112800002", "00013112800003"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A3:A5", "C3:C5", "E3:E5"} <= merged
    assert "B3:B5" not in merged  # the codes differ, so they stay separate


def test_empty_duties_are_filled_from_the_category_default_and_marked(tmp_path: Path) -> None:
    ws = _workbook(tmp_path)["县民政局"]
    row = next(ws.iter_rows(min_row=3, max_row=3))
    assert row[7].value == "1.受理责任：依法受理低保申请。"  # the department's own text stays
    assert row[8].value.startswith("因不履行或不正确履行行政职责")
    assert row[9].value == "追责情形为默认文本"
    assert row[8].font.italic and not row[7].font.italic


def test_summary_counts_powers_per_department_and_category(tmp_path: Path) -> None:
    ws = _workbook(tmp_path)["汇总"]
    header = [c.value for c in ws[2]]
    assert header[:4] == ["部门（乡镇）", "行政许可", "行政处罚", "行政给付"]
    table = {r[0]: dict(zip(header[1:], r[1:], strict=True)) for r in ws.iter_rows(min_row=3, values_only=True)}
    assert table["县卫生健康局"]["行政许可"] == 1 and table["县卫生健康局"]["合计"] == 3
    assert table["县市场监督管理局"]["合计"] == 1
    assert table["合计"]["合计"] == 6


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    ws = _workbook(tmp_path, sample_county() + [hostile()])["县卫生健康局"]
    values = [c for row in ws.iter_rows(min_row=3) for c in row if c.value == HOSTILE_MATERIAL]
    assert values and all(c.data_type == "s" for c in values)


def test_same_input_gives_a_byte_identical_workbook(tmp_path: Path) -> None:
    first = publish_all(sample_county(), out_dir=tmp_path / "a", formats=["list"], stamp=STAMP)
    second = publish_all(sample_county(), out_dir=tmp_path / "b", formats=["list"], stamp=STAMP)
    assert first.power_list.read_bytes() == second.power_list.read_bytes()  # type: ignore[union-attr]
