"""Findings as a workbook: one sheet of findings (frozen header, filters), one of counts per rule."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from matterkit.elements import default_registry
from matterkit.lint.engine import LintResult
from matterkit.lint.findings import severity_label
from matterkit.lint.values import element_label
from matterkit.render.xlsxout import add_table_sheet, new_workbook, save

HEADERS = {
    "zh": ["级别", "规则", "规则名称", "文件", "工作表", "行", "单元格", "要素", "事项名称", "基本编码", "实施主体",
           "主管部门", "当前值", "应为", "问题说明", "依据", "条款", "网址"],
    "en": ["Severity", "Rule", "Rule name", "File", "Sheet", "Row", "Cell", "Element", "Matter", "Basic code",
           "Body", "Department", "Value", "Expected", "Message", "Regulation", "Clause", "URL"],
}
WIDTHS = [8, 9, 24, 30, 14, 6, 8, 14, 28, 15, 24, 24, 28, 24, 60, 40, 20, 30]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v.get("name") if isinstance(v, dict) else v) for v in value)
    return str(value)


def write_lint_xlsx(result: LintResult, target: Path, lang: str = "zh") -> None:
    registry = default_registry()
    workbook = new_workbook()
    rows = []
    for f in result.findings:
        loc, source = f.location, f.source
        rows.append([severity_label(f.severity, lang), f.rule, f.name, loc.file, loc.sheet or "", loc.row,
                     loc.cell or "", element_label(registry, f.element, lang), f.matter.get("name") or "",
                     f.matter.get("base_code") or "", f.matter.get("body") or "", f.matter.get("department") or "",
                     _text(f.value), _text(f.expected), f.message, source.title if source else "",
                     (source.clause or "") if source else "", (source.url or "") if source else ""])
    key = "en" if lang == "en" else "zh"
    add_table_sheet(workbook, "问题" if key == "zh" else "Findings", HEADERS[key], rows, WIDTHS)
    counts = Counter((f.rule, f.name, f.severity) for f in result.findings)
    add_table_sheet(workbook, "按规则统计" if key == "zh" else "Per rule",
                    ["规则", "规则名称", "级别", "数量"] if key == "zh" else ["Rule", "Rule name", "Severity", "Count"],
                    [[rule, name, severity_label(sev, lang), n] for (rule, name, sev), n in sorted(counts.items())],
                    [10, 30, 8, 8])
    save(workbook, target)
