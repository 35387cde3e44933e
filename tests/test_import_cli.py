"""A clerk imports the spreadsheets departments sent, as they arrived, into a workspace."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font
from tests.cli_helpers import run_cli, run_json

from matterkit.workspace import Workspace


def write_county_department(path: Path) -> None:
    """A county department's list: title row, 填报单位 line, two-row header with merged groups."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实施清单"
    ws["A1"] = "青山县市场监督管理局政务服务事项实施清单（2026年版）"
    ws.merge_cells("A1:H1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A2"] = "填报单位：青山县市场监督管理局        填报日期：2026年3月1日"
    headers = ["序号", "事项名称（全称）", "事项类型", "基本编码", "实施机关", "办结时限", None, "申报材料"]
    for col, text in enumerate(headers, 1):
        ws.cell(3, col, text)
    ws["F4"], ws["G4"] = "法定", "承诺"
    ws.merge_cells("F3:G3")
    for col in "ABCDEH":
        ws.merge_cells(f"{col}3:{col}4")
    rows = [
        [1, "公共场所卫生许可", "行政许可", "000123020000", "青山县市场监督管理局", "20个工作日", "当场办结",
         "1.卫生许可告知承诺书\n2.法定代表人身份证明（复印件1份）"],
        [2, "个体工商户登记注册", "行政许可", "000131128000", "青山县市场监督管理局", "十五个工作日", 3.0,
         "1、个体工商户登记申请书；2、经营者身份证明（原件及复印件）"],
    ]
    for r, row in enumerate(rows, 5):
        for c, value in enumerate(row, 1):
            ws.cell(r, c, value)
    ws.cell(7, 1, "注：本表由各部门于每年3月前报送。")
    wb.save(path)


def write_township_csv(path: Path) -> None:
    with path.open("w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["序号", "事项名称", "事项类型", "基本编码", "实施主体", "行使层级", "法定时限（工作日）",
                         "承诺时限（工作日）", "所需材料"])
        writer.writerow(["1", "城乡居民基本养老保险参保登记", "公共服务", "０００１３５０１４０００", "红星镇人民政府",
                         "乡镇级", "５", "３", "身份证；户口簿；参保登记表"])


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "收到的表格"
    (folder / "县级部门").mkdir(parents=True)
    (folder / "乡镇").mkdir()
    write_county_department(folder / "县级部门" / "市场监管局.xlsx")
    write_township_csv(folder / "乡镇" / "红星镇.csv")
    (folder / "县级部门" / "坏文件.xlsx").write_text("这不是表格", encoding="utf-8")
    return folder


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    Workspace.init(tmp_path / "ws")
    return tmp_path / "ws"


def test_importing_a_folder_reads_good_files_and_reports_the_broken_one(inbox: Path, workspace: Path) -> None:
    report = run_json("import", inbox, "--workspace", workspace, expect_exit=1)
    assert report["schema"] == "matterkit.import/1"
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert by_name["坏文件.xlsx"]["status"] == "failed"
    assert by_name["坏文件.xlsx"]["error"]  # one clear line, in Chinese
    county = by_name["市场监管局.xlsx"]
    assert county["status"] == "ok" and county["matters"] == 2
    assert county["level"] == "county"  # from the workspace's folder patterns
    sheet = county["sheets"][0]
    assert sheet["header_row"] == 4 and sheet["matters"] == 2
    assert sheet["columns"]["办结时限/法定"] == "legal_limit"
    assert sheet["columns"]["办结时限/承诺"] == "promised_limit"
    assert any(s["reason"] == "notes" for s in sheet["skipped_rows"])
    township = by_name["红星镇.csv"]
    assert township["status"] == "ok" and township["level"] == "township" and township["body"] == "红星镇人民政府"
    assert report["totals"] == {"files": 3, "ok": 2, "failed": 1, "skipped": 0, "suspect": 0, "matters": 3,
                                "skipped_rows": report["totals"]["skipped_rows"]}


