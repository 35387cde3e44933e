"""The result of a comparison: differences, coverage matrices and a summary; the JSON contract."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from matterkit.diff.coverage import CoverageMatrix
from matterkit.diff.kinds import KIND_ORDER, Difference

SCHEMA = "matterkit.diff/1"


@dataclass
class DiffReport:
    mode: str  # "levels" (bodies and levels of one workspace) | "versions" (OLD against NEW)
    differences: list[Difference]
    coverage: list[CoverageMatrix] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)  # counts and settings shown in the summary

    def by_kind(self) -> dict[str, int]:
        counts = Counter(d.kind for d in self.differences)
        return {kind: counts[kind] for kind in KIND_ORDER if counts[kind]}

    def failing(self, fail_on: Iterable[str]) -> list[Difference]:
        kinds = set(fail_on)
        return [d for d in self.differences if d.kind in kinds]

    def summary(self, fail_on: Iterable[str] = KIND_ORDER) -> dict[str, Any]:
        summary: dict[str, Any] = {"mode": self.mode, **self.info, "differences": len(self.differences),
                                   "by_kind": self.by_kind(), "failing": len(self.failing(fail_on)),
                                   "fail_on": list(fail_on)}
        if self.coverage:
            summary["coverage"] = [_coverage_summary(m) for m in self.coverage]
        return summary

    def to_json(self, lang: str | None = None, fail_on: Iterable[str] = KIND_ORDER) -> dict[str, Any]:
        return {"schema": SCHEMA, "summary": self.summary(tuple(fail_on)),
                "differences": [d.to_dict(lang) for d in self.differences]}


def _coverage_summary(matrix: CoverageMatrix) -> dict[str, Any]:
    return {"level": matrix.level, "basis": matrix.basis, "bodies": len(matrix.bodies),
            "matters": len(matrix.matters), "expected": sum(1 for m in matrix.matters if m.expected),
            "per_body": {body: dict(sorted(counts.items())) for body, counts in matrix.totals_by_body().items()}}
