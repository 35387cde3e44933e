"""Header wording -> element key: the alias table first, then one conservative fallback.

The fallback accepts a header that is a known alias with a generic qualifier before or after it
("设定依据及条款", "申请材料名称", "具体办理地点"). The remaining stem must be at least three characters,
so that short, ambiguous aliases (名称, 依据, 类型, 对象 …) never capture a longer, different header.
Anything else stays unmapped: a wrong mapping is worse than an extra column.
"""

from __future__ import annotations

from dataclasses import dataclass

from matterkit.elements import ElementRegistry
from matterkit.textnorm import fold

_SUFFIXES = ("及具体条款", "及条款", "条款", "及文号", "名称", "情况", "内容", "信息", "全称", "元", "个工作日",
             "工作日", "天数", "天")
_PREFIXES = ("具体", "相关", "主要", "有关", "本项")
_MIN_STEM = 3


@dataclass(frozen=True)
class HeaderMatch:
    key: str | None
    approximate: bool = False  # found by the fallback, not the alias table


NO_MATCH = HeaderMatch(None)


class HeaderMatcher:
    """Maps header texts to keys, remembering answers (the same wording recurs on every sheet)."""

    def __init__(self, registry: ElementRegistry) -> None:
        self.registry = registry
        self._cache: dict[str, HeaderMatch] = {}

    def match(self, text: str) -> HeaderMatch:
        if not text:
            return NO_MATCH
        found = self._cache.get(text)
        if found is None:
            found = self._match(text)
            self._cache[text] = found
        return found

    def exact(self, text: str) -> str | None:
        return self.registry.lookup(text) if text else None

    def _match(self, text: str) -> HeaderMatch:
        key = self.registry.lookup(text)
        if key:
            return HeaderMatch(key)
        folded = fold(text)
        for stem in _stems(folded):
            if len(stem) >= _MIN_STEM and (key := self.registry.lookup(stem)):
                return HeaderMatch(key, approximate=True)
        return NO_MATCH


def _stems(folded: str) -> list[str]:
    stems = [folded[: -len(suffix)] for suffix in _SUFFIXES if folded.endswith(suffix)]
    stems += [folded[len(prefix):] for prefix in _PREFIXES if folded.startswith(prefix)]
    return stems
