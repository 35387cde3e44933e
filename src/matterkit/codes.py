"""Check characters of the codes found in implementation lists (pure functions, no I/O).

- 统一社会信用代码 (GB 32100-2015): 18 characters; the 18th is a check character over the first 17.
- 组织机构代码 (GB 11714): positions 9–17 of a credit code; the 9th of those is a check character.
  The GB 11714 weights come from common practice and were not re-verified against the standard, so
  callers should treat a failure of `org_code_check_ok` as a warning, not an error.
"""

from __future__ import annotations

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, ...
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_BODY_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a unified social credit code.

    Raises ValueError when `first17` is not 17 characters of the credit-code alphabet.
    """
    text = first17.upper()
    if len(text) != 17 or any(ch not in CREDIT_CODE_ALPHABET for ch in text):
        raise ValueError(f"not 17 credit-code characters: {first17!r}")
    total = sum(CREDIT_CODE_ALPHABET.index(ch) * weight for ch, weight in zip(text, _CREDIT_WEIGHTS, strict=True))
    remainder = 31 - total % 31
    return CREDIT_CODE_ALPHABET[0 if remainder == 31 else remainder]


def is_valid_credit_code(code: str) -> bool:
    """True when `code` is 18 credit-code characters whose last one is the right check character."""
    text = code.strip().upper()
    if len(text) != 18 or any(ch not in CREDIT_CODE_ALPHABET for ch in text):
        return False
    return credit_code_check_char(text[:17]) == text[17]


def org_code_check_char(first8: str) -> str:
    """The GB 11714 check character for the first 8 characters of an organisation code."""
    text = first8.upper()
    if len(text) != 8 or any(ch not in _ORG_BODY_CHARS for ch in text):
        raise ValueError(f"not 8 organisation-code characters: {first8!r}")
    total = sum(_ORG_BODY_CHARS.index(ch) * weight for ch, weight in zip(text, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def org_code_check_ok(code: str) -> bool:
    """True when a 9-character organisation code (or the positions 9–17 of an 18-character credit code)
    ends in its GB 11714 check character."""
    text = code.strip().upper()
    if len(text) == 18:
        text = text[8:17]
    if len(text) != 9:
        return False
    try:
        return org_code_check_char(text[:8]) == text[8]
    except ValueError:
        return False
