"""A clerk publishes the example county from its workspace, and reports its figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.cli_helpers import run_cli

from matterkit.example import generate_example_county
from matterkit.importer import import_into_workspace
from matterkit.publish.config import CATEGORY_ORDER
from matterkit.workspace import Workspace


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, dict[str, Any]]:
    root = tmp_path_factory.mktemp("county")
    truth_path = generate_example_county(root / "inputs")
    ws = Workspace.init(root / "ws")
    ws.ensure_catalogue()
    import_into_workspace(ws, [root / "inputs"])
    return ws, json.loads(truth_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def published(county: tuple[Workspace, dict[str, Any]]) -> Any:
    ws, _ = county
    return run_cli("publish", "--allow-errors", "--only", "html,list", "--base-url", "https://zwfw.example.gov.cn/",
                   "--workspace", ws.root)


def test_strict_publishing_is_refused_while_lint_reports_errors(county: tuple[Workspace, dict[str, Any]],
                                                                 tmp_path: Path) -> None:
    ws, _ = county
    result = run_cli("publish", "--strict", "--only", "list", "--out-dir", tmp_path / "out", "--workspace", ws.root)
    assert result.exit_code == 1
    assert "错误级问题" in result.stderr and "--strict" in result.stderr
    assert ".xlsx" in result.stderr  # findings are listed with their file
    assert not (tmp_path / "out").exists()


def test_allow_errors_publishes_and_says_where(published: Any, county: tuple[Workspace, dict[str, Any]]) -> None:
    ws, _ = county
    assert published.exit_code == 0, published.stderr
    assert str(ws.output_dir / "guides" / "index.html") in published.stdout
    assert str(ws.output_dir / "权责清单.xlsx") in published.stdout
    assert (ws.output_dir / "guides" / "index.html").is_file()


def _expected_powers(truth: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Per county department and per township: (category, power name) of every matter in its list."""
    expected: dict[str, set[tuple[str, str]]] = {}
    for file in truth["files"]:
        if file["level"] not in ("county", "township"):
            continue
        for row in file["rows"]:
            values = row["values"]
            if values.get("status") == "取消" or not values.get("type"):
                continue
            sheet = values.get("department") if file["level"] == "county" else file["body"]
            name = values.get("main_item") or values["name"]
            expected.setdefault(sheet or file["body"], set()).add((values["type"], name))
    return {sheet: sorted(powers) for sheet, powers in expected.items()}


def test_power_list_has_every_power_of_every_department_in_category_order(
        published: Any, county: tuple[Workspace, dict[str, Any]]) -> None:
    ws, truth = county
    workbook = openpyxl.load_workbook(ws.output_dir / "权责清单.xlsx")
    expected = _expected_powers(truth)
    assert set(expected) <= set(workbook.sheetnames)
    for sheet, powers in expected.items():
        rows = [(r[4], r[2]) for r in workbook[sheet].iter_rows(min_row=3, values_only=True) if r[2] is not None]
        assert set(powers) <= set(rows), sheet
        ranks = [CATEGORY_ORDER.index(category) if category in CATEGORY_ORDER else 99 for category, _ in rows]
        assert ranks == sorted(ranks), sheet


def test_site_lists_the_county_guides_grouped_by_level(published: Any,
                                                       county: tuple[Workspace, dict[str, Any]]) -> None:
    ws, _ = county
    index = (ws.output_dir / "guides" / "index.html").read_text(encoding="utf-8")
    assert index.index("<h2>县级</h2>") < index.index("<h2>乡镇级</h2>") < index.index("<h2>村级</h2>")
    assert "居民身份证核发" in index


def test_a_wrong_publish_setting_names_the_line_in_matterkit_yaml(tmp_path: Path) -> None:
    ws = Workspace.init(tmp_path / "ws")
    config = ws.config_path.read_text(encoding="utf-8")
    ws.config_path.write_text(config.replace("publish: {}", "publish:\n  base_url: zwfw.example.gov.cn"),
                              encoding="utf-8")
    result = run_cli("publish", "--allow-errors", "--workspace", ws.root)
    assert result.exit_code == 2
    assert "matterkit.yaml:" in result.stderr and "publish.base_url" in result.stderr


def test_stats_of_the_workspace_as_json(county: tuple[Workspace, dict[str, Any]]) -> None:
    ws, _ = county
    result = run_cli("stats", "--format", "json", "--workspace", ws.root)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema"] == "matterkit.stats/1"
    assert document["total"]["matters"] == ws.store.count_matters()
    assert [row["key"] for row in document["by_level"]] == ["county", "township", "village"]
    assert 0 < document["total"]["instant_share"] < 1


def test_stats_html_and_xlsx_reports_are_written_to_files(county: tuple[Workspace, dict[str, Any]],
                                                          tmp_path: Path) -> None:
    ws, _ = county
    assert run_cli("stats", "--format", "html", "-o", tmp_path / "s.html", "--workspace", ws.root).exit_code == 0
    assert (tmp_path / "s.html").read_text(encoding="utf-8").count("<svg") >= 5
    assert run_cli("stats", "--format", "xlsx", "-o", tmp_path / "s.xlsx", "--workspace", ws.root).exit_code == 0
    assert "按部门（乡镇、村）" in openpyxl.load_workbook(tmp_path / "s.xlsx").sheetnames
    assert run_cli("stats", "--format", "xlsx", "--workspace", ws.root).exit_code == 2


def test_json_result_lists_what_was_written(county: tuple[Workspace, dict[str, Any]], tmp_path: Path) -> None:
    ws, _ = county
    result = run_cli("publish", "--allow-errors", "--only", "list", "--out-dir", tmp_path / "out", "--format", "json",
                     "-o", tmp_path / "result.json", "--workspace", ws.root)
    assert result.exit_code == 0, result.stderr
    document = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert document["schema"] == "matterkit.publish/1"
    assert document["power_list"] == str(tmp_path / "out" / "权责清单.xlsx") and document["site"] is None


def test_jobs_option_renders_the_same_site_on_two_processes(published: Any, county: tuple[Workspace, dict[str, Any]],
                                                            tmp_path: Path) -> None:
    ws, _ = county
    result = run_cli("publish", "--allow-errors", "--only", "html", "--jobs", "2", "--base-url",
                     "https://zwfw.example.gov.cn/", "--out-dir", tmp_path / "out", "--workspace", ws.root)
    assert result.exit_code == 0, result.stderr
    first, second = ws.output_dir / "guides", tmp_path / "out" / "guides"
    pages = sorted(p.relative_to(first).as_posix() for p in first.rglob("*.html"))
    assert pages == sorted(p.relative_to(second).as_posix() for p in second.rglob("*.html"))
    page = next(p for p in pages if p != "index.html")
    assert (first / page).read_bytes() == (second / page).read_bytes()  # the QR code included
    assert run_cli("publish", "--jobs", "0", "--workspace", ws.root).exit_code == 2
