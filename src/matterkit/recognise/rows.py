"""Rows below the header: data rows become `DataRow`s, the rest `SkippedRow`s with a reason.

Skipped: blank rows, notes and headings spanning the row ("注：…", "填表说明", "一、行政许可"), sign-off
lines ("填表人：…"), repeated header rows (each printed page), subtotal rows (合计/小计/总计), a row of
column numbers right under the header, and rows without any element value of their own ("no_data": only
a 序号, or only values merged down from the rows above). Work per row is kept small: the province's
lists run to millions of rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl.utils.cell import get_column_letter

from matterkit.rawtypes import CellValue, DataRow, HeaderInfo, RawCell, SkippedRow, SkipReason
from matterkit.recognise.merges import FilledRow

_NOTES = re.compile(r"^\s*(注[\s:：\d、.．(（①-⑩]|注$|填表说明|填报说明|说明[:：]|备注[:：]|附注|"
                    r"(填表人|填报人|审核人|负责人|联系人|制表人|审核|制表)[:：])")
_SUBTOTAL = re.compile(r"^(合计|小计|总计|共计)([:：\s\d].*)?$")
_SUBTOTAL_START = frozenset("合小总共")
_COLUMN_NUMBER = re.compile(r"^[(（]?(\d{1,3})[)）]?$")
_EXCERPT = 40


@dataclass(frozen=True)
class Layout:
    """Per-column facts computed once per sheet."""

    mapped: list[tuple[int, str, str | None]]  # (index, key, column letter)
    extras: list[tuple[int, str, str | None]]  # (index, extra-field name, column letter)
    element_indexes: tuple[int, ...]  # columns holding an element other than 序号, left to right
    header_texts: frozenset[str]
    width: int
    first_col: int
    letters: bool


def layout_for(header: HeaderInfo, header_texts: set[str], first_col: int, letters: bool) -> Layout:
    mapped, extras, used = [], [], set()
    for column in header.columns:
        if column.key:
            mapped.append((column.index, column.key, column.letter))
            continue
        name = column.header or f"第{column.index + 1}列"
        if name in used:
            name = f"{name}（{column.letter or column.index + 1}列）"
        used.add(name)
        extras.append((column.index, name, column.letter))
    elements = tuple(sorted(c.index for c in header.columns if c.key and c.key != "seq"))
    width = max((c.index for c in header.columns), default=-1) + 1
    return Layout(mapped, extras, elements, frozenset(header_texts), width, first_col, letters)


# A data row as read, for column-wise import: (spreadsheet row, its values padded to the header's width)
PlainRow = tuple[int, list[CellValue]]


def classify_rows(rows: Iterator[FilledRow], first_number: int, layout: Layout) -> Iterator[DataRow | SkippedRow]:
    """Data and skipped rows, lazily; `first_number` is the spreadsheet row of the first one."""
    for number, row, skipped in _sorted_rows(rows, first_number, layout):
        yield skipped if skipped is not None else data_row(row, number, layout)


def classify_plain(rows: Iterator[FilledRow], first_number: int, layout: Layout) -> Iterator[PlainRow | SkippedRow]:
    """As `classify_rows`, with each data row as its list of values (no cell objects)."""
    width = layout.width
    for number, row, skipped in _sorted_rows(rows, first_number, layout):
        if skipped is not None:
            yield skipped
        else:
            yield number, (row if len(row) >= width else [*row, *[None] * (width - len(row))])


def _sorted_rows(rows: Iterator[FilledRow], first_number: int, layout: Layout
                 ) -> Iterator[tuple[int, list[CellValue], SkippedRow | None]]:
    """(row number, values, why it is skipped or None for a data row), lazily."""
    expect_numbers = True
    for number, (row, filled) in enumerate(rows, start=first_number):
        skipped = _skip(row, filled, number, layout, expect_numbers)
        expect_numbers = skipped is not None and skipped.reason in ("blank", "repeated_header")
        yield number, row, skipped


def _skip(row: list[CellValue], filled: frozenset[int] | None, number: int, layout: Layout,
          expect_numbers: bool) -> SkippedRow | None:
    """Why the row is not a data row, or None. The cheap tests come first and the row's cells are walked
    once: this runs for every row."""
    # the blank test inlined (as in `_present`; written so that a text cell takes two tests): every cell of
    # every row goes through it
    values = [v for v in row if v.__class__ is not str and v is not None or v and not v.isspace()]
    if not values:
        return SkippedRow(number, "blank")
    reason = _skip_reason(values, layout, expect_numbers)
    if reason:
        return SkippedRow(number, reason, _text(values[0])[:_EXCERPT])
    if not _has_own_element(row, filled, layout.element_indexes):
        return SkippedRow(number, "no_data", _text(values[0])[:_EXCERPT])
    return None


def _present(value: CellValue) -> bool:
    return value is not None and value != "" and (value.__class__ is not str or not value.isspace())


def _has_own_element(row: list[CellValue], filled: frozenset[int] | None, element_indexes: tuple[int, ...]) -> bool:
    """Whether an element column (other than 序号) holds a value of the row's own, not one merged down
    from above; element columns are tried left to right, and the first (the name) usually answers."""
    size = len(row)
    return any(i < size and _present(row[i]) and not (filled and i in filled) for i in element_indexes)


def _skip_reason(values: list[CellValue], layout: Layout, expect_numbers: bool) -> SkipReason | None:
    first = values[0]
    if values.count(first) == len(values) and not _is_number(first):
        if len(values) > 1 or _NOTES.match(_text(first)):
            return "notes"  # one text spanning the row: a note, a heading like "一、行政许可", a sign-off
    elif len(values) <= 2 and _NOTES.match(_text(first)):
        return "notes"
    for value in values[:3]:
        if value.__class__ is str and value.lstrip()[:1] in _SUBTOTAL_START:
            if _SUBTOTAL.match(_text(value).replace(" ", "")):
                return "subtotal"
    if _repeats_header(values, layout.header_texts):
        return "repeated_header"
    if expect_numbers and _column_numbers(values):
        return "column_numbers"
    return None


def _repeats_header(values: list[CellValue], header_texts: frozenset[str]) -> bool:
    hits = sum(map(header_texts.__contains__, values))
    return hits >= 2 and hits * 2 >= len(values)


def _column_numbers(values: list[CellValue]) -> bool:
    if len(values) < 3:
        return False
    numbers = []
    for value in values:
        if isinstance(value, bool):
            return False
        if isinstance(value, int | float) and float(value).is_integer():
            numbers.append(int(value))
            continue
        found = _COLUMN_NUMBER.match(_text(value))
        if not found:
            return False
        numbers.append(int(found.group(1)))
    return numbers[0] <= 2 and all(b > a for a, b in zip(numbers, numbers[1:], strict=False))


def data_row(row: list[CellValue], number: int, layout: Layout) -> DataRow:
    size = len(row)
    if size < layout.width:  # a short row (CSV): the missing cells are empty
        row = [*row, *[None] * (layout.width - size)]
    suffix = str(number)
    if layout.letters:
        cells = {key: RawCell(row[i], letter + suffix) for i, key, letter in layout.mapped}  # type: ignore[operator]
    else:
        cells = {key: RawCell(row[i], None) for i, key, _ in layout.mapped}
    extra = {name: RawCell(row[i], letter + suffix if letter else None)
             for i, name, letter in layout.extras if not is_blank_cell(row[i])}
    for i in range(layout.width, size):  # values right of the last header cell
        if _present(row[i]):
            letter = get_column_letter(layout.first_col + i) if layout.letters else None
            name = f"（无表头）{letter or i + 1}列"
            extra[name] = RawCell(row[i], f"{letter}{number}" if letter else None)
    return DataRow(row=number, cells=cells, extra=extra)


def is_blank_cell(value: CellValue) -> bool:
    """An empty cell: None, "" or only white space."""
    if value is None or value == "":
        return True
    return isinstance(value, str) and not value.strip()


def _is_number(value: CellValue) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: CellValue) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
