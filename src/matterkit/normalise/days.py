"""Kind `days`: time limits in working days (0 = 当场办结).

Reads 20, 20.0, "20个工作日", "二十个工作日", "廿日", "１５个工作日", "当场办结", "5个工作日（不含公示时间）"
(5, with the note returned separately), ranges ("15-20个工作日" → 20, with an issue). "20日" is read as 20
working days (the statutes' wording: 行政许可法 counts its time limits in working days); "20天" too, with an
issue saying so, because colloquial 天 may mean calendar days. Calendar days, months,
years and hours are not converted: that would invent a number (None, with an issue).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from matterkit.normalise.celltext import clean_text, is_placeholder
from matterkit.normalise.issues import NO_ISSUES, IssueNote
from matterkit.normalise.numerals import CHINESE_NUMBER, chinese_to_int

# (days, note written next to the number, issues)
DaysResult = tuple[int | None, str | None, tuple[IssueNote, ...]]

_NUM = rf"(?:\d{{1,6}}(?:[.．]\d{{1,3}})?|{CHINESE_NUMBER})"
_WORKING_UNIT = r"个?工作日|个?工作天|个?日|天"
_OTHER_UNIT = r"个?自然日|个?日历日|日历天|自然天|个?月|个?星期|周|年|个?小时|h|H|分钟"
_PREFIX = (r"(?:(?:法定|承诺)?(?:办结|办理|审批|审核)?(?:时限|期限)?[:：]?)?"
           r"(?:自受理(?:申请)?之日起|受理(?:申请)?之日起|自受理后|受理后|自收到申请之日起|在|于|共|为)?")
_SUFFIX = r"(?:以内|之内|内)?(?:办结|完成|办理完毕|作出决定)?"
_AMOUNT = rf"(?P<low>{_NUM})\s*(?:(?:[-－~～至到—]|——)\s*(?P<high>{_NUM}))?\s*"
_UNIT = rf"(?:(?P<other>{_OTHER_UNIT})|(?P<working>{_WORKING_UNIT}))"
_AT_START = re.compile(rf"{_PREFIX}\s*{_AMOUNT}{_UNIT}?\s*{_SUFFIX}")
# Inside longer wording a unit is required, and a date's "15日" is not a time limit.
_ANYWHERE = re.compile(rf"(?<![\d月.．]){_AMOUNT}{_UNIT}")
_IMMEDIATE = re.compile(r"(?:即来即办|当场|即时|立即|即办|马上|现场办结|现场办理|当即)(?:办结|办理|办|出证|完成|受理)?件?")
_NOTE_TRIM = " \t\n,，;；。.:：、"
_BRACKETS = {"(": ")", "（": "）", "[": "]", "【": "】"}

_UNREADABLE: DaysResult = (None, None, (("unparsed_time_limit", None),))
_EMPTY: DaysResult = (None, None, NO_ISSUES)


def normalise_days(value: object) -> DaysResult:
    if isinstance(value, bool):
        return _UNREADABLE
    if isinstance(value, int):
        return (value, None, NO_ISSUES) if value >= 0 else _UNREADABLE
    if isinstance(value, float):
        return _from_number(value)
    return _days_from_text(clean_text(value))


def _from_number(value: float) -> DaysResult:
    if not math.isfinite(value) or value < 0:
        return _UNREADABLE
    if value.is_integer():
        return int(value), None, NO_ISSUES
    days = math.ceil(value)
    return days, None, (("time_limit_not_whole_days", str(days)),)


@lru_cache(maxsize=16384)
def _days_from_text(text: str) -> DaysResult:
    if not text or is_placeholder(text):
        return _EMPTY
    immediate = _IMMEDIATE.match(text)
    if immediate:
        return _with_note(0, text[immediate.end():], NO_ISSUES)
    match = _AT_START.match(text)
    if match is None:
        match = _ANYWHERE.search(text)
        if match is None:
            return _UNREADABLE
        return _read(match, text)
    return _read(match, text[match.end():])


def _read(match: re.Match[str], rest: str) -> DaysResult:
    if match["other"]:
        return None, None, (("time_limit_unit_not_working_days", match["other"]),)
    low = _number(match["low"])
    high = _number(match["high"]) if match["high"] else None
    if low is None or (match["high"] and high is None):
        return _UNREADABLE
    issues: list[IssueNote] = []
    value = low
    if high is not None:
        value = max(low, high)
        issues.append(("time_limit_range", _days_text(value)))
    days = math.ceil(value)
    if days != value:
        issues.append(("time_limit_not_whole_days", str(days)))
    if match["working"] == "天":  # working days assumed, and said (日 is the statutes' own word)
        issues.append(("time_limit_days_unit", str(days)))
    return _with_note(days, rest, tuple(issues))


def _number(text: str) -> float | None:
    if text[0].isdigit():
        return float(text.replace("．", "."))
    return chinese_to_int(text)


def _days_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _with_note(days: int, rest: str, issues: tuple[IssueNote, ...]) -> DaysResult:
    note = _note(rest)
    if note:
        return days, note, (*issues, ("time_limit_note_separated", note))
    return days, None, issues


def _note(rest: str) -> str | None:
    note = rest.strip(_NOTE_TRIM)
    if len(note) >= 2 and _BRACKETS.get(note[0]) == note[-1] and note.count(note[0]) == 1:
        note = note[1:-1].strip(_NOTE_TRIM)
    return note or None
