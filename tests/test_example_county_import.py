"""Done-when of the foundation: importing the example county and exporting it gives back every planted
value at its file and row, as the generator's ground truth records them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.cli_helpers import run_cli, run_json

from matterkit.example import generate_example_county
from matterkit.workspace import Workspace


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    root = tmp_path_factory.mktemp("county")
    truth = json.loads(generate_example_county(root / "inputs").read_text(encoding="utf-8"))
    Workspace.init(root / "ws")
    report = run_json("import", root / "inputs", "--workspace", root / "ws", expect_exit=None)
    exported = run_json("export", "--workspace", root / "ws", expect_exit=None)
    return truth, report, exported


def _relative(path: str) -> str:
    return Path(path).as_posix().split("/inputs/", 1)[1]


def test_every_file_of_the_example_county_imports(imported: tuple[dict, dict, dict]) -> None:
    truth, report, _ = imported
    statuses = {_relative(f["path"]): f["status"] for f in report["files"]}
    assert set(statuses) == {f["path"] for f in truth["files"]}
    assert set(statuses.values()) == {"ok"}, {p: s for p, s in statuses.items() if s != "ok"}


def test_levels_and_bodies_match_the_ground_truth(imported: tuple[dict, dict, dict]) -> None:
    truth, report, _ = imported
    got = {_relative(f["path"]): (f["level"], f["body"]) for f in report["files"]}
    for file in truth["files"]:
        assert got[file["path"]] == (file["level"], file["body"]), file["path"]


def test_header_rows_and_matter_counts_match_per_sheet(imported: tuple[dict, dict, dict]) -> None:
    truth, report, _ = imported
    sheets = {(_relative(f["path"]), s["name"]): s for f in report["files"] for s in f["sheets"]}
    for file in truth["files"]:
        for sheet in file["sheets"]:
            got = sheets[(file["path"], sheet["name"])]
            assert (got["header_row"], got["matters"]) == (sheet["header_row"], sheet["matters"]), file["path"]


def test_every_planted_value_comes_back_at_its_file_and_row(imported: tuple[dict, dict, dict]) -> None:
    truth, _, exported = imported
    by_place = {(_relative(m["source"]["file"]), m["source"]["sheet"], m["source"]["row"]): m
                for m in exported["matters"]}
    mismatches = []
    checked = 0
    for file in truth["files"]:
        for row in file["rows"]:
            record = by_place.get((file["path"], row["sheet"], row["row"]))
            if record is None:
                mismatches.append((file["path"], row["row"], "row not imported"))
                continue
            for key, expected in row["values"].items():
                checked += 1
                if not _matches(record.get(key), expected):
                    mismatches.append((file["path"], row["row"], key, expected, record.get(key)))
    assert checked > 1000
    assert not mismatches, mismatches[:20]


def _matches(got: Any, expected: Any) -> bool:
    """Ground truth lists only what the generator wrote; for materials, compare the keys it gives."""
    if isinstance(expected, list) and expected and isinstance(expected[0], dict):
        return isinstance(got, list) and len(got) == len(expected) and all(
            all(g.get(k) == v for k, v in e.items()) for g, e in zip(got, expected, strict=True))
    return got == expected


def test_no_row_outside_the_ground_truth_is_invented(imported: tuple[dict, dict, dict]) -> None:
    truth, _, exported = imported
    planted = sum(len(f["rows"]) for f in truth["files"])
    assert len(exported["matters"]) == planted


def test_status_after_importing_the_county(imported: tuple[dict, dict, dict], tmp_path: Path) -> None:
    truth, report, _ = imported
    levels = {f["level"] for f in truth["files"]}
    assert levels == {"county", "township", "village"}
    assert report["totals"]["failed"] == 0
    assert run_cli("--help").exit_code == 0
