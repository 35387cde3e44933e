"""`build_matter`: one recognised row → the canonical `Matter`, element by element according to its kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from matterkit.codetables import CodeTables
from matterkit.elements import ElementRegistry
from matterkit.model import FeeItem, Location, Material, Matter, NormalisationIssue
from matterkit.normalise.boolean import normalise_bool, read_fee_flag
from matterkit.normalise.celltext import cell_text, clean_text
from matterkit.normalise.code import CODE_WIDTHS, normalise_code
from matterkit.normalise.dates import normalise_date
from matterkit.normalise.days import normalise_days
from matterkit.normalise.enums import EnumReader
from matterkit.normalise.fees import gather_fees
from matterkit.normalise.integer import normalise_int
from matterkit.normalise.issues import IssueNote
from matterkit.normalise.materials import parse_materials
from matterkit.normalise.text import normalise_text
from matterkit.rawtypes import DataRow, RawCell

FEE_PARTS = ("fee_name", "fee_standard", "fee_basis")
_MATTER_FIELDS = frozenset(Matter.model_fields)


@dataclass
class _Draft:
    """What one row has produced so far."""

    values: dict[str, object] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    issues: list[NormalisationIssue] = field(default_factory=list)
    limit_notes: list[str] = field(default_factory=list)
    fee_text: str | None = None

    def note(self, key: str, notes: tuple[IssueNote, ...]) -> None:
        for code, detail in notes:
            self.issues.append(NormalisationIssue(element=key, code=code, raw=self.raw.get(key, ""),
                                                  detail=detail))


Reader = Callable[[_Draft, str, str | None, object], None]


class _Normaliser:
    """The per-kind readers for one registry and one set of code tables (with their caches)."""

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

    def read(self, draft: _Draft, key: str, cell: RawCell) -> None:
        plan = self._plans[key] if key in self._plans else self._text_plan
        if plan is None:
            return
        draft.raw[key] = cell_text(cell.value)
        if cell.cell:
            draft.cells[key] = cell.cell
        reader, table = plan
        if reader is not None:
            reader(draft, key, table, cell.value)

    def _text(self, draft: _Draft, key: str, table: str | None, value: object) -> None:
        draft.values[key] = normalise_text(value)

    def _code(self, draft: _Draft, key: str, table: str | None, value: object) -> None:
        draft.values[key], notes = normalise_code(value, CODE_WIDTHS.get(key))
        if notes:
            draft.note(key, notes)

    def _enum(self, draft: _Draft, key: str, table: str | None, value: object) -> None:
        draft.values[key], notes = self.enums.single(value, table or key)
        if notes:
            draft.note(key, notes)

    def _enum_multi(self, draft: _Draft, key: str, table: str | None, value: object) -> None:
        draft.values[key], notes = self.enums.multi(value, table or key)
        if notes:
            draft.note(key, notes)

    def _int(self, draft: _Draft, key: str, table: str | None, value: object) -> None:
        draft.values[key], notes = normalise_int(value)
        if notes:
            draft.note(key, notes)

    def _days(self, draft: _Draft, key: str, table: str | None, value: object) -> None:
        days, limit_note, notes = normalise_days(value)
        draft.values[key] = days
        if limit_note and limit_note not in draft.limit_notes:
            draft.limit_notes.append(limit_note)
        if notes:
            draft.note(key, notes)

    def _bool(self, draft: _Draft, key: str, table: str | None, value: object) -> None:
        if key == "fee":
            draft.values[key], draft.fee_text, notes = read_fee_flag(value)
        else:
            draft.values[key], notes = normalise_bool(value)
        if notes:
            draft.note(key, notes)

    def _materials(self, draft: _Draft, key: str, table: str | None, value: object) -> None:
        draft.values[key] = [Material(**fields) for fields in parse_materials(value)]  # type: ignore[arg-type]

    def _date(self, draft: _Draft, key: str, table: str | None, value: object) -> None:
        draft.values[key], notes = normalise_date(value)
        if notes:
            draft.note(key, notes)


_NORMALISERS: dict[tuple[int, int], tuple[ElementRegistry, CodeTables, _Normaliser]] = {}


def _normaliser_for(registry: ElementRegistry, code_tables: CodeTables) -> _Normaliser:
    """One normaliser per (registry, code tables) pair; the pair is kept alive so its ids stay unique."""
    key = (id(registry), id(code_tables))
    entry = _NORMALISERS.get(key)
    if entry is None:
        if len(_NORMALISERS) >= 16:
            _NORMALISERS.pop(next(iter(_NORMALISERS)))
        entry = _NORMALISERS[key] = (registry, code_tables, _Normaliser(registry, code_tables))
    return entry[2]


def build_matter(row: DataRow, *, source: Location, registry: ElementRegistry, code_tables: CodeTables,
                 list_level: str | None = None, list_body: str | None = None,
                 default_body: str | None = None) -> Matter:
    """Normalise one recognised row. `source` is the row's location; `default_body` (from `--body`) fills
    `body` only when the row has none. `list_level` stays None when not given: the importer decides per file."""
    normaliser = _normaliser_for(registry, code_tables)
    draft = _Draft()
    extra: dict[str, str] = {}
    for key, cell in row.cells.items():
        normaliser.read(draft, key, cell)
        if key not in _MATTER_FIELDS and key not in FEE_PARTS and key in draft.raw:
            extra[key] = clean_text(cell.value)  # an element the model has no field for
    _gather_fees(draft, row)
    if draft.limit_notes and not draft.values.get("limit_note"):
        draft.values["limit_note"] = "；".join(draft.limit_notes)
    if default_body and not draft.values.get("body"):
        draft.values["body"] = default_body
    for header, cell in row.extra.items():
        extra[header] = clean_text(cell.value)
    values = {k: v for k, v in draft.values.items() if k in _MATTER_FIELDS}
    return Matter(**values, list_level=list_level, list_body=list_body, source=source,  # type: ignore[arg-type]
                  cells=draft.cells, raw=draft.raw, extra=extra, issues=draft.issues)


def _gather_fees(draft: _Draft, row: DataRow) -> None:
    parts = [row.cells.get(key) for key in FEE_PARTS]
    items: list[FeeItem] = []
    if any(part is not None for part in parts):
        fields, no_fee, notes = gather_fees(*(part.value if part else None for part in parts))
        items = [FeeItem(**item) for item in fields]
        draft.note("fee_standard", notes)
        if no_fee and not items and draft.values.get("fee") is None:
            draft.values["fee"] = False
    standard_given = bool(draft.raw.get("fee_standard", "").strip())
    if draft.fee_text and not standard_given:
        if not items:
            items.append(FeeItem(standard=draft.fee_text))
        elif len(items) == 1 and items[0].standard is None:
            items[0] = items[0].model_copy(update={"standard": draft.fee_text})
    draft.values["fees"] = items
