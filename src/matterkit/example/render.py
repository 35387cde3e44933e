"""Cell contents: how a layout writes each element's value (numbers, text limits, materials in one cell …)."""

from __future__ import annotations

from typing import Any

from matterkit.example.layouts import FEE_PARTS, Layout
from matterkit.example.rows import Row

_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULLWIDTH = {ord(ch): ord(ch) + 0xFEE0 for ch in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
CODE_COLUMNS = ("base_code", "impl_code", "body_code")
LIST_COLUMNS = ("level", "target", "channels")
DAY_COLUMNS = ("legal_limit", "promised_limit")
BOOL_COLUMNS = ("fee", "online", "in_hall", "express", "online_payment")
CONTACTS = ("王明", "李华", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽")


def fullwidth(text: str) -> str:
    return text.translate(_FULLWIDTH)


def chinese_number(n: int) -> str:
    """0–99 in Chinese numerals as written in limits: 5 五, 10 十, 15 十五, 20 二十, 45 四十五."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def cell_value(row: Row, column: str, layout: Layout, seq: int) -> Any:
    """What to write in one cell (None for an empty cell)."""
    if column in row.cells:
        return row.cells[column]
    if column == "seq":
        return seq
    if column == "contact":
        return CONTACTS[seq % len(CONTACTS)]
    if column in FEE_PARTS:
        parts = [fee.get(column.removeprefix("fee_")) for fee in row.values.get("fees", [])]
        return "\n".join(p for p in parts if p) or None
    value = row.values.get(column)
    if value is None or value == []:
        return None
    if column in CODE_COLUMNS:
        if layout.codes == "number" and column == "base_code" and value.isdigit():
            return int(value)  # as Excel keeps a code typed without a leading apostrophe: zeros lost
        return fullwidth(value) if layout.codes == "fullwidth" else value
    if column in LIST_COLUMNS:
        return layout.separator.join(value)
    if column in DAY_COLUMNS:
        return days_text(value, layout.limits)
    if column in BOOL_COLUMNS:
        return ("√" if value else "×") if layout.bools == "tick" else ("是" if value else "否")
    if column == "materials":
        return materials_text(value, layout)
    return value


def days_text(days: int, style: str) -> Any:
    if style == "number":
        return days
    if days == 0:
        return "当场办结"
    number = {"text": str(days), "chinese": chinese_number(days), "fullwidth": fullwidth(str(days))}[style]
    return f"{number}个工作日"


def material_label(material: dict[str, Any], notes: str) -> str:
    """"身份证（原件及复印件各1份，必要）", "身份证（复印件，必要）" or the bare name."""
    if notes == "bare":
        return material["name"]
    kind, copies, necessity = material.get("kind"), material.get("copies"), material.get("necessity")
    parts = []
    if kind:
        kind_text = "原件及复印件" if kind == "原件和复印件" else kind
        each = "各" if kind == "原件和复印件" else ""
        parts.append(kind_text if notes == "kind" or copies is None else f"{kind_text}{each}{copies}份")
    if necessity:
        parts.append(necessity)
    return f"{material['name']}（{'，'.join(parts)}）" if parts else material["name"]


BARE_HEADING = "必要材料："


def materials_text(materials: list[dict[str, Any]], layout: Layout) -> str:
    labels = [material_label(m, layout.material_notes) for m in materials]
    style = layout.materials
    if style == "dot":
        text = "\n".join(f"{i}.{label}" for i, label in enumerate(labels, 1))
    elif style == "comma":
        text = "；".join(f"{i}、{label}" for i, label in enumerate(labels, 1))
    elif style == "paren":
        text = "\n".join(f"（{i}）{label}" for i, label in enumerate(labels, 1))
    elif style == "circled":
        text = "".join(f"{_CIRCLED[i]}{label}" for i, label in enumerate(labels))
    else:
        text = "；".join(labels)
    # bare names: the necessity is given once, by a heading line above the list
    return f"{BARE_HEADING}\n{text}" if layout.material_notes == "bare" else text


def truth_materials(materials: list[dict[str, Any]], layout: Layout) -> list[dict[str, Any]]:
    """The materials a correct importer reads from `materials_text` (only what the cell states)."""
    if layout.material_notes == "bare":
        return [{"name": m["name"], "necessity": "必要"} for m in materials]
    keep = ("name", "necessity", "kind") if layout.material_notes == "kind" else ("name", "necessity", "kind", "copies")
    out = []
    for material in materials:
        item = {k: material[k] for k in keep if material.get(k) is not None}
        if "kind" not in item:
            item.pop("copies", None)
        out.append(item)
    return out
