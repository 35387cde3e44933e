"""Import of one sheet column by column, straight into store rows (issue #17).

`read_columns` reads a recognised sheet's data rows a column at a time: each column's distinct values are
normalised once into `Fragment`s (normalise/fragments.py), and the level, body and department of the rows are
counted from the columns. `SheetColumns.stored_rows` then joins every row's store text from its cells'
fragments, once the list's level and body are known. What `build_matter` makes of several cells of a row is
done here too (`_row_steps`: time-limit notes, fee items; `_split_codes`: a structured code split into its
parts; `--body`). A row with an unreadable code or values right of the last header is built by `build_matter`
instead, as `read_paths` builds every row; both give the same stored matter (tests/test_columnar_import.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any

from matterkit.codeschemes import CodeSchemes
from matterkit.model import LEVEL_OF_LABEL, Location
from matterkit.normalise.build import FEE_PARTS, PerTables, build_matter, default_schemes, per_tables
from matterkit.normalise.celltext import clean_text
from matterkit.normalise.fees import row_fees
from matterkit.normalise.fragments import ColumnReader, Fragment, issue_piece, text_piece, value_piece
from matterkit.normalise.issues import CHANGING_CODES
from matterkit.normalise.structured import CODE_KEYS, code_is_plain, read_codes
from matterkit.rawtypes import CellValue
from matterkit.recognise.rows import Layout, PlainRow, data_row, is_blank_cell
from matterkit.store import PendingRow, StoredRow, finished_row, pending_row

# The store's own columns beside the text (store.StoredRow), read from these elements' values.
_INDEXED = ("department", "body", "name", "base_code", "impl_code")
_COUNTED = ("level", "body", "department")  # what says whose list a sheet is (importer)
_VALUE, _RAW = itemgetter(0), itemgetter(1)
_READERS: PerTables[ColumnReader] = {}
# Rows read by columns at once: the memory reading by columns adds to the reader's rows stays this many rows'
# worth of pointers (≈ 40 columns × 3 lists), however long the sheet; distinct values are read once all the same.
CHUNK_ROWS = 4096


@dataclass
class SheetColumns:
    """One sheet's data rows as the reader gave them, waiting for the list's level and body; the level, body
    and department of its rows (what says whose list it is) counted from their columns."""

    rows: list[PlainRow]
    layout: Layout
    file: str
    sheet: str | None
    kind: str | None
    options: Any  # the import's ImportOptions
    levels: Counter[str] = field(default_factory=Counter)
    bodies: Counter[str] = field(default_factory=Counter)
    departments: Counter[str] = field(default_factory=Counter)

    def __len__(self) -> int:
        return len(self.rows)

    def stored_rows(self, list_level: str | None, list_body: str | None) -> Iterator[StoredRow]:
        """Every row as the store keeps it, in row order, read `CHUNK_ROWS` rows at a time."""
        reader = column_reader(self.options)
        mapped = _mapped(self.layout, reader)
        texts = _RowTexts.of(self, mapped, list_level, list_body)
        for start in range(0, len(self.rows), CHUNK_ROWS):
            chunk = _read_chunk(self, self.rows[start:start + CHUNK_ROWS], mapped, reader)
            yield from chunk.stored_rows(texts, list_level, list_body)


@dataclass(frozen=True)
class _RowTexts:
    """The parts of a row's stored text that are the same for every row of the sheet."""

    sheet: str | None
    listed: str  # '"list_level":…,"list_body":…,"list_kind":…,'
    source: str  # '"source":{"file":…,"sheet":…,"row":' (the row number follows)
    cells: list[str]  # the pieces of the `cells` object around the row number ([] for CSV)
    default_body: str | None  # --body, for rows without one
    body_piece: str

    @classmethod
    def of(cls, sheet: SheetColumns, mapped: dict[str, tuple[int, str | None]], list_level: str | None,
           list_body: str | None) -> _RowTexts:
        listed = "".join(text_piece(key, value) for key, value in
                         (("list_level", list_level), ("list_body", list_body), ("list_kind", sheet.kind)) if value)
        source = '"source":{"file":' + encode_basestring(sheet.file)
        if sheet.sheet is not None:
            source += ',"sheet":' + encode_basestring(sheet.sheet)
        cells = (_cell_pieces([(key, str(letter)) for key, (_, letter) in mapped.items()])
                 if sheet.layout.letters and mapped else [])
        body = sheet.options.body
        return cls(sheet.sheet, listed, source + ',"row":', cells, body, text_piece("body", body) if body else "")


