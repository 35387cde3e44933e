"""pattern — an element's text matches (or, with `match: false`, does not match) a regular expression.

Patterns are compiled once per lint with the `regex` package and every search runs with a time-out, so a
pathological pattern in a county's pack cannot hang the lint: a search that times out is reported as a
finding of the rule instead. `full: true` requires the whole value to match. `placeholders: true` passes a
value that only says "none" ("/", "无", "不涉及" …): for an element that may rightly be absent, such as 网办地址.

Example: `params: {element: base_code, pattern: '\\d{12}', full: true}` passes `000123020000`, fails `00012302`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex

from matterkit.lint.context import CheckContext, is_blank
from matterkit.lint.kinds import Hit
from matterkit.normalise.celltext import is_placeholder

ID = "pattern"
TITLE = {"zh": "要素符合格式（正则表达式）", "en": "Element matches a pattern"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["element", "pattern"],
    "properties": {
        "element": {"type": "string"},
        "pattern": {"type": "string", "minLength": 1},
        "full": {"type": "boolean"},
        "match": {"type": "boolean"},
        "expected": {"type": "string"},
        "placeholders": {"type": "boolean"},
    },
}
MESSAGE = {"zh": "{label}“{value}”格式不正确，应为{expected}", "en": "{label} '{value}' is malformed; expected {expected}"}
EXAMPLE = {
    "params": {"element": "base_code", "pattern": r"\d{12}", "full": True, "expected": "12位数字"},
    "pass": [{"base_code": "000123020000"}],
    "fail": [{"base_code": "00012302"}],
}
TIMEOUT_SECONDS = 0.25


def compile_pattern(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.VERSION0)


def validate(params: dict[str, Any]) -> None:
    try:
        compile_pattern(params["pattern"])
    except regex.error as exc:
        raise ValueError(f"正则表达式无效 / invalid regular expression: {exc}") from exc


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    element = params["element"]
    compiled = ctx.prepared(("pattern", params["pattern"]), lambda: compile_pattern(params["pattern"]))
    search = compiled.fullmatch if params.get("full") else compiled.search
    want = params.get("match", True)
    expected = params.get("expected", params["pattern"])
    column = ctx.column(element)
    placeholders_pass = params.get("placeholders", False)
    for i in rows:
        value = column[i]
        if is_blank(value) or placeholders_pass and isinstance(value, str) and is_placeholder(value):
            continue
        for item in value if isinstance(value, list) else [value]:
            try:
                found = search(str(item), timeout=TIMEOUT_SECONDS) is not None
            except TimeoutError:
                yield Hit(i, element, item, expected, {"timeout": True})
                continue
            if found != want:
                yield Hit(i, element, item, expected)
