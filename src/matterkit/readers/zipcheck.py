"""Checks on a zip-based workbook (xlsx, xlsm, ods) made before calamine opens it.

calamine is fast but trusts the file: it unpacks whatever the zip holds and allocates a dense grid from
the first to the last filled cell, so a zip bomb or one stray cell at XFD1048576 would exhaust memory
and abort the process (a Rust abort cannot be caught). Everything here reads only the zip directory and,
when a sheet's declared dimension is missing or huge, streams that one sheet's XML once.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal
from xml.sax import SAXException

from defusedxml import ElementTree
from openpyxl.utils.cell import column_index_from_string, get_column_letter

from matterkit.errors import InputFileError
from matterkit.i18n import resolve_lang, t
from matterkit.rawtypes import MergedRange
from matterkit.readers.messages import fail
from matterkit.readers.odsgrid import read_ods_grid

# calamine holds about 32 bytes per cell of the dense range: 40M cells is about 1.3 GB.
MAX_SHEET_CELLS = 40_000_000

WorkbookFormat = Literal["ooxml", "ods"]

_OTHER_OFFICE = {
    "word/document.xml": "Word 文档（.docx）",
    "ppt/presentation.xml": "PowerPoint 演示文稿（.pptx）",
    "visio/document.xml": "Visio 绘图",
}
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_REFERRED_PARTS = {"sharedStrings": {"zh": "共享字符串表", "en": "shared strings"},
                   "worksheet": {"zh": "工作表", "en": "worksheet"}}
# Literal-prefixed patterns (fast); they also match prefixed tags such as <x:row r="..">.
_ROW_NUMBER = re.compile(rb'row r="(\d{1,7})"')
_WIDE_COLUMN = re.compile(rb'c r="([B-Z][A-Z]|[A-Z]{3})\d')  # column BA (53) or further right
_NARROW_COLUMNS = 52
# A cell element with a value (not self-closing); group 1 = column letters, group 2 = row number.
_VALUE_CELL = re.compile(rb'<(?:[\w.-]+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d{1,7})"[^>]*?(?<!/)>')
_CHUNK = 4 << 20
# Counted in the same pass, for the import report: formula cells (their saved values are what is read)
# and rows hidden in Excel (read like the others). A pattern starting with a bare "<" is tried at every tag
# of the sheet, so formulas are counted with and without a namespace prefix apart (the first starts with a
# literal, which the regex engine finds fast), and the slower patterns run only on data holding a literal
# part of every match.
_FORMULA = re.compile(rb"<f[\s>/]")
_PREFIXED_FORMULA = re.compile(rb"<[\w.-]+:f[\s>/]")
_PREFIXED_FORMULA_END = re.compile(rb":f[\s>/]")  # found faster by the regex engine than by `in`
_HIDDEN_ROW = re.compile(rb'<(?:[\w.-]+:)?row\s[^>]*?\bhidden="(?:1|true)"')
_ROW_OF_TAG = re.compile(rb'\br="(\d{1,7})"')


class SheetTooLarge(InputFileError):
    """A sheet whose range the parser would have to allocate whole is over `MAX_SHEET_CELLS`."""


@dataclass(frozen=True)
class ZipWorkbook:
    format: WorkbookFormat
    has_macros: bool
    merged: dict[str, list[MergedRange]] = field(default_factory=dict)  # ods only: calamine has none
    notes: dict[str, list[str]] = field(default_factory=dict)  # sheet name -> formulas, hidden rows


def inspect_zip(path: Path, max_unzipped_bytes: int, *, scan_sheets: bool = True) -> ZipWorkbook:
    """Refuse truncated zips, zip bombs and non-spreadsheet Office files; say what the workbook is. Without
    `scan_sheets` the sheets' XML is not read (`scan_sheet_ranges` does that part, see readers._open)."""
    with _zip_errors(path), zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        _check_unzipped_size(path, infos, max_unzipped_bytes)
        names = {info.filename.lower(): info.filename for info in infos}
        fmt = _workbook_format(path, archive, names)
        if fmt == "ods":
            return ZipWorkbook(format=fmt, has_macros=False, merged=_ods_merges(path, archive, names))
        _check_parts(path, archive, names)
        notes = _check_sheet_ranges(path, archive, names) if scan_sheets else {}
        return ZipWorkbook(format=fmt, has_macros="xl/vbaproject.bin" in names, notes=notes)


def scan_sheet_ranges(path: Path) -> dict[str, list[str]]:
    """The sheets' part of `inspect_zip` for an xlsx: refuse a sheet whose range is too large; notes on
    formulas and hidden rows by sheet name."""
    with _zip_errors(path), zipfile.ZipFile(path) as archive:
        names = {info.filename.lower(): info.filename for info in archive.infolist()}
        return _check_sheet_ranges(path, archive, names)


