"""The workspace survives a killed import, two imports at once and a disk that fills up half-way.

Imports run as real processes (`python -m matterkit`); the killed one is stopped with SIGKILL, as a power
cut or an impatient clerk with the task manager would. Afterwards the store must pass SQLite's integrity
check, every stored file must hold exactly the matters its report counts, and a re-run must finish the job.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.cli_helpers import run_cli

from matterkit import atomic, store
from matterkit.workspace import Workspace
from workbook_builders import simple_workbook, write_csv

HEADER = ["事项名称", "实施主体", "法定办结时限", "承诺办结时限", "设定依据"]
ROWS_PER_FILE = 3


def inbox_of(folder: Path, files: int, *, prefix: str = "") -> Path:
    folder.mkdir(parents=True)
    for i in range(files):
        rows = [[f"{prefix}第{i}号文件事项{r}", f"{prefix}第{i}村", 10, 5, "《条例》第一条"] for r in range(ROWS_PER_FILE)]
        write_csv(folder / f"{i:04d}.csv", [HEADER, *rows])
    return folder


def matterkit(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "matterkit", *map(str, args)]


def store_path(ws: Path) -> Path:
    return ws / ".matterkit" / "store.sqlite"


def stored_files(ws: Path) -> int:
    try:
        with sqlite3.connect(store_path(ws), timeout=30) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM files").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def assert_store_consistent(ws: Path) -> dict[str, int]:
    """Integrity check passes and each file holds exactly the matters its own report counts."""
    with sqlite3.connect(store_path(ws), timeout=30) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = {}
        for file_id, path, status, report in conn.execute("SELECT id, path, status, report FROM files"):
            stored = conn.execute("SELECT COUNT(*) FROM matters WHERE file_id = ?", (file_id,)).fetchone()[0]
            assert status == "ok" and stored == json.loads(report)["matters"] == ROWS_PER_FILE, (path, stored)
            counts[path] = stored
        names = [row[0] for row in conn.execute("SELECT name FROM matters")]
        assert len(names) == len(set(names))  # nothing stored twice
    return counts


def kill_import_after(ws: Path, inbox: Path, files: int) -> None:
    """Start `matterkit import` and kill it (SIGKILL, with its reader processes, like a power cut) once
    `files` files are stored."""
    process = subprocess.Popen(matterkit("import", inbox, "--workspace", ws, "--format", "json"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while stored_files(ws) < files and process.poll() is None:
            time.sleep(0.02)
        assert process.poll() is None, "the import finished before it could be interrupted"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_import_killed_mid_way_leaves_a_consistent_store_and_a_rerun_completes(tmp_path: Path) -> None:
    ws = Workspace.init(tmp_path / "ws").root
    inbox = inbox_of(tmp_path / "inbox", 1500)
    kill_import_after(ws, inbox, 20)

    committed = assert_store_consistent(ws)
    assert 20 <= len(committed) < 1500

    rerun = subprocess.run(matterkit("import", inbox, "--workspace", ws, "--format", "json"),
                           capture_output=True, text=True)

    assert rerun.returncode == 0, rerun.stderr
    totals = json.loads(rerun.stdout)["totals"]
    assert totals["failed"] == 0 and totals["skipped"] >= len(committed)  # committed files are not read again
    assert len(assert_store_consistent(ws)) == 1500


def test_an_import_killed_and_run_again_gives_the_store_of_a_clean_run(tmp_path: Path) -> None:
    """What `matterkit export` shows after a killed import and a re-run is exactly what one clean run gives."""
    inbox = inbox_of(tmp_path / "inbox", 400)
    killed, clean = Workspace.init(tmp_path / "killed").root, Workspace.init(tmp_path / "clean").root
    kill_import_after(killed, inbox, 20)
    assert 20 <= len(assert_store_consistent(killed)) < 400

    reruns = [subprocess.run(matterkit("import", inbox, "--workspace", ws, "--format", "json"), capture_output=True,
                             text=True) for ws in (killed, clean)]
    exports = [subprocess.run(matterkit("export", "--format", "json", "--workspace", ws), capture_output=True,
                              text=True, check=True).stdout for ws in (killed, clean)]

    assert [run.returncode for run in reruns] == [0, 0], [run.stderr for run in reruns]
    assert len(json.loads(exports[1])["matters"]) == 400 * ROWS_PER_FILE
    assert exports[0] == exports[1]


@pytest.mark.parametrize("same_inbox", [True, False], ids=["same files", "different files"])
def test_two_imports_at_once_wait_for_each_other(tmp_path: Path, same_inbox: bool) -> None:
    ws = Workspace.init(tmp_path / "ws").root
    first = inbox_of(tmp_path / "甲", 150, prefix="甲")
    second = first if same_inbox else inbox_of(tmp_path / "乙", 150, prefix="乙")

    runs = [subprocess.Popen(matterkit("import", inbox, "--force", "--workspace", ws, "--format", "json"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for inbox in (first, second)]
    outcomes = [(*run.communicate(timeout=600), run.returncode) for run in runs]

    for _, stderr, code in outcomes:
        assert "Traceback" not in stderr
        assert code == 0 or (code == 2 and "错误" in stderr), (code, stderr)
    assert any(code == 0 for _, _, code in outcomes)
    committed = assert_store_consistent(ws)
    if all(code == 0 for _, _, code in outcomes):
        assert len(committed) == (150 if same_inbox else 300)


def test_an_import_that_waits_too_long_for_another_run_fails_cleanly(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    ws = Workspace.init(tmp_path / "ws").root
    inbox = inbox_of(tmp_path / "inbox", 2)
    monkeypatch.setattr(store, "BUSY_TIMEOUT_SECONDS", 0.2)  # instead of a minute
    holder = sqlite3.connect(store_path(ws), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another run is writing
    try:
        result = run_cli("import", inbox, "--workspace", ws)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert result.exit_code == 2, result.stdout + result.stderr
    assert "另一个 matterkit 命令" in result.stderr and "内部错误" not in result.stderr
    assert run_cli("import", inbox, "--workspace", ws).exit_code == 0
    assert len(assert_store_consistent(ws)) == 2


def test_a_fresh_workspace_imported_twice_at_once_is_created_once(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "matterkit.yaml").write_text("version: 1\ncatalogue: bundled\n", encoding="utf-8")
    inbox = inbox_of(tmp_path / "inbox", 40)

    runs = [subprocess.Popen(matterkit("import", inbox, "--force", "--workspace", root, "--format", "json"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outcomes = [(*run.communicate(timeout=600), run.returncode) for run in runs]

    assert all(code == 0 for _, _, code in outcomes), [stderr for _, stderr, _ in outcomes]
    assert len(assert_store_consistent(root)) == 40


# ---- a disk that fills up half-way --------------------------------------------------------------

class _FillingUp:
    """A file object that accepts `room` bytes and then fails as a full disk does."""

    def __init__(self, handle: Any, room: int) -> None:
        self.handle, self.room = handle, room

    def write(self, data: Any) -> int:
        if len(data) > self.room:
            self.handle.write(data[: self.room])
            self.handle.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return int(self.handle.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)

    def __enter__(self) -> _FillingUp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every output file matterkit writes runs out of space after 200 bytes.

    Text goes through `atomic.atomic_open`; workbooks are saved by openpyxl into the temporary path that
    `atomic.atomic_path` hands out, which Python's zipfile opens with the built-in `open`.
    """
    import builtins
    import zipfile

    real_open = builtins.open

    def filling_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        if any(flag in mode for flag in "wax") and Path(str(file)).name.endswith(".tmp"):
            return _FillingUp(handle, 200)
        return handle

    monkeypatch.setattr(atomic, "open", filling_open, raising=False)
    monkeypatch.setattr(zipfile.io, "open", filling_open)


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    ws = Workspace.init(tmp_path / "ws").root
    simple_workbook(tmp_path / "县民政局.xlsx", {"清单": [HEADER, ["城乡最低生活保障对象认定", "县民政局", 30, 20,
                                                               "《社会救助暂行办法》第十一条"]]})
    assert run_cli("import", tmp_path / "县民政局.xlsx", "--workspace", ws).exit_code == 0
    return ws


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl's abandoned writer
@pytest.mark.parametrize(("command", "name"), [
    (["export", "--format", "xlsx"], "清单.xlsx"),
    (["export", "--format", "json"], "清单.json"),
    (["lint", "--format", "html", "--exit-zero"], "检查.html"),
    (["lint", "--format", "xlsx", "--exit-zero"], "检查.xlsx"),
    (["diff", "--format", "xlsx", "--exit-zero"], "比对.xlsx"),
    (["stats", "--format", "xlsx"], "统计.xlsx"),
], ids=lambda value: value if isinstance(value, str) else " ".join(value[:3]))
def test_disk_full_half_way_keeps_the_previous_output_and_leaves_no_partial_file(
        imported: Path, tmp_path: Path, full_disk: None, command: list[str], name: str) -> None:
    out = tmp_path / "报告"
    out.mkdir()
    previous = out / name
    previous.write_bytes(b"previous report")

    result = run_cli(*command, "-o", previous, "--workspace", imported)

    assert result.exit_code == 2, result.stdout + result.stderr
    assert "磁盘" in result.stderr or "空间" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    assert previous.read_bytes() == b"previous report"
    assert leftovers(out) == []
    del result  # its exception context holds openpyxl's abandoned writer, which complains when collected:
    gc.collect()  # let that happen here, where the warning is expected, not in a later test


