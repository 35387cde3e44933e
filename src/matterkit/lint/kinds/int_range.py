"""int_range — a whole-number element lies between `min` and `max` (inclusive).

Example: `params: {element: visits, min: 0, max: 5}` passes 1 and fails 8.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext
from matterkit.lint.kinds import Hit

ID = "int_range"
TITLE = {"zh": "整数要素在范围内", "en": "Whole number within range"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["element"], "minProperties": 2,
    "properties": {"element": {"type": "string"}, "min": {"type": "integer"}, "max": {"type": "integer"}},
}
MESSAGE = {"zh": "{label}（{value}）超出范围，应为{expected}", "en": "{label} ({value}) out of range; expected {expected}"}
EXAMPLE = {
    "params": {"element": "visits", "min": 0, "max": 5},
    "pass": [{"visits": 1}],
    "fail": [{"visits": 8}],
}


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    element, low, high = params["element"], params.get("min"), params.get("max")
    expected = f"{'' if low is None else low}–{'' if high is None else high}"
    column = ctx.column(element)
    for i in rows:
        value = column[i]
        if not isinstance(value, int) or isinstance(value, bool):
            continue
        if (low is not None and value < low) or (high is not None and value > high):
            yield Hit(i, element, value, expected)