def test_exported_records_carry_normalised_values_and_their_source_rows(inbox: Path, workspace: Path) -> None:
    run_cli("import", inbox, "--workspace", workspace)
    document = run_json("export", "--workspace", workspace, expect_exit=None)
    assert document["schema"] == "matterkit.matters/1"
    records = {m["name"]: m for m in document["matters"]}
    permit = records["公共场所卫生许可"]
    assert permit["legal_limit"] == 20 and permit["promised_limit"] == 0
    assert permit["base_code"] == "000123020000"
    assert [m["name"] for m in permit["materials"]] == ["卫生许可告知承诺书", "法定代表人身份证明"]
    assert permit["materials"][1]["kind"] == "复印件" and permit["materials"][1]["copies"] == 1
    assert permit["source"]["sheet"] == "实施清单" and permit["source"]["row"] == 5
    assert permit["source"]["file"].endswith("市场监管局.xlsx")
    registration = records["个体工商户登记注册"]
    assert registration["legal_limit"] == 15 and registration["promised_limit"] == 3
    assert registration["materials"][1]["kind"] == "原件和复印件"
    pension = records["城乡居民基本养老保险参保登记"]
    assert pension["base_code"] == "000135014000"  # full-width digits folded
    assert pension["legal_limit"] == 5 and pension["level"] == ["乡镇级"]
    assert [m["name"] for m in pension["materials"]] == ["身份证", "户口簿", "参保登记表"]
    assert pension["source"]["sheet"] is None  # CSV


def test_reimporting_unchanged_files_changes_nothing(inbox: Path, workspace: Path) -> None:
    run_cli("import", inbox, "--workspace", workspace)
    again = run_json("import", inbox, "--workspace", workspace, expect_exit=1)
    statuses = sorted(f["status"] for f in again["files"])
    assert statuses == ["failed", "skipped", "skipped"]
    assert Workspace.open(workspace).store.count_matters() == 3


def test_a_changed_import_setting_reads_unchanged_files_again_without_force(tmp_path: Path, workspace: Path) -> None:
    """A clerk adds a header alias to matterkit.yaml: the next import applies it to files it already holds."""
    folder = tmp_path / "乡镇"
    folder.mkdir()
    with (folder / "红星镇.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["事项名称", "事项类型", "基本编码", "实施主体", "办件承诺天数"],
                                      ["城乡居民养老保险参保登记", "公共服务", "000135014000", "红星镇人民政府", "3"]])
    first = run_json("import", folder, "--workspace", workspace)
    assert first["files"][0]["status"] == "ok"
    assert "办件承诺天数" in first["files"][0]["sheets"][0]["unmapped"]

    config = workspace / "matterkit.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "aliases: {}", "aliases:\n  promised_limit: [办件承诺天数]"), encoding="utf-8")
    second = run_json("import", folder, "--workspace", workspace)
    third = run_json("import", folder, "--workspace", workspace)

    assert second["files"][0]["status"] == "ok" and second["files"][0]["sheets"][0]["unmapped"] == []
    assert [m.promised_limit for m in Workspace.open(workspace).store.iter_matters()] == [3]
    assert third["files"][0]["status"] == "skipped"


def test_reimporting_a_corrected_file_replaces_only_that_files_matters(inbox: Path, workspace: Path) -> None:
    run_cli("import", inbox, "--workspace", workspace)
    csv_path = inbox / "乡镇" / "红星镇.csv"
    text = csv_path.read_text(encoding="gbk").replace("城乡居民基本养老保险参保登记", "城乡居民养老保险参保登记")
    csv_path.write_text(text, encoding="gbk")
    run_cli("import", inbox, "--workspace", workspace)
    names = sorted(m.name for m in Workspace.open(workspace).store.iter_matters())
    assert names == ["个体工商户登记注册", "公共场所卫生许可", "城乡居民养老保险参保登记"]


