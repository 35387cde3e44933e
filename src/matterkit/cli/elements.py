"""`matterkit elements`: the canonical elements and the header wordings recognised for each."""

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
    emit_text,
    format_option,
    user_errors,
)
from matterkit.elements import ElementRegistry, default_registry
from matterkit.workspace import Workspace

KIND_LABELS = {"text": "文本", "code": "编码", "enum": "枚举（单选）", "enum_multi": "枚举（可多选）", "int": "整数",
               "days": "工作日数（0=当场办结）", "bool": "是/否", "materials": "材料清单", "fee_part": "收费项目的一部分",
               "date": "日期", "ignore": "识别但不保存"}


def register(app: typer.Typer) -> None:
    app.command("elements", help="列出事项要素及其可识别的表头写法（别名）。")(elements_command)


@user_errors
def elements_command(
    fmt: str = format_option(("text", "json", "markdown")),
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    registry = _registry(workspace)
    if fmt == "json":
        emit_json({"schema": "matterkit.elements/1", "elements": _rows(registry)}, output)
    elif fmt == "markdown":
        emit_text(elements_markdown(registry), output)
    else:
        emit_rich(lambda console: _render(registry, console, lang), output)


def _registry(workspace: Path | None) -> ElementRegistry:
    """The workspace's registry (with its aliases) when there is one, else the built-in one."""
    try:
        return Workspace.open(workspace).registry
    except Exception:  # noqa: BLE001 - outside a workspace the built-in table is what applies
        if workspace is not None:
            raise
        return default_registry()


def _rows(registry: ElementRegistry) -> list[dict[str, Any]]:
    return [{"key": s.key, "zh": s.zh, "en": s.en, "kind": s.kind, "table": s.table, "aliases": list(s.aliases)}
            for s in registry]


def _render(registry: ElementRegistry, console: Console, lang: str) -> None:
    table = Table(show_lines=False)
    for title in (("键", "要素", "类型", "可识别的表头写法") if lang != "en" else ("key", "element", "kind", "aliases")):
        table.add_column(title, overflow="fold")
    for spec in registry:
        table.add_row(spec.key, spec.label(lang), KIND_LABELS.get(spec.kind, spec.kind) if lang != "en" else spec.kind,
                      "、".join(spec.aliases))
    console.print(table)


def elements_markdown(registry: ElementRegistry | None = None) -> str:
    registry = registry or default_registry()
    lines = ["# 事项要素与表头别名（elements）", "",
             "由 `matterkit elements --format markdown` 生成，请勿手工编辑。表头在匹配前会去掉空格、括号里的说明、"
             "`*`/`★` 等标记并统一全角半角，因此“事项名称（全称）”“事 项 名 称”都能识别为“事项名称”。"
             "工作区可在 `matterkit.yaml` 的 `aliases:` 中补充写法。", "",
             "| 键 key | 要素 | English | 类型 | 可识别的表头写法 |", "|---|---|---|---|---|"]
    for spec in registry:
        aliases = "、".join(spec.aliases).replace("|", "\\|")
        lines.append(f"| `{spec.key}` | {spec.zh} | {spec.en} | {KIND_LABELS.get(spec.kind, spec.kind)} | {aliases} |")
    return "\n".join(lines) + "\n"
