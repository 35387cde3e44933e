"""Errors a user can cause. They are caught once, at the CLI edge, and turned into a message and exit code."""

from __future__ import annotations


class MatterkitError(Exception):
    """Base of every error a user can cause (bad input, bad configuration, I/O)."""

    exit_code = 2


class ConfigError(MatterkitError):
    """A configuration or rule-pack file is wrong; names the file, line and key where known."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 key: str | None = None, expected: str | None = None) -> None:
        self.path, self.line, self.key, self.expected = path, line, key, expected
        parts = []
        if path:
            parts.append(f"{path}:{line}" if line else path)
        if key:
            parts.append(f"[{key}]")
        parts.append(message)
        if expected:
            parts.append(f"(expected / 应为: {expected})")
        super().__init__(" ".join(parts))


class InputFileError(MatterkitError):
    """One input file cannot be read. The caller reports it and goes on with the other files."""

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


class WorkspaceError(MatterkitError):
    """No workspace found, or the workspace store is unusable."""
