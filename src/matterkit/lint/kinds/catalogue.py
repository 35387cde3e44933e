"""catalogue — "same element": each locked element equals the standard catalogue's value for the matter.

The matter is found in the catalogue by basic code, otherwise by normalised name (`CatalogueIndex`).
`elements` maps each locked element to a comparison mode:

- `exact`: equal values (lists compared as sets);
- `text`: equal after NFKC with spaces removed (full-width and half-width brackets are the same, 《》 and
  every character count: for citations);
- `folded`: equal once folded (spacing, punctuation, bracketed notes ignored);
- `suffix`: the row's value ends with the catalogue's (主管部门: 青山县市场监督管理局 vs 市场监督管理局);
- `contains`: the row's value contains the catalogue's;
- `subset`: every value of a multi-valued row element appears in the catalogue's (行使层级).

Rows where the element is empty are left to `required`; matters not in the catalogue to `catalogue_missing`,
and so are the rows of a sheet the catalogue does not cover at all (`catalogue_missing` says so once).
The fix writes the catalogue's value for `exact`/`folded` text elements (name, code, type).

Example: with catalogue entry {base_code: 000123020000, name: 公共场所卫生许可}, `elements: {name: folded}`
passes 公共场所卫生许可（新办） and fails 公共场所卫生许可证核发.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext, folded, is_blank
from matterkit.lint.kinds import Hit
from matterkit.lint.kinds.catalogue_missing import rows_of_uncovered_sheets
from matterkit.textnorm import nfkc

ID = "catalogue"
TITLE = {"zh": "与标准目录一致（同一事项、同一名称、同一编码、同一标准）", "en": "Conforms to the standard catalogue"}
MODES = ("exact", "text", "folded", "suffix", "contains", "subset")
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["elements"],
    "properties": {
        "elements": {"type": "object", "minProperties": 1, "additionalProperties": {"enum": list(MODES)}},
    },
}
MESSAGE = {"zh": "{label}“{value}”与标准目录不一致，目录为“{expected}”",
           "en": "{label} '{value}' differs from the standard catalogue: '{expected}'"}
EXAMPLE = {
    "params": {"elements": {"name": "folded", "department": "suffix"}},
    "catalogue": [{"base_code": "000123020000", "name": "公共场所卫生许可", "department": "卫生健康局"}],
    "pass": [{"base_code": "000123020000", "name": "公共场所卫生许可（新办）", "department": "青山县卫生健康局"}],
    "fail": [{"base_code": "000123020000", "name": "公共场所卫生许可证核发", "department": "青山县卫生健康局"}],
}
FIXABLE_KINDS = {"text", "code", "enum"}


def _names(value: Any) -> Any:
    if isinstance(value, list):
        return {folded(getattr(v, "name", None) or str(v)) for v in value}
    return value


def _text(value: str) -> str:
    return "".join(nfkc(value).split())


def same(mode: str, row_value: Any, catalogue_value: Any) -> bool:
    a, b = _names(row_value), _names(catalogue_value)
    if isinstance(a, set) or isinstance(b, set):
        a = a if isinstance(a, set) else {folded(str(a))}
        b = b if isinstance(b, set) else {folded(str(b))}
        return a <= b if mode == "subset" else a == b
    if mode == "exact" or not isinstance(a, str) or not isinstance(b, str):
        return bool(a == b)
    if mode == "text":
        return _text(a) == _text(b)
    fa, fb = folded(a), folded(b)
    if mode == "suffix":
        return fa.endswith(fb)
    if mode == "contains":
        return fb in fa
    return fa == fb


def _accepted(entry: Any, element: str, expected: Any) -> list[Any]:
    """The catalogue's values a row's element may equal: for the name, also the entry's 子项名称 or 业务办理项名称
    (a row of a sub-item is commonly named by it, "社会保障卡首次申领" for 社会保障卡申领's sub-item)."""
    if element != "name":
        return [expected]
    return [expected, *(form for form in (entry.sub_item, entry.item_name) if not is_blank(form))]


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    matches = ctx.catalogue_matches()
    uncovered = rows_of_uncovered_sheets(ctx)
    rows = [i for i in rows if i not in uncovered] if uncovered else rows
    for element, mode in params["elements"].items():
        column = ctx.column(element)
        spec = ctx.registry.elements.get(element)
        fixable = mode in ("exact", "text", "folded") and spec is not None and spec.kind in FIXABLE_KINDS
        for i in rows:
            entry, _how = matches[i]
            if entry is None:
                continue
            expected = getattr(entry, element, None)
            value = column[i]
            if is_blank(expected) or is_blank(value) or any(same(mode, value, form) for form in
                                                              _accepted(entry, element, expected)):
                continue
            yield Hit(i, element, value, expected, {"mode": mode},
                      fix=expected if fixable and isinstance(expected, str) else None)
