"""Done-when: `export --schema national` then `import` into a fresh workspace gives back the same matters,
every element equal — through the JSON document and through the workbook."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.cli_helpers import run_cli, run_json

from matterkit.example import generate_example_county
from matterkit.exchange.national import default_national_schema, unmapped_elements
from matterkit.model import ELEMENT_FIELDS
from matterkit.workspace import Workspace


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    root = tmp_path_factory.mktemp("national")
    generate_example_county(root / "inputs")
    Workspace.init(root / "ws")
    run_cli("import", root / "inputs", "--workspace", root / "ws")
    return root, run_json("export", "--workspace", root / "ws")["matters"]


def _elements(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record[key] for key in (*ELEMENT_FIELDS, "list_level", "list_body")}


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_national_export_imports_back_to_the_same_matters(county: Any, tmp_path: Path, fmt: str) -> None:
    root, before = county
    exported = tmp_path / f"national.{fmt}"
    result = run_cli("export", "--schema", "national", "--format", fmt, "-o", exported, "--workspace", root / "ws")
    assert result.exit_code == 0, result.stdout + result.stderr
    Workspace.init(tmp_path / "fresh")
    result = run_cli("import", exported, "--workspace", tmp_path / "fresh")
    assert result.exit_code == 0, result.stdout + result.stderr
    after = run_json("export", "--workspace", tmp_path / "fresh")["matters"]
    assert len(after) == len(before) > 1000
    assert any(m["materials"] for m in before) and any(m["fees"] for m in before)
    for old, new in zip(before, after, strict=True):
        assert _elements(new) == _elements(old)


def test_the_json_uses_national_field_names_and_codes(county: Any, tmp_path: Path) -> None:
    root, before = county
    document = json.loads(run_cli("export", "--schema", "national", "--workspace", root / "ws").stdout)
    assert document["schema"] == "matterkit.national/1"
    first, record = before[0], document["matters"][0]
    assert record["task_name"] == first["name"] and record["catalog_code"] == first["base_code"]
    assert record["dept_name"] == first["body"] and record["by_law"] == first["legal_basis"]
    permit = next(r for r, m in zip(document["matters"], before, strict=True) if m["type"] == "行政许可")
    assert permit["task_type"] == "01"
    charged = next(r for r, m in zip(document["matters"], before, strict=True) if m["fee"] and m["fees"])
    assert charged["is_fee"] == "1" and charged["fee_projects"][0]["fee_name"]
    assert record["materials"][0]["material_name"] == first["materials"][0]["name"]
    assert record["materials"][0]["order_num"] == 1


def test_the_workbook_has_the_three_national_tables_with_field_names_and_comments(county: Any,
                                                                                 tmp_path: Path) -> None:
    root, _ = county
    target = tmp_path / "national.xlsx"
    run_cli("export", "--schema", "national", "--format", "xlsx", "-o", target, "--workspace", root / "ws")
    book = openpyxl.load_workbook(target, read_only=True)
    assert book.sheetnames == ["task", "material", "fee_project"]
    task = list(book["task"].iter_rows(max_row=2, values_only=True))
    assert task[0][:3] == ("task_name", "task_type", "catalog_code") and task[1][:3] == ("事项名称", "事项类型", "基本编码")
    material = next(book["material"].iter_rows(max_row=1, values_only=True))
    assert material[:3] == ("task_guid", "order_num", "material_name")


def test_every_element_has_a_national_or_extension_field() -> None:
    assert unmapped_elements(default_national_schema()) == []


def test_an_ordinary_list_on_sheets_named_task_and_material_is_read_as_an_ordinary_list(tmp_path: Path) -> None:
    from tests.workbook_builders import simple_workbook

    header = ["事项名称", "事项类型", "基本编码", "实施主体", "设定依据"]
    row = ["公共场所卫生许可", "行政许可", "000123020000", "青山县卫生健康局", "《公共场所卫生管理条例》第四条"]
    simple_workbook(tmp_path / "list.xlsx", {"task": [header, row], "material": [["材料名称"], ["申请表"]]})
    Workspace.init(tmp_path / "ws")
    assert run_cli("import", tmp_path / "list.xlsx", "--level", "county", "--workspace", tmp_path / "ws").exit_code == 0
    [matter] = run_json("export", "--workspace", tmp_path / "ws")["matters"]
    assert matter["name"] == "公共场所卫生许可" and matter["type"] == "行政许可"


def test_a_damaged_national_document_is_that_file_s_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"schema": "matterkit.national/1", "matters": [{"task_name": "甲", '
                                       '"materials": ["not a record"]}, {"task_type": {"x": 1}}]}', encoding="utf-8")
    Workspace.init(tmp_path / "ws")
    result = run_cli("import", tmp_path / "bad.json", "--format", "json", "--workspace", tmp_path / "ws")
    assert result.exit_code == 1
    [report] = json.loads(result.stdout)["files"]
    assert report["status"] == "failed" and "国家交换格式" in report["error"]
