"""Single large files against the bare reader: `python bench/run.py --scale files`.

Two files, generated once under the data folder (reused while `manifest.json` matches):

- `county-department-5000.xlsx`: one county department's implementation list of 5,000 rows in the example
  county's standard layout (every column, title and filler lines, notes row), rows made by the example
  county's row builder from the bundled catalogue's entries (names and codes varied, so they are unique);
- `legacy-40000.xls`: an undamaged Excel 97–2003 list of 40,000 rows and the 8 columns of a legacy county
  list (name, type, code, body, basis, two time limits, materials), written with xlwt.

The stages (each in a fresh process, so each peak memory is its own): the bare reader (python-calamine
reading every cell to Python values) and `import` of the 5,000-row file, three times each (the medians are
compared); the reader, `import` and `lint` of the 40,000-row file once each.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

MANIFEST_SCHEMA = "matterkit.bench-files/1"
MEDIUM = "county-department-5000.xlsx"
LEGACY = "legacy-40000.xls"
MEDIUM_ROWS, LEGACY_ROWS = 5_000, 40_000
REPEATS = 3
LEGACY_HEADERS = ("事项名称", "事项类型", "基本编码", "实施主体", "设定依据", "法定办结时限", "承诺办结时限", "申请材料")


def generate_files(out_dir: Path, *, seed: int = 2026, medium_rows: int = MEDIUM_ROWS,
                   legacy_rows: int = LEGACY_ROWS) -> dict[str, Any]:
    """Write (or reuse) the two files; the manifest."""
    wanted = {"schema": MANIFEST_SCHEMA, "seed": seed, "medium_rows": medium_rows, "legacy_rows": legacy_rows}
    manifest_path = out_dir / "manifest.json"
    if manifest_path.is_file():
        existing = json.loads(manifest_path.read_text(encoding="utf-8"))
        if {key: existing.get(key) for key in wanted} == wanted:
            return dict(existing)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    entries = _entries()
    _write_medium(out_dir / MEDIUM, entries, medium_rows, rng)
    _write_legacy(out_dir / LEGACY, entries, legacy_rows, rng)
    manifest = {**wanted, "files": {MEDIUM: medium_rows, LEGACY: legacy_rows},
                "bytes": {name: (out_dir / name).stat().st_size for name in (MEDIUM, LEGACY)}}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def _entries() -> list[Any]:
    from matterkit.catalogue import default_catalogue_path, load_catalogue
    from matterkit.codetables import default_code_tables
    from matterkit.elements import default_registry

    entries = load_catalogue(default_catalogue_path(), default_registry(), default_code_tables())
    return [entry for entry in entries if entry.base_code and entry.type and entry.department]


def _varied(entry: Any, number: int) -> Any:
    """Entry `number` of the file: a catalogue entry with a variant name and a unique basic code."""
    from bench.generate import variant_name

    return entry.model_copy(update={"name": variant_name(entry.name, number // 159 + 1),
                                    "base_code": f"98{number:06d}0000"})


def _write_medium(path: Path, entries: list[Any], count: int, rng: random.Random) -> None:
    from matterkit.codetables import default_code_tables
    from matterkit.example.county import Body, make_credit_code
    from matterkit.example.grid import build_grid
    from matterkit.example.layouts import TEMPLATES, columns_for
    from matterkit.example.rows import build_row
    from matterkit.example.writers import write_grid

    code_tables = default_code_tables()
    body = Body(name="青山县市场监督管理局", level="county", credit_code=make_credit_code(rng, "1", "1"),
                short="市场监督管理局", generic="市场监督管理局", phone="0799-6123456")
    rows = [build_row(body, _varied(entries[i % len(entries)], i), code_tables, location="青山县政务服务中心")
            for i in range(count)]
    layout = TEMPLATES[0]  # "standard": title, filler line, notes row, every column
    grid = build_grid(layout, columns_for(layout, "county", rng), rows, body)
    write_grid(path, grid, layout.format, layout.sheet_name, False)


def _write_legacy(path: Path, entries: list[Any], count: int, rng: random.Random) -> None:
    import xlwt

    from matterkit import atomic

    bodies = [f"青山县{name}" for name in ("市场监督管理局", "卫生健康委员会", "民政局", "人力资源和社会保障局",
                                          "自然资源局", "交通运输局", "教育体育局", "农业农村局")]
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for column, header in enumerate(LEGACY_HEADERS):
        sheet.write(0, column, header)
    for number in range(count):
        entry = _varied(entries[number % len(entries)], number)
        legal = entry.legal_limit if entry.legal_limit is not None else 20
        promised = entry.promised_limit if entry.promised_limit is not None else max(1, legal // 2)
        materials = "\n".join(f"{i}.{m.name}（{m.kind or '原件'}{m.copies or 1}份）"
                              for i, m in enumerate(entry.materials, 1)) or "1.申请书"
        values = (entry.name, entry.type, entry.base_code, rng.choice(bodies), entry.legal_basis or "",
                  f"{legal}个工作日", "当场办结" if promised == 0 else f"{promised}个工作日", materials)
        for column, value in enumerate(values):
            sheet.write(number + 1, column, value)
    target = path.with_suffix(".tmp.xls")
    book.save(str(target))
    atomic.write_bytes(path, target.read_bytes())
    target.unlink()


# ---- stages ----------------------------------------------------------------------------------------

def _read(path: Path) -> int:
    """The bare reader: python-calamine reading every cell of every sheet to Python values; rows read."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return sum(len(workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names)


