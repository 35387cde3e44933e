"""Rules explain themselves: docs/rules.md is generated from the packs, and renamed codes still work."""

from __future__ import annotations

from pathlib import Path

from matterkit.lint.config import is_selected
from matterkit.lint.docs import rules_markdown
from matterkit.lint.packs import load_ruleset

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_docs_rules_md_is_what_matterkit_rules_generates() -> None:
    assert DOCS.read_text(encoding="utf-8") == rules_markdown("zh"), \
        "docs/rules.md is stale: run `matterkit rules --format markdown -o docs/rules.md`"


def test_generated_docs_show_each_rule_with_its_regulation_and_a_real_failing_message() -> None:
    text = rules_markdown("zh")
    assert "### PRC001 `promised-within-legal-limit`" in text
    assert "承诺办结时限（25个工作日）超过法定办结时限（20个工作日）" in text
    assert "## 规则包 `example-province`" in text and "覆盖 CAT002" in text


def test_a_renamed_rule_code_still_selects_and_configures_the_rule(tmp_path: Path) -> None:
    pack = tmp_path / "renamed.yaml"
    pack.write_text("""pack: renamed
title: {zh: 改名示例}
extends: [practice]
redirects: {PRA001: PRC001}
overrides:
  PRA001: {severity: error}
""", encoding="utf-8")
    ruleset = load_ruleset([str(pack)], tmp_path)
    rule = ruleset.get("PRA001")
    assert rule is not None and rule.code == "PRC001" and rule.severity == "error"
    assert is_selected(rule, ["PRA001"], [], ruleset)
    assert not is_selected(rule, ["PRC"], ["PRA001"], ruleset)


def test_linting_guide_names_every_check_kind() -> None:
    from matterkit.lint.kinds import all_kinds

    guide = (DOCS.parent / "linting.md").read_text(encoding="utf-8")
    assert all(f"| `{kind}` |" in guide for kind in all_kinds())
