"""Bundle lint: the `BUN` rules (`kind: bundle` in `rules/bundles.yaml`) over merged bundles, as `Finding`s.

Findings have the shape of matter findings (`matterkit.lint/1`), located at the bundle file's line; the
rules are selected with `--select`/`--ignore` like any other, and a county may extend or override the pack.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from matterkit.bundles.checks import CHECKS, BundleHit
from matterkit.bundles.definition import BundleDefinition
from matterkit.bundles.merge import MatterIndex, MergedBundle, merge_bundle
from matterkit.elements import default_registry
from matterkit.i18n import resolve_lang
from matterkit.lint.config import selected_rules
from matterkit.lint.engine import LintResult, collate, message_template
from matterkit.lint.findings import Finding
from matterkit.lint.packs import load_ruleset
from matterkit.lint.rules import Rule
from matterkit.lint.values import display, element_label, plain
from matterkit.model import Matter

PACK = "bundles"
KIND = "bundle"


def bundle_rules(packs: Sequence[str] = (PACK,), base_dir: Path | None = None, select: list[str] | None = None,
                 ignore: list[str] | None = None) -> list[Rule]:
    """The selected rules of kind `bundle` (the shipped `bundles` pack unless other packs are given)."""
    ruleset = load_ruleset(packs, base_dir)
    return [rule for rule in selected_rules(ruleset, select or [], ignore or []) if rule.kind == KIND]


def lint_bundles(bundles: Iterable[BundleDefinition], matters: Iterable[Matter] | MatterIndex,
                 rules: Sequence[Rule] | None = None, lang: str | None = None) -> LintResult:
    """Every rule over every bundle (with all its members, whatever the 情形). The result counts the member
    matters found as its matters and the bundle files as its files."""
    index = matters if isinstance(matters, MatterIndex) else MatterIndex(matters)
    rules = bundle_rules() if rules is None else rules
    merged = [merge_bundle(bundle, index) for bundle in bundles]
    findings = [finding for one in merged for finding in check_merged(one, rules, lang)]
    return collate(findings, matters=sum(len(one.resolved) for one in merged),
                   files=len({one.bundle.path for one in merged})).titled(rules, lang)


def check_merged(merged: MergedBundle, rules: Sequence[Rule], lang: str | None = None) -> list[Finding]:
    lang = resolve_lang(lang)
    return [finding_of(rule, hit, merged, lang) for rule in rules
            for hit in CHECKS[rule.params["check"]](merged, rule.params)]


def finding_of(rule: Rule, hit: BundleHit, merged: MergedBundle, lang: str) -> Finding:
    registry = default_registry()
    values = {"label": element_label(registry, hit.element, lang), "bundle": merged.bundle.name,
              "value": display(hit.element, hit.value, registry, lang),
              "expected": display(hit.element, hit.expected, registry, lang), **hit.values}
    template = message_template(rule)
    text = template.get("en" if lang == "en" else "zh") or template.get("zh") or rule.code
    return Finding(rule=rule.code, name=rule.name, severity=rule.severity, message=text.format(**values),
                   element=hit.element, value=plain(hit.value), expected=plain(hit.expected),
                   location=hit.location, matter=hit.matter or merged.bundle.reference(), source=rule.source,
                   matter_code=merged.bundle.code or merged.bundle.name)
