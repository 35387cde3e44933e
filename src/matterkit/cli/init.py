"""`matterkit init [DIR]`: create a workspace (commented matterkit.yaml and the embedded store)."""

from __future__ import annotations

from pathlib import Path

import typer

from matterkit.cli.common import DebugOption, LangOption, apply_common, out_console, user_errors
from matterkit.workspace import CONFIG_NAME, Workspace


def register(app: typer.Typer) -> None:
    app.command("init", help="新建工作区：生成带注释的 matterkit.yaml 和内嵌数据库。")(init_command)


@user_errors
def init_command(
    directory: Path = typer.Argument(Path("."), help="工作区目录（默认当前目录）", file_okay=False),
    county: str | None = typer.Option(None, "--county", help="县名，例如 青山县"),
    area_code: str | None = typer.Option(None, "--area-code", help="行政区划代码（6 位）"),
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    existed = (directory / CONFIG_NAME).exists()
    ws = Workspace.init(directory, county=county, area_code=area_code)
    console = out_console()
    if lang == "en":
        verb = "kept existing" if existed else "created"
        console.print(f"{verb} workspace {ws.root} ({CONFIG_NAME}, store {ws.store.path.relative_to(ws.root)})",
                      markup=False)
        console.print("next: matterkit import <files or folders>", markup=False)
    else:
        verb = "已存在，保留原配置" if existed else "已创建"
        console.print(f"工作区{verb}：{ws.root}（配置 {CONFIG_NAME}，数据库 {ws.store.path.relative_to(ws.root)}）",
                      markup=False)
        console.print("下一步：matterkit import <表格文件或文件夹>", markup=False)
