"""Output safety: values from input never become formulas, and names made from them are safe file names."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME_BYTES = 150  # leaves room for a folder and an extension within common 255-byte limits


def inert_cell(value: object) -> object:
    """A value safe to put in a spreadsheet cell or CSV field: text that looks like a formula is prefixed
    with an apostrophe-free guard (a leading single quote character) so no program evaluates it."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_filename(name: str, *, fallback: str = "未命名", max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name that keeps Chinese text but loses path separators, characters Windows forbids,
    reserved device names, leading/trailing dots and spaces; long names are cut and given a short hash."""
    text = unicodedata.normalize("NFC", name)
    text = _WINDOWS_FORBIDDEN.sub("_", text).strip(" .")
    text = re.sub(r"\s+", " ", text).replace("..", "_")
    if not text:
        text = fallback
    if text.split(".")[0].upper() in _WINDOWS_RESERVED:
        text = "_" + text
    encoded = text.encode("utf-8")
    if len(encoded) > max_bytes:
        digest = hashlib.sha1(encoded).hexdigest()[:8]
        cut = encoded[: max_bytes - 9].decode("utf-8", errors="ignore").rstrip(" .")
        text = f"{cut}_{digest}"
    return text
