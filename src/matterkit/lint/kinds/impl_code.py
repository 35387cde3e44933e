"""impl_code — the 实施编码 is the body's credit code + one level character + the basic code.

`check` chooses what to verify:
- `structure` (default): the code starts with the row's 实施主体编码 and ends with its 基本编码;
- `credit_code`: the credit code inside it (its first 18 characters) has the right check character;
- `level_char`: the 19th character is the code of the list's level in the `level` code table
  (county → 县级, township → 乡镇级, village → 村级). That this character is the level is observed, not
  confirmed by a published source, so rules using it should be warnings.

The expected code is built from the row's own elements. The length (31 observed, up to 36 allowed) is a
separate `length` rule.

Example: with body_code 12441500196720244T and base_code 442199806003, passes
`12441500196720244T3442199806003` and fails `12441500196720244T3000123020000`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.codes import CREDIT_CODE_ALPHABET, credit_code_check_char
from matterkit.lint.context import CheckContext, is_blank, is_valid_credit_code
from matterkit.lint.kinds import Hit

ID = "impl_code"
TITLE = {"zh": "实施编码结构（主体代码+层级+基本编码）", "en": "Implementation code structure"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False,
    "properties": {"check": {"enum": ["structure", "credit_code", "level_char"]}},
}
MESSAGES = {
    "structure": {"zh": "{label}“{value}”与本行实施主体编码、基本编码不一致，应为{expected}",
                  "en": "{label} '{value}' does not match the row's body code and basic code; expected {expected}"},
    "credit_code": {"zh": "{label}“{value}”中的统一社会信用代码校验位不正确，应为{expected}",
                    "en": "{label} '{value}': the credit code inside fails its check; expected {expected}"},
    "level_char": {"zh": "{label}“{value}”第19位层级码为“{found}”，{level}应为“{wanted}”，即{expected}",
                   "en": "{label} '{value}': level character '{found}', a {level} list uses '{wanted}': {expected}"},
}
MESSAGE = MESSAGES["structure"]
EXAMPLE = {
    "params": {},
    "pass": [{"impl_code": "12441500196720244T3442199806003", "body_code": "12441500196720244T",
              "base_code": "442199806003"}],
    "fail": [{"impl_code": "12441500196720244T3000123020000", "body_code": "12441500196720244T",
              "base_code": "442199806003"}],
}
LIST_LEVEL_TABLE_LABELS = {"county": "县级", "township": "乡镇级", "village": "村级"}


def message_for(params: dict[str, Any]) -> dict[str, str]:
    return MESSAGES[params.get("check", "structure")]


def expected_impl_code(impl_code: str, body_code: str, base_code: str) -> str:
    level_char = impl_code[18] if len(impl_code) > 18 else "?"
    return f"{body_code}{level_char}{base_code}"


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    mode = params.get("check", "structure")
    yield from {"structure": _structure, "credit_code": _credit_code, "level_char": _level_char}[mode](rows, ctx)


def _structure(rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    impl, body, base = ctx.column("impl_code"), ctx.column("body_code"), ctx.column("base_code")
    for i in rows:
        code = impl[i]
        if is_blank(code) or is_blank(body[i]) or is_blank(base[i]):
            continue
        if not (code.startswith(body[i]) and code.endswith(base[i])
                and len(code) == len(body[i]) + 1 + len(base[i])):
            yield Hit(i, "impl_code", code, expected_impl_code(code, body[i], base[i]))


def _credit_code(rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    impl = ctx.column("impl_code")
    for i in rows:
        code = impl[i]
        if is_blank(code) or len(code) < 18 or is_valid_credit_code(code[:18]):
            continue
        head = code[:17].upper()
        if all(c in CREDIT_CODE_ALPHABET for c in head):
            yield Hit(i, "impl_code", code, head + credit_code_check_char(head) + code[18:])
        else:
            yield Hit(i, "impl_code", code, None)


def _level_char(rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    impl = ctx.column("impl_code")
    for i in rows:
        code, list_level = impl[i], ctx.matters[i].list_level
        label = LIST_LEVEL_TABLE_LABELS.get(list_level or "")
        wanted = ctx.code_tables.code_of("level", label) if label else None
        if is_blank(code) or len(code) < 19 or not wanted or len(wanted) != 1 or code[18] == wanted:
            continue
        yield Hit(i, "impl_code", code, code[:18] + wanted + code[19:],
                  {"found": code[18], "wanted": wanted, "level": label})
