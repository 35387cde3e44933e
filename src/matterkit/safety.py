"""Output safety: values from input never become formulas, and names made from them are safe file names."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from openpyxl.cell.cell import Cell

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME_BYTES = 150  # leaves room for a folder and an extension within common 255-byte limits


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(_FORMULA_START)


def inert_csv_field(value: object) -> object:
    """A CSV field no spreadsheet program evaluates: formula-like text gets a leading apostrophe (OWASP)."""
    return "'" + value if looks_like_formula(value) else value  # type: ignore[operator]


def set_cell_text(cell: Cell, value: object) -> None:
    """Put a value into an openpyxl cell so that it is never a formula.

    openpyxl turns any string starting with "=" into a formula; forcing the string type stores the text
    verbatim (it shows as typed and nothing is evaluated when the workbook opens).
    """
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


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
