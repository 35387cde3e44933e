"""The `diff:` section of matterkit.yaml: defaults, the same-element rule pack, errors with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from matterkit.diff import load_diff_config
from matterkit.diff.config import DEFAULT_LOCKED
from matterkit.errors import ConfigError
from matterkit.yamlio import load_yaml


def test_without_a_rule_pack_the_built_in_locked_elements_apply(tmp_path: Path) -> None:
    config = load_diff_config({}, rules_dir=tmp_path)
    assert config.locked_elements == (*DEFAULT_LOCKED, "materials") and config.locked_source == "default"
    assert config.element_modes["department"] == "suffix"


def test_the_same_element_pack_names_the_locked_elements_and_how_they_compare(tmp_path: Path) -> None:
    (tmp_path / "same-element.yaml").write_text(
        "pack: same-element\nrules:\n  - code: CAT002\n    kind: catalogue\n"
        "    params:\n      elements: {name: folded, type: exact, department: suffix}\n", encoding="utf-8")
    config = load_diff_config({"locked_elements": ["name"]}, rules_dir=tmp_path)
    assert config.locked_elements == ("name", "type", "department", "materials")
    assert config.element_modes == {"name": "folded", "type": "exact", "department": "suffix"}
    assert config.locked_source.endswith("same-element.yaml")


def test_the_workspace_sets_standard_lists_suffixes_threshold_and_failing_kinds(tmp_path: Path) -> None:
    config = load_diff_config({"standard_lists": {"village": ["000123022000", "老年人优待证办理"]},
                               "near_duplicates": {"suffixes": ["证"], "threshold": 85, "block_by": "level"},
                               "fail_on": ["missing"], "compare_also": []}, rules_dir=tmp_path)
    assert config.standard_lists == {"village": ("000123022000", "老年人优待证办理")}
    assert (config.near_suffixes, config.near_threshold, config.near_block_by) == (("证",), 85.0, "level")
    assert config.fail_on == ("missing",)
    assert "materials" not in config.locked_elements


def test_a_wrong_key_in_the_diff_section_names_file_line_and_key(tmp_path: Path) -> None:
    path = tmp_path / "matterkit.yaml"
    path.write_text("version: 1\ndiff:\n  near_duplicates:\n    threshold: 30\n", encoding="utf-8")
    document = load_yaml(path)
    with pytest.raises(ConfigError) as caught:
        load_diff_config(document["diff"], config_path=path, document=document, rules_dir=tmp_path)
    assert caught.value.line == 4
    assert caught.value.key == "diff.near_duplicates.threshold"


def test_an_unknown_element_key_is_a_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / "matterkit.yaml"
    path.write_text("diff:\n  locked_elements:\n    - name\n    - nmae\n", encoding="utf-8")
    document = load_yaml(path)
    with pytest.raises(ConfigError) as caught:
        load_diff_config(document["diff"], config_path=path, document=document, rules_dir=tmp_path)
    assert caught.value.line == 4 and "nmae" in str(caught.value)


def test_a_workspace_extending_a_provincial_pack_locks_the_provinces_elements(tmp_path: Path) -> None:
    path = tmp_path / "matterkit.yaml"
    path.write_text("lint:\n  extends: [example-province]\ndiff: {}\n", encoding="utf-8")
    document = load_yaml(path)
    config = load_diff_config(document["diff"], config_path=path, document=document,
                              lint_section=document["lint"], base_dir=tmp_path)
    assert {"legal_limit", "case_type", "materials", "level"} <= set(config.locked_elements)
    assert config.element_modes["level"] == "subset"
    assert "CAT002" in config.locked_source


def test_a_workspace_whose_lint_packs_lock_nothing_uses_its_diff_setting(tmp_path: Path) -> None:
    path = tmp_path / "matterkit.yaml"
    path.write_text("lint:\n  extends: [national]\ndiff:\n  locked_elements: [name, type]\n", encoding="utf-8")
    document = load_yaml(path)
    config = load_diff_config(document["diff"], config_path=path, document=document,
                              lint_section=document["lint"], base_dir=tmp_path)
    assert config.locked_elements == ("name", "type", "materials")
    assert config.locked_source == "matterkit.yaml"
