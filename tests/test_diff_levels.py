"""Comparing the county's, townships' and villages' lists: element mismatches, coverage and duplicates."""

from __future__ import annotations

from typing import Any

from matterkit.catalogue import CatalogueIndex
from matterkit.diff import DiffConfig, compare_levels
from matterkit.diff.matching import match_matters
from matterkit.model import Location, Material, Matter

ROW = {"n": 1}


def matter(name: str, *, level: str = "township", body: str = "东关镇", file: str | None = None,
           materials: tuple[str, ...] = (), **elements: Any) -> Matter:
    ROW["n"] += 1
    return Matter(name=name, list_level=level, list_body=body, source=Location(
        file=file or f"{body}.xlsx", sheet="Sheet1", row=ROW["n"]),
        materials=[Material(name=m) for m in materials], cells={"name": f"B{ROW['n']}", "materials": f"F{ROW['n']}"},
        **elements)


def catalogue_entry(name: str, base_code: str, levels: list[str], **elements: Any) -> Matter:
    return Matter(name=name, base_code=base_code, level=levels, source=Location(file="catalogue.yaml"), **elements)


LOW_INCOME = dict(base_code="000123020000", type="行政确认", department="县民政局",
                  legal_basis="《社会救助暂行办法》第十一条")
PENSION = dict(base_code="000131128000", type="公共服务", department="县人社局", legal_basis="《社会保险法》")


def standard_catalogue() -> list[Matter]:
    return [
        catalogue_entry("城乡最低生活保障对象认定", levels=["县级", "乡镇级"],
                        materials=[Material(name="申请表"), Material(name="身份证")], **LOW_INCOME),
        catalogue_entry("城乡居民基本养老保险参保登记", levels=["乡镇级", "村级"], **PENSION),
    ]


def kinds(report: Any) -> list[tuple[str, str | None, str | None]]:
    return [(d.kind, d.element, d.matter["body"]) for d in report.differences]


def test_identical_lists_in_two_townships_give_no_difference() -> None:
    rows = [matter("城乡最低生活保障对象认定", body=town, materials=("申请表", "身份证"), **LOW_INCOME)
            for town in ("东关镇", "西河乡")]
    rows += [matter("城乡居民基本养老保险参保登记", body=town, **PENSION) for town in ("东关镇", "西河乡")]
    report = compare_levels(rows, standard_catalogue())
    assert report.differences == []
    assert report.info["matched_by"] == {"base_code": 4}


def test_a_legal_basis_that_differs_from_the_catalogue_names_both_values_and_the_cell() -> None:
    changed = {**LOW_INCOME, "legal_basis": "《社会救助暂行办法》第九条"}
    rows = [matter("城乡最低生活保障对象认定", body="东关镇", materials=("申请表", "身份证"), **LOW_INCOME),
            matter("城乡最低生活保障对象认定", body="西河乡", materials=("申请表", "身份证"), **changed)]
    rows[1].cells["legal_basis"] = "H3"
    report = compare_levels(rows, standard_catalogue(), DiffConfig(standard_lists={"township": ("000123020000",)}))
    [difference] = report.differences
    assert (difference.kind, difference.element, difference.matter["body"]) == ("element_mismatch", "legal_basis", "西河乡")
    assert difference.left.level == "catalogue" and difference.left.value == "《社会救助暂行办法》第十一条"
    assert difference.right.value == "《社会救助暂行办法》第九条"
    assert difference.right.location.cell == "H3"
    assert "基本编码" in difference.note("zh")


def test_a_material_missing_in_one_village_is_a_difference_between_villages() -> None:
    rows = [matter("老年人优待证办理", level="village", body=v, department="县民政局",
                   materials=("身份证", "两寸照片")) for v in ("一村", "二村", "三村")]
    rows.append(matter("老年人优待证办理", level="village", body="四村", department="县民政局",
                       materials=("身份证",)))
    report = compare_levels(rows)
    [difference] = report.differences
    assert (difference.kind, difference.element, difference.matter["body"]) == ("element_mismatch", "materials", "四村")
    assert difference.left.value == ["身份证", "两寸照片"] and difference.right.value == ["身份证"]
    assert "两寸照片" in difference.note("zh")
    assert "3/4" in difference.note("zh")


def test_matches_are_made_by_code_then_implementation_code_then_name() -> None:
    impl = "12441500196720244T3" + "000123020000"
    rows = [matter("城乡最低生活保障对象认定", body="东关镇", base_code="000123020000"),
            matter("城乡最低生活保障对象认定", body="西河乡", impl_code=impl),
            matter("城乡最低生活保障 对象认定", body="南山镇")]
    [group] = match_matters(rows)
    assert [m.method for m in group.members] == ["base_code", "impl_code", "name"]


