"""Kinds `enum` and `enum_multi`: labels through the code tables; unknown values kept as typed.

A value typed as a synonym or a code (行政审批, 01) is stored as its label (行政许可) with an issue
`enum_synonym_mapped`, so the change is reported and the original kept. Splitting 自然人和企业法人 into two
labels is reading, not a change, and is not reported."""

from __future__ import annotations

import re
from collections.abc import Callable

from matterkit.codetables import CodeTables
from matterkit.normalise.celltext import clean_text, is_placeholder
from matterkit.normalise.issues import NO_ISSUES, IssueNote

# Separators between the values of a multi-valued cell (outside brackets only).
_SEPARATORS = frozenset("、，,；;/／|｜\n")
_OPEN, _CLOSE = "(（[【〔{<《", ")）]】〕}>》"
# "自然人和企业法人", "窗口办理及网上办理": split on these only when every part is a known label.
_CONJUNCTION = re.compile(r"\s+和\s+|以及|和|及|与")
_CACHE_LIMIT = 200_000

Lookup = Callable[[str, str], str | None]


class EnumReader:
    """Reads enum cells against one set of code tables, with a cache (a province has millions of rows)."""

    def __init__(self, code_tables: CodeTables) -> None:
        self._tables = code_tables
        self._cache: dict[tuple[str, str], str | None] = {}
        self._multi_cache: dict[tuple[str, str], tuple[tuple[str, ...], tuple[IssueNote, ...]]] = {}

    def lookup(self, table: str, text: str) -> str | None:
        key = (table, text)
        try:
            return self._cache[key]
        except KeyError:
            pass
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        label = self._cache[key] = self._tables.canonical(table, text)
        return label

    def single(self, value: object, table: str) -> tuple[str | None, tuple[IssueNote, ...]]:
        text = clean_text(value)
        if not text:
            return None, NO_ISSUES
        label = self.lookup(table, text)
        if label is not None:
            return label, _mapped(text, label)
        if is_placeholder(text):
            return None, NO_ISSUES
        return text, (("unknown_enum_value", table),)

    def multi(self, value: object, table: str) -> tuple[list[str], tuple[IssueNote, ...]]:
        text = clean_text(value)
        if not text:
            return [], NO_ISSUES
        key = (table, text)
        cached = self._multi_cache.get(key)
        if cached is None:
            if len(self._multi_cache) > _CACHE_LIMIT:
                self._multi_cache.clear()
            values, issues = self._read_multi(text, table)
            cached = self._multi_cache[key] = (tuple(values), issues)
        return list(cached[0]), cached[1]

    def _read_multi(self, text: str, table: str) -> tuple[list[str], tuple[IssueNote, ...]]:
        whole = self.lookup(table, text)
        if whole is not None:
            return [whole], _mapped(text, whole)
        values: list[str] = []
        issues: list[IssueNote] = []
        mapped = False
        for part in split_values(text):
            label = self.lookup(table, part)
            if label is not None:
                values.append(label)
                mapped = mapped or label != part
                continue
            pieces = _split_conjunction(part, table, self.lookup)
            if pieces:
                values.extend(pieces)
            elif not is_placeholder(part):
                values.append(part)
                issues.append(("unknown_enum_value", table))
        unique = list(dict.fromkeys(values))
        if mapped:
            issues.append(("enum_synonym_mapped", "、".join(unique)))
        if len(unique) < len(values):
            repeated = [v for i, v in enumerate(values) if v in values[:i]]
            issues.append(("duplicate_values_removed", "、".join(dict.fromkeys(repeated))))
        return unique, tuple(issues) if issues else NO_ISSUES


def _mapped(text: str, label: str) -> tuple[IssueNote, ...]:
    """A value typed otherwise than its label (a synonym, a code, another width) is stored as the label: said."""
    return NO_ISSUES if text == label else (("enum_synonym_mapped", label),)


def split_values(text: str) -> list[str]:
    """Split on the separators that stand outside brackets (`镇(乡、街道)级` stays one value)."""
    parts: list[str] = []
    depth, start = 0, 0
    for index, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif ch in _SEPARATORS and (depth == 0 or ch == "\n"):
            parts.append(text[start:index])
            start, depth = index + 1, 0
    parts.append(text[start:])
    return [stripped for part in parts if (stripped := part.strip())]


def _split_conjunction(part: str, table: str, lookup: Lookup) -> list[str] | None:
    if not _CONJUNCTION.search(part):
        return None
    labels = [lookup(table, piece.strip()) for piece in _CONJUNCTION.split(part) if piece.strip()]
    if len(labels) < 2 or any(label is None for label in labels):
        return None
    return [label for label in labels if label is not None]
