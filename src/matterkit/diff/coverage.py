"""Coverage: does every township and every village offer the matters it must, and only those?

The standard list of a level comes from matterkit.yaml (`diff.standard_lists`), else from the catalogue
entries whose 行使层级 include 乡镇级 / 村级. Where neither gives one, the bodies of that level are compared
with each other: a matter at least half of them offer is expected of all, one fewer than half offer is extra.
A matter a township holds by delegation (权力来源 上级下放/授权/委托, 同级授权/委托) is not extra; a village's
list is meant to be the same in every village (its rows are commonly all 上级委托), so there it does not count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from matterkit.catalogue import CatalogueIndex
from matterkit.diff.compare import side_of
from matterkit.diff.kinds import Difference, Side
from matterkit.diff.matching import MatterGroup, body_of, name_key
from matterkit.model import Matter

COVERED_LEVELS: dict[str, str] = {"township": "乡镇级", "village": "村级"}
DELEGATED_SOURCES = frozenset({"上级下放", "上级授权", "上级委托", "同级授权", "同级委托"})
STANDARD_LEVEL = "standard"

PRESENT, MISSING, EXTRA, DELEGATED, ABSENT = "present", "missing", "extra", "delegated", "absent"


@dataclass(frozen=True)
class MatrixMatter:
    key: str
    name: str | None
    base_code: str | None
    expected: bool


@dataclass
class CoverageMatrix:
    """Bodies of one level against matters: present / missing / extra / delegated / absent."""

    level: str
    basis: str  # "config" | "catalogue" | "peers"
    bodies: list[str]
    matters: list[MatrixMatter]
    cells: dict[tuple[str, str], str] = field(default_factory=dict)  # (matter key, body) -> status

    def status(self, key: str, body: str) -> str:
        return self.cells.get((key, body), ABSENT)

    def totals_by_body(self) -> dict[str, Counter[str]]:
        return {body: Counter(self.status(m.key, body) for m in self.matters) for body in self.bodies}

    def totals_by_matter(self) -> dict[str, Counter[str]]:
        return {m.key: Counter(self.status(m.key, body) for body in self.bodies) for m in self.matters}


@dataclass(frozen=True)
class StandardEntry:
    key: str
    name: str | None
    base_code: str | None
    entry: Matter | None  # the catalogue entry, when there is one


def standard_list(level: str, catalogue: CatalogueIndex | None,
                  configured: Mapping[str, Sequence[str]]) -> tuple[list[StandardEntry], str] | None:
    """The standard list of a level and where it came from, or None when nothing defines one."""
    if level in configured:
        return [_configured_entry(value, catalogue) for value in configured[level]], "config"
    if catalogue is None:
        return None
    entries = [_entry(e) for e in catalogue.standard_list(COVERED_LEVELS[level])]
    return (entries, "catalogue") if entries else None


def _entry(entry: Matter) -> StandardEntry:
    key = "code:" + entry.base_code if entry.base_code else "name:" + name_key(entry.name)
    return StandardEntry(key, entry.name, entry.base_code, entry)


def _configured_entry(value: str, catalogue: CatalogueIndex | None) -> StandardEntry:
    value = value.strip()
    entry = None
    if catalogue is not None:
        entry = catalogue.by_base_code.get(value.upper()) or catalogue.by_name.get(name_key(value))
    if entry is not None:
        return _entry(entry)
    if value.isdigit():
        return StandardEntry("code:" + value, None, value, None)
    return StandardEntry("name:" + name_key(value), value, None, None)


def coverage(groups: Sequence[MatterGroup], catalogue: CatalogueIndex | None,
             configured: Mapping[str, Sequence[str]]) -> tuple[list[Difference], list[CoverageMatrix]]:
    differences: list[Difference] = []
    matrices: list[CoverageMatrix] = []
    holdings = _holdings(groups)
    info = _group_info(groups) if any(holdings.values()) else {}
    for level in COVERED_LEVELS:
        held = holdings[level]
        if not held:
            continue
        standard = standard_list(level, catalogue, configured)
        if standard is None:
            matrix = _peer_matrix(level, held, info)
        else:
            matrix = _standard_matrix(level, held, info, *standard)
        matrices.append(matrix)
        differences.extend(_differences(matrix, held, {s.key: s for s in standard[0]} if standard else {}))
    return differences, matrices


def _holdings(groups: Iterable[MatterGroup]) -> dict[str, dict[str, dict[str, list[Matter]]]]:
    """Per covered level: body -> group key -> the body's rows of that matter (one pass over the rows)."""
    held: dict[str, dict[str, dict[str, list[Matter]]]] = {level: {} for level in COVERED_LEVELS}
    for group in groups:
        key = None
        for member in group.members:
            by_body = held.get(member.matter.list_level or "")
            if by_body is not None:
                key = key or group.coverage_key
                by_body.setdefault(body_of(member.matter), {}).setdefault(key, []).append(member.matter)
    return held


