"""The example county: deterministic files, valid codes, and a ground truth that matches the cells."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import typer
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from matterkit.catalogue import CatalogueIndex, default_catalogue_path, load_catalogue
from matterkit.cli import example as example_cli
from matterkit.codes import is_valid_credit_code
from matterkit.codetables import default_code_tables
from matterkit.elements import default_registry
from matterkit.example import TRUTH_SCHEMA, generate_example_county
from matterkit.example.county import build_bodies
from matterkit.example.defects import DEFECT_KINDS
from matterkit.example.layouts import ALIAS_HEADERS, GROUPS, STANDARD_HEADERS
from matterkit.example.plan import DIFFERENCE_KINDS
from matterkit.textnorm import fold, nfkc

CSV_ENCODINGS = {"csv-gbk": "gbk", "csv-utf8-bom": "utf-8-sig"}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_example_county(tmp_path_factory.mktemp("county") / "example-county").parent


@pytest.fixture(scope="module")
def truth(county: Path) -> dict[str, Any]:
    return json.loads((county / "ground-truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index() -> CatalogueIndex:
    return CatalogueIndex(load_catalogue(default_catalogue_path(), default_registry(), default_code_tables()))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _defect_rows(truth: dict[str, Any]) -> set[tuple[str, int]]:
    planted = {(d["file"], d["row"]) for d in truth["defects"]}
    planted |= {(loc["file"], loc["row"]) for diff in truth["differences"] for loc in diff["locations"]}
    return planted


def _clean_rows(truth: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    planted = _defect_rows(truth)
    return [(f, r) for f in truth["files"] for r in f["rows"] if (f["path"], r["row"]) not in planted]


def test_same_seed_gives_byte_identical_files(county: Path, tmp_path: Path) -> None:
    again = generate_example_county(tmp_path / "again").parent
    first, second = _files(county), _files(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_county_has_enough_departments_townships_and_villages(truth: dict[str, Any]) -> None:
    levels = Counter(body["level"] for body in truth["bodies"])
    assert levels["county"] >= 20 and levels["township"] >= 10 and levels["village"] >= 50
    assert truth["schema"] == TRUTH_SCHEMA and truth["seed"] == 2026
    assert len({body["file"] for body in truth["bodies"]}) == len(truth["bodies"])


def test_every_body_has_a_valid_credit_code(truth: dict[str, Any]) -> None:
    codes = [body["credit_code"] for body in truth["bodies"]]
    assert all(is_valid_credit_code(code) for code in codes)
    assert len(set(codes)) == len(codes)


def test_files_use_every_format_and_many_layout_quirks(truth: dict[str, Any]) -> None:
    formats = Counter(f["format"] for f in truth["files"])
    assert formats["xlsx"] > formats["csv-gbk"] + formats["csv-utf8-bom"] + formats["xls"]
    assert formats["csv-gbk"] and formats["csv-utf8-bom"] and formats["xls"]
    features = {word for f in truth["files"] for word in f["layout"]}
    assert {"title_row", "filler_line", "two_row_header", "merged_group_header", "alias_headers",
            "notes_row_at_bottom", "column_numbers_row", "repeated_header", "department_merged_vertically",
            "instructions_sheet", "unknown_column", "limits_text", "limits_chinese", "fullwidth_codes",
            "numbers_as_numbers", "materials_circled", "column_order_varied", "base_codes_as_numbers"} <= features


_CELLS: dict[Path, list[list[Any]]] = {}


def _read_cells(county: Path, file: dict[str, Any]) -> list[list[Any]]:
    path = county / file["path"]
    if path not in _CELLS:
        _CELLS[path] = _read_file(path, file)
    return _CELLS[path]


def _read_file(path: Path, file: dict[str, Any]) -> list[list[Any]]:
    if file["format"] == "xlsx":
        workbook = openpyxl.load_workbook(path, read_only=True)
        return [list(row) for row in workbook[file["sheets"][0]["name"]].iter_rows(values_only=True)]
    if file["format"] == "xls":
        workbook = CalamineWorkbook.from_path(str(path))
        return workbook.get_sheet_by_name(file["sheets"][0]["name"]).to_python()
    text = path.read_bytes().decode(CSV_ENCODINGS[file["format"]])
    return list(csv.reader(io.StringIO(text, newline="")))


def _column(cells: list[list[Any]], header_row: int, wording: str) -> int:
    for row in (header_row, header_row - 1):
        for index, value in enumerate(cells[row - 1]):
            if isinstance(value, str) and fold(value).startswith(wording):
                return index
    raise AssertionError(f"no column {wording}")


def _code_text(value: Any) -> str:
    """A code cell as text; a code stored as a number lost its leading zeros (basic codes have 12 digits)."""
    if isinstance(value, int | float):
        return str(int(value)).zfill(12)
    return nfkc(str(value))


def test_every_row_sits_where_the_truth_says(county: Path, truth: dict[str, Any]) -> None:
    for file in truth["files"]:
        cells = _read_cells(county, file)
        header_row = file["sheets"][0]["header_row"]
        name_col = _column(cells, header_row, "事项名称")
        code_col = _column(cells, header_row, "基本编码" if "alias_headers" not in file["layout"] else "事项编码")
        assert len(file["rows"]) == file["sheets"][0]["matters"]
        for row in file["rows"]:
            values = cells[row["row"] - 1]
            assert values[name_col] == row["values"]["name"], (file["path"], row["row"])
            assert _code_text(values[code_col]) == row["values"]["base_code"], (file["path"], row["row"])


def test_planted_values_are_in_their_cells(county: Path, truth: dict[str, Any]) -> None:
    files = {f["path"]: f for f in truth["files"]}
    checked = 0
    for defect in truth["defects"]:
        if defect["kind"] not in ("bad_base_code_format", "bad_credit_code", "unknown_enum_value",
                                  "catalogue_name_mismatch") or defect.get("secondary"):
            continue
        file = files[defect["file"]]
        cells = _read_cells(county, file)
        row = cells[defect["row"] - 1]
        assert any(isinstance(v, str) and nfkc(v) == defect["value"] for v in row), defect
        checked += 1
    assert checked >= 10


def test_defects_use_the_documented_vocabulary(truth: dict[str, Any]) -> None:
    defects = truth["defects"]
    assert 40 <= len(defects) <= 80
    assert {d["kind"] for d in defects} <= set(DEFECT_KINDS)
    assert len({d["file"] for d in defects}) >= 20
    rows = {(f["path"], r["row"]) for f in truth["files"] for r in f["rows"]}
    assert all((d["file"], d["row"]) in rows for d in defects)


def test_differences_cover_every_kind_between_levels(truth: dict[str, Any]) -> None:
    kinds = Counter(d["kind"] for d in truth["differences"])
    assert set(kinds) == set(DIFFERENCE_KINDS)
    assert any(d.get("detail") == "undelegated_overlap" for d in truth["differences"])
    assert all(d["locations"] == [] for d in truth["differences"] if d["kind"] == "missing")


def test_clean_rows_pass_the_usual_rules(truth: dict[str, Any], index: CatalogueIndex) -> None:
    tables = default_code_tables()
    for file, row in _clean_rows(truth):
        values = row["values"]
        assert values["impl_code"] == (values["body_code"] + (tables.code_of("level", values["level"][0]) or "")
                                       + values["base_code"]), (file["path"], row["row"])
        assert is_valid_credit_code(values["body_code"])
        if values.get("legal_limit") is not None:
            assert values["promised_limit"] <= values["legal_limit"]
            assert (values["case_type"] == "即办件") == (values["promised_limit"] == 0)
        if values.get("fee"):
            assert values["fees"] and all(fee["standard"] for fee in values["fees"])
        if values.get("visits"):
            assert values["visit_reason"]
        for key in ("channels", "target", "level"):
            assert len(values[key]) == len(set(values[key]))
        entry = index.by_base_code[values["base_code"]]
        assert (values["name"], values["type"], values["legal_basis"]) == (entry.name, entry.type, entry.legal_basis)


def test_townships_offer_the_standard_list_except_where_planted(truth: dict[str, Any],
                                                               index: CatalogueIndex) -> None:
    standard = {e.base_code for e in index.standard_list("乡镇级")}
    missing = {(d["body"], d["matter"]["base_code"]) for d in truth["differences"] if d["kind"] == "missing"}
    for file in (f for f in truth["files"] if f["level"] == "township"):
        codes = {r["values"]["base_code"] for r in file["rows"]}
        expected = {code for code in standard if (file["body"], code) not in missing}
        assert expected <= codes, file["path"]


def test_another_seed_gives_other_codes(truth: dict[str, Any], index: CatalogueIndex) -> None:
    other = build_bodies(random.Random(7), index.departments())
    assert [b.name for b in other] == [b["name"] for b in truth["bodies"]]
    assert {b.credit_code for b in other}.isdisjoint({b["credit_code"] for b in truth["bodies"]})


def _cli() -> typer.Typer:
    app = typer.Typer()
    example_cli.register(app)
    app.command("noop", hidden=True)(lambda: None)  # keeps typer in multi-command mode
    return app


def test_example_command_writes_the_county_and_prints_a_chinese_summary(tmp_path: Path,
                                                                          truth: dict[str, Any]) -> None:
    result = CliRunner().invoke(_cli(), ["example", str(tmp_path / "县")])
    assert result.exit_code == 0, result.output
    assert "示例县已生成" in result.output and "埋设问题" in result.output
    assert f"事项行 {sum(len(f['rows']) for f in truth['files'])} 行" in result.output
    assert (tmp_path / "县" / "ground-truth.json").is_file()


def test_example_command_into_a_file_path_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "occupied"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(_cli(), ["example", str(blocker / "sub"), "--lang", "en"])
    assert result.exit_code == 2
    assert "cannot write the example county" in result.output


def test_libreoffice_opens_the_workbooks_and_finds_the_rows_where_the_truth_says(county: Path, truth: dict[str, Any],
                                                                                 tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    chosen = {}
    for file in truth["files"]:
        if file["format"] in ("xlsx", "xls") and file["format"] not in chosen and "two_row_header" in file["layout"]:
            chosen[file["format"]] = file
    assert set(chosen) == {"xlsx", "xls"}
    inputs = []
    for fmt, file in chosen.items():
        copy = tmp_path / f"{fmt}.{fmt}"
        copy.write_bytes((county / file["path"]).read_bytes())
        inputs.append(str(copy))
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path / "out"),
                    *inputs], check=True, capture_output=True, timeout=180)
    for fmt, file in chosen.items():
        records = list(csv.reader(io.StringIO((tmp_path / "out" / f"{fmt}.csv").read_text(encoding="utf-8"),
                                              newline="")))
        name_col = _column(records, file["sheets"][0]["header_row"], "事项名称")
        for row in file["rows"]:
            assert records[row["row"] - 1][name_col] == row["values"]["name"], (fmt, row["row"])


@pytest.mark.parametrize("headers", [STANDARD_HEADERS, ALIAS_HEADERS], ids=["standard", "alias"])
def test_every_header_the_generator_writes_is_a_known_alias(headers: dict[str, str]) -> None:
    registry = default_registry()
    for column, text in headers.items():
        if column in ("contact",):
            assert registry.lookup(text) is None
        else:
            assert registry.lookup(text) == column, text


def test_two_row_header_cells_resolve_joined_or_alone() -> None:
    registry = default_registry()
    for group, members in GROUPS:
        for column, sub in members.items():
            assert column in (registry.lookup(group + sub), registry.lookup(sub)), (group, sub)


def test_regenerating_with_another_seed_leaves_no_stale_lists(tmp_path: Path) -> None:
    target = tmp_path / "county"
    generate_example_county(target, seed=2026)
    (target / "县级部门" / "我们自己的笔记.xlsx").write_bytes(b"not ours")
    truth = json.loads(generate_example_county(target, seed=11).read_text(encoding="utf-8"))
    on_disk = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.suffix in (".xlsx", ".xls", ".csv")}
    assert on_disk == {f["path"] for f in truth["files"]} | {"县级部门/我们自己的笔记.xlsx"}
