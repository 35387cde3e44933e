"""Kind `int`: whole numbers such as visits needed ("1.0" → 1, "3次" → 3, "两次" → 2, "零跑动" → 0)."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from matterkit.normalise.celltext import clean_text, is_placeholder
from matterkit.normalise.issues import NO_ISSUES, IssueNote
from matterkit.normalise.numerals import CHINESE_NUMBER, chinese_to_int
from matterkit.textnorm import nfkc

_ZERO_WORDS = frozenset({"零跑动", "零跑腿", "不需要", "无需", "不用", "无需到现场", "不需要到现场", "不跑", "0跑动",
                         "一次不跑", "一次也不跑", "零次", "全程网办", "无须", "不需"})
_NUMBER = re.compile(
    rf"(?:最多|至多|不超过|最多跑)?(?P<arabic>\d+)?(?:\.0+)?(?P<chinese>{CHINESE_NUMBER})?(?:次|趟|个)?"
    r"(?:[(\[][^)\]]*[)\]])?")

IntResult = tuple[int | None, tuple[IssueNote, ...]]
_UNREADABLE: IntResult = (None, (("unparsed_integer", None),))


def normalise_int(value: object) -> IntResult:
    if isinstance(value, bool):
        return _UNREADABLE
    if isinstance(value, int):
        return (value, NO_ISSUES) if value >= 0 else _UNREADABLE
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and value >= 0:
            return int(value), NO_ISSUES
        return _UNREADABLE
    return _int_from_text(clean_text(value))


@lru_cache(maxsize=4096)
def _int_from_text(text: str) -> IntResult:
    if not text or is_placeholder(text):
        return None, NO_ISSUES
    compact = nfkc(text).replace(" ", "")
    if compact in _ZERO_WORDS:
        return 0, NO_ISSUES
    match = _NUMBER.fullmatch(compact)
    if match is None or (match["arabic"] is None) == (match["chinese"] is None):
        return _UNREADABLE
    if match["arabic"] is not None:
        return int(match["arabic"]), NO_ISSUES
    number = chinese_to_int(match["chinese"])
    return (number, NO_ISSUES) if number is not None else _UNREADABLE
