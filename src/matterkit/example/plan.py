"""Which matters each body lists, including the planted differences between levels.

County departments list their catalogue matters of 县级; every township the catalogue's 乡镇级 list;
every village the 村级 list. Then, on purpose: a few standard matters go missing, villages list extras,
one body lists a basic code twice, a department lists a near-duplicate, townships take over county
matters (with and without a recorded delegation), and a few township/village rows differ in a locked
element or in their materials.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from matterkit.catalogue import CatalogueIndex
from matterkit.codetables import CodeTables
from matterkit.example import defects as d
from matterkit.example.county import AREA_CODE, COUNTY, Body
from matterkit.example.rows import Row, build_row, location_of
from matterkit.model import Location, Material, Matter

DIFFERENCE_KINDS: dict[str, tuple[str, str]] = {
    "element_mismatch": ("同一事项在不同主体间锁定要素或申请材料不一致",
                         "a locked element or the materials differ between bodies"),
    "missing": ("乡镇/村缺少标准清单中的事项", "a township or village lacks a standard matter"),
    "extra": ("村/乡镇列出了不在其标准清单中的事项", "a village or township lists a matter not on its list"),
    "duplicate": ("同一主体内同一基本编码对应两个名称", "one basic code under two names in one body"),
    "near_duplicate": ("同一主体内名称相近的两个事项", "two matters with near-identical names in one body"),
}


@dataclass
class Plan:
    rows: dict[str, list[Row]] = field(default_factory=dict)  # body name -> rows, in file order
    differences: list[dict[str, Any]] = field(default_factory=list)
    defects: list[dict[str, Any]] = field(default_factory=list)

    def all_rows(self) -> list[Row]:
        return [row for rows in self.rows.values() for row in rows]


def _difference(kind: str, body: Body, matter: Matter | Row, *, element: str | None = None,
                rows: tuple[Row, ...] = (), value: Any = None, expected: Any = None, note: str = "",
                **extra: Any) -> dict[str, Any]:
    values = matter.values if isinstance(matter, Row) else {"name": matter.name, "base_code": matter.base_code}
    return {"kind": kind, "element": element, "matter": {"name": values["name"], "base_code": values["base_code"]},
            "level": body.level, "body": body.name, "row_refs": rows, "value": value, "expected": expected,
            "note": note, **extra}


def plan_rows(bodies: list[Body], index: CatalogueIndex, code_tables: CodeTables, rng: random.Random) -> Plan:
    plan = Plan()
    standard = {"township": index.standard_list("乡镇级"), "village": index.standard_list("村级")}
    county_entries = {e.base_code: e for e in index.entries if "县级" in e.level}
    for body in bodies:
        if body.level == "county":
            entries = [e for e in county_entries.values() if e.department == body.generic]
        else:
            entries = standard[body.level]
        plan.rows[body.name] = [_row(body, entry, code_tables, i) for i, entry in enumerate(entries, 1)]
    by_level = {level: [b for b in bodies if b.level == level] for level in ("county", "township", "village")}
    townships = list(by_level["township"])
    villages = list(by_level["village"])
    rng.shuffle(townships)
    rng.shuffle(villages)
    _missing(plan, townships[0], villages[0], villages[1], index)
    _extras(plan, villages[2], villages[3], townships[1], townships[2], townships[3], index, code_tables)
    _duplicates(plan, by_level["county"], index, code_tables)
    _local_matters(plan, by_level["county"], code_tables)
    _element_mismatches(plan, townships[4], villages[4], villages[5], rng)
    return plan


def _row(body: Body, entry: Matter, code_tables: CodeTables, index: int) -> Row:
    if body.level == "village":
        assert body.township is not None
        return build_row(body, entry, code_tables, location=location_of(body, index), power_source="上级委托",
                         entrusting_body=body.township.name)
    return build_row(body, entry, code_tables, location=location_of(body, index))


def _entry(index: CatalogueIndex, name: str) -> Matter:
    return next(e for e in index.entries if e.name == name)


def _find(plan: Plan, body: Body, name: str) -> Row:
    return next(row for row in plan.rows[body.name] if row.values["name"] == name)


def _missing(plan: Plan, township: Body, village_a: Body, village_b: Body, index: CatalogueIndex) -> None:
    for body, name in ((township, "森林生态效益补偿资金发放"), (village_a, "悬挂光荣牌"), (village_b, "人民调解")):
        plan.rows[body.name].remove(_find(plan, body, name))
        plan.differences.append(_difference("missing", body, _entry(index, name),
                                            note=f"{body.name}的标准清单应有此事项"))


def _extras(plan: Plan, village_a: Body, village_b: Body, delegated_a: Body, delegated_b: Body,
            undelegated: Body, index: CatalogueIndex, code_tables: CodeTables) -> None:
    for body, name in ((village_a, "农村村民宅基地申请审批"), (village_b, "就业创业证申领")):
        row = _row(body, _entry(index, name), code_tables, len(plan.rows[body.name]) + 1)
        row.tags.append("extra")
        plan.rows[body.name].append(row)
        plan.differences.append(_difference("extra", body, row, rows=(row,), note="不在村级标准清单中"))
    planning = _entry(index, "乡村建设规划许可证核发")
    for body in (delegated_a, delegated_b):  # clean: the delegation is recorded
        row = build_row(body, planning, code_tables, location=location_of(body, 0), power_source="上级委托",
                        entrusting_body=COUNTY + "自然资源局")
        row.tags.append("delegated")
        plan.rows[body.name].append(row)
    felling = _entry(index, "林木采伐许可证核发")
    row = build_row(undelegated, felling, code_tables, location=location_of(undelegated, 0))
    row.tags.append("undelegated")
    plan.rows[undelegated.name].append(row)
    plan.defects.append(d.record("level_not_in_catalogue", row, "level", ["乡镇级"], felling.level))
    plan.differences.append(_difference("extra", undelegated, row, rows=(row,), detail="undelegated_overlap",
                                        note="县级部门与乡镇同时实施，未记录下放或委托"))


def _duplicates(plan: Plan, counties: list[Body], index: CatalogueIndex, code_tables: CodeTables) -> None:
    for generic, name, other_name in (("民政局", "内地居民婚姻登记", "结婚登记"), ("公安局", "出生登记", "新生儿出生登记")):
        body = next(b for b in counties if b.generic == generic)
        first = _find(plan, body, name)
        second = _row(body, _entry(index, name), code_tables, len(plan.rows[body.name]) + 1)
        second.values["name"] = other_name
        second.tags.append("duplicate")
        first.tags.append("duplicate")
        plan.rows[body.name].insert(plan.rows[body.name].index(first) + 2, second)
        plan.defects.append(d.record("catalogue_name_mismatch", second, "name", other_name, name))
        plan.defects.append(d.record("duplicate_impl_code", second, "impl_code", second.values["impl_code"], None))
        plan.differences.append(_difference("duplicate", body, first, rows=(first, second), element="name",
                                            value=other_name, expected=name, note="同一基本编码对应两个名称"))


_LOCAL_MATTERS = (
    # generic department, name, type, local serial, basis, legal, promised, result, near-duplicate of
    ("市场监督管理局", "食品经营许可证核发", "行政许可", "131001", "《中华人民共和国食品安全法》第三十五条", 10, 5,
     "食品经营许可证", "食品经营许可"),
    ("农业农村局", "农村集体经济组织成员身份确认", "行政确认", "121001", "《中华人民共和国农村集体经济组织法》第十二条",
     20, 10, "成员身份确认书", None),
    ("住房和城乡建设局", "城镇老旧小区改造申请", "公共服务", "118001", "《中华人民共和国城市房地产管理法》第二条",
     30, 20, "改造计划通知", None),
)


def _local_matters(plan: Plan, counties: list[Body], code_tables: CodeTables) -> None:
    """Matters a department lists that the province's catalogue lacks (codes with the county's prefix)."""
    for generic, name, type_, serial, basis, legal, promised, result, near in _LOCAL_MATTERS:
        body = next(b for b in counties if b.generic == generic)
        entry = Matter(name=name, type=type_, base_code=AREA_CODE + serial, department=generic, level=["县级"],
                       target=["自然人", "企业法人"] if type_ == "行政许可" else ["自然人"], case_type="承诺件",
                       legal_basis=basis, legal_limit=legal, promised_limit=promised,
                       materials=[Material(name="申请表", necessity="必要", kind="原件", copies=1),
                                  Material(name="申请人身份证明", necessity="必要", kind="复印件", copies=1)],
                       fees=[], visits=0, result_type="证照" if type_ == "行政许可" else "其他", result_name=result,
                       status="在用", source=Location(file="(local)"))
        row = _row(body, entry, code_tables, len(plan.rows[body.name]) + 1)
        row.tags.append("not_in_catalogue")
        plan.defects.append(d.record("not_in_catalogue", row, "base_code", entry.base_code, None))
        rows = plan.rows[body.name]
        if near:
            twin = _find(plan, body, near)
            rows.insert(rows.index(twin) + 1, row)
            twin.tags.append("near_duplicate")
            plan.differences.append(_difference("near_duplicate", body, twin, rows=(twin, row), element="name",
                                                value=name, expected=near, note="名称相近、编码不同"))
        else:
            rows.append(row)


def _element_mismatches(plan: Plan, township: Body, village_a: Body, village_b: Body, rng: random.Random) -> None:
    for body, name, planter in ((township, "城乡最低生活保障对象认定", d.catalogue_legal_basis_mismatch),
                                (village_a, "老年人优待证办理", d.catalogue_materials_mismatch),
                                (village_b, "高龄津贴申领", d.catalogue_type_mismatch)):
        row = _find(plan, body, name)
        found = planter(row, rng)
        assert found, name
        row.tags.append(found[0]["kind"])
        plan.defects.extend(found)
        element = found[0]["element"]
        plan.differences.append(_difference("element_mismatch", body, row, rows=(row,), element=element,
                                            value=found[0]["value"], expected=found[0]["expected"],
                                            note="与其他同级主体及基本目录不一致"))
