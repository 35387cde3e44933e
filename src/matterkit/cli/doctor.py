"""`matterkit doctor`: which optional parts this machine has (LibreOffice Writer and Calc, CJK fonts,
Chromium) and how to install the missing ones. Always exits 0: it reports, it does not judge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import Console
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
    "doctor.yes": {"zh": "可用", "en": "available"},
    "doctor.no": {"zh": "缺少", "en": "missing"},
    "doctor.line": {"zh": "{mark} {label}：", "en": "{mark} {label}: "},
    "doctor.state": {"zh": "{state}；{detail}", "en": "{state}; {detail}"},
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
    """One line per part, so that an install command can be copied whole."""
    console.print(t("doctor.title", lang, version=__version__), style="bold", markup=False)
    marks = {True: ("✓", "doctor.yes", "green"), False: ("✗", "doctor.no", "bold red"),
             None: ("?", "doctor.unknown", "yellow")}
    for component in components:
        mark, key, style = marks[component.available]
        detail = component.detail if component.available else t("doctor.install", lang, command=component.install)
        line = Text(t("doctor.line", lang, mark=mark, label=component.label(lang)), style=style)
        line.append(t("doctor.state", lang, state=t(key, lang), detail=detail) if detail else t(key, lang))
        console.print(line, soft_wrap=True)
