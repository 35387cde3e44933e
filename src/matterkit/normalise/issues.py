"""Every issue normalisation can raise, declared once: code, default severity, description, messages.

The lint engine turns each `NormalisationIssue` of a matter into a finding (kind `normalisation`, one rule per
group of codes in the packs). It renders the message with `issue_message(code, lang, element=..., raw=...,
detail=...)`; the templates below may use those three names. An issue that `changes` the value (a synonym
mapped, a code upper-cased, a number padded …) also keeps the cell's original text in `Matter.originals`, so
that nothing import rewrites is silent and the department sees what it typed beside what was stored.
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
    changes: bool = False  # the stored value differs from what the cell said (its original is kept)
    expected_is_detail: bool = False  # a finding's `expected` is the detail (the value was kept as typed)


_TYPES: tuple[IssueType, ...] = (
    IssueType("code_was_number", "warning",
              "A code arrived as a spreadsheet number; its lost leading zeros were restored.",
              "{element}“{raw}”以数字格式保存，已补足前导零为“{detail}”，请将该列设为文本格式",
              "{element} '{raw}' was stored as a number; leading zeros restored as '{detail}' "
              "(format the column as text)",
              changes=True),
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
              "{element} '{raw}' repeats values ({detail}); duplicates removed",
              changes=True),
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
              "{element} '{raw}' is a range; the upper bound {detail} working days was taken",
              changes=True),
    IssueType("time_limit_not_whole_days", "warning",
              "A time limit has a fraction of a day; it was rounded up.",
              "{element}“{raw}”不是整数天，已向上取整为 {detail} 个工作日",
              "{element} '{raw}' is not a whole number of days; rounded up to {detail}",
              changes=True),
    IssueType("time_limit_note_separated", "info",
              "A note written next to a time limit was separated from the number (kept in limit_note when empty).",
              "{element}“{raw}”中的说明“{detail}”已与时限分开",
              "{element} '{raw}': the note '{detail}' was separated from the time limit",
              changes=True),
    IssueType("unparsed_bool", "error",
              "A yes/no value could not be read.",
              "{element}“{raw}”无法识别为“是/否”",
              "{element} '{raw}' cannot be read as yes/no"),
    IssueType("fee_read_from_text", "info",
              "The fee flag was free text; it was read as charged and the text used as the fee standard.",
              "{element}“{raw}”不是“是/否”，已按收费处理（收费标准为空时以此文字为标准）",
              "{element} '{raw}' is not yes/no; read as charged (and used as the fee standard when that is empty)",
              changes=True),
    IssueType("fee_items_unpaired", "warning",
              "Fee names and fee standards list different numbers of items; they were paired by position.",
              "收费项目名称与收费标准条数不一致（{detail}），已按顺序配对",
              "fee names and fee standards differ in number ({detail}); paired by position"),
    IssueType("unparsed_date", "error",
              "A date could not be read.",
              "{element}“{raw}”无法识别为日期",
              "{element} '{raw}' cannot be read as a date"),
    IssueType("code_fits_no_scheme", "error",
              "A basic or handling-item code fits no form of the code schemes in use (catalog/schemes).",
              "{element}“{raw}”不符合已启用的任何编码方案（已尝试：{detail}）",
              "{element} '{raw}' fits none of the code schemes in use (tried: {detail})",
              expected_is_detail=True),
    IssueType("code_outdated_form", "warning",
              "A code in an outdated form of its scheme: recognised, not split into its parts.",
              "{element}“{raw}”是旧式编码（{detail}），未拆分出基本编码、区划代码和主体代码，请改用现行编码",
              "{element} '{raw}' is an outdated code form ({detail}); it was not split into basic code, "
              "area and body code: use the current code"),
    IssueType("code_part_mismatch", "warning",
              "A part of the row's structured code disagrees with the sheet's own column of that element.",
              "{element}“{raw}”与本行结构化编码中的对应部分“{detail}”不一致",
              "{element} '{raw}' disagrees with the part '{detail}' of the row's structured code",
              expected_is_detail=True),
    IssueType("code_area_outside_workspace", "warning",
              "The area part of a structured code is not within the workspace's area (matterkit.yaml area_code).",
              "编码中的{element}“{raw}”不在本工作区行政区划（{detail}）范围内",
              "{element} '{raw}' in the code is outside the workspace's area ({detail})"),
    IssueType("code_upper_cased", "info",
              "A code had lower-case letters; they were upper-cased (codes use capital letters only).",
              "{element}“{raw}”含小写字母，已改为大写“{detail}”",
              "{element} '{raw}' had lower-case letters; upper-cased to '{detail}'", changes=True),
    IssueType("code_full_width_folded", "info",
              "A code had full-width characters; they were folded to their half-width forms.",
              "{element}“{raw}”含全角字符，已改为半角“{detail}”",
              "{element} '{raw}' had full-width characters; folded to '{detail}'", changes=True),
    IssueType("spaces_trimmed", "info",
              "A name, code or code-table value began or ended with spaces (full-width ones too); they were removed.",
              "{element}“{raw}”首尾有空格，已去除",
              "{element} '{raw}' began or ended with spaces; removed", changes=True),
    IssueType("code_spaces_removed", "info",
              "A code had spaces inside it; they were removed.",
              "{element}“{raw}”中含空格，已删除为“{detail}”",
              "{element} '{raw}' had spaces; removed: '{detail}'", changes=True),
    IssueType("enum_synonym_mapped", "info",
              "An enumerated value was written as a synonym or code; it was stored as the code table's label.",
              "{element}“{raw}”已按代码表改为“{detail}”",
              "{element} '{raw}' was stored as the code table's label '{detail}'", changes=True),
    IssueType("time_limit_days_unit", "warning",
              "A time limit in 天 (not 工作日) was read as working days.",
              "{element}“{raw}”未写明“工作日”，已按{detail}个工作日读取；如指自然日请注明",
              "{element} '{raw}' does not say working days; read as {detail} working days "
              "(say so if calendar days are meant)", changes=True),
)

ISSUE_TYPES: dict[str, IssueType] = {issue.code: issue for issue in _TYPES}
CHANGING_CODES: frozenset[str] = frozenset(issue.code for issue in _TYPES if issue.changes)
# A code that could not be read is not also checked against the code schemes (one finding for one cell).
UNREADABLE_CODES: frozenset[str] = frozenset({"code_in_scientific_notation", "code_precision_lost"})

register({f"normalise.{issue.code}": {"zh": issue.zh, "en": issue.en} for issue in _TYPES})


def issue_message(code: str, lang: str | None = None, *, element: str = "", raw: str = "",
                  detail: str | None = None) -> str:
    """The message for one issue; `element` is the element's label in the chosen language."""
    return t(f"normalise.{code}", lang, element=element, raw=raw, detail=detail or "")
