"""length — an element's text has between `min` and `max` characters (`exact` for a fixed length).

Example: `params: {element: impl_code, exact: 31}` passes a 31-character code and fails a 30-character one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext, is_blank
from matterkit.lint.kinds import Hit

ID = "length"
TITLE = {"zh": "要素长度在范围内", "en": "Element length within bounds"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["element"],
    "minProperties": 2,
    "properties": {
        "element": {"type": "string"},
        "min": {"type": "integer", "minimum": 0},
        "max": {"type": "integer", "minimum": 1},
        "exact": {"type": "integer", "minimum": 1},
    },
}
MESSAGE = {"zh": "{label}“{value}”长度为 {length}，应为{expected}",
           "en": "{label} '{value}' has {length} characters; expected {expected}"}
EXAMPLE = {
    "params": {"element": "impl_code", "exact": 31},
    "pass": [{"impl_code": "12441500196720244T3442199806003"}],
    "fail": [{"impl_code": "12441500196720244T442199806003"}],
}


def _expected(params: dict[str, Any]) -> str:
    if "exact" in params:
        return f"{params['exact']}"
    low, high = params.get("min"), params.get("max")
    if low is not None and high is not None:
        return f"{low}–{high}"
    return f"≥{low}" if low is not None else f"≤{high}"


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    element = params["element"]
    low = params.get("exact", params.get("min", 0))
    high = params.get("exact", params.get("max"))
    expected = _expected(params)
    column = ctx.column(element)
    for i in rows:
        value = column[i]
        if is_blank(value):
            continue
        size = len(str(value))
        if size < low or (high is not None and size > high):
            yield Hit(i, element, value, expected, {"length": size})
