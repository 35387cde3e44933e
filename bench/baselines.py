"""What a user would run instead, on the same data: python-calamine reading (the floor), frictionless
validating the rows as CSV against an equivalent Table Schema, daff diffing two versions as tables."""

from __future__ import annotations

import csv
import os
import resource
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matterkit.codetables import default_code_tables
from matterkit.importer import expand_paths
from matterkit.model import Matter

# The columns of the CSV that frictionless and daff get: the scalar and list elements of a matter.
TABLE_COLUMNS: tuple[str, ...] = (
    "name", "type", "base_code", "impl_code", "item_code", "department", "body", "body_code", "body_nature",
    "level", "power_source", "entrusting_body", "target", "case_type", "legal_basis", "legal_limit",
    "promised_limit", "conditions", "process", "materials", "fee", "location", "hours", "phone",
    "complaint_phone", "visits", "visit_reason", "online", "online_url", "channels", "scope", "result_type",
    "result_name", "status", "area_code", "online_depth",
)
SEPARATOR = "、"


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    """The largest peak of any waited-for child process (the importer's workers)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


class TreeMemory:
    """Samples the memory of a process (by default this one) and all its descendants (the importer's
    workers) a few times a second: the largest total PSS (proportional set size: pages shared after a fork
    are counted once, so the sum is the physical memory the run needed) and the largest single process's RSS.

    The runner samples a stage's process from outside it: reading /proc/*/smaps_rollup costs system time,
    which would otherwise count as the stage's own CPU (15–20 s of it during the HTML site)."""

    def __init__(self, root: int | None = None, interval: float = 0.25) -> None:
        import threading

        self.root = root or os.getpid()
        self.interval = interval
        self.peak_total_mb = 0.0
        self.peak_process_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self) -> None:
        total = 0.0
        for pid in _tree(self.root):
            pss, rss = _memory_mb(pid)
            total += pss
            self.peak_process_mb = max(self.peak_process_mb, rss)
        self.peak_total_mb = max(self.peak_total_mb, total)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def _memory_mb(pid: int) -> tuple[float, float]:
    pss = rss = 0.0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) / 1024
            elif line.startswith("Rss:"):
                rss = int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return pss, rss


# ---- the floor -----------------------------------------------------------------------------------

def read_everything(folder: Path) -> tuple[int, int]:
    """Read every cell of every spreadsheet under `folder`, single-threaded; (files, rows)."""
    from python_calamine import CalamineWorkbook

    files = rows = 0
    for path in expand_paths([folder]):
        files += 1
        if path.suffix.lower() == ".csv":
            rows += _csv_rows(path)
            continue
        workbook = CalamineWorkbook.from_path(str(path))
        for name in workbook.sheet_names:
            rows += len(workbook.get_sheet_by_name(name).to_python())
    return files, rows


def _csv_rows(path: Path) -> int:
    data = path.read_bytes()
    text = data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else data.decode("gbk")
    return sum(1 for _ in csv.reader(text.splitlines()))


# ---- the same rows as a table ----------------------------------------------------------------------

def cell_text(matter: Matter, column: str) -> str:
    value = getattr(matter, column)
    if value is None:
        return ""
    if column == "materials":
        return SEPARATOR.join(material.name for material in value)
    if isinstance(value, list):
        return SEPARATOR.join(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def matters_table(matters: Sequence[Matter]) -> list[list[str]]:
    """A header row, then one row of cell texts per matter."""
    return [list(TABLE_COLUMNS), *([cell_text(m, c) for c in TABLE_COLUMNS] for m in matters)]


def write_matters_csv(matters: Sequence[Matter], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(matters_table(matters))


# ---- frictionless --------------------------------------------------------------------------------

# Rule codes of the default packs that the schema below expresses (lint's `required`, `pattern`,
# `enumeration` kinds). Requirements that depend on the matter type (REQ004, REQ005, REQ008 skip
# penalties and inspections) cannot be written in a Table Schema; the schema requires them for no row.
REQUIRED = ("name", "type", "base_code", "impl_code", "body", "body_code", "body_nature", "level",
            "power_source", "legal_basis")
PATTERNS = {"base_code": "[0-9]{12}", "item_code": "[0-9]{14}", "online_url": "https?://\\S+",
            "area_code": "[0-9]{6}([0-9]{3}([0-9]{3})?)?",
            "complaint_phone": "(0[0-9]{2,3}-([0-9]{7,8}|12345)|12345)([^0-9].*)?"}
ENUMS = {"type": "matter_type", "body_nature": "body_nature", "power_source": "power_source",
         "case_type": "case_type", "scope": "scope", "result_type": "result_type", "status": "status"}
MULTI_ENUMS = {"level": "level", "target": "target", "channels": "channel", "online_depth": "online_depth"}


def table_schema() -> dict[str, Any]:
    """The Table Schema equivalent to matterkit's required, pattern and enumeration rules."""
    tables = default_code_tables()
    fields = []
    for column in TABLE_COLUMNS:
        constraints: dict[str, Any] = {}
        if column in REQUIRED:
            constraints["required"] = True
        if column in PATTERNS:
            constraints["pattern"] = PATTERNS[column]
        if column in ENUMS:
            constraints["enum"] = tables.labels(ENUMS[column])
        if column in MULTI_ENUMS:  # several labels joined by 、: a pattern of alternatives
            choice = "(" + "|".join(tables.labels(MULTI_ENUMS[column])) + ")"
            constraints["pattern"] = f"{choice}({SEPARATOR}{choice})*"
        fields.append({"name": column, "type": "string", "constraints": constraints})
    return {"fields": fields}


def frictionless_validate(path: Path) -> int:
    """Validate the CSV; the number of errors (every error counted: no limit)."""
    from frictionless import Resource, Schema

    resource_ = Resource(path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(table_schema()))
    report = resource_.validate(limit_errors=10**9)
    errors = [error for task in report.tasks for error in task.errors]
    broken = [error for error in errors if error.type in ("resource-error", "source-error", "scheme-error")]
    if broken:  # frictionless did not read the table: its time would mean nothing
        raise RuntimeError(broken[0].message)
    return len(errors)


# ---- daff ----------------------------------------------------------------------------------------

def daff_diff(old: list[list[str]], new: list[list[str]]) -> int:
    """daff's comparison of two tables (what `daff diff old.csv new.csv` computes); rows in its diff."""
    import daff

    left, right = daff.PythonTableView(old), daff.PythonTableView(new)
    flags = daff.CompareFlags()
    alignment = daff.Coopy.compareTables(left, right, flags).align()
    output: list[list[Any]] = []
    daff.TableDiff(alignment, flags).hilite(daff.PythonTableView(output))
    return max(0, len(output) - 1)
