"""Done-when: on the example county each shipped derived list holds exactly the matters its condition
selects — recomputed here from `matterkit export` in plain Python, not with the condition code — and the
print-ready workbooks open in LibreOffice."""

from __future__ import annotations

import csv
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.cli_helpers import run_cli, run_json
from tests.workbook_builders import simple_workbook, soffice

from matterkit.derived import load_definitions
from matterkit.errors import ConfigError
from matterkit.example import generate_example_county
from matterkit.workspace import Workspace

Record = dict[str, Any]
IN_USE = ("取消", "暂停")

# Rows the example county lacks (通办范围, 中介服务, 容缺, 告知承诺 in the notes), so no list is empty.
EXTRA_HEADER = ["事项名称", "事项类型", "主管部门", "实施主体", "基本编码", "通办范围", "中介服务", "备注", "申请材料",
                "到办事现场次数", "是否网办", "办件类型", "法定办结时限", "承诺办结时限", "是否收费", "事项状态"]
EXTRA_ROWS = [
    ["社会团体成立登记", "行政许可", "青山县民政局", "青山县民政局", "000107001000", "跨省", "验资报告（会计师事务所）",
     "实行容缺受理", "1.申请书\n2.章程", 1, "是", "承诺件", 60, 20, "否", "在用"],
    ["民办非企业单位成立登记", "行政许可", "青山县民政局", "青山县民政局", "000107002000", "全省", "无",
     "实行告知承诺制", "1.申请书\n2.住所证明", 0, "是", "承诺件", 60, 15, "否", "在用"],
    ["基金会变更登记", "行政许可", "青山县民政局", "青山县民政局", "000107003000", "全市", "资产评估", None,
     "1.申请书", 0, "是", "即办件", 20, 0, "是", "取消"],
]


def _selected(key: str) -> Callable[[Record], bool]:
    """Each shipped list's selection, written out again by hand from its definition's description."""
    def materials(record: Record, field: str, word: str) -> bool:
        return any(word in (m.get(field) or "") for m in record["materials"])

    tests: dict[str, Callable[[Record], bool]] = {
        "instant": lambda r: r["case_type"] == "即办件",
        "online": lambda r: r["online"] is True and (r["visits"] == 0 or "互联网办理" in r["online_depth"]),
        "at-most-one-visit": lambda r: r["visits"] is not None and r["visits"] <= 1,
        "zero-visit": lambda r: r["visits"] == 0,
        "cross-region": lambda r: r["scope"] in ("全国", "跨省", "全省", "全市", "全县"),
        "fees": lambda r: r["fee"] is True,
        "certificates": lambda r: materials(r, "name", "证明"),
        "notification-commitment": lambda r: materials(r, "name", "告知承诺") or "告知承诺" in (r["notes"] or ""),
        "tolerance": lambda r: ("容缺" in (r["notes"] or "") or materials(r, "note", "容缺")
                                or materials(r, "name", "容缺")),
        "intermediary": lambda r: bool((r["intermediary"] or "").strip())
        and r["intermediary"] not in ("无", "否", "不涉及", "无中介服务", "/"),
    }
    return lambda record: record["status"] not in IN_USE and tests[key](record)


def _identity(record: Record) -> tuple[str, str | None, int | None]:
    source = record["source"]
    return source["file"], source["sheet"], source["row"]


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lists")
    generate_example_county(root / "inputs")
    simple_workbook(root / "extra.xlsx", {"清单": [EXTRA_HEADER, *EXTRA_ROWS]})
    Workspace.init(root / "ws", county="青山县")
    assert run_cli("import", root / "inputs", "--workspace", root / "ws").exit_code in (0, 1)
    assert run_cli("import", root / "extra.xlsx", "--level", "county", "--workspace", root / "ws").exit_code == 0
    return root


def test_each_shipped_list_holds_exactly_the_matters_its_condition_selects(county: Path) -> None:
    exported = run_json("export", "--workspace", county / "ws")["matters"]
    document = run_json("lists", "--workspace", county / "ws")
    assert document["schema"] == "matterkit.lists/1"
    shipped = {d.key for d in load_definitions()}
    assert {entry["key"] for entry in document["lists"]} == shipped and len(shipped) == 10
    for entry in document["lists"]:
        expected = {_identity(r) for r in exported if _selected(entry["key"])(r)}
        got = [_identity(row) for row in entry["rows"]]
        assert len(got) == len(set(got)) == entry["count"], entry["key"]
        assert set(got) == expected, entry["key"]
        assert expected, f"{entry['key']} selects nothing: the test data should exercise it"


def test_lists_carry_their_source_digest_and_date(county: Path) -> None:
    document = run_json("lists", "--list", "即办件清单", "--workspace", county / "ws")
    provenance = document["provenance"]
    assert provenance["kind"] == "workspace" and len(provenance["digest"]) == 16
    assert provenance["generated"][:4].isdigit()
    assert [entry["key"] for entry in document["lists"]] == ["instant"]
    again = run_json("lists", "--list", "instant", "--workspace", county / "ws")
    assert again["provenance"]["digest"] == provenance["digest"]


