"""The consolidated list a clerk exports is itself a list matterkit reads back without loss."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_helpers import run_cli, run_json

from matterkit.example import generate_example_county
from matterkit.workspace import Workspace

COMPARED = ("name", "type", "base_code", "impl_code", "department", "body", "body_code", "level", "target",
            "case_type", "legal_basis", "legal_limit", "promised_limit", "fee", "visits", "phone",
            "location", "online", "channels", "result_name")


def test_exported_xlsx_reimports_to_the_same_elements(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    generate_example_county(inputs)
    Workspace.init(tmp_path / "ws")
    run_cli("import", inputs / "乡镇", "--workspace", tmp_path / "ws")
    before = run_json("export", "--workspace", tmp_path / "ws", expect_exit=None)["matters"]

    exported = tmp_path / "汇总.xlsx"
    assert run_cli("export", "--format", "xlsx", "-o", exported, "--workspace", tmp_path / "ws").exit_code == 0
    Workspace.init(tmp_path / "ws2")
    result = run_cli("import", exported, "--level", "township", "--workspace", tmp_path / "ws2")
    assert result.exit_code == 0, result.stdout
    after = run_json("export", "--workspace", tmp_path / "ws2", expect_exit=None)["matters"]

    assert len(after) == len(before) > 100
    for old, new in zip(before, after, strict=True):
        assert {k: old[k] for k in COMPARED} == {k: new[k] for k in COMPARED}
        assert [m["name"] for m in old["materials"]] == [m["name"] for m in new["materials"]]
        assert new["source"]["file"] == str(exported) and new["source"]["sheet"] == "乡镇级"


def test_jsonl_export_has_one_record_per_line(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    generate_example_county(inputs)
    Workspace.init(tmp_path / "ws")
    run_cli("import", inputs / "村社区", "--workspace", tmp_path / "ws")
    target = tmp_path / "matters.jsonl"
    run_cli("export", "--format", "jsonl", "-o", target, "--level", "village", "--workspace", tmp_path / "ws")
    lines = target.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == Workspace.open(tmp_path / "ws").store.count_matters("village") > 0
    assert {r["list_level"] for r in records} == {"village"}
