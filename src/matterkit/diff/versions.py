"""Two versions of the lists (last year's and this year's): added, removed and changed matters.

Rows are paired by implementation code (with its handling item), then by base code and body, then by
normalised name and body; a key is used only where it is unique on both sides. Every element of a paired
row is compared; each changed element is one `changed` difference with its old and new value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

from matterkit.diff.compare import side_of
from matterkit.diff.kinds import Difference
from matterkit.diff.matching import body_of, name_key
from matterkit.model import ELEMENT_FIELDS, Matter

KeyFunction = Callable[[Matter], tuple[str, ...] | None]


def _impl_key(matter: Matter) -> tuple[str, ...] | None:
    return (matter.impl_code, matter.item_code or "") if matter.impl_code else None


def _base_body_key(matter: Matter) -> tuple[str, ...] | None:
    code = matter.item_code or matter.base_code
    return (code, body_of(matter)) if code else None


def _name_body_key(matter: Matter) -> tuple[str, ...] | None:
    name = name_key(matter.name)
    return (name, body_of(matter)) if name else None


VERSION_KEYS: tuple[tuple[str, KeyFunction], ...] = (
    ("impl_code_full", _impl_key), ("base_code_body", _base_body_key), ("name_body", _name_body_key))


def pair_versions(old: Sequence[Matter], new: Sequence[Matter]
                  ) -> tuple[list[tuple[Matter, Matter, str]], list[Matter], list[Matter]]:
    """(pairs with the method that paired them, removed rows, added rows)."""
    old_left, new_left = list(old), list(new)
    pairs: list[tuple[Matter, Matter, str]] = []
    for method, key in VERSION_KEYS:
        found = _pair_unique(old_left, new_left, key)
        old_left, new_left = _without(old_left, new_left, found)
        pairs.extend((a, b, method) for a, b in found)
    for method, key in VERSION_KEYS:  # a key listed twice on both sides: pair in the order of the rows
        found = _pair_in_order(old_left, new_left, key)
        old_left, new_left = _without(old_left, new_left, found)
        pairs.extend((a, b, method) for a, b in found)
    pairs.sort(key=lambda p: (p[1].source.file, p[1].source.sheet or "", p[1].source.row or 0))
    return pairs, old_left, new_left


def _pair_unique(old: list[Matter], new: list[Matter], key: KeyFunction) -> list[tuple[Matter, Matter]]:
    old_index, new_index = _unique_index(old, key), _unique_index(new, key)
    return [(old_index[k], new_index[k]) for k in old_index.keys() & new_index.keys()]


def _pair_in_order(old: list[Matter], new: list[Matter], key: KeyFunction) -> list[tuple[Matter, Matter]]:
    new_by_key: dict[tuple[str, ...], list[Matter]] = {}
    for matter in new:
        k = key(matter)
        if k is not None:
            new_by_key.setdefault(k, []).append(matter)
    found = []
    for matter in old:
        candidates = new_by_key.get(key(matter) or ())
        if candidates:
            found.append((matter, candidates.pop(0)))
    return found


def _without(old: list[Matter], new: list[Matter], found: list[tuple[Matter, Matter]]
             ) -> tuple[list[Matter], list[Matter]]:
    paired_old, paired_new = {id(a) for a, _ in found}, {id(b) for _, b in found}
    return [m for m in old if id(m) not in paired_old], [m for m in new if id(m) not in paired_new]


def _unique_index(matters: Iterable[Matter], key: KeyFunction) -> dict[tuple[str, ...], Matter]:
    keyed = [(key(m), m) for m in matters]
    counts = Counter(k for k, _ in keyed if k is not None)
    return {k: m for k, m in keyed if k is not None and counts[k] == 1}


def changed_elements(old: Matter, new: Matter, elements: Sequence[str] = ELEMENT_FIELDS) -> list[str]:
    return [e for e in elements if getattr(old, e) != getattr(new, e)]


def version_diff(old: Sequence[Matter], new: Sequence[Matter]) -> Iterator[Difference]:
    pairs, removed, added = pair_versions(old, new)
    for before, after, method in pairs:
        for element in changed_elements(before, after):
            yield Difference("changed", element, after.reference(), side_of(before, element),
                             side_of(after, element), "diff.note.version_key", {"method": f"@diff.method.{method}"})
    for row in removed:
        yield Difference("removed", None, row.reference(), side_of(row, "name"), None)
    for row in added:
        yield Difference("added", None, row.reference(), None, side_of(row, "name"))
