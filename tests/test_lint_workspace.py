"""`matterkit lint` in a workspace: lists imported once, the `lint:` section of matterkit.yaml in force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli_helpers import run_cli
from tests.test_lint_cli import CLEAN, COL, row_with, write_list

from matterkit.workspace import Workspace


@pytest.fixture(autouse=True)
def chinese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATTERKIT_LANG", "zh")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    Workspace.init(root)
    (root / "县级部门").mkdir()
    write_list(root / "县级部门" / "卫健局.xlsx", [
        row_with(**{"承诺办结时限": "25个工作日", "实施主体编码": "12441500196720240E",
                    "实施编码": "12441500196720240E4000123020000"}),
        CLEAN[:1] + ["公共场所卫生许可证核发"] + CLEAN[2:],
    ])
    result = run_cli("import", "县级部门", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    return root


def set_lint_section(root: Path, section: str) -> None:
    config = root / "matterkit.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index("lint:")
    end = text.index("\n# ", start)
    config.write_text(text[:start] + section.rstrip() + "\n" + text[end:], encoding="utf-8")


def findings(root: Path, *args: str) -> list[dict]:  # type: ignore[type-arg]
    result = run_cli("lint", "--format", "json", *args, cwd=root)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def test_workspace_lint_checks_imported_lists_against_the_configured_catalogue(workspace: Path) -> None:
    found = {(f["rule"], f["location"]["row"]) for f in findings(workspace)}
    assert ("PRC001", 2) in found and ("FMT004", 2) in found  # org-code check of 12441500196720240E
    assert ("CAT002", 3) in found  # 公共场所卫生许可证核发 is not the catalogue's name
    name = next(f for f in findings(workspace) if f["rule"] == "CAT002")
    assert name["expected"] == "公共场所卫生许可" and name["location"]["file"] == str(Path("县级部门") / "卫健局.xlsx")


def test_lint_section_ignores_rules_and_overrides_severity(workspace: Path) -> None:
    set_lint_section(workspace, """lint:
  extends: [national, practice, same-element]
  ignore: [PRC001]
  fail_level: warning
  rules:
    FMT004: {severity: error}
""")
    found = {f["rule"]: f for f in findings(workspace)}
    assert "PRC001" not in found and found["FMT004"]["severity"] == "error"
    assert run_cli("lint", "--select", "PRC001", cwd=workspace).exit_code == 1  # flags win over the file


def test_mistake_in_lint_section_names_matterkit_yaml_line(workspace: Path) -> None:
    set_lint_section(workspace, """lint:
  extends: [national]
  fail_level: fatal
""")
    result = run_cli("lint", cwd=workspace)
    assert result.exit_code == 2
    text = "".join(result.stderr.split())
    config = (workspace / "matterkit.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, s in enumerate(config, start=1) if "fail_level: fatal" in s)
    assert f"matterkit.yaml:{line}" in text and "lint.fail_level" in text
    set_lint_section(workspace, """lint:
  rules:
    XYZ001: {severity: error}
""")
    result = run_cli("lint", cwd=workspace)
    assert result.exit_code == 2 and "XYZ001" in result.stderr
    set_lint_section(workspace, """lint:
  extends: [national, provincial]
""")
    result = run_cli("lint", cwd=workspace)
    line = next(n for n, s in enumerate((workspace / "matterkit.yaml").read_text(encoding="utf-8").splitlines(),
                                        start=1) if "provincial" in s)
    assert result.exit_code == 2 and f"matterkit.yaml:{line}" in "".join(result.stderr.split())


def test_annotate_in_a_workspace_finds_the_imported_files(workspace: Path) -> None:
    result = run_cli("lint", "--annotate", "-d", "退回", "--exit-zero", cwd=workspace)
    assert result.exit_code == 0
    annotated = workspace / "退回" / "卫健局（问题标注）.xlsx"
    assert annotated.is_file()
    import openpyxl
    sheet = openpyxl.load_workbook(annotated)["实施清单"]
    assert "PRC001" in sheet[f"{COL['承诺办结时限']}2"].comment.text


def test_baseline_written_in_a_workspace_is_used_by_the_next_lint(workspace: Path) -> None:
    assert run_cli("lint", "--write-baseline", cwd=workspace).exit_code == 0
    assert (workspace / "lint-baseline.json").is_file()
    result = run_cli("lint", "--format", "json", cwd=workspace)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["findings"] == [] and document["baseline"]["suppressed"] > 0
