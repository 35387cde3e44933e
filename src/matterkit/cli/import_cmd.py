"""`matterkit import PATH...`: read departments' spreadsheets into the workspace."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from matterkit.cli.common import (
    DebugOption,
    LangOption,
    OutputOption,
    WorkspaceOption,
    apply_common,
    emit_json,
    emit_rich,
    err_console,
    format_option,
    open_workspace,
    user_errors,
)
from matterkit.errors import MatterkitError
from matterkit.importer import ImportRun, expand_paths, import_into_workspace, normalise_level
from matterkit.listkinds import KINDS, normalise_kind
from matterkit.render.import_report import import_json, render_import_text

if TYPE_CHECKING:
    from rich.console import Console

    from matterkit.lint.run import LintOutcome
    from matterkit.workspace import Workspace


def register(app: typer.Typer) -> None:
    app.command("import", help="导入各部门、乡镇、村（社区）报送的事项清单表格（xlsx/xls/et/ods/csv，可给文件夹）。")(import_command)


@user_errors
def import_command(
    paths: list[Path] = typer.Argument(None, help="表格文件或文件夹（递归查找）", show_default=False),
    level: str | None = typer.Option(None, "--level", help="清单层级：county|township|village（或 县级/乡镇级/村级）"),
    body: str | None = typer.Option(None, "--body", help="实施主体名称（表中没有“实施主体”列时使用）"),
    kind: str | None = typer.Option(None, "--kind", help="清单类型：directory 事项目录 | catalogue 基本目录 | "
                                    "implementation 实施清单 | guide 办事指南 | power_list 权责清单 | "
                                    "assisted 帮办代办清单（默认按列识别）"),
    catalog: Path | None = typer.Option(None, "--catalog", help="同时导入标准目录（省级基本目录表格或 catalog/ 下的 YAML）"),
    force: bool = typer.Option(False, "--force", help="内容和导入设置均未变化的文件也重新导入"),
    strict: bool = typer.Option(False, "--strict", help="读取结果可疑（可能已损坏）的文件不导入，按失败处理"),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="并行读取的进程数（默认等于 CPU 核数）"),
    fmt: str = format_option(("text", "json")),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="列出每个文件每个工作表的识别情况"),
    lint: bool = typer.Option(False, "--lint", help="导入后接着检查工作区（与 matterkit lint 相同；有错误级问题时以 1 退出）"),
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    try:
        list_level = normalise_level(level)
    except ValueError:
        raise typer.BadParameter("应为 county|township|village 或 县级/乡镇级/村级", param_hint="--level") from None
    try:
        list_kind = normalise_kind(kind) if kind else None
    except ValueError:
        raise typer.BadParameter("应为 " + " | ".join(KINDS), param_hint="--kind") from None
    paths = list(paths or [])
    if not paths and catalog is None:
        raise typer.BadParameter("请给出要导入的文件或文件夹（或用 --catalog 载入标准目录）", param_hint="PATHS")
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        err_console().print(f"找不到文件或文件夹：{path}" if lang == "zh" else f"no such file or folder: {path}",
                            markup=False)
    ws = open_workspace(workspace)
    if catalog is not None:
        loaded = ws.load_catalogue(catalog, remember=True)
        err_console().print(f"已载入标准目录 {catalog}：{loaded} 条" if lang == "zh"
                            else f"catalogue {catalog} loaded: {loaded} entries", markup=False)
        if not paths:
            return
    else:
        ws.ensure_catalogue()
    existing = [p for p in paths if p.exists()]
    total = sum(1 for _ in expand_paths(existing))
    show_progress = fmt == "text" and sys.stderr.isatty() and total > 1
    with _progress(show_progress, total) as advance:
        run = import_into_workspace(ws, existing, list_level=list_level, body=body, force=force, workers=jobs,
                                    progress=advance, kind=list_kind, strict=strict)
    linted = _lint_stage(ws, lang) if lint and run.files else None
    if fmt == "json":
        document = import_json(run)
        if linted is not None:
            from matterkit.render.lint_json import lint_document
            document["lint"] = lint_document(linted.result)
        emit_json(document, output)
    else:
        emit_rich(lambda console: _render_text(run, linted, console, lang, verbose), output)
    if run.failed or missing:
        raise typer.Exit(1)
    if not run.files:
        raise MatterkitError("没有找到可导入的表格文件（.xlsx .xlsm .xls .et .ods .csv）")
    if linted is not None and linted.result.fails(linted.fail_level):
        raise typer.Exit(1)


def _lint_stage(ws: Workspace, lang: str) -> LintOutcome:
    """`import --lint`: lint as its own stage once the files are stored, reading the store (import itself
    never lints: lint computes and keeps each file's results the first time it sees the file)."""
    from matterkit.lint.run import LintOptions, lint_workspace

    return lint_workspace(ws, LintOptions(lang=lang))


def _render_text(run: ImportRun, linted: LintOutcome | None, console: Console, lang: str, verbose: bool) -> None:
    render_import_text(run, console, lang, verbose=verbose)
    if linted is not None:
        from matterkit.render.lint_text import render_lint_text
        console.print()
        render_lint_text(linted.result, console, lang)


class _progress:
    """A rich progress bar on a terminal; nothing when output is not a terminal or is JSON."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total = enabled, total
        self.bar: Progress | None = None

    def __enter__(self):
        if not self.enabled:
            return None
        self.bar = Progress(TextColumn("导入"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=err_console(), transient=True)
        self.bar.start()
        task = self.bar.add_task("import", total=self.total)
        return lambda _report: self.bar.advance(task) if self.bar else None

    def __exit__(self, *_: object) -> None:
        if self.bar is not None:
            self.bar.stop()
