"""What a check reports. Findings are plain data: a renderer prints them, it never decides what is wrong.

Declared once, frictionless-style: the kind of a finding is its rule (code, name, templates in `rules/*.yaml`),
and the messages of the lint engine itself are registered here with Chinese and English templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from matterkit.i18n import register
from matterkit.model import Location

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

SEVERITY_LABELS: dict[str, dict[str, str]] = {
    "error": {"zh": "错误", "en": "error"},
    "warning": {"zh": "警告", "en": "warning"},
    "info": {"zh": "提示", "en": "info"},
}


@dataclass(frozen=True)
class RegulationRef:
    """The regulation a rule comes from."""

    title: str
    clause: str | None = None
    url: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"title": self.title, "clause": self.clause, "url": self.url}


@dataclass(slots=True)  # a file of 40,000 rows can have half a million: no __dict__ each
class Finding:
    """One thing wrong with one matter (and usually one element of it)."""

    rule: str
    name: str
    severity: Severity
    message: str
    element: str | None
    value: Any
    expected: Any
    location: Location
    matter: dict[str, object]
    source: RegulationRef | None
    fix: str | None = field(default=None, compare=False)  # new cell text when the correction is unambiguous
    matter_code: str | None = field(default=None, compare=False)  # for baseline fingerprints

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of conventions.md (`fix` and `matter_code` are internal)."""
        return {
            "rule": self.rule, "name": self.name, "severity": self.severity, "message": self.message,
            "element": self.element, "value": self.value, "expected": self.expected,
            "location": self.location.model_dump(), "matter": self.matter,
            "source": self.source.as_dict() if self.source else None,
        }


def severity_label(severity: str, lang: str = "zh") -> str:
    return SEVERITY_LABELS.get(severity, {}).get("en" if lang == "en" else "zh", severity)


register({
    "lint.ok": {"zh": "检查通过：{matters} 个事项（{files} 个文件），未发现问题。",
                "en": "All clear: {matters} matters in {files} files, no findings."},
    "lint.summary": {"zh": "共 {matters} 个事项（{files} 个文件）：错误 {error} 个，警告 {warning} 个，提示 {info} 个。",
                     "en": "{matters} matters in {files} files: {error} errors, {warning} warnings, {info} info."},
    "lint.capped": {"zh": "规则 {rule} 另有 {more} 个问题未列出（--max-per-rule）。",
                    "en": "Rule {rule}: {more} more findings not listed (--max-per-rule)."},
    "lint.baseline_stale": {"zh": "基线中有 {count} 条已不存在的问题（可重新生成基线）：",
                            "en": "{count} baseline entries no longer occur (regenerate the baseline):"},
    "lint.baseline_suppressed": {"zh": "基线已接受 {count} 个问题。", "en": "{count} findings accepted by the baseline."},
    "lint.baseline_written": {"zh": "已写入基线 {path}（{count} 条）。", "en": "Baseline {path} written ({count} entries)."},
    "lint.suspect": {"zh": "{path}：读取结果可疑，对它的检查结果可能来自读坏的内容：{reasons}",
                     "en": "{path}: the read looks wrong; its findings may come from damaged content: {reasons}"},
    "lint.per_rule": {"zh": "按规则统计", "en": "Findings per rule"},
    "lint.per_department": {"zh": "按部门统计", "en": "Findings per department"},
    "lint.row": {"zh": "第 {row} 行", "en": "row {row}"},
    "lint.unknown_department": {"zh": "（未填部门）", "en": "(no department)"},
    "lint.sheet_findings": {"zh": "整表问题（每表一次）", "en": "Whole-sheet findings (once per sheet)"},
    "lint.whole_sheet": {"zh": "整表", "en": "whole sheet"},
    "lint.list_kind": {"zh": "清单类型：{label} {sheets} 个工作表，{matters} 个事项（{how}）",
                       "en": "List kind: {label}, {sheets} sheets, {matters} matters ({how})"},
})
