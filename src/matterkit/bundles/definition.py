"""The bundle definition model: what a `bundles/*.yaml` file says once `extends` is resolved.

Every value keeps the file and line it was declared at (a county's override names the county's file, an
inherited member the province's), so that a bundle finding points at the line to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from matterkit.model import Location

Flow = Literal["sequence", "parallel"]


@dataclass(frozen=True)
class Member:
    """One member matter of a bundle, as the definition names it (resolved against matters in `merge`)."""

    id: str
    code: str | None = None  # 基本编码, 业务办理项编码 or 实施编码
    name: str | None = None
    required: bool = True
    situation: str | None = None  # the 情形 selecting an optional member
    levels: tuple[str, ...] = ()
    stage: int | None = None
    department: str | None = None
    path: str = ""
    line: int | None = None

    @property
    def label(self) -> str:
        """How reports name the member before it is resolved."""
        return self.name or self.code or self.id

    def location(self) -> Location:
        return Location(file=self.path, row=self.line)


@dataclass
class BundleDefinition:
    """One bundle (套餐) with its members; `lines` maps a top-level key to (file, line) of its declaration."""

    name: str
    path: str
    code: str | None = None
    example: bool = False
    description: str | None = None
    lead: str | None = None  # 牵头部门
    cooperating: list[str] = field(default_factory=list)  # 配合部门
    target: str | None = None  # 自然人 | 法人
    levels: list[str] = field(default_factory=lambda: ["县级"])
    flow: Flow = "sequence"
    promised_limit: int | None = None
    visits: int | None = None
    situations: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    extends: list[str] = field(default_factory=list)  # the chain of extended files, nearest first
    lines: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    def location(self, key: str | None = None) -> Location:
        """Where `key` was declared (the bundle's name line when the key was never written)."""
        path, line = self.lines.get(key or "bundle") or self.lines.get("bundle") or (self.path, 1)
        return Location(file=path, row=line)

    def stage_of(self, member: Member) -> int:
        """Members with no stage: each its own step in order (sequence) or all in step 1 (parallel)."""
        if member.stage is not None:
            return member.stage
        return 1 if self.flow == "parallel" else self.members.index(member) + 1

    def reference(self) -> dict[str, object]:
        """The bundle as the `matter` of a finding (a bundle finding concerns the bundle, not a row)."""
        return {"name": self.name, "base_code": self.code, "impl_code": None, "body": self.lead,
                "level": None, "department": self.lead}
