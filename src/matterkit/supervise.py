"""Reading untrusted files in supervised child processes, so that one damaged file cannot take the run down.

A damaged workbook can make the native spreadsheet parser (python-calamine, in Rust) reserve gigabytes from
a garbled size field and abort the whole process, or loop; neither can be caught in Python. So every file
is read in a worker process that caps its own address space (`RLIMIT_AS`, Linux) before each file, and the
parent gives each file a time limit. A worker that dies (abort, signal, out of memory) or overruns is that
file's failure, described by a `Crash`; a new worker takes its place and the other files go on.

Workers are reused from file to file (starting a process per file would cost more than reading a small
list), but never after a failure: a worker that raised MemoryError or any other error exits after
reporting it. The results come back in the order of the jobs.
"""

from __future__ import annotations

import faulthandler
import gc
import multiprocessing
import os
import signal
import sys
import tempfile
import time
import zipfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Generic, TypeVar

from matterkit.i18n import register, t

J = TypeVar("J")
R = TypeVar("R")

MB = 1024**2
DEFAULT_MEMORY_MB = 768  # above the worker's own size, before the share sized from the file
DEFAULT_MEMORY_PER_FILE_BYTE = 16  # a workbook unpacks and becomes Python objects: a multiple of its size
# (plus, for xlsx/ods, twice what the zip unpacks to)
DEFAULT_SECONDS = 120
DEFAULT_SECONDS_PER_MB = 10
_LOG_PART = 4096
_PENDING = object()  # a busy worker's job has no outcome yet
_OOM_MARKS = ("memory allocation of", "MemoryError", "out of memory", "Cannot allocate memory",
              "std::bad_alloc")

register({
    "supervise.memory": {"zh": "读取时内存超限（上限约 {limit} MB，文件确实很大时可调高 matterkit.yaml 的 "
                               "import.max_memory_mb），文件可能已损坏",
                         "en": "out of memory while reading (limit about {limit} MB; raise import.max_memory_mb in "
                               "matterkit.yaml for a really large file); the file may be damaged"},
    "supervise.timeout": {"zh": "读取超时（超过 {seconds} 秒，文件确实很大时可调高 matterkit.yaml 的 "
                                "import.timeout_seconds），文件可能已损坏",
                          "en": "reading timed out (over {seconds} s; raise import.timeout_seconds in matterkit.yaml "
                                "for a really large file); the file may be damaged"},
    "supervise.crash": {"zh": "解析器异常退出（{detail}），文件可能已损坏",
                        "en": "the parser stopped abnormally ({detail}); the file may be damaged"},
    "supervise.error": {"zh": "读取时出现 matterkit 内部错误（{detail}），请报告此问题",
                        "en": "matterkit internal error while reading ({detail}); please report it"},
    "supervise.resave": {"zh": "；请用 Excel 或 WPS 打开该文件后另存为 .xlsx 再导入",
                         "en": "; open the file in Excel or WPS, save it as .xlsx and import it again"},
})


@dataclass(frozen=True)
class Limits:
    """What one file may cost: address space above the worker's own size, and wall-clock seconds."""

    memory_bytes: int | None
    seconds: float | None


@dataclass(frozen=True)
class LimitSettings:
    """The `import:` settings of matterkit.yaml; None means sized from each file."""

    memory_mb: int | None = None
    timeout_seconds: float | None = None

    def for_file(self, path: Path) -> Limits:
        """Limits for one file: the configured ones, else a fixed share plus a multiple of its size."""
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        memory = (self.memory_mb * MB if self.memory_mb
                  else DEFAULT_MEMORY_MB * MB + DEFAULT_MEMORY_PER_FILE_BYTE * size + 2 * _unpacked_size(path))
        seconds = self.timeout_seconds or DEFAULT_SECONDS + DEFAULT_SECONDS_PER_MB * size / MB
        return Limits(memory_bytes=memory, seconds=seconds)


