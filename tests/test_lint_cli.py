"""`matterkit lint` as a bureau officer or a CI job uses it: real workbooks in, JSON and exit codes out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import typer
from typer.testing import CliRunner

HEADER = ["序号", "事项名称", "事项类型", "基本编码", "实施编码", "主管部门", "实施主体", "实施主体编码", "实施主体性质",
          "行使层级", "权力来源", "服务对象", "办件类型", "设定依据", "法定办结时限", "承诺办结时限", "受理条件", "办理流程",
          "申请材料", "是否收费", "到办事现场次数", "到现场办理原因说明", "咨询电话", "监督投诉电话", "办理地点", "办理时间",
          "事项状态"]
CLEAN = [1, "公共场所卫生许可", "行政许可", "000123020000", "12441500196720244T4000123020000", "青山县卫生健康局",
         "青山县卫生健康局", "12441500196720244T", "法定机关", "县级", "法定本级行使", "企业法人", "承诺件",
         "《公共场所卫生管理条例》第四条", "20个工作日", "5个工作日", "取得营业执照", "申请→受理→审查→决定",
         "1、卫生许可告知承诺书（必要）\n2、公共场所卫生许可申请表（必要）\n3、法定代表人身份证明（必要）\n"
         "4、地址方位示意图（必要）\n5、平面图和卫生设施平面布局图（必要）\n6、卫生管理制度（必要）", "否", 1, "需现场核验原件", "0763-1234567",
         "0763-12345678", "青山县政务服务中心", "工作日 9:00-17:00", "在用"]
COL = {name: openpyxl.utils.get_column_letter(i) for i, name in enumerate(HEADER, start=1)}


def row_with(**changes: Any) -> list[Any]:
    row = list(CLEAN)
    for header, value in changes.items():
        row[HEADER.index(header)] = value
    return row


def write_list(path: Path, rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "实施清单"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _app() -> typer.Typer:
    try:
        from matterkit.cli.app import get_app
        return get_app()
    except ModuleNotFoundError:  # another sub-command not written yet: lint and rules alone
        from matterkit.cli import lint, rules
        app = typer.Typer()

        @app.callback()
        def root() -> None:
            """matterkit"""

        lint.register(app)
        rules.register(app)
        return app


def run(*args: object, cwd: Path | None = None) -> Any:
    import os
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(_app(), [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)


def unwrapped(text: str) -> str:
    """Terminal output without the line breaks rich adds at the console width."""
    return "".join(text.split())


@pytest.fixture(autouse=True)
def chinese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--lang` sets MATTERKIT_LANG for the run; give each test a fresh environment."""
    monkeypatch.setenv("MATTERKIT_LANG", "zh")


@pytest.fixture
def over_promised(tmp_path: Path) -> Path:
    return write_list(tmp_path / "卫健局.xlsx", [
        row_with(**{"承诺办结时限": "25个工作日"}),
        row_with(**{"序号": 2, "事项名称": "个体工商户登记注册", "基本编码": "000131128000",
                    "实施编码": "12441500196720244T4000131128000", "实施主体编码": "11440300007542785T"}),
    ])


def test_over_promised_time_limit_is_reported_at_its_cell_with_value_expected_and_regulation(
        over_promised: Path) -> None:
    result = run("lint", over_promised.name, "--format", "json", cwd=over_promised.parent)
    assert result.exit_code == 1  # PRC001 is a warning, the bad credit code of row 3 an error
    document = json.loads(result.stdout)
    assert document["schema"] == "matterkit.lint/1"
    assert document["summary"]["files"] == 1 and document["summary"]["matters"] == 2
    [finding] = [f for f in document["findings"] if f["rule"] == "PRC001"]
    assert finding["message"] == "承诺办结时限（25个工作日）超过法定办结时限（20个工作日）"
    assert finding["element"] == "promised_limit" and finding["value"] == 25
    assert finding["expected"] == "≤ 20个工作日"
    assert finding["location"] == {"file": "卫健局.xlsx", "sheet": "实施清单", "row": 2,
                                   "column": COL["承诺办结时限"], "cell": f"{COL['承诺办结时限']}2"}
    assert finding["matter"]["name"] == "公共场所卫生许可" and finding["matter"]["base_code"] == "000123020000"
    assert finding["source"]["title"] and "clause" in finding["source"]
    assert {f["rule"] for f in document["findings"]} == {"PRC001", "FMT003", "FMT005"}


