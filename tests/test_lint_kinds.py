"""Each check kind documents itself with an example that passes and one that fails; plus the finer points."""

from __future__ import annotations

import pytest

from matterkit.lint.examples import run_example
from matterkit.lint.findings import RegulationRef
from matterkit.lint.kinds import all_kinds
from matterkit.lint.kinds.list_items import dedupe_list_text
from matterkit.lint.rules import Rule

KINDS = sorted(all_kinds())


def _rule(kind: str, params: dict) -> Rule:  # type: ignore[type-arg]
    return Rule(code="TST001", name="test", title={"zh": "测试"}, severity="error", kind=kind, params=params,
                source=RegulationRef(title="测试"), pack="test", path="test.yaml")


@pytest.mark.parametrize("kind_id", KINDS)
def test_kind_example_passes_and_fails_as_documented(kind_id: str) -> None:
    kind = all_kinds()[kind_id]
    assert kind.TITLE["zh"] and kind.TITLE["en"] and kind.PARAMS["type"] == "object"
    example = kind.EXAMPLE
    rule = _rule(kind_id, example["params"])
    extra = {"catalogue": example["catalogue"]} if "catalogue" in example else {}
    for row in example["pass"]:
        assert run_example(rule, {**row, **extra}) == []
    for row in example["fail"]:
        assert run_example(rule, {**row, **extra})


def test_promised_limit_over_legal_limit_reads_like_the_reviewer_writes_it() -> None:
    rule = _rule("compare", {"left": "promised_limit", "op": "le", "right": "legal_limit"}).with_changes(
        message={"zh": "{left_label}（{left_value}）超过{right_label}（{right_value}）"})
    [finding] = run_example(rule, {"promised_limit": 25, "legal_limit": 20})
    assert finding.message == "承诺办结时限（25个工作日）超过法定办结时限（20个工作日）"
    assert finding.element == "promised_limit" and finding.value == 25


def test_department_matches_catalogue_kind_by_suffix_but_not_exactly() -> None:
    catalogue = [{"base_code": "000131128000", "name": "个体工商户登记注册", "department": "市场监督管理局"}]
    row = {"base_code": "000131128000", "name": "个体工商户登记注册", "department": "青山县市场监督管理局"}
    suffix = _rule("catalogue", {"elements": {"department": "suffix"}})
    exact = _rule("catalogue", {"elements": {"department": "exact"}})
    assert run_example(suffix, {**row, "catalogue": catalogue}) == []
    [finding] = run_example(exact, {**row, "catalogue": catalogue})
    assert finding.expected == "市场监督管理局" and finding.value == "青山县市场监督管理局"


def test_name_mismatch_found_by_base_code_offers_the_catalogue_name_as_fix() -> None:
    catalogue = [{"base_code": "000123020000", "name": "公共场所卫生许可"}]
    rule = _rule("catalogue", {"elements": {"name": "folded"}})
    [finding] = run_example(rule, {"base_code": "000123020000", "name": "公共场所卫生许可证办理",
                                   "catalogue": catalogue})
    assert finding.fix == "公共场所卫生许可" and finding.expected == "公共场所卫生许可"


def test_pathological_pattern_times_out_instead_of_hanging() -> None:
    rule = _rule("pattern", {"element": "name", "pattern": "^(a+)+$", "full": True})
    findings = run_example(rule, {"name": "a" * 40 + "b"})
    assert len(findings) == 1


def test_duplicate_material_lines_are_removed_and_renumbered() -> None:
    assert dedupe_list_text("1、申请表\n2、身份证\n3、申请表") == "1、申请表\n2、身份证"
    assert dedupe_list_text("申请表；身份证；申请表（原件）") == "申请表；身份证"
    assert dedupe_list_text("申请表；身份证") is None


def test_uniqueness_scoped_to_body_allows_the_same_matter_in_two_townships() -> None:
    rule = _rule("unique", {"elements": ["name"], "scope": "body"})
    rows = [{"name": "临时救助对象认定", "list_level": "township", "list_body": "青山镇"},
            {"name": "临时救助对象认定", "list_level": "township", "list_body": "白水乡"}]
    assert run_example(rule, {"rows": rows}) == []
    rows[1]["list_body"] = "青山镇"
    [finding] = run_example(rule, {"rows": rows})
    assert finding.location.row == 3 and "第 2 行" in finding.message


def test_a_rule_can_apply_to_matters_with_a_material_of_some_kind() -> None:
    """`applies.when` reads a field of a list's items, as the derived lists' selections do."""
    rule = _rule("required", {"elements": ["legal_basis"]})
    rule = rule.with_changes(applies={"when": [{"element": "materials.name", "contains": "告知承诺"}]})
    promised = {"name": "公共场所卫生许可", "materials": [{"name": "卫生许可告知承诺书"}]}
    plain = {"name": "残疾人证办理", "materials": [{"name": "身份证"}]}
    assert run_example(rule, plain) == []
    [finding] = run_example(rule, promised)
    assert finding.element == "legal_basis"
