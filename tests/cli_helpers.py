"""Running the real command line in-process, as a user would type it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from matterkit.cli.app import get_app
from matterkit.i18n import set_lang


def run_cli(*args: str | Path, cwd: Path | None = None) -> Any:
    """Invoke `matterkit ARGS…`; returns click's Result (exit_code, stdout, stderr)."""
    import os

    runner = CliRunner()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return runner.invoke(get_app(), [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)
        set_lang(None)  # a command's --lang lasts for its process; here the next test shares the process


def run_json(*args: str | Path, cwd: Path | None = None, expect_exit: int | None = 0) -> dict[str, Any]:
    result = run_cli(*args, "--format", "json", cwd=cwd)
    if expect_exit is not None:
        assert result.exit_code == expect_exit, result.stdout + result.stderr
    return json.loads(result.stdout)
