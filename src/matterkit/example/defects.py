"""Planted defects: each changes one clean row and says what a checker should report.

Every function takes a row and returns the defect records it planted (without positions; the truth
step adds file, sheet and row once the file is laid out), or [] when the row does not suit it.
`Row.values` is kept equal to what a correct importer yields; `Row.cells` holds what was written.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

from matterkit.codes import CREDIT_CODE_ALPHABET
from matterkit.example.rows import Row

# kind -> (中文说明, English description); the documented vocabulary of ground-truth defects.
DEFECT_KINDS: dict[str, tuple[str, str]] = {
    "missing_required": ("必填要素为空", "a required element is empty"),
    "bad_base_code_format": ("基本编码不是12位数字", "basic code is not 12 digits"),
    "bad_credit_code": ("统一社会信用代码校验位错误", "credit code check character is wrong"),
    "impl_code_inconsistent": ("实施编码与实施主体编码、行使层级、基本编码不一致",
                               "implementation code disagrees with body code, level and basic code"),
    "promised_exceeds_legal": ("承诺时限超过法定时限", "promised limit exceeds the legal limit"),
    "instant_case_with_days": ("即办件的承诺时限不是当场办结", "instant case with a promised limit in days"),
    "fee_without_standard": ("收费但无收费标准", "charged but no fee standard"),
    "visits_without_reason": ("到现场次数大于0但无原因说明", "visits > 0 without a reason"),
    "duplicate_multi_value": ("多值要素有重复值", "a multi-valued element repeats a value"),
    "catch_all_material": ("兜底材料（其他相关材料）", "catch-all material"),
    "duplicate_material": ("申请材料重复", "the same material listed twice"),
    "bad_citation": ("设定依据不是《名称》第X条的写法", "legal basis is not cited as 《title》 + article"),
    "catalogue_name_mismatch": ("事项名称与基本目录不一致", "name differs from the catalogue"),
    "catalogue_type_mismatch": ("事项类型与基本目录不一致", "type differs from the catalogue"),
    "catalogue_legal_basis_mismatch": ("设定依据与基本目录不一致", "legal basis differs from the catalogue"),
    "catalogue_materials_mismatch": ("申请材料与基本目录不一致", "materials differ from the catalogue"),
    "not_in_catalogue": ("基本目录中没有该事项", "matter not in the catalogue"),
    "unknown_enum_value": ("取值不在代码表中", "value not in the code table"),
    "duplicate_impl_code": ("同一主体内实施编码重复", "implementation code repeated within one body"),
    "level_not_in_catalogue": ("行使层级不在基本目录的层级内且无下放或委托",
                               "level outside the catalogue's levels with no delegation"),
}

Planter = Callable[[Row, random.Random], list[dict[str, Any]]]


def record(kind: str, row: Row, element: str | None, value: Any, expected: Any, **extra: Any) -> dict[str, Any]:
    assert kind in DEFECT_KINDS, kind
    return {"kind": kind, "element": element, "value": value, "expected": expected, "row_ref": row, **extra}


def _clean_rule_row(row: Row) -> bool:
    return not row.tags and row.entry is not None


def missing_required(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    element = rng.choice(("target", "location", "complaint_phone", "hours", "phone"))
    expected = row.values[element]
    row.values[element] = [] if isinstance(expected, list) else None
    row.cells[element] = None
    return [record("missing_required", row, element, "", expected)]


def bad_base_code_format(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    good = row.values["base_code"]
    bad = rng.choice((good[:-1], good[:3] + "O" + good[4:], good + "1"))
    row.values["base_code"] = row.cells["base_code"] = bad
    return [record("bad_base_code_format", row, "base_code", bad, good),
            record("impl_code_inconsistent", row, "impl_code", row.values["impl_code"],
                   row.values["body_code"] + row.values["impl_code"][18] + bad, secondary=True)]


def bad_credit_code(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    good = row.values["body_code"]
    bad = good[:17] + rng.choice([c for c in CREDIT_CODE_ALPHABET if c != good[17]])
    good_impl = row.values["impl_code"]
    row.values["body_code"] = row.cells["body_code"] = bad
    row.values["impl_code"] = row.cells["impl_code"] = bad + good_impl[18:]
    return [record("bad_credit_code", row, "body_code", bad, good),
            record("bad_credit_code", row, "impl_code", bad + good_impl[18:], good_impl, secondary=True)]


def impl_code_inconsistent(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    good = row.values["impl_code"]
    level_char = good[18]
    wrong_level = "5" if level_char != "5" else "4"
    other_digit = "9" if good[27] != "9" else "8"  # a copy-paste slip inside the basic-code part
    bad = rng.choice((good[:18] + wrong_level + good[19:], good[:27] + other_digit + good[28:]))
    row.values["impl_code"] = row.cells["impl_code"] = bad
    return [record("impl_code_inconsistent", row, "impl_code", bad, good)]


def promised_exceeds_legal(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    legal = row.values.get("legal_limit")
    if not legal or row.values.get("case_type") != "承诺件":
        return []
    expected = row.values["promised_limit"]
    row.values["promised_limit"] = legal + rng.choice((5, 10, 15))
    return [record("promised_exceeds_legal", row, "promised_limit", row.values["promised_limit"], expected)]


def instant_case_with_days(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    if row.values.get("case_type") != "承诺件" or not row.values.get("promised_limit"):
        return []
    row.values["case_type"] = "即办件"
    return [record("instant_case_with_days", row, "case_type", "即办件", "承诺件")]


def fee_without_standard(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    if row.values.get("fee") is not False:
        return []
    row.values["fee"] = True
    return [record("fee_without_standard", row, "fees", "", "收费项目名称和收费标准")]


def visits_without_reason(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    if row.values.get("visits") is None:
        return []
    expected = row.values.get("visit_reason") or "到现场办理原因说明"
    if not row.values["visits"]:
        row.values["visits"] = 1
    row.values["visit_reason"] = None
    return [record("visits_without_reason", row, "visit_reason", "", expected)]


def duplicate_multi_value(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    channels = row.values.get("channels") or []
    if len(channels) < 2:
        return []
    row.cells["channels"] = ",".join([*channels, channels[-1]])
    return [record("duplicate_multi_value", row, "channels", row.cells["channels"], channels)]


def catch_all_material(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    if not row.values.get("materials"):
        return []
    name = rng.choice(("其他相关材料", "其他材料", "相关证明材料等材料"))
    row.values["materials"] = [*row.values["materials"], {"name": name}]
    return [record("catch_all_material", row, "materials", name, None)]


def duplicate_material(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    materials = row.values.get("materials") or []
    if len(materials) < 2:
        return []
    row.values["materials"] = [*materials, dict(materials[0])]
    return [record("duplicate_material", row, "materials", materials[0]["name"], None)]


def bad_citation(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    good = row.values["legal_basis"]
    if "；" in good or not re.fullmatch(r"《[^》]+》(\([^)]*\))?第[^《》]+条", good):
        return []
    bad = good.replace("《", "").replace("》", "") if rng.random() < 0.5 else good[: good.index("》") + 1]
    row.values["legal_basis"] = bad
    return [record("bad_citation", row, "legal_basis", bad, good),
            record("catalogue_legal_basis_mismatch", row, "legal_basis", bad, good, secondary=True)]


_NAME_CHANGES = (("许可证核发", "许可证办理"), ("许可", "许可证办理"), ("登记", "登记申请"), ("认定", "认定申请"),
                 ("审批", "审核"), ("核发", "办理"))


def catalogue_name_mismatch(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    good = row.values["name"]
    for ending, replacement in _NAME_CHANGES:
        if good.endswith(ending):
            bad = good[: -len(ending)] + replacement
            row.values["name"] = bad
            return [record("catalogue_name_mismatch", row, "name", bad, good)]
    return []


_TYPE_CHANGES = {"行政许可": "行政确认", "行政确认": "行政许可", "行政给付": "公共服务", "公共服务": "行政给付"}


def catalogue_type_mismatch(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    good = row.values["type"]
    if good not in _TYPE_CHANGES:
        return []
    row.values["type"] = _TYPE_CHANGES[good]
    return [record("catalogue_type_mismatch", row, "type", row.values["type"], good)]


_ARTICLE = re.compile(r"第[一二三四五六七八九十百]+条$")


def catalogue_legal_basis_mismatch(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    good = row.values["legal_basis"]
    if not _ARTICLE.search(good):
        return []
    article = "第二条" if not good.endswith("第二条") else "第三条"
    row.values["legal_basis"] = _ARTICLE.sub(article, good)
    return [record("catalogue_legal_basis_mismatch", row, "legal_basis", row.values["legal_basis"], good)]


def catalogue_materials_mismatch(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    materials = row.values.get("materials") or []
    if len(materials) < 2:
        return []
    row.values["materials"] = materials[:-1]
    return [record("catalogue_materials_mismatch", row, "materials", [m["name"] for m in materials[:-1]],
                   [m["name"] for m in materials])]


_UNKNOWN_VALUES = (("case_type", "特急件"), ("body_nature", "事业单位"), ("power_source", "自行设立"))


def unknown_enum_value(row: Row, rng: random.Random) -> list[dict[str, Any]]:
    choices = [(k, v) for k, v in _UNKNOWN_VALUES if row.values.get(k)]
    if not choices:
        return []
    element, value = rng.choice(choices)
    expected = row.values[element]
    row.values[element] = value  # a correct importer keeps an unknown value as typed (and notes an issue)
    return [record("unknown_enum_value", row, element, value, expected)]


# kind -> (planter, how many, which list levels). Elements the diff compares across bodies (name, type,
# legal basis, materials) are only disturbed in county files, so each township or village difference in
# the truth is one that was planted on purpose.
PLAN: tuple[tuple[str, Planter, int, tuple[str, ...]], ...] = (
    ("missing_required", missing_required, 6, ("county", "township", "village")),
    ("bad_base_code_format", bad_base_code_format, 3, ("county",)),
    ("bad_credit_code", bad_credit_code, 3, ("county", "township", "village")),
    ("impl_code_inconsistent", impl_code_inconsistent, 4, ("county", "township", "village")),
    ("promised_exceeds_legal", promised_exceeds_legal, 4, ("county", "township", "village")),
    ("instant_case_with_days", instant_case_with_days, 3, ("county", "township", "village")),
    ("fee_without_standard", fee_without_standard, 3, ("county", "township")),
    ("visits_without_reason", visits_without_reason, 3, ("county", "township", "village")),
    ("duplicate_multi_value", duplicate_multi_value, 3, ("county", "township")),
    ("catch_all_material", catch_all_material, 3, ("county",)),
    ("duplicate_material", duplicate_material, 2, ("county",)),
    ("bad_citation", bad_citation, 3, ("county",)),
    ("catalogue_name_mismatch", catalogue_name_mismatch, 4, ("county",)),
    ("catalogue_type_mismatch", catalogue_type_mismatch, 3, ("county",)),
    ("catalogue_legal_basis_mismatch", catalogue_legal_basis_mismatch, 3, ("county",)),
    ("unknown_enum_value", unknown_enum_value, 3, ("county", "township", "village")),
)


def plant_defects(rows: list[Row], rng: random.Random) -> list[dict[str, Any]]:
    """Plant the PLAN over `rows` (each row gets at most one planted kind), spreading over bodies."""
    defects: list[dict[str, Any]] = []
    for kind, planter, count, levels in PLAN:
        candidates = [row for row in rows if _clean_rule_row(row) and row.body.level in levels]
        rng.shuffle(candidates)
        used_bodies: set[str] = set()
        planted = 0
        for row in candidates:
            if planted == count:
                break
            if row.body.name in used_bodies:
                continue
            found = planter(row, rng)
            if found:
                row.tags.append(kind)
                defects.extend(found)
                used_bodies.add(row.body.name)
                planted += 1
    return defects