def _import(path: Path, workspace: Path) -> tuple[int, int, float, float]:
    """`matterkit import FILE` into a fresh workspace with the bundled catalogue; (matters, failed files,
    wall and CPU seconds of the import alone). The file is read in a supervised worker process: its CPU
    time counts (the worker has ended when the import returns), as the parent's writing does."""
    import shutil

    from bench.stages import _cpu
    from matterkit.catalogue import default_catalogue_path
    from matterkit.importer import import_into_workspace
    from matterkit.workspace import Workspace

    if workspace.exists():
        shutil.rmtree(workspace)
    ws = Workspace.init(workspace)
    ws.load_catalogue(default_catalogue_path(), remember=True)
    started, before = time.perf_counter(), sum(_cpu())
    run = import_into_workspace(ws, [path])
    seconds, cpu = time.perf_counter() - started, sum(_cpu()) - before
    ws.store.close()
    totals = run.totals()
    return totals["matters"], totals["failed"], seconds, cpu


def _timed(fn: Any) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process, value) of one call. On a shared machine the CPU time
    depends much less on the neighbours than the wall time."""
    started, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return time.perf_counter() - started, time.process_time() - cpu, value


def medium_read(ctx: dict[str, Any]) -> dict[str, Any]:
    path = Path(ctx["data"]) / MEDIUM
    runs = [_timed(lambda: _read(path)) for _ in range(REPEATS)]
    return {"seconds": statistics.median(r[0] for r in runs), "cpu_s": statistics.median(r[1] for r in runs),
            "times": [r[0] for r in runs], "rows": runs[-1][2], "raw_rows": runs[-1][2]}


def medium_import(ctx: dict[str, Any]) -> dict[str, Any]:
    path, work = Path(ctx["data"]) / MEDIUM, Path(ctx["work"]) / "medium-workspace"
    runs = [_import(path, work) for _ in range(REPEATS)]
    return {"seconds": statistics.median(r[2] for r in runs), "cpu_s": statistics.median(r[3] for r in runs),
            "times": [r[2] for r in runs], "rows": runs[-1][0], "failed": runs[-1][1]}


def legacy_read(ctx: dict[str, Any]) -> dict[str, Any]:
    path = Path(ctx["data"]) / LEGACY
    seconds, cpu, rows = _timed(lambda: _read(path))
    return {"seconds": seconds, "cpu_s": cpu, "rows": rows}


def legacy_import(ctx: dict[str, Any]) -> dict[str, Any]:
    matters, failed, seconds, cpu = _import(Path(ctx["data"]) / LEGACY, Path(ctx["work"]) / "legacy-workspace")
    return {"seconds": seconds, "cpu_s": cpu, "rows": matters, "failed": failed}


def legacy_lint(ctx: dict[str, Any]) -> dict[str, Any]:
    """`matterkit lint` of the imported 40,000-row file (computes, stores and reports its findings)."""
    from matterkit.lint.run import LintOptions, lint_workspace
    from matterkit.workspace import Workspace

    ws = Workspace.open(Path(ctx["work"]) / "legacy-workspace")
    seconds, cpu, outcome = _timed(lambda: lint_workspace(ws, LintOptions()))
    return {"seconds": seconds, "cpu_s": cpu, "rows": outcome.result.matters,
            "findings": len(outcome.result.findings)}


STAGES = {"medium_read": medium_read, "medium_import": medium_import, "legacy_read": legacy_read,
          "legacy_import": legacy_import, "legacy_lint": legacy_lint}
