"""unique — a combination of elements occurs once within a scope: `file`, `body` (the list's body),
`level` (county / township / village lists) or `workspace`.

Values are compared folded (spacing, punctuation and bracketed notes ignored) unless `fold: false`.
Rows whose first element is empty are skipped; the others may be empty. The second and later occurrences are reported, naming the row of the first.

Example: `params: {elements: [impl_code], scope: workspace}` fails two rows with the same 实施编码.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext, folded, is_blank
from matterkit.lint.kinds import Hit

ID = "unique"
TITLE = {"zh": "要素在范围内不重复", "en": "Elements unique within a scope"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["elements", "scope"],
    "properties": {
        "elements": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "scope": {"enum": ["file", "body", "level", "workspace"]},
        "fold": {"type": "boolean"},
    },
}
MESSAGE = {"zh": "{label}“{value}”与第 {first_row} 行重复（{first_file}）",
           "en": "{label} '{value}' repeats row {first_row} ({first_file})"}
EXAMPLE = {
    "params": {"elements": ["impl_code"], "scope": "workspace"},
    "pass": [{"rows": [{"impl_code": "12441500196720244T3442199806003"},
                       {"impl_code": "12441500196720244T3000123020000"}]}],
    "fail": [{"rows": [{"impl_code": "12441500196720244T3442199806003"},
                       {"impl_code": "12441500196720244T3442199806003"}]}],
}


def _scope_key(ctx: CheckContext, i: int, scope: str) -> object:
    matter = ctx.matters[i]
    if scope == "file":
        return matter.source.file
    if scope == "body":
        return (matter.list_level, matter.list_body or matter.body)
    if scope == "level":
        return matter.list_level
    return None


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    elements, scope, compare_folded = params["elements"], params["scope"], params.get("fold", True)
    columns = [ctx.column(e) for e in elements]
    seen: dict[tuple[object, ...], int] = {}
    for i in rows:
        values = [c[i] for c in columns]
        if is_blank(values[0]):
            continue
        key = (_scope_key(ctx, i, scope), *("" if is_blank(v) else folded(str(v)) if compare_folded else str(v)
                                            for v in values))
        first = seen.setdefault(key, i)
        if first != i:
            source = ctx.matters[first].source
            value = values[0] if len(values) == 1 else " / ".join(str(v) for v in values if not is_blank(v))
            yield Hit(i, elements[0], value, None, {"first_row": source.row, "first_file": source.file})
