"""What every sub-command shares: common options, the error edge, and where reports go."""

from __future__ import annotations

import errno
import functools
import io
import json
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape as rich_escape

from matterkit import atomic
from matterkit.errors import MatterkitError
from matterkit.i18n import register, resolve_lang, set_lang, t
from matterkit.workspace import Workspace

register({
    "cli.workspace_busy": {"zh": "错误：工作区正被另一个 matterkit 命令使用，等待超时；请等它结束后重试",
                           "en": "error: the workspace is busy with another matterkit command; try again when it ends"},
})

F = TypeVar("F", bound=Callable[..., Any])

# click's usage-error base class. Recent typer vendors click (typer._click) instead of depending on it, so
# the class is found through typer's own BadParameter rather than imported from a `click` package.
USAGE_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")

STATE: dict[str, Any] = {"debug": False}

WorkspaceOption = typer.Option(None, "--workspace", "-w", help="工作区目录（默认从当前目录向上查找 matterkit.yaml）",
                               file_okay=False)
LangOption = typer.Option(None, "--lang", help="消息与报告语言：zh（默认）或 en；也可设环境变量 MATTERKIT_LANG")
DebugOption = typer.Option(False, "--debug", help="出错时显示 Python 调用栈（供开发人员排查）")
OutputOption = typer.Option(None, "--output", "-o", help="把报告写入文件（默认输出到屏幕）", dir_okay=False)


def err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def out_console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def apply_common(lang: str | None, debug: bool) -> str:
    """Set language and debug mode for this run; returns the language in force."""
    if lang and lang.lower() not in {"zh", "en"}:
        raise typer.BadParameter("--lang 只能是 zh 或 en", param_hint="--lang")
    set_lang(lang.lower() if lang else None)
    STATE["debug"] = debug
    return resolve_lang(None)


def open_workspace(path: Path | None) -> Workspace:
    return Workspace.open(path)


def user_errors(func: F) -> F:
    """Turn the project's own errors into one message and exit code 2; anything else is a bug."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit, USAGE_ERROR):
            raise  # usage errors (typer.BadParameter …) are reported by click with exit code 2
        except MatterkitError as exc:
            if STATE["debug"]:
                traceback.print_exc()
            text = rich_escape(str(exc))  # "[rules.0.severity]" in a message is text, not rich markup
            err_console().print(f"[bold red]错误[/]：{text}" if resolve_lang() == "zh" else f"[bold red]error[/]: {text}",
                                markup=True, highlight=False)
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:  # disk full, permission denied, a folder in the way: an I/O error (exit 2)
            if STATE["debug"]:
                traceback.print_exc()
            err_console().print(_io_message(exc), markup=False, highlight=False)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            err_console().print("已中断 / interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if STATE["debug"]:
                traceback.print_exc()
            if _workspace_busy(exc):
                err_console().print(t("cli.workspace_busy"), markup=False, highlight=False)
                raise typer.Exit(2) from None
            message = ("matterkit 内部错误：{}（加 --debug 查看详情，并请报告此问题）" if resolve_lang() == "zh"
                       else "matterkit internal error: {} (run with --debug for details and please report it)")
            err_console().print(message.format(f"{type(exc).__name__}: {exc}"), markup=False)
            raise typer.Exit(3) from None

    return wrapper  # type: ignore[return-value]


def _workspace_busy(exc: Exception) -> bool:
    """SQLite gave up waiting for another matterkit run's write lock (after store.BUSY_TIMEOUT_SECONDS)."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def _io_message(exc: OSError) -> str:
    """One line naming what failed and why; a full disk is said in plain words."""
    where = f"：{exc.filename}" if exc.filename else ""
    if resolve_lang() == "en":
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        return f"error: cannot read or write{where.replace('：', ': ')} ({reason})"
    reason = "磁盘空间不足" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
    return f"错误：读写文件失败{where}（{reason}）；之前的输出文件保持不变"


def emit_text(text: str, output: Path | None) -> None:
    """A finished report: to the file given with -o (atomically), else to standard output."""
    if output is not None:
        atomic.write_text(output, text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def emit_rich(render: Callable[[Console], None], output: Path | None, *, width: int = 120) -> None:
    """Render a rich report to the terminal, or as plain text into the file given with -o."""
    if output is None:
        render(out_console())
        return
    console = Console(record=True, file=io.StringIO(), width=width, highlight=False)
    render(console)
    emit_text(console.export_text(), output)


def emit_json(document: dict[str, Any], output: Path | None) -> None:
    emit_text(json.dumps(document, ensure_ascii=False, indent=2, default=str), output)


def split_codes(values: list[str] | None) -> list[str] | None:
    """Rule codes of a repeatable option: `--select A,B --select C` -> [A, B, C]; None when not given."""
    if not values:
        return None
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


def choice(allowed: tuple[str, ...]) -> Callable[[str | None], str | None]:
    """An option callback: a value outside `allowed` is a usage error (exit 2), reported by click at
    parse time, before any work is done."""
    def check(value: str | None) -> str | None:
        if value is not None and value not in allowed:
            raise typer.BadParameter(f"可选值 / one of: {' | '.join(allowed)}")
        return value
    return check


def format_option(allowed: tuple[str, ...], default: str = "text", help: str | None = None) -> Any:
    """The `--format/-f` option of a command that reports in the formats `allowed`."""
    return typer.Option(default, "--format", "-f", callback=choice(allowed),
                        help=help or f"报告格式：{' | '.join(allowed)}")
