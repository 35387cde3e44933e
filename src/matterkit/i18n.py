"""Messages in Chinese (default) and English.

Each subsystem declares its own templates once, next to the code that uses them, with
`register({...})`; `t(key, lang, **values)` renders one. The language comes from `--lang`, else the
environment variable MATTERKIT_LANG, else Chinese.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

Lang = str  # "zh" | "en"
_MESSAGES: dict[str, dict[str, str]] = {}
_CURRENT: dict[str, str | None] = {"lang": None}  # set per command run from --lang


def register(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add templates: {key: {"zh": "...{value}...", "en": "..."}}. Re-registering a key replaces it."""
    for key, templates in messages.items():
        _MESSAGES[key] = dict(templates)


def set_lang(lang: str | None) -> None:
    """The language for this run (from --lang); None falls back to MATTERKIT_LANG, then Chinese."""
    _CURRENT["lang"] = lang


def resolve_lang(lang: str | None = None) -> Lang:
    chosen = (lang or _CURRENT["lang"] or os.environ.get("MATTERKIT_LANG") or "zh").lower()
    return "en" if chosen.startswith("en") else "zh"


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    """Render a message. An unknown key renders as the key itself, so a missing template shows up."""
    templates = _MESSAGES.get(key)
    if templates is None:
        return key
    template = templates.get(resolve_lang(lang)) or templates.get("zh") or key
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template
