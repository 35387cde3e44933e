"""Help screens in Chinese, with flags shown as flags (conventions.md, "Command line").

typer words its own parts of a help screen in English ("Show this message and exit.", "Options",
"[default: …]") and shows every flag with a `<bool>` type. The command classes here give the help option a
Chinese text and flags no type; `localise(app)` makes every command of the app use them and words typer's
fixed strings in Chinese. Nothing else of typer changes.
"""

from __future__ import annotations

from typing import Any

import typer
import typer.rich_utils as rich_utils
from typer.core import TyperCommand, TyperGroup

from matterkit.cli.usage_errors import install as install_usage_errors

HELP_TEXT = "显示本帮助信息并退出。"
FIXED_STRINGS = {
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEPRECATED_STRING": "（已弃用）",
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已中止。",
    "RICH_HELP": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
}


class _ChineseHelp:
    """The help option and the usage line worded in Chinese; flags (the help option among them) shown
    without a type."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def get_usage(self, ctx: Any) -> str:
        usage: str = super().get_usage(ctx)  # type: ignore[misc]
        return usage.replace("Usage: ", "用法：", 1)

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
        return params


class ChineseCommand(_ChineseHelp, TyperCommand):
    pass


class ChineseGroup(_ChineseHelp, TyperGroup):
    pass


def localise(app: typer.Typer) -> None:
    """Every command and group of `app` (and of the groups added to it) with the Chinese help classes, and
    usage errors worded in Chinese (usage_errors.py)."""
    for name, text in FIXED_STRINGS.items():
        setattr(rich_utils, name, text)
    install_usage_errors()
    _use_classes(app)


def _use_classes(app: typer.Typer) -> None:
    app.info.cls = ChineseGroup
    for command in app.registered_commands:
        command.cls = ChineseCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            group.cls = ChineseGroup
            _use_classes(group.typer_instance)
