"""A rule: one configured use of a check kind, as loaded from a rule pack."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from matterkit.lint.findings import RegulationRef, Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    title: dict[str, str]
    severity: Severity
    kind: str
    params: dict[str, Any]
    source: RegulationRef | None
    pack: str
    path: str  # the pack file that declared the rule
    line: int | None = None
    message: dict[str, str] | None = None
    description: dict[str, str] | None = None
    applies: dict[str, Any] = field(default_factory=dict)
    examples: dict[str, list[Any]] = field(default_factory=dict)
    enabled: bool = True
    kinds: dict[str, list[str]] = field(default_factory=dict)  # list kind -> elements it requires (packs' kinds:)

    def text(self, attribute: str, lang: str = "zh") -> str:
        """A bilingual attribute (title, description) in one language, falling back to Chinese."""
        value = getattr(self, attribute) or {}
        return str(value.get("en" if lang == "en" else "zh") or value.get("zh") or "")

    def with_changes(self, **changes: Any) -> Rule:
        return replace(self, **changes)


@dataclass
class RuleSet:
    """The rules of the packs a lint uses, in declaration order, with the code redirect table."""

    rules: dict[str, Rule]
    redirects: dict[str, str] = field(default_factory=dict)
    packs: list[str] = field(default_factory=list)
    kinds: dict[str, list[str]] = field(default_factory=dict)  # list kind -> the elements it must hold

    def resolve(self, code: str) -> str:
        """A code after following renames (`redirects:` in packs)."""
        seen = set()
        while code in self.redirects and code not in seen:
            seen.add(code)
            code = self.redirects[code]
        return code

    def get(self, code: str) -> Rule | None:
        return self.rules.get(self.resolve(code.upper()))

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())

    def __len__(self) -> int:
        return len(self.rules)
