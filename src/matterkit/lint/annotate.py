"""`--annotate DIR`: the workbook the bureau sends back to a department.

A copy of each source workbook with every offending cell filled by severity and commented (message, rule,
regulation), and an added sheet 问题清单 listing every finding with a link to its cell. A row finding with
no element goes on the row's first cell; a whole-sheet finding (a column the sheet lacks) marks no cell and
heads the 问题清单, its place given as 整表. The input is never modified.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

from matterkit.elements import default_registry
from matterkit.lint.findings import SEVERITY_RANK, Finding, severity_label
from matterkit.lint.sourcebook import by_file, locate, merged_anchor, open_copy, output_path, save, sheet_for
from matterkit.lint.values import element_label
from matterkit.safety import set_cell_text

FILLS = {
    "error": PatternFill("solid", fgColor="FFC7CE"),
    "warning": PatternFill("solid", fgColor="FFEB9C"),
    "info": PatternFill("solid", fgColor="DDEBF7"),
}
LIST_SHEET = "问题清单"
COMMENT_AUTHOR = "matterkit"
HEADERS = {
    "zh": ["序号", "级别", "规则", "规则名称", "工作表", "单元格", "要素", "事项名称", "当前值", "应为", "问题说明", "依据"],
    "en": ["No.", "Severity", "Rule", "Rule name", "Sheet", "Cell", "Element", "Matter", "Value", "Expected",
           "Message", "Regulation"],
}
WIDTHS = [6, 8, 9, 26, 14, 9, 14, 28, 28, 24, 60, 40]
LABELS = {"zh": "问题标注", "en": "annotated"}
WHOLE_SHEET = {"zh": "整表", "en": "whole sheet"}


def annotate_sources(findings: Iterable[Finding], out_dir: Path, *, lang: str = "zh",
                     base_dirs: Iterable[Path] = (), titles: Mapping[str, str] | None = None) -> list[Path]:
    """Write one annotated copy per source file that has findings; returns the paths written. `titles`: the
    rules' titles in `lang` (`LintResult.titles`), listed instead of their slugs."""
    written: list[Path] = []
    taken: set[str] = set()
    for given, in_file in by_file(findings).items():
        source = locate(given, base_dirs)
        if source is None:
            continue
        workbook = open_copy(source)
        annotate_workbook(workbook, in_file, lang, titles)
        target = output_path(source, out_dir, LABELS["en" if lang == "en" else "zh"], taken)
        save(workbook, target)
        written.append(target)
    return written


def annotate_workbook(workbook: Workbook, findings: list[Finding], lang: str = "zh",
                      titles: Mapping[str, str] | None = None) -> None:
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    whole: list[tuple[Finding, str | None, str | None]] = []  # about a whole sheet: listed first, marked nowhere
    listed: list[tuple[Finding, str | None, str | None]] = []
    for finding in findings:
        sheet = sheet_for(workbook, finding)
        if not finding.location.row:
            whole.append((finding, sheet.title if sheet is not None else finding.location.sheet, None))
            continue
        if sheet is None:
            listed.append((finding, None, None))
            continue
        cell = finding.location.cell or f"A{finding.location.row}"
        by_cell[(sheet.title, merged_anchor(sheet, cell))].append(finding)
        listed.append((finding, sheet.title, cell))
    for (title, ref), cell_findings in by_cell.items():
        _mark(workbook[title][ref], cell_findings, lang)
    _add_list_sheet(workbook, [*whole, *listed], lang, titles or {})


def _mark(cell: Cell, findings: list[Finding], lang: str) -> None:
    worst = max(findings, key=lambda f: SEVERITY_RANK[f.severity]).severity
    cell.fill = FILLS[worst]
    lines = list(dict.fromkeys(_comment_line(f, lang) for f in findings))  # a merged block's rows say it once
    if cell.comment is not None and cell.comment.text:
        lines.insert(0, cell.comment.text)
    text = "\n\n".join(lines)
    comment = Comment(text, COMMENT_AUTHOR)
    comment.width = 360
    comment.height = min(600, 60 + 18 * text.count("\n") + 18 * (len(text) // 24))
    cell.comment = comment


def _comment_line(finding: Finding, lang: str) -> str:
    line = f"[{severity_label(finding.severity, lang)}] {finding.rule} {finding.message}"
    if finding.source:
        clause = f" {finding.source.clause}" if finding.source.clause else ""
        line += f"\n{'依据' if lang != 'en' else 'Source'}：{finding.source.title}{clause}"
    return line


def _add_list_sheet(workbook: Workbook, listed: list[tuple[Finding, str | None, str | None]], lang: str,
                    titles: Mapping[str, str]) -> None:
    title, n = LIST_SHEET, 2
    while title in workbook.sheetnames:
        title, n = f"{LIST_SHEET}{n}", n + 1
    sheet = workbook.create_sheet(title)
    headers = HEADERS["en" if lang == "en" else "zh"]
    for column, (header, width) in enumerate(zip(headers, WIDTHS, strict=True), start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font = Font(bold=True, name="宋体")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    registry = default_registry()
    for number, (finding, sheet_title, ref) in enumerate(listed, start=1):
        row = number + 1
        source = finding.source
        values = [number, severity_label(finding.severity, lang), finding.rule,
                  titles.get(finding.rule) or finding.name, sheet_title or "",
                  ref or str(finding.location.row or "") or WHOLE_SHEET["en" if lang == "en" else "zh"],
                  element_label(registry, finding.element, lang),
                  finding.matter.get("name") or "", _text(finding.value), _text(finding.expected),
                  finding.message, f"{source.title} {source.clause or ''}".strip() if source else ""]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            set_cell_text(cell, value)
            cell.alignment = Alignment(vertical="top", wrap_text=column >= 8)
        sheet.cell(row=row, column=2).fill = FILLS[finding.severity]
        if sheet_title and ref:
            link = sheet.cell(row=row, column=6)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quote_sheetname(sheet_title)}!{ref}",
                                       display=ref)
            link.font = Font(color="0563C1", underline="single")
    if listed:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(listed) + 1}"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v.get("name") if isinstance(v, dict) else v) for v in value)
    if isinstance(value, dict):
        return str(value.get("name") or value)
    return str(value)
