"""conditional — when one element meets a condition, another must meet a condition.

`when` and `then` are conditions (`matterkit.lint.conditions`): `{element, equals | in | not_in | empty |
not_empty | gt | ge | lt | le | contains}`. The finding is on the `then` element. `expected` (optional)
is the value to suggest. The finding is on the `then` element unless `report: when` puts it on the
`when` element (when that is the cell more likely wrong); the message has both as placeholders:
`{when_label}`/`{when_value}` and `{then_label}`/`{then_value}`.

Example: `params: {when: {element: case_type, equals: 即办件}, then: {element: promised_limit, equals: 0}}`
passes 即办件 with promised 0 and fails 即办件 with promised 5.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.conditions import CONDITION_SCHEMA, holds
from matterkit.lint.context import CheckContext
from matterkit.lint.kinds import Hit
from matterkit.lint.values import display, element_label

ID = "conditional"
TITLE = {"zh": "条件约束（当某要素为…时，另一要素应…）", "en": "Conditional constraint between elements"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["when", "then"],
    "properties": {"when": CONDITION_SCHEMA, "then": CONDITION_SCHEMA, "expected": {},
                   "report": {"enum": ["when", "then"]}},
}
MESSAGE = {"zh": "{when_label}为“{when_value}”时，{label}（{value}）不符合要求",
           "en": "When {when_label} is '{when_value}', {label} ({value}) does not meet the requirement"}
EXAMPLE = {
    "params": {"when": {"element": "case_type", "equals": "即办件"},
               "then": {"element": "promised_limit", "equals": 0}, "expected": 0},
    "pass": [{"case_type": "即办件", "promised_limit": 0}],
    "fail": [{"case_type": "即办件", "promised_limit": 5}],
}


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    when, then = params["when"], params["then"]
    conditions, targets = ctx.column(when["element"]), ctx.column(then["element"])
    on_when = params.get("report") == "when"
    for i in rows:
        if holds(when, conditions[i]) and not holds(then, targets[i]):
            element, value = (when["element"], conditions[i]) if on_when else (then["element"], targets[i])
            yield Hit(i, element, value, params.get("expected"), {
                "when_label": element_label(ctx.registry, when["element"], ctx.lang),
                "when_value": display(when["element"], conditions[i], ctx.registry, ctx.lang),
                "then_label": element_label(ctx.registry, then["element"], ctx.lang),
                "then_value": display(then["element"], targets[i], ctx.registry, ctx.lang),
            })
