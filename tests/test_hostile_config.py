"""Configuration a county writes (or is sent) cannot run code, cannot hang lint, and every error says where.

YAML is loaded with ruamel's round-trip loader, which constructs no Python object from a tag; rule-pack
regular expressions run in the `regex` engine with a time limit per match; a mistake in `matterkit.yaml`
or a pack names the file and the line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.cli_helpers import run_cli, run_json

from matterkit.errors import ConfigError
from matterkit.workspace import Workspace
from matterkit.yamlio import load_yaml
from workbook_builders import simple_workbook

HEADER = ["事项名称", "实施主体", "法定办结时限", "承诺办结时限", "设定依据"]
EVIL_TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!!python/object:pathlib.Path {{}}",
    "!!python/module:os",
]


@pytest.mark.parametrize("tag", EVIL_TAGS)
def test_python_tags_in_yaml_construct_nothing_and_name_the_line(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text("version: 1\ncounty: 青山县\nnotes: " + tag.format(marker=marker) + "\n", encoding="utf-8")

    try:
        document = load_yaml(path)
    except ConfigError as error:
        assert error.path == str(path) and error.line == 3, str(error)
    else:
        value = document["notes"]
        assert type(value).__module__.startswith(("ruamel", "builtins")), type(value)  # plain data, tag kept
    assert not marker.exists()


def test_workspace_configuration_with_a_python_tag_is_refused_with_file_and_line(tmp_path: Path) -> None:
    ws = Workspace.init(tmp_path / "ws")
    marker = tmp_path / "pwned"
    text = ws.config_path.read_text(encoding="utf-8")
    ws.config_path.write_text(text.replace("county: null", f"county: !!python/object/apply:os.system ['touch {marker}']"),
                              encoding="utf-8")
    line = next(i for i, s in enumerate(ws.config_path.read_text(encoding="utf-8").splitlines(), 1) if "python" in s)

    result = run_cli("status", "--workspace", ws.root)

    assert result.exit_code == 2
    assert f"matterkit.yaml:{line}" in result.stderr and "Traceback" not in result.stderr
    assert not marker.exists()


def pack(tmp_path: Path, pattern: str, *, name: str = "county-extra") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"""# a county's own pack
pack: {name}
title: {{zh: 本县补充规则, en: County rules}}
regulations:
  county:
    title: 本县审查要求
rules:
  - code: CTY001
    name: name-without-repeated-letters
    title: {{zh: 事项名称写法, en: Name wording}}
    severity: warning
    source: {{ref: county}}
    kind: pattern
    params: {{element: name, pattern: '{pattern}', expected: 规范写法}}
    examples:
      pass: [{{name: aaa}}]
      fail: [{{name: 正常的事项}}]
""", encoding="utf-8")
    return path


def test_catastrophic_regular_expression_cannot_hang_lint(tmp_path: Path) -> None:
    rules = pack(tmp_path, "(a+)+$")
    simple_workbook(tmp_path / "清单.xlsx", {"清单": [HEADER, ["a" * 5000 + "!", "县民政局", 20, 5, "《条例》第一条"],
                                                   ["正常的事项", "县民政局", 20, 5, "《条例》第一条"]]})

    document = run_json("lint", tmp_path / "清单.xlsx", "--pack", rules, "--select", "CTY", cwd=tmp_path,
                        expect_exit=None)

    assert document["schema"] == "matterkit.lint/1"
    assert document["summary"]["matters"] == 2
    findings = [f for f in document["findings"] if f["rule"] == "CTY001"]
    assert findings, document["findings"]  # the cell that timed out is reported, not skipped silently
    assert all(f["location"]["row"] in (2, 3) for f in findings)


@pytest.mark.parametrize(("pattern", "reason"), [("(", "pattern"), ("[a-", "pattern"), ("a{2,1}", "pattern")])
def test_invalid_regular_expression_names_the_pack_file_and_line(tmp_path: Path, pattern: str, reason: str) -> None:
    rules = pack(tmp_path, pattern)
    simple_workbook(tmp_path / "清单.xlsx", {"清单": [HEADER, ["事项", "县民政局", 20, 5, "《条例》第一条"]]})
    line = next(i for i, s in enumerate(rules.read_text(encoding="utf-8").splitlines(), 1) if "pattern:" in s)

    result = run_cli("lint", tmp_path / "清单.xlsx", "--pack", rules, cwd=tmp_path)

    assert result.exit_code == 2, result.stdout + result.stderr
    assert f"{rules}:{line}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("broken", "key", "command"), [
    ("import:\n  max_unzipped_mb: lots\n", "import.max_unzipped_mb", "status"),
    ("county: [unclosed\n", None, "status"),
    ("lint:\n  fail_level: catastrophic\n", "lint", "lint"),
    ("aliases:\n  no_such_element: [名称]\n", "aliases", "import"),
])
def test_every_mistake_in_matterkit_yaml_names_file_and_line(tmp_path: Path, broken: str, key: str | None,
                                                             command: str) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "matterkit.yaml").write_text("version: 1\ncatalogue: bundled\n" + broken, encoding="utf-8")
    simple_workbook(tmp_path / "清单.xlsx", {"清单": [HEADER, ["事项", "县民政局", 20, 5, "《条例》第一条"]]})
    args = [tmp_path / "清单.xlsx"] if command == "import" else []

    result = run_cli(command, *args, "--workspace", root)

    assert result.exit_code == 2, result.stdout + result.stderr
    assert re.search(r"matterkit\.yaml:\d+", result.stderr), result.stderr
    if key:
        assert key in result.stderr
    assert "Traceback" not in result.stderr
