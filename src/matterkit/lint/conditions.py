"""Conditions on one element's value, used by the `conditional` kind and by a rule's `applies.when`.

A condition is a mapping with `element` and one test: `equals`, `in`, `not_in`, `empty`, `not_empty`,
`gt`, `ge`, `lt`, `le`, `contains`.

`element` may name a field of the items of a list element (`materials.name`, `materials.note`,
`fees.basis`): the value is then the list of that field over the items, and a test holds when it holds
for any item (`{element: materials.name, contains: 告知承诺}` — some material is a 告知承诺书).
A selection (a derived list's `when`) is a list of conditions that must all hold; one entry may instead be
`{any: [conditions]}`, which holds when at least one of its conditions does.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from matterkit.lint.context import is_blank, item_values

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


def element_value(matter: Any, element: str) -> Any:
    """The value a condition on `element` tests: the attribute, or for `list.field` the field of each item
    (a rule's `applies.when` reads the same through `CheckContext.column`)."""
    return item_values(matter, element) if "." in element else getattr(matter, element, None)


def selects(conditions: Sequence[Mapping[str, Any]], matter: Any) -> bool:
    """Whether every condition (or `{any: [...]}` group) of a selection holds for one matter."""
    for condition in conditions:
        if "any" in condition:
            if not any(holds(c, element_value(matter, c["element"])) for c in condition["any"]):
                return False
        elif not holds(condition, element_value(matter, condition["element"])):
            return False
    return True


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
    if "any" in condition:
        return " | ".join(describe(c) for c in condition["any"])
    return ", ".join(f"{condition['element']} {k} {v!r}" if k not in ("empty", "not_empty")
                     else f"{condition['element']} {k}" for k, v in condition.items() if k != "element")
