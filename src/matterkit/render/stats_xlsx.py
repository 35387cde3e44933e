"""`matterkit stats --format xlsx`: one sheet per breakdown, shares as percentages Excel can sum."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from matterkit.i18n import t
from matterkit.render.stats_labels import group_label, headers, level_label, metric_values, sections
from matterkit.render.xlsxout import add_table_sheet, new_workbook, save, sheet_title
from matterkit.stats import Stats


def write_stats_xlsx(stats: Stats, target: Path, lang: str) -> Path:
    workbook: Workbook = new_workbook()
    taken: set[str] = set()
    add_table_sheet(workbook, sheet_title(t("stats.total", lang), taken), headers(lang),
                    [[t("stats.total", lang), *metric_values(stats.total)]])
    for title_key, groups, with_level in sections(stats):
        rows = [[group_label(g, lang), *([level_label(g.level, lang)] if with_level else []),
                 *metric_values(g.figures)] for g in groups]
        add_table_sheet(workbook, sheet_title(t(title_key, lang), taken), headers(lang, with_level=with_level),
                        rows)
    save(workbook, target)
    return target
