"""What `matterkit diff OLD NEW` accepts, read into matters: a snapshot name, a workspace folder, a store
file (`*.sqlite`), or spreadsheet files and folders (imported in memory, never stored)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from matterkit.codetables import CodeTables, default_code_tables
from matterkit.elements import ElementRegistry, default_registry
from matterkit.errors import MatterkitError
from matterkit.i18n import register, t
from matterkit.model import Matter
from matterkit.snapshot import SUFFIX, find_snapshot
from matterkit.store import Store
from matterkit.workspace import CONFIG_NAME, Workspace

register({
    "diff.source.unknown": {"zh": "“{arg}”既不是快照名称，也不是存在的文件或文件夹",
                            "en": "“{arg}” is neither a snapshot name nor an existing file or folder"},
    "diff.source.unreadable": {"zh": "{count} 个文件无法读取：{files}",
                               "en": "{count} file(s) could not be read: {files}"},
})


class SourceError(MatterkitError):
    """A diff argument names nothing matterkit can read."""


@dataclass
class DiffSource:
    label: str
    kind: str  # "snapshot" | "workspace" | "store" | "files"
    matters: list[Matter]
    unreadable: list[str]


def load_source(arg: str, *, workspace: Workspace | None, registry: ElementRegistry | None = None,
                code_tables: CodeTables | None = None, lang: str | None = None) -> DiffSource:
    if workspace is not None:
        snapshot = find_snapshot(workspace.root, arg)
        if snapshot is not None:
            return DiffSource(arg, "snapshot", _from_store(snapshot), [])
    path = Path(arg)
    if path.is_dir() and (path / CONFIG_NAME).is_file():
        other = Workspace.open(path)
        return DiffSource(arg, "workspace", list(other.store.iter_matters()), [])
    if path.is_file() and path.suffix == SUFFIX:
        return DiffSource(arg, "store", _from_store(path), [])
    if path.exists():
        from matterkit.importer import read_paths

        registry = registry or (workspace.registry if workspace else default_registry())
        code_tables = code_tables or (workspace.code_tables if workspace else default_code_tables())
        run = read_paths([path], registry=registry, code_tables=code_tables)
        return DiffSource(arg, "files", run.matters, [f.path for f in run.failed])
    raise SourceError(t("diff.source.unknown", lang, arg=arg))


def _from_store(path: Path) -> list[Matter]:
    store = Store(path)
    try:
        return list(store.iter_matters())
    finally:
        store.close()
