"""`matterkit bundle list|show|check`: 一件事一次办 bundles defined in the workspace's `bundles/*.yaml`."""

from __future__ import annotations

from pathlib import Path

import typer

from matterkit.bundles.document import bundles_document
from matterkit.bundles.lint import bundle_rules, lint_bundles
from matterkit.bundles.loader import find_bundle, load_workspace_bundles
from matterkit.bundles.merge import chosen_situations, merge_bundle
from matterkit.bundles.workspace import merged_workspace_bundles
from matterkit.cli.common import (
    DebugOption,
    LangOption,
    OutputOption,
    WorkspaceOption,
    apply_common,
    emit_json,
    emit_rich,
    emit_text,
    format_option,
    open_workspace,
    split_codes,
    user_errors,
)
from matterkit.i18n import register as register_messages
from matterkit.i18n import t

register_messages({
    "bundle.none": {"zh": "工作区没有一件事定义（bundles/*.yaml）；示例见 matterkit 随附的 bundles/ 文件夹",
                    "en": "the workspace defines no bundles (bundles/*.yaml); see the examples shipped in bundles/"},
    "bundle.ok": {"zh": "一件事检查通过：{bundles} 个套餐，{matters} 个成员事项。",
                  "en": "Bundles all clear: {bundles} bundles, {matters} member matters."},
})

bundle_app = typer.Typer(help="一件事一次办：查看套餐的一套材料、办理流程、合计时限，检查套餐定义。", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(bundle_app, name="bundle")


@bundle_app.command("list", help="列出工作区 bundles/ 中定义的一件事套餐。")
@user_errors
def list_command(
    fmt: str = format_option(("text", "json")),
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    ws = open_workspace(workspace)
    merged = merged_workspace_bundles(ws.root, ws.store.iter_matters())
    if fmt == "json":
        emit_json(bundles_document(merged), output)
    elif not merged:
        emit_text(t("bundle.none", lang), output)
    else:
        from matterkit.render.bundle_text import render_bundle_list
        emit_rich(lambda console: render_bundle_list(merged, console, lang), output)


@bundle_app.command("show", help="显示一个套餐：成员事项、办理流程、一套材料（去重、内部流转免提交）、合计时限。")
@user_errors
def show_command(
    bundle: str = typer.Argument(..., help="套餐编码、名称或文件名（不含 .yaml）"),
    situations: list[str] = typer.Option(None, "--situation", "-s",
                                         help="申请人的情形（可重复）；给出时只列必办事项和这些情形的事项"),
    fmt: str = format_option(("text", "json")),
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    ws = open_workspace(workspace)
    chosen = find_bundle(load_workspace_bundles(ws.root), bundle)
    picked = chosen_situations(chosen, situations) if situations else None
    merged = merge_bundle(chosen, ws.store.iter_matters(), picked)
    if fmt == "json":
        emit_json(bundles_document([merged]), output)
    else:
        from matterkit.render.bundle_text import render_bundle
        emit_rich(lambda console: render_bundle(merged, console, lang), output)


@bundle_app.command("check", help="按规则包 bundles（BUN 规则）检查套餐定义，问题定位到定义文件的行。")
@user_errors
def check_command(
    select: list[str] = typer.Option(None, "--select", help="只运行这些规则（编号或前缀，逗号分隔）"),
    ignore: list[str] = typer.Option(None, "--ignore", help="不运行这些规则（编号或前缀）"),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="发现问题也以 0 退出"),
    fmt: str = format_option(("text", "json")),
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    ws = open_workspace(workspace)
    bundles = load_workspace_bundles(ws.root)
    rules = bundle_rules(base_dir=ws.root, select=split_codes(select), ignore=split_codes(ignore))
    result = lint_bundles(bundles, ws.store.iter_matters(), rules, lang)
    if fmt == "json":
        from matterkit.render.lint_json import lint_json
        emit_text(lint_json(result), output)
    elif not result.findings:
        emit_text(t("bundle.ok", lang, bundles=len(bundles), matters=result.matters), output)
    else:
        from matterkit.render.lint_text import render_lint_text
        emit_rich(lambda console: render_lint_text(result, console, lang), output)
    if not exit_zero and result.fails("error"):
        raise typer.Exit(1)
