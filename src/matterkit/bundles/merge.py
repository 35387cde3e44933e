"""The merged view of a bundle: its members resolved from the matters, 一套材料, 一表申请, the chain.

Materials are merged by their normalised name (`textnorm.fold`) and medium (纸质/电子; unstated = 纸质):
a paper original and a paper copy of one 身份证 are one submission, whose entry says that the original is
shown and how many copies the members keep in all. A material that an earlier step of the chain produces (a member's
审批结果名称 equal to it) is handed over inside government (内部流转, 免提交) for the members after it.
Every member's every material stays in exactly one merged entry (`needed_by`): nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from matterkit.bundles.definition import BundleDefinition, Member
from matterkit.errors import MatterkitError
from matterkit.model import LIST_LEVEL_LABELS, FeeItem, Material, Matter
from matterkit.textnorm import fold

IN_USE = "在用"
PAPER = "纸质"  # the medium of a material that does not state one
FORM_ENDINGS = ("申请表", "申请书", "登记表", "审批表", "申报表", "申请审批表", "登记申请书")
ITEM_BASE = 12  # a 业务办理项编码 is the base code and two digits
_LEVEL_OF_LIST = {key: labels["zh"] for key, labels in LIST_LEVEL_LABELS.items()}


@dataclass
class ResolvedMember:
    """A member with the matters it names in the data; `matter` is the one the bundle uses."""

    member: Member
    stage: int
    matters: list[Matter] = field(default_factory=list)

    @property
    def matter(self) -> Matter | None:
        in_use = [m for m in self.matters if (m.status or IN_USE) == IN_USE]
        candidates = in_use or self.matters
        return candidates[0] if candidates else None

    @property
    def name(self) -> str:
        matter = self.matter
        if matter is None or not matter.name:
            return self.member.label
        return f"{matter.name}（{matter.item_name}）" if matter.item_name else matter.name

    @property
    def department(self) -> str | None:
        matter = self.matter
        return self.member.department or (matter.department or matter.body if matter else None)

    def offered_levels(self) -> set[str]:
        """The levels the data offers this member at: the level of each list it is in (县级, 乡镇级 …)."""
        levels: set[str] = set()
        for matter in self.matters:
            if matter.list_level:
                levels.add(_LEVEL_OF_LIST[matter.list_level])
            else:
                levels.update(matter.level)
        return levels


@dataclass
class Need:
    """One member's one material (as the member lists it), and whether it reaches the member internally."""

    member: str  # the member's id
    member_name: str
    material: Material
    internal: bool = False


@dataclass
class MergedMaterial:
    """One entry of 一套材料."""

    name: str
    medium: str | None
    needs: list[Need] = field(default_factory=list)
    produced_by: str | None = None  # the member whose result this material is

    @property
    def members(self) -> list[str]:
        return list(dict.fromkeys(need.member_name for need in self.needs))

    @property
    def internal(self) -> bool:
        """免提交: every member needing it receives it from an earlier step."""
        return bool(self.needs) and all(need.internal for need in self.needs)

    @property
    def original(self) -> bool:
        return any(need.material.kind in ("原件", "原件和复印件") for need in self.needs)

    @property
    def copies(self) -> int:
        """Copies the members keep in all (a member asking for a copy without a number keeps one)."""
        return sum(need.material.copies or 1 for need in self.needs
                   if need.material.kind in ("复印件", "原件和复印件") and not need.internal)

    @property
    def necessity(self) -> str:
        return "必要" if any(need.material.necessity != "非必要" for need in self.needs) else "非必要"

    @property
    def kind_text(self) -> str:
        parts = (["原件"] if self.original else []) + ([f"复印件{self.copies}份"] if self.copies else [])
        return "、".join(parts) or "—"

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "medium": self.medium, "necessity": self.necessity, "original": self.original,
                "copies": self.copies, "members": self.members, "internal": self.internal,
                "produced_by": self.produced_by,
                "as_listed": [{"member": n.member_name, "name": n.material.name, "internal": n.internal}
                              for n in self.needs]}


