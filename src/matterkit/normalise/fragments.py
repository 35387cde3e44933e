"""Column-wise normalisation for the store: each distinct cell value of a column becomes, once, the pieces of
JSON text it contributes to its row's stored matter (`Fragment`); a row's stored text is then joined from its
cells' fragments, without a `Matter` model, a dictionary or a cell object per row.

The store text must read back (`Matter.model_validate_json`) as exactly the matter `build_matter` makes of the
same row (tests/test_columnar_import.py compares the two on every test workbook). So a fragment is made from the
same per-cell outcome `build_matter` uses (`_Normaliser.outcome`), its value written by the model field's own
pydantic serializer; only the two commonest cases — clean text in a text column, a plain code of ASCII capitals
and digits — skip that, because they are their own value and raw text. A fragment also carries what the
row-level steps need (a 办结时限 cell's note, a 是否收费 cell's wording: columnar._row_steps); a code the code
schemes must leave alone (unreadable) marks it `fallback`: such a row is built by `build_matter` instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from json.encoder import encode_basestring  # C-accelerated; keeps non-ASCII characters as they are
from typing import Any, NamedTuple

from pydantic import TypeAdapter

from matterkit.codetables import CodeTables
from matterkit.elements import ElementRegistry
from matterkit.model import Matter, NormalisationIssue
from matterkit.normalise.build import FEE_PARTS, CellOutcome, normaliser_for
from matterkit.normalise.celltext import PLACEHOLDERS, clean_text
from matterkit.normalise.issues import CHANGING_CODES, UNREADABLE_CODES

_FIELDS = Matter.model_fields
# Distinct values of one column whose fragments are kept; beyond this the column's cache starts again
# (see build._OUTCOME_CACHE_LIMIT: names and codes are nearly unique, the other columns repeat).
_CACHE_LIMIT = 16_384
_new = tuple.__new__  # makes a Fragment without NamedTuple's Python-level constructor (most values are distinct)


class Fragment(NamedTuple):
    """What one cell gives its row's stored text. Every text piece ends with a comma (or is empty)."""

    value: str  # '"name":"…",' — the element's stored value ('' when it has none)
    raw: str  # '"name":"…",' — the cell's text, for `Matter.raw`
    issues: str  # '{…},{…},' — its normalisation issues
    originals: str  # '"name":"…",' — the cell's text again, when the stored value differs from it
    extra: str  # '"key":"…",' — for an element the model has no field for
    fallback: bool  # a row-level step columnar.py does not take would change the row: `build_matter` builds it
    special: bool  # anything beyond value and raw: issues, originals, extra, fallback, a note or fee text
    python: object  # the stored value itself (for the list's level, body and department; the store's columns)
    text: str = ""  # the cell's text (`Matter.raw`)
    limit_note: str | None = None  # what a 办结时限 cell said beside its days (the row's `limit_note`)
    fee_text: str | None = None  # a 是否收费 cell's wording of the fee (the standard, when none is given)


