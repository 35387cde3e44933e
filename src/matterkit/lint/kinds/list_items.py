"""list_items — checks on the items of a list element (申请材料 `materials`, 收费项目 `fees`).

`check` is one of:
- `duplicate`: no two items with the same `field` (folded); the fix drops the repeated line from the cell;
- `forbidden`: no item whose `field` matches one of `patterns` (catch-all wording such as 其他材料);
- `required`: every item has `field` (a material's necessity, a fee's standard). A sheet where no item of any
  row has it (at least `SHEET_ROWS` rows lack it: the sheet has nowhere to write it, such as materials listed in
  one cell) gets one finding for the sheet instead of one per row.

Example: `params: {element: materials, check: forbidden, patterns: ['^其他', '相关材料$', '等材料$']}` fails a
matter listing 其他相关材料.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex

from matterkit.lint.context import CheckContext, folded, is_blank, rows_by_sheet
from matterkit.lint.kinds import Hit
from matterkit.lint.kinds.pattern import TIMEOUT_SECONDS, compile_pattern

ID = "list_items"
TITLE = {"zh": "列表要素（申请材料、收费项目）逐项检查", "en": "Checks on list items (materials, fees)"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["element", "check"],
    "properties": {
        "element": {"enum": ["materials", "fees"]},
        "check": {"enum": ["duplicate", "forbidden", "required"]},
        "field": {"type": "string"},
        "patterns": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    },
}
MESSAGES = {
    "duplicate": {"zh": "{label}中“{value}”重复出现", "en": "{label}: '{value}' is listed twice"},
    "forbidden": {"zh": "{label}中“{value}”为兜底表述，应写明具体材料",
                  "en": "{label}: '{value}' is catch-all wording; name the actual item"},
    "required": {"zh": "{label}中“{value}”缺少{field_label}", "en": "{label}: '{value}' lacks {field_label}"},
}
MESSAGE = MESSAGES["forbidden"]
SHEET_MESSAGE = {"zh": "本表 {count} 个事项的{label}都没有注明{field_label}（逐项不再列出）",
                 "en": "No item of {label} states its {field_label} in the {count} matters of the sheet (not listed "
                       "one by one)"}
SHEET_ROWS = 20
FIELD_LABELS = {"name": {"zh": "名称", "en": "name"}, "necessity": {"zh": "材料必要性", "en": "necessity"},
                "standard": {"zh": "收费标准", "en": "fee standard"}, "basis": {"zh": "依据", "en": "basis"},
                "kind": {"zh": "材料类型", "en": "material type"}, "medium": {"zh": "材料形式", "en": "medium"},
                "copies": {"zh": "份数", "en": "copies"}}
EXAMPLE = {
    "params": {"element": "materials", "check": "forbidden", "patterns": ["^其他", "相关材料$", "等材料$"]},
    "pass": [{"materials": [{"name": "申请表", "necessity": "必要"}]}],
    "fail": [{"materials": [{"name": "申请表", "necessity": "必要"}, {"name": "其他相关材料"}]}],
}
_NUMBERING = regex.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[、.．)）:：]\s*")
_SEPARATOR = regex.compile(r"(\n|；|;)")


def message_for(params: dict[str, Any]) -> dict[str, str]:
    return MESSAGES[params["check"]]


def validate(params: dict[str, Any]) -> None:
    if params["check"] == "forbidden" and not params.get("patterns"):
        raise ValueError("check: forbidden needs patterns")
    for pattern in params.get("patterns", ()):
        try:
            compile_pattern(pattern)
        except regex.error as exc:
            raise ValueError(f"正则表达式无效 / invalid regular expression {pattern!r}: {exc}") from exc


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    element, mode = params["element"], params["check"]
    field = params.get("field", "name" if mode != "required" else "necessity")
    column = ctx.column(element)
    yield from {"duplicate": _duplicates, "forbidden": _forbidden, "required": _required}[mode](
        params, rows, ctx, element, field, column)


def _name(item: Any) -> str:
    return getattr(item, "name", None) or ""


def _duplicates(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext, element: str, field: str,
                column: list[Any]) -> Iterator[Hit]:
    for i in rows:
        seen: set[str] = set()
        for item in column[i] or ():
            value = getattr(item, field, None)
            if is_blank(value):
                continue
            key = folded(str(value))
            if key in seen:
                fix = dedupe_list_text(ctx.matters[i].raw.get(element, "")) if element == "materials" else None
                yield Hit(i, element, value, None, fix=fix)
            seen.add(key)


def _forbidden(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext, element: str, field: str,
               column: list[Any]) -> Iterator[Hit]:
    # one alternation, compiled once per lint: a single search per item instead of one per pattern
    combined = ctx.prepared(("patterns", tuple(params["patterns"])),
                            lambda: compile_pattern("|".join(f"(?:{p})" for p in params["patterns"])))
    for i in rows:
        for item in column[i] or ():
            value = getattr(item, field, None)
            if is_blank(value):
                continue
            text = str(value)
            try:
                bad = combined.search(text, timeout=TIMEOUT_SECONDS) is not None
            except TimeoutError:
                bad = True
            if bad:
                yield Hit(i, element, text, None)


def _required(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext, element: str, field: str,
              column: list[Any]) -> Iterator[Hit]:
    """One finding per row, naming every item that lacks the field; one for the sheet when none has it."""
    field_label = FIELD_LABELS.get(field, {}).get(ctx.lang, field)
    for sheet_rows in rows_by_sheet(rows, ctx).values():
        hits = []
        stated = False
        for i in sheet_rows:
            items = column[i] or ()
            lacking = [_name(item) or f"#{n}" for n, item in enumerate(items, start=1)
                       if is_blank(getattr(item, field, None))]
            stated = stated or len(lacking) < len(items)
            if lacking:
                hits.append(Hit(i, element, "、".join(lacking), None, {"field_label": field_label, "field": field,
                                                                        "count": len(lacking)}))
        if not stated and len(hits) >= SHEET_ROWS:
            yield Hit(hits[0].row, element, None, None, {"field_label": field_label, "count": len(hits)},
                      sheet_rows=[hit.row for hit in hits], message=SHEET_MESSAGE)
        else:
            yield from hits


def dedupe_list_text(text: str) -> str | None:
    """The cell text with repeated items removed, or None when nothing repeats.

    Items are separated by new lines or "；"; numbered lists are renumbered in their own style ("1、").
    """
    items = [item for item in _SEPARATOR.split(text or "")[0::2] if item.strip()]
    names = [_NUMBERING.sub("", item).strip() for item in items]
    kept, seen = [], set()
    for item, name in zip(items, names, strict=True):
        if folded(name) not in seen:
            seen.add(folded(name))
            kept.append((item.strip(), name))
    if len(kept) == len(items):
        return None
    style = _NUMBERING.match(items[0])
    if style:
        mark = style.group().strip()[-1]
        lines = [f"{number}{mark}{name}" for number, (_, name) in enumerate(kept, start=1)]
    else:
        lines = [item for item, _ in kept]
    return ("\n" if "\n" in text else "；").join(lines)
