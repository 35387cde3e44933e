"""`matterkit lint [PATH...]`: check lists against rule packs and the standard catalogue."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from matterkit.cli.common import (
    DebugOption,
    LangOption,
    OutputOption,
    WorkspaceOption,
    apply_common,
    choice,
    emit_rich,
    emit_text,
    err_console,
    format_option,
    split_codes,
    user_errors,
)
from matterkit.errors import MatterkitError, WorkspaceError
from matterkit.i18n import t
from matterkit.lint.baseline import DEFAULT_BASELINE, write_baseline
from matterkit.lint.findings import SEVERITIES
from matterkit.lint.run import LintOptions, LintOutcome, lint_paths, lint_workspace
from matterkit.workspace import Workspace

FORMATS = ("text", "json", "jsonl", "xlsx", "html")


def register(app: typer.Typer) -> None:
    app.command("lint", help="按规则包和标准目录检查事项清单，指出每个问题所在的单元格和依据。")(lint_command)


@user_errors
def lint_command(
    paths: list[Path] = typer.Argument(None, help="直接检查的表格文件或文件夹（不给则检查工作区已导入的清单）",
                                       show_default=False),
    select: list[str] = typer.Option(None, "--select", help="只运行这些规则（编号或前缀，逗号分隔；ALL 为全部）"),
    ignore: list[str] = typer.Option(None, "--ignore", help="不运行这些规则（编号或前缀；更具体者优先，同样具体时忽略优先）"),
    fail_level: str | None = typer.Option(None, "--fail-level", callback=choice(SEVERITIES),
                                          help="达到该级别即以 1 退出：error（默认）| warning | info"),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="发现问题也以 0 退出"),
    baseline: Path | None = typer.Option(None, "--baseline", help="基线文件：其中已接受的问题不再报告", dir_okay=False),
    write_baseline_flag: bool = typer.Option(False, "--write-baseline", help="把当前全部问题写入基线文件后退出"),
    max_per_rule: int | None = typer.Option(None, "--max-per-rule", min=1, help="每条规则最多列出的问题数"),
    packs: list[str] = typer.Option(None, "--pack", help="使用这些规则包（名称或 .yaml 路径，可重复），代替配置中的 extends"),
    catalogue: Path | None = typer.Option(None, "--catalogue", help="标准目录文件（YAML 或表格；bundled 为随附示例目录）"),
    annotate: bool = typer.Option(False, "--annotate", help="写出标注了问题的表格副本（退回各部门），放在 -d 文件夹"),
    fix: bool = typer.Option(False, "--fix", help="写出自动更正后的表格副本并列出每处修改，放在 -d 文件夹"),
    out_dir: Path | None = typer.Option(None, "--out-dir", "-d", file_okay=False,
                                        help="--annotate、--fix 的输出文件夹（默认为工作区的 out/，无工作区时为 ./out）"),
    under: Path | None = typer.Option(None, "--under", help="只检查工作区中这个文件夹下已导入的清单（如全省工作区中的一个县）",
                                      file_okay=False),
    fmt: str = format_option(FORMATS, help="报告格式：text | json | jsonl | xlsx | html"),
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    if fmt == "xlsx" and output is None:
        raise MatterkitError("xlsx 报告需要用 -o 指定输出文件" if lang == "zh" else "--format xlsx needs -o FILE")
    options = LintOptions(select=split_codes(select), ignore=split_codes(ignore), fail_level=fail_level,
                          max_per_rule=max_per_rule, baseline=baseline, use_baseline=not write_baseline_flag,
                          catalogue=catalogue, packs=list(packs) if packs else None, lang=lang, under=under)
    paths = list(paths or [])
    missing = [p for p in [*paths, *([under] if under else [])] if not p.exists()]
    if missing:
        raise MatterkitError(f"找不到文件或文件夹：{missing[0]}" if lang == "zh" else f"no such file or folder: {missing[0]}")
    with _progress(fmt == "text" and sys.stderr.isatty() and bool(paths), lang) as advance:
        options.progress = advance
        outcome, root = _run(paths, options, workspace)
    for report in outcome.unreadable:
        err_console().print(f"{report.path}: {report.error}", markup=False)
    for report in outcome.suspect:
        err_console().print(t("lint.suspect", lang, path=report.path, reasons="；".join(report.warnings)),
                            markup=False, style="yellow")
    if write_baseline_flag:
        target = outcome.baseline or root / DEFAULT_BASELINE
        count = write_baseline(target, outcome.result.findings)
        err_console().print(t("lint.baseline_written", lang, path=target, count=count), markup=False)
        return
    _report(outcome, fmt, output, lang)
    folder = out_dir or root / "out"  # the workspace's out/, or ./out without a workspace
    if annotate:
        from matterkit.lint.annotate import annotate_sources
        for written in annotate_sources(outcome.result.findings, folder, lang=lang, base_dirs=[root],
                                        titles=outcome.result.titles):
            err_console().print(str(written), markup=False)
    if fix:
        from matterkit.lint.fix import fix_sources, render_changes
        changes = fix_sources(outcome.result.findings, folder, lang=lang, base_dirs=[root])
        err_console().print(render_changes(changes, lang), markup=False)
    if outcome.unreadable:
        raise typer.Exit(2)
    if not exit_zero and outcome.result.fails(outcome.fail_level):
        raise typer.Exit(1)


@contextlib.contextmanager
def _progress(enabled: bool, lang: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal while files are read; nothing when piped or for machine formats."""
    if not enabled:
        yield None
        return
    with Progress(TextColumn("读取表格" if lang == "zh" else "reading"), BarColumn(), MofNCompleteColumn(),
                  console=err_console(), transient=True) as bar:
        task = bar.add_task("read", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _run(paths: list[Path], options: LintOptions, workspace: Path | None) -> tuple[LintOutcome, Path]:
    try:
        ws = Workspace.open(workspace)
    except WorkspaceError:
        if workspace is not None or not paths:
            raise
        return lint_paths(paths, options), Path.cwd()
    return lint_workspace(ws, options, paths or None), ws.root


def _report(outcome: LintOutcome, fmt: str, output: Path | None, lang: str) -> None:
    result = outcome.result
    if fmt == "json":
        from matterkit.render.lint_json import lint_json
        emit_text(lint_json(result), output)
    elif fmt == "jsonl":
        from matterkit.render.lint_json import lint_jsonl
        emit_text(lint_jsonl(result), output)
    elif fmt == "xlsx":
        from matterkit.render.lint_xlsx import write_lint_xlsx
        assert output is not None
        write_lint_xlsx(result, output, lang)
    elif fmt == "html":
        from matterkit.render.lint_html import lint_html
        emit_text(lint_html(result, lang), output)
    else:
        from matterkit.render.lint_text import render_lint_text
        emit_rich(lambda console: render_lint_text(result, console, lang), output)