def range_refusal(path: Path) -> str | None:
    """Why an xlsx's sheet is too large for the parser to hold (the range check's refusal), or None: for a
    supervised worker that died of its memory limit while the check ran beside the parser (readers._open), so
    that the file's failure names the sheet and its range rather than only the memory limit."""
    try:
        scan_sheet_ranges(path)
    except SheetTooLarge as exc:
        return exc.reason
    except Exception:  # noqa: BLE001 - anything else about the file is the crash's to report
        return None
    return None


@contextmanager
def _zip_errors(path: Path) -> Iterator[None]:
    """What reading the zip can raise, as one clear reason about the file."""
    try:
        yield
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, ValueError,
            RuntimeError, SAXException):  # RuntimeError: an encrypted zip member
        raise fail(path, "reader.truncated") from None
    except PermissionError:
        raise fail(path, "reader.unreadable", detail="没有读取权限") from None
    except OSError as exc:
        raise fail(path, "reader.unreadable", detail=exc.strerror or str(exc)) from None


def _check_unzipped_size(path: Path, infos: list[zipfile.ZipInfo], limit: int) -> None:
    total = sum(info.file_size for info in infos)
    if total > limit:
        raise fail(path, "reader.zip_bomb", size=total // 1024**2, limit=limit // 1024**2)


def _workbook_format(path: Path, archive: zipfile.ZipFile, names: dict[str, str]) -> WorkbookFormat:
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "ooxml"
    if "mimetype" in names and archive.read(names["mimetype"])[:100].strip().startswith(_ODS_MIME):
        return "ods"
    for marker, kind in _OTHER_OFFICE.items():
        if marker in names:
            raise fail(path, "reader.office_other", kind=kind)
    if "mimetype" in names and b"opendocument.text" in archive.read(names["mimetype"])[:100]:
        raise fail(path, "reader.office_other", kind="ODF 文字文档（.odt）")
    raise fail(path, "reader.zip_not_workbook")


def _check_parts(path: Path, archive: zipfile.ZipFile, names: dict[str, str]) -> None:
    """A sheet or the shared-string table that the workbook refers to but the zip lacks (a badly repaired
    or hand-edited file): one clear reason instead of the parser's "index not found"."""
    rels_name = names.get("xl/_rels/workbook.xml.rels")
    if rels_name is None:
        return
    try:
        rels = ElementTree.fromstring(archive.read(rels_name))
    except Exception:  # noqa: BLE001 - a damaged part list is reported by calamine with its own detail
        return
    for rel in rels:
        kind, target = rel.get("Type", "").rsplit("/", 1)[-1], rel.get("Target", "")
        what = _REFERRED_PARTS.get(kind)
        if what is None or not target or rel.get("TargetMode") == "External":
            continue
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        if part.lower() not in names:
            raise fail(path, "reader.part_missing", part=part, what=what[resolve_lang()])


def _ods_merges(path: Path, archive: zipfile.ZipFile, names: dict[str, str]) -> dict[str, list[MergedRange]]:
    if "content.xml" not in names:
        raise fail(path, "reader.zip_not_workbook")
    grids = read_ods_grid(archive, names["content.xml"])
    for sheet, grid in grids.items():
        if grid.cells > MAX_SHEET_CELLS:
            ref = (f"{get_column_letter(grid.first_col + 1)}{grid.first_row + 1}:"
                   f"{get_column_letter(min(grid.last_col + 1, 18278))}{grid.last_row + 1}")
            raise fail(path, "reader.sheet_too_large", sheet=sheet, ref=ref, cells=f"{grid.cells:,}",
                       limit=f"{MAX_SHEET_CELLS:,}")
    return {sheet: grid.merged for sheet, grid in grids.items()}


def _check_sheet_ranges(path: Path, archive: zipfile.ZipFile, names: dict[str, str]) -> dict[str, list[str]]:
    """Refuse a sheet whose range is too large; returns notes on formulas and hidden rows by sheet name."""
    sheet_names: dict[str, str] | None = None  # read from the workbook only when a message names a sheet
    notes: dict[str, list[str]] = {}
    for lower, real in names.items():
        if lower.startswith("xl/worksheets/") and lower.endswith(".xml"):
            marks = _Marks()
            extent = _sheet_extent(archive, real, marks)
            too_large = extent is not None and extent.cells > MAX_SHEET_CELLS
            if not too_large and not marks.found:
                continue
            if sheet_names is None:
                sheet_names = _sheet_names_by_part(archive, names)
            sheet = sheet_names.get(lower, real)
            if extent is not None and too_large:
                raise SheetTooLarge(str(path), t("reader.sheet_too_large", sheet=sheet, ref=extent.ref,
                                                 cells=f"{extent.cells:,}", limit=f"{MAX_SHEET_CELLS:,}"))
            notes[sheet] = marks.notes(sheet)
    return notes


@dataclass
class _Marks:
    formulas: int = 0
    hidden_rows: list[int] = field(default_factory=list)

    def count(self, data: bytes) -> None:
        self.formulas += len(_FORMULA.findall(data))
        if _PREFIXED_FORMULA_END.search(data):
            self.formulas += len(_PREFIXED_FORMULA.findall(data))
        if b'hidden="' not in data:
            return
        for tag in _HIDDEN_ROW.findall(data):
            row = _ROW_OF_TAG.search(tag)
            if row:
                self.hidden_rows.append(int(row.group(1)))

    @property
    def found(self) -> bool:
        return bool(self.formulas or self.hidden_rows)

    def notes(self, sheet: str) -> list[str]:
        notes = []
        if self.formulas:
            notes.append(t("reader.note.formulas", sheet=sheet, count=self.formulas))
        if self.hidden_rows:
            shown = "、".join(map(str, self.hidden_rows[:10])) + ("…" if len(self.hidden_rows) > 10 else "")
            notes.append(t("reader.note.hidden_rows", sheet=sheet, count=len(self.hidden_rows), rows=shown))
        return notes


@dataclass(frozen=True)
class _Extent:
    first_row: int
    first_col: int
    last_row: int
    last_col: int

    @property
    def cells(self) -> int:
        return (self.last_row - self.first_row + 1) * (self.last_col - self.first_col + 1)

    @property
    def ref(self) -> str:
        return f"{get_column_letter(self.first_col)}{self.first_row}:{get_column_letter(self.last_col)}{self.last_row}"


def _sheet_extent(archive: zipfile.ZipFile, part: str, marks: _Marks) -> _Extent | None:
    """The range calamine will allocate for this sheet, as cheaply as can be trusted.

    The declared <dimension> is not trusted (some writers put "A1" there, a crafted file can lie). A
    quick pass reads row numbers and multi-letter column references from the XML (a C-speed regex, a few
    per cent of calamine's own time); only when that estimate is over the limit are the cells that hold
    something counted exactly, since formatted but empty rows or cells allocate nothing in calamine.
    """
    estimate = _quick_extent(archive, part, marks)
    if estimate is None or estimate.cells <= MAX_SHEET_CELLS:
        return estimate
    return _scan_value_cells(archive, part)


def _chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's bytes in large pieces, each cut before its last '<' so no tag is split."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<")
            data, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            yield data
    if tail:
        yield tail


def _quick_extent(archive: zipfile.ZipFile, part: str, marks: _Marks) -> _Extent | None:
    first_row, last_row, last_col = 0, 0, _NARROW_COLUMNS
    for data in _chunks(archive, part):
        marks.count(data)
        rows = _ROW_NUMBER.findall(data)
        if rows:
            numbers = list(map(int, rows))
            first_row = min(first_row or numbers[0], min(numbers))
            last_row = max(last_row, max(numbers))
        wide = set(_WIDE_COLUMN.findall(data))
        if wide:
            last_col = max(last_col, *(column_number(letters) for letters in wide))
    if not last_row:
        return None
    return _Extent(first_row, 1, last_row, last_col)


def _scan_value_cells(archive: zipfile.ZipFile, part: str) -> _Extent | None:
    rows: list[int] = []
    cols: set[bytes] = set()
    for data in _chunks(archive, part):
        found = _VALUE_CELL.findall(data)
        if found:
            cols.update(letters for letters, _ in found)
            numbers = [int(number) for _, number in found]
            rows.extend((min(numbers), max(numbers)))
    if not rows:
        return None
    col_numbers = [column_number(letters) for letters in cols]
    return _Extent(min(rows), min(col_numbers), max(rows), max(col_numbers))


def _sheet_names_by_part(archive: zipfile.ZipFile, names: dict[str, str]) -> dict[str, str]:
    """Lower-cased sheet part path -> sheet name as the user sees it (best effort, for messages)."""
    try:
        book = ElementTree.fromstring(archive.read(names["xl/workbook.xml"]))
        rels = ElementTree.fromstring(archive.read(names["xl/_rels/workbook.xml.rels"]))
    except Exception:  # noqa: BLE001 - names are only for the message; calamine reports real damage
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    result = {}
    for sheet in book.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        rel_id = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rel_id, "")
        if target:
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            result[part.lower()] = sheet.get("name", part)
    return result


def column_number(letters: bytes) -> int:
    return column_index_from_string(letters.decode())
