"""`matterkit export`: the consolidated implementation list as JSON, JSON Lines or xlsx."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import typer

from matterkit import atomic
from matterkit.cli.common import (
    DebugOption,
    LangOption,
    WorkspaceOption,
    apply_common,
    choice,
    err_console,
    format_option,
    open_workspace,
    user_errors,
)
from matterkit.errors import MatterkitError
from matterkit.export import MATTERS_SCHEMA, matter_record, write_matters_xlsx
from matterkit.workspace import Workspace


def register(app: typer.Typer) -> None:
    app.command("export", help="导出汇总后的实施清单（json / jsonl / xlsx，xlsx 按层级分工作表）。")(export_command)


@user_errors
def export_command(
    fmt: str = format_option(("json", "jsonl", "xlsx"), "json", "导出格式：json | jsonl | xlsx"),
    output: Path | None = typer.Option(None, "--output", "-o", help="输出文件（xlsx 必须指定；json 默认输出到屏幕）"),
    level: str | None = typer.Option(None, "--level", help="只导出某一层级：county|township|village"),
    schema: str = typer.Option("matterkit", "--schema", callback=choice(("matterkit", "national")),
                               help="字段名称与代码：matterkit（默认）| national（国家政务服务平台交换字段）"),
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    ws = open_workspace(workspace)
    store = ws.store
    if schema == "national":
        export_national(ws, fmt, output, level, lang)
        return
    if fmt == "xlsx":
        if output is None:
            raise MatterkitError("导出 xlsx 需要用 -o 指定输出文件" if lang == "zh" else "xlsx export needs -o FILE")
        write_matters_xlsx(ws, output, lang, level)
        err_console().print(f"已导出 {store.count_matters(level)} 条事项：{output}", markup=False)
        return
    lines = _json_lines(store.iter_matters(level)) if fmt == "jsonl" else _json_document(store.iter_matters(level))
    if output is None:
        for chunk in lines:
            sys.stdout.write(chunk)
    else:
        with atomic.atomic_open(output) as handle:
            for chunk in lines:
                handle.write(chunk)


def export_national(ws: Workspace, fmt: str, output: Path | None, level: str | None, lang: str) -> None:
    """The matters in the national exchange field names and codes (catalog/national-exchange.yaml)."""
    from matterkit.exchange.national import load_national_schema, national_path
    from matterkit.exchange.national_write import json_chunks, write_xlsx

    national = load_national_schema(national_path(), ws.code_tables)
    if fmt == "xlsx":
        if output is None:
            raise MatterkitError("导出 xlsx 需要用 -o 指定输出文件" if lang == "zh" else "xlsx export needs -o FILE")
        count = write_xlsx(ws.store.iter_matters(level), national, output)
        err_console().print(f"已导出 {count} 条事项（国家交换字段）：{output}", markup=False)
        return
    if fmt == "jsonl":
        raise MatterkitError("国家交换格式只有 json 和 xlsx" if lang == "zh" else "national: json or xlsx")
    chunks = json_chunks(ws.store.iter_matters(level), national)
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    with atomic.atomic_open(output) as handle:
        for chunk in chunks:
            handle.write(chunk)


def _json_lines(matters: Iterator) -> Iterator[str]:
    for matter in matters:
        yield json.dumps(matter_record(matter), ensure_ascii=False) + "\n"


def _json_document(matters: Iterator) -> Iterator[str]:
    """Streamed, so a province-sized export never sits in memory whole."""
    yield '{"schema": ' + json.dumps(MATTERS_SCHEMA) + ', "matters": ['
    for index, matter in enumerate(matters):
        yield ("\n" if index == 0 else ",\n") + json.dumps(matter_record(matter), ensure_ascii=False)
    yield "\n]}\n"
