"""`--fix DIR`: corrected copies of source workbooks where the correction is unambiguous.

A finding carries a fix when its check knows the one right value: the catalogue's name, code or type,
the conventional time-limit wording, the materials cell without its repeated lines. A cell with two
different proposed fixes is left alone and reported. Each copy gets a sheet 修改清单 listing every change;
the input is never modified.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from matterkit.lint.findings import Finding
from matterkit.lint.sourcebook import by_file, locate, merged_anchor, open_copy, output_path, save, sheet_for
from matterkit.safety import set_cell_text

CHANGES_SHEET = "修改清单"
LABELS = {"zh": "自动更正", "en": "fixed"}


@dataclass(frozen=True)
class Change:
    file: str  # the source as given
    output: str | None  # the corrected copy (None when the change was not applied)
    sheet: str
    cell: str
    rules: tuple[str, ...]
    old: str
    new: str
    applied: bool = True
    note: str | None = None


def fix_sources(findings: Iterable[Finding], out_dir: Path, *, lang: str = "zh",
                base_dirs: Iterable[Path] = ()) -> list[Change]:
    """Write one corrected copy per source file that has fixable findings; return every change."""
    changes: list[Change] = []
    taken: set[str] = set()
    for given, in_file in by_file(f for f in findings if f.fix is not None and f.location.cell).items():
        source = locate(given, base_dirs)
        if source is None:
            continue
        workbook = open_copy(source)
        target = output_path(source, out_dir, LABELS["en" if lang == "en" else "zh"], taken)
        file_changes = fix_workbook(workbook, in_file, given, str(target))
        if any(c.applied for c in file_changes):
            _add_changes_sheet(workbook, file_changes, lang)
            save(workbook, target)
        changes.extend(file_changes)
    return changes


def fix_workbook(workbook: Workbook, findings: list[Finding], given: str, output: str) -> list[Change]:
    proposals: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        sheet = sheet_for(workbook, finding)
        if sheet is not None and finding.fix is not None and finding.location.cell:
            proposals[(sheet.title, merged_anchor(sheet, finding.location.cell))][finding.fix].append(finding.rule)
    changes = []
    for (title, ref), by_value in proposals.items():
        cell = workbook[title][ref]
        old = "" if cell.value is None else str(cell.value)
        if len(by_value) > 1:
            every_rule = tuple(sorted({r for rs in by_value.values() for r in rs}))
            changes.append(Change(given, None, title, ref, every_rule, old, " | ".join(by_value), applied=False,
                                  note="ambiguous"))
            continue
        [(new, rules)] = by_value.items()
        if new == old:
            continue
        set_cell_text(cell, new)
        changes.append(Change(given, output, title, ref, tuple(sorted(set(rules))), old, new))
    return changes


def _add_changes_sheet(workbook: Workbook, changes: list[Change], lang: str) -> None:
    sheet = workbook.create_sheet(CHANGES_SHEET if CHANGES_SHEET not in workbook.sheetnames else f"{CHANGES_SHEET}2")
    headers = (["工作表", "单元格", "规则", "原内容", "更正为"] if lang != "en"
               else ["Sheet", "Cell", "Rules", "Before", "After"])
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=column, value=header).font = Font(bold=True, name="宋体")
        sheet.column_dimensions[get_column_letter(column)].width = [14, 9, 16, 40, 40][column - 1]
    sheet.freeze_panes = "A2"
    for row, change in enumerate((c for c in changes if c.applied), start=2):
        for column, value in enumerate([change.sheet, change.cell, ",".join(change.rules), change.old, change.new],
                                       start=1):
            set_cell_text(sheet.cell(row=row, column=column), value)


def render_changes(changes: list[Change], lang: str = "zh") -> str:
    """Every change, one per line; ambiguous cells listed as not changed."""
    if not changes:
        return "没有可以自动更正的问题。" if lang != "en" else "Nothing could be fixed automatically."
    lines = []
    for change in changes:
        where = f"{change.file} {change.sheet}!{change.cell} [{','.join(change.rules)}]"
        if change.applied:
            lines.append(f"{where}: “{change.old}” → “{change.new}”  ({change.output})")
        else:
            lines.append(f"{where}: " + ("有多个不同的更正建议，未修改" if lang != "en" else "conflicting fixes, left alone"))
    applied = sum(1 for c in changes if c.applied)
    lines.append(f"共更正 {applied} 处。" if lang != "en" else f"{applied} cells corrected.")
    return "\n".join(lines)
