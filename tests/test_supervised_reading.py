"""Reading in supervised worker processes: a job whose worker aborts, runs out of memory, overruns its time
or raises is that job's failure, described, and every other job still gets its result, in order."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from matterkit.supervise import Crash, Limits, LimitSettings, supervised_map

LIMITS = Limits(memory_bytes=256 * 1024**2, seconds=30)


def work(job: str) -> str:
    """What a parser might do with a damaged file, by name; anything else reads fine."""
    if job == "abort":
        os.abort()
    if job == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if job == "huge":
        return str(len(bytearray(2 * 1024**3)))  # over the cap: MemoryError
    if job == "hang":
        time.sleep(3600)
    if job == "bug":
        raise KeyError("a bug in matterkit")
    return f"read {job} in {os.getpid()}"


def run(jobs: list[str], *, workers: int = 2, limits: Limits = LIMITS) -> list[str | Crash]:
    return list(supervised_map(work, jobs, workers=workers, limits_of=lambda job: limits,
                               on_crash=lambda job, crash: crash))


@pytest.mark.parametrize("workers", [1, 2])
def test_each_kind_of_death_fails_its_own_job_and_the_others_are_read_in_order(workers: int) -> None:
    jobs = ["a", "abort", "b", "huge", "c", "segfault", "d", "bug", "e"]

    results = run(jobs, workers=workers)

    assert [r.split(" in ")[0] if isinstance(r, str) else r.kind for r in results] == [
        "read a", "crash", "read b", "memory", "read c", "crash", "read d", "error", "read e"]
    crashes = [r for r in results if isinstance(r, Crash)]
    assert "SIGABRT" in crashes[0].detail and "SIGSEGV" in crashes[2].detail
    assert "KeyError" in crashes[3].detail


def test_a_job_over_its_time_is_stopped_and_named_as_a_timeout() -> None:
    results = run(["a", "hang", "b"], limits=Limits(memory_bytes=None, seconds=2))

    assert isinstance(results[1], Crash) and results[1].kind == "timeout"
    assert "超时" in results[1].message("zh") and "2 秒" in results[1].message("zh")
    assert [r for r in results if isinstance(r, str)][0].startswith("read a")


def test_workers_are_reused_while_files_read_well() -> None:
    results = run([f"f{i}" for i in range(12)], workers=2)

    pids = {r.split(" in ")[1] for r in results if isinstance(r, str)}
    assert len(results) == 12 and len(pids) <= 2


def test_messages_say_what_happened_and_how_to_get_a_readable_file() -> None:
    limits = Limits(memory_bytes=900 * 1024**2, seconds=60)

    memory = Crash("memory", "", limits).message("zh")
    crash = Crash("crash", "SIGABRT", limits).message("zh")

    assert "内存超限" in memory and "900 MB" in memory and "另存" in memory
    assert "解析器异常退出" in crash and "SIGABRT" in crash and "WPS" in crash
    assert "out of memory" in Crash("memory", "", limits).message("en")


def test_default_limits_grow_with_the_file_and_settings_override_them(tmp_path: Path) -> None:
    small, large = tmp_path / "small.xls", tmp_path / "large.xls"
    small.write_bytes(b"x" * 1024)
    large.write_bytes(b"x" * 8 * 1024**2)

    assert LimitSettings().for_file(large).memory_bytes > LimitSettings().for_file(small).memory_bytes  # type: ignore[operator]
    assert LimitSettings().for_file(large).seconds > LimitSettings().for_file(small).seconds  # type: ignore[operator]
    assert LimitSettings(memory_mb=300, timeout_seconds=5).for_file(large) == Limits(300 * 1024**2, 5)