def test_a_mistyped_code_joins_the_catalogue_matter_by_name_and_shows_as_a_code_mismatch() -> None:
    rows = [matter("城乡最低生活保障对象认定", body="东关镇", **{**LOW_INCOME, "base_code": "000123029999"})]
    groups = match_matters(rows, CatalogueIndex.from_matters(standard_catalogue()))
    assert len(groups) == 1 and groups[0].catalogue is not None
    report = compare_levels(rows, standard_catalogue(), DiffConfig(standard_lists={"township": ("000123020000",)}))
    assert ("element_mismatch", "base_code", "东关镇") in kinds(report)


def test_a_township_lacking_a_standard_matter_and_listing_an_undelegated_one() -> None:
    rows = [matter("城乡居民基本养老保险参保登记", body="东关镇", **PENSION),
            matter("城乡最低生活保障对象认定", body="东关镇", materials=("申请表", "身份证"), **LOW_INCOME),
            matter("城乡最低生活保障对象认定", body="西河乡", materials=("申请表", "身份证"), **LOW_INCOME),
            matter("建设工程规划许可", body="西河乡", base_code="000107001000", department="县自然资源局"),
            matter("农村村民宅基地审批", body="西河乡", base_code="000107002000", department="县自然资源局",
                   power_source="上级下放")]
    report = compare_levels(rows, standard_catalogue())
    assert sorted(kinds(report)) == [("extra", None, "西河乡"), ("missing", None, "西河乡")]
    missing = next(d for d in report.differences if d.kind == "missing")
    assert missing.matter["name"] == "城乡居民基本养老保险参保登记" and missing.right is None
    extra = next(d for d in report.differences if d.kind == "extra")
    assert extra.matter["name"] == "建设工程规划许可" and extra.left is None
    [matrix] = report.coverage
    assert matrix.basis == "catalogue" and matrix.bodies == ["东关镇", "西河乡"]
    assert matrix.totals_by_body()["西河乡"]["delegated"] == 1


def test_without_a_standard_list_villages_are_compared_with_each_other_and_the_note_says_so() -> None:
    rows = [matter("老年人优待证办理", level="village", body=v) for v in ("一村", "二村", "三村")]
    rows.append(matter("殡葬补贴申领", level="village", body="一村"))
    report = compare_levels(rows)
    assert sorted(kinds(report)) == [("extra", None, "一村")]
    assert "无标准清单" in report.differences[0].note("zh")
    two = [rows[0], rows[3], matter("老年人优待证办理", level="village", body="二村")]
    report = compare_levels(two)
    assert kinds(report) == [("missing", None, "二村")]
    assert report.coverage[0].basis == "peers"


def test_the_workspace_standard_list_overrides_the_catalogue_levels() -> None:
    rows = [matter("城乡最低生活保障对象认定", body="东关镇", materials=("申请表", "身份证"), **LOW_INCOME)]
    config = DiffConfig(standard_lists={"township": ("000123020000",)})
    assert compare_levels(rows, standard_catalogue(), config).differences == []
    assert compare_levels(rows, standard_catalogue()).differences[0].kind == "missing"


def test_one_base_code_twice_in_one_list_under_two_names_is_a_duplicate() -> None:
    rows = [matter("城乡最低生活保障对象认定", body="东关镇", base_code="000123020000"),
            matter("最低生活保障认定", body="东关镇", base_code="000123020000")]
    report = compare_levels(rows, config=DiffConfig(locked_elements=()))
    assert ("duplicate", "name", "东关镇") in kinds(report)


def test_one_implementation_code_twice_is_a_duplicate() -> None:
    impl = "12441500196720244T3" + "000123020000"
    rows = [matter("城乡最低生活保障对象认定", body="东关镇", impl_code=impl),
            matter("城乡最低生活保障对象认定", body="东关镇", impl_code=impl, file="东关镇-补充.xlsx")]
    report = compare_levels(rows, config=DiffConfig(locked_elements=()))
    assert kinds(report) == [("duplicate", "impl_code", "东关镇")]


def test_one_name_under_two_codes_is_a_duplicate() -> None:
    rows = [matter("残疾人证办理", level="county", body="县残联", base_code="000131001000"),
            matter("残疾人证办理", level="county", body="县民政局", base_code="000131009000")]
    report = compare_levels(rows, config=DiffConfig(locked_elements=()))
    assert ("duplicate", "base_code", "县民政局") in kinds(report) or ("duplicate", "base_code", "县残联") in kinds(report)


