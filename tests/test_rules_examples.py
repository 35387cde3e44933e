"""Every rule of every shipped pack passes its passing examples and reports its failing ones."""

from __future__ import annotations

import pytest

from matterkit.lint.examples import run_example
from matterkit.lint.packs import bundled_packs, load_ruleset

ALL_RULES = list(load_ruleset(bundled_packs()))


def _ids(rule) -> str:  # type: ignore[no-untyped-def]
    return rule.code


def test_every_shipped_pack_loads_and_rule_codes_are_unique() -> None:
    assert {"national", "practice", "same-element", "example-province"} <= set(bundled_packs())
    assert len({rule.code for rule in ALL_RULES}) == len(ALL_RULES) > 30


@pytest.mark.parametrize("rule", ALL_RULES, ids=_ids)
def test_rule_accepts_its_passing_examples(rule) -> None:  # type: ignore[no-untyped-def]
    for example in rule.examples["pass"]:
        findings = run_example(rule, example)
        assert findings == [], f"{rule.code} reported {[f.message for f in findings]} on {example}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=_ids)
def test_rule_reports_its_failing_examples_in_both_languages(rule) -> None:  # type: ignore[no-untyped-def]
    for example in rule.examples["fail"]:
        for lang in ("zh", "en"):
            findings = run_example(rule, example, lang=lang)
            assert findings, f"{rule.code} missed {example}"
            assert all(f.rule == rule.code and f.source is not None for f in findings)
            assert all("{" not in f.message for f in findings), [f.message for f in findings]
