"""Lint results kept per file in the workspace: import does not lint; the first lint computes each file's
results and stores them, a second lint reads them, and only what changed (a file, a rule, the language) is
checked again — with the same findings as checking every matter from scratch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.test_lint_cli import CLEAN, row_with, write_list
from tests.test_lint_workspace import set_lint_section

from matterkit.importer import import_into_workspace
from matterkit.lint.run import LintOptions, LintOutcome, lint_workspace, run_lint, workspace_config
from matterkit.workspace import Workspace

TWIN_CODE = "12441500196720244T4000123020000"  # CLEAN's 实施编码


@pytest.fixture(autouse=True)
def chinese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATTERKIT_LANG", "zh")


def county(root: Path) -> Workspace:
    """Two departments' lists; the second repeats the first's 实施编码 (a unique rule across files)."""
    ws = Workspace.init(root)
    lists = root / "县级部门"
    lists.mkdir()
    write_list(lists / "卫健局.xlsx", [CLEAN, row_with(**{"承诺办结时限": "25个工作日",
                                                          "实施编码": "12441500196720244T4000123020001"})])
    write_list(lists / "市场监管局.xlsx", [row_with(**{"事项名称": "食品经营许可", "基本编码": "000123020099",
                                                   "实施编码": TWIN_CODE})])
    import_into_workspace(ws, [lists], workers=1)
    return ws


def from_scratch(ws: Workspace, options: LintOptions | None = None) -> list[dict]:  # type: ignore[type-arg]
    """Every matter loaded and every rule run in memory: what the stored results must agree with."""
    config = workspace_config(ws, options or LintOptions())
    outcome = run_lint(list(ws.store.iter_matters()), config, registry=ws.registry, code_tables=ws.code_tables,
                       catalogue=list(ws.store.iter_catalogue()), lang=(options or LintOptions()).lang)
    return [f.as_dict() for f in outcome.result.findings]


def as_dicts(outcome: LintOutcome) -> list[dict]:  # type: ignore[type-arg]
    return [f.as_dict() for f in outcome.result.findings]


def test_import_stores_no_lint_results(tmp_path: Path) -> None:
    ws = county(tmp_path / "ws")
    tables = {row[0] for row in ws.store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "lint_files" not in tables or not ws.store.conn.execute("SELECT COUNT(*) FROM lint_files").fetchone()[0]


def test_first_lint_computes_and_stores_results_that_the_second_lint_reads(tmp_path: Path) -> None:
    ws = county(tmp_path / "ws")
    first = lint_workspace(ws, LintOptions())
    assert first.recomputed == 2
    outcome = lint_workspace(ws, LintOptions())
    assert outcome.recomputed == 0
    assert as_dicts(outcome) == as_dicts(first) == from_scratch(ws)
    rules = {f["rule"] for f in as_dicts(outcome)}
    assert "LIM001" in rules or any(f["element"] == "promised_limit" for f in as_dicts(outcome))


def test_a_code_repeated_in_another_file_is_found_and_names_the_first_file(tmp_path: Path) -> None:
    ws = county(tmp_path / "ws")
    repeats = [f for f in lint_workspace(ws, LintOptions()).result.findings if f.rule == "UNQ001"]
    assert len(repeats) == 1
    assert repeats[0].location.file.endswith("市场监管局.xlsx") or repeats[0].location.file.endswith("卫健局.xlsx")
    assert repeats[0].value == TWIN_CODE and "第 2 行" in repeats[0].message


def test_correcting_one_file_rechecks_only_that_file(tmp_path: Path) -> None:
    ws = county(tmp_path / "ws")
    lint_workspace(ws, LintOptions())
    corrected = tmp_path / "ws" / "县级部门" / "市场监管局.xlsx"
    write_list(corrected, [row_with(**{"事项名称": "食品经营许可", "基本编码": "000123020099",
                                      "实施编码": "12441500196720244T4000123020099"})])
    run = import_into_workspace(ws, [tmp_path / "ws" / "县级部门"], workers=1)
    assert [f.status for f in run.files].count("skipped") == 1
    outcome = lint_workspace(ws, LintOptions())
    assert outcome.recomputed == 1  # the corrected file; the other file's results were kept
    assert not [f for f in outcome.result.findings if f.rule == "UNQ001"]
    assert as_dicts(outcome) == from_scratch(ws)


def test_changing_a_rule_in_matterkit_yaml_rechecks_with_the_new_rule(tmp_path: Path) -> None:
    ws = county(tmp_path / "ws")
    before = lint_workspace(ws, LintOptions())
    set_lint_section(tmp_path / "ws", """lint:
  extends: [national, practice, same-element]
  rules:
    UNQ001: {severity: warning}
