"""`matterkit doctor`: which optional parts this machine has (LibreOffice Writer and Calc, CJK fonts,
Chromium) and how to install the missing ones. Always exits 0: it reports, it does not judge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from matterkit import __version__
from matterkit.cli.common import (
    DebugOption,
    LangOption,
    OutputOption,
    apply_common,
    emit_json,
    emit_rich,
    format_option,
    user_errors,
)
from matterkit.doctor import Component, check_components
from matterkit.i18n import register as register_messages
from matterkit.i18n import t

register_messages({
    "doctor.title": {"zh": "matterkit {version} 可选组件", "en": "matterkit {version}: optional parts"},
    "doctor.col.part": {"zh": "组件", "en": "Part"},
    "doctor.col.state": {"zh": "状态", "en": "State"},
    "doctor.col.detail": {"zh": "说明", "en": "Detail"},
    "doctor.yes": {"zh": "可用", "en": "available"},
    "doctor.no": {"zh": "缺少", "en": "missing"},
    "doctor.install": {"zh": "安装：{command}", "en": "install: {command}"},
})


def register(app: typer.Typer) -> None:
    app.command("doctor", help="检查本机的可选组件：LibreOffice（Writer、Calc）、中文字体、Chromium，并说明如何安装缺少的组件。"
                )(doctor_command)


@user_errors
def doctor_command(
    fmt: str = format_option(("text", "json")),
    output: Path | None = OutputOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    components = check_components()
    if fmt == "json":
        emit_json(_document(components, lang), output)
    else:
        emit_rich(lambda console: _render(components, console, lang), output)


def _document(components: list[Component], lang: str) -> dict[str, Any]:
    return {"schema": "matterkit.doctor/1", "version": __version__,
            "components": [{"key": c.key, "label": c.label(lang), "available": c.available, "detail": c.detail,
                            "install": c.install} for c in components]}


def _render(components: list[Component], console: Console, lang: str) -> None:
    table = Table(title=t("doctor.title", lang, version=__version__), title_justify="left")
    for key in ("part", "state", "detail"):
        table.add_column(t(f"doctor.col.{key}", lang), overflow="fold")
    for component in components:
        state = {True: ("doctor.yes", "green"), False: ("doctor.no", "bold red"), None: ("doctor.unknown", "yellow")}
        key, style = state[component.available]
        detail = component.detail if component.available else t("doctor.install", lang, command=component.install)
        table.add_row(Text(component.label(lang)), Text(t(key, lang), style=style), Text(detail))
    console.print(table)
