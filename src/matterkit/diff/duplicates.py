"""Exact duplicates within a body and across the county.

- one implementation code (with one handling item) listed twice;
- one base code listed twice in one body's list (under two names, or twice under one name);
- one normalised name under different codes (two matters where there should be one);
- one matter implemented by a county department and by a township whose 权力来源 records no delegation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress
from operator import attrgetter, itemgetter

from matterkit.diff.compare import side_of
from matterkit.diff.coverage import DELEGATED_SOURCES
from matterkit.diff.kinds import Difference
from matterkit.diff.matching import MatterGroup, body_of, name_key
from matterkit.diff.values import text_key
from matterkit.model import Matter

TOWNSHIP_LEVEL_LABEL = "乡镇级"


def duplicates(groups: Sequence[MatterGroup]) -> Iterator[Difference]:
    yield from repeated_impl_codes(groups)
    yield from repeated_within_body(groups)
    yield from one_name_several_codes(groups)
    yield from county_and_township(groups)


def _pair(element: str, first: Matter, other: Matter, note_key: str, **values: object) -> Difference:
    return Difference("duplicate", element, other.reference(), side_of(first, element), side_of(other, element),
                      note_key, values)


def repeated_impl_codes(groups: Iterable[MatterGroup]) -> Iterator[Difference]:
    """One implementation code (and handling item) on rows of different matters or different bodies;
    the same matter twice in one body's list is reported by `repeated_within_body`."""
    owners, rows = _rows_of(groups)
    codes = list(map(attrgetter("impl_code"), rows))
    # nearly every code occurs once: only the rows of the others need a closer look
    twice = {code for code, count in Counter(codes).items() if count > 1 and code}
    found_rows: dict[tuple[str | None, str], list[tuple[MatterGroup, Matter]]] = defaultdict(list)
    for group, row in compress(zip(owners, rows, strict=True), map(twice.__contains__, codes)):
        found_rows[(row.impl_code, row.item_code or "")].append((group, row))
    for (code, _item), found in found_rows.items():
        first_group, first = found[0]
        for group, other in found[1:]:
            if group is first_group and body_of(other) == body_of(first):
                continue
            yield _pair("impl_code", first, other, "diff.note.dup_impl_code", code=code, count=len(found))


def repeated_within_body(groups: Iterable[MatterGroup]) -> Iterator[Difference]:
    """One matter twice in one body's list: under two names (element `name`), else under one name."""
    for group in groups:
        if len(group.members) < 2:
            continue
        by_body: dict[tuple[str | None, str], list[Matter]] = defaultdict(list)
        for member in group.members:
            by_body[(member.matter.list_level, body_of(member.matter))].append(member.matter)
        for matters in by_body.values():
            first = matters[0]
            for other in matters[1:]:
                code = first.base_code or other.base_code or group.base_code or ""
                if text_key(first.name) != text_key(other.name):
                    yield _pair("name", first, other, "diff.note.dup_base_code_names", code=code)
                elif other.impl_code and other.impl_code == first.impl_code:
                    yield _pair("impl_code", first, other, "diff.note.dup_impl_code", code=other.impl_code,
                                count=len(matters))
                else:
                    yield _pair("base_code", first, other, "diff.note.dup_in_body", code=code)


def one_name_several_codes(groups: Sequence[MatterGroup]) -> Iterator[Difference]:
    """Matters with one normalised name that sit in different groups because their codes differ. A name is the
    row's 事项名称 with its 子项名称: the sub-items of one main item carry one name and their own codes."""
    for name, named in _groups_by_name(groups).items():
        coded = [g for g in named if g.base_code]
        if not name or len(coded) < 2:
            continue
        coded.sort(key=lambda g: -len(g.members))
        reference = _row_named(coded[0], name)
        codes = "、".join(g.base_code or "" for g in coded)
        for group in coded[1:]:
            for member in group.members:
                if _full_name(member.matter) == name:
                    yield _pair("base_code", reference, member.matter, "diff.note.dup_name_codes", codes=codes)


def _groups_by_name(groups: Sequence[MatterGroup]) -> dict[str, list[MatterGroup]]:
    """Folded names used in more than one group -> those groups, in order (names first seen first)."""
    owners, rows = _rows_of(groups)
    keys = list(map(_full_name, rows))  # "" for a row without a name
    uses = Counter(map(itemgetter(0), dict.fromkeys(zip(keys, map(id, owners), strict=True))))
    shared = {key for key, count in uses.items() if count > 1 and key}
    by_name: dict[str, list[MatterGroup]] = defaultdict(list)
    for group, key in compress(zip(owners, keys, strict=True), map(shared.__contains__, keys)):
        named = by_name[key]
        if not named or named[-1] is not group:  # a group's rows come one after another
            named.append(group)
    return by_name


def _rows_of(groups: Iterable[MatterGroup]) -> tuple[list[MatterGroup], list[Matter]]:
    """Every row, in group order, and beside it (same position) the group it belongs to."""
    groups = list(groups)
    return ([group for group in groups for _ in group.members],
            [member.matter for group in groups for member in group.members])


def _row_named(group: MatterGroup, name: str) -> Matter:
    return next(m.matter for m in group.members if _full_name(m.matter) == name)


def _full_name(matter: Matter) -> str:
    """The folded name, with the folded 子项名称 when the row has one ("" for a row without a name)."""
    name = name_key(matter.name)
    return f"{name}/{name_key(matter.sub_item)}" if name and matter.sub_item else name


def county_and_township(groups: Iterable[MatterGroup]) -> Iterator[Difference]:
    for group in groups:
        if len(group.members) < 2:
            continue  # a county row and a township row are two members
        if group.catalogue is not None and TOWNSHIP_LEVEL_LABEL in group.catalogue.level:
            continue  # the catalogue lets townships exercise it themselves
        county = [m.matter for m in group.members if m.matter.list_level == "county"]
        if not county:
            continue
        for member in group.members:
            row = member.matter
            if row.list_level == "township" and row.power_source not in DELEGATED_SOURCES:
                yield _pair("power_source", county[0], row, "diff.note.dup_county_township",
                            source=row.power_source or "@diff.none")
