"""Done-when of `matterkit lint`: on the example county every planted defect is reported at its row and
element by the rule meant for it, and rows without planted defects get no error-severity finding."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from matterkit.example import generate_example_county
from matterkit.lint.findings import Finding
from matterkit.lint.run import LintOptions, LintOutcome, lint_paths

# Which rule should catch each kind of planted defect (test knowledge, not product code).
RULES_FOR_DEFECT: dict[str, set[str]] = {
    "promised_exceeds_legal": {"PRC001"},
    "catch_all_material": {"PRC002"},
    "duplicate_material": {"PRC003"},
    "bad_credit_code": {"FMT003", "FMT010"},
    "impl_code_inconsistent": {"FMT005", "FMT011"},
    "bad_base_code_format": {"FMT001"},
    "duplicate_impl_code": {"UNQ001"},
    "missing_required": {"REQ001", "REQ002", "REQ003", "REQ004", "REQ005", "REQ008"},
    "instant_case_with_days": {"LIM001"},
    "fee_without_standard": {"FEE001", "REQ007"},
    "visits_without_reason": {"VIS001"},
    "duplicate_multi_value": {"NRM001"},
    "bad_citation": {"BAS001"},
    "unknown_enum_value": {"ENUM001"},
    "catalogue_name_mismatch": {"CAT002"},
    "catalogue_type_mismatch": {"CAT002"},
    "catalogue_legal_basis_mismatch": {"CAT002"},
    "not_in_catalogue": {"CAT001"},
    "level_not_in_catalogue": {"CAT003"},
    "catalogue_materials_mismatch": {"CAT004"},
}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], LintOutcome]:
    folder = tmp_path_factory.mktemp("example-county")
    truth = json.loads(generate_example_county(folder).read_text(encoding="utf-8"))
    old = Path.cwd()
    os.chdir(folder)  # findings name files as given: relative to the county folder, like the truth
    try:
        paths = sorted({Path(f["path"]).parts[0] for f in truth["files"]})
        outcome = lint_paths([Path(p) for p in paths], LintOptions(catalogue=Path("bundled")))
    finally:
        os.chdir(old)
    return truth, outcome


def _by_cell(findings: list[Finding]) -> dict[tuple[str, int | None, str | None], set[str]]:
    index: dict[tuple[str, int | None, str | None], set[str]] = defaultdict(set)
    for finding in findings:
        index[(finding.location.file, finding.location.row, finding.element)].add(finding.rule)
    return index


def test_every_file_of_the_example_county_is_read(county: tuple[dict[str, Any], LintOutcome]) -> None:
    truth, outcome = county
    assert outcome.unreadable == []
    assert outcome.result.files == len(truth["files"])


def test_every_planted_defect_is_reported_at_its_row_and_element(county: tuple[dict[str, Any], LintOutcome]) -> None:
    truth, outcome = county
    found = _by_cell(outcome.result.findings)
    assert {d["kind"] for d in truth["defects"]} <= set(RULES_FOR_DEFECT), "a new kind of defect needs a rule"
    missed = [(d["kind"], d["file"], d["row"], d["element"]) for d in truth["defects"]
              if not found.get((d["file"], d["row"], d["element"]), set()) & RULES_FOR_DEFECT[d["kind"]]]
    assert missed == []


def test_rows_without_planted_defects_get_no_error(county: tuple[dict[str, Any], LintOutcome]) -> None:
    truth, outcome = county
    planted = {(d["file"], d["row"]) for d in truth["defects"]}
    errors = [(f.rule, f.location.file, f.location.row, f.message) for f in outcome.result.findings
              if f.severity == "error" and (f.location.file, f.location.row) not in planted]
    assert errors == []


def test_findings_carry_location_matter_and_source(county: tuple[dict[str, Any], LintOutcome]) -> None:
    _, outcome = county
    for finding in outcome.result.findings:
        document = finding.as_dict()
        assert document["location"]["file"] and document["source"]["title"]
        if document["location"]["row"] is None:  # a whole column's habit, said once for the sheet (NRM002, NRM005:
            assert finding.rule.startswith("NRM")  # 云岭乡 keeps its codes as numbers, 城关镇 writes full-width)
            assert document["matter"]["level"] and document["element"]
            continue
        assert document["matter"]["name"] is not None or document["matter"]["base_code"] is not None
