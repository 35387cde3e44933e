"""Atomic output: write to a temporary file in the target folder, then rename it into place.

A write that fails half-way (disk full, killed process) leaves no partial file and the previous output
intact, because the rename happens only after the content is complete and flushed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target`, on error it is removed.

    For libraries that insist on writing to a path themselves (openpyxl, python-docx).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:80]}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_open(target: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside `target` for writing; rename it into place when the block ends."""
    with atomic_path(target) as tmp:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": ""}
        with open(tmp, mode, **kwargs) as handle:  # type: ignore[call-overload]
            yield handle


def write_text(target: Path, text: str) -> None:
    with atomic_open(target) as handle:
        handle.write(text)


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_open(target, "wb", encoding=None) as handle:
        handle.write(data)


def write_with(target: Path, writer: Callable[[Path], None]) -> None:
    """Call `writer(tmp_path)` (e.g. `workbook.save`) and move the result into place atomically."""
    with atomic_path(target) as tmp:
        writer(tmp)


def _fsync_file(path: Path) -> None:
    with contextlib.suppress(OSError), open(path, "rb") as handle:
        os.fsync(handle.fileno())
