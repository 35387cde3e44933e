"""A wrong command line explained in Chinese (conventions.md: messages in Chinese by default).

typer (its own copy of click) words its usage errors in English with f-strings — "No such option: --fromat",
"Missing argument 'PATHS...'.", "Invalid value for '--jobs' / '-j': …" — so no message catalogue can reach
them. `chinese_usage_error` rewrites the few shapes a user meets, part by part; anything else passes unchanged,
and with `--lang en` nothing is rewritten. `install()` puts it in front of typer's error panel.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import typer.rich_utils as rich_utils

from matterkit.i18n import resolve_lang

_KINDS = {"argument": "参数", "option": "选项", "parameter": "参数"}
_LABELS = {"File": "文件", "Directory": "文件夹", "Path": "路径"}
_RELATIONS: dict[str, str] = {"greater than or equal to": "不小于", "greater than": "大于",
                              "less than or equal to": "不大于", "less than": "小于"}
_TYPES = {"integer": "整数", "float": "数字", "boolean": "是/否值", "integer range": "范围内的整数",
          "float range": "范围内的数字"}

# (pattern of typer's message, its Chinese form); named groups reappear in the Chinese, some translated again
_WHOLE: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^No such option: (?P<name>\S+)(?: \(Possible options: (?P<options>.+)\))?$", re.S),
     lambda m: f"没有选项 {m['name']}" + (f"（可用的选项：{m['options']}）" if m["options"] else "")),
    (re.compile(r"^No such command '(?P<name>.*?)'\.?(?:\. Did you mean (?P<close>.+)\?)?$", re.S),
     lambda m: f"没有命令“{m['name']}”" + (f"；是不是要用 {m['close']}？" if m["close"] else "")),
    (re.compile(r"^Missing (?P<kind>argument|option|parameter)(?: (?P<hint>.+?))?\.(?: (?P<more>.+))?$", re.S),
     lambda m: f"缺少{_KINDS[m['kind']]}" + (f" {m['hint']}" if m["hint"] else "") + "。" + (m["more"] or "")),
    (re.compile(r"^Invalid value for (?P<hint>.+?): (?P<why>.+)$", re.S),
     lambda m: f"{m['hint']} 的值不对：{_reason(m['why'])}"),
    (re.compile(r"^Invalid value: (?P<why>.+)$", re.S), lambda m: f"值不对：{_reason(m['why'])}"),
    (re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.+)\)$", re.S),
     lambda m: f"多余的参数：{m['args']}（含空格的路径请加引号）"),
    (re.compile(r"^Option '(?P<name>.+)' does not take a value\.$", re.S), lambda m: f"选项 {m['name']} 后面不能带值"),
    (re.compile(r"^Option '(?P<name>.+)' requires (?P<what>.+?)\.?$", re.S), lambda m: f"选项 {m['name']} 后面需要一个值"),
    (re.compile(r"^Argument '(?P<name>.+)' takes (?P<count>\d+) values\.$", re.S),
     lambda m: f"参数 {m['name']} 需要 {m['count']} 个值"),
)
# what a value's check said, inside "Invalid value for …: <reason>"
_REASONS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^(?P<value>'.*') is not one of (?P<choices>.+)\.$", re.S),
     lambda m: f"{m['value']} 不是可选值之一（{m['choices']}）"),
    (re.compile(r"^(?P<label>File|Directory|Path) (?P<path>'.*') does not exist\.$", re.S),
     lambda m: f"{_LABELS[m['label']]} {m['path']} 不存在"),
    (re.compile(r"^(?P<label>File|Directory|Path) (?P<path>'.*') is (?P<what>not readable|not writable|a directory|a file)\.$",
                re.S),
     lambda m: f"{_LABELS[m['label']]} {m['path']} " + {"not readable": "无法读取", "not writable": "无法写入",
                                                         "a directory": "是文件夹", "a file": "是文件"}[m["what"]]),
    (re.compile(r"^(?:Value )?(?P<value>'.*') is not a valid (?P<type>[a-z ]+)\.$", re.S),
     lambda m: f"{m['value']} 不是有效的{_TYPES.get(m['type'], m['type'])}"),
    (re.compile(r"^(?P<value>\S+) is not in the range (?P<range>.+)\.$", re.S),
     lambda m: f"{m['value']} 不在允许的范围（{m['range']}）内"),
    (re.compile(r"^Input should be a valid (?P<type>[a-z ]+?)(?:,.*)?$", re.S),
     lambda m: f"应为{_TYPES.get(m['type'], m['type'])}"),
    (re.compile(r"^Input should be (?P<relation>greater than or equal to|greater than|less than or equal to|less than) "
                r"(?P<bound>.+)$", re.S),
     lambda m: f"应{_RELATIONS[m['relation']]} {m['bound']}"),
)


def chinese_usage_error(message: str) -> str:
    """typer's English usage error in Chinese, when it is one of the shapes above; otherwise unchanged."""
    return _rewrite(message, _WHOLE)


def _reason(text: str) -> str:
    return _rewrite(text, _REASONS)


def _rewrite(text: str, table: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...]) -> str:
    for pattern, chinese in table:
        found = pattern.match(text)
        if found:
            return chinese(found)
    return text


def _lang_on_command_line() -> str | None:
    """`--lang xx` as typed: a command line that does not parse never reaches the option's own handling."""
    words = sys.argv[1:]
    for index, word in enumerate(words):
        if word == "--lang" and index + 1 < len(words):
            return words[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def install() -> None:
    """Show typer's usage errors in Chinese unless the language is English (once per process)."""
    if getattr(rich_utils.rich_format_error, "_matterkit", False):
        return
    english: Callable[[Any], None] = rich_utils.rich_format_error

    def rich_format_error(error: Any) -> None:
        chinese = resolve_lang(_lang_on_command_line()) == "zh"
        if chinese and hasattr(error, "format_message"):
            worded = chinese_usage_error(error.format_message())
            error.format_message = lambda: worded  # this exception only: it is shown once, then the run ends
        title = rich_utils.ERRORS_PANEL_TITLE
        rich_utils.ERRORS_PANEL_TITLE = title if chinese else "Error"
        try:
            english(error)
        finally:
            rich_utils.ERRORS_PANEL_TITLE = title

    rich_format_error._matterkit = True  # type: ignore[attr-defined]
    rich_utils.rich_format_error = rich_format_error  # type: ignore[assignment]
