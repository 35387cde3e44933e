"""Elements a sheet never had: one finding for the sheet, never one per row.

A county's 事项目录 has five columns; a rule that requires 办理时限 on every row would otherwise say
"办理时限为空" on each of its thousand rows, and the user would stop reading (conventions.md, "Lists come in
kinds, and findings come once"). For a check kind that reports empty elements (`REPORTS_ABSENT = True`, the
`required` kind) the engine asks here, sheet by sheet:

- which of the rule's elements the sheet's kind requires at all (the packs' `kinds:` section, `Rule.kinds`);
- of those, which the sheet has a column for: the kind checks them row by row (an empty cell is a finding);
- which it has no column for and no row has a value of (an element another column fills, such as the parts
  of a structured code, counts as present): one sheet-level finding each, location without row or cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType

from matterkit.i18n import register, t
from matterkit.lint.context import CheckContext, is_blank, rows_by_sheet, sheet_reference
from matterkit.lint.findings import Finding
from matterkit.lint.rules import Rule
from matterkit.lint.values import element_label
from matterkit.listkinds import SheetInfo, kind_label
from matterkit.model import Location

register({
    "lint.absent_column": {"zh": "本表没有「{label}」列（{kind}要求）",
                           "en": "The sheet has no column for {label} (required by its kind: {kind})"},
    "lint.absent_column_plain": {"zh": "本表没有「{label}」列", "en": "The sheet has no column for {label}"},
})

SheetKey = tuple[str, str | None]


def absent_aware_findings(rule: Rule, kind: ModuleType, rows: Sequence[int], ctx: CheckContext,
                          template: dict[str, str], make_finding: Callable[..., Finding]) -> list[Finding]:
    """(`make_finding`: the engine's, passed in so that this module does not import the engine back.)"""
    findings: list[Finding] = []
    everything = ctx.prepared("rows_by_sheet", lambda: rows_by_sheet(range(len(ctx.matters)), ctx))
    for key, sheet_rows in rows_by_sheet(rows, ctx).items():
        info = ctx.sheets.get(key)
        elements = required_of(rule, info.kind if info else None)
        if info is None:
            checked = elements
        else:
            checked = [e for e in elements if e in info.elements]
            findings.extend(sheet_finding(rule, element, info, key, everything[key], ctx)
                            for element in elements
                            if element not in info.elements and _no_value(element, everything[key], ctx))
        if checked:
            hits = kind.check({**rule.params, "elements": checked}, sheet_rows, ctx)
            findings.extend(make_finding(rule, hit, template, ctx.matters[hit.row], ctx.registry, ctx.lang)
                            for hit in hits)
    return findings


def required_of(rule: Rule, kind: str | None) -> list[str]:
    """The rule's elements a sheet of `kind` must hold (all of them when the packs say nothing of the kind)."""
    elements: list[str] = list(rule.params.get("elements", ()))
    wanted = rule.kinds.get(kind) if kind else None
    return elements if wanted is None else [e for e in elements if e in wanted]


def _no_value(element: str, rows: list[int], ctx: CheckContext) -> bool:
    column = ctx.column(element)
    return all(is_blank(column[i]) for i in rows)


def sheet_finding(rule: Rule, element: str, info: SheetInfo, key: SheetKey, rows: list[int],
                  ctx: CheckContext) -> Finding:
    """The one finding that a sheet has no column for an element its kind requires."""
    label = element_label(ctx.registry, element, ctx.lang)
    message = (t("lint.absent_column", ctx.lang, label=label, kind=kind_label(info.kind, ctx.lang)) if info.kind
               else t("lint.absent_column_plain", ctx.lang, label=label))
    return Finding(rule=rule.code, name=rule.name, severity=rule.severity, message=message, element=element,
                   value=None, expected=None, location=Location(file=key[0], sheet=key[1]),
                   matter=sheet_reference(rows, ctx), source=rule.source)
