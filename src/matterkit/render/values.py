"""How element values read in a table cell or a report: lists joined, materials numbered, 是/否."""

from __future__ import annotations

from typing import Any

from matterkit.model import FeeItem, Material

_YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}


def display_value(value: Any, lang: str = "zh") -> str:
    """One element's normalised value as text for a person (empty string for no value)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        yes, no = _YES_NO["en" if lang == "en" else "zh"]
        return yes if value else no
    if isinstance(value, list):
        if value and isinstance(value[0], Material | dict) and _is_material(value[0]):
            return "\n".join(f"{i}. {material_text(m)}" for i, m in enumerate(value, 1))
        if value and isinstance(value[0], FeeItem):
            return "\n".join(fee_text(f) for f in value)
        return "、".join(str(v) for v in value)
    return str(value)


def _is_material(item: Any) -> bool:
    return isinstance(item, Material) or (isinstance(item, dict) and "name" in item and "standard" not in item)


def material_text(material: Material | dict[str, Any]) -> str:
    m = material if isinstance(material, Material) else Material.model_validate(material)
    details = [part for part in (m.kind, m.medium, f"{m.copies}份" if m.copies else None, m.necessity) if part]
    return f"{m.name}（{'，'.join(details)}）" if details else m.name


def fee_text(fee: FeeItem) -> str:
    text = "：".join(part for part in (fee.name, fee.standard) if part)
    return f"{text}（依据：{fee.basis}）" if fee.basis else text