@dataclass
class _Chunk:
    """Some consecutive rows of a sheet read column by column."""

    numbers: list[int]
    values: list[list[str]] = field(default_factory=list)  # per kept column, each row's value piece
    raws: list[list[str]] = field(default_factory=list)  # per kept column, each row's raw piece
    specials: list[list[Fragment]] = field(default_factory=list)  # kept columns with anything beyond value and raw
    indexed: dict[str, list[object]] = field(default_factory=dict)  # the store's columns: department, body, name …
    extras: list[list[str]] = field(default_factory=list)  # per unrecognised column, each row's piece
    special_rows: set[int] = field(default_factory=set)  # positions with issues, originals or extra text
    row_steps: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # position -> (values, issues,
    # originals) that the row-level steps (time-limit notes, fee items) add: see `_row_steps`
    fallback: dict[int, PendingRow] = field(default_factory=dict)  # positions built by `build_matter`

    def stored_rows(self, texts: _RowTexts, list_level: str | None, list_body: str | None) -> Iterator[StoredRow]:
        columns = [self.indexed.get(key) or [None] * len(self.numbers) for key in _INDEXED]
        values = map("".join, zip(*self.values, strict=True)) if self.values else repeat("")
        raws = map("".join, zip(*self.raws, strict=True)) if self.raws else repeat("")
        for position, (number, value, raw) in enumerate(zip(self.numbers, values, raws, strict=False)):
            if position in self.fallback:
                yield finished_row(self.fallback[position], list_level, list_body)
                continue
            indexed = [column[position] for column in columns]
            row = str(number)
            if texts.body_piece and not indexed[1]:
                value += texts.body_piece
                indexed[1] = texts.default_body
            if position in self.row_steps:
                value += self.row_steps[position][0]
            text = ["{", value, texts.listed, '"raw":{', raw[:-1], "},"]
            if texts.cells:
                text.append(row.join(texts.cells))
            if position in self.special_rows:
                text.append(self._special_text(position))
            text += (texts.source, row, "}}")
            yield (texts.sheet, number, list_level, list_body, *indexed, "".join(text))

    def _special_text(self, position: int) -> str:
        steps = self.row_steps.get(position, ("", "", ""))
        issues = "".join(column[position].issues for column in self.specials) + steps[1]
        originals = "".join(column[position].originals for column in self.specials) + steps[2]
        extra = "".join(column[position].extra for column in self.specials)
        extra += "".join(column[position] for column in self.extras)
        parts = []
        if issues:
            parts.append('"issues":[' + issues[:-1] + "],")
        if originals:
            parts.append('"originals":{' + originals[:-1] + "},")
        if extra:
            parts.append('"extra":{' + extra[:-1] + "},")
        return "".join(parts)


def column_reader(options: Any) -> ColumnReader:
    """One reader (and its caches) per (registry, code tables) pair."""
    return per_tables(_READERS, options.registry, options.code_tables, ColumnReader)


def read_columns(rows: list[PlainRow], layout: Layout, *, file: str, sheet: str | None, kind: str | None,
                 options: Any) -> SheetColumns:
    """A sheet's data rows (`PlainRow`s), their level, body and department counted from their columns.
    `options` are the import's (ImportOptions)."""
    reader = column_reader(options)
    sheet_columns = SheetColumns(rows, layout, file, sheet, kind, options)
    for key, (index, _) in _mapped(layout, reader).items():
        if key in _COUNTED:
            column, distinct = reader.fragments(key, [values[index] for _, values in rows])
            _count(sheet_columns, key, column, distinct)
    return sheet_columns


def _mapped(layout: Layout, reader: ColumnReader) -> dict[str, tuple[int, str | None]]:
    """Element key -> (position in the row, column letter) of the kept columns; a key's last column wins, as in
    `build_matter`'s row."""
    return {key: (index, letter) for index, key, letter in layout.mapped if reader.kept(key)}


