"""Findings for people: grouped by file and row, severity in colour, counts per rule and per department."""

from __future__ import annotations

import re
from collections import Counter
from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from matterkit.elements import default_registry
from matterkit.i18n import t
from matterkit.lint.engine import LintResult
from matterkit.lint.findings import Finding, severity_label
from matterkit.lint.values import element_label

COLOURS = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SOURCE_WIDTH = 24
_BOOK_TITLE = re.compile(r"《[^》]*》")
REGISTRY = default_registry()


def render_lint_text(result: LintResult, console: Console, lang: str = "zh") -> None:
    if not result.findings:
        console.print(t("lint.ok", lang, matters=result.matters, files=result.files))
        _baseline_notes(result, console, lang)
        return
    for file, in_file in groupby(result.findings, key=lambda f: f.location.file):
        lines = [f"[bold underline]{escape(file)}[/]"]
        for (sheet, row), in_row in groupby(in_file, key=lambda f: (f.location.sheet, f.location.row)):
            lines.extend(_row(list(in_row), sheet, row, lang))
        # one call per file, not wrapped or highlighted by rich: printing line by line took ≈ 1 ms a
        # finding (10 s for a county's 10,000 findings)
        console.print("\n".join(lines) + "\n", soft_wrap=True, highlight=False)
    _counts(result, console, lang)
    _baseline_notes(result, console, lang)
    console.print(t("lint.summary", lang, **result.summary()))


def _row(findings: list[Finding], sheet: str | None, row: int | None, lang: str) -> list[str]:
    """The markup lines of one spreadsheet row: where it is and its matter, then one line per finding."""
    name = findings[0].matter.get("name") or ""
    where = " · ".join(part for part in (sheet or "", t("lint.row", lang, row=row) if row else "") if part)
    lines = [f"  [bold]{escape(where)}[/]  {escape(str(name))}"]
    for finding in findings:
        colour = COLOURS[finding.severity]
        where = finding.location.cell or f"[{element_label(REGISTRY, finding.element, lang)}]"
        lines.append(f"    {escape(where):<6} [{colour}]{severity_label(finding.severity, lang)}[/] "
                     f"[dim]{finding.rule}[/] {escape(finding.message)}"
                     + (f" [dim]（{escape(short_source(finding))}）[/]" if finding.source else ""))
    return lines


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
    per_rule = Counter((f.rule, f.name, f.severity) for f in result.findings)
    table = Table(title=t("lint.per_rule", lang), show_edge=False)
    for header in (("规则", "名称", "级别", "数量") if lang == "zh" else ("rule", "name", "severity", "count")):
        table.add_column(header)
    for (rule, name, severity), count in sorted(per_rule.items()):
        table.add_row(rule, name, f"[{COLOURS[severity]}]{severity_label(severity, lang)}[/]", str(count))
    console.print(table)
    per_department = Counter(str(f.matter.get("department") or f.matter.get("body") or
                                 t("lint.unknown_department", lang)) for f in result.findings)
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
