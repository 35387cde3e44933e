"""The `matterkit` entry point.

Each sub-command lives in its own module under `matterkit.cli` and exposes `register(app)`; adding a
command means adding its module name to COMMAND_MODULES.
"""

from __future__ import annotations

import importlib

import typer

from matterkit import __version__

COMMAND_MODULES: list[str] = [
    "init",
    "import_cmd",
    "status",
    "elements",
    "export",
    "example",
    "demo",
    "diff",
    "snapshot",
    "lint",
    "rules",
    "publish",
    "stats",
    "lists",
    "bundle",
    "doctor",
]

app = typer.Typer(help="matterkit：政务服务事项清单工具（导入、检查、比对、发布）。", no_args_is_help=True,
                  add_completion=False, rich_markup_mode="rich")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"matterkit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本号并退出。"),
) -> None:
    """matterkit：政务服务事项清单工具。"""


_registered = False


def get_app() -> typer.Typer:
    """The app with every sub-command registered (once)."""
    global _registered
    if not _registered:
        for name in COMMAND_MODULES:
            importlib.import_module(f"matterkit.cli.{name}").register(app)
        from matterkit.cli.helptext import localise
        localise(app)
        _registered = True
    return app


def main() -> None:
    get_app()(prog_name="matterkit")
