"""required — each listed element has a value.

A value that normalisation could not read (it recorded an issue for the element) is left to the
`normalisation` kind, so one bad cell gives one finding. With `unless_catalogue_empty: true` an element
the standard catalogue leaves empty for the matter (a power with no time limit, say) is not required.

On a sheet whose columns lint knows (from import), an element the sheet has no column for is one finding
for the sheet, not one per row, and an element the sheet's list kind does not hold (the packs' `kinds:`
section) is not required at all (lint/absent.py).

Example: `params: {elements: [name, base_code]}` passes `{name: 公共场所卫生许可, base_code: "000123020000"}`
and fails `{name: 公共场所卫生许可}` (基本编码 empty).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext, is_blank
from matterkit.lint.kinds import Hit

ID = "required"
REPORTS_ABSENT = True  # an element a sheet has no column for: one finding per sheet (lint/absent.py)
TITLE = {"zh": "必填要素不能为空", "en": "Required elements have a value"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["elements"],
    "properties": {
        "elements": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "unless_catalogue_empty": {"type": "boolean"},
    },
}
MESSAGE = {"zh": "{label}为空", "en": "{label} is empty"}
EXAMPLE = {
    "params": {"elements": ["name", "base_code"]},
    "pass": [{"name": "公共场所卫生许可", "base_code": "000123020000"}],
    "fail": [{"name": "公共场所卫生许可"}],
}


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    entries = ctx.catalogue_matches() if params.get("unless_catalogue_empty") else None
    for element in params["elements"]:
        column, issues = ctx.column(element), ctx.issues_of(element)
        for i in rows:
            if not is_blank(column[i]) or i in issues:
                continue
            entry = entries[i][0] if entries else None
            if entry is not None and is_blank(getattr(entry, element, None)):
                continue
            yield Hit(i, element, None)
