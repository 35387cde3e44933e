"""A row import builds as a model (a row the column-wise import leaves to `build_matter`, columnar.py) is kept as
its store text until the list's level and body are known, then given them where the model writes them.
(That every stored row is the matter read in memory: tests/test_columnar_import.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from matterkit.codetables import default_code_tables
from matterkit.elements import default_registry
from matterkit.example import generate_example_county
from matterkit.importer import ImportOptions, read_file
from matterkit.store import finished_row, pending_row, stored_row


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("county")
    generate_example_county(root)
    return root


def test_a_pending_row_takes_its_list_level_and_body_where_the_model_writes_them(county: Path) -> None:
    options = ImportOptions(registry=default_registry(), code_tables=default_code_tables())
    path = next(p for p in sorted((county / "乡镇").rglob("*")) if p.is_file())
    matter = read_file(path, str(path), options).matters[0]
    bare = matter.model_copy(update={"list_level": None, "list_body": None})
    assert finished_row(pending_row(bare), matter.list_level, matter.list_body) == stored_row(matter)
    assert finished_row(pending_row(bare), None, None) == stored_row(bare)
