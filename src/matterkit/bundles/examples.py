"""A bundle rule's examples run for real: an example bundle over example matters (docs and tests)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matterkit.bundles.lint import check_merged
from matterkit.bundles.loader import bundle_from_mapping
from matterkit.bundles.merge import merge_bundle
from matterkit.lint.examples import example_matters
from matterkit.lint.findings import Finding
from matterkit.lint.rules import Rule

EXAMPLE_FILE = "bundle.yaml"


def run_bundle_example(rule: Rule, example: Mapping[str, Any], lang: str = "zh") -> list[Finding]:
    matters, _ = example_matters({"rows": list(example.get("matters", []))})
    bundle = bundle_from_mapping(example["bundle"], EXAMPLE_FILE)
    return check_merged(merge_bundle(bundle, matters), [rule], lang)
