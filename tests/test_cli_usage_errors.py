"""A wrong command line is explained in Chinese (typer words its usage errors in English), with exit code 2;
with `--lang en` it stays English."""

from __future__ import annotations

import subprocess
import sys

import pytest

from matterkit.cli.usage_errors import chinese_usage_error


def matterkit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "matterkit", *args], capture_output=True, text=True,
                          env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}, check=False)


@pytest.mark.parametrize(("args", "said"), [
    (("import", "--bogus"), "没有选项 --bogus"),
    (("improt",), "没有命令“improt”；是不是要用 'import'？"),
    (("import", "--jobs", "abc"), "的值不对：应为整数"),
    (("import", "--jobs", "0"), "的值不对：应不小于 1"),
    (("import", "--level"), "选项 --level 后面需要一个值"),
    (("lint", "--format", "xyz"), "'--format' / '-f' 的值不对：可选值"),
])
def test_usage_errors_are_in_chinese_and_exit_2(args: tuple[str, ...], said: str) -> None:
    result = matterkit(*args)
    assert result.returncode == 2, result.stderr
    assert said in result.stderr, result.stderr
    assert "No such" not in result.stderr and "Invalid value" not in result.stderr


def test_with_lang_en_they_stay_english() -> None:
    result = matterkit("import", "--bogus", "--lang", "en")
    assert result.returncode == 2
    assert "No such option: --bogus" in result.stderr and "Error" in result.stderr


@pytest.mark.parametrize(("english", "chinese"), [
    ("Missing argument 'PATHS...'.", "缺少参数 'PATHS...'。"),
    ("Got unexpected extra argument(s) (b c)", "多余的参数：b c（含空格的路径请加引号）"),
    ("Invalid value for '--out-dir': Path '/x' does not exist.", "'--out-dir' 的值不对：路径 '/x' 不存在"),
    ("Invalid value for 'KIND': 'x' is not one of 'a', 'b'.", "'KIND' 的值不对：'x' 不是可选值之一（'a', 'b'）"),
    ("Something typer says that has no Chinese form here", "Something typer says that has no Chinese form here"),
])
def test_the_shapes_of_usage_errors(english: str, chinese: str) -> None:
    assert chinese_usage_error(english) == chinese
