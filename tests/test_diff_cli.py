"""`matterkit diff` and `matterkit snapshot` as a clerk types them, on real workbooks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from tests.cli_helpers import run_cli

from matterkit.importer import import_into_workspace
from matterkit.workspace import Workspace

HEADERS = ["序号", "事项名称", "基本编码", "事项类型", "主管部门", "实施主体", "设定依据", "承诺办结时限", "申请材料"]
LOW_INCOME = ["城乡最低生活保障对象认定", "000112001000", "行政确认", "青山县民政局", None,
              "《社会救助暂行办法》第十一条", "20个工作日", "1.申请表\n2.身份证"]
PENSION = ["城乡居民基本养老保险参保登记", "000115001000", "公共服务", "青山县人力资源和社会保障局", None,
           "《中华人民共和国社会保险法》第二十条", "3个工作日", "1.身份证\n2.户口簿"]


def matterkit(*args: str | Path) -> Any:
    """`matterkit ARGS…` in-process, as the clerk types it."""
    return run_cli(*args)


def write_list(path: Path, body: str, rows: list[list[object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "实施清单"
    sheet.append(HEADERS)
    for number, row in enumerate(rows, 1):
        values = list(row)
        values[4] = body
        sheet.append([number, *values])
    workbook.save(path)
    return path


def township_folder(root: Path) -> Path:
    write_list(root / "乡镇" / "东关镇.xlsx", "东关镇人民政府", [LOW_INCOME, PENSION])
    write_list(root / "乡镇" / "西河乡.xlsx", "西河乡人民政府", [LOW_INCOME, PENSION])
    write_list(root / "乡镇" / "南山镇.xlsx", "南山镇人民政府", [LOW_INCOME])
    return root / "乡镇"


@pytest.fixture(autouse=True)
def chinese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--lang` sets MATTERKIT_LANG for the process; each test starts in Chinese again."""
    monkeypatch.setenv("MATTERKIT_LANG", "zh")


@pytest.fixture()
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace.init(tmp_path / "ws")
    config = ws.config_path.read_text(encoding="utf-8").replace("catalogue: bundled", "catalogue: null")
    ws.config_path.write_text(config, encoding="utf-8")
    ws = Workspace.open(ws.root)
    import_into_workspace(ws, [township_folder(ws.root)], workers=1)
    return ws


def test_a_township_lacking_a_matter_its_peers_offer_fails_the_diff(workspace: Workspace) -> None:
    result = matterkit("diff", "--workspace", workspace.root, "--format", "json")
    assert result.exit_code == 1, result.stdout
    document = json.loads(result.stdout)
    assert document["schema"] == "matterkit.diff/1"
    [missing] = document["differences"]
    assert (missing["kind"], missing["matter"]["name"], missing["matter"]["body"]) == (
        "missing", "城乡居民基本养老保险参保登记", "南山镇人民政府")
    assert document["summary"]["coverage"][0]["basis"] == "peers"


def test_exit_zero_and_fail_on_choose_the_exit_code(workspace: Workspace) -> None:
    assert matterkit("diff", "--workspace", workspace.root, "--exit-zero").exit_code == 0
    assert matterkit("diff", "--workspace", workspace.root, "--fail-on", "near_duplicate").exit_code == 0
    assert matterkit("diff", "--workspace", workspace.root, "--fail-on", "missing").exit_code == 1
    wrong = matterkit("diff", "--workspace", workspace.root, "--fail-on", "missed")
    assert wrong.exit_code == 2 and "missed" in wrong.stderr


def test_text_report_starts_with_the_summary(workspace: Workspace) -> None:
    result = matterkit("diff", "--workspace", workspace.root, "--lang", "en")
    assert result.stdout.lstrip().startswith("Summary")
    assert "missing matter" in result.stdout


def test_xlsx_and_html_reports_are_written_to_the_named_files(workspace: Workspace, tmp_path: Path) -> None:
    xlsx, html = tmp_path / "报告" / "diff.xlsx", tmp_path / "diff.html"
    assert matterkit("diff", "--workspace", workspace.root, "--format", "xlsx", "-o", xlsx).exit_code == 1
    assert "覆盖矩阵-乡镇级" in load_workbook(xlsx).sheetnames
    assert matterkit("diff", "--workspace", workspace.root, "--format", "html", "-o", html).exit_code == 1
    assert "南山镇人民政府" in html.read_text(encoding="utf-8")
    refused = matterkit("diff", "--workspace", workspace.root, "--format", "xlsx")
    assert refused.exit_code == 2 and "Traceback" not in refused.stderr


def test_a_folder_against_itself_is_an_empty_version_diff(tmp_path: Path) -> None:
    folder = township_folder(tmp_path / "lists")
    result = matterkit("diff", folder, folder)
    assert result.exit_code == 0, result.stdout
    assert "没有发现差异" in result.stdout


def test_one_changed_cell_is_exactly_one_changed_element(tmp_path: Path) -> None:
    old = township_folder(tmp_path / "2025")
    new = tmp_path / "2026"
    shutil.copytree(old, new)
    workbook = load_workbook(new / "西河乡.xlsx")
    workbook["实施清单"]["H2"] = "15个工作日"
    workbook.save(new / "西河乡.xlsx")
    result = matterkit("diff", old, new, "--format", "json")
    assert result.exit_code == 1
    [changed] = json.loads(result.stdout)["differences"]
    assert (changed["kind"], changed["element"], changed["left"]["value"], changed["right"]["value"]) == (
        "changed", "promised_limit", 20, 15)
    assert changed["right"]["location"]["cell"] == "H2"


def test_a_snapshot_is_compared_with_the_workspace_after_a_new_import(workspace: Workspace) -> None:
    saved = matterkit("snapshot", "save", "2025", "--workspace", workspace.root)
    assert saved.exit_code == 0, saved.stderr
    listed = json.loads(matterkit("snapshot", "list", "--workspace", workspace.root, "--format", "json").stdout)
    assert [(s["name"], s["matters"]) for s in listed["snapshots"]] == [("2025", 5)]
    write_list(workspace.root / "乡镇" / "南山镇.xlsx", "南山镇人民政府", [LOW_INCOME, PENSION])
    import_into_workspace(workspace, [workspace.root / "乡镇"], workers=1)
    result = matterkit("diff", "2025", workspace.root, "--workspace", workspace.root, "--format", "json")
    assert result.exit_code == 1
    [added] = json.loads(result.stdout)["differences"]
    assert (added["kind"], added["matter"]["name"], added["matter"]["body"]) == (
        "added", "城乡居民基本养老保险参保登记", "南山镇人民政府")
    shorter = matterkit("diff", "2025", "--workspace", workspace.root, "--format", "json")
    assert json.loads(shorter.stdout)["differences"] == json.loads(result.stdout)["differences"]
    again = matterkit("snapshot", "save", "2025", "--workspace", workspace.root)
    assert again.exit_code == 2 and "--force" in again.stderr


def test_an_unknown_version_argument_is_a_clear_error(tmp_path: Path) -> None:
    result = matterkit("diff", "去年", tmp_path / "没有这个文件夹")
    assert result.exit_code == 2
    assert "去年" in result.stderr and "Traceback" not in result.stderr
    alone = run_cli("diff", "只有一个", cwd=tmp_path)
    assert alone.exit_code == 2 and "matterkit diff" in alone.stderr
