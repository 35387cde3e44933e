"""Cutting a derived list from the matters: the definition's conditions select, its sort order orders, its
columns say what each row shows. Pure: matters in, rows out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from matterkit.derived.definitions import ListDefinition
from matterkit.elements import ElementRegistry
from matterkit.lint.conditions import element_value, selects
from matterkit.model import LIST_LEVEL_LABELS, Matter
from matterkit.render.values import display_value

_LEVEL_RANK = {level: rank for rank, level in enumerate(LIST_LEVEL_LABELS)}
# Columns the element registry has no label for: the list fields, and the fee items gathered from the
# registry's three fee parts (as the export's one 收费项目 column).
_FIELD_LABELS = {"list_level": {"zh": "清单层级", "en": "List level"},
                 "list_body": {"zh": "清单主体", "en": "List body"},
                 "fees": {"zh": "收费项目", "en": "Fee items"}}


@dataclass
class DerivedList:
    definition: ListDefinition
    matters: list[Matter]

    @property
    def count(self) -> int:
        return len(self.matters)


def derive(definition: ListDefinition, matters: Iterable[Matter]) -> DerivedList:
    chosen = [m for m in matters if selects(definition.when, m)]
    chosen.sort(key=lambda m: tuple(_sort_value(m, key) for key in definition.sort))
    return DerivedList(definition, chosen)


def derive_all(definitions: Sequence[ListDefinition], matters: Sequence[Matter]) -> list[DerivedList]:
    return [derive(d, matters) for d in definitions]


def _sort_value(matter: Matter, key: str) -> tuple[int, Any]:
    """Missing values last; list levels county, township, village; text by its characters."""
    value = element_value(matter, key)
    if key == "list_level":
        return (0, _LEVEL_RANK.get(value or "", len(_LEVEL_RANK)))
    if value is None or value == [] or value == "":
        return (1, "")
    if isinstance(value, bool | int | float):
        return (0, float(value))
    return (0, display_value(value))


def column_label(key: str, registry: ElementRegistry, lang: str = "zh") -> str:
    if key in _FIELD_LABELS:
        return _FIELD_LABELS[key]["en" if lang == "en" else "zh"]
    return registry.label(key, lang)


def cell_value(matter: Matter, key: str, lang: str = "zh") -> Any:
    """A column's value as a table shows it: numbers stay numbers, the rest is display text (or None)."""
    value = element_value(matter, key)
    if key == "list_level":
        return LIST_LEVEL_LABELS.get(value or "", {}).get("en" if lang == "en" else "zh")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return display_value(value, lang) or None


def table(derived: DerivedList, registry: ElementRegistry, lang: str = "zh"
          ) -> tuple[list[str], list[list[Any]]]:
    """(headers, rows) with a leading 序号 column."""
    keys = derived.definition.columns
    headers = ["序号" if lang != "en" else "No.", *(column_label(k, registry, lang) for k in keys)]
    rows = [[n, *(cell_value(m, k, lang) for k in keys)] for n, m in enumerate(derived.matters, 1)]
    return headers, rows
