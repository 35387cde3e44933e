"""A version diff as one table in the highlighter style of daff: a row per matter, `+++` added,
`---` removed, `→` changed with each changed cell written `old → new`."""

from __future__ import annotations

from dataclasses import dataclass, field

from matterkit.diff.kinds import Difference
from matterkit.diff.report import DiffReport
from matterkit.i18n import t
from matterkit.model import ELEMENT_FIELDS
from matterkit.render.diff_labels import value_text

ACTIONS = {"added": "+++", "removed": "---", "changed": "→"}


@dataclass
class VersionRow:
    action: str
    keys: list[str]
    cells: dict[str, str] = field(default_factory=dict)  # element -> "old → new" (changed rows only)


@dataclass
class VersionTable:
    key_headers: list[str]
    elements: list[str]
    rows: list[VersionRow]


def version_table(report: DiffReport, lang: str) -> VersionTable:
    rows: dict[tuple[object, ...], VersionRow] = {}
    changed_elements: set[str] = set()
    for difference in report.differences:
        action = ACTIONS.get(difference.kind)
        if action is None:
            continue
        row = rows.setdefault(_row_key(difference), VersionRow(action, _keys(difference)))
        if difference.kind == "changed" and difference.element:
            changed_elements.add(difference.element)
            row.cells[difference.element] = (f"{value_text(difference.left, lang)} → "
                                             f"{value_text(difference.right, lang)}")
    elements = [e for e in ELEMENT_FIELDS if e in changed_elements]
    order = {"→": 0, "+++": 1, "---": 2}
    return VersionTable([t("diff.col.matter", lang), t("diff.col.base_code", lang), t("diff.col.body", lang)],
                        elements, sorted(rows.values(), key=lambda r: order[r.action]))


def _row_key(difference: Difference) -> tuple[object, ...]:
    side = difference.right or difference.left
    location = side.location if side is not None else None
    return (difference.kind if difference.kind != "changed" else "changed",
            location.file if location else None, location.sheet if location else None,
            location.row if location else None, difference.matter.get("name"))


def _keys(difference: Difference) -> list[str]:
    matter = difference.matter
    return [str(matter.get("name") or ""), str(matter.get("base_code") or ""), str(matter.get("body") or "")]
