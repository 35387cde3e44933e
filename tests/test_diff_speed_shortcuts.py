"""The cross-level diff's shortcuts give the answers of the long way: folded names and codes, rows that state
their catalogue entry's very value, values already found to conform, and the order differences come in."""

from __future__ import annotations

from typing import Any

from matterkit.catalogue import _code_key, name_key
from matterkit.diff import DiffConfig, compare_levels
from matterkit.diff.values import ElementForms, RowReader, comparable
from matterkit.model import FeeItem, Location, Material, Matter
from matterkit.textnorm import fold

ROW = {"n": 1}


def row(name: str, body: str, *, level: str = "village", materials: tuple[str, ...] = ("申请表", "身份证"),
        **elements: Any) -> Matter:
    ROW["n"] += 1
    values = {"base_code": "000131128000", "type": "公共服务", "department": "青山县人力资源和社会保障局",
              "legal_basis": "《社会保险法》第十条", **elements}
    return Matter(name=name, list_level=level, list_body=body, materials=[Material(name=m) for m in materials],
                  source=Location(file=f"{body}.csv", row=ROW["n"]), **values)


def entry(name: str = "城乡居民基本养老保险参保登记", **elements: Any) -> Matter:
    values = {"base_code": "000131128000", "type": "公共服务", "department": "人力资源和社会保障局",
              "legal_basis": "《社会保险法》第十条", "level": ["村级"], **elements}
    return Matter(name=name, materials=[Material(name="申请表"), Material(name="身份证")],
                  source=Location(file="catalogue.yaml", row=1), **values)


def test_plain_ideograph_names_and_ascii_codes_fold_as_the_text_pipeline_folds_them() -> None:
    ideographs = [chr(c) for c in range(0x4E00, 0xA000)]
    assert all(name_key(c) == fold(c) for c in ideographs)
    for name in ("城乡居民基本养老保险参保登记", "乡（镇）村企业使用集体建设用地审批", "临时药品经营许可(零售)",
                 "事 项 名 称", "", None, "ＡＢＣ许可", "许可证核发★", "（全称）"):
        assert name_key(name) == fold(name or "")
    for code in ("000131128000", "11519901026360506c5000123005000", "ab-12", "０００１", " 0001 ", "12.3"):
        assert _code_key(code) == fold(code, drop_bracketed=False).upper()


def test_forms_looked_up_by_value_equal_the_forms_computed_for_each_row() -> None:
    rows = [row("城乡居民基本养老保险参保登记", "东村", materials=("申请表", "身份证", "")),
            row("城乡居民基本养老保险参保登记（全称）", "西村", target=["自然人", "法人"],
                fees=[FeeItem(name="工本费", standard="10元")]),
            row("城乡居民基本养老保险参保登记", "南村", legal_basis=None, target=["法人", "自然人"])]
    for element, mode in (("name", "folded"), ("materials", "exact"), ("fees", "exact"), ("target", "subset"),
                          ("legal_basis", "exact"), ("department", "suffix"), ("seq", "exact")):
        forms = ElementForms(element, mode)
        for matter in rows * 2:
            assert forms.form(matter, forms.raw_of(matter)) == comparable(matter, element, mode)


def test_one_call_reads_every_locked_element_of_a_row() -> None:
    locked = ("name", "materials", "type", "target", "seq")
    read = RowReader(locked)
    matter = row("城乡居民基本养老保险参保登记", "东村", target=["自然人"])
    values = read(matter)
    by_element = {locked[index]: value for index, value in zip(read.order, values, strict=True)}
    assert by_element == {"name": "城乡居民基本养老保险参保登记", "materials": ("申请表", "身份证"), "type": "公共服务",
                          "target": ("自然人",), "seq": None}


def test_a_county_writing_its_own_department_name_conforms_and_real_differences_come_in_order() -> None:
    villages = [row("城乡居民基本养老保险参保登记", f"第{i}村") for i in range(6)]
    villages[2] = row("城乡居民基本养老保险参保登记", "第2村", materials=("申请表",))
    villages[4] = row("城乡居民基本养老保险参保登记", "第4村", department="青山县民政局", type="行政确认")
    report = compare_levels(villages, [entry()], DiffConfig(near_enabled=False))
    mismatches = [(d.element, d.right.body if d.right else None) for d in report.differences
                  if d.kind == "element_mismatch"]
    assert mismatches == [("type", "第4村"), ("department", "第4村"), ("materials", "第2村")]


def test_without_a_catalogue_the_majority_decides_even_when_the_first_row_is_the_odd_one() -> None:
    villages = [row("城乡居民基本养老保险参保登记", "第0村", legal_basis="《社会保险法》第九条")]
    villages += [row("城乡居民基本养老保险参保登记", f"第{i}村") for i in range(1, 4)]
    report = compare_levels(villages, (), DiffConfig(near_enabled=False))
    [difference] = [d for d in report.differences if d.kind == "element_mismatch"]
    assert (difference.element, difference.right.body if difference.right else None) == ("legal_basis", "第0村")
    assert difference.note_values["agree"] == 3


def test_a_catalogue_entry_without_a_legal_basis_leaves_the_rows_to_the_majority() -> None:
    villages = [row("城乡居民基本养老保险参保登记", f"第{i}村") for i in range(3)]
    villages.append(row("城乡居民基本养老保险参保登记", "第3村", legal_basis="《社会保险法》第九条"))
    report = compare_levels(villages, [entry(legal_basis=None)], DiffConfig(near_enabled=False))
    [difference] = [d for d in report.differences if d.kind == "element_mismatch"]
    assert difference.note_key == "diff.note.majority"
    assert difference.right is not None and difference.right.body == "第3村"
