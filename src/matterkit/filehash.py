"""Content hashes of files: the identity of an imported list and of a loaded catalogue (a file whose hash is
unchanged is not read again). Kept apart from the importer so that commands which only compare hashes do
not load the spreadsheet readers."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
