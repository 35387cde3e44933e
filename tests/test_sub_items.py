"""Matters with sub-items (子项) as real lists write them: a sheet of 主项名称 and 子项名称 without 事项名称, rows
named by the catalogue's sub-item, sub-items told apart by bracketed text, sub-items of one main item under one
name with their own codes. None of them is a defect; a real repeat still is."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from cli_helpers import run_json
from matterkit.catalogue import CatalogueIndex
from matterkit.diff import DiffConfig, compare_levels
from matterkit.lint.engine import lint_matters
from matterkit.lint.packs import load_ruleset
from matterkit.model import Location, Matter

BODY = "青山县市场监督管理局"


def _lint_file(path: Path) -> list[dict[str, object]]:
    return run_json("lint", path, expect_exit=None)["findings"]  # type: ignore[no-any-return]


def test_a_sheet_of_main_and_sub_items_without_a_name_column_is_named_by_its_main_item(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "主项名称", "子项名称", "事项类型", "基本编码"])
    ws.append([1, "食品经营许可", "食品经营许可（新办）", "行政许可", "000123030001"])
    ws.append([2, "食品经营许可", "食品经营许可（变更）", "行政许可", "000123030002"])
    ws.append([3, "食品经营许可", "食品经营许可（变更）", "行政许可", "000123030003"])  # a real repeat
    path = tmp_path / "市场监管局.xlsx"
    wb.save(path)

    findings = _lint_file(path)

    assert not [f for f in findings if f["rule"] == "REQ001" and f["location"]["row"] is None
                and "事项名称" in str(f["message"])]
    repeats = [(f["location"]["row"], f["element"]) for f in findings if f["rule"] == "UNQ002"]
    assert repeats == [(4, "sub_item")]  # （新办） and （变更） are two sub-items; the second （变更） repeats


def _entry(name: str, sub_item: str, code: str) -> Matter:
    return Matter(name=name, sub_item=sub_item, base_code=code, type="公共服务", source=Location(file="省目录.xlsx"))


def _row(name: str, code: str | None, **more: object) -> Matter:
    return Matter(name=name, base_code=code, type="公共服务", body=BODY, list_level="county", list_body=BODY,
                  source=Location(file="人社局.xlsx", sheet="实施清单", row=2), cells={"name": "B2"}, **more)


def test_a_row_named_by_its_catalogue_sub_item_matches_the_catalogue() -> None:
    rules = [load_ruleset(["same-element"]).rules["CAT002"]]
    catalogue = CatalogueIndex.from_matters([_entry("社会保障卡申领", "社会保障卡首次申领", "000131001001")])
    sub = lint_matters([_row("社会保障卡首次申领", "000131001001")], rules, catalogue=catalogue)
    wrong = lint_matters([_row("社会保障卡补领", "000131001001")], rules, catalogue=catalogue)
    assert sub.findings == []
    assert [f.expected for f in wrong.findings] == ["社会保障卡申领"]


def test_sub_items_of_one_main_item_under_one_name_are_not_one_name_under_two_codes() -> None:
    rows = [_row("婚姻登记", "000112014001", sub_item="结婚登记"), _row("婚姻登记", "000112014002", sub_item="离婚登记"),
            _row("出生医学证明", "000112015001"), _row("出生医学证明", "000112015002")]
    report = compare_levels(rows, config=DiffConfig(locked_elements=()))
    notes = [d.note("zh") for d in report.differences if d.kind == "duplicate"]
    assert notes == ["同一名称对应不同基本编码：000112015001、000112015002"]


def test_a_matter_without_a_code_missing_from_the_catalogue_is_named_without_a_code() -> None:
    rules = [load_ruleset(["same-element"]).rules["CAT001"]]
    catalogue = CatalogueIndex.from_matters([_entry("社会保障卡申领", "社会保障卡首次申领", "000131001001")])
    [finding] = lint_matters([_row("社区养老服务设施运营补贴发放", None)], rules, catalogue=catalogue).findings
    assert finding.message == "事项“社区养老服务设施运营补贴发放”（未填基本编码）按名称在标准目录中找不到"


def test_a_sub_items_guide_is_titled_by_the_sub_item() -> None:
    from matterkit.publish.guide import build_guide

    where = Location(file="市场监管局.xlsx")
    titles = [build_guide(Matter(source=where, **names)).title for names in (
        {"name": "食品经营许可", "sub_item": "食品经营许可（新办）"}, {"name": "婚姻登记", "sub_item": "结婚登记"},
        {"name": "个体工商户登记注册", "item_name": "设立"})]
    assert titles == ["食品经营许可（新办）", "婚姻登记（结婚登记）", "个体工商户登记注册（设立）"]
