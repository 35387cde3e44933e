"""List kinds: what sort of list a sheet is, recognised from the elements its columns hold.

A county handles six kinds of list, each holding a different set of elements (conventions.md, "Lists come
in kinds"): a 基本目录 (`catalogue`), a 实施清单 (`implementation`), 办事指南 data (`guide`), a 权责清单
(`power_list`), the plain 事项目录 (`directory`: names, codes, departments — what most counties publish) and a
village's 帮办代办清单 (`assisted`: the county's and township's matters the village helps residents with; the
village implements none of them, so it has no 实施编码 or body code to give).
Rule packs say which elements each kind must hold (`kinds:` in a pack, lint/packs.py); lint then reports an
element a sheet has no column for once for the sheet, and never per row.

The recognition is a short ordered list of tests on the sheet's mapped elements, so that a user can see why
a sheet got its kind (`kind_confidence` in the import report says how clear the evidence was); a sheet the
tests read wrongly is declared with `import --kind` or `import: kinds:` in matterkit.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from matterkit.i18n import register, t

register({
    "kind.from.columns": {"zh": "按列识别，把握 {percent}%", "en": "recognised from the columns, {percent}% confident"},
    "kind.from.option": {"zh": "导入时 --kind 指定", "en": "declared with import --kind"},
    "kind.from.config": {"zh": "matterkit.yaml 指定", "en": "declared in matterkit.yaml"},
    "kind.from.level": {"zh": "村级清单、没有实施编码列，按帮办代办清单",
                        "en": "a village list without implementation codes: an assisted-service list"},
})

KINDS: dict[str, dict[str, str]] = {
    "catalogue": {"zh": "基本目录", "en": "basic catalogue"},
    "implementation": {"zh": "实施清单", "en": "implementation list"},
    "guide": {"zh": "办事指南", "en": "service guide"},
    "power_list": {"zh": "权责清单", "en": "power list"},
    "directory": {"zh": "事项目录", "en": "matter directory"},
    "assisted": {"zh": "帮办代办清单", "en": "assisted-service list"},
}
KIND_ALIASES: dict[str, str] = {label: key for key, labels in KINDS.items() for label in labels.values()}

# Elements a column of a registry key fills besides (or instead of) the key itself.
FILLS: dict[str, tuple[str, ...]] = {"fee_name": ("fees",), "fee_standard": ("fees",), "fee_basis": ("fees",)}

# What a directory holds: who and what, no element about how a matter is handled.
IDENTITY = frozenset({"name", "type", "base_code", "impl_code", "item_code", "item_name", "main_item", "sub_item",
                      "department", "body", "body_code", "area_code", "township", "village", "status", "notes"})
NEUTRAL = frozenset({"seq"})  # 序号: every kind of list numbers its rows
POWER_MARKS = frozenset({"responsibilities", "accountability"})
GUIDE_MARKS = frozenset({"conditions", "process", "materials", "fees", "location", "hours", "phone",
                         "complaint_phone", "result_name"})
ADMIN_MARKS = frozenset({"impl_code", "body_code", "body_nature", "power_source", "level", "case_type",
                         "promised_limit", "visits", "online", "in_hall", "scope"})
LOCAL_MARKS = frozenset({"promised_limit", "location", "hours", "phone", "complaint_phone", "case_type", "visits"})


@dataclass(frozen=True)
class KindGuess:
    kind: str
    confidence: float  # 0..1: how clearly the columns say so (1.0 when declared)
    source: str  # "columns" | "option" | "config"


def normalise_kind(value: str) -> str:
    """A kind key from its key or its Chinese or English name; ValueError when it is none of them."""
    text = value.strip()
    if text in KINDS:
        return text
    if text in KIND_ALIASES:
        return KIND_ALIASES[text]
    raise ValueError(value)


def kind_label(kind: str | None, lang: str = "zh") -> str:
    if kind is None:
        return ""
    return KINDS.get(kind, {}).get("en" if lang == "en" else "zh", kind)


def kind_source(kind_from: str | None, confidence: float | None, lang: str = "zh") -> str:
    """How a kind was known, in words: declared, or recognised with a confidence."""
    return t(f"kind.from.{kind_from or 'columns'}", lang, percent=round((confidence or 0) * 100))


def sheet_elements(columns: Mapping[str, str | None]) -> frozenset[str]:
    """The elements a sheet has columns for, from its header mapping {header text: element key or None}."""
    keys = {key for key in columns.values() if key}
    return frozenset(keys.union(*(FILLS.get(key, ()) for key in keys)))


def recognise_kind(elements: Iterable[str]) -> KindGuess:
    """The kind a sheet's elements suggest, with how clear the evidence is."""
    present = frozenset(elements)
    power = present & POWER_MARKS
    if power:
        return KindGuess("power_list", 1.0 if len(power) == 2 else 0.8, "columns")
    detail = present - IDENTITY - NEUTRAL
    if not detail:
        return KindGuess("directory", 1.0 if "name" in present else 0.6, "columns")
    guide, admin, local = present & GUIDE_MARKS, present & ADMIN_MARKS, present & LOCAL_MARKS
    if len(guide) >= 3 and len(admin) < 3:
        return KindGuess("guide", _share(guide, GUIDE_MARKS), "columns")
    if local:
        return KindGuess("implementation", _share(admin | local, ADMIN_MARKS | LOCAL_MARKS), "columns")
    # basic elements only (basis, legal limit, level …): the province's catalogue; few of them: a directory
    if len(detail) <= 1:
        return KindGuess("directory", 0.7, "columns")
    return KindGuess("catalogue", 0.7 if len(detail) >= 3 else 0.5, "columns")


def assisted_by_level(guess: KindGuess, elements: frozenset[str], list_level: str | None) -> KindGuess:
    """The kind once the list's level is known: a village's list recognised from its columns as an
    implementation list, but without the implementing body's codes (实施编码, 实施主体编码), is the village's
    帮办代办清单 — held to what a village service point says (where, when, whom to call), not to the
    implementing department's elements."""
    if (list_level == "village" and guess.source == "columns" and guess.kind == "implementation"
            and not elements & {"impl_code", "body_code"}):
        return KindGuess("assisted", 0.7, "level")
    return guess


def _share(found: frozenset[str], marks: frozenset[str]) -> float:
    """Confidence from the share of a kind's marks present: 0.5 with a few, 1.0 with all."""
    return round(0.5 + 0.5 * len(found) / len(marks), 2)


@dataclass(frozen=True)
class SheetInfo:
    """What lint knows of the sheet a matter came from: its kind and the elements it has columns for."""

    kind: str | None
    elements: frozenset[str]


def sheet_infos(file: str, report: Mapping[str, Any]) -> dict[tuple[str, str | None], SheetInfo]:
    """{(file, sheet name): SheetInfo} from a file's import report (a `FileReport.to_json()` document)."""
    return {(file, sheet.get("name")): SheetInfo(sheet.get("kind"), sheet_elements(sheet.get("columns") or {}))
            for sheet in report.get("sheets") or ()}


def sheet_kinds(file: str, report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The sheets of a file's import report with their kinds, as lint and stats show them."""
    return [{"file": file, "sheet": sheet.get("name"), "kind": sheet.get("kind"),
             "kind_from": sheet.get("kind_from"), "kind_confidence": sheet.get("kind_confidence"),
             "matters": sheet.get("matters", 0)} for sheet in report.get("sheets") or ()]
