"""Recognise: find a sheet's header, map its columns to element keys and sort its rows.

`recognise_sheet(sheet, registry)` returns None for a sheet without a recognisable header (说明,
填表说明, 附件 …); the caller reports such a sheet as skipped. Rows are produced lazily, one at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, islice

from matterkit.elements import ElementRegistry
from matterkit.rawtypes import DataRow, HeaderInfo, RawSheet, SkippedRow
from matterkit.recognise.header import HeaderCandidate, build_header_info, cell_texts, find_header
from matterkit.recognise.matching import matcher_for
from matterkit.recognise.merges import FilledRow, fill_merged
from matterkit.recognise.rows import Layout, PlainRow, classify_plain, classify_rows, layout_for

__all__ = ["RecognisedSheet", "recognise_sheet"]


@dataclass
class RecognisedSheet:
    """A sheet's header and its rows below it, still unread: read them once, either as `rows` (a `DataRow`
    of cell objects each) or as `plain_rows()` (the row's list of values as read, for column-wise import)."""

    sheet_name: str | None
    header: HeaderInfo
    layout: Layout
    body: Iterator[FilledRow]  # the rows below the header, merged cells filled
    first_number: int  # spreadsheet row of the first of them
    unmapped: list[str] = field(default_factory=list)  # header texts not recognised (kept as extra fields)
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> Iterator[DataRow | SkippedRow]:
        return classify_rows(self.body, self.first_number, self.layout)

    def plain_rows(self) -> Iterator[PlainRow | SkippedRow]:
        return classify_plain(self.body, self.first_number, self.layout)


def recognise_sheet(sheet: RawSheet, registry: ElementRegistry, *, scan_rows: int = 30) -> RecognisedSheet | None:
    """The sheet's header and a lazy stream of its rows, or None when no header is recognisable."""
    filled = fill_merged(sheet.rows, sheet.first_row, sheet.first_col, sheet.merged)
    scanned = list(islice(filled, scan_rows))
    grid = [cell_texts(row) for row, _ in scanned]
    candidate = find_header(grid, matcher_for(registry))
    if candidate is None:
        return None
    letters = sheet.name is not None  # CSV files have no column letters (conventions.md)
    header, unmapped, notes = build_header_info(candidate, sheet.first_row, sheet.first_col, letters)
    notes = _above_header_notes(grid, candidate, sheet.first_row) + notes
    layout = layout_for(header, _header_texts(grid, scanned, candidate), sheet.first_col, letters)
    body_start = candidate.top + candidate.rows
    return RecognisedSheet(sheet_name=sheet.name, header=header, layout=layout,
                           body=chain(scanned[body_start:], filled), first_number=sheet.first_row + body_start,
                           unmapped=unmapped, notes=notes)


def _header_texts(grid: list[list[str]], scanned: list[FilledRow], candidate: HeaderCandidate) -> set[str]:
    """Header cell texts, cleaned and as written, to spot the header repeated further down."""
    span = slice(candidate.top, candidate.top + candidate.rows)
    cleaned = {text for row in grid[span] for text in row if text}
    raw = {value for row, _ in scanned[span] for value in row if isinstance(value, str) and value.strip()}
    return cleaned | raw


def _above_header_notes(grid: list[list[str]], candidate: HeaderCandidate, first_row: int) -> list[str]:
    """The title and "填报单位：…" lines above the header, for the report (the importer may use them)."""
    lines = []
    for row in grid[: candidate.top]:
        texts = list(dict.fromkeys(t for t in row if t))
        if texts:
            lines.append(" ".join(texts)[:120])
    if not lines:
        return []
    last = first_row + candidate.top - 1
    span = f"第 {first_row} 行" if last == first_row else f"第 {first_row}–{last} 行"
    return [f"表头上方{span}：" + "；".join(lines)]
