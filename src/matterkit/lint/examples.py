"""A rule's pass/fail examples as real matters: used by its documentation and by its tests.

An example is a mapping of element values (plus optional `raw`, `issues`, `list_level`), or `{rows: [...]}`
for checks across rows; either may carry `catalogue: [...]` entries for catalogue checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matterkit.lint.context import catalogue_index
from matterkit.lint.engine import lint_matters
from matterkit.lint.findings import Finding
from matterkit.lint.kinds import get_kind
from matterkit.lint.rules import Rule
from matterkit.model import Location, Matter

EXAMPLE_FILE = "example.xlsx"


def example_matters(example: Mapping[str, Any]) -> tuple[list[Matter], list[Matter]]:
    """(rows, catalogue entries) built from one example."""
    example = dict(example)
    catalogue = [Matter(**entry, source=Location(file="catalogue.yaml", row=n))
                 for n, entry in enumerate(example.pop("catalogue", []), start=1)]
    rows = example.pop("rows", None) or [example]
    matters = []
    for number, row in enumerate(rows, start=2):
        values = {"list_level": "county", **row}
        matters.append(Matter(**values, source=Location(file=EXAMPLE_FILE, sheet="Sheet1", row=number)))
    return matters, catalogue


def run_example(rule: Rule, example: Mapping[str, Any], lang: str = "zh") -> list[Finding]:
    """The findings `rule` (enabled or not) reports on one example (a kind with its own example shape, such
    as `bundle`, runs it itself)."""
    kind = get_kind(rule.kind)
    if kind is not None and hasattr(kind, "run_example"):
        return list(kind.run_example(rule.with_changes(enabled=True), example, lang))
    matters, catalogue = example_matters(example)
    index = catalogue_index(catalogue) if catalogue else None
    return lint_matters(matters, [rule.with_changes(enabled=True)], catalogue=index, lang=lang).findings
