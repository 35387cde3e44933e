"""enumeration — an element's value(s) belong to its code table (the workspace's, since codings differ).

The table is the element's own (`data/elements.yaml`) unless `table` names another. Values normalisation
could not map (issue `unknown_enum_value`) are reported here too, with the text as typed.

Example: `params: {elements: [case_type]}` passes `即办件`, fails `急办件`. With `sheet_share`, one value outside
the table on most of a sheet's rows is one finding for the sheet (lint/habits.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any

from matterkit.lint.context import CheckContext, is_blank
from matterkit.lint.habits import PARAMS as HABIT_PARAMS
from matterkit.lint.habits import habits
from matterkit.lint.kinds import Hit

ID = "enumeration"
TITLE = {"zh": "枚举要素取值在代码表内", "en": "Enumerated elements use their code table"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["elements"],
    "properties": {
        "elements": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "table": {"type": "string"},
        **HABIT_PARAMS,
    },
}
SHEET_MESSAGE = {"zh": "本表 {count} 行的{label}都是“{value}”，不在代码表中（逐行不再列出，如第 {first_row} 行），应为：{expected}",
                 "en": "{label} is '{value}' on {count} rows of the sheet (not listed one by one, e.g. row "
                       "{first_row}), which is not in the code table; expected one of: {expected}"}
MESSAGE = {"zh": "{label}“{value}”不在代码表中，应为：{expected}",
           "en": "{label} '{value}' is not in the code table; expected one of: {expected}"}
EXAMPLE = {
    "params": {"elements": ["case_type"]},
    "pass": [{"case_type": "即办件"}],
    "fail": [{"case_type": "急办件"}],
}


def _labels(ctx: CheckContext, table: str) -> set[str]:
    return set(ctx.code_tables.labels(table))


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    yield from habits(_row_hits(params, rows, ctx), params, ctx, key=lambda hit: (hit.element, str(hit.value)),
                      message=SHEET_MESSAGE)


def _row_hits(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    for element in params["elements"]:
        spec = ctx.registry.elements.get(element)
        table = params.get("table") or (spec.table if spec else None)
        if not table:
            continue
        labels: set[str] = ctx.prepared(("labels", table), partial(_labels, ctx, table))
        expected = "、".join(ctx.code_tables.labels(table))
        column, issues = ctx.column(element), ctx.issues_of(element)
        for i in rows:
            reported: set[str] = set()
            value = column[i]
            for item in [] if is_blank(value) else value if isinstance(value, list) else [value]:
                if item not in labels and ctx.code_tables.canonical(table, str(item)) is None:
                    reported.add(str(item))
                    yield Hit(i, element, item, expected)
            for issue in issues.get(i, ()):
                if issue.code == "unknown_enum_value" and issue.raw not in reported:
                    reported.add(issue.raw)
                    yield Hit(i, element, issue.raw, expected)
