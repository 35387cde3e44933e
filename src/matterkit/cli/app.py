"""The `matterkit` entry point. Sub-commands live in their own modules and register here."""

from __future__ import annotations

import typer

from matterkit import __version__

app = typer.Typer(help="matterkit：政务服务事项清单工具（导入、检查、比对、发布）", no_args_is_help=True,
                  add_completion=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"matterkit {__version__}")
        raise typer.Exit()


@app.callback()
def root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="显示版本号并退出")) -> None:
    """matterkit：政务服务事项清单工具。"""


def main() -> None:
    app()
