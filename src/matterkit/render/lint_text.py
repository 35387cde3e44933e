"""Findings for people: whole-sheet findings once, then per department and rule with counts and the first
rows (the report a bureau reads, not one line per finding); severity in colour; counts per rule and department."""

from __future__ import annotations

import re
from collections import Counter
from itertools import groupby
from pathlib import PurePath
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from matterkit.i18n import t
from matterkit.lint.engine import LintResult
from matterkit.lint.findings import Finding, severity_label
from matterkit.listkinds import kind_label, kind_source
from matterkit.render.lint_groups import FIRST_ROWS, bulletin, department_of, rows_text

COLOURS = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SOURCE_WIDTH = 24
_BOOK_TITLE = re.compile(r"《[^》]*》")


def render_lint_text(result: LintResult, console: Console, lang: str = "zh") -> None:
    """What whole sheets lack (once each), then each department with its findings grouped by rule: counts and
    the first rows, not one line per finding (`--format json` keeps every finding). Rules are named by their
    titles in the run's language (`LintResult.titles`)."""
    if not result.findings:
        console.print(t("lint.ok", lang, matters=result.matters, files=result.files))
        _baseline_notes(result, console, lang)
        return
    _lists(result, console, lang)
    grouped = bulletin(result, lang)
    lines: list[str] = []
    if grouped.sheet_findings:
        lines.append(f"[bold underline]{escape(t('lint.sheet_findings', lang))}[/]")
        for (file, sheet), in_sheet in groupby(grouped.sheet_findings,
                                               key=lambda f: (f.location.file, f.location.sheet)):
            lines.append(f"  [bold]{escape(' · '.join(p for p in (file, sheet or '') if p))}[/]")
            lines.extend(f"    {_severity(f, lang)} [dim]{f.rule}[/] {escape(f.message)}" for f in in_sheet)
        lines.append("")
    for department in grouped.departments:
        lines.append(f"[bold underline]{escape(department.name)}[/]  {_counts_text(department.counts(), lang)}")
        for group in department.rules:
            lines.append(f"  {_severity(group.findings[0], lang)} [dim]{group.rule}[/] "
                         f"{escape(result.title(group.findings[0]))}"
                         f" × {len(group.findings)}：{escape(rows_text(group.findings, lang))}")
            lines.extend(_detail(f, lang) for f in group.findings[:FIRST_ROWS])
        lines.append("")
    # one call, not wrapped or highlighted by rich: printing line by line took ≈ 1 ms a line
    console.print("\n".join(lines), soft_wrap=True, highlight=False)
    _counts(result, console, lang)
    _baseline_notes(result, console, lang)
    console.print(t("lint.summary", lang, **result.summary()))


def _lists(result: LintResult, console: Console, lang: str) -> None:
    """One line per list kind: how many sheets and matters, and how the kind was known (the lowest
    confidence of its sheets when recognised from their columns)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for entry in result.lists:
        groups.setdefault((entry.get("kind") or "", entry.get("kind_from") or "columns"), []).append(entry)
    for (kind, source), entries in groups.items():
        lowest = min((e.get("kind_confidence") or 0) for e in entries)
        line = t("lint.list_kind", lang, label=kind_label(kind, lang) or "?", sheets=len(entries),
                 matters=sum(e.get("matters", 0) for e in entries),
                 how=kind_source(source, lowest, lang))
        console.print(f"[dim]{escape(line)}[/]", soft_wrap=True, highlight=False)


def _severity(finding: Finding, lang: str) -> str:
    return f"[{COLOURS[finding.severity]}]{severity_label(finding.severity, lang)}[/]"


def _counts_text(counts: dict[str, int], lang: str) -> str:
    return "  ".join(f"[{COLOURS[s]}]{severity_label(s, lang)} {n}[/]" for s, n in counts.items() if n)


def _detail(finding: Finding, lang: str) -> str:
    """One finding under its rule: where (sheet, row, cell), the matter, the message, the regulation."""
    loc = finding.location
    row = t("lint.row", lang, row=loc.row) if loc.row else t("lint.whole_sheet", lang)
    where = " ".join(p for p in (PurePath(loc.file).name, loc.sheet or "", row, loc.cell or "") if p)
    name = f" {escape(str(finding.matter['name']))}" if finding.matter.get("name") else ""
    return (f"    [dim]{escape(where)}[/]{name}：{escape(finding.message)}"
            + (f" [dim]（{escape(short_source(finding))}）[/]" if finding.source else ""))


def short_source(finding: Finding, width: int = SOURCE_WIDTH) -> str:
    """The regulation in a few words for a terminal line (JSON and the workbooks carry it in full)."""
    source = finding.source
    if source is None:
        return ""
    title = source.title if len(source.title) <= width else short_title(source.title, width)
    return f"{title} {source.clause}" if source.clause else title


def short_title(title: str, width: int) -> str:
    """A long regulation title as its standard number (`GB 32100-2015`) or its whole 《name》, never cut inside
    them: printed right after a message's expected value, a cut title read as part of it (FMT003 seemed to
    expect "18位统一社会信用代码 （GB 32100-2015《法人和其他组织统一…", a truncated organisation)."""
    number = title.split("《", 1)[0].strip()
    if number and "《" in title:
        return number
    book = _BOOK_TITLE.match(title)
    if book:
        return book.group(0)
    unbracketed = re.split(r"[（(]", title, maxsplit=1)[0].strip()  # a note in brackets goes first
    if unbracketed and len(unbracketed) <= width:
        return unbracketed
    return title[: width - 1] + "…"


def _counts(result: LintResult, console: Console, lang: str) -> None:
    per_rule = Counter((f.rule, result.title(f), f.severity) for f in result.findings)
    table = Table(title=t("lint.per_rule", lang), show_edge=False)
    for header in (("规则", "名称", "级别", "数量") if lang == "zh" else ("rule", "name", "severity", "count")):
        table.add_column(header)
    for (rule, name, severity), count in sorted(per_rule.items()):
        table.add_row(rule, name, f"[{COLOURS[severity]}]{severity_label(severity, lang)}[/]", str(count))
    console.print(table)
    per_department = Counter(department_of(f, lang) for f in result.findings)
    table = Table(title=t("lint.per_department", lang), show_edge=False)
    for header in (("部门", "数量") if lang == "zh" else ("department", "count")):
        table.add_column(header)
    for department, count in per_department.most_common():
        table.add_row(escape(department), str(count))
    console.print(table)
    for rule, more in sorted(result.capped.items()):
        console.print(t("lint.capped", lang, rule=rule, more=more))


def _baseline_notes(result: LintResult, console: Console, lang: str) -> None:
    if result.suppressed:
        console.print(t("lint.baseline_suppressed", lang, count=result.suppressed))
    if result.stale:
        console.print(f"[yellow]{t('lint.baseline_stale', lang, count=len(result.stale))}[/]")
        for entry in result.stale:
            console.print(f"  {entry.get('rule')}  {escape(str(entry.get('matter')))}  "
                          f"{entry.get('element')}  {escape(str(entry.get('value')))}")
