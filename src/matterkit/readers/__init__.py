"""Readers: one spreadsheet file in, its sheets as `RawSheet`s out (cell values, merged ranges, notes).

The format is decided by the file's first bytes, not its name: a zip is xlsx/xlsm/ods, an OLE2 container
is xls (or a password-protected xlsx), anything textual is CSV. Every failure is an `InputFileError`
with one clear reason; a reader never lets a library's traceback through.
"""

from __future__ import annotations

from pathlib import Path

from matterkit.rawtypes import RawSheet
from matterkit.readers.cellscan import scanned
from matterkit.readers.csvfile import read_csv
from matterkit.readers.olecheck import inspect_ole
from matterkit.readers.sniff import read_head, sniff_kind
from matterkit.readers.workbook import read_workbook
from matterkit.readers.zipcheck import MAX_SHEET_CELLS, inspect_zip

__all__ = ["MAX_SHEET_CELLS", "open_sheets"]


def open_sheets(path: Path, *, max_unzipped_bytes: int = 512 * 1024**2) -> list[RawSheet]:
    """All sheets of one spreadsheet file. Rows are produced lazily as the caller iterates them."""
    path = Path(path)
    sheets = _open(path, max_unzipped_bytes)
    for sheet in sheets:
        sheet.rows = scanned(sheet.rows, sheet.scan)
    return sheets


def _open(path: Path, max_unzipped_bytes: int) -> list[RawSheet]:
    head = read_head(path)
    kind = sniff_kind(path, head)
    if kind == "zip":
        info = inspect_zip(path, max_unzipped_bytes)
        return read_workbook(path, kind=info.format, has_macros=info.has_macros, merged=info.merged,
                             sheet_notes=info.notes)
    if kind == "ole":
        suspicions = inspect_ole(path)
        sheets = read_workbook(path, kind="xls")
        if sheets:
            sheets[0].suspicions.extend(suspicions)
        return sheets
    return read_csv(path, head)