def _group_info(groups: Iterable[MatterGroup]) -> dict[str, MatterGroup]:
    info: dict[str, MatterGroup] = {}
    for group in groups:
        info.setdefault(group.coverage_key, group)
    return info


def _standard_matrix(level: str, held: dict[str, dict[str, list[Matter]]], info: Mapping[str, MatterGroup],
                     standard: list[StandardEntry], basis: str) -> CoverageMatrix:
    expected = {s.key for s in standard}
    matters = [MatrixMatter(s.key, s.name or _name(info.get(s.key)), s.base_code, True) for s in standard]
    seen = set(expected)
    for body_held in held.values():
        for key in body_held:
            if key not in seen:
                seen.add(key)
                group = info[key]
                matters.append(MatrixMatter(key, group.name, group.base_code, False))
    return _filled(CoverageMatrix(level, basis, sorted(held), matters), held, unexpected=EXTRA)


def _peer_matrix(level: str, held: dict[str, dict[str, list[Matter]]],
                 info: Mapping[str, MatterGroup]) -> CoverageMatrix:
    counts = Counter(key for body_held in held.values() for key in body_held)
    total = len(held)
    matters = [MatrixMatter(key, info[key].name, info[key].base_code, total >= 2 and count * 2 >= total)
               for key, count in counts.items()]
    # a lone body has no peers to be "extra" against
    return _filled(CoverageMatrix(level, "peers", sorted(held), matters), held,
                   unexpected=EXTRA if total >= 2 else PRESENT)


def _filled(matrix: CoverageMatrix, held: dict[str, dict[str, list[Matter]]], *, unexpected: str) -> CoverageMatrix:
    """Each body × matter cell: present or missing where the matter is expected; where it is not,
    delegated (a township's 下放/委托 row) or `unexpected`."""
    for body, body_held in held.items():
        for matter in matrix.matters:
            rows = body_held.get(matter.key)
            if matter.expected:
                matrix.cells[(matter.key, body)] = PRESENT if rows else MISSING
            elif rows:
                matrix.cells[(matter.key, body)] = DELEGATED if _delegated(matrix.level, rows) else unexpected
    return matrix


def _delegated(level: str, rows: Iterable[Matter]) -> bool:
    return level == "township" and any(row.power_source in DELEGATED_SOURCES for row in rows)


def _name(group: MatterGroup | None) -> str | None:
    return group.name if group is not None else None


def _differences(matrix: CoverageMatrix, held: dict[str, dict[str, list[Matter]]],
                 standard: Mapping[str, StandardEntry]) -> Iterator[Difference]:
    counts = matrix.totals_by_matter()
    total = len(matrix.bodies)
    level_label = f"@diff.level.{matrix.level}"
    for matter in matrix.matters:
        held_by = total - counts[matter.key][MISSING] - counts[matter.key][ABSENT]
        for body in matrix.bodies:
            status = matrix.status(matter.key, body)
            if status == MISSING:
                peer = next((rows[matter.key][0] for rows in held.values() if matter.key in rows), None)
                yield _missing(matrix, matter, body, standard.get(matter.key), peer, (held_by, total),
                               level_label)
            elif status == EXTRA:
                for row in held[body][matter.key]:
                    values = ({"held": held_by, "total": total, "level": level_label}
                              if matrix.basis == "peers" else {"level": level_label})
                    note = ("diff.note.peer_extra" if matrix.basis == "peers" else "diff.note.standard_extra"
                            if matrix.level == "township" else "diff.note.standard_extra_village")
                    yield Difference("extra", None, row.reference(), None, side_of(row, "name"), note, values)


def _missing(matrix: CoverageMatrix, matter: MatrixMatter, body: str, entry: StandardEntry | None,
             peer: Matter | None, held: tuple[int, int], level_label: str) -> Difference:
    reference = {"name": matter.name, "base_code": matter.base_code, "impl_code": None, "body": body,
                 "level": matrix.level, "department": entry.entry.department if entry and entry.entry else None}
    if matrix.basis == "peers":
        left = side_of(peer, "name") if peer is not None else None
        note, values = "diff.note.peer_missing", {"held": held[0], "total": held[1], "level": level_label}
    else:
        location = entry.entry.location_of("name") if entry and entry.entry else None
        left = Side(level=STANDARD_LEVEL, body=None, value=matter.name, location=location)
        note, values = "diff.note.standard_missing", {"level": level_label}
    return Difference("missing", None, reference, left, None, note, values)
