"""`matterkit demo`: run the whole pipeline on the bundled example county."""

from __future__ import annotations

from pathlib import Path

import typer

from matterkit.cli.common import DebugOption, LangOption, apply_common, err_console, out_console, user_errors
from matterkit.demo import run_demo

STEP_LABELS = {"import": "导入", "export": "导出", "lint": "检查", "annotate": "批注", "diff": "比对",
               "publish": "发布", "stats": "统计", "bundles": "一件事"}


def register(app: typer.Typer) -> None:
    app.command("demo", help="用随附的示例县数据演示全流程（导入 → 检查 → 比对 → 发布），结果写入 ./out/。")(demo_command)


@user_errors
def demo_command(
    out_dir: Path = typer.Option(Path("out"), "--out-dir", "-d", help="输出文件夹（默认 ./out）", file_okay=False),
    out: Path | None = typer.Option(None, "--out", hidden=True, file_okay=False),  # the old name, kept working
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    out = out or out_dir
    err = err_console()
    result = run_demo(out, lang, on_step=lambda name: err.print(
        f"… {STEP_LABELS.get(name, name) if lang != 'en' else name}", markup=False))
    console = out_console()
    for line in result.lines:
        console.print(line, markup=False)
    console.print("输出：" if lang != "en" else "Outputs:", style="bold")
    for what, where in result.outputs:
        console.print(f"  {what}: {where}", markup=False)
