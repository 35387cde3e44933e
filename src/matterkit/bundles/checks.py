"""Bundle checks: what can be wrong with a bundle definition against the workspace's matters.

Each check is a generator of `BundleHit`s over one merged bundle; the `BUN` rules of `rules/bundles.yaml`
choose a check (`kind: bundle`, `params: {check: …}`) and give it code, severity, wording and source.
A hit is located at the line of the bundle file that declares what is wrong (the member, the promised
limit, the bundle itself).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from matterkit.bundles.merge import IN_USE, MergedBundle, ResolvedMember
from matterkit.model import Location
from matterkit.textnorm import fold


@dataclass
class BundleHit:
    location: Location
    element: str | None
    value: Any
    expected: Any = None
    values: dict[str, Any] = field(default_factory=dict)  # message placeholders
    matter: dict[str, object] | None = None  # the member's matter reference, else the bundle's


def _member_hit(member: ResolvedMember, element: str | None, value: Any, expected: Any = None,
                **values: Any) -> BundleHit:
    matter = member.matter.reference() if member.matter else None
    return BundleHit(member.member.location(), element, value, expected,
                     {"member": member.name, **values}, matter)


def member_missing(merged: MergedBundle, params: dict[str, Any]) -> Iterator[BundleHit]:
    """A member that names no matter of the workspace."""
    for member in merged.members:
        if member.matter is None:
            yield _member_hit(member, "base_code" if member.member.code else "name",
                              member.member.code or member.member.name)


def member_not_in_use(merged: MergedBundle, params: dict[str, Any]) -> Iterator[BundleHit]:
    """A member whose matter is 暂停 or 取消 (no matter of it is 在用)."""
    for member in merged.resolved:
        status = member.matter.status if member.matter else None
        if status and status != IN_USE:
            yield _member_hit(member, "status", status, IN_USE)


def member_level(merged: MergedBundle, params: dict[str, Any]) -> Iterator[BundleHit]:
    """A member the data offers at none of the levels the bundle is offered at."""
    bundle_levels = set(merged.bundle.levels)
    for member in merged.resolved:
        offered = member.offered_levels()
        if offered and not offered & bundle_levels:
            yield _member_hit(member, "level", "、".join(sorted(offered)), "、".join(merged.bundle.levels))


def promised_over_legal(merged: MergedBundle, params: dict[str, Any]) -> Iterator[BundleHit]:
    """The bundle's promised limit above the sum of its members' legal limits."""
    promised, legal = merged.bundle.promised_limit, merged.sum_of("legal_limit")
    if promised is not None and legal is not None and merged.resolved and promised > legal:
        yield BundleHit(merged.bundle.location("promised_limit"), "promised_limit", promised, legal,
                        {"legal": legal})


def lead_missing(merged: MergedBundle, params: dict[str, Any]) -> Iterator[BundleHit]:
    """A bundle without 牵头部门."""
    if not (merged.bundle.lead or "").strip():
        yield BundleHit(merged.bundle.location("lead"), "department", merged.bundle.lead)


def near_duplicate_material(merged: MergedBundle, params: dict[str, Any]) -> Iterator[BundleHit]:
    """Two members asking for one material under two wordings the merge kept apart: names that score at
    least `threshold` (rapidfuzz ratio of the normalised names) or of which one contains the other, except
    generic names (申请表 …) that are contained in many different materials."""
    threshold = params.get("threshold", 80)
    generic = {fold(name) for name in params.get("generic", [])}
    entries = [(fold(m.name), m) for m in merged.materials if not m.internal]
    for i, (left, first) in enumerate(entries):
        for right, second in entries[i + 1:]:
            if set(first.members) == set(second.members) or left in generic or right in generic:
                continue
            if _similar(left, right, threshold):
                member = next(r for r in merged.members if r.name == second.members[0])
                yield _member_hit(member, "materials", second.name, first.name, other=first.name,
                                  other_members="、".join(first.members))


def situation_undeclared(merged: MergedBundle, params: dict[str, Any]) -> Iterator[BundleHit]:
    """An optional member without a 情形, or with one the bundle does not offer the applicant."""
    declared = merged.bundle.situations
    for member in merged.members:
        situation = member.member.situation
        if not member.member.required and (not situation or situation not in declared):
            yield _member_hit(member, None, situation, "、".join(declared), situation=situation or "")


def _similar(left: str, right: str, threshold: float) -> bool:
    shorter, longer = sorted((left, right), key=len)
    return len(shorter) >= 2 and (shorter in longer or fuzz.ratio(left, right) >= threshold)


CHECKS: dict[str, Callable[[MergedBundle, dict[str, Any]], Iterator[BundleHit]]] = {
    "member-missing": member_missing,
    "member-not-in-use": member_not_in_use,
    "member-level": member_level,
    "promised-over-legal": promised_over_legal,
    "lead-missing": lead_missing,
    "near-duplicate-material": near_duplicate_material,
    "situation-undeclared": situation_undeclared,
}
