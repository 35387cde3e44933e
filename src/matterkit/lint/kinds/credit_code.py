"""credit_code — a 统一社会信用代码 (GB 32100-2015) is well formed.

`check: check_char` (default): 18 characters from 0-9 A-H J-N P-R T U W-Y with the right check character;
the expected code (same first 17, right 18th) is suggested when only the last character is wrong. Import
upper-cases codes (and says so, NRM005), but a credit code the cell wrote in lower case is still not a valid
one (GB 32100 uses capital letters): it is reported as typed. Full-width digits and spaces are only folded
and said, not failed.
`check: org_code`: positions 9–17 pass the organisation-code check of GB 11714 (from practice: a warning).

Example: passes `12441500196720244T`; fails `11440300007542785T` (should end in `U`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.codes import (
    CREDIT_CODE_ALPHABET,
    credit_code_check_char,
    org_code_check_ok,
)
from matterkit.lint.context import CheckContext, is_blank, is_valid_credit_code
from matterkit.lint.kinds import Hit

ID = "credit_code"
TITLE = {"zh": "统一社会信用代码校验", "en": "Unified social credit code check"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False,
    "properties": {"element": {"type": "string"}, "check": {"enum": ["check_char", "org_code"]}},
}
MESSAGES = {
    "check_char": {"zh": "{label}“{value}”不是有效的统一社会信用代码（GB 32100），应为{expected}",
                   "en": "{label} '{value}' is not a valid unified social credit code (GB 32100); expected {expected}"},
    "org_code": {"zh": "{label}“{value}”第9–17位组织机构代码校验位不符（GB 11714）",
                 "en": "{label} '{value}': organisation code (positions 9–17) fails its check (GB 11714)"},
}
MESSAGE = MESSAGES["check_char"]
EXAMPLE = {
    "params": {"element": "body_code", "check": "check_char"},
    "pass": [{"body_code": "12441500196720244T"}, {"body_code": "91310112MA1GBKRE47"}],
    "fail": [{"body_code": "11440300007542785T"}, {"body_code": "1244150019672024"},
             {"body_code": "12441500196720244T", "originals": {"body_code": "12441500196720244t"}}],
}


def message_for(params: dict[str, Any]) -> dict[str, str]:
    return MESSAGES[params.get("check", "check_char")]


def expected_code(code: str, lang: str) -> str:
    """The code with the right check character, or a description of the form when that cannot be known."""
    head = code.upper()[:17]
    if len(code) == 18 and all(c in CREDIT_CODE_ALPHABET for c in head):
        return head + credit_code_check_char(head)
    return "18位统一社会信用代码" if lang != "en" else "an 18-character credit code"


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    element = params.get("element", "body_code")
    mode = params.get("check", "check_char")
    column = ctx.column(element)
    for i in rows:
        value = column[i]
        if is_blank(value):
            continue
        code = str(value)
        if mode == "check_char":
            typed = ctx.matters[i].originals.get(element, code)
            lower = typed != typed.upper()
            if lower or not is_valid_credit_code(code):
                yield Hit(i, element, typed.strip() if lower else code, expected_code(code, ctx.lang))
        elif is_valid_credit_code(code) and not org_code_check_ok(code):
            yield Hit(i, element, code, None)