def _unpacked_size(path: Path) -> int:
    """What a zip-based workbook unpacks to, by its directory (the reader refuses more than its limit, and
    a dense sheet takes about as much memory as its XML): compression ratios differ too much for the
    file's own size to say."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return 0


@dataclass(frozen=True)
class Crash:
    """Why a worker gave no result for a job: memory, timeout, crash (signal, abort) or error (a bug)."""

    kind: str
    detail: str = ""
    limits: Limits | None = None

    def message(self, lang: str | None = None) -> str:
        """The file's error text, with the advice to re-save it (not for our own bugs)."""
        limits = self.limits or Limits(None, None)
        if self.kind == "memory":
            text = t("supervise.memory", lang, limit=(limits.memory_bytes or 0) // MB)
        elif self.kind == "timeout":
            text = t("supervise.timeout", lang, seconds=round(limits.seconds or 0))
        elif self.kind == "error":
            return t("supervise.error", lang, detail=self.detail)
        else:
            text = t("supervise.crash", lang, detail=self.detail)
        return text + t("supervise.resave", lang)


def supervised_map(fn: Callable[[J], R], jobs: Sequence[J], *, workers: int,
                   limits_of: Callable[[J], Limits], on_crash: Callable[[J, Crash], R],
                   initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()) -> Iterator[R]:
    """`fn(job)` for every job in worker processes, yielded in order; a job whose worker died or overran
    yields `on_crash(job, crash)` instead. `fn` must be a module-level function (it is pickled where
    processes are spawned rather than forked)."""
    if not jobs:
        return
    pool = _Pool(fn, initializer, initargs, max(1, min(workers, len(jobs))))
    try:
        yield from pool.run(list(jobs), limits_of, on_crash)
    finally:
        pool.close()


# ---- the parent's side ----------------------------------------------------------------------------

@dataclass
class _Busy:
    index: int
    limits: Limits
    deadline: float | None


class _Worker:
    def __init__(self, context: Any, fn: Callable[[Any], Any], initializer: Callable[..., None] | None,
                 initargs: tuple[Any, ...], log: Path) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.log = log
        self.process = context.Process(target=_worker_main, args=(child, fn, initializer, initargs, str(log)),
                                       daemon=True)
        self.process.start()
        child.close()
        self.busy: _Busy | None = None

    def send(self, index: int, job: Any, limits: Limits) -> None:
        self.busy = _Busy(index, limits, time.monotonic() + limits.seconds if limits.seconds else None)
        self.conn.send((index, job, limits.memory_bytes))

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()

    def log_text(self) -> str:
        """The start and the end of what the worker printed while reading its last file."""
        try:
            with self.log.open("rb") as handle:
                head = handle.read(_LOG_PART)
                handle.seek(max(len(head), self.log.stat().st_size - _LOG_PART))
                return (head + handle.read()).decode("utf-8", "replace")
        except OSError:
            return ""


class _Pool(Generic[J, R]):
    def __init__(self, fn: Callable[[J], R], initializer: Callable[..., None] | None, initargs: tuple[Any, ...],
                 size: int) -> None:
        self.fn, self.initializer, self.initargs, self.size = fn, initializer, initargs, size
        self.context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.logs = tempfile.TemporaryDirectory(prefix="matterkit-read-")
        self.workers: list[_Worker] = []
        self.started = 0

    def run(self, jobs: list[J], limits_of: Callable[[J], Limits],
            on_crash: Callable[[J, Crash], R]) -> Iterator[R]:
        queue = deque(range(len(jobs)))
        ready: dict[int, R] = {}
        ahead = 4 * self.size + 4  # results held back for order are bounded
        following = 0
        while following < len(jobs):
            while queue and queue[0] < following + ahead and (worker := self._idle_worker()) is not None:
                index = queue.popleft()
                worker.send(index, jobs[index], limits_of(jobs[index]))
            for index, outcome in self._collect():
                ready[index] = on_crash(jobs[index], outcome) if isinstance(outcome, Crash) else outcome
            while following in ready:
                yield ready.pop(following)
                following += 1

    def _idle_worker(self) -> _Worker | None:
        idle = next((w for w in self.workers if w.busy is None), None)
        if idle is None and len(self.workers) < self.size:
            self.started += 1
            idle = _Worker(self.context, self.fn, self.initializer, self.initargs,
                           Path(self.logs.name) / f"worker{self.started}.log")
            self.workers.append(idle)
        return idle

    def _collect(self) -> list[tuple[int, Any]]:
        """Wait for at least one busy worker to answer, die or overrun; what each such job came to."""
        busy = [w for w in self.workers if w.busy is not None]
        if not busy:
            return []
        deadlines = [w.busy.deadline for w in busy if w.busy and w.busy.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
        outcomes = []
        for worker in busy:
            assert worker.busy is not None
            outcome = self._outcome(worker, ready)
            if outcome is not _PENDING:
                outcomes.append((worker.busy.index, outcome))
                worker.busy = None
        return outcomes

    def _outcome(self, worker: _Worker, ready: list[Any]) -> Any:
        busy = worker.busy
        assert busy is not None
        if worker.conn in ready or worker.process.sentinel in ready:
            try:
                if worker.conn.poll():
                    _, status, payload = worker.conn.recv()
                    if status == "ok":
                        return payload
                    self._retire(worker)
                    return Crash(status, payload, busy.limits)
            except (EOFError, OSError):
                pass
            self._retire(worker)
            return self._died(worker, busy.limits)
        if busy.deadline is not None and time.monotonic() >= busy.deadline:
            self._retire(worker)
            return Crash("timeout", "", busy.limits)
        return _PENDING

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        worker.conn.close()
        self.workers.remove(worker)

    def _died(self, worker: _Worker, limits: Limits) -> Crash:
        code = worker.process.exitcode
        log = worker.log_text()
        if any(mark in log for mark in _OOM_MARKS):
            return Crash("memory", "", limits)
        if code is not None and code < 0:
            number = -code
            if number == signal.SIGKILL:  # the kernel's out-of-memory killer sends SIGKILL
                return Crash("memory", "", limits)
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = f"signal {number}"
            return Crash("crash", name, limits)
        return Crash("crash", f"exit code {code}", limits)

    def close(self) -> None:
        for worker in list(self.workers):
            if worker.busy is None:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        for worker in list(self.workers):
            if worker.busy is not None:
                worker.kill()
            else:
                worker.process.join(timeout=5)
                worker.kill()
            worker.conn.close()
        self.workers.clear()
        self.logs.cleanup()


# ---- the worker's side ----------------------------------------------------------------------------

def _worker_main(conn: Connection, fn: Callable[[Any], Any], initializer: Callable[..., None] | None,
                 initargs: tuple[Any, ...], log: str) -> None:
    """Read jobs until told to stop (None) or the parent is gone; exit after any failure."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    faulthandler.disable()  # a crash is reported by the parent, not as a Python stack on the terminal
    _no_core_dumps()  # an aborting parser would otherwise leave a memory image of the file in the folder
    log_fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log_fd, 2)  # what a native parser prints as it aborts tells "out of memory" from a crash
    gc.freeze()  # what the worker inherits from the parent is never walked (nor its pages copied) by a collection
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, job, memory = message
        os.ftruncate(log_fd, 0)
        os.lseek(log_fd, 0, os.SEEK_SET)
        status, payload = _run_one(fn, job, memory)
        conn.send((index, status, payload))
        if status != "ok":
            return


def _run_one(fn: Callable[[Any], Any], job: Any, memory: int | None) -> tuple[str, Any]:
    _cap_memory(memory)
    try:
        return "ok", fn(job)
    except MemoryError:
        return "memory", ""
    except Exception as exc:  # noqa: BLE001 - reported as that file's failure, not the run's
        return "error", f"{type(exc).__name__}: {exc}"[:300]
    finally:
        _cap_memory(None)


def _no_core_dumps() -> None:
    try:
        import resource
    except ImportError:
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))


def _cap_memory(budget: int | None) -> None:
    """Limit the address space to the current size plus `budget` (None: lift the limit again)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if budget is None:
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        return
    current = _address_space()
    if current is None:
        return
    # Freed heap inherited from the parent is already mapped: allocations reuse it without counting.
    limit = current + max(budget - _free_heap(), budget // 2)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _free_heap() -> int:
    """Bytes free inside the C heap (glibc's mallinfo2); 0 where it cannot be asked."""
    try:
        import ctypes

        class MallInfo2(ctypes.Structure):
            _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd",
                                                              "usmblks", "fsmblks", "uordblks", "fordblks",
                                                              "keepcost")]

        mallinfo2 = ctypes.CDLL(None).mallinfo2
        mallinfo2.restype = MallInfo2
        return int(mallinfo2().fordblks)
    except (OSError, AttributeError):
        return 0


def _address_space() -> int | None:
    """This process's virtual size in bytes (Linux /proc), the base a cap on RLIMIT_AS is measured from."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None
