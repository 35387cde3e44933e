"""Plain data that crosses the read -> recognise -> normalise boundaries (no logic here)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

CellValue = str | int | float | bool | object | None  # as read: str, int, float, bool, datetime, date, None
MergedRange = tuple[tuple[int, int], tuple[int, int]]  # ((first_row, first_col), (last_row, last_col)), 0-based


@dataclass(slots=True)
class CellScan:
    """What a reader saw of a sheet's cells while they streamed past, for judging whether the read is
    plausible (importer -> plausibility.py): counted rows and text cells, and garbled ones."""

    rows: int = 0  # rows delivered, blank ones included
    text_cells: int = 0
    control_cells: int = 0  # text with control characters no writer puts there (\x00-\x06, \x0e …)
    replaced_cells: int = 0  # text with U+FFFD, what a decoder writes for bytes it could not decode


@dataclass
class RawSheet:
    """One sheet as a reader delivers it: cell values only, nothing interpreted yet.

    `rows` yields lists of values, the first one being spreadsheet row `first_row` (1-based) and the first
    value being column `first_col` (1-based); readers trim leading empty rows/columns this way.
    """

    name: str | None  # None for CSV
    rows: Iterable[list[CellValue]]
    first_row: int = 1
    first_col: int = 1
    merged: list[MergedRange] = field(default_factory=list)  # absolute, 0-based
    hidden: bool = False
    notes: list[str] = field(default_factory=list)  # what the reader noticed (encoding, formulas, hidden rows)
    suspicions: list[str] = field(default_factory=list)  # signs of damage the reader found (plausibility.py)
    scan: CellScan = field(default_factory=CellScan)  # filled in as `rows` is iterated (readers/cellscan.py)


@dataclass(slots=True)  # not frozen: one is made per cell, and frozen dataclasses cost 3x to build
class RawCell:
    value: CellValue
    cell: str | None  # "F12"; None for CSV files (conventions.md: column and cell are null for CSV)


@dataclass(frozen=True)
class ColumnMapping:
    index: int  # 0-based position within the row lists of the RawSheet
    letter: str | None  # spreadsheet column letter; None for CSV
    header: str  # header text as shown (two-row headers joined with "/")
    key: str | None  # element key, or None when not recognised (kept as an extra field)
    note: str | None = None  # e.g. "duplicate header: first column kept"


@dataclass
class HeaderInfo:
    row: int  # 1-based spreadsheet row of the (last) header row
    rows: int  # 1 or 2 (two-row header with merged group cells)
    columns: list[ColumnMapping]

    @property
    def mapping(self) -> dict[str, str | None]:
        return {c.header: c.key for c in self.columns}


@dataclass
class DataRow:
    row: int  # 1-based spreadsheet row
    cells: dict[str, RawCell]  # element key -> cell
    extra: dict[str, RawCell]  # unrecognised header text -> cell


SkipReason = Literal["blank", "notes", "repeated_header", "subtotal", "column_numbers", "no_data"]


@dataclass(frozen=True)
class SkippedRow:
    row: int
    reason: SkipReason
    text: str = ""  # a short excerpt, for the report
