"""`matterkit snapshot save NAME` freezes the workspace's store; `matterkit snapshot list` shows the frozen ones."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

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
from matterkit.i18n import register as register_messages
from matterkit.i18n import t
from matterkit.snapshot import list_snapshots, save_snapshot

register_messages({
    "snapshot.saved": {"zh": "已保存快照“{name}”：{matters} 条事项（{path}）",
                       "en": "snapshot “{name}” saved: {matters} matters ({path})"},
    "snapshot.none": {"zh": "还没有快照；用 matterkit snapshot save 名称 保存一个",
                      "en": "no snapshots yet; save one with matterkit snapshot save NAME"},
    "snapshot.col.name": {"zh": "名称", "en": "Name"},
    "snapshot.col.created": {"zh": "保存时间（UTC）", "en": "Saved (UTC)"},
    "snapshot.col.matters": {"zh": "事项数", "en": "Matters"},
    "snapshot.col.size": {"zh": "大小（KB）", "en": "Size (KB)"},
})

snapshot_app = typer.Typer(help="工作区快照：保存当前清单的冻结副本，供 matterkit diff 旧 新 比对版本。",
                           no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(snapshot_app, name="snapshot")


@snapshot_app.command("save", help="把工作区当前的清单冻结为快照（保存在 .matterkit/snapshots/名称.sqlite）。")
@user_errors
def save_command(
    name: str = typer.Argument(..., help="快照名称，例如 2025 或 2026-发布版"),
    force: bool = typer.Option(False, "--force", help="同名快照已存在时覆盖它"),
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    ws = open_workspace(workspace)
    info = save_snapshot(ws.store.path, ws.root, name, force=force, lang=lang)
    err_console().print(t("snapshot.saved", lang, name=info.name, matters=info.matters, path=info.path),
                        markup=False)


@snapshot_app.command("list", help="列出工作区的快照。")
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
    snapshots = list_snapshots(ws.root)
    if fmt == "json":
        emit_json({"schema": "matterkit.snapshots/1", "snapshots": [
            {"name": s.name, "path": str(s.path), "created": s.created.isoformat(timespec="seconds"),
             "size": s.size, "matters": s.matters} for s in snapshots]}, output)
        return
    if not snapshots:
        emit_rich(lambda console: console.print(t("snapshot.none", lang), markup=False), output)
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("name", "created", "matters", "size"):
        table.add_column(t(f"snapshot.col.{column}", lang))
    for s in snapshots:
        table.add_row(s.name, s.created.strftime("%Y-%m-%d %H:%M"), str(s.matters), f"{s.size / 1024:.0f}")
    emit_rich(lambda console: console.print(table), output)
