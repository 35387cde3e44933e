"""`matterkit diff --format xlsx`: a summary sheet, one sheet per kind, the coverage matrix per level, and
for a version diff a sheet in the highlighter style people know from daff (`+++`, `---`, `→`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from matterkit.diff.coverage import DELEGATED, EXTRA, MISSING, PRESENT, CoverageMatrix
from matterkit.diff.kinds import KIND_ORDER, KINDS
from matterkit.diff.report import DiffReport
from matterkit.i18n import register, t
from matterkit.render.diff_labels import (
    COLUMNS,
    difference_row,
    element_label,
    headers,
    level_label,
    summary_lines,
)
from matterkit.render.diff_versions import VersionTable, version_table
from matterkit.render.xlsxout import (
    CHINESE_FONT,
    HEADER_FILL,
    add_table_sheet,
    new_workbook,
    save,
    sheet_title,
)

STATUS_FILL = {PRESENT: "C6EFCE", MISSING: "FFC7CE", EXTRA: "FFEB9C", DELEGATED: "BDD7EE"}
ACTION_FILL = {"+++": "C6EFCE", "---": "FFC7CE", "→": "FFF2CC"}
CHANGED_CELL_FILL = "F8CBAD"
COLUMN_WIDTHS = {"kind": 12, "matter": 30, "base_code": 16, "level": 8, "body": 18, "element": 12, "left": 18,
                 "left_value": 36, "right": 18, "right_value": 36, "note": 40, "left_location": 28,
                 "right_location": 28}

register({
    "diff.sheet.summary": {"zh": "摘要", "en": "Summary"},
    "diff.col.action": {"zh": "@@", "en": "@@"},
})


def write_xlsx(report: DiffReport, target: Path, lang: str, fail_on: Sequence[str] = KIND_ORDER) -> None:
    workbook = new_workbook()
    taken: set[str] = set()
    _summary_sheet(workbook, report, lang, fail_on, taken)
    for kind in KIND_ORDER:
        rows = [difference_row(d, lang) for d in report.differences if d.kind == kind]
        if rows:
            add_table_sheet(workbook, sheet_title(KINDS[kind].label(lang), taken), headers(lang),
                            ([row[c] for c in COLUMNS] for row in rows), [COLUMN_WIDTHS[c] for c in COLUMNS])
    for matrix in report.coverage:
        _matrix_sheet(workbook, matrix, lang, taken)
    if report.mode == "versions" and report.differences:
        _version_sheet(workbook, version_table(report, lang), lang, taken)
    save(workbook, target)


def _summary_sheet(workbook: Workbook, report: DiffReport, lang: str, fail_on: Sequence[str],
                   taken: set[str]) -> None:
    summary = report.summary(tuple(fail_on))
    lines: list[list[Any]] = [[line] for line in summary_lines(summary, lang)]
    if not report.differences:
        lines.append([t("diff.summary.none", lang)])
    lines.append([])
    lines.extend([KINDS[kind].label(lang), count] for kind, count in summary["by_kind"].items())
    add_table_sheet(workbook, sheet_title(t("diff.sheet.summary", lang), taken),
                    [t("diff.summary.title", lang), t("diff.col.count", lang)], lines, [90, 10])


def _cell(sheet: Any, value: Any, *, fill: str | None = None, bold: bool = False, wrap: bool = False) -> Any:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text from input never becomes a formula
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    if bold:
        cell.font = Font(name=CHINESE_FONT, bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _header(sheet: Any, values: Sequence[str]) -> list[Any]:
    cells = []
    for value in values:
        cell = _cell(sheet, value, bold=True, wrap=True)
        cell.fill = HEADER_FILL
        cells.append(cell)
    return cells


def _matrix_sheet(workbook: Workbook, matrix: CoverageMatrix, lang: str, taken: set[str]) -> None:
    """Matters down, bodies across; coloured status cells; totals per matter (right) and per body (below)."""
    sheet = workbook.create_sheet(sheet_title(f"{t('diff.matrix.title', lang)}-{level_label(matrix.level, lang)}",
                                              taken))
    statuses = (PRESENT, MISSING, EXTRA, DELEGATED)
    status_labels = [t(f"diff.status.{s}", lang) for s in statuses]
    fixed = [t("diff.col.matter", lang), t("diff.col.base_code", lang), t("diff.matrix.required", lang)]
    widths = [30, 16, 8] + [6] * len(matrix.bodies) + [7] * len(statuses)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "D2"
    sheet.append(_header(sheet, fixed + matrix.bodies + [f"{t('diff.matrix.total', lang)}·{s}"
                                                        for s in status_labels]))
    by_matter = matrix.totals_by_matter()
    yes, no = ("是", "否") if lang != "en" else ("yes", "no")
    for matter in matrix.matters:
        row = [_cell(sheet, matter.name or ""), _cell(sheet, matter.base_code or ""),
               _cell(sheet, yes if matter.expected else no)]
        for body in matrix.bodies:
            status = matrix.status(matter.key, body)
            row.append(_cell(sheet, t(f"diff.status.{status}", lang), fill=STATUS_FILL.get(status)))
        row.extend(by_matter[matter.key][s] for s in statuses)
        sheet.append(row)
    by_body = matrix.totals_by_body()
    for status, label in zip(statuses, status_labels, strict=True):
        total_row = [_cell(sheet, f"{t('diff.matrix.total', lang)}·{label}", bold=True), None, None]
        total_row.extend(by_body[body][status] for body in matrix.bodies)
        sheet.append(total_row)


def _version_sheet(workbook: Workbook, table: VersionTable, lang: str, taken: set[str]) -> None:
    sheet = workbook.create_sheet(sheet_title(t("diff.sheet.versions", lang), taken))
    sheet.freeze_panes = "B2"
    widths = [6] + [28, 16, 18] + [30] * len(table.elements)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(_header(sheet, ["@@", *table.key_headers, *(element_label(e, lang) for e in table.elements)]))
    for row in table.rows:
        fill = ACTION_FILL.get(row.action)
        cells = [_cell(sheet, row.action, fill=fill, bold=True)]
        cells.extend(_cell(sheet, value, fill=fill) for value in row.keys)
        for element in table.elements:
            text = row.cells.get(element, "")
            changed = row.action == "→" and element in row.cells
            cells.append(_cell(sheet, text, fill=CHANGED_CELL_FILL if changed else fill, wrap=True))
        sheet.append(cells)
