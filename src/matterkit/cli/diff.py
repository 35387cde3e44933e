"""`matterkit diff`: compare the bodies and levels of a workspace, or two versions (OLD NEW).

Exit codes: 0 when no difference of a failing kind was found (`--fail-on`, default every kind; also
`diff.fail_on` in matterkit.yaml), 1 when at least one was, 2 for usage, configuration or I/O errors.
`--exit-zero` forces 0 for differences.
"""

from __future__ import annotations

from pathlib import Path

import typer

from matterkit.catalogue import load_catalogue
from matterkit.cli.common import (
    DebugOption,
    LangOption,
    WorkspaceOption,
    apply_common,
    emit_rich,
    emit_text,
    err_console,
    format_option,
    user_errors,
)
from matterkit.diff import DiffConfig, DiffReport, compare_levels, compare_versions, load_diff_config
from matterkit.diff.config import workspace_diff_config
from matterkit.diff.kinds import KIND_ORDER
from matterkit.diff.sources import load_source
from matterkit.errors import MatterkitError, WorkspaceError
from matterkit.i18n import register as register_messages
from matterkit.i18n import t
from matterkit.model import Matter
from matterkit.render.diff_html import render_html
from matterkit.render.diff_json import render_json
from matterkit.render.diff_text import render_text
from matterkit.render.diff_xlsx import write_xlsx
from matterkit.workspace import Workspace

FORMATS = ("text", "json", "xlsx", "html")

register_messages({
    "diff.cli.one_arg": {"zh": "版本比对写作 matterkit diff 旧 新；只写一个（旧）时与当前工作区比较，需要在工作区中运行",
                         "en": "a version diff is matterkit diff OLD NEW; with OLD alone it compares with the "
                               "current workspace, so run it inside one"},
    "diff.cli.too_many": {"zh": "最多两个参数：matterkit diff [旧 [新]]", "en": "at most two arguments: matterkit diff [OLD [NEW]]"},
    "diff.cli.xlsx_needs_output": {"zh": "xlsx 报告需要用 -o 指定输出文件", "en": "an xlsx report needs -o FILE"},
    "diff.cli.bad_kind": {"zh": "未知的差异类型：{kind}（可选：{kinds}）", "en": "unknown kind: {kind} (one of {kinds})"},
    "diff.cli.unreadable": {"zh": "警告：{label} 中有 {count} 个文件无法读取：{files}",
                            "en": "warning: {count} file(s) in {label} could not be read: {files}"},
    "diff.cli.written": {"zh": "比对报告已写入：{path}", "en": "report written to {path}"},
})


class DiffUsageError(MatterkitError):
    """A usage mistake on the diff command line (exit code 2, like every usage error)."""


def register(app: typer.Typer) -> None:
    app.command("diff", help="比对清单：不带参数时比对工作区内县、乡镇、村各主体的清单（要素不一致、缺少/多出事项、"
                             "重复与疑似重复）；带 旧 新 两个参数时比对两个版本（快照名称、工作区、文件或文件夹），"
                             "只带 旧 时与当前工作区比较。"
                             "有差异时退出码为 1。")(diff_command)


