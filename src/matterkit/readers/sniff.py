"""What kind of file this really is, from its first bytes rather than its extension."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from matterkit.readers.messages import fail

FileKind = Literal["zip", "ole", "text"]

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
HEAD_BYTES = 8192

# Common non-spreadsheet files people attach by mistake, named for the message.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG 图片"), (b"\xff\xd8\xff", "JPEG 图片"), (b"GIF8", "GIF 图片"), (b"BM", "BMP 图片"),
    (b"%PDF", "PDF 文档"), (b"Rar!", "RAR 压缩包"), (b"7z\xbc\xaf", "7z 压缩包"), (b"\x1f\x8b", "gzip 压缩包"),
    (b"MZ", "Windows 程序"), (b"\x7fELF", "程序文件"), (b"{\\rtf", "RTF 文档"),
)


def read_head(path: Path) -> bytes:
    """The first bytes of the file; a missing, unreadable or empty file is an InputFileError."""
    if path.is_dir():
        raise fail(path, "reader.not_a_file")
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except PermissionError:
        raise fail(path, "reader.unreadable", detail="没有读取权限") from None
    except FileNotFoundError:
        raise fail(path, "reader.unreadable", detail="文件不存在") from None
    except OSError as exc:
        raise fail(path, "reader.unreadable", detail=exc.strerror or str(exc)) from None
    if not head:
        raise fail(path, "reader.empty")
    return head


def sniff_kind(path: Path, head: bytes) -> FileKind:
    """zip (xlsx/xlsm/ods), ole (xls) or text (csv); anything else is an InputFileError."""
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    for magic, kind in _BINARY_MAGIC:
        if head.startswith(magic):
            raise fail(path, "reader.binary", kind=kind)
    if head.startswith(UTF16_BOMS):
        return "text"  # Excel's "Unicode text" export: UTF-16 with tab delimiters
    if b"\x00" in head:
        raise fail(path, "reader.binary", kind="二进制文件")
    _reject_markup(path, head)
    return "text"


def _reject_markup(path: Path, head: bytes) -> None:
    """Web pages and Excel 2003 XML saved with an .xls name are common exports of older systems."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()[:2048]
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")):
        raise fail(path, "reader.html")
    if start.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in start or b"<workbook" in start:
            raise fail(path, "reader.xml2003")
        if b"<html" in start:
            raise fail(path, "reader.html")
        raise fail(path, "reader.binary", kind="XML 文件")
