"""A whole column's habit, said once: the same finding on one element of most of a sheet's rows.

A department that keeps its codes as numbers, writes 乡镇（街道）级 out or types 帮办代办 in 办理方式 does it on
every row; three hundred identical lines tell it nothing one line would not. A check kind whose rule sets
`sheet_share` passes its row hits through `habits`: a group of hits with the same key (element and issue, or
element and value) on at least that share of a sheet's rows, and on `sheet_rows` rows at least, becomes one
hit for the sheet that quotes the first row; the other hits stay as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any

from matterkit.lint.context import CheckContext, rows_by_sheet
from matterkit.lint.kinds import Hit

SHEET_ROWS = 20  # the fewest rows a habit is said for once
PARAMS: dict[str, Any] = {  # the parameters a kind that uses `habits` adds to its own
    "sheet_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    "sheet_rows": {"type": "integer", "minimum": 1},
}


def habits(hits: Iterable[Hit], params: dict[str, Any], ctx: CheckContext, *, key: Callable[[Hit], Hashable],
           message: dict[str, str]) -> Iterator[Hit]:
    """The hits, with each sheet's habits (see the module) folded into one hit each; `message` may use the
    hit's own placeholders and `count` and `first_row`."""
    share = params.get("sheet_share")
    if share is None:
        yield from hits
        return
    least = params.get("sheet_rows", SHEET_ROWS)
    sheet_sizes = ctx.prepared("sheet_sizes", lambda: {sheet: len(rows) for sheet, rows in rows_by_sheet(
        range(len(ctx.matters)), ctx).items()})
    groups: dict[tuple[tuple[str, str | None], Hashable], list[Hit]] = defaultdict(list)
    for hit in hits:
        source = ctx.matters[hit.row].source
        groups[((source.file, source.sheet), key(hit))].append(hit)
    for (sheet, _), group in groups.items():
        rows = sorted({hit.row for hit in group})
        if len(rows) >= max(least, share * sheet_sizes[sheet]):
            first = group[0]
            yield Hit(first.row, first.element, first.value, first.expected,
                      {**first.values, "count": len(rows), "first_row": ctx.matters[first.row].source.row},
                      sheet_rows=rows, message=message)
        else:
            yield from group