def test_after_the_disk_is_freed_the_same_command_writes_a_whole_workbook(imported: Path, tmp_path: Path) -> None:
    target = tmp_path / "清单.xlsx"
    target.write_bytes(b"previous report")

    result = run_cli("export", "--format", "xlsx", "-o", target, "--workspace", imported)

    assert result.exit_code == 0, result.stderr
    values = [c.value for sheet in openpyxl.load_workbook(target).worksheets for r in sheet.iter_rows() for c in r]
    assert "城乡最低生活保障对象认定" in values


def test_written_files_get_the_usual_permissions_not_a_temporary_files(tmp_path: Path) -> None:
    """A published site is read by a web server and colleagues: files are made as `open()` makes them,
    not with the owner-only mode of a temporary file."""
    import os
    import stat

    from matterkit import atomic

    atomic.write_text(tmp_path / "指南.html", "<p>办事指南</p>")
    with atomic.batch() as files:
        files.write_text(tmp_path / "site" / "1.html", "<p>1</p>")
    plain = tmp_path / "plain.txt"
    with open(plain, "w", encoding="utf-8") as handle:
        handle.write("x")
    expected = stat.S_IMODE(plain.stat().st_mode)
    for path in (tmp_path / "指南.html", tmp_path / "site" / "1.html"):
        assert stat.S_IMODE(path.stat().st_mode) == expected
    if os.name == "posix" and expected & 0o044:
        assert expected != 0o600
