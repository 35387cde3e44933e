"""Locked elements of one matter compared across bodies, and with the catalogue.

For each locked element: a body's value is compared with the catalogue's when the catalogue states one,
otherwise with the value most bodies hold. A blank value is not compared (lint reports blanks).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from matterkit.diff.kinds import Difference, Side
from matterkit.diff.matching import MatterGroup, Member, body_of
from matterkit.diff.values import DEFAULT_MODE, agrees, comparable, display, materials_delta
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
    for group in groups:
        for element in locked:
            yield from _compare_element(group, element, modes.get(element, DEFAULT_MODE))


def _compare_element(group: MatterGroup, element: str, mode: str) -> Iterator[Difference]:
    stated = [(m, comparable(m.matter, element, mode)) for m in group.members]
    stated = [(m, v) for m, v in stated if v is not None]
    if not stated:
        return
    entry = group.catalogue
    expected = comparable(entry, element, mode) if entry is not None else None
    if entry is not None and expected is not None:
        for member, value in stated:
            if not agrees(value, expected, mode):
                yield _mismatch(element, entry, member, catalogue_side(entry, element),
                                "diff.note.catalogue", {"method": f"@diff.method.{member.method}"})
        return
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
