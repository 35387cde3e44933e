"""A county 权责清单 as Guizhou publishes it: 10-character codes (DB52/T 1264-2018: 2 letters, 5-digit main
item, 3-digit sub-item), each main item's name merged down over its sub-items, 责任事项 and 追责情形 per power.
Lint recognises the province's codes, tells sub-items of one power apart, and finds what a power list can get
wrong: a repeated sub-item or code, a power without 责任事项, a penalty not named 对××的处罚."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from cli_helpers import run_json

HEADER = ["序号", "职权编码", "职权名称", "子项名称", "职权类型", "设定依据", "责任事项", "追责情形", "实施主体"]
BODY = "息烽县卫生健康局"
BASIS = "《公共场所卫生管理条例》第四条"
DUTY, ACCOUNT = "1.受理阶段责任：依法受理或不予受理。", "因不履行或不正确履行行政职责，有下列情形的，依法追究责任。"


def power_list(path: Path) -> dict[str, int]:
    """Write the list; returns the spreadsheet rows of its planted defects."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "权责清单"
    ws.append(["息烽县卫生健康局权责清单（2026年版）"])
    ws.append(HEADER)
    row = 2
    for main in range(1, 9):
        name = f"公共场所卫生许可{main}"
        first = row + 1
        for sub in range(1, 4):
            row += 1
            ws.append([main if sub == 1 else None, f"XK{main:05d}{sub:03d}", name if sub == 1 else None,
                       f"{name}（情形{sub}）", "行政许可", BASIS, DUTY, ACCOUNT, BODY])
        ws.merge_cells(f"A{first}:A{row}")
        ws.merge_cells(f"C{first}:C{row}")
    penalties = ["对未取得公共场所卫生许可证擅自营业的处罚", "公共场所经营者违反卫生管理条例行为处罚"]
    for n, name in enumerate(penalties, start=1):
        row += 1
        ws.append([8 + n, f"CF{n:05d}000", name, None, "行政处罚", BASIS, DUTY, ACCOUNT, BODY])
    planted = {"repeated_sub_item": 5, "repeated_code": 8, "no_duty": 10, "penalty_name": row}
    ws["D5"] = ws["D4"].value  # the first power's second sub-item named like its first
    ws["B8"] = ws["B7"].value  # the third power's second sub-item carries its first sub-item's code
    ws["G10"] = None  # the fourth power's second sub-item without 责任事项
    wb.save(path)
    return planted


def _by_rule(findings: list[dict[str, Any]]) -> dict[str, list[tuple[int | None, str | None]]]:
    rules: dict[str, list[tuple[int | None, str | None]]] = {}
    for finding in findings:
        rules.setdefault(finding["rule"], []).append((finding["location"]["row"], finding["location"]["column"]))
    return rules


def test_a_guizhou_power_list_gets_findings_only_for_its_planted_defects(tmp_path: Path) -> None:
    path = tmp_path / "息烽县卫生健康局权责清单.xlsx"
    planted = power_list(path)

    document = run_json("lint", path, expect_exit=1)

    rules = _by_rule(document["findings"])
    assert "FMT001" not in rules  # XK00001001 fits the province's scheme
    assert rules["UNQ002"] == [(planted["repeated_sub_item"], "D")]  # on the sub-item's own cell
    assert rules["UNQ003"] == [(planted["repeated_code"], "B")]
    assert rules["REQ009"] == [(planted["no_duty"], "G")]
    assert rules["NAM001"] == [(planted["penalty_name"], "C")]
    assert set(rules) == {"UNQ002", "UNQ003", "REQ009", "NAM001"}, rules


def test_a_wrong_value_merged_over_sub_items_is_marked_once_on_its_own_cell(tmp_path: Path) -> None:
    """The type merged down over a power's three sub-items is one cell: the annotated copy marks it (the other
    cells of a block can hold no comment; lint --annotate crashed on them), once; --fix goes through too."""
    path = tmp_path / "息烽县卫生健康局权责清单.xlsx"
    power_list(path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["E3"] = "行政审批"  # a synonym of 行政许可: fixable, reported on each of the block's three rows
    ws.merge_cells("E3:E5")
    wb.save(path)
    out = tmp_path / "out"

    run_json("lint", path, "--annotate", "--fix", "-d", out, expect_exit=None)

    [annotated] = list(out.glob("*问题标注*.xlsx"))
    sheet = openpyxl.load_workbook(annotated)["权责清单"]
    assert sheet["E3"].comment is not None and sheet["E3"].comment.text.count("NRM006") == 1
