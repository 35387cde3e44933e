"""`matterkit stats --format xlsx`: one sheet per breakdown; shares are numbers shown as percentages, so
a county can sum, sort and chart them in Excel."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from matterkit.i18n import t
from matterkit.render.stats_labels import group_label, headers, level_label, metric_values, sections
from matterkit.render.xlsxout import CHINESE_FONT, HEADER_FILL, save, sheet_title
from matterkit.safety import set_cell_text
from matterkit.stats import Stats

# Number formats of the metric columns, in METRIC_KEYS order.
METRIC_FORMATS = ("0", "0.0%", "0.0%", "0.0%", "0.0%", "0.0")


def write_stats_xlsx(stats: Stats, target: Path, lang: str) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    _sheet(workbook, sheet_title(t("stats.total", lang), taken), headers(lang),
           [[t("stats.total", lang), *metric_values(stats.total)]], labels=1)
    for title_key, groups, with_level in sections(stats):
        rows = [[group_label(g, lang), *([level_label(g.level, lang)] if with_level else []),
                 *metric_values(g.figures)] for g in groups]
        _sheet(workbook, sheet_title(t(title_key, lang), taken), headers(lang, with_level=with_level), rows,
               labels=2 if with_level else 1)
    save(workbook, target)
    return target


def _sheet(workbook: Workbook, title: str, header: list[str], rows: Sequence[Sequence[Any]], *, labels: int) -> None:
    """A sheet with a frozen bold header; the first `labels` columns are text, the rest metrics."""
    sheet = workbook.create_sheet(title)
    for col, text in enumerate(header, start=1):
        cell = sheet.cell(1, col)
        set_cell_text(cell, text)
        cell.font, cell.fill = Font(name=CHINESE_FONT, bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(col)].width = 24 if col <= labels else 14
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(r, col)
            set_cell_text(cell, value)
            cell.font = Font(name=CHINESE_FONT)
            if col > labels:
                cell.number_format = METRIC_FORMATS[col - labels - 1]
    sheet.freeze_panes = "A2"
