"""Merged cells filled in: a value merged over a block counts for every cell of the block.

This is what a reader of the printed sheet sees: a department name merged down over twenty rows belongs
to each of them, a header group "办结时限" merged across two columns heads both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from matterkit.rawtypes import CellValue, MergedRange

# A row as filled, and the positions whose value came from a merged cell above or to the left
# (None when nothing was filled, which is the common case and costs nothing).
FilledRow = tuple[list[CellValue], frozenset[int] | None]


def fill_merged(rows: Iterable[list[CellValue]], first_row: int, first_col: int,
                merged: list[MergedRange]) -> Iterator[FilledRow]:
    """The rows with every merged block carrying its top-left value; work is done only where blocks are."""
    pending = sorted(((r0, c0, r1, c1) for (r0, c0), (r1, c1) in merged if (r1, c1) != (r0, c0)),
                     reverse=True)
    active: list[tuple[int, int, int, CellValue]] = []  # (last row, first index, last index, value)
    row_index = first_row - 1  # 0-based absolute row of the current row
    col_offset = first_col - 1
    for row in rows:
        while pending and pending[-1][0] <= row_index:
            r0, c0, r1, c1 = pending.pop()
            start = c0 - col_offset
            if r0 == row_index and 0 <= start < len(row) and r1 >= row_index:
                active.append((r1, start, c1 - col_offset, row[start]))
        if not active:
            yield row, None
        else:
            yield _apply(row, active, row_index)
            active = [block for block in active if block[0] > row_index]
        row_index += 1


def _apply(row: list[CellValue], active: list[tuple[int, int, int, CellValue]], row_index: int) -> FilledRow:
    filled: set[int] = set()
    row = list(row)  # the caller's lists stay as read
    last = len(row) - 1  # blocks reaching past the data hold nothing there: do not widen the row
    for _, start, stop, value in active:
        for index in range(start, min(stop, last) + 1):
            if row[index] is value:
                continue
            row[index] = value
            filled.add(index)
    return row, frozenset(filled) or None
