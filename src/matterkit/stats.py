"""The county's service figures (`matterkit stats`): pure computation from matters; renderers live in
`matterkit.render.stats_*`.

A share is taken over the matters that state the element it needs (a 处罚 without a case type does not
count against the share of 即办件); each figure carries its denominator so that a report can say so.
The time-limit cut of one matter is 1 − promised / legal, for matters with a legal limit above zero and
a promised limit; the figure is the average of those cuts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from matterkit.bundles.merge import MergedBundle
from matterkit.listkinds import KINDS, kind_label
from matterkit.model import LIST_LEVEL_LABELS, Matter
from matterkit.publish.config import CATEGORY_ORDER

SCHEMA = "matterkit.stats/1"
_LEVEL_ORDER = ("county", "township", "village")


@dataclass
class Figures:
    """The figures of one group of matters (all, one level, one department, one type)."""

    matters: int = 0
    instant: int = 0  # 即办件
    case_type_known: int = 0
    at_most_one_visit: int = 0  # 最多跑一次
    zero_visits: int = 0  # 零跑动
    visits_known: int = 0
    cut_total: float = 0.0
    cut_known: int = 0
    materials: int = 0

    def add(self, matter: Matter) -> None:
        self.matters += 1
        self.materials += len(matter.materials)
        if matter.case_type:
            self.case_type_known += 1
            self.instant += matter.case_type == "即办件"
        if matter.visits is not None:
            self.visits_known += 1
            self.at_most_one_visit += matter.visits <= 1
            self.zero_visits += matter.visits == 0
        if matter.legal_limit and matter.legal_limit > 0 and matter.promised_limit is not None:
            self.cut_known += 1
            self.cut_total += 1 - matter.promised_limit / matter.legal_limit

    @property
    def instant_share(self) -> float | None:
        return _share(self.instant, self.case_type_known)

    @property
    def at_most_one_visit_share(self) -> float | None:
        return _share(self.at_most_one_visit, self.visits_known)

    @property
    def zero_visit_share(self) -> float | None:
        return _share(self.zero_visits, self.visits_known)

    @property
    def average_cut(self) -> float | None:
        return _share(self.cut_total, self.cut_known)

    @property
    def materials_per_matter(self) -> float | None:
        return _share(self.materials, self.matters)

    def as_dict(self) -> dict[str, Any]:
        return {
            "matters": self.matters,
            "instant": self.instant, "case_type_known": self.case_type_known,
            "instant_share": _round(self.instant_share),
            "at_most_one_visit": self.at_most_one_visit, "zero_visits": self.zero_visits,
            "visits_known": self.visits_known,
            "at_most_one_visit_share": _round(self.at_most_one_visit_share),
            "zero_visit_share": _round(self.zero_visit_share),
            "time_limit_cut_known": self.cut_known, "time_limit_cut_average": _round(self.average_cut),
            "materials": self.materials, "materials_per_matter": _round(self.materials_per_matter),
        }


@dataclass
class Group:
    key: str
    label: str
    figures: Figures = field(default_factory=Figures)
    level: str | None = None  # for departments: the level of the list


@dataclass
class BundleFigures:
    """一件事 bundles: how many, their members, and the submissions the merged material lists save."""

    bundles: int = 0
    members: int = 0
    members_found: int = 0
    materials_before: int = 0  # every member's every material
    materials_after: int = 0  # one per merged material still handed in

    def as_dict(self) -> dict[str, Any]:
        saved = self.materials_before - self.materials_after
        return {"bundles": self.bundles, "members": self.members, "members_found": self.members_found,
                "materials_before": self.materials_before, "materials_after": self.materials_after,
                "materials_saved": saved, "materials_saved_share": _round(_share(saved, self.materials_before))}


def bundle_figures(merged: Iterable[MergedBundle]) -> BundleFigures:
    figures = BundleFigures()
    for one in merged:
        figures.bundles += 1
        figures.members += len(one.members)
        figures.members_found += len(one.resolved)
        figures.materials_before += one.materials_before
        figures.materials_after += one.materials_after
    return figures


@dataclass
class Stats:
    total: Figures
    by_level: list[Group]
    by_department: list[Group]
    by_type: list[Group]
    bundles: BundleFigures | None = None  # set when the workspace defines bundles
    by_kind: list[Group] = field(default_factory=list)  # by list kind (listkinds.py): 事项目录, 实施清单 …

    def as_dict(self) -> dict[str, Any]:
        def rows(groups: list[Group]) -> list[dict[str, Any]]:
            return [{"key": g.key, "label": g.label, **({"level": g.level} if g.level else {}),
                     **g.figures.as_dict()} for g in groups]

        return {"schema": SCHEMA, "total": self.total.as_dict(), "by_level": rows(self.by_level),
                "by_department": rows(self.by_department), "by_type": rows(self.by_type),
                "by_kind": rows(self.by_kind),
                **({"bundles": self.bundles.as_dict()} if self.bundles else {})}


def _share(part: float, whole: int) -> float | None:
    return part / whole if whole else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def department_of(matter: Matter) -> tuple[str, str]:
    """(level, name): county matters by department; township and village matters by their list's body."""
    level = matter.list_level or "county"
    if level == "county":
        return level, matter.department or matter.body or matter.list_body or "未注明部门"
    return level, matter.list_body or matter.body or "未注明"


def compute_stats(matters: Iterable[Matter], *, type_order: tuple[str, ...] = CATEGORY_ORDER) -> Stats:
    """Figures over all matters that are in use (cancelled ones are left out); types in the
    conventional order of the power categories, then the others by name."""
    total = Figures()
    levels: dict[str, Group] = {}
    departments: dict[tuple[str, str], Group] = {}
    types: dict[str, Group] = {}
    kinds: dict[str, Group] = {}
    for matter in matters:
        if matter.status == "取消":
            continue
        level, department = department_of(matter)
        type_label = matter.type or "未分类"
        level_label = LIST_LEVEL_LABELS.get(level, {}).get("zh", level)
        for group in (levels.setdefault(level, Group(level, level_label)),
                      departments.setdefault((level, department), Group(department, department, level=level)),
                      types.setdefault(type_label, Group(type_label, type_label)),
                      kinds.setdefault(matter.list_kind or "", Group(matter.list_kind or "", kind_label(matter.list_kind)
                                                                     or "未识别"))):
            group.figures.add(matter)
        total.add(matter)
    return Stats(
        total=total,
        by_level=sorted(levels.values(), key=lambda g: _rank(_LEVEL_ORDER, g.key)),
        by_department=sorted(departments.values(), key=lambda g: (_rank(_LEVEL_ORDER, g.level or ""), g.key)),
        by_type=sorted(types.values(), key=lambda g: _rank(type_order, g.key)),
        by_kind=sorted(kinds.values(), key=lambda g: _rank(tuple(KINDS), g.key)),
    )


def _rank(order: tuple[str, ...], key: str) -> tuple[int, str]:
    return (order.index(key), "") if key in order else (len(order), key)
