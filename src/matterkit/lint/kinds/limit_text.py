"""limit_text — a time limit is written the way guides write it: "N个工作日", or "当场办结" for 0.

Only cells holding wording (not a bare number under a header that gives the unit) are checked, and only
when normalisation read them without an issue; the fix writes the conventional wording.

Example: `params: {elements: [promised_limit]}` passes "5个工作日" and fails "5工作日" (fix: 5个工作日).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext
from matterkit.lint.kinds import Hit
from matterkit.lint.values import format_days
from matterkit.textnorm import nfkc

ID = "limit_text"
TITLE = {"zh": "时限的规范写法", "en": "Time limit wording"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["elements"],
    "properties": {"elements": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
}
MESSAGE = {"zh": "{label}写作“{value}”，规范写法为“{expected}”", "en": "{label} written '{value}'; write '{expected}'"}
EXAMPLE = {
    "params": {"elements": ["promised_limit"]},
    "pass": [{"promised_limit": 5, "raw": {"promised_limit": "5个工作日"}}, {"promised_limit": 5}],
    "fail": [{"promised_limit": 5, "raw": {"promised_limit": "5工作日"}}],
}


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    for element in params["elements"]:
        column, issues = ctx.column(element), ctx.issues_of(element)
        for i in rows:
            value = column[i]
            matter = ctx.matters[i]
            raw = (matter.raw.get(element) or "").strip()
            if not isinstance(value, int) or not raw or raw.replace(".", "").isdigit():
                continue
            if i in issues:
                continue
            wanted = format_days(value, "zh")
            if "".join(nfkc(raw).split()) != wanted:  # full-width digits and spaces are not the point
                yield Hit(i, element, raw, wanted, fix=wanted)
