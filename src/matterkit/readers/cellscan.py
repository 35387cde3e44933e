"""Counting garbled cells as rows stream from a reader, at the cost of one regex search per few hundred rows.

Damaged bytes read as text come out as control characters (from a binary file) or as U+FFFD (from a text
file in an encoding other than the one it was decoded with); the counts go into the sheet's `CellScan` and
from there into the judgement of the whole read (plausibility.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from matterkit.rawtypes import CellScan, CellValue

# C0 controls, DEL and the C1 controls, except what text copied from Word brings along: tab, line breaks,
# Word's manual line break (\x0b), page break (\x0c) and table-cell mark (\x07).
_CONTROL = re.compile("[\x00-\x06\x08\x0e-\x1f\x7f-\x9f]")
_SUSPECT = re.compile("[\x00-\x06\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_SEPARATOR = "\n"  # not itself counted


_BATCH_CELLS = 8192  # text cells searched at once: one join and one regex search for hundreds of rows


def scanned(rows: Iterable[list[CellValue]], scan: CellScan) -> Iterator[list[CellValue]]:
    """The same rows, counted into `scan` (by the time the rows are used up or the iteration is closed)."""
    batch: list[str] = []
    try:
        for row in rows:
            scan.rows += 1
            batch += [value for value in row if type(value) is str]
            if len(batch) >= _BATCH_CELLS:
                _scan(batch, scan)
                batch = []
            yield row
    finally:
        _scan(batch, scan)


def _scan(texts: list[str], scan: CellScan) -> None:
    scan.text_cells += len(texts)
    if texts and _SUSPECT.search(_SEPARATOR.join(texts)):
        _count_garbled(texts, scan)


def _count_garbled(texts: list[str], scan: CellScan) -> None:
    for text in texts:
        if "\ufffd" in text:
            scan.replaced_cells += 1
        elif _CONTROL.search(text):
            scan.control_cells += 1
