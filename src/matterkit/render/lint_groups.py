"""Findings arranged the way a bureau circulates them (问题汇总 / 通报): what whole sheets lack first, then
departments ranked by their errors, each with its findings grouped by rule.

Pure data for the renderers (text, xlsx, html): a renderer prints a `Bulletin`, it never regroups findings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from matterkit.i18n import t
from matterkit.lint.engine import LintResult
from matterkit.lint.findings import SEVERITIES, SEVERITY_RANK, Finding

FIRST_ROWS = 3  # rows shown under each rule of a department in the text report


@dataclass
class RuleGroup:
    rule: str
    name: str
    severity: str
    findings: list[Finding]


@dataclass
class DepartmentGroup:
    name: str
    rules: list[RuleGroup] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for group in self.rules for f in group.findings]

    def counts(self) -> dict[str, int]:
        counter = Counter(f.severity for group in self.rules for f in group.findings)
        return {severity: counter.get(severity, 0) for severity in SEVERITIES}

    def rank_key(self) -> tuple[int, ...]:
        counts = self.counts()
        return (-counts["error"], -counts["warning"], -counts["info"])


@dataclass
class Bulletin:
    sheet_findings: list[Finding]  # about a whole sheet (a column it lacks): row is null
    departments: list[DepartmentGroup]  # ranked: most errors first

    def rule_codes(self) -> list[str]:
        """The code of every rule with a finding, in order."""
        seen = {f.rule for f in self.sheet_findings} | {g.rule for d in self.departments for g in d.rules}
        return sorted(seen)


def department_of(finding: Finding, lang: str) -> str:
    matter = finding.matter
    return str(matter.get("department") or matter.get("body") or t("lint.unknown_department", lang))


def is_sheet_finding(finding: Finding) -> bool:
    return finding.location.row is None


def bulletin(result: LintResult, lang: str = "zh") -> Bulletin:
    """Group a lint result by department then rule (severest rule first). A finding about a whole sheet goes
    to the sheet's department when the sheet is one department's list (so the department's count and rank
    include it), and is set apart when the sheet lists several departments (a county's 事项目录)."""
    sheet_findings = [f for f in result.findings if is_sheet_finding(f) and not f.matter.get("department")]
    apart = {id(f) for f in sheet_findings}
    by_department: dict[str, dict[tuple[str, str, str], list[Finding]]] = {}
    for finding in result.findings:
        if id(finding) not in apart:
            rules = by_department.setdefault(department_of(finding, lang), {})
            rules.setdefault((finding.rule, result.title(finding), finding.severity), []).append(finding)
    departments = []
    for name, rules in by_department.items():
        groups = [RuleGroup(rule, rule_name, severity, found)
                  for (rule, rule_name, severity), found in rules.items()]
        groups.sort(key=lambda g: (-SEVERITY_RANK[g.severity], -len(g.findings), g.rule))
        departments.append(DepartmentGroup(name, groups))
    departments.sort(key=lambda d: (*d.rank_key(), d.name))
    return Bulletin(sheet_findings=sheet_findings, departments=departments)


def rows_text(findings: list[Finding], lang: str, limit: int = 8) -> str:
    """The rows of some findings in a few words: "第 12、15、40 … 行" (the count is shown beside it); with the
    file and sheet before each sheet's rows when they are on several ("城关镇.xlsx·实施清单 第 7、8 行；…")."""
    by_sheet: dict[tuple[str, str | None], set[int]] = {}
    for finding in findings:
        if finding.location.row is not None:
            by_sheet.setdefault((finding.location.file, finding.location.sheet), set()).add(finding.location.row)
    if not by_sheet:
        return t("lint.whole_sheet", lang)
    if len(by_sheet) == 1:
        return _rows_of_one_sheet(sorted(next(iter(by_sheet.values()))), lang, limit)
    parts: list[str] = []
    for (file, sheet), rows in by_sheet.items():
        if limit <= 0:
            parts.append("…")
            break
        where = PurePath(file).name + (f"·{sheet}" if sheet else "")
        parts.append(f"{where} {_rows_of_one_sheet(sorted(rows), lang, limit)}")
        limit -= len(rows)
    return ("; " if lang == "en" else "；").join(parts)


def _rows_of_one_sheet(rows: list[int], lang: str, limit: int) -> str:
    more = " …" if len(rows) > limit else ""
    if lang == "en":
        return f"rows {', '.join(str(row) for row in rows[:limit])}{more}"
    return f"第 {'、'.join(str(row) for row in rows[:limit])}{more} 行"
