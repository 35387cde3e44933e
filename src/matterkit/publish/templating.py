"""Finding templates: a workspace's `templates/` first, then the ones matterkit ships.

HTML is rendered by Jinja2 with autoescape always on, so a value such as `<script>` from a department's
sheet comes out as text.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from matterkit.publish.config import bundled_templates_dir


def template_dirs(override: Path | None) -> list[Path]:
    dirs = [override] if override and override.is_dir() else []
    return [*dirs, bundled_templates_dir()]


def find_template_file(name: str, override: Path | None) -> Path:
    """The first file called `name` (e.g. guide.docx) in the template folders."""
    for folder in template_dirs(override):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)


def html_environment(override: Path | None) -> jinja2.Environment:
    loader = jinja2.FileSystemLoader([str(d) for d in template_dirs(override)], encoding="utf-8")
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env
