"""compare — compare two elements of the same row: `left op right` (op: lt, le, eq, ne, ge, gt).

Rows where either side is missing are skipped (the `required` kind reports missing values).

Example: `params: {left: promised_limit, op: le, right: legal_limit}` passes promised 5 / legal 20 and
fails promised 25 / legal 20 (承诺办结时限（25个工作日）超过法定办结时限（20个工作日）).
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext, is_blank
from matterkit.lint.kinds import Hit
from matterkit.lint.values import display, element_label

ID = "compare"
TITLE = {"zh": "同一行两个要素之间的比较", "en": "Comparison between two elements of a row"}
OPS = {"lt": operator.lt, "le": operator.le, "eq": operator.eq, "ne": operator.ne, "ge": operator.ge,
       "gt": operator.gt}
OP_SYMBOLS = {"lt": "<", "le": "≤", "eq": "=", "ne": "≠", "ge": "≥", "gt": ">"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["left", "op", "right"],
    "properties": {"left": {"type": "string"}, "op": {"enum": list(OPS)}, "right": {"type": "string"}},
}
MESSAGE = {"zh": "{left_label}（{left_value}）与{right_label}（{right_value}）不满足 {op}",
           "en": "{left_label} ({left_value}) and {right_label} ({right_value}) fail {op}"}
EXAMPLE = {
    "params": {"left": "promised_limit", "op": "le", "right": "legal_limit"},
    "pass": [{"promised_limit": 5, "legal_limit": 20}],
    "fail": [{"promised_limit": 25, "legal_limit": 20}],
}


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    left, right, op = params["left"], params["right"], params["op"]
    compare = OPS[op]
    lefts, rights = ctx.column(left), ctx.column(right)
    for i in rows:
        a, b = lefts[i], rights[i]
        if is_blank(a) or is_blank(b):
            continue
        try:
            ok = compare(a, b)
        except TypeError:
            continue
        if not ok:
            right_text = display(right, b, ctx.registry, ctx.lang)
            yield Hit(i, left, a, f"{OP_SYMBOLS[op]} {right_text}", {
                "left_label": element_label(ctx.registry, left, ctx.lang), "left_value": display(left, a, ctx.registry, ctx.lang),
                "right_label": element_label(ctx.registry, right, ctx.lang), "right_value": right_text, "op": OP_SYMBOLS[op],
            })
