"""The lint engine: run each selected rule's check kind over all matters and turn hits into findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from matterkit.codetables import CodeTables, default_code_tables
from matterkit.elements import ElementRegistry, default_registry
from matterkit.i18n import resolve_lang
from matterkit.lint.conditions import holds
from matterkit.lint.context import CatalogueLookup, CheckContext, sheet_reference
from matterkit.lint.findings import SEVERITIES, SEVERITY_RANK, Finding
from matterkit.lint.kinds import Hit, get_kind
from matterkit.lint.rules import Rule
from matterkit.lint.values import display, element_label, plain
from matterkit.listkinds import SheetInfo
from matterkit.model import ELEMENT_FIELDS, Location, Matter

ELEMENT_KEYS = frozenset(ELEMENT_FIELDS)


@dataclass
class LintResult:
    findings: list[Finding]
    matters: int
    files: int
    capped: dict[str, int] = field(default_factory=dict)  # rule -> findings left out by max_per_rule
    suppressed: int = 0  # findings accepted by the baseline
    stale: list[dict[str, Any]] = field(default_factory=list)  # baseline entries that no longer occur
    lists: list[dict[str, Any]] = field(default_factory=list)  # the sheets linted: file, sheet, kind, matters
    titles: dict[str, str] = field(default_factory=dict)  # rule code -> its title in the run's language

    def title(self, finding: Finding) -> str:
        """The finding's rule as people read it: its title, else its slug."""
        return self.titles.get(finding.rule) or finding.name

    def titled(self, rules: Iterable[Rule], lang: str | None) -> LintResult:
        """This result, knowing the titles of `rules` in `lang`."""
        resolved = resolve_lang(lang)
        self.titles = {rule.code: rule.text("title", resolved) for rule in rules}
        return self

    def counts(self) -> dict[str, int]:
        counter = Counter(f.severity for f in self.findings)
        return {severity: counter.get(severity, 0) for severity in SEVERITIES}

    def summary(self) -> dict[str, int]:
        return {"files": self.files, "matters": self.matters, **self.counts()}

    def fails(self, fail_level: str) -> bool:
        """Whether any finding is at or above the failing severity."""
        threshold = SEVERITY_RANK[fail_level]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)


def lint_matters(matters: Sequence[Matter], rules: Sequence[Rule], *, code_tables: CodeTables | None = None,
                 registry: ElementRegistry | None = None, catalogue: CatalogueLookup | None = None,
                 lang: str | None = None, max_per_rule: int | None = None,
                 sheets: Mapping[tuple[str, str | None], SheetInfo] | None = None) -> LintResult:
    """Run `rules` over `matters`; findings come back ordered by file, sheet, row and column. `sheets` (from the
    import reports) tells which elements each sheet has columns for: lint says once per sheet what it lacks."""
    ctx = check_context(matters, code_tables=code_tables, registry=registry, catalogue=catalogue, lang=lang,
                        sheets=sheets)
    findings = [finding for rule in rules for finding in run_rule(rule, ctx)]
    files = len({m.source.file for m in matters})
    return collate(findings, matters=len(matters), files=files, max_per_rule=max_per_rule)


def check_context(matters: Sequence[Matter], *, code_tables: CodeTables | None = None,
                  registry: ElementRegistry | None = None, catalogue: CatalogueLookup | None = None,
                  lang: str | None = None,
                  sheets: Mapping[tuple[str, str | None], SheetInfo] | None = None) -> CheckContext:
    return CheckContext(matters=matters, code_tables=code_tables or default_code_tables(),
                        registry=registry or default_registry(), catalogue=catalogue, lang=resolve_lang(lang),
                        sheets=sheets or {})


def collate(findings: list[Finding], *, matters: int, files: int, max_per_rule: int | None = None) -> LintResult:
    """Findings in file, sheet, row and column order; beyond `max_per_rule` of one rule, counted, not listed."""
    findings.sort(key=_order)
    capped: dict[str, int] = {}
    if max_per_rule is not None:
        counts = Counter(f.rule for f in findings)
        capped = {rule: count - max_per_rule for rule, count in counts.items() if count > max_per_rule}
        if capped:
            kept: Counter[str] = Counter()
            listed = []
            for finding in findings:
                kept[finding.rule] += 1
                if kept[finding.rule] <= max_per_rule:
                    listed.append(finding)
            findings = listed
    return LintResult(findings=findings, matters=matters, files=files, capped=capped)


