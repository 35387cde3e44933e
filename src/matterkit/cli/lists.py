"""`matterkit lists`: the derived special lists (即办件清单, 收费清单 …) with their counts; `-d DIR` writes
each (or the one named by `--list`) as a print-ready workbook."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import typer

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
    user_errors,
)
from matterkit.derived import ListDefinition, derive_all, find_definition, load_definitions
from matterkit.elements import ElementRegistry
from matterkit.errors import MatterkitError, WorkspaceError
from matterkit.i18n import register as register_messages
from matterkit.i18n import t
from matterkit.model import Matter
from matterkit.provenance import Provenance, matters_digest
from matterkit.render.derived_lists import list_file_name, lists_document, render_lists_text, write_list_xlsx
from matterkit.workspace import Workspace

register_messages({
    "lists.unknown": {"zh": "没有名为“{name}”的专项清单（可选：{names}）",
                      "en": "no derived list called “{name}” (one of: {names})"},
    "lists.written": {"zh": "已写入 {count} 份专项清单：{path}", "en": "{count} derived list(s) written to {path}"},
})


def register(app: typer.Typer) -> None:
    app.command("lists", help="专项清单（即办件、全程网办、最多跑一次、零跑动、跨域通办、收费、证明事项、告知承诺制、"
                              "容缺受理、中介服务）：列出各清单及事项数；-d 写出可直接打印的 xlsx。")(lists_command)


@user_errors
def lists_command(
    source: str | None = typer.Argument(None, metavar="[SOURCE]",
                                        help="从哪里取事项：快照名称、工作区目录、.sqlite 文件、表格文件或文件夹（默认当前工作区）"),
    only: str | None = typer.Option(None, "--list", "-l", help="只处理这一份清单（键或名称，如 instant 或 即办件清单）"),
    out_dir: Path | None = typer.Option(None, "--out-dir", "-d", help="把清单写成 xlsx 放到这个文件夹", file_okay=False),
    unit: str | None = typer.Option(None, "--unit", help="填报单位（默认 matterkit.yaml 中的 county）"),
    fmt: str = format_option(("text", "json")),
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    ws = _optional_workspace(workspace, required=source is None)
    definitions = _chosen(load_definitions(ws.root if ws else None), only, lang)
    matters, provenance = load_matters(source, ws, lang)
    lists = derive_all(definitions, matters)
    registry = ws.registry if ws else _default_registry()
    if out_dir is not None:
        for derived in lists:
            write_list_xlsx(derived, out_dir / list_file_name(derived, ".xlsx"), registry=registry,
                            unit=unit if unit is not None else county_of(ws), provenance=provenance, lang=lang)
        err_console().print(t("lists.written", lang, count=len(lists), path=out_dir), markup=False)
    if fmt == "json":
        emit_json(lists_document(lists, provenance, registry, lang), output)
    elif out_dir is None or output is not None:
        emit_rich(lambda console: render_lists_text(lists, provenance, console, lang), output)


def _optional_workspace(explicit: Path | None, *, required: bool) -> Workspace | None:
    try:
        return Workspace.open(explicit)
    except WorkspaceError:
        if required or explicit is not None:
            raise
        return None


def _default_registry() -> ElementRegistry:
    from matterkit.elements import default_registry

    return default_registry()


def _chosen(definitions: list[ListDefinition], only: str | None, lang: str) -> list[ListDefinition]:
    if only is None:
        return definitions
    found = find_definition(definitions, only)
    if found is None:
        raise MatterkitError(t("lists.unknown", lang, name=only, names="、".join(d.key for d in definitions)))
    return [found]


def county_of(ws: Workspace | None) -> str:
    county = ws.config.get("county") if ws is not None and ws.config else None
    return str(county) if county else ""


def load_matters(source: str | None, ws: Workspace | None, lang: str) -> tuple[list[Matter], Provenance]:
    """The matters of SOURCE (or the workspace's store) and their provenance, dated now."""
    now = datetime.now(UTC).replace(microsecond=0)
    if source is None:
        assert ws is not None
        matters = list(ws.store.iter_matters())
        return matters, Provenance(str(ws.root), "workspace", matters_digest(matters), now)
    from matterkit.diff.sources import load_source

    loaded = load_source(source, workspace=ws, lang=lang)
    return loaded.matters, Provenance(loaded.label, loaded.kind, matters_digest(loaded.matters), now)

