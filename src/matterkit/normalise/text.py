"""Kind `text`: trimmed text with invisible and control characters removed; new lines kept."""

from __future__ import annotations

from matterkit.normalise.celltext import clean_text


def normalise_text(value: object) -> str | None:
    """The cleaned text, or None for an empty cell."""
    return clean_text(value) or None
