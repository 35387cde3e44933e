"""Last year's list against this year's: added, removed and changed matters, element by element."""

from __future__ import annotations

from matterkit.diff import compare_versions
from matterkit.diff.versions import pair_versions
from matterkit.model import Location, Material, Matter


def listed(name: str, row: int, **elements: object) -> Matter:
    return Matter(name=name, list_level="county", list_body="县民政局", body="县民政局",
                  source=Location(file="民政局.xlsx", sheet="清单", row=row), cells={"promised_limit": f"K{row}"},
                  **elements)


def last_year() -> list[Matter]:
    return [listed("城乡最低生活保障对象认定", 2, base_code="000123020000", promised_limit=20,
                   materials=[Material(name="申请表")]),
            listed("临时救助对象认定", 3, base_code="000123021000", promised_limit=10),
            listed("老年人优待证办理", 4, base_code="000123022000")]


def test_a_list_against_itself_has_no_difference() -> None:
    assert compare_versions(last_year(), last_year()).differences == []


def test_one_changed_cell_is_exactly_one_changed_element_with_old_and_new_value() -> None:
    this_year = last_year()
    this_year[0] = this_year[0].model_copy(update={"promised_limit": 15})
    [changed] = compare_versions(last_year(), this_year).differences
    assert (changed.kind, changed.element) == ("changed", "promised_limit")
    assert (changed.left.value, changed.right.value) == (20, 15)
    assert changed.right.location.cell == "K2"


def test_added_and_removed_matters() -> None:
    this_year = last_year()[:2] + [listed("残疾人证办理", 5, base_code="000123023000")]
    kinds = sorted((d.kind, d.matter["name"]) for d in compare_versions(last_year(), this_year).differences)
    assert kinds == [("added", "残疾人证办理"), ("removed", "老年人优待证办理")]


def test_rows_pair_by_implementation_code_first_then_base_code_and_body_then_name() -> None:
    old = [listed("甲", 2, impl_code="X" * 31), listed("乙", 3, base_code="000123021000"), listed("丙", 4)]
    new = [listed("甲改名", 2, impl_code="X" * 31), listed("乙改名", 3, base_code="000123021000"), listed("丙", 4)]
    pairs, removed, added = pair_versions(old, new)
    assert [method for _, _, method in pairs] == ["impl_code_full", "base_code_body", "name_body"]
    assert removed == [] and added == []


def test_a_renamed_material_is_one_changed_materials_element() -> None:
    this_year = last_year()
    this_year[0] = this_year[0].model_copy(update={"materials": [Material(name="申请审批表")]})
    [changed] = compare_versions(last_year(), this_year).differences
    assert changed.element == "materials"
    assert (changed.left.value, changed.right.value) == (["申请表"], ["申请审批表"])


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NAMES = st.sampled_from(["城乡最低生活保障对象认定", "临时救助对象认定", "老年人优待证办理", "残疾人证办理", "高龄津贴申领"])
CODES = st.one_of(st.none(), st.sampled_from(["000123020000", "000123021000", "000123022000"]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, CODES, st.integers(0, 30)), max_size=12))
def test_any_list_against_itself_has_no_difference_and_one_edit_is_one_change(rows: list) -> None:  # type: ignore[type-arg]
    matters = [listed(name, index + 2, base_code=code, promised_limit=limit)
               for index, (name, code, limit) in enumerate(rows)]
    assert compare_versions(matters, [m.model_copy() for m in matters]).differences == []
    if matters:
        edited = [m.model_copy() for m in matters]
        edited[0] = edited[0].model_copy(update={"promised_limit": (matters[0].promised_limit or 0) + 1})
        differences = compare_versions(matters, edited).differences
        assert [(d.kind, d.element) for d in differences] == [("changed", "promised_limit")]
