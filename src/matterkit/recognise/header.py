"""Finding the header among the first rows of a sheet, below titles and "填报单位：…" lines.

Each row is scored by how many distinct elements its cells name; a row may also be the top of a
two-row header whose second row holds sub-headings under merged group cells ("办结时限" over
"法定"/"承诺"). The best-scoring candidate wins if it names at least three elements and looks like a
matter list: it has a name-like column, or several strong ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from openpyxl.utils.cell import get_column_letter

from matterkit.rawtypes import ColumnMapping, HeaderInfo
from matterkit.recognise.matching import HeaderMatch, HeaderMatcher
from matterkit.textnorm import clean_cell

NAME_KEYS = frozenset({"name", "main_item", "sub_item", "item_name"})
WEAK_KEYS = frozenset({"seq", "notes", "status", "department", "township", "village", "phone"})
MIN_KEYS = 3
MIN_STRONG_WITHOUT_NAME = 4


@dataclass
class HeaderCandidate:
    top: int  # index of the first header row within the scanned rows
    rows: int  # 1 or 2
    texts: list[str]  # per column: header text as shown ("group/sub" for two-row columns)
    matches: list[HeaderMatch]
    sub_texts: list[str] = field(default_factory=list)

    @cached_property
    def keys(self) -> set[str]:  # asked for again and again while candidates are compared
        return {m.key for m in self.matches if m.key}

    @property
    def score(self) -> int:
        return len(self.keys)

    def acceptable(self) -> bool:
        keys = self.keys
        if len(keys) < MIN_KEYS:
            return False
        return bool(keys & NAME_KEYS) or len(keys - WEAK_KEYS) >= MIN_STRONG_WITHOUT_NAME


def cell_texts(row: list[object]) -> list[str]:
    """Cleaned cell texts; a header written over several lines in its cell reads as one line."""
    return ["" if v is None or v == "" else _cell_text(v) for v in row]


def _cell_text(value: object) -> str:
    text = value if isinstance(value, str) else str(value)
    # The usual cell, one printable line without outer spaces, is already clean: everything clean_cell
    # removes or changes (line breaks, control and invisible characters, other spaces) is not printable.
    if text.isprintable() and text[:1] != " " and text[-1:] != " ":
        return text
    return clean_cell(text).replace("\n", "")


def find_header(grid: list[list[str]], matcher: HeaderMatcher) -> HeaderCandidate | None:
    """The best header candidate among the scanned rows (already merge-filled), or None."""
    singles = [_single(i, row, matcher) for i, row in enumerate(grid)]
    best: HeaderCandidate | None = None
    for i, single in enumerate(singles):
        candidates = [single]
        if i + 1 < len(grid) and single.score >= 2:
            double = _double(i, grid[i], grid[i + 1], matcher)
            # a real two-row header adds elements the top row alone does not name, and names more than
            # its second row alone (which holds the vertically merged cells too)
            grouped = _has_groups(grid[i], grid[i + 1])
            below = singles[i + 1].score
            # ties go to the two-row reading only when the top row has real group cells
            adds = double.score > single.score or (double.score == single.score and grouped)
            if adds and (double.score > below or (double.score == below and grouped)):
                candidates.insert(0, double)
        for candidate in candidates:
            if best is None or candidate.score > best.score:
                best = candidate
    if best is None or not best.acceptable():
        return None
    return best


def _has_groups(top: list[str], sub: list[str]) -> bool:
    """Whether the top row has a group cell (merged across, so repeated) with different sub-headings below."""
    for j in range(1, min(len(top), len(sub))):
        if top[j] and top[j] == top[j - 1] and sub[j] and sub[j - 1] and sub[j] != sub[j - 1] != top[j]:
            return True
    return False


def _single(index: int, row: list[str], matcher: HeaderMatcher) -> HeaderCandidate:
    return HeaderCandidate(top=index, rows=1, texts=list(row), matches=matcher.match_all(row))


def _double(index: int, top: list[str], sub: list[str], matcher: HeaderMatcher) -> HeaderCandidate:
    width = max(len(top), len(sub))
    texts, matches, subs = [], [], []
    previous_group = ""
    for j in range(width):
        group = top[j] if j < len(top) else ""
        below = sub[j] if j < len(sub) else ""
        if not group and below and previous_group:
            group = previous_group  # group label written once, over unmerged cells (CSV exports)
        previous_group = group if below and below != group else ""
        text, match = _combine(group, below, matcher)
        texts.append(text)
        matches.append(match)
        subs.append(below)
    return HeaderCandidate(top=index, rows=2, texts=texts, matches=matches, sub_texts=subs)


def _combine(group: str, sub: str, matcher: HeaderMatcher) -> tuple[str, HeaderMatch]:
    """Header text and element of one column of a two-row header.

    Joined wordings are tried before the sub-heading alone, so that "申请材料" over "名称" is the
    materials column and not the matter name; "法定" under "办结时限" becomes "法定办结时限".
    """
    if not sub or sub == group:
        return group, matcher.match(group)
    if not group:
        return sub, matcher.match(sub)
    text = f"{group}/{sub}"
    for joined in (group + sub, sub + group):
        if key := matcher.exact(joined):
            return text, HeaderMatch(key)
    for joined in (group + sub, sub + group):
        found = matcher.match(joined)
        if found.key:
            return text, found
    return text, matcher.match(sub)


def build_header_info(candidate: HeaderCandidate, first_row: int, first_col: int,
                      letters: bool) -> tuple[HeaderInfo, list[str], list[str]]:
    """HeaderInfo with duplicates resolved (first column wins), unmapped texts and notes for the report."""
    columns: list[ColumnMapping] = []
    unmapped: list[str] = []
    notes: list[str] = []
    seen: dict[str, int] = {}
    for index, (text, match) in enumerate(zip(candidate.texts, candidate.matches, strict=True)):
        letter = get_column_letter(first_col + index) if letters else None
        where = letter or str(index + 1)
        key, note = match.key, None
        if key and key in seen:
            note = f"重复的表头：与第 {seen[key]} 列同为“{key}”，保留第一列，本列作为附加字段"
            notes.append(f"{where} 列“{text}”{note}")
            key = None
        elif key:
            seen[key] = index + 1
            if match.approximate:
                notes.append(f"{where} 列表头“{text}”按近似写法识别为 {key}")
        elif text:
            unmapped.append(text)
        if text or key:
            columns.append(ColumnMapping(index=index, letter=letter, header=text, key=key, note=note))
    if "name" not in seen and "main_item" in seen:
        notes.append(_main_item_is_the_name(columns, seen["main_item"] - 1))
    header_row = first_row + candidate.top + candidate.rows - 1
    return HeaderInfo(row=header_row, rows=candidate.rows, columns=columns), unmapped, notes


def _main_item_is_the_name(columns: list[ColumnMapping], index: int) -> str:
    """A sheet with 主项名称 (and 子项名称) but no 事项名称 column, as power lists and some departments write it:
    the main item is the matter's name, the sub-item tells its rows apart (as 职权名称 and 子项名称 do)."""
    position = next(n for n, column in enumerate(columns) if column.index == index)
    column = columns[position]
    columns[position] = ColumnMapping(index=column.index, letter=column.letter, header=column.header, key="name",
                                      note="没有“事项名称”列，作为事项名称")
    return f"{column.letter or column.index + 1} 列“{column.header}”：表中没有“事项名称”列，按事项名称读取（子项名称仍区分各行）"
