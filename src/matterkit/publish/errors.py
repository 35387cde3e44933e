"""Errors of publishing that a user can cause or fix."""

from __future__ import annotations

from matterkit.errors import MatterkitError


class PublishError(MatterkitError):
    """Publishing cannot go on: a missing tool, a broken template, a failed conversion."""
