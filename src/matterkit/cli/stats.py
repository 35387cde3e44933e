"""`matterkit stats`: the county's service figures (即办件, 最多跑一次, 零跑动, time-limit cut …)."""

from __future__ import annotations

from pathlib import Path

import typer

from matterkit.cli.common import (
    DebugOption,
    LangOption,
    OutputOption,
    WorkspaceOption,
    apply_common,
    emit_rich,
    emit_text,
    err_console,
    format_option,
    user_errors,
)
from matterkit.errors import MatterkitError, WorkspaceError
from matterkit.model import Matter
from matterkit.publish.config import CATEGORY_ORDER
from matterkit.publish.workspace_run import workspace_config
from matterkit.stats import Stats, compute_stats
from matterkit.workspace import Workspace

FORMATS = ("text", "json", "xlsx", "html")


def register(app: typer.Typer) -> None:
    app.command("stats", help="统计事项数（按层级、部门、类型）、即办件占比、最多跑一次和零跑动占比、"
                              "平均时限压缩率、平均材料数。")(stats_command)


@user_errors
def stats_command(
    paths: list[Path] = typer.Argument(None, help="直接统计的表格文件或文件夹（不给则统计工作区已导入的清单）",
                                       show_default=False),
    fmt: str = format_option(FORMATS),
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    if fmt == "xlsx" and output is None:
        raise MatterkitError("xlsx 报告需要用 -o 指定输出文件" if lang == "zh" else "an xlsx report needs -o FILE")
    matters, templates_dir = _matters(list(paths or []), workspace, lang)
    stats = compute_stats(matters, type_order=CATEGORY_ORDER)
    if not paths:  # the workspace's lists: with its 一件事 bundles
        from matterkit.bundles.workspace import workspace_bundle_figures
        stats.bundles = workspace_bundle_figures(Workspace.open(workspace).root, matters)
    _render(stats, fmt, output, lang, templates_dir)


def _matters(paths: list[Path], workspace: Path | None, lang: str) -> tuple[list[Matter], Path | None]:
    """The matters (the workspace's store, or files given directly) and the workspace's templates folder."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise MatterkitError(f"找不到文件或文件夹：{missing[0]}" if lang == "zh" else f"no such file or folder: {missing[0]}")
    if not paths:
        ws = Workspace.open(workspace)
        return list(ws.store.iter_matters()), workspace_config(ws).templates_dir
    templates_dir = None
    try:
        ws = Workspace.open(workspace)
        registry, code_tables = ws.registry, ws.code_tables
        templates_dir = workspace_config(ws).templates_dir
    except WorkspaceError:
        if workspace is not None:
            raise
        from matterkit.codetables import default_code_tables
        from matterkit.elements import default_registry
        registry, code_tables = default_registry(), default_code_tables()
    from matterkit.importer import read_paths

    run = read_paths(paths, registry=registry, code_tables=code_tables)
    for failed in run.failed:
        err_console().print(f"{failed.path}: {failed.error}", markup=False)
    return run.matters, templates_dir


def _render(stats: Stats, fmt: str, output: Path | None, lang: str, templates_dir: Path | None) -> None:
    if fmt == "json":
        from matterkit.render.stats_text import stats_json
        emit_text(stats_json(stats), output)
    elif fmt == "xlsx":
        from matterkit.render.stats_xlsx import write_stats_xlsx
        assert output is not None
        write_stats_xlsx(stats, output, lang)
    elif fmt == "html":
        from matterkit.render.stats_html import stats_html
        emit_text(stats_html(stats, lang, templates_dir=templates_dir), output)
    else:
        from matterkit.render.stats_text import render_stats_text
        emit_rich(lambda console: render_stats_text(stats, console, lang), output)