@user_errors
def diff_command(
    versions: list[str] = typer.Argument(None, metavar="[OLD [NEW]]",
                                         help="两个版本：快照名称、工作区目录、.sqlite 文件、表格文件或文件夹；"
                                              "只给旧版本时与当前工作区比较"),
    fmt: str = format_option(FORMATS),
    output: Path | None = typer.Option(None, "--output", "-o", help="把报告写入文件（xlsx 必须指定）",
                                       dir_okay=False),
    fail_on: str | None = typer.Option(None, "--fail-on",
                                       help="哪些差异类型使退出码为 1，逗号分隔（默认全部）：" + ",".join(KIND_ORDER)),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="有差异时也以 0 退出"),
    near: bool = typer.Option(True, "--near-duplicates/--no-near-duplicates", help="是否查找疑似重复的名称"),
    threshold: float | None = typer.Option(None, "--threshold", min=50, max=100,
                                           help="疑似重复的相似度阈值（0-100，默认 90）"),
    adjustments: bool = typer.Option(False, "--adjustments",
                                     help="输出权责清单调整表（新增、取消、变更、下放、承接、合并、拆分），需要 旧 [新] 两个版本"),
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    if fmt == "xlsx" and output is None:
        raise DiffUsageError(t("diff.cli.xlsx_needs_output", lang))
    versions = versions or []
    if len(versions) > 2:
        raise DiffUsageError(t("diff.cli.too_many", lang))
    if versions:
        ws = _optional_workspace(workspace)
        if len(versions) == 1:
            if ws is None:
                raise DiffUsageError(t("diff.cli.one_arg", lang))
            versions.append(str(ws.root))
        if adjustments:
            _adjustments(versions[0], versions[1], ws, fmt, output, lang, exit_zero)
            return
        config = _config(ws)
        report = _versions(versions[0], versions[1], ws, lang)
    else:
        if adjustments:
            raise DiffUsageError(t("diff.cli.one_arg", lang))
        ws = Workspace.open(workspace)
        config = _config(ws).with_overrides(near_threshold=threshold)
        if not near:
            config = config.with_overrides(near_enabled=False)
        report = compare_levels(ws.store.iter_matters(), _catalogue(ws), config)
    kinds = _fail_on(fail_on, config, lang)
    _emit(report, fmt, output, lang, kinds)
    if report.failing(kinds) and not exit_zero:
        raise typer.Exit(1)


def _optional_workspace(explicit: Path | None) -> Workspace | None:
    if explicit is not None:
        return Workspace.open(explicit)
    try:
        return Workspace.open()
    except WorkspaceError:
        return None


def _config(ws: Workspace | None) -> DiffConfig:
    if ws is None:
        return load_diff_config({})
    return workspace_diff_config(ws)


def _catalogue(ws: Workspace) -> list[Matter]:
    entries = list(ws.store.iter_catalogue())
    if entries:
        return entries
    for path in ws.catalogue_paths():
        entries.extend(load_catalogue(path, ws.registry, ws.code_tables))
    return entries


def _versions(old_arg: str, new_arg: str, ws: Workspace | None, lang: str) -> DiffReport:
    old = load_source(old_arg, workspace=ws, lang=lang)
    new = load_source(new_arg, workspace=ws, lang=lang)
    for source in (old, new):
        if source.unreadable:
            err_console().print(t("diff.cli.unreadable", lang, label=source.label, count=len(source.unreadable),
                                  files="、".join(source.unreadable)), markup=False, style="yellow")
    return compare_versions(old.matters, new.matters, old_label=old.label, new_label=new.label)


def _adjustments(old: str, new: str, ws: Workspace | None, fmt: str, output: Path | None, lang: str,
                 exit_zero: bool) -> None:
    from matterkit.cli.diff_adjustments import adjustment_table, emit_adjustments
    from matterkit.cli.lists import county_of

    table = adjustment_table(old, new, ws, lang)
    emit_adjustments(table, fmt, output, lang, county_of(ws))
    if table.adjustments and not exit_zero:
        raise typer.Exit(1)


def _fail_on(option: str | None, config: DiffConfig, lang: str) -> tuple[str, ...]:
    if option is None:
        return config.fail_on
    kinds = tuple(k.strip() for k in option.split(",") if k.strip())
    for kind in kinds:
        if kind not in KIND_ORDER:
            raise DiffUsageError(t("diff.cli.bad_kind", lang, kind=kind, kinds=",".join(KIND_ORDER)))
    return kinds


def _emit(report: DiffReport, fmt: str, output: Path | None, lang: str, kinds: tuple[str, ...]) -> None:
    if fmt == "json":
        emit_text(render_json(report, lang, kinds), output)
    elif fmt == "html":
        emit_text(render_html(report, lang, kinds), output)
    elif fmt == "xlsx":
        if output is None:  # checked above; kept for the type checker
            raise DiffUsageError(t("diff.cli.xlsx_needs_output", lang))
        write_xlsx(report, output, lang, kinds)
        err_console().print(t("diff.cli.written", lang, path=output), markup=False)
    else:
        emit_rich(lambda console: render_text(report, console, lang, kinds), output)
