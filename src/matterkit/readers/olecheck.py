"""A look inside an OLE2 container (olefile) before calamine: an .xls, or something that only looks like one.

Excel stores a password-protected xlsx as an OLE container with the streams EncryptionInfo and
EncryptedPackage; Word and PowerPoint 97–2003 files are OLE containers too. For a real .xls, the few
BIFF records calamine sizes its memory from (each sheet's DIMENSIONS, the shared-string count) are
checked for sense: calamine reserves memory from them before reading, so a damaged value aborts the
whole process instead of raising an error.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import olefile

from matterkit.i18n import t
from matterkit.readers.messages import fail

_OTHER_OFFICE = {"worddocument": "Word 文档（.doc）", "powerpoint document": "PowerPoint 演示文稿（.ppt）"}
_BOF, _EOF, _BOUNDSHEET, _DIMENSIONS, _SST = 0x0809, 0x000A, 0x0085, 0x0200, 0x00FC
_MAX_ROWS, _MAX_COLS = 1_048_576, 16_384
_CELL_RECORDS = frozenset({0x0006, 0x00BD, 0x00BE, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E})
_MULTI_CELL_RECORDS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: the last column is the final field
_BIFF8_LAST_COL = 255
_CELL_SCAN_BYTES = 2 * 1024 * 1024
_MAX_GLOBAL_RECORDS = 1_000_000  # the workbook globals of any real file have far fewer
_MAX_SHEET_HEAD_RECORDS = 200  # DIMENSIONS comes within the first few records of a sheet
_ZERO_RUN = bytes(256)
_END_OF_CHAIN = 0xFFFFFFFE
_EOF_RECORD = b"\x0a\x00\x00\x00"


def inspect_ole(path: Path) -> list[str]:
    """Refuse encrypted packages, non-Excel Office files and xls files whose sizes make no sense; return
    signs of damage that still leave the file readable (for the import report's suspect warning)."""
    try:
        with olefile.OleFileIO(str(path)) as container:
            streams = {"/".join(entry).lower() for entry in container.listdir(streams=True, storages=False)}
            name = next((s for s in ("workbook", "book") if s in streams), None)
            chain = _chain_problem(container, name) if name else None
            workbook = container.openstream(name).read() if name and not chain else b""
    except Exception:  # noqa: BLE001 - a damaged container is reported by calamine with its own detail
        return []
    if {"encryptedpackage", "encryptioninfo"} & streams:
        raise fail(path, "reader.password")
    if name is None:
        for stream, kind in _OTHER_OFFICE.items():
            if stream in streams:
                raise fail(path, "reader.office_other", kind=kind)
        return []
    ends: dict[int, int] = {}
    problem = chain or _biff_size_problem(workbook, ends)
    if problem:
        raise fail(path, "reader.damaged", detail=problem)
    return _zeroed_sheet_data(workbook) + _sheets_cut_short(workbook, ends)


def _chain_problem(container: olefile.OleFileIO, name: str) -> str | None:
    """The workbook stream's chain of sectors must end after as many sectors as its size needs. A loop
    (a damaged FAT, all zeros after a wiped sector) sends calamine round for ever, growing its list of
    sectors until the process aborts; olefile does not notice, it reads as many sectors as the size says."""
    entry = next((kid for kid in container.root.kids if kid.name.lower() == name), None)
    if entry is None or entry.size < container.minisectorcutoff:
        return None  # small streams live in the mini stream, checked by calamine
    needed = -(-entry.size // container.sectorsize)
    fat, sector, count = container.fat, entry.isectStart, 0
    while sector != _END_OF_CHAIN:
        if sector >= len(fat) or count >= needed:
            return t("reader.ole_chain", needed=needed)
        sector, count = fat[sector], count + 1
    return None if count == needed else t("reader.ole_chain", needed=needed)


def _sheets_cut_short(stream: bytes, ends: dict[int, int]) -> list[str]:
    """Sheets whose records stop before the next sheet (or the end of the data) begins: a damaged length
    made the reader jump, and calamine, walking the same records, silently loses the rows after it."""
    if not ends:
        return []
    data_end = stream.rfind(_EOF_RECORD) + len(_EOF_RECORD)
    starts = sorted(ends)
    lost = 0
    for start, following in zip(starts, [*starts[1:], data_end], strict=True):
        lost += max(0, following - (ends[start] + len(_EOF_RECORD)))
    return [t("reader.suspect.cut_short", lost=lost)] if lost else []


def _zeroed_sheet_data(stream: bytes) -> list[str]:
    """A long run of zero bytes among the sheets' records: a sector wiped by a failing disk or a transfer.
    No BIFF record holds one (every cell record starts with its non-zero type), so the cells that were
    there are lost even when the rest of the file reads."""
    starts = [struct.unpack_from("<I", data)[0] for kind, data in _globals(stream)
              if kind == _BOUNDSHEET and len(data) >= 4]
    if not starts:
        return []
    end = stream.rfind(_EOF_RECORD)  # writers pad the stream after its last record with zeros
    at = stream.find(_ZERO_RUN, min(starts), end)
    if at < 0:
        return []
    return [t("reader.suspect.zeroed", offset=at)]


def _records(stream: bytes, start: int, limit: int) -> Iterator[tuple[int, int, bytes]]:
    """(offset, type, data) of BIFF records from `start`, at most `limit` of them."""
    offset = start
    for _ in range(limit):
        if offset + 4 > len(stream):
            return
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield offset, kind, stream[offset + 4: offset + 4 + length]
        offset += 4 + length


def _globals(stream: bytes) -> Iterator[tuple[int, bytes]]:
    """(type, data) of the records of the workbook globals, up to their EOF record."""
    for offset, kind, data in _records(stream, 0, _MAX_GLOBAL_RECORDS):
        if kind == _EOF and offset > 0:
            return
        yield kind, data


def _biff_size_problem(stream: bytes, ends: dict[int, int]) -> str | None:
    """A description of the first nonsensical size in the workbook stream, or None. `ends` receives, for
    workbooks small enough to walk, where each sheet's records (by start offset) reach their EOF."""
    sheet_offsets = []
    for kind, data in _globals(stream):
        if kind == _BOUNDSHEET and len(data) >= 4:
            sheet_offsets.append(struct.unpack_from("<I", data)[0])
        if kind == _SST and len(data) >= 8:
            unique = struct.unpack_from("<I", data, 4)[0]
            if unique * 3 > len(stream):  # every shared string takes at least 3 bytes
                return f"共享字符串数 {unique} 与文件大小不符"
    for start in sheet_offsets:
        problem = _sheet_dimension_problem(stream, start, ends)
        if problem:
            return problem
    return None


def _sheet_dimension_problem(stream: bytes, start: int, ends: dict[int, int]) -> str | None:
    if start >= len(stream):
        return "工作表位置超出文件范围"
    if len(stream) <= _CELL_SCAN_BYTES:
        problem = _cell_position_problem(stream, start, ends)
        if problem:
            return problem
    for _, kind, data in _records(stream, start, _MAX_SHEET_HEAD_RECORDS):
        if kind == _DIMENSIONS:
            if len(data) >= 12:
                first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", data)
            elif len(data) >= 8:
                first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", data)
            else:
                return "工作表尺寸记录不完整"
            if not (first_row <= last_row <= _MAX_ROWS and first_col <= last_col <= _MAX_COLS):
                return f"工作表尺寸不合理（行 {first_row}–{last_row}，列 {first_col}–{last_col}）"
            return None
        if kind == _EOF:
            return None
    return None


def _cell_position_problem(stream: bytes, start: int, ends: dict[int, int]) -> str | None:
    """A cell beyond column IV (256), which BIFF8 cannot hold: calamine would allocate the grid up to it.

    Walking every record costs about 2 µs each in Python, so it is done for workbooks up to
    _CELL_SCAN_BYTES only (the hand-made lists where damage is likeliest); bigger ones rely on
    DIMENSIONS alone.
    """
    for offset, kind, data in _records(stream, start, len(stream)):
        if kind == _EOF:
            ends[start] = offset
            return None
        if kind in _CELL_RECORDS and len(data) >= 4:
            last_col = struct.unpack_from("<H", data, len(data) - 2 if kind in _MULTI_CELL_RECORDS else 2)[0]
            if last_col > _BIFF8_LAST_COL:
                return f"单元格位置不合理（列号 {last_col + 1}）"
    return None
