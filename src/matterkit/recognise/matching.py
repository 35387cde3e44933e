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
_CACHE_LIMIT = 50_000  # texts remembered per matcher (a county's first 30 rows of every list hold ≈ 15,000)


class HeaderMatcher:
    """Maps header texts to keys, remembering answers (the same wording recurs on every sheet).

    Every text of the rows scanned for a header is matched, data rows included, so the answers are kept
    from file to file (`matcher_for`): across a county's lists four texts in five recur. The memory is
    bounded by starting afresh when it is full.
    """

    def __init__(self, registry: ElementRegistry) -> None:
        self.registry = registry
        self._cache: dict[str, HeaderMatch] = {}
        self._exact: dict[str, str | None] = {}

    def match(self, text: str) -> HeaderMatch:
        if not text:
            return NO_MATCH
        found = self._cache.get(text)
        if found is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[text] = self._match(text)
        return found

    def match_all(self, texts: list[str]) -> list[HeaderMatch]:
        """`match` of each text, remembered answers looked up inline (every row scanned for a header)."""
        cache = self._cache
        return [cache.get(text) or self.match(text) for text in texts]

    def exact(self, text: str) -> str | None:
        if not text:
            return None
        if text not in self._exact:
            if len(self._exact) >= _CACHE_LIMIT:
                self._exact.clear()
            self._exact[text] = self.registry.lookup(text)
        return self._exact[text]

    def _match(self, text: str) -> HeaderMatch:
        key = self.registry.lookup(text)
        if key:
            return HeaderMatch(key)
        folded = fold(text)
        for stem in _stems(folded):
            if len(stem) >= _MIN_STEM and (key := self.registry.lookup(stem)):
                return HeaderMatch(key, approximate=True)
        return NO_MATCH


_MATCHERS: dict[int, HeaderMatcher] = {}


def matcher_for(registry: ElementRegistry) -> HeaderMatcher:
    """The one matcher of this registry in this process. The matcher holds its registry, so the id used
    as the key cannot be reused by another registry while the entry exists."""
    matcher = _MATCHERS.get(id(registry))
    if matcher is None:
        if len(_MATCHERS) >= 8:
            _MATCHERS.clear()
        matcher = _MATCHERS[id(registry)] = HeaderMatcher(registry)
    return matcher


def _stems(folded: str) -> list[str]:
    stems = [folded[: -len(suffix)] for suffix in _SUFFIXES if folded.endswith(suffix)]
    stems += [folded[len(prefix):] for prefix in _PREFIXES if folded.startswith(prefix)]
    return stems
