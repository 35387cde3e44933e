"""Kind `materials`: one cell listing application materials → a list of materials.

The cell is split into items by `listitems.split_items` (new lines, "；", numbering). From each item the
notes departments write beside the name are read and removed: kind (原件/复印件), copies ("2份",
"一式三份"), medium (纸质/电子), necessity ("如有", "选填" → 非必要; "必须" → 必要) and source
(申请人自备 …). Notes that are not understood stay in the name (when in brackets with nothing understood)
or go to `note`. A line ending in "：" heads a group ("非必要材料：", "申请人为企业的："): it sets the
necessity or the note of the items below it. Duplicates are kept; lint reports them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from matterkit.normalise.celltext import clean_text, is_placeholder
from matterkit.normalise.listitems import ITEM_TRIM, split_items
from matterkit.normalise.numerals import CHINESE_NUMBER, chinese_to_int

MaterialFields = tuple[tuple[str, object], ...]  # (field, value) pairs of one Material, hashable for the cache

_NO_MATERIALS = frozenset({"无需材料", "无需提交材料", "无需提供材料", "不需要材料", "无需申请材料", "无材料", "无需提交"})
_NOTE_BRACKET = re.compile(r"[(（\[【〔]([^()（）\[\]【】〔〕]*)[)）\]】〕]")
_TOKEN_SPLIT = re.compile(r"[，,、；;\s]+")
_TRIM = ITEM_TRIM
_NUM = rf"(?:\d{{1,3}}|{CHINESE_NUMBER})"

# One note token is a sequence of these parts (matched in order of the alternatives).
_PART = re.compile(
    r"(?P<optional>非必要|非必须|非必需|非必交|需要时提供|必要时提供|需要时|必要时|视情况提供|视情况|如有|如需|若有|"
    r"选填|选交|选报|可选|容缺|可不提供)"
    r"|(?P<required>必要|必须提供|必须|必需|必交|必填|必报|必备)"
    r"|(?P<both>原件(?:及|和|与|、|\+|加|并)?复印件|原件复印件各)"
    r"|(?P<original>(?:核验|查验|验)?原件(?:核验|查验|验证)?)"
    r"|(?P<copy>复印件|影印件|复印)"
    rf"|(?:一式(?P<set_copies>{_NUM})份)"
    rf"|(?:各?(?P<copies>{_NUM})(?:份|张|套|本))"
    r"|(?P<paper_and_electronic>纸质(?:版|件)?(?:及|和|与|、|\+)电子(?:版|件)?)"
    r"|(?P<paper>纸质(?:版|件|材料)?)"
    r"|(?P<electronic>电子(?:版|件|文档|材料)?|扫描件)"
    r"|(?P<self_prepared>申请人自备|自备)"
    r"|(?P<issued>政府部门核发|部门核发|核发)"
    r"|(?P<filler>各|需|须|请|提供|提交|交|收|留存|查验|核验|均|并)")
# Notes written after the name without brackets: "身份证原件及复印件各1份", "照片2张".
_TAIL = re.compile(
    r"[，,、\s]*(?P<part>原件(?:及|和|与|、|\+)?复印件|原件|复印件|纸质版|电子版|电子件|"
    rf"一式{_NUM}份|各?{_NUM}(?:份|张|套|本))$")
_TAIL_NECESSITY = re.compile(r"[，,、\s]+(?P<part>非必要|必要|选填|必须|必需|非必需|必交)$")
_TAIL_LAST = frozenset("件份张套本版要填须需交")  # last characters of what _TAIL and _TAIL_NECESSITY remove
_CONDITION = re.compile(r"(?P<cond>(?:如有|如需|若有|如|若)[^，,]{1,30})[，,]\s*(?:需|请|须|应)?(?:提供|提交|出具|携带)?(?P<rest>.+)")
_CONDITION_PLAIN = re.compile(r"(?:如有|如需|若有)(?P<rest>.+)")
# Remarks on how to prepare a material: they leave the name for `note`.
_REMARK = re.compile(r"(?:需|须|并)?(?:加盖(?:单位)?公章|盖章|签字|签名|签字盖章|签字并盖章|签章|本人签字|签字确认)")
_HEADER_OPTIONAL = re.compile(r"非必要|非必须|非必需|选填|选交|可选|容缺|如有|如需|若有")
_HEADER_REQUIRED = re.compile(r"必要|必须|必需|必交|必备")


def parse_materials(value: object) -> list[dict[str, object]]:
    """The materials of one cell, each as a dict of Material fields (name first)."""
    return [dict(fields) for fields in material_fields(value)]


def material_fields(value: object) -> tuple[MaterialFields, ...]:
    """As `parse_materials`, immutable: each material as (field, value) pairs."""
    return _parse(clean_text(value))


@lru_cache(maxsize=32768)
def _parse(text: str) -> tuple[MaterialFields, ...]:
    if not text or is_placeholder(text) or text.strip(_TRIM) in _NO_MATERIALS:
        return ()
    materials: list[dict[str, object]] = []
    group_necessity: str | None = None
    group_note: str | None = None
    for item in split_items(text):
        if item.endswith(("：", ":")):
            header = item.strip(_TRIM)
            group_necessity, group_note = _header_meaning(header)
            continue
        fields = read_item(item)
        if not fields["name"] and materials:  # a line of notes belongs to the material above
            _fill(materials[-1], fields)
            continue
        fields["name"] = fields["name"] or item.strip(_TRIM)
        if fields["necessity"] is None:
            fields["necessity"] = group_necessity
        if group_note and fields["note"] is None:
            fields["note"] = group_note
        materials.append(fields)
    return tuple(tuple(m.items()) for m in materials)


def _header_meaning(header: str) -> tuple[str | None, str | None]:
    """(necessity, note) a group heading gives the items below it."""
    if header.startswith(("如", "若")):  # "如有委托的：" is a condition: optional, and the condition is the note
        return "非必要", header
    if _HEADER_OPTIONAL.search(header):
        return "非必要", None
    if _HEADER_REQUIRED.search(header):
        return "必要", None
    if header.endswith("材料") or not header:
        return None, None
    return None, header


def _fill(target: dict[str, object], source: dict[str, object]) -> None:
    for key, value in source.items():
        if key != "name" and value is not None and target.get(key) is None:
            target[key] = value


# --- reading one item ------------------------------------------------------------------------------------


def read_item(item: str) -> dict[str, object]:
    """One item's fields: the clean name and whatever its notes say."""
    fields: dict[str, object] = {"name": "", "necessity": None, "kind": None, "medium": None, "copies": None,
                                 "source": None, "note": None}
    notes: list[str] = []
    name = _read_condition(item, fields, notes)
    name = _read_bracket_notes(name, fields, notes)
    name = _read_tail(name, fields)
    fields["name"] = name.strip(_TRIM)
    if notes:
        fields["note"] = "；".join(notes)
    return fields


