"""Import of the example county stores the same matters as before import stopped linting and began streaming
rows to the store in batches (issue #17): a digest of each file's exported element values, made on main before
that change (`tests/data/example_county_matters.json`), compared file by file.

Only the elements that existed then are compared, and empty values are left out, so that a new element or a new
field of a material (with an empty default) does not change a digest; a changed value does."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from tests.cli_helpers import run_json

from matterkit.example import generate_example_county
from matterkit.workspace import Workspace

GOLDEN = Path(__file__).parent / "data" / "example_county_matters.json"
# The elements of a matter when the digests were made (model.ELEMENT_FIELDS then), and the list's level and body.
COMPARED = (
    "name", "type", "base_code", "impl_code", "item_code", "item_name", "main_item", "sub_item", "department",
    "body", "body_code", "body_nature", "level", "power_source", "entrusting_body", "target", "case_type",
    "legal_basis", "impl_basis", "legal_limit", "promised_limit", "limit_note", "conditions", "process",
    "materials", "fee", "fees", "location", "hours", "phone", "complaint_phone", "visits", "visit_reason",
    "online", "online_depth", "online_url", "channels", "scope", "result_type", "result_name", "quantity_limit",
    "intermediary", "special_procedures", "in_hall", "express", "online_payment", "appointment", "area_code",
    "township", "village", "status", "responsibilities", "accountability", "notes", "list_level", "list_body",
    "extra",
)


def _kept(value: Any) -> Any:
    """The value without empty parts (None, "", [], {}), recursively."""
    if isinstance(value, dict):
        return {key: _kept(item) for key, item in value.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [_kept(item) for item in value]
    return value


def file_digests(exported: dict[str, Any]) -> dict[str, str]:
    """{file relative to the inputs folder: digest of its matters' compared values, in sheet and row order}."""
    per_file: dict[str, list[Any]] = {}
    for record in exported["matters"]:
        source = record["source"]
        relative = Path(source["file"]).as_posix().split("/inputs/", 1)[1]
        values = _kept({key: record.get(key) for key in COMPARED})
        per_file.setdefault(relative, []).append([source["sheet"], source["row"], values])
    return {path: hashlib.sha256(json.dumps(sorted(rows, key=lambda r: (r[0] or "", r[1])), ensure_ascii=False,
                                            sort_keys=True).encode("utf-8")).hexdigest()[:20]
            for path, rows in sorted(per_file.items())}


def exported_example_county(root: Path) -> dict[str, Any]:
    generate_example_county(root / "inputs")
    Workspace.init(root / "ws")
    run_json("import", root / "inputs", "--workspace", root / "ws", expect_exit=None)
    return run_json("export", "--workspace", root / "ws", expect_exit=None)


@pytest.mark.skipif(not GOLDEN.is_file(), reason="golden digests not made yet")
def test_example_county_imports_the_same_matters_as_before(tmp_path: Path) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    exported = exported_example_county(tmp_path)
    assert len(exported["matters"]) == golden["matters"]
    got = file_digests(exported)
    assert sorted(got) == sorted(golden["files"])
    changed = [path for path, digest in golden["files"].items() if got[path] != digest]
    assert changed == []


if __name__ == "__main__":  # python -m tests.test_import_same_matters OUT: make the golden digests (on main)
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        document = exported_example_county(Path(folder))
    golden = {"made_on": sys.argv[2] if len(sys.argv) > 2 else "", "matters": len(document["matters"]),
              "files": file_digests(document)}
    Path(sys.argv[1]).write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
