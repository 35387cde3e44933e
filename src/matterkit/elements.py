"""The element registry: each canonical element's key, labels, value kind and header aliases.

The registry itself is data (`data/elements.yaml`); a workspace adds aliases in `matterkit.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from matterkit.resources import package_data
from matterkit.textnorm import fold
from matterkit.yamlio import load_plain_yaml

ElementKind = Literal["text", "code", "enum", "enum_multi", "int", "days", "bool", "materials",
                      "fee_part", "date", "ignore"]


@dataclass(frozen=True)
class ElementSpec:
    key: str
    zh: str
    en: str
    kind: ElementKind
    table: str | None = None
    aliases: tuple[str, ...] = ()

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class ElementRegistry:
    """All elements, plus the folded-alias index used to map header wording to keys."""

    elements: dict[str, ElementSpec]
    _alias_index: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for spec in self.elements.values():
            for alias in (spec.zh, *spec.aliases):
                self._alias_index.setdefault(fold(alias), spec.key)

    def __getitem__(self, key: str) -> ElementSpec:
        return self.elements[key]

    def __contains__(self, key: object) -> bool:
        return key in self.elements

    def __iter__(self):
        return iter(self.elements.values())

    def lookup(self, header_text: str) -> str | None:
        """The element key whose alias equals this header once folded, else None."""
        folded = fold(header_text)
        if folded in self._alias_index:
            return self._alias_index[folded]
        folded_keep = fold(header_text, drop_bracketed=False)
        return self._alias_index.get(folded_keep)

    def label(self, key: str, lang: str = "zh") -> str:
        spec = self.elements.get(key)
        return spec.label(lang) if spec else key

    def with_aliases(self, extra: Mapping[str, Iterable[str]]) -> ElementRegistry:
        """A registry with a workspace's aliases added; a workspace alias wins over a built-in one."""
        merged = ElementRegistry(dict(self.elements))
        for key, aliases in extra.items():
            for alias in aliases:
                merged._alias_index[fold(alias)] = key
        return merged


@cache
def default_registry() -> ElementRegistry:
    raw = load_plain_yaml(package_data("elements.yaml"))
    specs = {}
    for entry in raw["elements"]:
        specs[entry["key"]] = ElementSpec(
            key=entry["key"], zh=entry["zh"], en=entry["en"], kind=entry["kind"],
            table=entry.get("table"), aliases=tuple(entry.get("aliases", ())),
        )
    return ElementRegistry(specs)
