"""A county adds its own check kind as a Python package (entry-point group `matterkit.check_kinds`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from matterkit.errors import ConfigError
from matterkit.lint import kinds as kinds_module
from matterkit.lint.engine import lint_matters
from matterkit.lint.examples import example_matters
from matterkit.lint.packs import load_ruleset

PLUGIN = '''
"""county_kinds — the service hall's own phone number must be given."""
from matterkit.lint.kinds import Hit

ID = "hall_phone"
TITLE = {"zh": "咨询电话为政务服务中心电话", "en": "Phone is the service hall's"}
PARAMS = {"type": "object", "additionalProperties": False, "required": ["phone"],
          "properties": {"phone": {"type": "string"}}}
MESSAGE = {"zh": "咨询电话“{value}”不是政务服务中心电话 {expected}", "en": "Phone '{value}' is not {expected}"}
EXAMPLE = {"params": {"phone": "0763-1234567"}, "pass": [{"phone": "0763-1234567"}], "fail": [{"phone": "110"}]}


def check(params, rows, ctx):
    phones = ctx.column("phone")
    for i in rows:
        if phones[i] and phones[i] != params["phone"]:
            yield Hit(i, "phone", phones[i], params["phone"])
'''

PACK = """pack: county
title: {zh: 本县规则}
rules:
  - code: CTY001
    name: hall-phone
    title: {zh: 咨询电话为政务服务中心电话}
    severity: warning
    source: {title: 青山县政务服务中心工作规范}
    kind: hall_phone
    params: {phone: 0763-1234567}
    examples: {pass: [{phone: 0763-1234567}], fail: [{phone: "110"}]}
"""


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    (tmp_path / "county_kinds.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    entry = EntryPoint(name="hall_phone", value="county_kinds", group=kinds_module.ENTRY_POINT_GROUP)
    monkeypatch.setattr(kinds_module, "entry_points", lambda group: [entry] if group == entry.group else [])
    kinds_module.all_kinds.cache_clear()
    yield
    kinds_module.all_kinds.cache_clear()
    sys.modules.pop("county_kinds", None)


def test_a_plugin_kind_is_configured_by_a_pack_like_a_builtin_one(plugin: None, tmp_path: Path) -> None:
    (tmp_path / "county.yaml").write_text(PACK, encoding="utf-8")
    ruleset = load_ruleset(["county.yaml"], tmp_path)
    matters, _ = example_matters({"rows": [{"phone": "0763-1234567"}, {"phone": "110"}]})
    [finding] = lint_matters(matters, list(ruleset)).findings
    assert finding.rule == "CTY001" and finding.location.row == 3
    assert finding.message == "咨询电话“110”不是政务服务中心电话 0763-1234567"


def test_a_pack_using_a_kind_nobody_installed_is_a_configuration_error(tmp_path: Path) -> None:
    kinds_module.all_kinds.cache_clear()
    (tmp_path / "county.yaml").write_text(PACK, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_ruleset(["county.yaml"], tmp_path)
    assert caught.value.line == 9 and "hall_phone" in str(caught.value)


def test_a_pack_naming_an_unknown_element_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "county.yaml").write_text(PACK.replace("kind: hall_phone", "kind: required").replace(
        "params: {phone: 0763-1234567}", "params: {elements: [phone_number]}"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_ruleset(["county.yaml"], tmp_path)
    assert caught.value.line == 10 and "phone_number" in str(caught.value)


def test_max_per_rule_caps_findings_and_says_how_many_were_left_out() -> None:
    ruleset = load_ruleset(["national"])
    # FMT009 (area code form): FMT001 now reads the import's code-scheme issues, which these rows lack
    matters, _ = example_matters({"rows": [{"area_code": f"1234{n}"} for n in range(5)]})
    result = lint_matters(matters, [ruleset.rules["FMT009"]], max_per_rule=2)
    assert len(result.findings) == 2 and result.capped == {"FMT009": 3}
