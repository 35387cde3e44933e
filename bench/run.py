"""Benchmark runner: every stage of matterkit and its baselines, in one run, on the same files.

    python bench/run.py --scale smoke|county|province|province-small|files [--counties N] [--out DIR] [--data DIR]

Generates (or reuses) the data with bench/generate.py, then runs each stage in a fresh process and
prints a markdown table (wall seconds, rows/s, peak memory, the machine's load) and the issue's targets;
`--out` receives `<scale>.md` and `<scale>.json`. `--scale province` imports and lints the first
`--counties` counties (default 4, ≈ 200,000 rows) into one workspace, county by county, and extrapolates;
`--scale province-small` is a whole province of 20 small counties (3 levels each): import, lint, then the
HTML site of every county. `--scale files` is the single large files of bench/files.py (a 5,000-row xlsx, a
40,000-row legacy xls) against the bare reader.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/run.py` from a fresh clone
    sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402
from bench.generate import generate  # noqa: E402

COUNTY_STAGES = ("floor", "catalogue", "import", "lint", "frictionless", "diff_levels", "near_duplicates", "diff_versions",
                 "daff", "publish_html", "publish_word", "rerun")
FILE_STAGES = ("medium_read", "medium_import", "legacy_read", "legacy_import", "legacy_lint")
PROVINCE_STAGES = ("province", "province_publish")
STAGES_OF_SCALE = {"smoke": COUNTY_STAGES, "county": COUNTY_STAGES, "province": ("province",),
                   "province-smoke": ("province",), "province-small": PROVINCE_STAGES, "files": FILE_STAGES}
WORD_GUIDES = {"smoke": 20, "county": 400, "province": 0, "province-smoke": 0, "province-small": 0, "files": 0}
RESULT_SCHEMA = "matterkit.bench/1"


def run_stage(name: str, ctx: dict[str, Any]) -> dict[str, Any]:
    """Run one stage in this (fresh) process; its figures plus peak memory and the machine's load."""
    import multiprocessing

    from bench.baselines import children_peak_rss_mb, peak_rss_mb
    from bench.stages import STAGES

    # this process was spawned (clean memory figures); the importer's workers start as under the CLI
    multiprocessing.set_start_method("fork" if sys.platform == "linux" else "spawn", force=True)
    load_before = os.getloadavg()[0]
    cpu_before = cpu_seconds()
    figures = STAGES[name](ctx)
    own, workers = (after - before for after, before in zip(cpu_seconds(), cpu_before, strict=True))
    figures["process_cpu_s"], figures["process_workers_cpu_s"] = own, workers
    figures["peak_rss_mb"] = peak_rss_mb()
    workers = children_peak_rss_mb()
    if workers:
        figures["workers_peak_rss_mb"] = workers
    figures["load"] = [load_before, os.getloadavg()[0]]
    return figures


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) used so far by this process and by its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def in_fresh_process(name: str, ctx: dict[str, Any]) -> dict[str, Any]:
    """Run a stage in a new process, its memory sampled from here (`TreeMemory`)."""
    from bench.baselines import TreeMemory

    spawn = get_context("spawn")
    receive, send = spawn.Pipe(duplex=False)
    process = spawn.Process(target=_stage_process, args=(name, ctx, send))
    process.start()
    with TreeMemory(process.pid) as memory:
        outcome = receive.recv()
        process.join()
    if isinstance(outcome, BaseException):
        raise outcome
    outcome["peak_total_pss_mb"] = memory.peak_total_mb
    return dict(outcome)


def _stage_process(name: str, ctx: dict[str, Any], send: Any) -> None:
    try:
        send.send(run_stage(name, ctx))
    except BaseException as exc:
        send.send(exc)
        raise


def context(scale: str, data: Path, work: Path, manifest: dict[str, Any], jobs: int,
            daff_rows: int | None) -> dict[str, Any]:
    first = manifest["counties"][0]
    workspace = work / "workspace"
    return {
        "scale": scale, "data": str(data), "work": str(work), "workspace": str(workspace),
        "lists": str(workspace / "lists"), "catalogue": str(data / manifest["catalogue"]),
        "v2": str(data / first["folder"] / "v2"), "changed": first["changed"], "rows": first["rows"],
        "jobs": jobs, "word_guides": WORD_GUIDES[scale], "daff_rows": daff_rows, "counties": manifest["counties"],
    }