def test_clean_list_prints_one_line_and_exits_zero(tmp_path: Path) -> None:
    path = write_list(tmp_path / "clean.xlsx", [CLEAN])
    result = run("lint", path, "--catalogue", "bundled")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip().splitlines() == ["检查通过：1 个事项（1 个文件），未发现问题。"]
    english = run("lint", path, "--lang", "en")
    assert english.stdout.strip() == "All clear: 1 matters in 1 files, no findings."


def test_fail_level_and_exit_zero_decide_the_exit_code(tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.xlsx", [row_with(**{"承诺办结时限": "25个工作日"})])
    assert run("lint", path).exit_code == 0  # only a warning
    assert run("lint", path, "--fail-level", "warning").exit_code == 1
    assert run("lint", path, "--fail-level", "warning", "--exit-zero").exit_code == 0
    assert run("lint", path, "--fail-level", "fatal").exit_code == 2


def test_select_and_ignore_by_prefix_more_specific_wins(tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.xlsx", [row_with(**{"承诺办结时限": "25个工作日", "实施主体编码": "11440300007542785T"})])

    def rules(*args: str) -> set[str]:
        result = run("lint", path, "--format", "json", *args)
        return {f["rule"] for f in json.loads(result.stdout)["findings"]}

    assert rules() == {"PRC001", "FMT003", "FMT005"}
    assert rules("--select", "PRC") == {"PRC001"}
    assert rules("--select", "FMT,PRC", "--ignore", "FMT005") == {"PRC001", "FMT003"}
    assert rules("--select", "FMT003", "--ignore", "FMT") == {"FMT003"}  # more specific select wins
    assert rules("--select", "FMT", "--ignore", "FMT") == set()  # ignore wins ties
    assert rules("--ignore", "ALL", "--select", "PRC001") == {"PRC001"}


def test_output_formats_write_files(over_promised: Path) -> None:
    folder = over_promised.parent
    for fmt, name in (("jsonl", "r.jsonl"), ("html", "r.html"), ("xlsx", "r.xlsx"), ("text", "r.txt")):
        assert run("lint", over_promised, "--format", fmt, "-o", folder / name).exit_code == 1
    lines = (folder / "r.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["rule"] for line in lines} == {"PRC001", "FMT003", "FMT005"}
    html = (folder / "r.html").read_text(encoding="utf-8")
    assert "承诺办结时限（25个工作日）超过法定办结时限（20个工作日）" in html and "<script" not in html
    sheet = openpyxl.load_workbook(folder / "r.xlsx")["问题"]
    assert sheet.freeze_panes == "A2"
    assert "PRC001" in [c.value for c in sheet["B"]]
    text = (folder / "r.txt").read_text(encoding="utf-8")
    assert "按规则统计" in text and "按部门统计" in text and "青山县卫生健康局" in text


def test_baseline_accepts_known_findings_and_reports_stale_entries(tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.xlsx", [row_with(**{"承诺办结时限": "25个工作日"})])
    baseline = tmp_path / "accepted.json"
    assert run("lint", path, "--write-baseline", "--baseline", baseline).exit_code == 0
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert [(e["rule"], e["element"], e["value"]) for e in entries] == [("PRC001", "promised_limit", 25)]
    document = json.loads(run("lint", path, "--baseline", baseline, "--format", "json").stdout)
    assert document["findings"] == [] and document["baseline"]["suppressed"] == 1
    write_list(path, [CLEAN])  # the department fixed it: the exception is stale now
    document = json.loads(run("lint", path, "--baseline", baseline, "--format", "json").stdout)
    assert [e["rule"] for e in document["baseline"]["stale"]] == ["PRC001"]
    assert "基线中有 1 条已不存在的问题" in run("lint", path, "--baseline", baseline).stdout
    document = json.loads(run("lint", path, "--baseline", baseline, "--select", "FMT", "--format", "json").stdout)
    assert document["baseline"]["stale"] == []  # PRC001 did not run: its exception is not judged


def test_a_mistake_in_a_rule_pack_names_file_and_line_without_traceback(tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.xlsx", [CLEAN])
    pack = tmp_path / "county.yaml"
    pack.write_text("""pack: county
title: {zh: 本县规则}
extends: [national]
rules:
  - code: CTY001
    name: phone-form
    title: {zh: 咨询电话格式}
    severity: warning
    source: {title: 本县规定}
    kind: pattern
    params: {element: phone, pattern: '([0-9]+'}
    examples: {pass: [{phone: "1"}], fail: [{phone: x}]}
""", encoding="utf-8")
    result = run("lint", path, "--pack", pack)
    assert result.exit_code == 2
    assert f"{pack}:11" in unwrapped(result.stderr) and "正则表达式无效" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    pack.write_text(pack.read_text(encoding="utf-8").replace("kind: pattern", "kind: patern"), encoding="utf-8")
    result = run("lint", path, "--pack", pack)
    assert result.exit_code == 2 and f"{pack}:10" in unwrapped(result.stderr) and "patern" in result.stderr
    pack.write_text(pack.read_text(encoding="utf-8").replace("severity: warning", "severity: fatal"),
                    encoding="utf-8")
    result = run("lint", path, "--pack", pack)
    assert result.exit_code == 2 and f"{pack}:8" in unwrapped(result.stderr)
    assert "rules.0.severity" in unwrapped(result.stderr)


def test_county_pack_adds_a_rule_and_overrides_a_shipped_one(tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.xlsx", [row_with(**{"承诺办结时限": "25个工作日", "咨询电话": "1234567"})])
    pack = tmp_path / "county.yaml"
    pack.write_text("""pack: county
title: {zh: 本县规则}
extends: [national, practice]
overrides:
  PRC001: {severity: error}
rules:
  - code: CTY001
    name: phone-form
    title: {zh: 咨询电话写区号}
    severity: warning
    source: {title: 本县政务服务指南编写规定, clause: 第三条}
    kind: pattern
    params: {element: phone, pattern: '^0[0-9]{2,3}-', expected: 区号-号码}
    examples: {pass: [{phone: 0763-1234567}], fail: [{phone: "1234567"}]}
""", encoding="utf-8")
    result = run("lint", path, "--pack", pack, "--format", "json")
    assert result.exit_code == 1
    found = {f["rule"]: f for f in json.loads(result.stdout)["findings"]}
    assert found["PRC001"]["severity"] == "error"
    assert found["CTY001"]["source"] == {"title": "本县政务服务指南编写规定", "clause": "第三条", "url": None}
    assert found["CTY001"]["location"]["cell"] == f"{COL['咨询电话']}2"


def test_rules_lists_and_explains_rules(tmp_path: Path) -> None:
    listing = json.loads(run("rules", "--format", "json", cwd=tmp_path).stdout)
    codes = [r["code"] for r in listing["rules"]]
    assert {"REQ001", "PRC001", "CAT002"} <= set(codes) and "PRV001" not in codes
    shown = run("rules", "show", "prc001", cwd=tmp_path)
    assert shown.exit_code == 0 and "承诺办结时限（25个工作日）超过法定办结时限（20个工作日）" in shown.stdout
    detail = json.loads(run("rules", "show", "FMT003", "--format", "json", "--lang", "en", cwd=tmp_path).stdout)
    assert detail["source"]["title"].startswith("GB 32100") and detail["examples"]["fail"][0]["messages"]
    assert run("rules", "show", "XYZ999", cwd=tmp_path).exit_code == 2
    province = json.loads(run("rules", "--pack", "example-province", "--format", "json", cwd=tmp_path).stdout)
    assert "PRV001" in [r["code"] for r in province["rules"]]


def _numbered_rows(count: int, **changes: Any) -> list[list[Any]]:
    """`count` clean rows of distinct matters (their own names and codes), with `changes` on each."""
    rows = []
    for n in range(1, count + 1):
        code = f"{n:06d}020000"
        rows.append(row_with(**{"序号": n, "事项名称": f"公共场所卫生许可{n}", "基本编码": code,
                                "实施编码": "12441500196720244T4" + code, **changes}))
    return rows


def test_a_sheet_whose_materials_never_state_necessity_gets_one_finding(tmp_path: Path) -> None:
    """Materials listed in one cell without 必要/非必要 on every row: the sheet has nowhere to say it, so one
    finding for the sheet, not 25; a sheet that states it for some rows gets the others' rows named."""
    bare = write_list(tmp_path / "一格材料.xlsx", _numbered_rows(25, 申请材料="身份证、户口簿、申请表"))
    mixed_rows = _numbered_rows(25, 申请材料="身份证、户口簿")
    mixed_rows[0] = row_with(**{"申请材料": "身份证（必要）、户口簿（非必要）"})
    mixed = write_list(tmp_path / "部分注明.xlsx", mixed_rows)

    [sheet] = [f for f in json.loads(run("lint", bare, "--format", "json", "--select", "REQ006").stdout)["findings"]]
    rows = [f["location"]["row"] for f in
            json.loads(run("lint", mixed, "--format", "json", "--select", "REQ006").stdout)["findings"]]

    assert sheet["location"]["row"] is None and sheet["location"]["sheet"] == "实施清单"
    assert "本表 25 个事项的申请材料都没有注明材料必要性" in sheet["message"]
    assert rows == list(range(3, 27))


def test_the_rows_of_a_rule_on_several_sheets_say_which_sheet_each_is_on() -> None:
    from matterkit.lint.findings import Finding
    from matterkit.model import Location
    from matterkit.render.lint_groups import rows_text

    def at(file: str, sheet: str | None, row: int) -> Finding:
        return Finding("CAT002", "locked-elements-match-catalogue", "error", "", "name", None, None,
                       Location(file=file, sheet=sheet, row=row), {}, None)

    one = [at("县/民政局.xlsx", "实施清单", 9), at("县/民政局.xlsx", "实施清单", 4)]
    several = [at("县/民政局.csv", None, 4), at("镇/白沙镇.xlsx", "实施清单", 8), at("县/民政局.csv", None, 11)]
    assert rows_text(one, "zh") == "第 4、9 行"
    assert rows_text(several, "zh") == "民政局.csv 第 4、11 行；白沙镇.xlsx·实施清单 第 8 行"


def test_a_whole_columns_habit_is_one_finding_for_the_sheet(tmp_path: Path) -> None:
    """Every row writes 行使层级 as 县级、乡镇（街道）级: one NRM006 for the sheet, quoting the first row; the
    same change on 3 rows of 25 is said on each of them."""
    habit = write_list(tmp_path / "整列.xlsx", _numbered_rows(25, 行使层级="县级、乡镇（街道）级"))
    some_rows = _numbered_rows(25)
    for row in some_rows[:3]:
        row[HEADER.index("行使层级")] = "县级、乡镇（街道）级"
    some = write_list(tmp_path / "少数行.xlsx", some_rows)

    [sheet] = json.loads(run("lint", habit, "--format", "json", "--select", "NRM006").stdout)["findings"]
    rows = [f["location"]["row"] for f in
            json.loads(run("lint", some, "--format", "json", "--select", "NRM006").stdout)["findings"]]

    assert sheet["location"]["row"] is None and sheet["element"] == "level"
    assert sheet["message"].startswith("本表 25 行的行使层级都是这样（逐行不再列出），如第 2 行：行使层级“县级、乡镇（街道）级”")
    assert rows == [2, 3, 4]


def test_one_value_outside_the_code_table_on_every_row_is_one_finding_for_the_sheet(tmp_path: Path) -> None:
    path = write_list(tmp_path / "村帮办.xlsx", _numbered_rows(25, 办件类型="代办件"))
    [sheet] = json.loads(run("lint", path, "--format", "json", "--select", "ENUM001").stdout)["findings"]
    assert sheet["location"]["row"] is None and sheet["value"] == "代办件"
    assert sheet["message"].startswith("本表 25 行的办件类型都是“代办件”，不在代码表中")
