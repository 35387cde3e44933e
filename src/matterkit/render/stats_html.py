"""`matterkit stats --format html`: one self-contained page with bar charts drawn as inline SVG.

No chart library and no script: each chart is a handful of <rect> and <text> elements built here, every
label escaped. The page itself is `templates/stats/report.html.j2`, which a county may override.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from markupsafe import Markup

from matterkit.i18n import t
from matterkit.publish.templating import html_environment
from matterkit.render.stats_labels import (
    bundle_line,
    group_label,
    headers,
    level_label,
    metric_texts,
    percent,
    sections,
)
from matterkit.stats import Group, Stats

BAR_HEIGHT = 20
GAP = 6
LABEL_WIDTH = 200
BAR_WIDTH = 380
VALUE_WIDTH = 70


def bar_chart(title: str, bars: Sequence[tuple[str, float, str]], *, maximum: float | None = None) -> Markup:
    """A horizontal bar chart: (label, value, value text) per bar; bars scale to `maximum` (default: the
    largest value)."""
    top = maximum if maximum is not None else max((value for _, value, _ in bars), default=0.0)
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>']
    for index, (label, value, text) in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = 0.0 if top <= 0 else max(0.0, min(1.0, value / top)) * BAR_WIDTH
        middle = y + BAR_HEIGHT * 0.7
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{middle:.1f}" text-anchor="end">{escape(label)}</text>'
                     f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" class="bar"/>'
                     f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{middle:.1f}">{escape(text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _count_bars(groups: list[Group], lang: str) -> list[tuple[str, float, str]]:
    return [(group_label(g, lang), float(g.figures.matters), str(g.figures.matters)) for g in groups]


def _share_bars(groups: list[Group], attribute: str, lang: str) -> list[tuple[str, float, str]]:
    bars = []
    for group in groups:
        value = getattr(group.figures, attribute)
        if value is not None:
            bars.append((group_label(group, lang), value, percent(value)))
    return bars


def charts(stats: Stats, lang: str) -> list[tuple[str, Markup]]:
    departments = stats.by_department
    specs = [
        ("stats.chart.level", _count_bars(stats.by_level, lang), None),
        ("stats.chart.type", _count_bars(stats.by_type, lang), None),
        ("stats.chart.department", _count_bars(departments, lang), None),
        ("stats.chart.instant", _share_bars(departments, "instant_share", lang), 1.0),
        ("stats.chart.one_visit", _share_bars(departments, "at_most_one_visit_share", lang), 1.0),
        ("stats.chart.cut", _share_bars(departments, "average_cut", lang), 1.0),
    ]
    return [(t(key, lang), bar_chart(t(key, lang), bars, maximum=top)) for key, bars, top in specs if bars]


def stats_html(stats: Stats, lang: str, *, templates_dir: Path | None = None) -> str:
    tables = []
    for title_key, groups, with_level in sections(stats):
        rows = [[group_label(g, lang), *([level_label(g.level, lang)] if with_level else []),
                 *metric_texts(g.figures)] for g in groups]
        tables.append({"title": t(title_key, lang), "headers": headers(lang, with_level=with_level), "rows": rows})
    template = html_environment(templates_dir).get_template("stats/report.html.j2")
    return template.render(
        lang="en" if lang == "en" else "zh-CN", title=t("stats.title", lang),
        note=" ".join(filter(None, (bundle_line(stats, lang), t("stats.note", lang)))),
        total={"title": t("stats.total", lang), "headers": headers(lang),
               "rows": [[t("stats.total", lang), *metric_texts(stats.total)]]},
        tables=tables, charts=charts(stats, lang))
