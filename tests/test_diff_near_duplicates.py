"""Near-duplicate names: one matter listed under two wordings, paired with the reason."""

from __future__ import annotations

from matterkit.diff import DiffConfig, compare_levels
from matterkit.diff.config import DEFAULT_SUFFIXES
from matterkit.diff.near import similar_stems, strip_suffixes
from matterkit.model import Location, Matter
from matterkit.textnorm import fold

NO_LOCKED = DiffConfig(locked_elements=())


def row(name: str, body: str, department: str = "县市场监管局", level: str = "county", **more: object) -> Matter:
    return Matter(name=name, department=department, list_level=level, list_body=body,
                  source=Location(file=f"{body}.xlsx", sheet="事项", row=2), cells={"name": "B2"}, **more)


def near(report) -> list:  # type: ignore[no-untyped-def]
    return [d for d in report.differences if d.kind == "near_duplicate"]


def test_food_business_licence_pairs_with_its_issuing_wording_and_says_why() -> None:
    report = compare_levels([row("食品经营许可", "县市场监管局"), row("食品经营许可证核发", "东关镇", level="township",
                                                                power_source="上级委托")], config=NO_LOCKED)
    [pair] = near(report)
    assert {pair.left.value, pair.right.value} == {"食品经营许可", "食品经营许可证核发"}
    assert "证、核发" in pair.note("zh")
    assert "suffixes" in pair.note("en")


def test_food_and_drug_business_licences_are_not_paired() -> None:
    report = compare_levels([row("食品经营许可", "县市场监管局"), row("药品经营许可", "县市场监管局")], config=NO_LOCKED)
    assert near(report) == []


def test_a_typo_in_a_long_name_pairs_with_a_score_and_the_block() -> None:
    report = compare_levels([row("城乡最低生活保障对象认定", "县民政局", department="县民政局"),
                             row("城乡最底生活保障对象认定", "西河乡", department="县民政局", level="township",
                                 power_source="上级委托")], config=NO_LOCKED)
    [pair] = near(report)
    assert "相似度" in pair.note("zh") and "主管部门" in pair.note("zh")


def test_names_in_different_departments_are_not_compared() -> None:
    report = compare_levels([row("食品经营许可", "县市场监管局"),
                             row("食品经营许可证核发", "县卫健局", department="县卫健局")], config=NO_LOCKED)
    assert near(report) == []
    by_level = DiffConfig(locked_elements=(), near_block_by="level")
    assert len(near(compare_levels([row("食品经营许可", "县市场监管局"),
                                    row("食品经营许可证核发", "县卫健局", department="县卫健局")], config=by_level))) == 1


def test_suffixes_are_removed_repeatedly_but_a_stem_keeps_two_characters() -> None:
    assert strip_suffixes(fold("食品经营许可证核发"), DEFAULT_SUFFIXES) == ("食品经营许可", ["证", "核发"])
    assert strip_suffixes("登记", DEFAULT_SUFFIXES) == ("登记", [])


def test_similar_stems_compares_only_names_whose_lengths_can_reach_the_threshold() -> None:
    stems = ["食品经营许可", "药品经营许可", "城乡最低生活保障对象认定", "最低生活保障对象认定"]
    pairs = {(p.left, p.right) for p in similar_stems(stems, 90)}
    assert pairs == {("最低生活保障对象认定", "城乡最低生活保障对象认定")}


def test_one_name_under_two_codes_is_a_duplicate_and_not_also_a_near_duplicate() -> None:
    report = compare_levels([row("食品经营许可", "县市场监管局", base_code="000123020000"),
                             row("食品经营许可", "县市场监管局", base_code="000123030000")], config=NO_LOCKED)
    assert near(report) == []
    assert [d.note("zh") for d in report.differences if d.kind == "duplicate"] == \
        ["同一名称对应不同基本编码：000123020000、000123030000"]


def test_rows_without_a_department_are_compared_within_their_body_only() -> None:
    """A county directory names the 实施部门 (body) but no 主管部门: 粮食 and 食品 matters of two bureaus are not
    one matter; two wordings in one bureau's rows still pair, said to be compared within the body."""
    def bare(name: str, body: str) -> Matter:
        return row(name, body, department=None)  # type: ignore[arg-type]

    across = compare_levels([bare("粮食经营者扶持资金给付", "县发展和改革局"),
                             bare("食品经营者扶持资金给付", "县市场监督管理局")], config=NO_LOCKED)
    within = compare_levels([bare("城乡最低生活保障对象认定", "县民政局"),
                             bare("城乡最底生活保障对象认定", "县民政局")], config=NO_LOCKED)
    assert near(across) == []
    [pair] = near(within)
    assert "同一实施主体内比较" in pair.note("zh")