def test_workbooks_have_title_unit_date_source_and_print_setup(county: Path, tmp_path: Path) -> None:
    result = run_cli("lists", "-d", tmp_path / "out", "--workspace", county / "ws")
    assert result.exit_code == 0, result.stdout + result.stderr
    files = sorted((tmp_path / "out").glob("*.xlsx"))
    assert len(files) == 10
    book = openpyxl.load_workbook(tmp_path / "out" / "即办件清单.xlsx")
    sheet = book.active
    assert sheet["A1"].value == "青山县即办件清单"
    assert sheet["A2"].value == "填报单位：青山县" and str(sheet.cell(2, 6).value).startswith("日期：20")
    assert "摘要" in sheet["A3"].value and "国办发〔2022〕5号" in sheet["A3"].value
    assert [c.value for c in sheet[4]][:4] == ["序号", "主管部门", "实施主体", "事项名称"]
    assert sheet.freeze_panes == "A5" and sheet.print_title_rows == "$1:$4"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    instant = run_json("lists", "--list", "instant", "--workspace", county / "ws")["lists"][0]
    assert sheet.max_row - 4 == instant["count"]
    assert [sheet.cell(5 + i, 4).value for i in range(3)] == [r["values"]["name"] for r in instant["rows"][:3]]
    fees = openpyxl.load_workbook(tmp_path / "out" / "行政事业性收费事项清单.xlsx").active
    long_rows = [r for r in range(5, fees.max_row + 1) if len(str(fees.cell(r, 8).value or "")) > 40]
    assert long_rows and all(fees.row_dimensions[r].height >= 2 * 14 for r in long_rows)  # wrapped, not cut off


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_every_list_workbook_back(county: Path, tmp_path: Path) -> None:
    run_cli("lists", "-d", tmp_path / "out", "--workspace", county / "ws")
    files = sorted((tmp_path / "out").glob("*.xlsx"))
    converted = tmp_path / "csv"
    subprocess.run([soffice() or "soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76', "--outdir", str(converted),
                    *map(str, files)], check=True, capture_output=True, timeout=300)
    document = run_json("lists", "--workspace", county / "ws")
    counts = {entry["name"]: entry["count"] for entry in document["lists"]}
    for file in files:
        with (converted / f"{file.stem}.csv").open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[0][0].endswith(file.stem)
        assert rows[3][0] == "序号"
        assert len([r for r in rows[4:] if any(r)]) == counts[file.stem]


def test_a_workspace_list_replaces_the_shipped_one_of_the_same_key(county: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    Workspace.init(folder)
    (folder / "lists").mkdir()
    (folder / "lists" / "instant.yaml").write_text(
        "key: instant\nname: 本县即办件清单\nregulation: 本县文件\n"
        "when: [{element: case_type, equals: 即办件}]\ncolumns: [name, body]\n", encoding="utf-8")
    definitions = {d.key: d for d in load_definitions(folder)}
    assert definitions["instant"].name == "本县即办件清单" and len(definitions) == 10


def test_an_unknown_element_in_a_definition_names_file_line_and_key(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "bad.yaml").write_text(
        "key: bad\nname: 坏清单\nregulation: 无\nwhen:\n  - {element: case_type, equals: 即办件}\n"
        "  - {element: materials.colour, contains: 红}\ncolumns: [name]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_definitions(tmp_path)
    assert caught.value.line == 6 and caught.value.key == "when.1.element"
    assert caught.value.path is not None and caught.value.path.endswith("bad.yaml")


def test_publish_writes_each_list_as_a_workbook_and_a_site_page(county: Path, tmp_path: Path) -> None:
    out = tmp_path / "pub"
    result = run_cli("publish", "--allow-errors", "--only", "html,list", "-d", out, "--workspace", county / "ws")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert len(list((out / "专项清单").glob("*.xlsx"))) == 10
    assert 'href="lists/index.html"' in (out / "guides/index.html").read_text(encoding="utf-8")
    index = (out / "guides/lists/index.html").read_text(encoding="utf-8")
    fees = run_json("lists", "--list", "fees", "--workspace", county / "ws")["lists"][0]
    page = (out / "guides/lists/行政事业性收费事项清单.html").read_text(encoding="utf-8")
    assert "行政事业性收费事项清单" in index and page.count("<tr><td>") == fees["count"] > 0
    assert "摘要" in page and "填报单位：青山县" in page


def test_list_files_from_spreadsheets_keep_hostile_text_as_text(tmp_path: Path) -> None:
    header = ["事项名称", "事项类型", "基本编码", "实施主体", "办件类型", "承诺办结时限", "设定依据"]
    rows = [["=HYPERLINK(\"http://x\")", "行政确认", "000113002000", "<script>alert(1)</script>", "即办件", "当场办结",
             "《某法》第一条"]]
    book = openpyxl.Workbook()
    for row in (header, *rows):
        book.active.append(row)
    book.active["A2"].data_type = "s"  # text that looks like a formula, as a department's cell may hold
    book.save(tmp_path / "list.xlsx")
    result = run_cli("lists", tmp_path / "list.xlsx", "--list", "instant", "-d", tmp_path / "out", "--format", "json",
                     cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert document["provenance"]["kind"] == "files" and document["lists"][0]["count"] == 1
    sheet = openpyxl.load_workbook(tmp_path / "out" / "即办件清单.xlsx").active
    assert sheet["D5"].value == "=HYPERLINK(\"http://x\")" and sheet["D5"].data_type == "s"
    assert sheet["C5"].value == "<script>alert(1)</script>"


def test_every_column_of_the_shipped_lists_has_a_chinese_header() -> None:
    from matterkit.derived.select import column_label
    from matterkit.elements import default_registry

    for definition in load_definitions():
        for key in definition.columns:
            label = column_label(key, default_registry())
            assert label != key and not label.isascii(), (definition.key, key)
