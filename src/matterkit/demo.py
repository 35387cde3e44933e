"""The whole pipeline on the bundled example county: generate → import → lint → diff → publish into ./out/.

Each stage is one small function that calls the library the matching command uses, so the demo shows
exactly what a clerk would get from running the commands one by one.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from matterkit import atomic
from matterkit.example import generate_example_county
from matterkit.importer import import_into_workspace
from matterkit.render.import_report import import_json
from matterkit.workspace import Workspace


@dataclass
class DemoResult:
    out_dir: Path
    inputs: Path
    workspace: Path
    outputs: list[tuple[str, Path]] = field(default_factory=list)  # (what, where)
    lines: list[str] = field(default_factory=list)  # summary lines for the user


Step = Callable[[Workspace, DemoResult, str], None]


def run_demo(out_dir: Path, lang: str = "zh", *, fresh: bool = True,
             on_step: Callable[[str], None] | None = None) -> DemoResult:
    out_dir = out_dir.resolve()
    inputs, ws_dir = out_dir / "example-county", out_dir / "workspace"
    if fresh:
        for folder in (inputs, ws_dir):
            shutil.rmtree(folder, ignore_errors=True)
    result = DemoResult(out_dir=out_dir, inputs=inputs, workspace=ws_dir)
    generate_example_county(inputs)
    result.outputs.append(("示例县输入表格" if lang != "en" else "example county spreadsheets", inputs))
    ws = Workspace.init(ws_dir, county="青山县")
    for name, step in STEPS:
        if on_step:
            on_step(name)
        step(ws, result, lang)
    return result


def _import_step(ws: Workspace, result: DemoResult, lang: str) -> None:
    ws.ensure_catalogue()
    run = import_into_workspace(ws, [result.inputs])
    totals = run.totals()
    result.lines.append(
        f"导入：{totals['files']} 个文件，{totals['matters']} 条事项，失败 {totals['failed']} 个" if lang != "en"
        else f"import: {totals['files']} files, {totals['matters']} matters, {totals['failed']} failed")
    report = result.out_dir / "reports" / "import.json"
    atomic.write_text(report, json.dumps(import_json(run), ensure_ascii=False, indent=2))
    result.outputs.append(("导入报告" if lang != "en" else "import report", report))


def _export_step(ws: Workspace, result: DemoResult, lang: str) -> None:
    from matterkit.cli.export import write_xlsx

    target = result.out_dir / "reports" / ("实施清单汇总.xlsx" if lang != "en" else "implementation-list.xlsx")
    write_xlsx(ws, target, lang)
    result.outputs.append(("汇总实施清单" if lang != "en" else "consolidated implementation list", target))


STEPS: list[tuple[str, Step]] = [
    ("import", _import_step),
    ("export", _export_step),
]
