"""`matterkit status`: what the workspace holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from matterkit.cli.common import (
    DebugOption,
    LangOption,
    OutputOption,
    WorkspaceOption,
    apply_common,
    emit_json,
    emit_rich,
    format_option,
    open_workspace,
    user_errors,
)
from matterkit.model import LIST_LEVEL_LABELS


def register(app: typer.Typer) -> None:
    app.command("status", help="查看工作区概况：已导入的文件、各层级事项数、导入失败的文件。")(status_command)


@user_errors
def status_command(
    fmt: str = format_option(("text", "json")),
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    ws = open_workspace(workspace)
    files = ws.store.files()
    summary = ws.store.summary()
    document: dict[str, Any] = {
        "schema": "matterkit.status/1", "workspace": str(ws.root), "county": ws.config.get("county"),
        "catalogue": {"source": (ws.store.catalogue_source() or "").split("#")[0] or None,
                      "matters": summary["catalogue"]},
        "files": {"total": len(files), "ok": sum(f.status == "ok" for f in files),
                  "failed": [{"path": f.given_path, "error": f.error} for f in files if f.error],
                  "suspect": [{"path": f.given_path, "warnings": f.report.get("warnings", [])}
                              for f in files if f.status == "ok" and f.report.get("suspect")]},
        "matters": summary["matters"], "per_level": summary["per_level"],
        "bodies_per_level": summary["bodies_per_level"],
    }
    if fmt == "json":
        emit_json(document, output)
    else:
        emit_rich(lambda console: _render(document, console, lang), output)


def _render(doc: dict[str, Any], console: Console, lang: str) -> None:
    zh = lang != "en"
    console.print(f"{'工作区' if zh else 'Workspace'}：{doc['workspace']}  {doc['county'] or ''}", markup=False)
    cat = doc["catalogue"]
    console.print(f"{'标准目录' if zh else 'Catalogue'}：{cat['source'] or '—'}（{cat['matters']}）", markup=False)
    table = Table(show_header=True)
    table.add_column("层级" if zh else "Level")
    table.add_column("清单数" if zh else "Lists", justify="right")
    table.add_column("事项数" if zh else "Matters", justify="right")
    for level, count in doc["per_level"].items():
        label = LIST_LEVEL_LABELS.get(level, {}).get("zh" if zh else "en", "未知" if zh else "unknown")
        table.add_row(label, str(doc["bodies_per_level"].get(level, "")), str(count))
    console.print(table)
    files = doc["files"]
    console.print(f"{'文件' if zh else 'Files'}：{files['total']}，{'成功' if zh else 'ok'} {files['ok']}，"
                  f"{'事项' if zh else 'matters'} {doc['matters']}", markup=False)
    for failed in files["failed"]:
        console.print(f"  ✗ {failed['path']}：{failed['error']}", style="red", markup=False)
    for suspect in files["suspect"]:
        console.print(f"  ⚠ {suspect['path']}：{'；'.join(suspect['warnings'])}", style="yellow", markup=False)
