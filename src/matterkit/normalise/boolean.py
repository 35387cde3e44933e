"""Kind `bool`: 是/否, √/×, 有/无, Y/N, 收费/不收费, 支持/不支持, 进驻/未进驻 …"""

from __future__ import annotations

import re
from functools import lru_cache

from matterkit.normalise.celltext import clean_text
from matterkit.normalise.issues import NO_ISSUES, IssueNote
from matterkit.textnorm import nfkc

_TRUE = ("是", "√", "✓", "✔", "☑", "有", "y", "yes", "true", "1", "1.0", "收费", "支持", "进驻", "已进驻", "可以",
         "能", "需要", "对", "t", "ok")
_FALSE = ("否", "×", "✗", "✘", "☒", "x", "无", "n", "no", "false", "0", "0.0", "不收费", "免费", "免收", "不支持",
          "未进驻", "不进驻", "不可以", "不能", "不需要", "f", "不是", "暂不支持", "未")
_WORDS: dict[str, bool] = {**{w: True for w in _TRUE}, **{w: False for w in _FALSE}}
# A yes/no word at the start followed by a note: "是（需预约）", "否，仅窗口办理".
_LEADING = re.compile(
    "(" + "|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True) if not w.isascii()) + ")"
    r"(?=[\s,，;；。:：(（\[【])")
_SPACES = re.compile(r"\s+")
_NOT_CHARGED = re.compile(r"不收费|免费|不收取|免收|无收费|不予收费|不涉及收费")
_CHARGED = re.compile(r"收费|收取|元|按.+标准|缴纳")

BoolResult = tuple[bool | None, tuple[IssueNote, ...]]
_UNREADABLE: BoolResult = (None, (("unparsed_bool", None),))


def normalise_bool(value: object) -> BoolResult:
    if isinstance(value, bool):
        return value, NO_ISSUES
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value), NO_ISSUES
    return _bool_from_text(clean_text(value))


@lru_cache(maxsize=4096)
def _bool_from_text(text: str) -> BoolResult:
    if not text or text in ("/", "／", "-", "—", "——"):
        return None, NO_ISSUES
    compact = _SPACES.sub("", nfkc(text)).lower()
    word = _WORDS.get(compact)
    if word is not None:
        return word, NO_ISSUES
    leading = _LEADING.match(compact)
    if leading:
        return _WORDS[leading.group(1)], NO_ISSUES
    return _UNREADABLE


def read_fee_flag(value: object) -> tuple[bool | None, str | None, tuple[IssueNote, ...]]:
    """The `fee` element: a yes/no, or free text read sensibly.

    Returns (charged, standard_text, issues): "按……收取" → (True, that text) so the builder can use it
    as the fee standard when none was given; "不收费（依据……）" → False.
    """
    flag, issues = normalise_bool(value)
    if not issues:
        return flag, None, issues
    text = clean_text(value)
    if _NOT_CHARGED.search(text):
        return False, None, NO_ISSUES
    if _CHARGED.search(text):
        return True, text, (("fee_read_from_text", None),)
    return flag, None, issues
