"""Findings as the 问题汇总 workbook: departments ranked, a sheet per department, every finding, counts per rule."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from openpyxl import Workbook

from matterkit.elements import default_registry
from matterkit.lint.engine import LintResult
from matterkit.lint.findings import SEVERITIES, Finding, severity_label
from matterkit.lint.values import element_label
from matterkit.render.lint_groups import Bulletin, bulletin
from matterkit.render.xlsxout import add_blocks_sheet, add_table_sheet, new_workbook, save, sheet_title

HEADERS = {
    "zh": ["级别", "规则", "规则名称", "文件", "工作表", "行", "单元格", "要素", "事项名称", "基本编码", "实施主体",
           "主管部门", "当前值", "应为", "问题说明", "依据", "条款", "网址"],
    "en": ["Severity", "Rule", "Rule name", "File", "Sheet", "Row", "Cell", "Element", "Matter", "Basic code",
           "Body", "Department", "Value", "Expected", "Message", "Regulation", "Clause", "URL"],
}
WIDTHS = [8, 9, 24, 30, 14, 6, 8, 14, 28, 15, 24, 24, 28, 24, 60, 40, 20, 30]
COUNT_HEADERS = {"zh": ["规则", "规则名称", "级别", "数量"], "en": ["Rule", "Rule name", "Severity", "Count"]}
LABELS: dict[str, dict[str, str]] = {
    "zh": {"summary": "问题汇总", "sheet": "整表问题", "all": "问题", "per_rule": "按规则统计"},
    "en": {"summary": "Summary", "sheet": "Whole sheets", "all": "Findings", "per_rule": "Per rule"},
}
SUMMARY_HEADERS = {"zh": ["排名", "部门", "合计"], "en": ["Rank", "Department", "Total"]}
REGISTRY = default_registry()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v.get("name") if isinstance(v, dict) else v) for v in value)
    return str(value)


def finding_row(f: Finding, lang: str, result: LintResult) -> list[object]:
    loc, source = f.location, f.source
    return [severity_label(f.severity, lang), f.rule, result.title(f), loc.file, loc.sheet or "", loc.row,
            loc.cell or "", element_label(REGISTRY, f.element, lang), f.matter.get("name") or "",
            f.matter.get("base_code") or "", f.matter.get("body") or "", f.matter.get("department") or "",
            _text(f.value), _text(f.expected), f.message, source.title if source else "",
            (source.clause or "") if source else "", (source.url or "") if source else ""]


def write_lint_xlsx(result: LintResult, target: Path, lang: str = "zh") -> None:
    """The 问题汇总 workbook a bureau circulates: a summary sheet ranking departments (counts by severity and
    by rule), the whole-sheet findings, one sheet per department (its counts by rule, then its findings),
    then every finding on one filterable sheet and the counts per rule."""
    key = "en" if lang == "en" else "zh"
    grouped = bulletin(result, lang)
    workbook = new_workbook()
    taken = {LABELS[key]["summary"], LABELS[key]["sheet"], LABELS[key]["all"], LABELS[key]["per_rule"]}
    _summary_sheet(workbook, grouped, key, lang)
    if grouped.sheet_findings:
        add_table_sheet(workbook, LABELS[key]["sheet"], HEADERS[key],
                        [finding_row(f, lang, result) for f in grouped.sheet_findings], WIDTHS)
    for department in grouped.departments:
        counts = [[g.rule, g.name, severity_label(g.severity, lang), len(g.findings)] for g in department.rules]
        add_blocks_sheet(workbook, sheet_title(department.name, taken),
                         [(COUNT_HEADERS[key], counts),
                          (HEADERS[key], [finding_row(f, lang, result) for f in department.findings])], WIDTHS)
    add_table_sheet(workbook, LABELS[key]["all"], HEADERS[key], [finding_row(f, lang, result) for f in result.findings],
                    WIDTHS)
    per_rule = Counter((f.rule, result.title(f), f.severity) for f in result.findings)
    add_table_sheet(workbook, LABELS[key]["per_rule"], COUNT_HEADERS[key],
                    [[rule, name, severity_label(sev, lang), n] for (rule, name, sev), n in sorted(per_rule.items())],
                    [10, 30, 8, 8])
    save(workbook, target)


def _summary_sheet(workbook: Workbook, grouped: Bulletin, key: str, lang: str) -> None:
    """Departments ranked by errors, then warnings: counts by severity, then one column per rule."""
    rules = grouped.rule_codes()
    severities = [severity_label(s, lang) for s in SEVERITIES]
    headers = [*SUMMARY_HEADERS[key][:2], *severities, SUMMARY_HEADERS[key][2], *rules]
    rows = []
    for rank, department in enumerate(grouped.departments, start=1):
        counts = department.counts()
        per_rule = Counter(g.rule for g in department.rules for _ in g.findings)
        rows.append([rank, department.name, *counts.values(), sum(counts.values()),
                     *(per_rule.get(rule, 0) for rule in rules)])
    add_table_sheet(workbook, LABELS[key]["summary"], headers, rows, [6, 30, 8, 8, 8, 8, *[9] * len(rules)])
