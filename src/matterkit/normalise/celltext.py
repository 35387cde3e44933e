"""How a raw cell value reads as text: for `Matter.raw`, `Matter.extra` and the text-based normalisers."""

from __future__ import annotations

import datetime as dt
import math

from matterkit.textnorm import clean_cell

# Cells meaning "nothing here" in departments' sheets. Normalisers treat them as empty unless the kind
# gives them a meaning (无 is "no" for yes/no elements).
PLACEHOLDERS = frozenset({"/", "／", "\\", "-", "－", "—", "——", "–", "--", "---", "无", "暂无", "空", "n/a", "N/A",
                          "NA", "null", "NULL", "none", "None", "未填写", "不涉及"})


def number_text(value: float) -> str:
    """A spreadsheet number as people read it: 3.0 → "3", 0.5 → "0.5"."""
    if math.isfinite(value) and value.is_integer():
        return str(int(value))
    return repr(value)


def date_text(value: dt.date | dt.datetime | dt.time) -> str:
    """ISO text; a date-time at midnight is shown as its date only."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    return value.isoformat()


def cell_text(value: object) -> str:
    """The text of a cell as read, before any cleaning (strings are returned unchanged)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.date | dt.time):
        return date_text(value)
    return str(value)


def clean_text(value: object) -> str:
    """`cell_text` then `textnorm.clean_cell` (invisible/control characters removed, trimmed)."""
    if isinstance(value, str):
        return clean_cell(value)  # which returns the usual cell, already clean, at once
    return clean_cell(cell_text(value))


def is_placeholder(text: str) -> bool:
    return text in PLACEHOLDERS
