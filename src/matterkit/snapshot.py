"""Snapshots: a frozen copy of a workspace's store, kept under `<workspace>/.matterkit/snapshots/NAME.sqlite`.

The copy is made with SQLite's online backup API, so it is consistent even while an import writes to the
store, and it is moved into place atomically. `matterkit diff OLD NEW` accepts snapshot names.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from matterkit import atomic
from matterkit.errors import MatterkitError
from matterkit.i18n import register, t
from matterkit.safety import safe_filename

SNAPSHOT_DIR = Path(".matterkit") / "snapshots"
SUFFIX = ".sqlite"

register({
    "snapshot.bad_name": {"zh": "快照名称“{name}”不能用作文件名（不能含 / \\ : * ? \" < > | 等字符）",
                          "en": "snapshot name “{name}” cannot be a file name (no / \\ : * ? \" < > | …)"},
    "snapshot.exists": {"zh": "快照“{name}”已存在；换一个名称，或加 --force 覆盖",
                        "en": "snapshot “{name}” exists; choose another name or pass --force"},
    "snapshot.no_store": {"zh": "工作区还没有数据库（{path}），请先导入清单",
                          "en": "the workspace has no store yet ({path}); import lists first"},
})


class SnapshotError(MatterkitError):
    """A snapshot cannot be made or found (bad name, exists already, no store)."""


@dataclass(frozen=True)
class SnapshotInfo:
    name: str
    path: Path
    created: datetime
    size: int
    matters: int | None


def snapshot_dir(root: Path) -> Path:
    return root / SNAPSHOT_DIR


def snapshot_path(root: Path, name: str) -> Path:
    check_name(name)
    return snapshot_dir(root) / f"{name}{SUFFIX}"


def check_name(name: str, lang: str | None = None) -> None:
    if not name or safe_filename(name) != name or name.startswith("."):
        raise SnapshotError(t("snapshot.bad_name", lang, name=name))


def save_snapshot(store_path: Path, root: Path, name: str, *, force: bool = False,
                  lang: str | None = None) -> SnapshotInfo:
    """Copy the store consistently into the snapshot folder. Existing snapshots are kept unless `force`."""
    target = snapshot_path(root, name)
    if target.exists() and not force:
        raise SnapshotError(t("snapshot.exists", lang, name=name))
    if not store_path.is_file():
        raise SnapshotError(t("snapshot.no_store", lang, path=store_path))
    atomic.write_with(target, lambda tmp: _backup(store_path, tmp))
    return describe(target)


def _backup(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)  # the backup API writes a fresh database into an empty file
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        dst.close()
        src.close()


def list_snapshots(root: Path) -> list[SnapshotInfo]:
    folder = snapshot_dir(root)
    if not folder.is_dir():
        return []
    return sorted((describe(p) for p in folder.glob(f"*{SUFFIX}")), key=lambda s: s.created)


def find_snapshot(root: Path, name: str) -> Path | None:
    try:
        path = snapshot_path(root, name)
    except SnapshotError:
        return None
    return path if path.is_file() else None


def describe(path: Path) -> SnapshotInfo:
    stat = path.stat()
    return SnapshotInfo(name=path.name[: -len(SUFFIX)], path=path,
                        created=datetime.fromtimestamp(stat.st_mtime, UTC), size=stat.st_size,
                        matters=_count(path))


def _count(path: Path) -> int | None:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM matters").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
