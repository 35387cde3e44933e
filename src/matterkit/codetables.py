"""Code tables (enumerations) loaded from `catalog/code-tables.yaml`, with a workspace's overrides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from matterkit.resources import bundled_dir
from matterkit.textnorm import fold
from matterkit.yamlio import load_plain_yaml


@dataclass(frozen=True)
class CodeEntry:
    label: str
    code: str | None = None
    synonyms: tuple[str, ...] = ()


@dataclass
class CodeTables:
    tables: dict[str, list[CodeEntry]]
    _index: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, entries in self.tables.items():
            index: dict[str, str] = {}
            for entry in entries:
                for word in (entry.label, *entry.synonyms, *([entry.code] if entry.code else [])):
                    index.setdefault(fold(word), entry.label)
            self._index[name] = index

    def canonical(self, table: str, raw: str) -> str | None:
        """The canonical label for a typed value, or None when the table does not know it."""
        index = self._index.get(table, {})
        return index.get(fold(raw)) or index.get(fold(raw, drop_bracketed=False))

    def labels(self, table: str) -> list[str]:
        return [entry.label for entry in self.tables.get(table, [])]

    def code_of(self, table: str, label: str) -> str | None:
        for entry in self.tables.get(table, []):
            if entry.label == label:
                return entry.code
        return None

    def with_overrides(self, overrides: Mapping[str, Any]) -> CodeTables:
        """Tables from matterkit.yaml replace the bundled table of the same name."""
        tables = dict(self.tables)
        tables.update(_parse_tables(overrides))
        return CodeTables(tables)


def _parse_tables(raw: Mapping[str, Any]) -> dict[str, list[CodeEntry]]:
    return {
        name: [CodeEntry(label=str(e["label"]), code=None if e.get("code") is None else str(e["code"]),
                         synonyms=tuple(str(s) for s in e.get("synonyms", ()))) for e in entries]
        for name, entries in raw.items()
    }


def load_code_tables(path: Path) -> CodeTables:
    return CodeTables(_parse_tables(load_plain_yaml(path)["tables"]))


@cache
def default_code_tables() -> CodeTables:
    return load_code_tables(bundled_dir("catalog") / "code-tables.yaml")
