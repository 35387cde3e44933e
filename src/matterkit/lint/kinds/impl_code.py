"""impl_code — the 实施编码 is the body's credit code + one level character + the basic code.

Checked against the row's own 实施主体编码 and 基本编码; the expected code is built from them. The length
(31 observed, up to 36 allowed) is a separate `length` rule.

Example: with body_code 12441500196720244T and base_code 442199806003, passes
`12441500196720244T3442199806003` and fails `12441500196720244T3000123020000`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext, is_blank
from matterkit.lint.kinds import Hit

ID = "impl_code"
TITLE = {"zh": "实施编码结构（主体代码+层级+基本编码）", "en": "Implementation code structure"}
PARAMS: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": {}}
MESSAGE = {"zh": "{label}“{value}”与本行实施主体编码、基本编码不一致，应为{expected}",
           "en": "{label} '{value}' does not match the row's body code and basic code; expected {expected}"}
EXAMPLE = {
    "params": {},
    "pass": [{"impl_code": "12441500196720244T3442199806003", "body_code": "12441500196720244T",
              "base_code": "442199806003"}],
    "fail": [{"impl_code": "12441500196720244T3000123020000", "body_code": "12441500196720244T",
              "base_code": "442199806003"}],
}


def expected_impl_code(impl_code: str, body_code: str, base_code: str) -> str:
    level_char = impl_code[18] if len(impl_code) > 18 else "?"
    return f"{body_code}{level_char}{base_code}"


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    impl, body, base = ctx.column("impl_code"), ctx.column("body_code"), ctx.column("base_code")
    for i in rows:
        code = impl[i]
        if is_blank(code) or is_blank(body[i]) or is_blank(base[i]):
            continue
        if not (code.startswith(body[i]) and code.endswith(base[i])
                and len(code) == len(body[i]) + 1 + len(base[i])):
            yield Hit(i, "impl_code", code, expected_impl_code(code, body[i], base[i]))
