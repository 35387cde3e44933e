"""A look inside an OLE2 container (olefile) before calamine: an .xls, or something that only looks like one.

Excel stores a password-protected xlsx as an OLE container with the streams EncryptionInfo and
EncryptedPackage; Word and PowerPoint 97–2003 files are OLE containers too. Only the directory is read.
"""

from __future__ import annotations

from pathlib import Path

import olefile

from matterkit.readers.messages import fail

_OTHER_OFFICE = {"worddocument": "Word 文档（.doc）", "powerpoint document": "PowerPoint 演示文稿（.ppt）"}


def inspect_ole(path: Path) -> None:
    """Refuse encrypted packages and non-Excel Office files; damaged containers are left to calamine."""
    try:
        with olefile.OleFileIO(str(path)) as container:
            streams = {"/".join(entry).lower() for entry in container.listdir(streams=True, storages=False)}
    except Exception:  # noqa: BLE001 - a damaged container is reported by calamine with its own detail
        return
    if {"encryptedpackage", "encryptioninfo"} & streams:
        raise fail(path, "reader.password")
    if {"workbook", "book"} & streams:
        return
    for stream, kind in _OTHER_OFFICE.items():
        if stream in streams:
            raise fail(path, "reader.office_other", kind=kind)
