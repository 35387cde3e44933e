"""`matterkit diff --format text`: the summary first, then one rich table per kind of difference."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from matterkit.diff.kinds import KIND_ORDER, KINDS, Difference
from matterkit.diff.report import DiffReport
from matterkit.i18n import t
from matterkit.render.diff_labels import difference_row, headers, short_location, summary_lines

TABLE_COLUMNS = ("matter", "body", "element", "left_value", "right_value", "note", "right_location")
KIND_STYLE = {"element_mismatch": "yellow", "missing": "red", "extra": "magenta", "duplicate": "cyan",
              "near_duplicate": "cyan", "added": "green", "removed": "red", "changed": "yellow"}


def render_text(report: DiffReport, console: Console, lang: str, fail_on: Sequence[str] = KIND_ORDER) -> None:
    summary = report.summary(tuple(fail_on))
    console.print(f"[bold]{t('diff.summary.title', lang)}[/]")
    for line in summary_lines(summary, lang):
        console.print(line, markup=False)
    if not report.differences:
        console.print(t("diff.summary.none", lang), style="green", markup=False)
        return
    counts = Table(show_header=True, header_style="bold")
    counts.add_column(t("diff.col.kind", lang))
    counts.add_column(t("diff.col.count", lang), justify="right")
    for kind, count in summary["by_kind"].items():
        counts.add_row(KINDS[kind].label(lang), str(count), style=KIND_STYLE.get(kind))
    console.print(counts)
    console.print(t("diff.failing", lang, count=summary["failing"], kinds=",".join(fail_on)), markup=False)
    for kind in KIND_ORDER:
        rows = [d for d in report.differences if d.kind == kind]
        if rows:
            console.print(_kind_table(kind, rows, lang))


def _kind_table(kind: str, rows: list[Difference], lang: str) -> Table:
    count = f" ({len(rows)})" if lang == "en" else f"（{len(rows)}）"
    table = Table(title=f"{KINDS[kind].label(lang)}{count}", title_justify="left", show_lines=True,
                  title_style=f"bold {KIND_STYLE.get(kind, '')}".strip())
    for header in headers(lang, TABLE_COLUMNS):
        table.add_column(header, overflow="fold")
    for difference in rows:
        cells = difference_row(difference, lang)
        side = difference.right or difference.left
        cells["right_location"] = short_location(side.location if side else None)
        left, right = difference.left, difference.right
        if left is not None and cells["left"] and (right is None or (left.level, left.body) != (right.level, right.body)):
            cells["left_value"] = f"{cells['left']}：{cells['left_value']}"
        table.add_row(*(Text(str(cells[c])) for c in TABLE_COLUMNS))  # values are text, never rich markup
    return table
