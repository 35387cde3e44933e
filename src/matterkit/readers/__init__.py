"""Readers: one spreadsheet file in, its sheets as `RawSheet`s out (cell values, merged ranges, notes).

The format is decided by the file's first bytes, not its name: a zip is xlsx/xlsm/ods, an OLE2 container
is xls (or a password-protected xlsx), anything textual is CSV. Every failure is an `InputFileError`
with one clear reason; a reader never lets a library's traceback through.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from matterkit.rawtypes import RawSheet
from matterkit.readers.cellscan import scanned
from matterkit.readers.csvfile import read_csv
from matterkit.readers.olecheck import inspect_ole
from matterkit.readers.sniff import read_head, sniff_kind
from matterkit.readers.workbook import read_workbook
from matterkit.readers.zipcheck import MAX_SHEET_CELLS, ZipWorkbook, inspect_zip, scan_sheet_ranges

__all__ = ["MAX_SHEET_CELLS", "open_sheets"]


def _parse_while_checking(path: Path, info: ZipWorkbook) -> list[RawSheet]:
    """Parse the xlsx while its sheets' ranges are checked in a second thread (the parser releases the GIL;
    the check reads every sheet's XML once more, a third of the parse's time). The check exists because a
    cell at the far corner makes the parser allocate the whole range: in a supervised worker that ends in
    the worker's memory limit, reported as the file's failure, so there the two may run at once; a range the
    check refuses is refused even when the parser coped."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="matterkit-zipcheck") as pool:
        checked = pool.submit(scan_sheet_ranges, path)
        try:
            sheets = read_workbook(path, kind="ooxml", has_macros=info.has_macros)
        finally:
            notes = checked.result()  # a refused range raises here, in place of the parser's outcome
    for sheet in sheets:
        sheet.notes[:0] = notes.get(sheet.name or "", [])  # first, as read_workbook puts them
    return sheets


def open_sheets(path: Path, *, max_unzipped_bytes: int = 512 * 1024**2, supervised: bool = False) -> list[RawSheet]:
    """All sheets of one spreadsheet file. Rows are produced lazily as the caller iterates them.

    `supervised`: the caller is a worker process whose address space is capped (supervise.py), where the
    parser may run while the xlsx's sheet ranges are still being checked (see `_parse_while_checking`)."""
    path = Path(path)
    sheets = _open(path, max_unzipped_bytes, supervised)
    for sheet in sheets:
        sheet.rows = scanned(sheet.rows, sheet.scan)
    return sheets


def _open(path: Path, max_unzipped_bytes: int, supervised: bool) -> list[RawSheet]:
    head = read_head(path)
    kind = sniff_kind(path, head)
    if kind == "zip":
        info = inspect_zip(path, max_unzipped_bytes, scan_sheets=not supervised)
        if supervised and info.format == "ooxml":
            return _parse_while_checking(path, info)
        return read_workbook(path, kind=info.format, has_macros=info.has_macros, merged=info.merged,
                             sheet_notes=info.notes)
    if kind == "ole":
        suspicions = inspect_ole(path)
        sheets = read_workbook(path, kind="xls")
        if sheets:
            sheets[0].suspicions.extend(suspicions)
        return sheets
    return read_csv(path, head)
