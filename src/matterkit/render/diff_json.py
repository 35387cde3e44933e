"""`matterkit diff --format json`: one document, schema `matterkit.diff/1` (conventions.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from matterkit.diff.kinds import KIND_ORDER
from matterkit.diff.report import DiffReport


def render_json(report: DiffReport, lang: str, fail_on: Sequence[str] = KIND_ORDER) -> str:
    return json.dumps(report.to_json(lang, fail_on), ensure_ascii=False, indent=2, default=str)
