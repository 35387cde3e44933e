"""Conditions on one element's value, used by the `conditional` kind and by a rule's `applies.when`.

A condition is a mapping with `element` and one test: `equals`, `in`, `not_in`, `empty`, `not_empty`,
`gt`, `ge`, `lt`, `le`, `contains`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from matterkit.lint.context import is_blank

TESTS = ("equals", "not_equals", "in", "not_in", "empty", "not_empty", "gt", "ge", "lt", "le", "contains")
_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "gt": operator.gt, "ge": operator.ge, "lt": operator.lt, "le": operator.le,
}

CONDITION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["element"],
    "additionalProperties": False,
    "minProperties": 2,
    "properties": {
        "element": {"type": "string"},
        "equals": {}, "not_equals": {},
        "in": {"type": "array"}, "not_in": {"type": "array"},
        "empty": {"const": True}, "not_empty": {"const": True},
        "gt": {"type": "number"}, "ge": {"type": "number"}, "lt": {"type": "number"}, "le": {"type": "number"},
        "contains": {"type": "string"},
    },
}


def holds(condition: Mapping[str, Any], value: Any) -> bool:
    """Whether `value` passes every test in `condition`. Ordering tests fail on a missing value."""
    for test, operand in condition.items():
        if test == "element":
            continue
        if not _test(test, operand, value):
            return False
    return True


def _test(test: str, operand: Any, value: Any) -> bool:
    if test == "empty":
        return is_blank(value)
    if test == "not_empty":
        return not is_blank(value)
    if test in _ORDER:
        return isinstance(value, int | float) and not isinstance(value, bool) and _ORDER[test](value, operand)
    values = value if isinstance(value, list) else [value]
    if test == "equals":
        return operand in values
    if test == "not_equals":
        return operand not in values
    if test == "in":
        return any(v in operand for v in values)
    if test == "not_in":
        return not any(v in operand for v in values)
    if test == "contains":
        return any(isinstance(v, str) and operand in v for v in values)
    raise ValueError(f"unknown condition test {test!r}")


def describe(condition: Mapping[str, Any]) -> str:
    """A compact text form used in docs: `case_type equals 即办件`."""
    return ", ".join(f"{condition['element']} {k} {v!r}" if k not in ("empty", "not_empty")
                     else f"{condition['element']} {k}" for k, v in condition.items() if k != "element")