@dataclass
class MergedBundle:
    bundle: BundleDefinition
    members: list[ResolvedMember]  # the selected members (all of them when no 情形 was chosen)
    materials: list[MergedMaterial]
    situations: list[str] | None = None  # the chosen 情形 (None: every member shown)

    @property
    def resolved(self) -> list[ResolvedMember]:
        return [member for member in self.members if member.matter is not None]

    def stages(self) -> list[list[ResolvedMember]]:
        """The chain: steps in order, each step's members running in parallel."""
        steps: dict[int, list[ResolvedMember]] = {}
        for member in self.members:
            steps.setdefault(member.stage, []).append(member)
        return [steps[number] for number in sorted(steps)]

    def combined_limit(self, element: str) -> int | None:
        """Sum along the chain of the longest limit in each step; None when a member's limit is unknown."""
        total = 0
        for step in self.stages():
            values = [getattr(m.matter, element) if m.matter else None for m in step]
            known = [v for v in values if v is not None]
            if len(known) < len(values):
                return None
            total += max(known)
        return total

    def sum_of(self, element: str) -> int | None:
        """The sum over the members found (None when one of them lacks the value)."""
        values = [getattr(m.matter, element) for m in self.resolved]
        return None if any(v is None for v in values) else sum(values)

    @property
    def materials_before(self) -> int:
        """Submissions without the bundle: every member's every material."""
        return sum(len(m.needs) for m in self.materials)

    @property
    def materials_after(self) -> int:
        """Submissions with the bundle: one per merged material the applicant still hands in."""
        return sum(1 for m in self.materials if not m.internal)

    def forms(self) -> list[str]:
        """一表申请: the members' application forms, merged into one (names deduplicated, in order)."""
        return [m.name for m in self.materials if fold(m.name).endswith(FORM_ENDINGS)]

    def fees(self) -> list[tuple[str, FeeItem]]:
        return [(m.name, fee) for m in self.resolved for fee in (m.matter.fees if m.matter else [])]

    def departments(self) -> list[str]:
        names = [self.bundle.lead, *self.bundle.cooperating, *(m.department for m in self.members)]
        return list(dict.fromkeys(n for n in names if n))


class MatterIndex:
    """Matters by 基本编码, 业务办理项编码, 实施编码 and normalised name (built once for many bundles)."""

    def __init__(self, matters: Iterable[Matter]) -> None:
        self.by_key: dict[str, list[Matter]] = {}
        for matter in matters:
            keys = {matter.base_code, matter.item_code, matter.impl_code}
            if matter.name:
                keys |= {f"name:{fold(matter.name)}",
                         f"name:{fold(matter.name + (matter.item_name or ''))}"}
            for key in keys - {None, ""}:
                self.by_key.setdefault(str(key), []).append(matter)

    def find(self, member: Member) -> list[Matter]:
        """By code (a 业务办理项编码 the lists do not split into items falls back to its 12-digit base code),
        else by normalised name."""
        if member.code:
            found = self.by_key.get(member.code) or (self.by_key.get(member.code[:ITEM_BASE])
                                                     if len(member.code) == ITEM_BASE + 2 else None)
            return list(found or [])
        return list(self.by_key.get(f"name:{fold(member.name or '')}", []))


def resolve(bundle: BundleDefinition, index: MatterIndex, situations: Iterable[str] | None = None
            ) -> list[ResolvedMember]:
    """The members a set of 情形 selects (required ones and the optional ones of those 情形; every member
    when `situations` is None), each with its matters at the levels it is offered at."""
    chosen = None if situations is None else set(situations)
    members = []
    for member in bundle.members:
        if chosen is not None and not member.required and member.situation not in chosen:
            continue
        matters = index.find(member)
        wanted = set(member.levels or bundle.levels)
        at_level = [m for m in matters if (m.list_level and _LEVEL_OF_LIST[m.list_level] in wanted)
                    or (not m.list_level and wanted & set(m.level))]
        members.append(ResolvedMember(member, bundle.stage_of(member), at_level or matters))
    return members


def chosen_situations(bundle: BundleDefinition, situations: Iterable[str]) -> list[str]:
    """The applicant's 情形, each one the bundle lists (a typo would silently drop a member otherwise)."""
    chosen = list(situations)
    unknown = [s for s in chosen if s not in bundle.situations]
    if unknown:
        raise MatterkitError(f"一件事“{bundle.name}”没有情形“{unknown[0]}” / no such situation: {unknown[0]} "
                             f"(expected / 应为: {' | '.join(bundle.situations) or '—'})")
    return chosen


def merge_bundle(bundle: BundleDefinition, matters: Iterable[Matter] | MatterIndex,
                 situations: Iterable[str] | None = None) -> MergedBundle:
    """The merged view of `bundle` over `matters` for the chosen 情形 (every member when None)."""
    index = matters if isinstance(matters, MatterIndex) else MatterIndex(matters)
    chosen = None if situations is None else list(situations)
    members = resolve(bundle, index, chosen)
    return MergedBundle(bundle=bundle, members=members, materials=merge_materials(members), situations=chosen)


def merge_materials(members: list[ResolvedMember]) -> list[MergedMaterial]:
    """一套材料 in first-seen order; each member's materials all land in some entry."""
    produced = {fold(m.matter.result_name): m for m in members if m.matter and m.matter.result_name}
    merged: dict[tuple[str, str | None], MergedMaterial] = {}
    for member in members:
        for material in member.matter.materials if member.matter else []:
            key = (fold(material.name), material.medium or PAPER)
            entry = merged.setdefault(key, MergedMaterial(material.name, material.medium))
            producer = produced.get(key[0])
            internal = producer is not None and producer.stage < member.stage
            if internal and producer is not None:
                entry.produced_by = producer.name
            entry.needs.append(Need(member.member.id, member.name, material, internal))
    return list(merged.values())
