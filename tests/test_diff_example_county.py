"""Done-when: on the example county every planted difference is reported with the right kind, body,
matter and element, and identical lists give no difference at all."""

from __future__ import annotations

import json
from typing import Any

import pytest

from matterkit.catalogue import default_catalogue_path, load_catalogue
from matterkit.codetables import default_code_tables
from matterkit.diff import Difference, compare_levels, compare_versions, load_diff_config
from matterkit.elements import default_registry
from matterkit.example import generate_example_county
from matterkit.importer import read_paths
from matterkit.model import Matter


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], list[Matter], list[Matter]]:
    folder = tmp_path_factory.mktemp("example-county")
    truth = json.loads(generate_example_county(folder).read_text(encoding="utf-8"))
    run = read_paths([folder], registry=default_registry(), code_tables=default_code_tables(), workers=1)
    assert not run.failed
    catalogue = load_catalogue(default_catalogue_path(), default_registry(), default_code_tables())
    return truth, run.matters, catalogue


def _names(difference: Difference) -> set[str | None]:
    sides = [s for s in (difference.left, difference.right) if s is not None]
    return {difference.matter.get("name"), difference.matter.get("base_code"),
            *(s.value for s in sides if isinstance(s.value, str))}


def _reports(planted: dict[str, Any], difference: Difference) -> bool:
    return (difference.kind == planted["kind"]
            and difference.element == planted["element"]
            and planted["body"] in (difference.matter.get("body"), *difference.bodies)
            and planted["level"] in (difference.matter.get("level"), *difference.levels)
            and bool({planted["matter"]["name"], planted["matter"]["base_code"]} & _names(difference)))


def test_every_planted_difference_is_reported_with_kind_body_matter_and_element(county: Any) -> None:
    truth, matters, catalogue = county
    report = compare_levels(matters, catalogue, load_diff_config({}))
    assert truth["differences"], "the example county plants differences"
    unreported = [p for p in truth["differences"] if not any(_reports(p, d) for d in report.differences)]
    assert unreported == []


def test_matches_in_the_example_county_say_how_they_were_made(county: Any) -> None:
    _, matters, catalogue = county
    report = compare_levels(matters, catalogue, load_diff_config({}))
    assert report.info["matched_by"]["base_code"] > 0.9 * len(matters)


def test_two_identical_village_lists_give_no_difference(county: Any) -> None:
    truth, matters, catalogue = county
    touched = {p["body"] for p in truth["differences"]} | {p.get("body") for p in truth["defects"]}
    clean = sorted({m.list_body for m in matters if m.list_level == "village"} - touched)[:2]
    assert len(clean) == 2
    rows = [m for m in matters if m.list_body in clean]
    assert compare_levels(rows, catalogue, load_diff_config({})).differences == []


def test_the_county_against_itself_is_an_empty_version_diff(county: Any) -> None:
    _, matters, _ = county
    assert compare_versions(matters, [m.model_copy() for m in matters]).differences == []
