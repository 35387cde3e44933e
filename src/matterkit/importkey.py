"""What a file's stored rows depend on besides the file itself, as one key: import reads a file again when its
content is unchanged but this key is not.

A clerk who adds a header alias, a code-table synonym, a code scheme or a list-kind pattern to matterkit.yaml
expects the next `matterkit import` to apply it; the content hash alone would skip every unchanged file and
keep the rows read under the old settings. The key covers the workspace's settings that change what import
makes of a file, and matterkit's own import code and data (a new version may read a file differently).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from matterkit import __version__
from matterkit.resources import bundled_dir

# Settings of matterkit.yaml that change what import stores (not: job counts, memory and time limits); whether
# a suspect read fails the file (`import.strict` or `--strict`) is passed in, as the run decided it.
_IMPORT_SETTINGS = ("levels", "kinds")
# The import pipeline's own code and data, relative to the package.
_SOURCES = ("readers", "recognise", "normalise", "importer.py", "columnar.py", "listkinds.py", "codeschemes.py",
            "plausibility.py", "model.py", "elements.py", "codetables.py", "textnorm.py", "data")


def import_settings_key(workspace: Any, *, strict: bool) -> str:
    """The key of a workspace's import settings (aliases, code tables, code schemes and area code, the import
    patterns), of the run's strictness and of matterkit's import code and data."""
    schemes = workspace.code_schemes
    settings = {
        "aliases": workspace.section("aliases"),
        "code_tables": workspace.section("code_tables"),
        "code_schemes": [[scheme.name, [[form.name, form.pattern.pattern, sorted(form.elements), form.outdated,
                                         [vars(part) for part in form.parts]] for form in scheme.forms]]
                         for scheme in schemes.schemes],
        "area_code": schemes.area_code,
        "import": {key: workspace.section("import").get(key) for key in _IMPORT_SETTINGS},
        "strict": strict,
    }
    text = json.dumps([__version__, _code_digest(), settings], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@cache
def _code_digest() -> str:
    """The import pipeline's source and bundled data: a developer's edit reads files again even when the
    version stays."""
    package = Path(__file__).resolve().parent
    sources: list[Path] = []
    for name in _SOURCES:
        path = package / name
        sources += sorted(path.rglob("*.py")) + sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
    catalog = bundled_dir("catalog")
    sources += [catalog / "code-tables.yaml", *sorted((catalog / "schemes").glob("*.yaml"))]
    digest = hashlib.sha256()
    for path in sources:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]
