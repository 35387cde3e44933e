"""The import report, for people (rich text) and for machines (JSON, schema matterkit.import/1)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from matterkit.i18n import register, t
from matterkit.importer import FileReport, ImportRun, SheetReport
from matterkit.listkinds import kind_label, kind_source

register({
    "import.title": {"zh": "导入结果", "en": "Import results"},
    "import.col.file": {"zh": "文件", "en": "File"},
    "import.col.status": {"zh": "状态", "en": "Status"},
    "import.col.level": {"zh": "层级", "en": "Level"},
    "import.col.body": {"zh": "实施主体", "en": "Body"},
    "import.col.kind": {"zh": "清单类型（把握）", "en": "List kind (confidence)"},
    "import.col.matters": {"zh": "事项数", "en": "Matters"},
    "import.col.skipped": {"zh": "跳过行", "en": "Rows skipped"},
    "import.status.ok": {"zh": "成功", "en": "ok"},
    "import.status.failed": {"zh": "失败", "en": "failed"},
    "import.status.skipped": {"zh": "未变化", "en": "unchanged"},
    "import.status.suspect": {"zh": "可疑", "en": "suspect"},
    "import.suspect_line": {"zh": "⚠ {path}：读取结果可疑：{warning}", "en": "⚠ {path}: suspect read: {warning}"},
    "import.level.county": {"zh": "县级", "en": "county"},
    "import.level.township": {"zh": "乡镇级", "en": "township"},
    "import.level.village": {"zh": "村级", "en": "village"},
    "import.level.unknown": {"zh": "未知", "en": "unknown"},
    "import.totals": {
        "zh": "共 {files} 个文件：成功 {ok}（其中可疑 {suspect}），失败 {failed}，未变化 {skipped}；"
              "导入事项 {matters} 条，跳过行 {skipped_rows} 行。",
        "en": "{files} files: {ok} ok ({suspect} suspect), {failed} failed, {skipped} unchanged; {matters} matters "
              "imported, {skipped_rows} rows skipped."},
    "import.failed_line": {"zh": "✗ {path}：{error}", "en": "✗ {path}: {error}"},
    "import.sheet_line": {
        "zh": "  工作表“{sheet}”：表头在第 {header_row} 行，事项 {matters} 条，跳过 {skipped} 行，{kind}",
        "en": "  sheet '{sheet}': header at row {header_row}, {matters} matters, {skipped} rows skipped, {kind}"},
    "import.unmapped": {"zh": "    未识别的列（已保留为附加字段）：{headers}",
                        "en": "    unrecognised columns (kept as extra fields): {headers}"},
    "import.skipped_sheet": {"zh": "  跳过工作表“{name}”：{reason}", "en": "  skipped sheet '{name}': {reason}"},
    "import.note": {"zh": "  提示：{note}", "en": "  note: {note}"},
})

SKIP_REASONS = {
    "blank": {"zh": "空行", "en": "blank"},
    "notes": {"zh": "说明/备注行", "en": "notes row"},
    "repeated_header": {"zh": "重复的表头", "en": "repeated header"},
    "subtotal": {"zh": "合计行", "en": "subtotal"},
    "column_numbers": {"zh": "列序号行", "en": "column numbers"},
    "no_data": {"zh": "只有序号", "en": "no data"},
}


def import_json(run: ImportRun) -> dict[str, Any]:
    return {"schema": "matterkit.import/1",
            "files": [_file_json(report) for report in run.files],
            "totals": run.totals()}


def _file_json(report: FileReport) -> dict[str, Any]:
    return {
        "path": report.path, "status": report.status, "error": report.error,
        "level": report.list_level, "body": report.list_body,
        "level_from": report.level_from, "body_from": report.body_from, "matters": report.matters,
        "sheets": [{"name": s.name, "header_row": s.header_row, "header_rows": s.header_rows,
                    "matters": s.matters, "skipped_rows": s.skipped_rows, "columns": s.columns,
                    "unmapped": s.unmapped, "notes": s.notes, "kind": s.kind,
                    "kind_confidence": s.kind_confidence, "kind_from": s.kind_from} for s in report.sheets],
        "skipped_sheets": report.skipped_sheets, "notes": report.notes,
        "suspect": report.suspect, "warnings": report.warnings,
    }


def render_import_text(run: ImportRun, console: Console, lang: str, *, verbose: bool = False) -> None:
    """A table of files, then the problems worth reading, then one line of totals."""
    table = Table(title=t("import.title", lang), title_justify="left")
    for key in ("file", "status", "level", "body", "kind", "matters", "skipped"):
        table.add_column(t(f"import.col.{key}", lang), overflow="fold")
    for report in run.files:
        status = "suspect" if report.suspect and report.status == "ok" else report.status
        style = {"ok": "green", "suspect": "bold yellow", "failed": "bold red", "skipped": "dim"}[status]
        table.add_row(Text(report.path), f"[{style}]{t(f'import.status.{status}', lang)}[/]",
                      t(f"import.level.{report.list_level or 'unknown'}", lang), Text(report.list_body or ""),
                      Text("、".join(_kind_short(s, lang) for s in report.sheets)), str(report.matters), str(sum(len(s.skipped_rows) for s in report.sheets)))
    console.print(table)
    for report in run.files:
        _render_file_details(report, console, lang, verbose)
    console.print(t("import.totals", lang, **run.totals()))


def kind_text(sheet: SheetReport, lang: str) -> str:
    """The sheet's list kind and how it was known."""
    if sheet.kind is None:
        return ""
    return f"{kind_label(sheet.kind, lang)}（{kind_source(sheet.kind_from, sheet.kind_confidence, lang)}）"


def _kind_short(sheet: SheetReport, lang: str) -> str:
    label = kind_label(sheet.kind, lang)
    if sheet.kind_from != "columns":
        return label
    return f"{label} {round((sheet.kind_confidence or 0) * 100)}%"


def _render_file_details(report: FileReport, console: Console, lang: str, verbose: bool) -> None:
    if report.status == "failed":
        console.print(t("import.failed_line", lang, path=report.path, error=report.error), style="red",
                      markup=False)
        return
    for warning in report.warnings:
        console.print(t("import.suspect_line", lang, path=report.path, warning=warning), style="yellow",
                      markup=False)
    interesting = report.skipped_sheets or report.notes or any(s.unmapped for s in report.sheets)
    if not (verbose or interesting):
        return
    console.print(report.path, style="bold", markup=False)
    for sheet in report.sheets:
        console.print(t("import.sheet_line", lang, sheet=sheet.name or "CSV", header_row=sheet.header_row,
                        matters=sheet.matters, skipped=len(sheet.skipped_rows), kind=kind_text(sheet, lang)),
                      markup=False)
        if sheet.unmapped:
            console.print(t("import.unmapped", lang, headers="、".join(sheet.unmapped)), style="yellow",
                          markup=False)
    for skipped in report.skipped_sheets:
        console.print(t("import.skipped_sheet", lang, **skipped), style="dim", markup=False)
    for note in report.notes:
        console.print(t("import.note", lang, note=note), style="dim", markup=False)
