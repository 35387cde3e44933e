"""A province publishes its basic catalogue as a spreadsheet; the clerk loads it with --catalog."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from tests.cli_helpers import run_cli, run_json

from matterkit.workspace import Workspace


def write_province_catalogue(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "基本目录"
    ws["A1"] = "示例省政务服务事项基本目录（2026年版）"
    ws.append(["序号", "事项名称", "事项类型", "基本编码", "主管部门", "设定依据", "行使层级", "法定时限（工作日）"])
    ws.append([1, "公共场所卫生许可", "行政许可", "000123020000", "卫生健康局", "《公共场所卫生管理条例》第四条", "县级", 20])
    ws.append([2, "城乡居民基本养老保险参保登记", "公共服务", "000135014000", "人力资源和社会保障局",
               "《国务院关于建立统一的城乡居民基本养老保险制度的意见》", "县级、乡镇级、村级", 5])
    wb.save(path)


def test_catalogue_spreadsheet_is_loaded_remembered_and_used_by_lint(tmp_path: Path) -> None:
    catalogue = tmp_path / "省基本目录.xlsx"
    write_province_catalogue(catalogue)
    Workspace.init(tmp_path / "ws")
    result = run_cli("import", "--catalog", catalogue, "--workspace", tmp_path / "ws")
    assert result.exit_code == 0, result.stdout + result.stderr

    ws = Workspace.open(tmp_path / "ws")
    entries = {m.base_code: m for m in ws.store.iter_catalogue()}
    assert set(entries) == {"000123020000", "000135014000"}
    assert entries["000135014000"].level == ["县级", "乡镇级", "村级"]
    assert entries["000123020000"].legal_limit == 20
    assert "省基本目录.xlsx" in str(ws.config["catalogue"])  # remembered in matterkit.yaml
    assert "# 标准目录" in ws.config_path.read_text(encoding="utf-8")  # the clerk's comments survive

    department = tmp_path / "卫健局.csv"
    department.write_text("事项名称,事项类型,基本编码,实施主体\n"
                          "公共场所卫生许可,行政许可,000123020000,青山县卫生健康局\n"
                          "游泳场所卫生许可,行政许可,000123029999,青山县卫生健康局\n", encoding="utf-8")
    run_cli("import", department, "--level", "county", "--workspace", tmp_path / "ws")
    report = run_json("lint", "--workspace", tmp_path / "ws", "--select", "CAT001", expect_exit=None)
    flagged = {f["matter"]["name"] for f in report["findings"] if f["rule"] == "CAT001"}
    assert flagged == {"游泳场所卫生许可"}

    status = run_json("status", "--workspace", tmp_path / "ws")
    assert status["catalogue"]["matters"] == 2