def _read_chunk(sheet: SheetColumns, rows: list[PlainRow], mapped: dict[str, tuple[int, str | None]],
                reader: ColumnReader) -> _Chunk:
    """Some of a sheet's rows read column by column: each column's fragments, which rows need more than their
    value and raw pieces, and the rows `build_matter` builds."""
    chunk = _Chunk(numbers=[number for number, _ in rows])
    grid = [values for _, values in rows]
    by_column = list(zip(*grid, strict=False)) if grid else []
    fallback: set[int] = set()
    structured: set[int] = set()  # rows whose code read_codes splits or reports
    read: dict[str, tuple[list[Fragment], list[Fragment]]] = {}  # key -> (each row's, the distinct ones)
    schemes = sheet.options.schemes or default_schemes()
    for key, (index, _) in mapped.items():
        column, distinct = reader.fragments(key, by_column[index] if by_column else ())
        read[key] = column, distinct
        chunk.values.append(list(map(_VALUE, column)))
        chunk.raws.append(list(map(_RAW, column)))
        if any(fragment.special for fragment in distinct):
            _note_specials(chunk, column, fallback)
        if key in _INDEXED:
            chunk.indexed[key] = [fragment.python for fragment in column]
        if key in CODE_KEYS:
            structured.update(_structured_codes(key, column, distinct, schemes))
    _read_extras(chunk, sheet.layout, by_column)
    _row_steps(chunk, read)
    fallback.update(_beyond_header(grid, sheet.layout.width))
    _split_codes(chunk, read, structured - fallback, schemes)
    for position in sorted(fallback):
        chunk.fallback[position] = _built(grid[position], chunk.numbers[position], sheet)
    return chunk


def _row_steps(chunk: _Chunk, read: dict[str, tuple[list[Fragment], list[Fragment]]]) -> None:
    """What `build_matter` adds to a row from several of its cells: the notes of its 办结时限 cells as
    `limit_note` (unless it has one), and fee items gathered from 收费项目名称/收费标准/收费依据 and the
    wording of 是否收费. Only rows whose cells have something to add are visited."""
    notes_of = [column for column, distinct in read.values() if any(f.limit_note for f in distinct)]
    columns = {key: column for key, (column, _) in read.items()}
    fee_parts = [columns.get(key) for key in FEE_PARTS]
    fee = columns.get("fee")
    if not notes_of and fee_parts == [None, None, None] and not any(f.fee_text for f in read.get("fee", ((), ()))[1]):
        return
    stated = columns.get("limit_note")
    for position in sorted(chunk.special_rows):
        notes = list(dict.fromkeys(n for column in notes_of if (n := column[position].limit_note)))
        values = ""
        if notes and not (stated and stated[position].python):
            values = value_piece("limit_note", "；".join(notes))
        parts = tuple(column[position].text if column is not None else None for column in fee_parts)
        fee_text = fee[position].fee_text if fee is not None else None
        fee_unset = fee is None or fee[position].python is None
        fees = _fee_pieces(parts, fee_text, fee_unset) if parts != (None, None, None) or fee_text else ("", "", "")
        if values or any(fees):
            chunk.row_steps[position] = (values + fees[0], fees[1], fees[2])


def _split_codes(chunk: _Chunk, read: dict[str, tuple[list[Fragment], list[Fragment]]], positions: set[int],
                 schemes: CodeSchemes) -> None:
    """What `read_codes` makes of rows whose code it splits into parts or reports (a Sichuan 事项编码 on every
    row of a province's list): the changed elements' pieces replace the cells' own, and the issues, originals
    and code scheme join the row's other steps (after them, as `build_matter` adds them)."""
    if not positions:
        return
    slots = {key: slot for slot, key in enumerate(read)}  # element -> its list in chunk.values
    elements = [key for key in _code_elements(schemes) if key in read]
    for position in sorted(positions):
        values: dict[str, object] = {key: read[key][0][position].python for key in elements}
        before = dict(values)
        reading = read_codes(values, {key: read[key][0][position].text for key in elements}, schemes)
        added = ""
        for key, value in reading.values.items():
            if before.get(key) == value:
                continue
            piece = value_piece(key, value) if value is not None else ""
            if key in slots:
                chunk.values[slots[key]][position] = piece
            else:
                added += piece
            if key in _INDEXED:
                chunk.indexed.setdefault(key, [None] * len(chunk.numbers))[position] = value
        if reading.scheme:
            added += value_piece("code_scheme", reading.scheme)
        issues = "".join(issue_piece(i.element, i.raw, i.code, i.detail) for i in reading.issues)
        originals = "".join(text_piece(key, text) for key, text in reading.originals.items())
        steps = chunk.row_steps.get(position, ("", "", ""))
        chunk.row_steps[position] = (steps[0] + added, steps[1] + issues, steps[2] + originals)
        chunk.special_rows.add(position)


