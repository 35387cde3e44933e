"""Locked elements of one matter compared across bodies, and with the catalogue.

For each locked element: a body's value is compared with the catalogue's when the catalogue states one,
otherwise with the value most bodies hold. A blank value is not compared (lint reports blanks).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from itertools import compress
from operator import ne
from typing import Any

from matterkit.diff.kinds import Difference, Side
from matterkit.diff.matching import MatterGroup, Member, body_of
from matterkit.diff.values import DEFAULT_MODE, ElementForms, RowReader, display, materials_delta
from matterkit.model import Matter

CATALOGUE_LEVEL = "catalogue"


def side_of(matter: Matter, element: str | None) -> Side:
    return Side(level=matter.list_level, body=body_of(matter),
                value=display(matter, element) if element else None,
                location=matter.location_of(element))


def catalogue_side(entry: Matter, element: str | None) -> Side:
    return Side(level=CATALOGUE_LEVEL, body=None,
                value=display(entry, element) if element else None, location=entry.location_of(element))


def element_mismatches(groups: Iterable[MatterGroup], locked: Sequence[str],
                       modes: Mapping[str, str] | None = None) -> Iterator[Difference]:
    """Locked elements compared per matter; `modes` gives each element's comparison (default exact)."""
    modes = modes or {}
    elements = [ElementForms(element, modes.get(element, DEFAULT_MODE)) for element in locked]
    read = RowReader(locked)
    for group in groups:
        for index in _elements_to_compare(group, elements, read):
            forms = elements[index]
            yield from _compare_element(group, forms, [forms.raw_of(member.matter) for member in group.members])


def _elements_to_compare(group: MatterGroup, elements: list[ElementForms], read: RowReader) -> list[int]:
    """The elements (indices) in which some row of the group may differ, in order.

    A row's raw values are compared with its reference's (the catalogue entry's, else the group's first
    row's) all at once: a row stating exactly the same values, or values already found to conform (a
    county's 「青山县市场监督管理局」 for the catalogue's 「市场监督管理局」), needs no comparison. That is
    nearly every row, and it is found without computing any comparison form.
    """
    if not group.members:
        return []
    entry = group.catalogue
    reference = read(entry) if entry is not None else read(group.members[0].matter)
    conforming: set[tuple[Hashable, ...]] = set()  # values of rows found to conform in every element
    flagged: set[int] = set()
    for member in group.members:
        row = member.matter
        values = read(row)
        if values == reference or (conforming and values in conforming):
            continue
        differing = compress(zip(read.order, values, reference, strict=True), map(ne, values, reference))
        for index, raw, expected in differing:  # (element index, row's raw value, reference's)
            if index not in flagged and (entry is None or not elements[index].conforms(row, raw, entry, expected)):
                flagged.add(index)
        if not flagged:
            conforming.add(values)
    return sorted(flagged)


def _compare_element(group: MatterGroup, forms: ElementForms, raws: list[Any]) -> Iterator[Difference]:
    """A row's value against the catalogue's when the catalogue states one, else against the majority."""
    element = forms.element
    entry = group.catalogue
    if entry is not None:
        entry_raw = forms.raw_of(entry)
        if forms.form(entry, entry_raw) is not None:
            for member, raw in zip(group.members, raws, strict=True):
                if raw != entry_raw and not forms.conforms(member.matter, raw, entry, entry_raw):
                    yield _mismatch(element, entry, member, catalogue_side(entry, element),
                                    "diff.note.catalogue", {"method": f"@diff.method.{member.method}"})
            return
    stated = [(m, v) for m, raw in zip(group.members, raws, strict=True)
              if (v := forms.form(m.matter, raw)) is not None]
    if len(stated) < 2:
        return
    counts = Counter(v for _, v in stated)
    majority, agree = counts.most_common(1)[0]
    reference = next(m for m, v in stated if v == majority)
    for member, value in stated:
        if value != majority:
            yield _mismatch(element, reference.matter, member, side_of(reference.matter, element),
                            "diff.note.majority", {"agree": agree, "total": len(stated),
                                                   "method": f"@diff.method.{member.method}"})


def _mismatch(element: str, reference: Matter, member: Member, left: Side, note_key: str,
              note_values: dict[str, Any]) -> Difference:
    if element == "materials":
        missing, extra = materials_delta(reference, member.matter)
        note_values = {**note_values, "detail": _materials_note(missing, extra)}
        note_key = note_key + ".materials"
    return Difference(kind="element_mismatch", element=element, matter=member.matter.reference(),
                      left=left, right=side_of(member.matter, element), note_key=note_key,
                      note_values=note_values)


def _materials_note(missing: list[str], extra: list[str]) -> str:
    return "；".join(part for part in ("−" + "、".join(missing) if missing else "",
                                       "+" + "、".join(extra) if extra else "") if part)
