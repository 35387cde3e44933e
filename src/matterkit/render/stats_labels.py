"""Column labels and value formatting shared by the stats renderers (Chinese and English)."""

from __future__ import annotations

from typing import Any

from matterkit.i18n import register, t
from matterkit.listkinds import KINDS, kind_label
from matterkit.stats import Figures, Group, Stats

register({
    "stats.title": {"zh": "政务服务事项统计", "en": "Government service matter figures"},
    "stats.total": {"zh": "全部事项", "en": "All matters"},
    "stats.by_level": {"zh": "按层级", "en": "By level"},
    "stats.by_department": {"zh": "按部门（乡镇、村）", "en": "By department (township, village)"},
    "stats.by_type": {"zh": "按事项类型", "en": "By matter type"},
    "stats.by_kind": {"zh": "按清单类型", "en": "By list kind"},
    "stats.col.group": {"zh": "分组", "en": "Group"},
    "stats.col.level": {"zh": "层级", "en": "Level"},
    "stats.col.matters": {"zh": "事项数", "en": "Matters"},
    "stats.col.instant": {"zh": "即办件占比", "en": "Instant cases"},
    "stats.col.one_visit": {"zh": "最多跑一次占比", "en": "At most one visit"},
    "stats.col.zero_visit": {"zh": "零跑动占比", "en": "No visit"},
    "stats.col.cut": {"zh": "平均时限压缩率", "en": "Average time-limit cut"},
    "stats.col.materials": {"zh": "平均材料数", "en": "Materials per matter"},
    "stats.bundles": {"zh": "一件事一次办：{bundles} 个套餐，{members} 个成员事项（清单中找到 {members_found} 个）；"
                            "提交材料合并前 {materials_before} 份，合并后 {materials_after} 份，少交 {materials_saved} 份。",
                      "en": "Bundles: {bundles} with {members} members ({members_found} found in the lists); "
                            "{materials_before} submissions before merging, {materials_after} after, "
                            "{materials_saved} saved."},
    "stats.note": {"zh": "占比以填写了相应要素的事项为分母；时限压缩率 = 1 − 承诺时限 / 法定时限（法定时限大于 0 的事项）。",
                   "en": "Shares are over the matters stating the element; time-limit cut = 1 − promised / legal "
                         "(matters with a legal limit above zero)."},
    "stats.chart.level": {"zh": "各层级事项数", "en": "Matters per level"},
    "stats.chart.type": {"zh": "各类型事项数", "en": "Matters per type"},
    "stats.chart.department": {"zh": "各部门事项数", "en": "Matters per department"},
    "stats.chart.instant": {"zh": "各部门即办件占比", "en": "Share of instant cases per department"},
    "stats.chart.one_visit": {"zh": "各部门最多跑一次占比", "en": "Share with at most one visit per department"},
    "stats.chart.cut": {"zh": "各部门平均时限压缩率", "en": "Average time-limit cut per department"},
})

METRIC_KEYS: tuple[str, ...] = ("matters", "instant", "one_visit", "zero_visit", "cut", "materials")
LEVEL_LABELS = {"county": {"zh": "县级", "en": "county"}, "township": {"zh": "乡镇级", "en": "township"},
                "village": {"zh": "村级", "en": "village"}}


def headers(lang: str, *, with_level: bool = False) -> list[str]:
    first = [t("stats.col.group", lang)] + ([t("stats.col.level", lang)] if with_level else [])
    return first + [t(f"stats.col.{key}", lang) for key in METRIC_KEYS]


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def metric_values(figures: Figures) -> list[Any]:
    """Raw values in METRIC_KEYS order (shares as fractions, None when unknown)."""
    return [figures.matters, figures.instant_share, figures.at_most_one_visit_share, figures.zero_visit_share,
            figures.average_cut, figures.materials_per_matter]


def metric_texts(figures: Figures) -> list[str]:
    matters, *shares, materials = metric_values(figures)
    return [str(matters), *(percent(s) for s in shares), "—" if materials is None else f"{materials:.1f}"]


def group_label(group: Group, lang: str) -> str:
    if group.key in LEVEL_LABELS and group.level is None:
        return LEVEL_LABELS[group.key]["en" if lang == "en" else "zh"]
    if group.key in KINDS and group.level is None:
        return kind_label(group.key, lang)
    return group.label


def level_label(level: str | None, lang: str) -> str:
    return LEVEL_LABELS.get(level or "", {}).get("en" if lang == "en" else "zh", level or "")


def sections(stats: Stats) -> list[tuple[str, list[Group], bool]]:
    """(title key, groups, with level column) for each breakdown."""
    return [("stats.by_level", stats.by_level, False), ("stats.by_department", stats.by_department, True),
            ("stats.by_type", stats.by_type, False), ("stats.by_kind", stats.by_kind, False)]


def bundle_line(stats: Stats, lang: str) -> str:
    """The one sentence on the workspace's 一件事 bundles (empty when it defines none)."""
    return t("stats.bundles", lang, **stats.bundles.as_dict()) if stats.bundles else ""
