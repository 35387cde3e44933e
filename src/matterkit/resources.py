"""Where bundled data lives: `catalog/`, `rules/` and `bundles/` beside the source tree, or inside an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def package_data(name: str) -> Path:
    """A file under src/matterkit/data/."""
    return Path(str(resources.files("matterkit") / "data" / name))


def bundled_dir(name: str) -> Path:
    """The project's `catalog/`, `rules/`, `bundles/` (example 一件事 definitions) or `templates/` folder.

    In a source checkout (editable install) it is the folder at the repository root; in a wheel it is
    copied to `matterkit/_bundled/`. The checkout wins so that edits to the data show at once.
    """
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    return _PACKAGE_DIR / "_bundled" / name