def run_rule(rule: Rule, ctx: CheckContext) -> list[Finding]:
    kind = get_kind(rule.kind)
    if kind is None:
        return []
    rows = applicable_rows(rule, ctx)
    if not rows:
        return []
    template = message_template(rule)
    if getattr(kind, "REPORTS_ABSENT", False) and ctx.sheets:
        from matterkit.lint.absent import absent_aware_findings
        return absent_aware_findings(rule, kind, rows, ctx, template, make_finding)
    return [_finding(rule, hit, template, ctx) for hit in kind.check(rule.params, rows, ctx)]


def message_template(rule: Rule) -> dict[str, str]:
    """The rule's own message, else its kind's (some kinds word it after their parameters)."""
    if rule.message:
        return rule.message
    kind = get_kind(rule.kind)
    if kind is None:
        return {}
    return kind.message_for(rule.params) if hasattr(kind, "message_for") else kind.MESSAGE


def applicable_rows(rule: Rule, ctx: CheckContext) -> list[int]:
    """Indices of the matters a rule applies to (`applies:` list levels, matter types, conditions)."""
    applies = rule.applies or {}
    rows = list(range(len(ctx.matters)))
    if "list_levels" in applies:
        wanted = set(applies["list_levels"])
        rows = [i for i in rows if ctx.matters[i].list_level in wanted]
    types = ctx.column("type")
    if "types" in applies:
        wanted = set(applies["types"])
        rows = [i for i in rows if types[i] in wanted]
    if "types_not" in applies:
        unwanted = set(applies["types_not"])
        rows = [i for i in rows if types[i] not in unwanted]
    for condition in applies.get("when", ()):
        column = ctx.column(condition["element"])
        rows = [i for i in rows if holds(condition, column[i])]
    lacking = ctx.lacking(read_elements(rule)) if ctx.sheets else ()
    if lacking:  # nothing to say about an element the row's sheet never had
        rows = [i for i in rows if all(ctx.has_element(i, element) for element in lacking)]
    return rows


def read_elements(rule: Rule) -> tuple[str, ...]:
    """The single elements a rule reads (`element`, `left`/`right`, `when`/`then`, `applies.when`): a row whose
    sheet has none of one of them is not checked. Lists of `elements` are not among them: those kinds pass
    over an empty value, and `required` says once per sheet what the sheet lacks (lint/absent.py)."""
    params = rule.params
    names = [params.get("element"), params.get("left"), params.get("right")]
    names += [params[key].get("element") for key in ("when", "then") if isinstance(params.get(key), Mapping)]
    names += [condition.get("element") for condition in (rule.applies or {}).get("when", ())]
    return tuple(name for name in names if isinstance(name, str) and name in ELEMENT_KEYS)


class _Placeholders(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _finding(rule: Rule, hit: Hit, template: dict[str, str], ctx: CheckContext) -> Finding:
    finding = make_finding(rule, hit, template, ctx.matters[hit.row], ctx.registry, ctx.lang)
    if hit.sheet_rows:  # about the whole sheet: located at the sheet, filed under the list, not one matter
        source = ctx.matters[hit.row].source
        finding.location = Location(file=source.file, sheet=source.sheet)
        finding.matter = sheet_reference(hit.sheet_rows, ctx)
        finding.matter_code = None
    return finding


def make_finding(rule: Rule, hit: Hit, template: dict[str, str], matter: Matter, registry: ElementRegistry,
                 lang: str) -> Finding:
    """A hit on `matter` as a finding, its message rendered in `lang`."""
    values = _Placeholders(
        label=element_label(registry, hit.element, lang),
        value=display(hit.element, hit.value, registry, lang),
        expected=display(hit.element, hit.expected, registry, lang),
        name=matter.name or "", rule=rule.code,
    )
    values.update({k: v for k, v in hit.values.items()})
    wording = hit.message or template
    text = wording.get("en" if lang == "en" else "zh") or wording.get("zh") or rule.code
    return Finding(
        rule=rule.code, name=rule.name, severity=rule.severity, message=text.format_map(values),
        element=hit.element, value=plain(hit.value), expected=plain(hit.expected),
        location=matter.location_of(hit.element), matter=matter.reference(), source=rule.source,
        fix=hit.fix, matter_code=matter.impl_code or matter.base_code or matter.name,
    )


def _order(finding: Finding) -> tuple[Any, ...]:
    loc = finding.location
    column = loc.column or ""
    return (loc.file, loc.sheet or "", loc.row or 0, len(column), column, finding.rule)
