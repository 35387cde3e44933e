"""Application materials written in one cell: splitting, numbering and the notes beside each name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matterkit.normalise.materials import parse_materials
from matterkit.normalise.numerals import int_to_chinese


def names(cell: str) -> list[str]:
    return [m["name"] for m in parse_materials(cell)]


def only_set(material: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in material.items() if value is not None}


@pytest.mark.parametrize(("cell", "expected"), [
    ("申请表\n身份证\n户口本", ["申请表", "身份证", "户口本"]),
    ("申请表；身份证；户口本。", ["申请表", "身份证", "户口本"]),
    ("1.申请表\n2.身份证\n3.户口本", ["申请表", "身份证", "户口本"]),
    ("1、申请表 2、身份证 3、户口本", ["申请表", "身份证", "户口本"]),
    ("1.申请表2.身份证3.户口本", ["申请表", "身份证", "户口本"]),
    ("1）申请表\n2）身份证", ["申请表", "身份证"]),
    ("（1）申请表（2）身份证", ["申请表", "身份证"]),
    ("(一)申请表\n(二)身份证", ["申请表", "身份证"]),
    ("一、申请表二、身份证", ["申请表", "身份证"]),
    ("①申请表②身份证③户口本", ["申请表", "身份证", "户口本"]),
    ("1．申请表\n2．身份证", ["申请表", "身份证"]),
    ("·申请表\n·身份证", ["申请表", "身份证"]),
    ("1.申请表（需填写第2.3项）2.身份证", ["申请表（需填写第2.3项）", "身份证"]),
    ("1、2寸照片\n2、3.5寸照片", ["2寸照片", "3.5寸照片"]),
    ("申请表（原件；1份）；身份证", ["申请表", "身份证"]),
])
def test_items_are_split_on_lines_semicolons_and_numbering(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected


@pytest.mark.parametrize(("cell", "material"), [
    ("身份证（原件及复印件）", {"name": "身份证", "kind": "原件和复印件"}),
    ("身份证原件、复印件各1份", {"name": "身份证", "kind": "原件和复印件", "copies": 1}),
    ("身份证（原件、复印件各1份）", {"name": "身份证", "kind": "原件和复印件", "copies": 1}),
    ("户口簿复印件", {"name": "户口簿", "kind": "复印件"}),
    ("法定代表人身份证明（复印件1份）", {"name": "法定代表人身份证明", "kind": "复印件", "copies": 1}),
    ("法定代表人身份证明复印件1份", {"name": "法定代表人身份证明", "kind": "复印件", "copies": 1}),
    ("身份证(原件核验)", {"name": "身份证", "kind": "原件"}),
    ("申请表一份", {"name": "申请表", "copies": 1}),
    ("申请表 2份", {"name": "申请表", "copies": 2}),
    ("申请表一式三份", {"name": "申请表", "copies": 3}),
    ("2寸照片2张", {"name": "2寸照片", "copies": 2}),
    ("申请书（纸质版，必要，申请人自备）",
     {"name": "申请书", "medium": "纸质", "necessity": "必要", "source": "申请人自备"}),
    ("申请书（电子版）", {"name": "申请书", "medium": "电子"}),
    ("不动产权证书（政府部门核发，复印件）", {"name": "不动产权证书", "kind": "复印件", "source": "政府部门核发"}),
    ("授权委托书（需要时提供）", {"name": "授权委托书", "necessity": "非必要"}),
    ("医疗诊断证明（选填）", {"name": "医疗诊断证明", "necessity": "非必要"}),
    ("授权委托书（非必要）", {"name": "授权委托书", "necessity": "非必要"}),
    ("申请表（必须）", {"name": "申请表", "necessity": "必要"}),
    ("申请表（必交）", {"name": "申请表", "necessity": "必要"}),
    ("如有变更证明", {"name": "变更证明", "necessity": "非必要"}),
    ("如有委托，提供授权委托书", {"name": "授权委托书", "necessity": "非必要", "note": "如有委托"}),
    ("营业执照（副本）", {"name": "营业执照（副本）"}),
    ("《营业执照》副本复印件（加盖公章）", {"name": "《营业执照》副本", "kind": "复印件", "note": "加盖公章"}),
    ("申请表（原件）1份", {"name": "申请表", "kind": "原件", "copies": 1}),
    ("申请表 复印件 1份", {"name": "申请表", "kind": "复印件", "copies": 1}),
    ("身份证：原件", {"name": "身份证", "kind": "原件"}),
    ("申请书(原件1份)(必要)", {"name": "申请书", "kind": "原件", "copies": 1, "necessity": "必要"}),
    ("申请表（原件1份，需签字）", {"name": "申请表", "kind": "原件", "copies": 1, "note": "需签字"}),
    ("《公共场所卫生许可申请表》（原件1份）", {"name": "《公共场所卫生许可申请表》", "kind": "原件", "copies": 1}),
    ("《城乡居民基本养老保险参保登记表（复印件）》", {"name": "《城乡居民基本养老保险参保登记表（复印件）》"}),
])
def test_notes_beside_a_name_are_read_and_removed(cell: str, material: dict[str, object]) -> None:
    [parsed] = parse_materials(cell)
    assert only_set(parsed) == material


def test_a_line_of_notes_belongs_to_the_material_above() -> None:
    [material] = parse_materials("身份证\n（原件及复印件）")
    assert only_set(material) == {"name": "身份证", "kind": "原件和复印件"}


def test_group_headings_set_necessity_of_the_items_below() -> None:
    materials = parse_materials("必要材料：\n1.申请表\n2.身份证\n非必要材料：\n1.委托书")
    assert [(m["name"], m["necessity"]) for m in materials] == [
        ("申请表", "必要"), ("身份证", "必要"), ("委托书", "非必要")]


def test_condition_heading_becomes_the_note_of_the_items_below() -> None:
    materials = parse_materials("申请人为企业的：\n营业执照\n法定代表人身份证")
    assert [(m["name"], m["note"]) for m in materials] == [
        ("营业执照", "申请人为企业的"), ("法定代表人身份证", "申请人为企业的")]


def test_a_heading_and_a_numbered_list_on_one_line() -> None:
    assert names("申请材料：1.申请表 2.身份证") == ["申请表", "身份证"]
    materials = parse_materials("非必要材料：①委托书②代理人身份证")
    assert [(m["name"], m["necessity"]) for m in materials] == [("委托书", "非必要"), ("代理人身份证", "非必要")]


def test_a_conditional_heading_makes_its_items_optional_and_notes_the_condition() -> None:
    [material] = parse_materials("如有委托的：\n授权委托书")
    assert only_set(material) == {"name": "授权委托书", "necessity": "非必要", "note": "如有委托的"}


def test_duplicate_materials_are_kept_for_lint_to_report() -> None:
    assert names("1.身份证\n2.申请表\n3.身份证") == ["身份证", "申请表", "身份证"]


@pytest.mark.parametrize("cell", ["", None, "无", "/", "无需材料", "无需提交材料。"])
def test_no_materials(cell: object) -> None:
    assert parse_materials(cell) == []


def test_real_world_cell_from_a_health_permit() -> None:
    cell = ("1、卫生许可告知承诺书；\n2、《公共场所卫生许可申请表》；\n3、法定代表人身份证明（复印件1份）；\n"
            "4、地址方位示意图、平面图和卫生设施平面布局图；\n5、卫生管理制度。")
    assert names(cell) == ["卫生许可告知承诺书", "《公共场所卫生许可申请表》", "法定代表人身份证明",
                           "地址方位示意图、平面图和卫生设施平面布局图", "卫生管理制度"]


# --- properties --------------------------------------------------------------------------------------------

FRAGMENTS = ["申请", "登记", "卫生", "许可", "身份", "户口", "营业", "执照", "证明", "平面", "布局", "示意",
             "管理", "制度", "承诺", "告知", "养老", "保险", "宅基地", "救助", "残疾人", "优待", "审批", "核查"]
ENDINGS = ["表", "书", "证", "图", "簿", "清单", "报告", "说明"]
material_name = st.builds(
    lambda parts, ending, title: f"《{''.join(parts)}{ending}》" if title else "".join(parts) + ending,
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4), st.sampled_from(ENDINGS), st.booleans())

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
STYLES = {
    "arabic_dot": lambda i: f"{i}.",
    "arabic_comma": lambda i: f"{i}、",
    "arabic_paren": lambda i: f"{i}）",
    "paren_arabic": lambda i: f"（{i}）",
    "paren_chinese": lambda i: f"({int_to_chinese(i)})",
    "chinese_comma": lambda i: f"{int_to_chinese(i)}、",
    "circled": lambda i: CIRCLED[i - 1],
}


@settings(deadline=None)
@given(st.lists(material_name, min_size=1, max_size=10), st.sampled_from(sorted(STYLES)),
       st.sampled_from(["\n", "；", "", " ", "；\n"]))
def test_numbered_material_lists_round_trip_to_the_same_names(
        generated: list[str], style: str, separator: str) -> None:
    cell = separator.join(f"{STYLES[style](i)}{name}" for i, name in enumerate(generated, start=1))
    assert names(cell) == generated


@settings(deadline=None)
@given(st.text(max_size=200))
def test_materials_parser_never_raises(cell: str) -> None:
    for material in parse_materials(cell):
        assert material["name"]
