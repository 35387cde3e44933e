"""How element values read in messages: 25 → 25个工作日, True → 是, lists joined with 、."""

from __future__ import annotations

from typing import Any

from matterkit.elements import ElementRegistry
from matterkit.model import FeeItem, Material

# Model fields that the element registry does not list (it lists the fee parts instead).
EXTRA_LABELS = {"fees": {"zh": "收费项目", "en": "Fee items"}}


def element_label(registry: ElementRegistry, element: str | None, lang: str = "zh") -> str:
    if not element:
        return ""
    if element not in registry and element in EXTRA_LABELS:
        return EXTRA_LABELS[element]["en" if lang == "en" else "zh"]
    return registry.label(element, lang)


def format_days(days: int, lang: str = "zh") -> str:
    if lang == "en":
        return "on the spot" if days == 0 else f"{days} working days"
    return "当场办结" if days == 0 else f"{days}个工作日"


def display(element: str | None, value: Any, registry: ElementRegistry, lang: str = "zh") -> str:
    """A value as a person reads it in a message."""
    if value is None or value == "" or value == []:
        return "（空）" if lang != "en" else "(empty)"
    kind = registry.elements[element].kind if element and element in registry else None
    if kind == "days" and isinstance(value, int) and not isinstance(value, bool):
        return format_days(value, lang)
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
    if isinstance(value, Material | FeeItem):
        return value.name or ""
    if isinstance(value, list):
        return "、".join(display(element, v, registry, lang) for v in value)
    return str(value)


def plain(value: Any) -> Any:
    """A value as JSON carries it (materials and fee items as mappings)."""
    if isinstance(value, Material | FeeItem):
        return value.model_dump(exclude_none=True)
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
