"""Accepted exceptions: a baseline file of finding fingerprints (rule, matter code, element, value).

A fingerprint does not include positions, so moving rows around keeps exceptions accepted; a baseline
entry that no longer occurs is reported as stale, so the file does not silently rot.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from matterkit import atomic
from matterkit.errors import ConfigError
from matterkit.lint.engine import LintResult
from matterkit.lint.findings import Finding

SCHEMA = "matterkit.lint-baseline/1"
DEFAULT_BASELINE = "lint-baseline.json"  # in the workspace (or the current folder without one)


def fingerprint(finding: Finding) -> str:
    key = [finding.rule, finding.matter_code, finding.element, finding.value]
    text = json.dumps(key, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _entry(finding: Finding) -> dict[str, Any]:
    return {"fingerprint": fingerprint(finding), "rule": finding.rule, "matter": finding.matter_code,
            "element": finding.element, "value": finding.value}


def write_baseline(path: Path, findings: list[Finding]) -> int:
    entries = sorted((_entry(f) for f in findings), key=lambda e: (e["rule"], str(e["matter"]), e["fingerprint"]))
    document = {"schema": SCHEMA, "entries": entries}
    atomic.write_text(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def read_baseline(path: Path) -> list[dict[str, Any]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("基线文件不存在 / baseline file not found", path=str(path)) from exc
    except (OSError, ValueError) as exc:
        raise ConfigError(f"无法读取基线文件 / cannot read baseline: {exc}", path=str(path)) from exc
    if not isinstance(document, dict) or document.get("schema") != SCHEMA or \
            not isinstance(document.get("entries"), list):
        raise ConfigError("不是 matterkit 基线文件 / not a matterkit baseline", path=str(path), expected=SCHEMA)
    return [e for e in document["entries"] if isinstance(e, dict) and "fingerprint" in e]


def apply_baseline(result: LintResult, entries: list[dict[str, Any]],
                   ran: set[str] | None = None) -> LintResult:
    """Drop findings the baseline accepts (each entry accepts one finding); record stale entries.

    Only entries of rules that ran (`ran`, default all) can be stale: `--select PRC` says nothing about
    the accepted exceptions of other rules.
    """
    remaining = Counter(e["fingerprint"] for e in entries)
    kept: list[Finding] = []
    for finding in result.findings:
        print_ = fingerprint(finding)
        if remaining[print_] > 0:
            remaining[print_] -= 1
            result.suppressed += 1
        else:
            kept.append(finding)
    result.findings = kept
    stale: list[dict[str, Any]] = []
    for entry in entries:
        if ran is not None and entry.get("rule") not in ran:
            continue
        if remaining[entry["fingerprint"]] > 0:
            remaining[entry["fingerprint"]] -= 1
            stale.append(entry)
    result.stale = stale
    return result