def test_county_and_township_implementing_one_matter_without_delegation_is_a_duplicate() -> None:
    rows = [matter("建设工程规划许可", level="county", body="县自然资源局", base_code="000107001000"),
            matter("建设工程规划许可", level="township", body="东关镇", base_code="000107001000",
                   power_source="法定本级行使")]
    report = compare_levels(rows, config=DiffConfig(locked_elements=()))
    assert ("duplicate", "power_source", "东关镇") in kinds(report)
    rows[1] = rows[1].model_copy(update={"power_source": "上级委托"})
    report = compare_levels(rows, config=DiffConfig(locked_elements=()))
    assert [k for k in kinds(report) if k[0] == "duplicate"] == []


def test_json_document_follows_the_conventions_contract() -> None:
    rows = [matter("老年人优待证办理", level="village", body=v, materials=("身份证",)) for v in ("一村", "二村")]
    rows.append(matter("老年人优待证办理", level="village", body="三村", materials=()))
    rows[2].materials.append(Material(name="户口簿"))
    document = compare_levels(rows).to_json("en")
    assert document["schema"] == "matterkit.diff/1"
    [difference] = document["differences"]
    assert set(difference) == {"kind", "element", "matter", "left", "right", "note"}
    assert set(difference["left"]) == {"level", "body", "value", "location"}
    assert difference["right"]["location"]["cell"].startswith("F")
    assert document["summary"]["by_kind"] == {"element_mismatch": 1}


def test_legal_bases_citing_different_laws_differ_even_under_folded_comparison() -> None:
    rows = [matter("城乡最低生活保障对象认定", body=town, department="县民政局", legal_basis=basis)
            for town, basis in (("东关镇", "《社会救助暂行办法》第十一条"), ("西河乡", "《社会救助暂行办法》第十一条"),
                                ("南山镇", "《社会保险法》第十一条"), ("北岭乡", "社会救助暂行办法 第十一条。"))]
    report = compare_levels(rows, config=DiffConfig(locked_elements=("legal_basis",)))
    assert [(d.element, d.matter["body"]) for d in report.differences] == [("legal_basis", "南山镇")]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

DISTINCT = ["城乡最低生活保障对象认定", "城乡居民基本养老保险参保登记", "残疾人证办理", "临时救助对象认定", "高龄津贴申领",
            "人民调解", "悬挂光荣牌", "农村村民宅基地申请审批", "就业创业证申领", "殡葬补贴申领"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(range(len(DISTINCT))), unique=True, max_size=8), st.integers(1, 4),
       st.booleans(), st.sampled_from(["township", "village"]))
def test_the_same_list_in_every_body_gives_no_difference(picks: list[int], bodies: int, coded: bool,
                                                          level: str) -> None:
    rows = [matter(DISTINCT[i], level=level, body=f"第{b}村", department="县民政局",
                   base_code=f"0001230{i:02d}000" if coded else None, materials=("身份证", "户口簿"))
            for b in range(bodies) for i in picks]
    assert compare_levels(rows).differences == []


def test_a_catalogue_that_knows_almost_none_of_the_lists_is_set_aside_and_said_so() -> None:
    """The bundled example catalogue on a real county: two of its matters happen to be listed (one with another
    type), 40 are not. It is not these lists' standard: no mismatch with it, no township standard list from it
    (the townships are compared with each other), and the summary says why."""
    rows = [matter(f"本县事项{n}", body=town, base_code=f"{440200000000 + n}")
            for n in range(20) for town in ("东关镇", "西河乡")]
    rows.append(matter("城乡最低生活保障对象认定", **{**LOW_INCOME, "type": "行政给付"}))
    rows.append(matter("城乡居民基本养老保险参保登记", body="西河乡", **PENSION))

    report = compare_levels(rows, standard_catalogue(), DiffConfig())

    summary = report.summary()
    assert summary["catalogue_set_aside"] and summary["catalogue_found"] == 2
    assert not [d for d in report.differences if d.left is not None and d.left.level == "catalogue"]
    assert [m.basis for m in report.coverage] == ["peers"]


def test_a_village_matter_outside_the_standard_list_is_extra_even_when_delegated_and_the_note_says_why() -> None:
    rows = [matter("城乡居民基本养老保险参保登记", level="village", body=village, **PENSION)
            for village in ("东村", "西村")]
    rows.append(matter("农村危房改造申请", level="village", body="西村", power_source="上级委托",
                       base_code="000999000001"))
    report = compare_levels(rows, standard_catalogue(), DiffConfig())
    [extra] = [d for d in report.differences if d.kind == "extra"]
    assert "村级清单各村应一致" in extra.note("zh") and "未记录下放或委托" not in extra.note("zh")
