"""Match one matter across bodies: by base code, then by the base-code part of the implementation code,
then by normalised name, recording how each match was made.

`matterkit.catalogue.CatalogueIndex` finds a matter's catalogue entry by the same evidence. A handling item code
(业务办理项编码) splits one base code into its 设立/变更/注销 items, so it is part of the key when present.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from matterkit.catalogue import CatalogueIndex, MatchHow
from matterkit.catalogue import name_key as name_key  # one cache of folded names for diff and catalogue
from matterkit.model import Matter

IMPL_CODE_LENGTH = 31
BASE_CODE_LENGTH = 12

METHODS = ("item_code", "base_code", "impl_code", "name")

CatalogueHit = tuple[Matter | None, MatchHow | None]  # what `CatalogueIndex.lookup` found for a row
NO_HIT: CatalogueHit = (None, None)


def code_key(matter: Matter) -> tuple[str, str] | None:
    """(method, key) from the codes a matter carries, or None when it carries none usable."""
    item_code = _item_code(matter)
    if item_code:
        return "item_code", item_code
    if matter.base_code:
        return "base_code", matter.base_code
    impl = matter.impl_code or ""
    if len(impl) == IMPL_CODE_LENGTH:
        return "impl_code", impl[-BASE_CODE_LENGTH:]
    return None


def _item_code(matter: Matter) -> str | None:
    """The handling item code when it extends the row's base code (one of the matter's 设立/变更/注销 items)."""
    if matter.item_code and matter.base_code and matter.item_code.startswith(matter.base_code):
        return matter.item_code
    return None


@dataclass(slots=True)
class Member:
    matter: Matter
    method: str  # how this row joined its group: one of METHODS


@dataclass
class MatterGroup:
    """One matter as held by several bodies (and by the catalogue, when it lists it)."""

    key: str
    members: list[Member] = field(default_factory=list)
    catalogue: Matter | None = None
    catalogue_method: str | None = None

    @property
    def base_code(self) -> str | None:
        if self.catalogue is not None and self.catalogue.base_code:
            return self.catalogue.base_code
        return next((m.matter.base_code for m in self.members if m.matter.base_code), None)

    @property
    def name(self) -> str | None:
        if self.catalogue is not None and self.catalogue.name:
            return self.catalogue.name
        return next((m.matter.name for m in self.members if m.matter.name), None)

    @property
    def coverage_key(self) -> str:
        """The key coverage counts by: the base code (handling items of one matter count as the matter)."""
        code = self.base_code
        return "code:" + code if code else self.key

    def bodies(self) -> list[str]:
        return list(dict.fromkeys(body_of(m.matter) for m in self.members))


def body_of(matter: Matter) -> str:
    """The body whose list holds the row (list body, else the implementing body, else the file)."""
    return matter.list_body or matter.body or matter.source.file


def group_key(matter: Matter, catalogue: CatalogueIndex | None = None) -> tuple[str, str]:
    """(key, method): the key two rows share when they are the same matter.

    The catalogue comes first: a row whose code the catalogue does not know but whose name it does joins
    the catalogue's matter (so a mistyped code shows as a base-code mismatch, not as a new matter).
    """
    return _group_key(matter, catalogue.lookup(matter) if catalogue is not None else NO_HIT)


def _group_key(matter: Matter, hit: CatalogueHit) -> tuple[str, str]:
    item_code = _item_code(matter)
    if item_code:
        return "code:" + item_code, "item_code"
    entry, method = hit
    if entry is not None and method is not None:
        return "code:" + entry.base_code if entry.base_code else catalogue_key(entry), method
    found = code_key(matter)
    if found:
        return "code:" + found[1], found[0]
    return "name:" + name_key(matter.name), "name"


def catalogue_key(entry: Matter) -> str:
    found = code_key(entry)
    return "code:" + found[1] if found else "name:" + name_key(entry.name)


def match_matters(matters: Iterable[Matter], catalogue: CatalogueIndex | None = None) -> list[MatterGroup]:
    """Group rows that are one matter. Rows without codes join a code group holding their folded name.

    A group's catalogue entry is the one its first row (in member order) that claims an entry claims."""
    groups: dict[str, MatterGroup] = {}
    uncoded: list[tuple[Matter, CatalogueHit]] = []
    for matter in matters:
        hit = catalogue.lookup(matter) if catalogue is not None else NO_HIT
        key, method = _group_key(matter, hit)
        if key.startswith("name:") and method == "name":
            uncoded.append((matter, hit))
            continue
        _join(groups, key, Member(matter, method), hit)
    if uncoded:
        names = _name_index(groups)
        for matter, hit in uncoded:
            key = names.get(name_key(matter.name), "name:" + name_key(matter.name))
            _join(groups, key, Member(matter, "name"), hit)
    return list(groups.values())


def _join(groups: dict[str, MatterGroup], key: str, member: Member, hit: CatalogueHit) -> None:
    group = groups.get(key)
    if group is None:
        group = groups[key] = MatterGroup(key)
    group.members.append(member)
    if group.catalogue is None and hit[0] is not None:
        group.catalogue, group.catalogue_method = hit


def _name_index(groups: dict[str, MatterGroup]) -> dict[str, str]:
    index: dict[str, str] = {}
    for key, group in groups.items():
        for member in group.members:
            if member.matter.name:
                index.setdefault(name_key(member.matter.name), key)
    return index