def test_import_never_modifies_the_input_files(inbox: Path, workspace: Path) -> None:
    before = {p: p.read_bytes() for p in inbox.rglob("*") if p.is_file()}
    run_cli("import", inbox, "--workspace", workspace)
    assert {p: p.read_bytes() for p in inbox.rglob("*") if p.is_file()} == before


def test_level_and_body_options_apply_to_a_list_without_those_columns(tmp_path: Path, workspace: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("事项名称,事项类型,基本编码\n老年人优待证办理,公共服务,000135999000\n", encoding="utf-8")
    report = run_json("import", path, "--level", "村级", "--body", "柳树村村民委员会", "--workspace", workspace)
    assert report["files"][0]["level"] == "village"
    matter = next(Workspace.open(workspace).store.iter_matters())
    assert matter.body == "柳树村村民委员会" and matter.list_level == "village"


def test_xlsx_export_has_one_sheet_per_level_with_chinese_headers(inbox: Path, workspace: Path,
                                                                 tmp_path: Path) -> None:
    run_cli("import", inbox, "--workspace", workspace)
    target = tmp_path / "汇总.xlsx"
    result = run_cli("export", "--format", "xlsx", "-o", target, "--workspace", workspace)
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames[:3] == ["县级", "乡镇级", "村级"]
    county = wb["县级"]
    header = [c.value for c in county[1]]
    assert header[:3] == ["事项名称", "事项类型", "基本编码"]
    assert county.freeze_panes == "A2"
    names = [row[0] for row in county.iter_rows(min_row=2, values_only=True)]
    assert names == ["公共场所卫生许可", "个体工商户登记注册"]


def test_import_json_goes_to_a_file_with_dash_o(inbox: Path, workspace: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    run_cli("import", inbox, "--workspace", workspace, "--format", "json", "-o", target)
    assert json.loads(target.read_text(encoding="utf-8"))["totals"]["ok"] == 2


def test_status_summarises_levels_and_failed_files(inbox: Path, workspace: Path) -> None:
    run_cli("import", inbox, "--workspace", workspace)
    status = run_json("status", "--workspace", workspace)
    assert status["matters"] == 3
    assert status["per_level"] == {"county": 2, "township": 1}
    assert [Path(f["path"]).name for f in status["files"]["failed"]] == ["坏文件.xlsx"]
    text = run_cli("status", "--workspace", workspace).stdout
    assert "县级" in text and "坏文件.xlsx" in text


def test_english_messages_with_lang_en(inbox: Path, workspace: Path) -> None:
    result = run_cli("import", inbox, "--workspace", workspace, "--lang", "en")
    assert "files:" in result.stdout and "failed" in result.stdout


def test_import_does_not_lint_and_import_dash_dash_lint_lints_what_it_stored(tmp_path: Path, workspace: Path) -> None:
    from matterkit.lint.run import LintOptions, lint_workspace

    write_county_department(tmp_path / "市场监管局.xlsx")
    plain = run_json("import", tmp_path / "市场监管局.xlsx", "--workspace", workspace)
    assert "lint" not in plain
    ws = Workspace.open(workspace)
    assert not {"lint_files"} & {row[0] for row in ws.store.conn.execute("SELECT name FROM sqlite_master")}
    result = run_cli("import", tmp_path / "市场监管局.xlsx", "--force", "--lint", "--workspace", workspace,
                     "--format", "json")
    document = json.loads(result.stdout)
    assert document["schema"] == "matterkit.import/1" and document["lint"]["schema"] == "matterkit.lint/1"
    assert document["lint"]["summary"]["matters"] == 2
    errors = document["lint"]["summary"]["error"]
    assert result.exit_code == (1 if errors else 0), result.stderr
    again = lint_workspace(Workspace.open(workspace), LintOptions())
    assert again.recomputed == 0  # `import --lint` stored each file's results
    assert [f.as_dict() for f in again.result.findings] == document["lint"]["findings"]
