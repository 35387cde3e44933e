"""Chinese numerals (up to the thousands) and the digit forms departments type."""

from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "俩": 2, "三": 3, "叁": 3,
           "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
           "九": 9, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_TENS = {"廿": 20, "卅": 30, "卌": 40}

CHINESE_NUMERAL_CHARS = "".join((*_DIGITS, *_UNITS, *_TENS))
# A run of Chinese numeral characters (used inside larger patterns).
CHINESE_NUMBER = f"[{CHINESE_NUMERAL_CHARS}]+"
CHINESE_NUMBER_RE = re.compile(CHINESE_NUMBER)


@lru_cache(maxsize=4096)
def chinese_to_int(text: str) -> int | None:
    """`二十` → 20, `一百零五` → 105, `两千` → 2000, `廿五` → 25, `二〇` → 20; None when not a numeral."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS and ch not in _TENS for ch in text):
        return None
    if not any(ch in _UNITS or ch in _TENS for ch in text):
        # positional form, digit by digit, only when a zero shows it ("一〇五"); "一两" is "one or two"
        if len(text) > 1 and ("两" in text or not any(ch in "零〇○" for ch in text)):
            return None
        value = 0
        for ch in text:
            value = value * 10 + _DIGITS[ch]
        return value
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # two digits in a row (二三十) is not a numeral
            digit = _DIGITS[ch] if _DIGITS[ch] != 0 else None
        elif ch in _TENS:
            if digit is not None or total:
                return None
            total, last_unit = _TENS[ch], 10
        else:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    if digit is not None:
        total += digit
    return total


def int_to_chinese(value: int) -> str:
    """The usual written form of 0 ≤ value ≤ 9999 (`105` → `一百零五`, `10` → `十`); used by tests and guides."""
    if value == 0:
        return "零"
    names = "零一二三四五六七八九"
    parts: list[str] = []
    pending_zero = False
    for unit, label in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(("" if unit == 10 and not parts and digit == 1 else names[digit]) + label)
    return "".join(parts)
