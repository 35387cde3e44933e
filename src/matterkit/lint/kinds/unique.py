"""unique — a combination of elements occurs once within a scope: `file`, `body` (the list's body),
`level` (county / township / village lists) or `workspace`.

Values are compared folded (spacing and punctuation ignored) unless `fold: false`. Bracketed text counts: it is
often what tells two rows of one matter apart (子项 "…给付（情形一）" and "…给付（情形二）", "劳务派遣经营许可（变更）"
and "…（注销）").
Rows whose first element is empty are skipped; the others may be empty. The second and later occurrences are reported, naming the row of the first.

Example: `params: {elements: [impl_code], scope: workspace}` fails two rows with the same 实施编码.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext, folded, is_blank
from matterkit.lint.kinds import Hit
from matterkit.model import Location

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
    seen: dict[tuple[object, ...], int] = {}
    for i, key in keys(params, rows, ctx):
        first = seen.setdefault(key, i)
        if first != i:
            yield repeat_hit(params, ctx, i, ctx.matters[first].source)


def keys(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[tuple[int, tuple[object, ...]]]:
    """(row, key) of every row that takes part: its scope, then each element's value, folded unless `fold: false`.
    Two rows repeat each other when their keys are equal (the lint cache compares keys across files)."""
    elements, scope, compare_folded = params["elements"], params["scope"], params.get("fold", True)
    columns = [ctx.column(e) for e in elements]
    for i in rows:
        values = [c[i] for c in columns]
        if is_blank(values[0]):
            continue
        yield i, (_scope_key(ctx, i, scope), *("" if is_blank(v) else folded(str(v), False) if compare_folded
                                               else str(v) for v in values))


def repeat_hit(params: dict[str, Any], ctx: CheckContext, i: int, first: Location) -> Hit:
    """The hit on row `i`, which repeats the row at `first`: on the most specific element the row fills (a
    repeated 子项名称 is marked on its own cell, not on the main item's name it shares with its siblings)."""
    element, value = next((e, v) for e in reversed(params["elements"])
                          if not is_blank(v := ctx.column(e)[i]) or e == params["elements"][0])
    return Hit(i, element, value, None, {"first_row": first.row, "first_file": first.file})
