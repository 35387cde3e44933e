"""Element values in the form they are compared in, and the form they are shown in.

Wording is compared after NFKC and whitespace clean-up (full-width and half-width forms are the same
value; a bracketed note is not dropped, because "（告知承诺）" can be a real difference). Several-valued
elements compare as sets; materials compare as a list of material names (a material missing in one
body is a difference).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from functools import lru_cache
from operator import attrgetter
from typing import Any, get_origin

from matterkit.model import Matter
from matterkit.textnorm import clean_cell, fold, nfkc

_SPACES = re.compile(r"\s+")
_TRAILING = "。.;；,，"


def text_key(value: object) -> str:
    """Comparison form of a wording: NFKC, whitespace removed, trailing full stops ignored."""
    return _text_key(value) if isinstance(value, str) else _SPACES.sub("", nfkc(clean_cell(value))).rstrip(_TRAILING)


@lru_cache(maxsize=1 << 16)
def _text_key(value: str) -> str:  # cached: one wording recurs in every village's list
    return _SPACES.sub("", nfkc(clean_cell(value))).rstrip(_TRAILING)


@lru_cache(maxsize=1 << 16)
def folded(text: str) -> str:
    """`textnorm.fold`, but a title in 《》 is kept as wording: fold treats 《…》 as a bracketed note and
    would make 《公共场所卫生管理条例》第四条 equal to 《食品安全法》第四条."""
    return fold(text.replace("《", "").replace("》", ""))


def material_names(matter: Matter) -> list[str]:
    return [m.name for m in matter.materials if m.name]


MODES = ("exact", "folded", "suffix", "contains", "subset")
DEFAULT_MODE = "exact"


def comparable(matter: Matter, element: str, mode: str = DEFAULT_MODE) -> Any:
    """A hashable value for equality tests; None when the element is not stated (blank).

    `mode` is the comparison of the `same-element` rule pack: `exact` (after NFKC and whitespace clean-up),
    `folded` / `suffix` / `contains` (wording folded: punctuation and bracketed notes ignored), `subset`.
    """
    value = getattr(matter, element, None)
    if isinstance(value, str) and mode in ("folded", "suffix", "contains"):
        return folded(value) or None
    if element == "materials":
        names = frozenset(folded(name) for name in material_names(matter))
        return names or None
    if element == "fees":
        items = frozenset((text_key(f.name or ""), text_key(f.standard or "")) for f in matter.fees)
        return items or None
    if isinstance(value, list):
        return frozenset(text_key(v) for v in value) or None
    if value is None:
        return None
    if isinstance(value, str):
        return text_key(value) or None
    return value


class ElementForms:
    """The comparison forms of one element in one mode, each computed once per distinct raw value.

    `raw_of(matter)` reads what `comparable` depends on (a material list as its names), hashable and cheap
    enough to read for every row; equal raw values have equal comparison forms, so a row that states
    exactly its reference's value needs no comparison, and a form (or a verdict against the catalogue)
    is computed once for a wording that a county repeats on hundreds of rows.
    """

    def __init__(self, element: str, mode: str = DEFAULT_MODE) -> None:
        self.element, self.mode = element, mode
        self.raw_of = raw_reader(element)
        self._forms: dict[Hashable, Any] = {}
        self._conforms: dict[tuple[Hashable, Hashable], bool] = {}

    def form(self, matter: Matter, raw: Hashable) -> Any:
        """`comparable(matter, element, mode)`; `raw` is `raw_of(matter)`."""
        try:
            return self._forms[raw]
        except KeyError:
            form = self._forms[raw] = comparable(matter, self.element, self.mode)
            return form

    def conforms(self, row: Matter, raw: Hashable, entry: Matter, entry_raw: Hashable) -> bool:
        """Whether `row` shows no difference from the catalogue entry's value; False when the entry states
        none (the row is then compared with the other bodies' rows)."""
        key = (raw, entry_raw)
        try:
            return self._conforms[key]
        except KeyError:
            value, expected = self.form(row, raw), self.form(entry, entry_raw)
            verdict = self._conforms[key] = expected is not None and (
                value is None or agrees(value, expected, self.mode))
            return verdict


def raw_reader(element: str) -> Callable[[Matter], Hashable]:
    """A function reading what `comparable` depends on for `element` (C-level for a plain field)."""
    if element == "materials":
        return lambda matter: tuple([m.name for m in matter.materials])
    if element == "fees":
        return lambda matter: tuple([(f.name, f.standard) for f in matter.fees])
    spec = Matter.model_fields.get(element)
    if spec is None:
        return lambda matter: getattr(matter, element, None)
    if get_origin(spec.annotation) is list:
        return lambda matter: tuple(getattr(matter, element))
    return attrgetter(element)


class RowReader:
    """Reads the raw values (`raw_reader`) of several elements of a row in one call.

    The tuple holds the plain fields first, read in one C-level call, then the others (materials …);
    `order[position]` is the index, in `elements`, of the element at that position. Reading rows is the
    cost that counts over a county's 50,000 rows.
    """

    def __init__(self, elements: Sequence[str]) -> None:
        readers = [raw_reader(element) for element in elements]
        plain = [i for i, reader in enumerate(readers) if isinstance(reader, attrgetter)]
        others = [i for i, reader in enumerate(readers) if not isinstance(reader, attrgetter)]
        self.order = plain + others
        self._plain = _tuple_getter([elements[i] for i in plain])
        self._others = [readers[i] for i in others]

    def __call__(self, matter: Matter) -> tuple[Hashable, ...]:
        return (*self._plain(matter), *[reader(matter) for reader in self._others])


def _tuple_getter(fields: list[str]) -> Callable[[Matter], tuple[Any, ...]]:
    if len(fields) >= 2:
        return attrgetter(*fields)
    if fields:
        single = attrgetter(fields[0])
        return lambda matter: (single(matter),)
    return lambda matter: ()


def agrees(value: Any, expected: Any, mode: str) -> bool:
    """Whether a body's value (from `comparable`) conforms to the catalogue's under `mode`.

    `suffix`: the catalogue names a kind of body (「市场监督管理局」) and a county writes its own
    (「青山县市场监督管理局」); `contains`: the catalogue's wording appears within the body's; `subset`:
    every one of several values is among the catalogue's.
    """
    if value == expected:
        return True
    if mode == "suffix" and isinstance(value, str) and isinstance(expected, str):
        return value.endswith(expected)
    if mode == "contains" and isinstance(value, str) and isinstance(expected, str):
        return expected in value
    if mode == "subset" and isinstance(value, frozenset) and isinstance(expected, frozenset):
        return value <= expected
    return False


def display(matter: Matter, element: str) -> Any:
    """The value as reported (JSON-friendly): text, number, bool or list of text."""
    value = getattr(matter, element, None)
    if element == "materials":
        return material_names(matter)
    if element == "fees":
        return ["：".join(p for p in (f.name, f.standard) if p) for f in matter.fees]
    if isinstance(value, list):
        return [str(v) for v in value]
    return value


def materials_delta(left: Matter, right: Matter) -> tuple[list[str], list[str]]:
    """Material names the right side lacks and the ones it adds, relative to the left side."""
    left_names = {folded(n): n for n in material_names(left)}
    right_names = {folded(n): n for n in material_names(right)}
    missing = [n for k, n in left_names.items() if k not in right_names]
    extra = [n for k, n in right_names.items() if k not in left_names]
    return missing, extra


def as_text(value: Any) -> str:
    """One-line text of a reported value (renderers use this for cells)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "；".join(as_text(v) for v in value)
    return str(value)
