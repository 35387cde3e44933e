"""Findings as JSON (`matterkit.lint/1`, one document) and JSON Lines (one finding per line)."""

from __future__ import annotations

import json
from typing import Any

from matterkit.lint.engine import LintResult

SCHEMA = "matterkit.lint/1"


def lint_document(result: LintResult) -> dict[str, Any]:
    """The contract of conventions.md, plus what the baseline and the per-rule cap left out."""
    return {
        "schema": SCHEMA,
        "summary": result.summary(),
        "lists": result.lists,
        "findings": [f.as_dict() for f in result.findings],
        "capped": result.capped,
        "baseline": {"suppressed": result.suppressed, "stale": result.stale},
    }


def lint_json(result: LintResult) -> str:
    return json.dumps(lint_document(result), ensure_ascii=False, indent=2, default=str) + "\n"


def lint_jsonl(result: LintResult) -> str:
    """One finding per line, each a complete JSON object (streams into other tools)."""
    return "".join(json.dumps(f.as_dict(), ensure_ascii=False, default=str) + "\n" for f in result.findings)
