"""normalisation — what the importer had to say about a cell (`Matter.issues`) becomes a finding.

`codes` lists the issue codes the rule reports (`matterkit.normalise.issues` declares them), e.g.
`duplicate_values_removed`, `time_limit_unit_not_working_days`, `code_was_number`, `unparsed_time_limit`;
`elements` optionally narrows them to some elements.

With `sheet_share` (0–1), an issue that one element of at least that share of a sheet's rows has (and at least
`sheet_rows` rows, default 20) is one finding for the sheet, quoting its first row (lint/habits.py): a habit of
the whole column (codes stored as numbers, full-width digits, 乡镇（街道）级 written out) is one thing to tell
the department, not three hundred.

Example: `params: {codes: [duplicate_values_removed]}` fails a row whose 办理形式 was typed
"窗口办理,网上办理,网上办理".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext
from matterkit.lint.habits import PARAMS as HABIT_PARAMS
from matterkit.lint.habits import habits
from matterkit.lint.kinds import Hit
from matterkit.lint.values import element_label
from matterkit.model import Matter, NormalisationIssue
from matterkit.normalise.issues import ISSUE_TYPES, issue_message

ID = "normalisation"
TITLE = {"zh": "导入规范化时发现的问题", "en": "Issues found while normalising"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["codes"],
    "properties": {
        "codes": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "elements": {"type": "array", "items": {"type": "string"}},
        **HABIT_PARAMS,
    },
}
SHEET_MESSAGE = {"zh": "本表 {count} 行的{label}都是这样（逐行不再列出），如第 {first_row} 行：{issue_message}",
                 "en": "{label} is like this on {count} rows of the sheet (not listed one by one), e.g. row "
                       "{first_row}: {issue_message}"}
MESSAGE = {"zh": "{issue_message}", "en": "{issue_message}"}  # the importer's own wording of the issue
EXAMPLE = {
    "params": {"codes": ["duplicate_values_removed"]},
    "pass": [{"channels": ["窗口办理", "网上办理"]}],
    "fail": [{"channels": ["窗口办理", "网上办理"],
              "issues": [{"element": "channels", "code": "duplicate_values_removed",
                          "raw": "窗口办理,网上办理,网上办理", "detail": "重复值已去除"}]}],
}


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    yield from habits(_row_hits(params, rows, ctx), params, ctx, key=lambda hit: (hit.element, hit.values["code"]),
                      message=SHEET_MESSAGE)


def _row_hits(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    codes = set(params["codes"])
    elements = set(params.get("elements") or ())
    for i in rows:
        for issue in ctx.matters[i].issues:
            if issue.code in codes and (not elements or issue.element in elements):
                text = issue_message(issue.code, ctx.lang, element=element_label(ctx.registry, issue.element, ctx.lang),
                                     raw=issue.raw, detail=issue.detail)
                yield Hit(i, issue.element, issue.raw, _expected(issue, ctx.matters[i]),
                          {"detail": issue.detail or issue.code, "code": issue.code, "issue_message": text})


def _expected(issue: NormalisationIssue, matter: Matter) -> Any:
    """The stored value (what the cell became), or the issue's detail where the value was kept as typed."""
    kind = ISSUE_TYPES.get(issue.code)
    if kind is not None and kind.expected_is_detail:
        return issue.detail
    value = getattr(matter, issue.element, None)
    return None if value in (None, [], "") else value