def prepare_workspace(ctx: dict[str, Any], manifest: dict[str, Any]) -> None:
    """An empty work folder; for a county, a copy of its v1 lists where the workspace will be."""
    work = Path(ctx["work"])
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    if not ctx["scale"].startswith("province"):
        shutil.copytree(Path(ctx["data"]) / manifest["counties"][0]["folder"] / "v1", ctx["lists"])


def machine() -> dict[str, Any]:
    from matterkit import __version__

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        memory_kb = 0
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=False).stdout.strip() or "unknown"
    except OSError:
        commit = "unknown"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory_kb / 1024**2, "python": platform.python_version(),
            "system": platform.platform(), "matterkit": __version__, "commit": commit}


def run(scale: str, *, data: Path, work: Path, counties: int | None = None, jobs: int = 2,
        stages: tuple[str, ...] | None = None, daff_rows: int | None = None,
        log: Any = None) -> dict[str, Any]:
    """Generate or reuse the data, run every stage, check the targets; the result document."""
    say = log or (lambda text: None)
    if scale == "province" and counties is None:
        counties = 4
    if scale == "files":
        return _run_files(data, work, jobs, stages, say)
    manifest = generate(data, scale, counties=counties, jobs=jobs, log=say)
    ctx = context(scale, data, work, manifest, jobs, daff_rows)
    prepare_workspace(ctx, manifest)
    started, host = time.strftime("%Y-%m-%d %H:%M", time.gmtime()), machine()  # the commit measured
    results: dict[str, Any] = {}
    for name in stages or STAGES_OF_SCALE[scale]:
        say(f"{name} …")
        results[name] = in_fresh_process(name, ctx)
        say(f"{name}: {results[name]['seconds']:.2f} s")
    return {
        "schema": RESULT_SCHEMA, "scale": scale, "started": started, "machine": host,
        "data": {"rows": manifest["rows"], "files": manifest["files"], "counties": len(manifest["counties"]),
                 "catalogue_entries": manifest["catalogue_entries"], "path": str(data)},
        "stages": results, "targets": report.targets(results),
    }


def _run_files(data: Path, work: Path, jobs: int, stages: tuple[str, ...] | None, say: Any) -> dict[str, Any]:
    """`--scale files`: the single large files of bench/files.py against the bare reader."""
    from bench.files import generate_files

    manifest = generate_files(data)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ctx = {"scale": "files", "data": str(data), "work": str(work), "jobs": jobs}
    started, host = time.strftime("%Y-%m-%d %H:%M", time.gmtime()), machine()
    results: dict[str, Any] = {}
    for name in stages or STAGES_OF_SCALE["files"]:
        say(f"{name} …")
        results[name] = in_fresh_process(name, ctx)
        say(f"{name}: {results[name]['seconds']:.2f} s")
    return {
        "schema": RESULT_SCHEMA, "scale": "files", "started": started, "machine": host,
        "data": {"rows": sum(manifest["files"].values()), "files": len(manifest["files"]), "counties": 0,
                 "catalogue_entries": 0, "path": str(data), "bytes": manifest["bytes"]},
        "stages": results, "targets": report.targets(results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(STAGES_OF_SCALE), default="county")
    parser.add_argument("--counties", type=int, default=None, help="province: how many counties to measure")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--data", type=Path, default=None, help="generated data (reused when it matches)")
    parser.add_argument("--work", type=Path, default=None, help="workspace and outputs (emptied first)")
    parser.add_argument("--out", type=Path, default=None, help="folder for <scale>.md and <scale>.json")
    parser.add_argument("--stages", default=None, help="comma-separated subset of the stages")
    parser.add_argument("--daff-rows", type=int, default=None, help="give daff only the first N rows per version")
    args = parser.parse_args(argv)
    base = Path(tempfile.gettempdir()) / "matterkit-bench" / args.scale
    result = run(args.scale, data=args.data or base / "data", work=args.work or base / "work",
                 counties=args.counties, jobs=args.jobs,
                 stages=tuple(args.stages.split(",")) if args.stages else None, daff_rows=args.daff_rows,
                 log=lambda text: print(text, file=sys.stderr, flush=True))
    text = report.markdown(result)
    print(text)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / f"{args.scale}.md").write_text(text, encoding="utf-8")
        (args.out / f"{args.scale}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n",
                                                     encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
