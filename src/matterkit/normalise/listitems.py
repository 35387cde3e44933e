"""Splitting a cell that lists several things (materials, fee items) into its items, numbering removed.

Items are separated by new lines, "；" outside brackets, or numbering: "1." "1、" "1）" "（1）" "(一)" "一、"
"①". A number splits a line only where the next number of the same style follows ("1.申请表2.身份证"), so
"《条例》第2.3项" or "2寸照片" inside an item stay whole.
"""

from __future__ import annotations

import re

from matterkit.normalise.numerals import chinese_to_int, int_to_chinese

ITEM_TRIM = " \t,，;；。.、:："
_TRIM = ITEM_TRIM
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN_DIGITS = "一二三四五六七八九十"
# Numbering markers; each alternative captures its number in the group named after its style.
_MARKER = re.compile(
    r"(?:[(（]\s*(?P<paren_arabic>\d{1,2})\s*[)）])"
    rf"|(?:[(（]\s*(?P<paren_chinese>[{_CN_DIGITS}]{{1,3}})\s*[)）])"
    r"|(?:(?P<arabic>\d{1,2})\s*(?P<arabic_mark>[、)）]|[.．](?!\d)))"
    rf"|(?:(?P<chinese>[{_CN_DIGITS}]{{1,3}})\s*(?P<chinese_mark>[、.．]))"
    rf"|(?P<circled>[{_CIRCLED}])")
# "申请材料：1.申请表 2.身份证": a heading and a numbered list on one line.
_INLINE_HEADING = re.compile(rf"(?P<head>[^：:()（）]{{1,30}}[：:])\s*(?=(?:{_MARKER.pattern}))")
_BULLET = re.compile(r"[-•·●○◆◇▪■□*]\s*")
_SEMICOLON = "；;"
_OPEN, _CLOSE = "(（[【〔{<《", ")）]】〕}>》"
_STRUCTURE = re.compile(r"[(（\[【〔{<《)）\]】〕}>》；;]")


def split_items(text: str) -> list[str]:
    """The items of a cell with their numbering removed, in order."""
    items: list[str] = []
    for line in text.split("\n"):
        for segment in _split_outside_brackets(line, _SEMICOLON):
            items.extend(_split_numbered(segment))
    return [item for item in (i.strip(_TRIM) if not i.endswith(("：", ":")) else i.strip() for i in items) if item]


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    if not any(sep in text for sep in separators):
        return [text]
    parts: list[str] = []
    depth, start = 0, 0
    for match in _STRUCTURE.finditer(text):  # only brackets and separators, not every character
        ch = match.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif ch in separators and depth == 0:
            parts.append(text[start:match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


def _split_numbered(segment: str) -> list[str]:
    """Remove a leading number; split the rest where the next number of the same style follows."""
    segment = _BULLET.sub("", segment.strip(), count=1) if segment.strip()[:1] in "-•·●○◆◇▪■□*" else segment
    segment = segment.strip()
    marker = _MARKER.match(segment)
    if marker is None:
        heading = _INLINE_HEADING.match(segment)
        if heading is None:
            return [segment]
        return [heading["head"], *_split_numbered(segment[heading.end():])]
    style, number = _marker_style(marker)
    if number is None:
        return [segment]
    items: list[str] = []
    start = marker.end()
    position = start
    while True:
        following = _next_marker(segment, position, style, number + 1)
        if following is None:
            items.append(segment[start:])
            return items
        items.append(segment[start:following.start()])
        start = position = following.end()
        number += 1


def _marker_style(marker: re.Match[str]) -> tuple[str, int | None]:
    for style in ("paren_arabic", "paren_chinese", "arabic", "chinese", "circled"):
        value = marker[style]
        if value is None:
            continue
        if style == "circled":
            return style, _CIRCLED.index(value) + 1
        number = int(value) if value[0].isdigit() else chinese_to_int(value)
        mark = marker["arabic_mark"] or marker["chinese_mark"] or ""
        return f"{style}{mark}", number
    return "", None


def _next_marker(segment: str, position: int, style: str, expected: int) -> re.Match[str] | None:
    if _number_text(style, expected) not in segment[position:]:
        return None  # cheap test first: most items have no second number
    for candidate in _MARKER.finditer(segment, position):
        if _bracket_depth(segment, candidate.start()) != 0:
            continue
        if _marker_style(candidate) == (style, expected):
            return candidate
    return None


def _number_text(style: str, number: int) -> str:
    if style == "circled":
        return _CIRCLED[number - 1] if number <= len(_CIRCLED) else "\0"
    return int_to_chinese(number) if "chinese" in style else str(number)


def _bracket_depth(text: str, end: int) -> int:
    depth = 0
    for ch in text[:end]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
    return depth