""")
    ws = Workspace.open(tmp_path / "ws")
    after = lint_workspace(ws, LintOptions())
    assert [f.severity for f in after.result.findings if f.rule == "UNQ001"] == ["warning"]
    assert {f.rule for f in before.result.findings} >= {f.rule for f in after.result.findings}
    assert as_dicts(after) == from_scratch(ws)


def test_a_narrower_selection_is_served_from_the_stored_results(tmp_path: Path) -> None:
    ws = county(tmp_path / "ws")
    lint_workspace(ws, LintOptions())
    outcome = lint_workspace(ws, LintOptions(select=["REQ", "UNI"]))
    assert outcome.recomputed == 0
    assert as_dicts(outcome) == from_scratch(ws, LintOptions(select=["REQ", "UNI"]))


def test_english_messages_are_made_when_asked_for(tmp_path: Path) -> None:
    ws = county(tmp_path / "ws")
    lint_workspace(ws, LintOptions())
    outcome = lint_workspace(ws, LintOptions(lang="en"))
    assert outcome.recomputed == 2
    assert as_dicts(outcome) == from_scratch(ws, LintOptions(lang="en"))
    assert lint_workspace(ws, LintOptions(lang="en")).recomputed == 0


def test_a_workspace_whose_stored_results_were_thrown_away_is_linted_from_scratch(tmp_path: Path) -> None:
    ws = county(tmp_path / "ws")
    lint_workspace(ws, LintOptions())
    ws.store.conn.execute("DELETE FROM lint_files")
    ws.store.conn.execute("DELETE FROM lint_keys")
    outcome = lint_workspace(ws, LintOptions())
    assert outcome.recomputed == 2
    assert as_dicts(outcome) == from_scratch(ws)


def test_removing_a_file_from_the_store_removes_its_results(tmp_path: Path) -> None:
    ws = county(tmp_path / "ws")
    second = next(f for f in ws.store.files() if f.given_path.endswith("市场监管局.xlsx"))
    ws.store.forget_file(second.path)
    outcome = lint_workspace(ws, LintOptions())
    assert not [f for f in outcome.result.findings if f.rule == "UNQ001"]
    assert ws.store.conn.execute("SELECT COUNT(*) FROM lint_files").fetchone()[0] == 1


def test_the_example_county_gives_the_same_findings_from_stored_results(tmp_path: Path) -> None:
    from matterkit.example import generate_example_county

    root = tmp_path / "ws"
    ws = Workspace.init(root)
    generate_example_county(root / "lists")
    shutil.rmtree(root / "lists" / "村社区")  # keep the test short: departments and townships
    import_into_workspace(ws, [root / "lists"])
    first = lint_workspace(ws, LintOptions())
    outcome = lint_workspace(ws, LintOptions())
    assert outcome.recomputed == 0
    assert as_dicts(outcome) == as_dicts(first) == from_scratch(ws)


def test_a_catalogue_named_in_the_lint_section_reaches_lint_workers(tmp_path: Path) -> None:
    from matterkit.catalogue import default_catalogue_path
    from matterkit.lint.run import load_catalogue_file

    root = tmp_path / "ws"
    Workspace.init(root)
    shutil.copyfile(default_catalogue_path(), root / "省目录.yaml")
    set_lint_section(root, "lint:\n  catalogue: 省目录.yaml\n")
    ws = Workspace.open(root)
    lists = root / "县级部门"
    lists.mkdir()
    write_list(lists / "卫健局.xlsx", [CLEAN, row_with(**{"事项名称": "公共场所卫生许可证核发"})])
    write_list(lists / "市场监管局.xlsx", [row_with(**{"基本编码": "999999999999"})])
    import_into_workspace(ws, [lists], workers=2)
    assert lint_workspace(ws, LintOptions()).recomputed == 2  # on two processes, one file each
    outcome = lint_workspace(ws, LintOptions())
    assert outcome.recomputed == 0
    config = workspace_config(ws, LintOptions())
    assert config.catalogue is not None
    expected = run_lint(list(ws.store.iter_matters()), config, registry=ws.registry, code_tables=ws.code_tables,
                        catalogue=load_catalogue_file(config.catalogue, ws.registry, ws.code_tables))
    assert as_dicts(outcome) == [f.as_dict() for f in expected.result.findings]
    assert {"CAT002"} <= {f.rule for f in outcome.result.findings}


def test_one_county_of_a_province_is_linted_alone_and_a_repeat_names_the_other_county(tmp_path: Path) -> None:
    root = tmp_path / "省"
    ws = Workspace.init(root)
    for county, code in (("甲县", TWIN_CODE), ("乙县", TWIN_CODE)):
        (root / county).mkdir()
        write_list(root / county / "卫健局.xlsx", [row_with(**{"实施编码": code})])
    import_into_workspace(ws, [root / "甲县", root / "乙县"], workers=1)
    # files go in path order, and 乙 (U+4E59) sorts before 甲 (U+7532): 乙县's row is the first occurrence
    later = lint_workspace(ws, LintOptions(under=root / "甲县"))
    assert later.result.files == 1 and later.result.matters == 1
    assert {f.location.file for f in later.result.findings} == {str(root / "甲县" / "卫健局.xlsx")}
    repeat = next(f for f in later.result.findings if f.rule == "UNQ001")
    assert "乙县" in repeat.message  # the first occurrence, in the other county
    earlier = lint_workspace(ws, LintOptions(under=root / "乙县"))
    assert not [f for f in earlier.result.findings if f.rule == "UNQ001"]
    whole = lint_workspace(ws, LintOptions())
    assert sorted(f.message for f in whole.result.findings) == sorted(
        f.message for f in [*earlier.result.findings, *later.result.findings])


def test_lint_under_a_folder_from_the_command_line(tmp_path: Path) -> None:
    import json

    from tests.cli_helpers import run_cli

    ws = county(tmp_path / "ws")
    result = run_cli("lint", "--under", "县级部门", "--format", "json", cwd=tmp_path / "ws")
    assert result.exit_code == 1, result.stderr
    document = json.loads(result.stdout)
    assert [f["rule"] for f in document["findings"]] == [f.rule for f in lint_workspace(ws, LintOptions()).result.findings]
    assert run_cli("lint", "--under", "没有这个文件夹", cwd=tmp_path / "ws").exit_code == 2
