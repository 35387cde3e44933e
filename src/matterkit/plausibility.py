"""Does a read look like the file it came from? A damaged workbook can parse "successfully" into garbage.

Byte damage that the parser tolerates shows in the result: far more rows than the file's bytes can hold
(a garbled row number or size), most rows skipped as blank (one cell moved to row 60,000), cells of
control characters or U+FFFD (bytes read as text that were not text), a run of zeroed bytes the reader
noticed. Such a file is *suspect*: it stays imported, with a warning that says why and with counts, and
`import --strict` refuses it instead. The judgement is pure arithmetic on counts the reader and the
importer already have; only the zip directory is read again, for the unpacked size of the sheets.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from matterkit.i18n import register, t
from matterkit.rawtypes import RawSheet
from matterkit.readers.sniff import OLE_MAGIC, ZIP_MAGIC

if TYPE_CHECKING:
    from matterkit.importer import FileResult

# The fewest bytes a row holding anything takes in each kind of file: an xls cell record is 10+ bytes
# (plus its ROW record); the XML of one cell, `<c r="A1"><v>1</v></c>`, 20+; a CSV line, its text and
# a line break.
MIN_ROW_BYTES = {"xls": 10, "zip": 20, "text": 2}
MIN_SKIPPED = 50  # a short list with a few notes rows and blank lines is not suspicious
MIN_CONTROL_CELLS = 3  # one stray control character is a typing accident, three are damage

register({
    "plausible.too_many": {
        "zh": "读出 {rows} 行数据，远多于文件内容（{size} 字节）所能容纳的，文件可能已损坏",
        "en": "{rows} rows of data read, far more than the file's content ({size} bytes) can hold; "
              "the file may be damaged"},
    "plausible.mostly_skipped": {
        "zh": "跳过了 {skipped} 行，多于读出的 {matters} 条事项，文件可能已损坏或表格结构异常",
        "en": "{skipped} rows skipped, more than the {matters} matters read; the file may be damaged"},
    "plausible.control": {"zh": "{count} 个单元格含控制字符（乱码），文件可能已损坏",
                          "en": "{count} cells hold control characters (garbled text); the file may be damaged"},
    "plausible.replaced": {
        "zh": "{count} 个单元格含无法解码的字符（�），文件的字符编码不对或已损坏；请另存为 UTF-8 或 .xlsx",
        "en": "{count} cells hold undecodable characters (�): wrong character encoding or damage; "
              "save the file as UTF-8 or .xlsx"},
    "plausible.strict": {"zh": "读取结果可疑，按 --strict 拒绝导入：{reasons}",
                         "en": "the read looks implausible; refused under --strict: {reasons}"},
})


def judge_read(result: FileResult, path: Path, sheets: Sequence[RawSheet], *, strict: bool) -> FileResult:
    """Mark the result suspect with the reasons (or, under `strict`, failed) when the read is implausible."""
    report = result.report
    if report.status != "ok":
        return result
    warnings = read_warnings(path, sheets, matters=report.matters, skipped=_skipped_among_data(result))
    if not warnings:
        return result
    report.suspect, report.warnings = True, warnings
    if strict:
        report.status, report.error, report.matters = "failed", t("plausible.strict", reasons="；".join(warnings)), 0
        result.matters, result.stored = [], None
    return result


def _skipped_among_data(result: FileResult) -> list[dict[str, object]]:
    """Skipped rows above each sheet's last row holding anything: blank rows at the very end are what a
    stray space far below the list gives (the report shows them; they are no sign of damage), while rows
    skipped between matters, or before a lone value far below, are."""
    among = []
    for sheet in result.report.sheets:
        last = max([sheet.last_matter_row or 0,
                    *(int(row["row"]) for row in sheet.skipped_rows if row["reason"] != "blank")])
        among += [row for row in sheet.skipped_rows if int(row["row"]) < last]
    return among


def read_warnings(path: Path, sheets: Sequence[RawSheet], *, matters: int, skipped: list[dict[str, object]]) -> list[str]:
    """Why the read looks implausible; empty when it does not."""
    warnings = [text for sheet in sheets for text in sheet.suspicions]
    filled = matters + sum(1 for row in skipped if row.get("reason") != "blank")
    kind, size = _content_size(path)
    if size and filled * MIN_ROW_BYTES[kind] > size:
        warnings.append(t("plausible.too_many", rows=filled, size=size))
    if len(skipped) >= MIN_SKIPPED and len(skipped) > matters:
        warnings.append(t("plausible.mostly_skipped", skipped=len(skipped), matters=matters))
    control = sum(sheet.scan.control_cells for sheet in sheets)
    if control >= MIN_CONTROL_CELLS:
        warnings.append(t("plausible.control", count=control))
    replaced = sum(sheet.scan.replaced_cells for sheet in sheets)
    if replaced:
        warnings.append(t("plausible.replaced", count=replaced))
    return warnings


def _content_size(path: Path) -> tuple[str, int]:
    """The kind of file and the bytes its rows are stored in: unpacked sheet parts for a zip."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
        if head.startswith(ZIP_MAGIC):
            with zipfile.ZipFile(path) as archive:
                return "zip", sum(info.file_size for info in archive.infolist()
                                  if (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"))
                                  or info.filename == "content.xml")
        return ("xls" if head.startswith(OLE_MAGIC) else "text"), path.stat().st_size
    except (OSError, zipfile.BadZipFile, ValueError):
        return "text", 0