def _code_elements(schemes: CodeSchemes) -> tuple[str, ...]:
    """The elements `read_codes` reads or fills: the code columns and every element a form's part fills."""
    parts = {part.element for scheme in schemes.schemes for form in scheme.forms for part in form.parts}
    return tuple(dict.fromkeys([*CODE_KEYS, *sorted(parts)]))


@lru_cache(maxsize=4096)
def _fee_pieces(parts: tuple[str | None, ...], fee_text: str | None, fee_unset: bool) -> tuple[str, str, str]:
    """(value, issue and original pieces) of a row's fee items (fees.row_fees, as `build_matter` reads them)."""
    standard = parts[1] or ""
    items, said_no_fee, notes = row_fees(parts, fee_text, standard)
    values = value_piece("fee", False) if said_no_fee and fee_unset else ""
    if items:
        values += value_piece("fees", items)
    issues = "".join(issue_piece("fee_standard", standard, code, detail) for code, detail in notes)
    changed = parts[1] is not None and any(code in CHANGING_CODES for code, _ in notes)
    return values, issues, text_piece("fee_standard", standard) if changed else ""


def _cell_pieces(letters: list[tuple[str, str]]) -> list[str]:
    """The `cells` object's text around the row number: row "12".join(pieces) is '"cells":{"name":"B12",…},'."""
    pieces = [("," if i else '"cells":{') + encode_basestring(key) + ':"' + letter
              for i, (key, letter) in enumerate(letters)]
    return [pieces[0]] + ['"' + piece for piece in pieces[1:]] + ['"},']


def _note_specials(chunk: _Chunk, column: list[Fragment], fallback: set[int]) -> None:
    chunk.specials.append(column)
    for position, fragment in enumerate(column):
        if fragment.special:
            chunk.special_rows.add(position)
            if fragment.fallback:
                fallback.add(position)


def _structured_codes(key: str, column: list[Fragment], distinct: list[Fragment], schemes: CodeSchemes) -> list[int]:
    """Rows whose code in this column `read_codes` would split or report."""
    odd = {id(fragment) for fragment in distinct
           if isinstance(fragment.python, str) and fragment.python and not code_is_plain(key, fragment.python, schemes)}
    return [position for position, fragment in enumerate(column) if id(fragment) in odd] if odd else []


def _count(sheet_columns: SheetColumns, key: str, column: list[Fragment], distinct: list[Fragment]) -> None:
    """The level, body and department of the rows, which say whose list this is (importer)."""
    if key not in ("level", "body", "department"):
        return
    by_id = {id(fragment): fragment for fragment in distinct}
    for fragment_id, count in Counter(map(id, column)).items():  # in the order first seen: ties go to the first
        value = by_id[fragment_id].python
        if key == "level" and isinstance(value, list):
            for label in value:
                if label in LEVEL_OF_LABEL:
                    sheet_columns.levels[LEVEL_OF_LABEL[label]] += count
        elif key != "level" and value:
            (sheet_columns.bodies if key == "body" else sheet_columns.departments)[str(value)] += count



def _read_extras(chunk: _Chunk, layout: Layout, by_column: list[tuple[CellValue, ...]]) -> None:
    """Columns with headers matterkit does not know: their non-blank texts go into `extra`."""
    for index, name, _ in layout.extras:
        if not by_column:
            return
        pieces: dict[object, str] = {}
        column = []
        for value in by_column[index]:
            key = value if value.__class__ is str or value is None else (value.__class__, value)
            piece = pieces.get(key)
            if piece is None:
                piece = pieces[key] = "" if is_blank_cell(value) else text_piece(name, clean_text(value))
            column.append(piece)
        if any(pieces.values()):
            chunk.extras.append(column)
            chunk.special_rows.update(position for position, piece in enumerate(column) if piece)


def _beyond_header(grid: list[list[CellValue]], width: int) -> list[int]:
    """Rows with values right of the last header cell (kept under a made-up name: `build_matter` does it)."""
    return [position for position, values in enumerate(grid)
            if len(values) > width and any(not is_blank_cell(value) for value in values[width:])]


def _built(values: list[CellValue], number: int, sheet: SheetColumns) -> PendingRow:
    options = sheet.options
    matter = build_matter(data_row(values, number, sheet.layout),
                          source=Location(file=sheet.file, sheet=sheet.sheet, row=number), registry=options.registry,
                          code_tables=options.code_tables, default_body=options.body, schemes=options.schemes,
                          list_kind=sheet.kind)
    return pending_row(matter)
