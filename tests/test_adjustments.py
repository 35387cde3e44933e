"""Done-when: between two snapshots where two powers moved to the township level, one was withdrawn, one
added and one had its legal basis changed, the 权责清单 调整表 lists exactly those five, each with the right
class — and nothing for a power whose only change is its phone number."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl
import pytest
from tests.cli_helpers import run_cli
from tests.workbook_builders import simple_workbook, soffice

from matterkit.diff.adjustments import classify
from matterkit.model import Location, Matter
from matterkit.workspace import Workspace

HEADER = ["事项名称", "事项类型", "基本编码", "主管部门", "实施主体", "设定依据", "权力来源", "咨询电话", "事项状态"]
MARKET = "青山县市场监督管理局"
TOWN = "青山县东城街道办事处"
PENALTY = ["对未取得食品经营许可从事食品经营活动的处罚", "行政处罚", "000202001000", MARKET]
INSPECTION = ["对个体工商户的行政检查", "行政检查", "000206001000", MARKET]
BILLBOARD = ["户外广告设置许可", "行政许可", "000101001000", "青山县城市管理局"]
HYGIENE = ["公共场所卫生许可", "行政许可", "000123020000", "青山县卫生健康局"]
PHARMACY = ["药品零售企业监督检查", "行政检查", "000206002000", MARKET]
WORKSHOP = ["食品小作坊登记", "行政许可", "000101099000", MARKET]
HOMESTEAD = ["农村村民宅基地申请审批", "行政许可", "000101062000", "青山县自然资源局"]
OLD_BASIS = "《公共场所卫生管理条例》第四条"
NEW_BASIS = "《公共场所卫生管理条例》第四条、第八条"


def county_row(power: list[str], *, basis: str = "《某法》第十条", phone: str = "0799-1234567") -> list[str]:
    return [*power, power[3], basis, "法定本级行使", phone, "在用"]


def town_row(power: list[str], source: str = "上级下放") -> list[str]:
    return [*power, TOWN, "《某法》第十条", source, "0799-7654321", "在用"]


def save_version(ws: Path, name: str, county: list[list[str]], town: list[list[str]]) -> None:
    simple_workbook(ws / "county.xlsx", {"清单": [HEADER, *county]})
    simple_workbook(ws / "town.xlsx", {"清单": [HEADER, *town]})
    assert run_cli("import", ws / "county.xlsx", "--level", "county", "--workspace", ws).exit_code == 0
    assert run_cli("import", ws / "town.xlsx", "--level", "township", "--workspace", ws).exit_code == 0
    assert run_cli("snapshot", "save", name, "--workspace", ws).exit_code == 0


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("adjust") / "ws"
    Workspace.init(ws, county="青山县")
    save_version(ws, "2025",
                 [county_row(PENALTY), county_row(INSPECTION), county_row(BILLBOARD),
                  county_row(HYGIENE, basis=OLD_BASIS), county_row(PHARMACY)],
                 [town_row(HOMESTEAD, "法定本级行使")])
    save_version(ws, "2026",
                 [county_row(HYGIENE, basis=NEW_BASIS), county_row(PHARMACY, phone="0799-7777777"),
                  county_row(WORKSHOP)],
                 [town_row(HOMESTEAD, "法定本级行使"), town_row(PENALTY), town_row(INSPECTION)])
    return ws


def test_the_table_lists_exactly_the_five_adjustments_with_their_class(workspace: Path) -> None:
    result = run_cli("diff", "2025", "2026", "--adjustments", "--format", "json", "--workspace", workspace)
    assert result.exit_code == 1, result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert document["schema"] == "matterkit.adjustments/1"
    got = {row["职权名称"]: row["调整类型"] for row in document["rows"]}
    assert got == {PENALTY[0]: "下放", INSPECTION[0]: "下放", BILLBOARD[0]: "取消", WORKSHOP[0]: "新增",
                   HYGIENE[0]: "变更"}
    assert document["summary"] == {"added": 1, "removed": 1, "changed": 1, "delegated": 2, "received": 0,
                                   "merged": 0, "split": 0}
    changed = next(row for row in document["rows"] if row["kind"] == "changed")
    assert changed["elements"] == ["legal_basis"] and changed["依据"] == NEW_BASIS
    assert OLD_BASIS in changed["调整内容"] and changed["调整理由"] == ""
    delegated = next(row for row in document["rows"] if row["职权名称"] == PENALTY[0])
    assert "下放至乡镇级" in delegated["调整内容"] and TOWN in delegated["调整内容"]
    assert [row["序号"] for row in document["rows"]] == [1, 2, 3, 4, 5]
    assert document["old"]["source"] == "2025" and document["old"]["kind"] == "snapshot"
    assert document["new"]["digest"] != document["old"]["digest"]


def test_the_workbook_and_page_are_in_the_published_layout(workspace: Path, tmp_path: Path) -> None:
    target = tmp_path / "调整表.xlsx"
    run_cli("diff", "2025", "2026", "--adjustments", "-f", "xlsx", "-o", target, "--workspace", workspace)
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].value == "青山县权责清单调整表" and sheet["A2"].value == "填报单位：青山县"
    assert "快照 2025" in sheet["A3"].value and "快照 2026" in sheet["A3"].value
    assert [c.value for c in sheet[4]] == ["序号", "部门", "职权编码", "职权名称", "职权类型", "调整类型", "调整内容",
                                           "调整理由", "依据", "备注"]
    assert sheet.max_row == 4 + 5 and sheet.page_setup.orientation == "landscape"
    page = tmp_path / "调整表.html"
    run_cli("diff", "2025", "2026", "--adjustments", "-f", "html", "-o", page, "--workspace", workspace)
    html = page.read_text(encoding="utf-8")
    assert html.count("<tr><td>") == 5 and "下放 2" in html and "<th>调整理由</th>" in html


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_adjustment_workbook(workspace: Path, tmp_path: Path) -> None:
    target = tmp_path / "adjustments.xlsx"
    run_cli("diff", "2025", "2026", "--adjustments", "-f", "xlsx", "-o", target, "--workspace", workspace)
    subprocess.run([soffice() or "soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
                    str(target)], check=True, capture_output=True, timeout=180)
    text = (tmp_path / "adjustments.csv").read_text(encoding="utf-8")
    assert "青山县权责清单调整表" in text and text.count("下放") >= 2 and WORKSHOP[0] in text


def _power(name: str, code: str, department: str = MARKET) -> Matter:
    return Matter(name=name, base_code=code, type="行政许可", department=department, list_level="county",
                  source=Location(file="x.xlsx", row=1))


def test_code_lineage_makes_a_split_and_similar_names_a_merge() -> None:
    old = [_power("食品经营许可", "000123001000"), _power("小餐饮登记", "000123005000"),
           _power("小餐饮备案", "000123006000")]
    new = [_power("食品经营许可（设立）", "00012300100001"), _power("食品经营许可（变更）", "00012300100002"),
           _power("小餐饮登记备案", "000123009000")]
    kinds = {a.kind: sorted(m.name or "" for m in a.new) for a in classify(old, new)}
    assert kinds == {"split": ["食品经营许可（变更）", "食品经营许可（设立）"], "merged": ["小餐饮登记备案"]}


def test_a_county_power_received_from_above_is_an_undertaking_not_an_addition() -> None:
    received = _power("建设工程消防验收", "000172001000").model_copy(update={"power_source": "上级下放"})
    [adjustment] = classify([], [received])
    assert adjustment.kind == "received"


def test_stats_counts_the_adjustments_since_an_old_version_and_the_special_lists(workspace: Path) -> None:
    result = run_cli("stats", "--since", "2025", "--format", "json", "--workspace", workspace)
    document = json.loads(result.stdout)
    assert document["adjustments"] == {"added": 1, "removed": 1, "changed": 1, "delegated": 2, "received": 0,
                                       "merged": 0, "split": 0}
    assert {entry["key"] for entry in document["special_lists"]} >= {"instant", "fees", "intermediary"}


def test_a_power_under_a_new_code_is_a_change_of_its_code() -> None:
    [adjustment] = classify([_power("小餐饮登记", "000123005000")], [_power("小餐饮登记", "000123005100")])
    assert adjustment.kind == "changed" and adjustment.elements == ["base_code"]
