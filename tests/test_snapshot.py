"""Snapshots freeze a workspace's lists so that next year's can be compared with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from matterkit.diff import compare_versions
from matterkit.diff.sources import load_source
from matterkit.model import Location, Matter
from matterkit.snapshot import SnapshotError, find_snapshot, list_snapshots, save_snapshot
from matterkit.workspace import Workspace


def stored_workspace(tmp_path: Path, promised: int = 20) -> Workspace:
    ws = Workspace.init(tmp_path / "ws")
    rows = [Matter(name="临时救助对象认定", base_code="000123021000", promised_limit=promised, list_level="county",
                   list_body="县民政局", source=Location(file="民政局.xlsx", sheet="清单", row=2))]
    ws.store.replace_file(resolved_path=str(tmp_path / "民政局.xlsx"), given_path="民政局.xlsx", sha256="x",
                          list_level="county", list_body="县民政局", report={}, matters=rows)
    return ws


def test_a_saved_snapshot_is_listed_and_keeps_last_years_values(tmp_path: Path) -> None:
    ws = stored_workspace(tmp_path)
    info = save_snapshot(ws.store.path, ws.root, "2025")
    assert info.path == ws.root / ".matterkit" / "snapshots" / "2025.sqlite"
    assert info.matters == 1
    ws.store.replace_file(resolved_path=str(tmp_path / "民政局.xlsx"), given_path="民政局.xlsx", sha256="y",
                          list_level="county", list_body="县民政局", report={}, matters=[
                              Matter(name="临时救助对象认定", base_code="000123021000", promised_limit=10,
                                     list_level="county", list_body="县民政局",
                                     source=Location(file="民政局.xlsx", sheet="清单", row=2))])
    assert [s.name for s in list_snapshots(ws.root)] == ["2025"]
    old = load_source("2025", workspace=ws).matters
    [changed] = compare_versions(old, list(ws.store.iter_matters())).differences
    assert (changed.element, changed.left.value, changed.right.value) == ("promised_limit", 20, 10)


def test_a_snapshot_name_is_never_overwritten_without_force(tmp_path: Path) -> None:
    ws = stored_workspace(tmp_path)
    save_snapshot(ws.store.path, ws.root, "2025")
    with pytest.raises(SnapshotError):
        save_snapshot(ws.store.path, ws.root, "2025")
    assert save_snapshot(ws.store.path, ws.root, "2025", force=True).matters == 1


@pytest.mark.parametrize("name", ["../escape", "a/b", "con", ".hidden", ""])
def test_a_snapshot_name_that_is_not_a_plain_file_name_is_refused(tmp_path: Path, name: str) -> None:
    ws = stored_workspace(tmp_path)
    with pytest.raises(SnapshotError):
        save_snapshot(ws.store.path, ws.root, name)
    assert find_snapshot(ws.root, name) is None