class ColumnReader:
    """Per-column fragments for one registry and one set of code tables, with a cache per element."""

    def __init__(self, registry: ElementRegistry, code_tables: CodeTables) -> None:
        self.normaliser = normaliser_for(registry, code_tables)
        self._caches: dict[str, dict[object, Fragment]] = {}
        self._kinds = {key: spec.kind for key, spec in registry.elements.items()}

    def kept(self, key: str) -> bool:
        """Whether the element's cells go into the matter at all (序号 does not)."""
        return self.normaliser.kept(key)

    def fragments(self, key: str, values: Sequence[object]) -> tuple[list[Fragment], list[Fragment]]:
        """The fragment of every value of one column, and the column's distinct fragments."""
        cache = self._caches.get(key)
        if cache is None:
            cache = self._caches[key] = {}
        try:  # every value a text or empty cell read before (a column of repeated values, a file read before)
            column = list(map(cache.__getitem__, values))  # other values are cached under a (type, value) key
            return column, [cache[k] for k in set(values)]
        except KeyError:
            pass
        # a str or None is its own key; 1, 1.0 and True are equal as keys but read differently
        keys = [v if v.__class__ is str or v is None else (v.__class__, v) for v in values]
        distinct = set(keys)
        missing = distinct.difference(cache)
        if missing:
            if len(cache) + len(missing) > _CACHE_LIMIT:
                cache.clear()
                missing = distinct
            make = self._maker(key)
            for cache_key in missing:
                cache[cache_key] = make(cache_key if cache_key.__class__ is not tuple else cache_key[1])
        column = list(map(cache.__getitem__, keys))
        return column, [cache[k] for k in distinct]

    def _maker(self, key: str) -> Any:
        prefix = encode_basestring(key) + ":"
        kind = self._kinds.get(key, "text")
        field = key in _FIELDS and key not in FEE_PARTS

        def general(value: object) -> Fragment:
            return self._general(key, prefix, value)

        if not field or kind not in ("text", "code"):
            return general

        def text(value: object) -> Fragment:
            if value.__class__ is str and value and value.isprintable() and value[0] != " " and value[-1] != " ":
                piece = prefix + encode_basestring(value) + ","
                return _new(Fragment, (piece, piece, "", "", "", False, False, value, value, None, None))
            return general(value)

        def code(value: object) -> Fragment:
            if (value.__class__ is str and value.isascii() and value.isalnum() and "E" not in value
                    and value.upper() == value and value not in PLACEHOLDERS):
                piece = prefix + encode_basestring(value) + ","
                return _new(Fragment, (piece, piece, "", "", "", False, False, value, value, None, None))
            return general(value)

        return text if kind == "text" else code

    def _general(self, key: str, prefix: str, value: object) -> Fragment:
        outcome = self.normaliser.outcome(key, value)
        assert outcome is not None  # columns of elements not kept are left out before
        raw = prefix + encode_basestring(outcome.raw) + ","
        stored = _stored_value(key, outcome)
        piece = prefix + _value_json(key, stored) + "," if stored is not None else ""
        issues = "".join(_issue_json(key, outcome.raw, code, detail) + "," for code, detail in outcome.notes)
        changed = any(code in CHANGING_CODES for code, _ in outcome.notes)
        originals = raw if changed else ""
        extra = prefix + encode_basestring(outcome.extra) + "," if outcome.extra is not None else ""
        fallback = any(code in UNREADABLE_CODES for code, _ in outcome.notes)  # read_codes leaves such a code alone
        special = bool(issues or originals or extra or fallback or outcome.limit_note is not None
                       or outcome.fee_text is not None or (key in FEE_PARTS and clean_text(value) != ""))
        return Fragment(piece, raw, issues, originals, extra, fallback, special, stored, outcome.raw,
                        outcome.limit_note, outcome.fee_text)


def _stored_value(key: str, outcome: CellOutcome) -> object:
    if not outcome.has_value:
        return None
    return outcome.value if outcome.fresh is None else outcome.fresh(outcome.value)


@cache
def _adapter(key: str) -> TypeAdapter[Any]:
    return TypeAdapter(_FIELDS[key].annotation)


def _value_json(key: str, value: object) -> str:
    """The value as the model writes it (validated by the field's own type first, as the model would)."""
    adapter = _adapter(key)
    return adapter.dump_json(adapter.validate_python(value), exclude_none=True).decode("utf-8")


def value_piece(key: str, value: object) -> str:
    """'"key":<value>,' as the model writes the value."""
    return encode_basestring(key) + ":" + _value_json(key, value) + ","


def issue_piece(key: str, raw: str, code: str, detail: str | None) -> str:
    """'{…},' — one normalisation issue as the model writes it."""
    return _issue_json(key, raw, code, detail) + ","


def _issue_json(key: str, raw: str, code: str, detail: str | None) -> str:
    issue = NormalisationIssue(element=key, code=code, raw=raw, detail=detail)
    return issue.model_dump_json(exclude_none=True)


def text_piece(key: str, text: str) -> str:
    """'"key":"text",' — a piece of a stored text object."""
    return encode_basestring(key) + ":" + encode_basestring(text) + ","
