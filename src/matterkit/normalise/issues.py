"""Every issue normalisation can raise, declared once: code, default severity, description, messages.

The lint engine turns each `NormalisationIssue` of a matter into a finding. It renders the message with
`issue_message(code, lang, element=..., raw=..., detail=...)`; the templates below may use those three names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from matterkit.i18n import register, t

Severity = Literal["error", "warning", "info"]
# What a kind normaliser reports: (issue code, detail or None). The builder adds element and raw text.
IssueNote = tuple[str, str | None]
NO_ISSUES: tuple[IssueNote, ...] = ()


@dataclass(frozen=True)
class IssueType:
    code: str
    severity: Severity
    description: str
    zh: str
    en: str


_TYPES: tuple[IssueType, ...] = (
    IssueType("code_was_number", "warning",
              "A code arrived as a spreadsheet number; its lost leading zeros were restored.",
              "{element}“{raw}”以数字格式保存，已补足前导零为“{detail}”，请将该列设为文本格式",
              "{element} '{raw}' was stored as a number; leading zeros restored as '{detail}' "
              "(format the column as text)"),
    IssueType("code_in_scientific_notation", "error",
              "A code arrived in scientific notation; its digits cannot be recovered.",
              "{element}“{raw}”为科学计数法，原编码已无法恢复，请按文本格式重新填写",
              "{element} '{raw}' is in scientific notation; the code cannot be recovered, re-enter it as text"),
    IssueType("code_precision_lost", "error",
              "A long code arrived as a number beyond 15 significant digits; its last digits are unreliable.",
              "{element}“{raw}”以数字格式保存且超过15位有效数字，末几位可能已丢失",
              "{element} '{raw}' was stored as a number with more than 15 digits; its last digits may be lost"),
    IssueType("unknown_enum_value", "warning",
              "A value is not in its code table; it is kept as typed.",
              "{element}“{raw}”不在代码表 {detail} 中，已按原文保留",
              "{element} '{raw}' is not in code table {detail}; kept as typed"),
    IssueType("duplicate_values_removed", "warning",
              "A multi-valued cell repeated a value; the repeats were removed.",
              "{element}“{raw}”含重复值（{detail}），已去重",
              "{element} '{raw}' repeats values ({detail}); duplicates removed"),
    IssueType("unparsed_integer", "error",
              "A whole number could not be read.",
              "{element}“{raw}”无法识别为整数",
              "{element} '{raw}' is not a whole number"),
    IssueType("unparsed_time_limit", "error",
              "A time limit could not be read as a number of working days.",
              "{element}“{raw}”无法识别为工作日数",
              "{element} '{raw}' cannot be read as a number of working days"),
    IssueType("time_limit_unit_not_working_days", "warning",
              "A time limit is given in calendar days, months, years or hours and cannot be converted honestly.",
              "{element}“{raw}”的单位不是工作日（{detail}），无法换算，请改为工作日",
              "{element} '{raw}' is not in working days ({detail}) and cannot be converted"),
    IssueType("time_limit_range", "warning",
              "A time limit gives a range; the upper bound was taken.",
              "{element}“{raw}”为区间，已取上限 {detail} 个工作日",
              "{element} '{raw}' is a range; the upper bound {detail} working days was taken"),
    IssueType("time_limit_not_whole_days", "warning",
              "A time limit has a fraction of a day; it was rounded up.",
              "{element}“{raw}”不是整数天，已向上取整为 {detail} 个工作日",
              "{element} '{raw}' is not a whole number of days; rounded up to {detail}"),
    IssueType("time_limit_note_separated", "info",
              "A note written next to a time limit was separated from the number (kept in limit_note when empty).",
              "{element}“{raw}”中的说明“{detail}”已与时限分开",
              "{element} '{raw}': the note '{detail}' was separated from the time limit"),
    IssueType("unparsed_bool", "error",
              "A yes/no value could not be read.",
              "{element}“{raw}”无法识别为“是/否”",
              "{element} '{raw}' cannot be read as yes/no"),
    IssueType("fee_read_from_text", "info",
              "The fee flag was free text; it was read as charged and the text used as the fee standard.",
              "{element}“{raw}”不是“是/否”，已按收费处理（收费标准为空时以此文字为标准）",
              "{element} '{raw}' is not yes/no; read as charged (and used as the fee standard when that is empty)"),
    IssueType("fee_items_unpaired", "warning",
              "Fee names and fee standards list different numbers of items; they were paired by position.",
              "收费项目名称与收费标准条数不一致（{detail}），已按顺序配对",
              "fee names and fee standards differ in number ({detail}); paired by position"),
    IssueType("unparsed_date", "error",
              "A date could not be read.",
              "{element}“{raw}”无法识别为日期",
              "{element} '{raw}' cannot be read as a date"),
)

ISSUE_TYPES: dict[str, IssueType] = {issue.code: issue for issue in _TYPES}

register({f"normalise.{issue.code}": {"zh": issue.zh, "en": issue.en} for issue in _TYPES})


def issue_message(code: str, lang: str | None = None, *, element: str = "", raw: str = "",
                  detail: str | None = None) -> str:
    """The message for one issue; `element` is the element's label in the chosen language."""
    return t(f"normalise.{code}", lang, element=element, raw=raw, detail=detail or "")
