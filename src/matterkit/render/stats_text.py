"""`matterkit stats --format text|json`: tables for people, one JSON document for scripts."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from matterkit.i18n import t
from matterkit.render.stats_labels import (
    bundle_line,
    group_label,
    headers,
    level_label,
    metric_texts,
    sections,
)
from matterkit.stats import Stats


def render_stats_text(stats: Stats, console: Console, lang: str) -> None:
    console.print(f"[bold]{t('stats.title', lang)}[/]")
    total = Table(*headers(lang), title=t("stats.total", lang), title_justify="left")
    total.add_row(t("stats.total", lang), *metric_texts(stats.total))
    console.print(total)
    for title_key, groups, with_level in sections(stats):
        table = Table(*headers(lang, with_level=with_level), title=t(title_key, lang), title_justify="left")
        for group in groups:
            level = [level_label(group.level, lang)] if with_level else []
            table.add_row(Text(group_label(group, lang)), *level, *metric_texts(group.figures))
        console.print(table)
    if stats.bundles:
        console.print(bundle_line(stats, lang), markup=False)
    _special_lists(stats, console, lang)
    console.print(t("stats.note", lang), markup=False)


def _special_lists(stats: Stats, console: Console, lang: str) -> None:
    """Derived-list counts and, with --since, the 权责清单 adjustments by class."""
    from matterkit.diff.adjustments import CLASS_LABELS

    zh = lang != "en"
    if stats.special_lists:
        grid = Table("清单" if zh else "List", "事项数" if zh else "Matters",
                     title="专项清单" if zh else "Derived lists", title_justify="left")
        for entry in stats.special_lists:
            grid.add_row(Text(entry["name"]), str(entry["count"]))
        console.print(grid)
    if stats.adjustments is not None:
        grid = Table("调整类型" if zh else "Class", "职权数" if zh else "Powers",
                     title="权责清单调整" if zh else "Power-list adjustments", title_justify="left")
        for kind, count in stats.adjustments.items():
            grid.add_row(CLASS_LABELS[kind]["zh" if zh else "en"], str(count))
        console.print(grid)


def stats_json(stats: Stats) -> str:
    return json.dumps(stats.as_dict(), ensure_ascii=False, indent=2)
