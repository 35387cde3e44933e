"""`build_matter`: one recognised row → the canonical `Matter`, element by element according to its kind.

A list repeats the same cell texts row after row (hours, phones, bodies, enumerations, legal bases,
catalogue wording), and what a cell gives its matter depends only on its element and its value. Each
distinct (element, value) is therefore read once (`_Normaliser.outcome`); a row only assembles outcomes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from matterkit.codeschemes import CodeSchemes, default_code_schemes
from matterkit.codetables import CodeTables
from matterkit.elements import ElementRegistry
from matterkit.model import FeeItem, Location, Matter, NormalisationIssue
from matterkit.normalise.boolean import normalise_bool, read_fee_flag
from matterkit.normalise.celltext import cell_text, clean_text
from matterkit.normalise.code import CODE_WIDTHS, normalise_code
from matterkit.normalise.dates import normalise_date
from matterkit.normalise.days import normalise_days
from matterkit.normalise.enums import EnumReader
from matterkit.normalise.fees import row_fees
from matterkit.normalise.integer import normalise_int
from matterkit.normalise.issues import CHANGING_CODES, NO_ISSUES, UNREADABLE_CODES, IssueNote
from matterkit.normalise.materials import MaterialFields, material_fields
from matterkit.normalise.structured import read_codes
from matterkit.normalise.text import normalise_text
from matterkit.rawtypes import DataRow

FEE_PARTS = ("fee_name", "fee_standard", "fee_basis")
_NO_FEE_PARTS = [None] * len(FEE_PARTS)
_MATTER_FIELDS = frozenset(Matter.model_fields)


@dataclass(frozen=True, slots=True)
class CellOutcome:
    """What one cell gives its matter. It depends only on the element and the cell's value, so it is read
    once per distinct (element, value) and shared by every row repeating it: it must stay immutable (a
    list value is kept as a tuple and `fresh` makes each row its own list)."""

    raw: str
    value: object = None
    has_value: bool = False
    fresh: Callable[[Any], object] | None = None
    notes: tuple[IssueNote, ...] = NO_ISSUES
    limit_note: str | None = None
    fee_text: str | None = None
    extra: str | None = None  # the cleaned text of an element the model has no field for
    plain: bool = field(init=False)  # a value to take as it is, and nothing else

    def __post_init__(self) -> None:
        plain = (self.has_value and self.fresh is None and not self.notes and self.limit_note is None
                 and self.fee_text is None)
        object.__setattr__(self, "plain", plain)


class _Reading(NamedTuple):
    """What a kind reader makes of a cell value."""

    value: object
    notes: tuple[IssueNote, ...] = NO_ISSUES
    limit_note: str | None = None
    fee_text: str | None = None
    fresh: Callable[[Any], object] | None = None


@dataclass
class _Draft:
    """What one row has produced so far."""

    values: dict[str, object] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    issues: list[NormalisationIssue] = field(default_factory=list)
    originals: dict[str, str] = field(default_factory=dict)  # element key -> cell text it changed
    limit_notes: list[str] = field(default_factory=list)
    fee_text: str | None = None

    def add(self, key: str, outcome: CellOutcome) -> None:
        """What a cell gives beyond its raw text and a plain value (see `CellOutcome.plain`)."""
        if outcome.has_value:
            self.values[key] = outcome.value if outcome.fresh is None else outcome.fresh(outcome.value)
        if outcome.limit_note and outcome.limit_note not in self.limit_notes:
            self.limit_notes.append(outcome.limit_note)
        if outcome.fee_text is not None:
            self.fee_text = outcome.fee_text
        if outcome.notes:
            self.note(key, outcome.notes)

    def note(self, key: str, notes: tuple[IssueNote, ...]) -> None:
        for code, detail in notes:
            self.issues.append(NormalisationIssue(element=key, code=code, raw=self.raw.get(key, ""),
                                                  detail=detail))
            if code in CHANGING_CODES and key in self.raw:
                self.originals[key] = self.raw[key]


Reader = Callable[[str, str | None, object], _Reading]
# Distinct values of one element (one column) whose outcomes a normaliser keeps; beyond this that element's
# cache starts again, and the other elements keep theirs. A county has ≈ 57,000 distinct (element, value)
# pairs: implementation codes, basic codes and names are nearly unique (their caches restart, which costs
# nothing they would have saved), the ≈ 35 other elements take ≈ 4,500 values between them and stay cached
# however long the file. A worker holds at most a few tens of MB of outcomes.
_OUTCOME_CACHE_LIMIT = 16_384


_TRIM_REPORTED_TEXTS = frozenset({"name", "department", "body", "main_item", "sub_item", "item_name"})


def _padded(text: str, notes: tuple[IssueNote, ...]) -> bool:
    """Whether the cell's text has spaces (or full-width spaces, line breaks) before or after its value that
    nothing else reported (a code's `code_spaces_removed` says so already)."""
    stripped = text.strip()
    return bool(stripped) and stripped != text and not any(code == "code_spaces_removed" for code, _ in notes)


class _Normaliser:
    """The per-kind readers for one registry and one set of code tables, with their caches."""

    def __init__(self, registry: ElementRegistry, code_tables: CodeTables) -> None:
        self.registry = registry
        self.enums = EnumReader(code_tables)
        self.readers: dict[str, Reader] = {
            "text": self._text, "code": self._code, "enum": self._enum, "enum_multi": self._enum_multi,
            "int": self._int, "days": self._days, "bool": self._bool, "materials": self._materials,
            "date": self._date,
        }
        # element key -> (reader of its kind, code table); None for elements recognised but not kept (序号)
        self._plans: dict[str, tuple[Reader | None, str | None] | None] = {
            spec.key: None if spec.kind == "ignore" else (self.readers.get(spec.kind), spec.table)
            for spec in registry.elements.values()}
        self._text_plan: tuple[Reader | None, str | None] = (self._text, None)
        # Elements whose spaces around the value are reported when removed: a name, a code or a code-table value
        # must be written exactly (同一名称、同一编码); in long texts such spaces mean nothing.
        self._trim_reported = frozenset(
            spec.key for spec in registry.elements.values()
            if spec.kind in ("code", "enum", "enum_multi") or spec.key in _TRIM_REPORTED_TEXTS)
        # element key -> {(type of the value, value): outcome}; None for an element not kept. The type is part
        # of the key because 1, 1.0 and True are equal as dictionary keys but read differently.
        self._outcomes: dict[str, dict[tuple[type, object], CellOutcome | None]] = {}

    def kept(self, key: str) -> bool:
        """Whether an element's cells go into the matter (序号 and other `ignore` elements do not)."""
        return self._plans.get(key, self._text_plan) is not None

    def outcome(self, key: str, value: object) -> CellOutcome | None:
        """The outcome of one cell (None when its element is not kept), read once per distinct value of its
        column (element)."""
        column = self._outcomes.get(key)
        if column is None:
            column = self._outcomes[key] = {}
        cache_key = (value.__class__, value)
        try:
            return column[cache_key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key (never delivered by the readers today)
            return self._read(key, value)
        if len(column) >= _OUTCOME_CACHE_LIMIT:
            column.clear()
        outcome = column[cache_key] = self._read(key, value)
        return outcome

    def _read(self, key: str, value: object) -> CellOutcome | None:
        plan = self._plans[key] if key in self._plans else self._text_plan
        if plan is None:
            return None
        extra = clean_text(value) if key not in _MATTER_FIELDS and key not in FEE_PARTS else None
        reader, table = plan
        if reader is None:
            return CellOutcome(raw=cell_text(value), extra=extra)
        reading = reader(key, table, value)
        notes = reading.notes
        if key in self._trim_reported and value.__class__ is str and _padded(value, notes):
            notes = (*notes, ("spaces_trimmed", None))
        # An element the model has no field for keeps only its raw text, extra text and issues.
        return CellOutcome(raw=cell_text(value), value=reading.value, has_value=key in _MATTER_FIELDS,
                            fresh=reading.fresh,
                            notes=notes, limit_note=reading.limit_note, fee_text=reading.fee_text,
                            extra=extra)

    def _text(self, key: str, table: str | None, value: object) -> _Reading:
        return _Reading(normalise_text(value))

    def _code(self, key: str, table: str | None, value: object) -> _Reading:
        return _Reading(*normalise_code(value, CODE_WIDTHS.get(key)))

    def _enum(self, key: str, table: str | None, value: object) -> _Reading:
        return _Reading(*self.enums.single(value, table or key))

    def _enum_multi(self, key: str, table: str | None, value: object) -> _Reading:
        values, notes = self.enums.multi(value, table or key)
        return _Reading(tuple(values), notes, fresh=list)

    def _int(self, key: str, table: str | None, value: object) -> _Reading:
        return _Reading(*normalise_int(value))

    def _days(self, key: str, table: str | None, value: object) -> _Reading:
        days, limit_note, notes = normalise_days(value)
        return _Reading(days, notes, limit_note=limit_note)

    def _bool(self, key: str, table: str | None, value: object) -> _Reading:
        if key == "fee":
            flag, fee_text, notes = read_fee_flag(value)
            return _Reading(flag, notes, fee_text=fee_text)
        return _Reading(*normalise_bool(value))

    def _materials(self, key: str, table: str | None, value: object) -> _Reading:
        return _Reading(material_fields(value), fresh=_materials_of)

    def _date(self, key: str, table: str | None, value: object) -> _Reading:
        return _Reading(*normalise_date(value))


def _materials_of(fields: tuple[MaterialFields, ...]) -> list[dict[str, object]]:
    """A row's own materials, as dicts: validating the Matter makes them `Material`s (faster than one by one)."""
    return [dict(item) for item in fields]


T = TypeVar("T")
PerTables = dict[tuple[int, int], tuple[ElementRegistry, CodeTables, T]]
_NORMALISERS: PerTables[_Normaliser] = {}


def per_tables(cache: PerTables[T], registry: ElementRegistry, code_tables: CodeTables,
               make: Callable[[ElementRegistry, CodeTables], T]) -> T:
    """One `make(registry, code_tables)` per pair, kept in `cache` (the 16 latest pairs) with the pair itself,
    so that the ids the cache is keyed by stay unique."""
    key = (id(registry), id(code_tables))
    entry = cache.get(key)
    if entry is None:
        if len(cache) >= 16:
            cache.pop(next(iter(cache)))
        entry = cache[key] = (registry, code_tables, make(registry, code_tables))
    return entry[2]


def normaliser_for(registry: ElementRegistry, code_tables: CodeTables) -> _Normaliser:
    """One normaliser per (registry, code tables) pair."""
    return per_tables(_NORMALISERS, registry, code_tables, _Normaliser)


def build_matter(row: DataRow, *, source: Location, registry: ElementRegistry, code_tables: CodeTables,
                 list_level: str | None = None, list_body: str | None = None,
                 default_body: str | None = None, schemes: CodeSchemes | None = None,
                 list_kind: str | None = None) -> Matter:
    """Normalise one recognised row. `source` is the row's location; `default_body` (from `--body`) fills
    `body` only when the row has none. `list_level` stays None when not given: the importer decides per file.
    `schemes` are the code schemes in use (default: every shipped one), which split structured codes.
    `list_kind` is the sheet's (given here: setting a field of the built model costs more than passing it)."""
    normaliser = normaliser_for(registry, code_tables)
    outcomes = normaliser._outcomes  # noqa: SLF001 - read directly in the hot loop, filled by `outcome`
    draft = _Draft()
    values, raw, cells = draft.values, draft.raw, draft.cells
    extra: dict[str, str] = {}
    for key, cell in row.cells.items():  # the hot loop of an import: ≈ 40 cells a row
        value = cell.value
        try:  # the column's outcome of this value, when it was read before (most cells)
            outcome = outcomes[key][(value.__class__, value)]
        except (KeyError, TypeError):
            outcome = normaliser.outcome(key, value)
        if outcome is None:
            continue
        raw[key] = outcome.raw
        if cell.cell:
            cells[key] = cell.cell
        if outcome.plain:
            values[key] = outcome.value
        else:
            draft.add(key, outcome)
        if outcome.extra is not None:
            extra[key] = outcome.extra
    _gather_fees(draft, row)
    if draft.limit_notes and not draft.values.get("limit_note"):
        draft.values["limit_note"] = "；".join(draft.limit_notes)
    if default_body and not draft.values.get("body"):
        draft.values["body"] = default_body
    for header, cell in row.extra.items():
        extra[header] = clean_text(cell.value)
    unreadable = frozenset(i.element for i in draft.issues if i.code in UNREADABLE_CODES)
    codes = read_codes(values, raw, schemes or default_schemes(), unreadable)
    if codes.issues:
        draft.issues.extend(codes.issues)
    draft.originals.update(codes.originals)
    return Matter(**values, list_level=list_level, list_body=list_body, list_kind=list_kind,  # type: ignore[arg-type]
                  source=source,
                  cells=draft.cells, raw=draft.raw, extra=extra, issues=draft.issues, originals=draft.originals,
                  code_scheme=codes.scheme)


_DEFAULT_SCHEMES: list[CodeSchemes] = []


def default_schemes() -> CodeSchemes:
    """The shipped schemes, one object per process (it caches what each code matched)."""
    if not _DEFAULT_SCHEMES:
        _DEFAULT_SCHEMES.append(default_code_schemes())
    return _DEFAULT_SCHEMES[0]


def _gather_fees(draft: _Draft, row: DataRow) -> None:
    parts = [row.cells.get(key) for key in FEE_PARTS]
    if parts == _NO_FEE_PARTS and draft.fee_text is None:  # no fee columns, no text in 是否收费: most lists
        draft.values["fees"] = []
        return
    items, said_no_fee, notes = row_fees([part.value if part else None for part in parts], draft.fee_text,
                                         draft.raw.get("fee_standard", ""))
    draft.note("fee_standard", notes)
    if said_no_fee and draft.values.get("fee") is None:
        draft.values["fee"] = False
    draft.values["fees"] = [FeeItem(**item) for item in items]
