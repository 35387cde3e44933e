"""Kind `fee_part`: the fee name, standard and basis cells gathered into fee items.

Several items in one cell (new lines, "；", numbering) pair up by position. With a single fee name the
standard and basis cells are one item each, however many lines they have ("100㎡以下100元；以上200元" is one
standard). One basis for several names applies to all of them. "不收费", "无", "/" mean no item.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from matterkit.normalise.celltext import clean_text, is_placeholder
from matterkit.normalise.issues import NO_ISSUES, IssueNote
from matterkit.normalise.listitems import split_items

_NO_FEE = frozenset({"不收费", "免费", "无收费", "不涉及", "0", "0元", "否", "无收费项目", "免收", "不收取费用",
                     "不收取", "零收费"})

FeeFields = tuple[str | None, str | None, str | None]  # name, standard, basis


def gather_fees(name: object, standard: object, basis: object
                ) -> tuple[list[dict[str, str | None]], bool, tuple[IssueNote, ...]]:
    """(fee items as FeeItem fields, whether a cell said "no fee", issues)."""
    items, no_fee, issues = _gather(clean_text(name), clean_text(standard), clean_text(basis))
    return [{"name": n, "standard": s, "basis": b} for n, s, b in items], no_fee, issues


def row_fees(parts: Sequence[object | None], fee_text: str | None, standard_text: str
             ) -> tuple[list[dict[str, str | None]], bool, tuple[IssueNote, ...]]:
    """A row's fee items from its 收费项目名称/收费标准/收费依据 cells (`parts`: None for a column the sheet lacks)
    and the wording of its 是否收费 cell (`fee_text`, used as the standard when none is given; `standard_text`
    is the 收费标准 cell as typed). Returns (items as FeeItem fields, whether a cell said "no fee" and no item
    was found, issues about 收费标准). The same for `build_matter` and the column-wise import."""
    items: list[dict[str, str | None]] = []
    said_no_fee, issues = False, NO_ISSUES
    if any(part is not None for part in parts):
        items, no_fee, issues = gather_fees(*parts)
        said_no_fee = no_fee and not items
    if fee_text and not standard_text.strip():
        if not items:
            items.append({"name": None, "standard": fee_text, "basis": None})
        elif len(items) == 1 and items[0]["standard"] is None:
            items[0] = {**items[0], "standard": fee_text}
    return items, said_no_fee, issues


def _no_fee(text: str) -> bool:
    return is_placeholder(text) or text.strip("。.") in _NO_FEE


@lru_cache(maxsize=8192)
def _gather(name: str, standard: str, basis: str) -> tuple[tuple[FeeFields, ...], bool, tuple[IssueNote, ...]]:
    said_no_fee = any(text and _no_fee(text) for text in (name, standard, basis))
    name, standard, basis = ("" if _no_fee(text) else text for text in (name, standard, basis))
    names = split_items(name) if name else []
    if len(names) <= 1:
        if not (names or standard or basis):
            return (), said_no_fee, NO_ISSUES
        return ((names[0] if names else None, standard or None, basis or None),), False, NO_ISSUES
    standards = split_items(standard) if standard else []
    bases = split_items(basis) if basis else []
    issues: tuple[IssueNote, ...] = NO_ISSUES
    if standards and len(standards) != len(names):
        issues = (("fee_items_unpaired", f"{len(names)} ≠ {len(standards)}"),)
    if len(bases) == 1:
        bases = bases * len(names)
    count = max(len(names), len(standards), len(bases))
    items = tuple((_at(names, i), _at(standards, i), _at(bases, i)) for i in range(count))
    return items, False, issues


def _at(values: list[str], index: int) -> str | None:
    return values[index] if index < len(values) else None
