"""Kind `code`: NFKC, no spaces, upper case; codes Excel turned into numbers are turned back into digits.

Each of those rewrites is an issue (`code_full_width_folded`, `code_spaces_removed`, `code_upper_cased`), so
that a lowercase credit code is reported, not silently passed."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from matterkit.normalise.celltext import clean_text, is_placeholder
from matterkit.normalise.issues import NO_ISSUES, IssueNote
from matterkit.textnorm import nfkc

# Codes with a fixed number of digits: a number with fewer digits lost its leading zeros.
CODE_WIDTHS: dict[str, int] = {"base_code": 12, "item_code": 14}

_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d+)?E[+-]?\d{1,3}")  # an exponent, not the E of a credit code
_FLOAT_DIGITS = re.compile(r"(\d+)\.0+")
_SPACES = re.compile(r"\s+")
# Beyond this a float no longer holds every digit of a code (Excel keeps 15 significant digits).
_EXACT_LIMIT = 10**15

CodeResult = tuple[str | None, tuple[IssueNote, ...]]


def normalise_code(value: object, width: int | None = None) -> CodeResult:
    """The code as text; `width` is the digit count of a fixed-width code (see CODE_WIDTHS)."""
    if isinstance(value, bool) or value is None:
        return _code_from_text(clean_text(value), width)
    if isinstance(value, int):
        return _code_from_digits(str(value), width)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return _code_from_text(clean_text(value), width)
        digits = str(int(value))
        if abs(value) >= _EXACT_LIMIT:
            return digits, (("code_precision_lost", digits),)
        return _code_from_digits(digits, width)
    return _code_from_text(clean_text(value), width)


def _code_from_digits(digits: str, width: int | None) -> CodeResult:
    if width and digits.isdigit() and len(digits) < width:
        padded = digits.zfill(width)
        return padded, (("code_was_number", padded),)
    return digits, NO_ISSUES


@lru_cache(maxsize=65536)
def _code_from_text(text: str, width: int | None) -> CodeResult:
    if not text or is_placeholder(text):
        return None, NO_ISSUES
    # ASCII letters and digits (most codes): NFKC changes nothing and there are no spaces to remove
    code = text.upper() if text.isascii() and text.isalnum() else _SPACES.sub("", nfkc(text)).upper()
    if _SCIENTIFIC.fullmatch(code):
        return text, (("code_in_scientific_notation", None),)
    as_float = _FLOAT_DIGITS.fullmatch(code)
    if as_float:  # "123020000.0": a number exported to text
        return _code_from_digits(as_float.group(1), width)
    return code, _rewrites(text, code) if code != text else NO_ISSUES


def _rewrites(text: str, code: str) -> tuple[IssueNote, ...]:
    """What turning the typed `text` into `code` changed, each said once (the original is kept)."""
    folded = nfkc(text)
    notes: list[IssueNote] = []
    if folded != text:
        notes.append(("code_full_width_folded", code))
    if _SPACES.search(folded):
        notes.append(("code_spaces_removed", code))
    if folded != folded.upper():
        notes.append(("code_upper_cased", code))
    return tuple(notes)