def _read_condition(item: str, fields: dict[str, object], notes: list[str]) -> str:
    if not item.startswith(("如", "若")):
        return item
    match = _CONDITION.fullmatch(item)
    if match:
        fields["necessity"] = "非必要"
        notes.append(match["cond"])
        return match["rest"]
    plain = _CONDITION_PLAIN.fullmatch(item)
    if plain:
        fields["necessity"] = "非必要"
        return plain["rest"]
    return item


def _read_bracket_notes(name: str, fields: dict[str, object], notes: list[str]) -> str:
    if not any(ch in name for ch in "(（[【〔"):
        return name

    def replace(match: re.Match[str]) -> str:
        if _inside_title(name, match.start()):
            return match.group(0)
        tokens = [tok for tok in _TOKEN_SPLIT.split(match.group(1)) if tok]
        understood = [tok for tok in tokens if _read_token(tok, fields) or _REMARK.fullmatch(tok)]
        if not understood:
            return match.group(0)
        notes.extend(tok for tok in tokens if not _read_token(tok, {}))
        return ""

    return _NOTE_BRACKET.sub(replace, name)


def _inside_title(text: str, position: int) -> bool:
    return text.count("《", 0, position) > text.count("》", 0, position)


def _read_tail(name: str, fields: dict[str, object]) -> str:
    """Strip notes written after the name; a name that is nothing but notes ("复印件") becomes ""."""
    while name[-1:] in _TAIL_LAST and (match := _TAIL.search(name) or _TAIL_NECESSITY.search(name)):
        if not _read_token(match["part"], fields):
            break
        name = name[:match.start()]
    return name


def _read_token(token: str, fields: dict[str, object]) -> bool:
    """Apply one note token ("原件1份", "需要时提供") to the fields; False when it is not fully understood."""
    meaning = _token_meaning(token)
    if meaning is None:
        return False
    updates, kinds = meaning
    for key, value in updates:
        if fields.get(key) is None:
            fields[key] = value
    if kinds:
        previous = fields.get("kind")
        combined = set(kinds)
        if previous:
            combined.update({"原件", "复印件"} if previous == "原件和复印件" else {str(previous)})
        fields["kind"] = "原件和复印件" if len(combined) > 1 else combined.pop()
    return True


@lru_cache(maxsize=4096)
def _token_meaning(token: str) -> tuple[tuple[tuple[str, object], ...], frozenset[str]] | None:
    """(field updates, kinds named) of a note token, or None when some of it is not understood."""
    updates: dict[str, object] = {}
    kinds: set[str] = set()
    position, meaningful = 0, False
    while position < len(token):
        part = _PART.match(token, position)
        if part is None or part.end() == position:
            return None
        group = part.lastgroup
        meaningful = meaningful or group != "filler"
        _apply_part(group, part, updates, kinds)
        position = part.end()
    return (tuple(updates.items()), frozenset(kinds)) if meaningful else None


def _apply_part(group: str | None, part: re.Match[str], updates: dict[str, object], kinds: set[str]) -> None:
    if group == "optional":
        updates["necessity"] = "非必要"
    elif group == "required":
        updates.setdefault("necessity", "必要")
    elif group == "both":
        kinds.update({"原件", "复印件"})
    elif group == "original":
        kinds.add("原件")
    elif group == "copy":
        kinds.add("复印件")
    elif group in ("set_copies", "copies"):
        updates["copies"] = _to_int(part[group])
    elif group == "paper_and_electronic":
        updates["medium"] = "纸质和电子"
    elif group == "paper":
        updates["medium"] = "纸质"
    elif group == "electronic":
        updates["medium"] = "电子"
    elif group == "self_prepared":
        updates["source"] = "申请人自备"
    elif group == "issued":
        updates["source"] = "政府部门核发"


def _to_int(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_to_int(text)
