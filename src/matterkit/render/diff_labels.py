"""How a difference reads in a table (text, xlsx, html share these columns and labels)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matterkit.diff.kinds import KINDS, Difference, Side
from matterkit.elements import default_registry
from matterkit.i18n import register, t
from matterkit.model import Location
from matterkit.render.values import display_value

register({
    "diff.col.kind": {"zh": "类型", "en": "Kind"},
    "diff.col.matter": {"zh": "事项名称", "en": "Matter"},
    "diff.col.base_code": {"zh": "基本编码", "en": "Base code"},
    "diff.col.level": {"zh": "层级", "en": "Level"},
    "diff.col.body": {"zh": "主体", "en": "Body"},
    "diff.col.element": {"zh": "要素", "en": "Element"},
    "diff.col.left": {"zh": "左侧（标准/旧）", "en": "Left (standard / old)"},
    "diff.col.left_value": {"zh": "左侧取值", "en": "Left value"},
    "diff.col.right": {"zh": "右侧（本主体/新）", "en": "Right (this body / new)"},
    "diff.col.right_value": {"zh": "右侧取值", "en": "Right value"},
    "diff.col.left_location": {"zh": "左侧位置", "en": "Left location"},
    "diff.col.right_location": {"zh": "右侧位置", "en": "Right location"},
    "diff.col.note": {"zh": "说明", "en": "Note"},
    "diff.col.count": {"zh": "数量", "en": "Count"},
    "diff.summary.title": {"zh": "比对摘要", "en": "Summary"},
    "diff.summary.none": {"zh": "没有发现差异。", "en": "No differences found."},
    "diff.summary.catalogue_set_aside": {
        "zh": "基本目录只认得 {matters} 条事项中的 {found} 条：它不是这些清单所在地的目录，本次比对不以它为准"
              "（不与它比对要素，乡镇、村的标准清单改为同级主体互相比较）；请用 matterkit import --catalog 载入本省基本目录",
        "en": "The catalogue knows only {found} of the {matters} rows: it is not these lists' catalogue and is set "
              "aside (no comparison with it; township and village lists are compared with their peers); load the "
              "province's catalogue with matterkit import --catalog"},
    "diff.summary.levels": {
        "zh": "比对 {matters} 条事项（{bodies} 个主体，归并为 {groups} 个事项；基本目录 {catalogue} 项）；锁定要素：{locked}",
        "en": "Compared {matters} rows ({bodies} bodies, {groups} matters; catalogue {catalogue} entries); "
              "locked elements: {locked}"},
    "diff.summary.versions": {"zh": "旧版本 {old}（{old_matters} 条）→ 新版本 {new}（{new_matters} 条）",
                              "en": "old {old} ({old_matters} rows) → new {new} ({new_matters} rows)"},
    "diff.summary.coverage": {"zh": "{level}：{bodies} 个主体，{expected} 项应实施事项（依据：{basis}）",
                              "en": "{level}: {bodies} bodies, {expected} required matters (basis: {basis})"},
    "diff.basis.config": {"zh": "matterkit.yaml 中的标准清单", "en": "standard list in matterkit.yaml"},
    "diff.basis.catalogue": {"zh": "基本目录的行使层级", "en": "the catalogue's levels"},
    "diff.basis.peers": {"zh": "无标准清单，同级主体互相比较", "en": "no standard list; bodies compared with peers"},
    "diff.status.present": {"zh": "有", "en": "present"},
    "diff.status.missing": {"zh": "缺", "en": "missing"},
    "diff.status.extra": {"zh": "多", "en": "extra"},
    "diff.status.delegated": {"zh": "下放", "en": "delegated"},
    "diff.status.absent": {"zh": "", "en": ""},
    "diff.sheet.versions": {"zh": "版本对比", "en": "Versions"},
    "diff.matrix.title": {"zh": "覆盖矩阵", "en": "Coverage"},
    "diff.matrix.total": {"zh": "合计", "en": "Total"},
    "diff.matrix.required": {"zh": "应实施", "en": "Required"},
    "diff.failing": {"zh": "达到失败级别的差异：{count} 条（--fail-on {kinds}）",
                     "en": "differences at the failing level: {count} (--fail-on {kinds})"},
})

COLUMNS: tuple[str, ...] = ("kind", "matter", "base_code", "level", "body", "element", "left", "left_value",
                            "right", "right_value", "note", "left_location", "right_location")


def headers(lang: str, columns: Sequence[str] = COLUMNS) -> list[str]:
    return [t(f"diff.col.{c}", lang) for c in columns]


def level_label(level: str | None, lang: str) -> str:
    return t(f"diff.level.{level}", lang) if level else ""


def side_label(side: Side | None, lang: str) -> str:
    if side is None:
        return "—"
    parts = [level_label(side.level, lang), side.body or ""]
    return " · ".join(p for p in parts if p)


def location_text(location: Location | None) -> str:
    if location is None:
        return ""
    parts = [location.file, location.sheet or ""]
    parts.append(location.cell or (f"{location.row}" if location.row else ""))
    return " ! ".join(p for p in parts if p)


def short_location(location: Location | None) -> str:
    """File name (no folder) and cell, for narrow terminal tables."""
    if location is None:
        return ""
    name = location.file.replace("\\", "/").rsplit("/", 1)[-1]
    return f"{name} {location.cell or location.row or ''}".strip()


def element_label(element: str | None, lang: str) -> str:
    return default_registry().label(element, lang) if element else ""


def value_text(side: Side | None, lang: str) -> str:
    return display_value(side.value, lang) if side is not None else ""


def difference_row(difference: Difference, lang: str) -> dict[str, Any]:
    matter = difference.matter
    return {
        "kind": KINDS[difference.kind].label(lang),
        "matter": matter.get("name") or "",
        "base_code": matter.get("base_code") or "",
        "level": level_label(matter.get("level"), lang),
        "body": matter.get("body") or "",
        "element": element_label(difference.element, lang),
        "left": side_label(difference.left, lang),
        "left_value": value_text(difference.left, lang),
        "right": side_label(difference.right, lang),
        "right_value": value_text(difference.right, lang),
        "note": difference.note(lang) or "",
        "left_location": location_text(difference.left.location if difference.left else None),
        "right_location": location_text(difference.right.location if difference.right else None),
    }


def summary_lines(summary: dict[str, Any], lang: str) -> list[str]:
    """The summary as sentences (mode line, coverage lines), before any table."""
    lines: list[str] = []
    if summary["mode"] == "levels":
        locked = "、".join(element_label(e, lang) for e in summary.get("locked_elements", ()))
        lines.append(t("diff.summary.levels", lang, matters=summary.get("matters", 0),
                       bodies=summary.get("bodies", 0), groups=summary.get("groups", 0),
                       catalogue=summary.get("catalogue", 0), locked=locked))
        if summary.get("catalogue_set_aside"):
            lines.append(t("diff.summary.catalogue_set_aside", lang, matters=summary.get("matters", 0),
                           found=summary.get("catalogue_found", 0)))
    else:
        lines.append(t("diff.summary.versions", lang, **{k: summary.get(k) for k in
                                                         ("old", "new", "old_matters", "new_matters")}))
    for cov in summary.get("coverage", ()):
        lines.append(t("diff.summary.coverage", lang, level=level_label(cov["level"], lang), bodies=cov["bodies"],
                       expected=cov["expected"], basis=t(f"diff.basis.{cov['basis']}", lang)))
    return lines
