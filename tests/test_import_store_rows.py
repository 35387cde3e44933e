"""Import keeps each row as its store text, not as a model, from the moment the row is built (issue #17: a
40,000-row file must not hold 40,000 matters): the text is exactly what the store makes of the matter read in
memory, level and body of the list included."""

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


@pytest.mark.parametrize("name", ["县级部门", "乡镇", "村社区"])
def test_rows_read_for_the_store_are_the_store_text_of_the_matters_read_in_memory(county: Path, name: str) -> None:
    options = ImportOptions(registry=default_registry(), code_tables=default_code_tables())
    files = sorted(p for p in (county / name).rglob("*") if p.is_file())[:4]
    assert files
    for path in files:
        in_memory = read_file(path, str(path), options, level_hint=None)
        for_store = read_file(path, str(path), options, level_hint=None, for_store=True)
        assert for_store.matters == [] and for_store.stored is not None
        assert for_store.report == in_memory.report
        assert for_store.stored == [stored_row(m) for m in in_memory.matters], path.name
        assert all(row[2] == in_memory.report.list_level for row in for_store.stored)


def test_a_pending_row_takes_its_list_level_and_body_where_the_model_writes_them(county: Path) -> None:
    options = ImportOptions(registry=default_registry(), code_tables=default_code_tables())
    path = next(p for p in sorted((county / "乡镇").rglob("*")) if p.is_file())
    matter = read_file(path, str(path), options).matters[0]
    bare = matter.model_copy(update={"list_level": None, "list_body": None})
    assert finished_row(pending_row(bare), matter.list_level, matter.list_body) == stored_row(matter)
    assert finished_row(pending_row(bare), None, None) == stored_row(bare)
