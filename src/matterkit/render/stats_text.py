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
    console.print(t("stats.note", lang), markup=False)


def stats_json(stats: Stats) -> str:
    return json.dumps(stats.as_dict(), ensure_ascii=False, indent=2)
