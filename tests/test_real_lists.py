"""Real published lists as a bureau tries them: a 事项目录 of 330 rows and 30 departments, and an
implementation list with fewer columns than the example county's. Lint says once per sheet what a sheet
lacks, and errors only on the rows with real defects."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cli_helpers import run_cli, run_json
from real_lists import RealList, real_directory
from test_lint_cli import CLEAN, HEADER


def _workspace(tmp_path: Path, *import_args: str) -> tuple[Path, RealList, dict[str, Any]]:
    listing = real_directory(tmp_path / "某某区政务服务事项目录.xlsx")
    assert run_cli("init", tmp_path).exit_code == 0
    report = run_json("import", listing.path, *import_args, "-w", tmp_path)
    return tmp_path, listing, report


def _lint(root: Path) -> dict[str, Any]:
    return run_json("lint", "-w", root, expect_exit=1)


def test_directory_is_recognised_from_its_columns_and_kept_with_each_matter(tmp_path: Path) -> None:
    root, listing, report = _workspace(tmp_path)
    [sheet] = report["files"][0]["sheets"]
    assert (sheet["kind"], sheet["kind_from"], sheet["matters"]) == ("directory", "columns", 330)
    assert sheet["kind_confidence"] == 1.0
    exported = json.loads(run_cli("export", "--format", "json", "-w", root).stdout)
    assert {record["source"]["kind"] for record in exported["matters"]} == {"directory"}
    # the province's dashed 事项编码 is decomposed into its parts, the whole code kept as 实施编码
    first = exported["matters"][0]
    item, area, _, body, *_ = first["impl_code"].split("-")
    assert (first["base_code"], first["area_code"], first["body_code"]) == (item, area, body)
    assert all(record["base_code"] and record["area_code"] for record in exported["matters"])
    document = _lint(root)
    assert document["lists"] == [{"file": str(listing.path), "sheet": "事项目录", "kind": "directory",
                                  "kind_from": "columns", "kind_confidence": 1.0, "matters": 330}]


def test_directory_has_errors_only_on_rows_with_real_defects(tmp_path: Path) -> None:
    root, listing, _ = _workspace(tmp_path)
    findings = _lint(root)["findings"]
    assert listing.rows >= 300 and len(listing.departments) == 30
    errors = [f for f in findings if f["severity"] == "error"]
    assert {f["location"]["row"] for f in errors} <= listing.defect_rows
    credit = {f["location"]["row"] for f in findings if f["rule"] == "FMT003"}
    assert credit == {*listing.bad_credit_rows, *listing.lowercase_credit_rows}  # lower case is an error too
    duplicates = {f["location"]["row"] for f in findings if f["rule"] == "UNQ002"}
    assert duplicates == set(listing.duplicate_name_rows)
    # a 事项目录 is not asked for what it never holds: no time limit, place or phone, per row or per sheet
    assert not [f for f in findings if f["rule"].startswith("REQ")]
    assert len(findings) < 4 * listing.rows  # noise would be ≈ 18 a row


def test_declared_implementation_list_names_each_absent_column_once(tmp_path: Path) -> None:
    root, listing, report = _workspace(tmp_path, "--kind", "实施清单")
    [sheet] = report["files"][0]["sheets"]
    assert (sheet["kind"], sheet["kind_from"], sheet["kind_confidence"]) == ("implementation", "option", 1.0)
    findings = _lint(root)["findings"]
    required = [f for f in findings if f["rule"].startswith("REQ")]
    per_element = Counter((f["rule"], f["element"]) for f in required)
    assert per_element and set(per_element.values()) == {1}
    assert {("REQ004", "legal_limit"), ("REQ008", "hours"), ("REQ002", "body_nature")} <= set(per_element)
    for finding in required:
        assert finding["location"] == {"file": str(listing.path), "sheet": "事项目录", "row": None,
                                       "column": None, "cell": None}
    limit = next(f for f in required if f["element"] == "legal_limit")
    assert limit["message"] == "本表没有「法定办结时限」列（实施清单要求）"


def _fewer_columns(path: Path) -> Path:
    """Three clean rows of an implementation list that lacks the example county's guide columns."""
    dropped = {"受理条件", "办理流程", "申请材料", "到办事现场次数", "到现场办理原因说明", "监督投诉电话", "办理时间",
               "实施主体性质", "权力来源"}
    keep = [i for i, header in enumerate(HEADER) if header not in dropped]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "实施清单"
    sheet.append([HEADER[i] for i in keep])
    for number, name in enumerate(("公共场所卫生许可", "放射诊疗许可", "医疗机构执业登记"), start=1):
        row = list(CLEAN)
        row[0], row[1] = number, name
        row[3] = f"00012302000{number}"
        row[4] = f"12441500196720244T400012302000{number}"
        sheet.append([row[i] for i in keep])
    workbook.save(path)
    return path


def test_clean_rows_of_a_list_with_fewer_columns_have_no_errors(tmp_path: Path) -> None:
    path = _fewer_columns(tmp_path / "县卫健局.xlsx")
    result = run_cli("lint", path, "--format", "json")
    document = json.loads(result.stdout)
    assert document["lists"][0]["kind"] == "implementation"
    row_errors = [f for f in document["findings"] if f["severity"] == "error" and f["location"]["row"]]
    assert row_errors == []
    sheet_level = [f for f in document["findings"] if f["location"]["row"] is None]
    assert Counter((f["rule"], f["element"]) for f in sheet_level) == {
        ("REQ002", "body_nature"): 1, ("REQ002", "power_source"): 1, ("REQ004", "conditions"): 1,
        ("REQ004", "process"): 1, ("REQ005", "visits"): 1, ("REQ008", "complaint_phone"): 1,
        ("REQ008", "hours"): 1}


def test_text_report_groups_by_department_and_rule(tmp_path: Path) -> None:
    root, listing, _ = _workspace(tmp_path, "--kind", "implementation")
    text = run_cli("lint", "-w", root).stdout
    lines = text.splitlines()
    assert len(lines) < 400  # ≈ 15 lines a department, not one a finding
    assert "整表问题（每表一次）" in text and text.count("本表没有「办理时间」列（实施清单要求）") == 1
    assert listing.departments[4] in text and "FMT003" in text and "第 49 行" in text
    assert "清单类型：实施清单 1 个工作表，330 个事项（导入时 --kind 指定）" in text


def test_text_report_names_each_rule_by_its_title_in_the_users_language(tmp_path: Path) -> None:
    root, _, _ = _workspace(tmp_path)
    chinese = run_cli("lint", "-w", root).stdout
    english = run_cli("lint", "-w", root, "--lang", "en").stdout
    assert "FMT003 实施主体编码是有效的统一社会信用代码" in chinese and "body-code-check-character" not in chinese
    assert "FMT003 Body code is a valid unified social credit code" in english


def test_annotated_workbook_lists_whole_sheet_findings(tmp_path: Path) -> None:
    root, listing, _ = _workspace(tmp_path, "--kind", "implementation")
    result = run_cli("lint", "-w", root, "--annotate", "-d", tmp_path / "out")
    assert result.exit_code == 1
    [annotated] = (tmp_path / "out").glob("*.xlsx")
    sheet = openpyxl.load_workbook(annotated)["问题清单"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    whole = [row for row in rows if row[5] == "整表"]
    assert whole and all(row[4] == "事项目录" for row in whole)
    assert "本表没有「办理时间」列（实施清单要求）" in [row[10] for row in whole]


def test_summary_workbook_has_a_sheet_per_department(tmp_path: Path) -> None:
    root, listing, _ = _workspace(tmp_path)
    target = tmp_path / "问题汇总.xlsx"
    assert run_cli("lint", "-w", root, "--format", "xlsx", "-o", target).exit_code == 1
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[0] == "问题汇总"
    with_findings = {row[1] for row in workbook["问题汇总"].iter_rows(min_row=2, values_only=True)}
    # the departments whose rows carry a real defect; the catalogue's sheet-level note sits apart
    from real_lists import HEADER_ROW, ROWS_PER_DEPARTMENT
    defective = {listing.departments[(row - HEADER_ROW - 1) // ROWS_PER_DEPARTMENT] for row in listing.defect_rows}
    assert with_findings == defective and "整表问题" in workbook.sheetnames
    assert with_findings <= set(workbook.sheetnames)
    ranking = list(workbook["问题汇总"].iter_rows(min_row=2, values_only=True))
    errors = [row[2] for row in ranking]
    assert errors == sorted(errors, reverse=True)
    department = workbook[listing.departments[4]]  # one of those with a mistyped credit code
    assert ("FMT003", "实施主体编码是有效的统一社会信用代码", "错误", 1) in [row[:4] for row in department.iter_rows(values_only=True)]


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice not installed")
def test_summary_workbook_opens_in_libreoffice(tmp_path: Path) -> None:
    from workbook_builders import convert_with_soffice

    root, listing, _ = _workspace(tmp_path)
    target = tmp_path / "问题汇总.xlsx"
    assert run_cli("lint", "-w", root, "--format", "xlsx", "-o", target).exit_code == 1
    converted = convert_with_soffice(target, "ods", tmp_path / "converted")
    from matterkit.readers import open_sheets

    names = [sheet.name for sheet in open_sheets(converted)]
    written = openpyxl.load_workbook(target).sheetnames
    assert names[0] == "问题汇总" and names == written and len(set(names) & set(listing.departments)) > 10


def test_stats_count_matters_per_list_kind(tmp_path: Path) -> None:
    root, listing, _ = _workspace(tmp_path)
    document = run_json("stats", "-w", root)
    assert [(group["key"], group["label"], group["matters"]) for group in document["by_kind"]] == [
        ("directory", "事项目录", listing.rows)]


def test_publish_on_a_directory_with_findings_gives_directory_stats_and_findings(tmp_path: Path) -> None:
    root, listing, _ = _workspace(tmp_path)
    out = tmp_path / "site"
    result = run_cli("publish", "--only", "html,list", "-d", out, "--format", "json", "-w", root)
    assert result.exit_code == 1, result.stderr  # published, and the findings make it exit 1 like lint
    document = json.loads(result.stdout)
    assert document["errors"] > 0 and document["guides"] == 0  # a 事项目录 carries no guide elements
    assert (out / "guides" / "index.html").is_file() and (out / "权责清单.xlsx").is_file()
    directory = (out / "事项目录.html").read_text(encoding="utf-8")
    assert all(department in directory for department in listing.departments)
    assert directory.count("<tr><td>") == listing.rows
    assert "按清单类型" in (out / "统计.html").read_text(encoding="utf-8")
    findings = (out / "问题汇总.html").read_text(encoding="utf-8")
    assert listing.departments[4] in findings and "FMT003" in findings
    assert len(result.stderr.splitlines()) < 5  # no wall of refusals


def test_strict_publish_of_a_directory_with_errors_refuses(tmp_path: Path) -> None:
    root, _, _ = _workspace(tmp_path)
    result = run_cli("publish", "--strict", "-d", tmp_path / "site", "-w", root)
    assert result.exit_code == 1
    assert "错误级问题" in result.stderr and not (tmp_path / "site").exists()


def test_a_list_with_guide_elements_still_gets_its_guides(tmp_path: Path) -> None:
    path = _fewer_columns(tmp_path / "县卫健局.xlsx")
    result = run_cli("publish", path, "--only", "html", "-d", tmp_path / "site", "--format", "json")
    assert result.exit_code == 1, result.stderr  # the sheet lacks columns an implementation list must have
    document = json.loads(result.stdout)
    assert document["guides"] == 3 and document["errors"] == 7  # the seven absent columns, once each


@pytest.mark.parametrize("command", ["lint", "publish", "demo", "import", "rules", ""])
def test_help_is_chinese_and_flags_are_flags(command: str) -> None:
    result = run_cli(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert "显示本帮助信息并退出" in result.stdout and "Show this message" not in result.stdout
    assert "<bool>" not in result.stdout


def test_folder_outputs_take_out_dir_and_the_old_names_still_work() -> None:
    for command in ("lint", "publish", "demo"):
        assert "--out-dir" in run_cli(command, "--help").stdout, command
    demo = run_cli("demo", "--help").stdout
    assert "--out " not in demo  # the old name is a hidden alias


def _configure_kinds(root: Path, mapping: str) -> None:
    config = root / "matterkit.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nimport:\n", f"\nimport:\n  kinds:\n    {mapping}\n", 1), encoding="utf-8")


def test_a_source_declared_in_matterkit_yaml_gets_its_kind(tmp_path: Path) -> None:
    listing = real_directory(tmp_path / "公开目录.xlsx")
    assert run_cli("init", tmp_path).exit_code == 0
    _configure_kinds(tmp_path, '"*/公开目录.xlsx": implementation')
    report = run_json("import", listing.path, "-w", tmp_path)
    [sheet] = report["files"][0]["sheets"]
    assert (sheet["kind"], sheet["kind_from"]) == ("implementation", "config")


def test_an_unknown_kind_in_matterkit_yaml_names_its_line(tmp_path: Path) -> None:
    listing = real_directory(tmp_path / "公开目录.xlsx")
    assert run_cli("init", tmp_path).exit_code == 0
    _configure_kinds(tmp_path, '"*/公开目录.xlsx": 清单')
    result = run_cli("import", listing.path, "-w", tmp_path)
    assert result.exit_code == 2 and "matterkit.yaml:" in result.stderr and "import.kinds" in result.stderr


def test_a_pack_says_what_each_kind_requires_and_a_wrong_element_names_its_line(tmp_path: Path) -> None:
    from matterkit.errors import ConfigError
    from matterkit.lint.packs import load_ruleset

    pack = tmp_path / "county.yaml"
    pack.write_text("pack: county\ntitle: {zh: 本县}\nextends: [national]\nkinds:\n"
                    "  directory: {requires: [name, department]}\n", encoding="utf-8")
    ruleset = load_ruleset([str(pack)], tmp_path)
    assert ruleset.kinds["directory"] == ["name", "department"]  # the county's entry replaces the national one
    assert ruleset.rules["REQ001"].kinds["directory"] == ["name", "department"]
    pack.write_text("pack: county\ntitle: {zh: 本县}\nkinds:\n  directory: {requires: [name, 办理时限]}\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_ruleset([str(pack)], tmp_path)
    assert "county.yaml:4" in str(error.value) and "kinds.directory.requires.1" in str(error.value)


def test_an_unknown_kind_option_is_a_usage_error(tmp_path: Path) -> None:
    listing = real_directory(tmp_path / "目录.xlsx")
    assert run_cli("init", tmp_path).exit_code == 0
    result = run_cli("import", listing.path, "--kind", "清单", "-w", tmp_path)
    assert result.exit_code == 2 and "directory" in result.stderr + result.stdout


def test_a_lowercase_credit_code_is_a_finding(tmp_path: Path) -> None:
    root, listing, _ = _workspace(tmp_path)
    rows = {f["location"]["row"] for f in _lint(root)["findings"] if f["element"] == "body_code"}
    assert set(listing.lowercase_credit_rows) <= rows


def test_a_departments_own_list_counts_what_it_lacks_against_that_department(tmp_path: Path) -> None:
    path = _fewer_columns(tmp_path / "县卫健局.xlsx")
    target = tmp_path / "问题汇总.xlsx"
    assert run_cli("lint", path, "--format", "xlsx", "-o", target).exit_code == 1
    workbook = openpyxl.load_workbook(target)
    [ranked] = list(workbook["问题汇总"].iter_rows(min_row=2, values_only=True))
    assert ranked[:3] == (1, "青山县卫生健康局", 7) and "整表问题" not in workbook.sheetnames
    messages = [row[14] for row in workbook["青山县卫生健康局"].iter_rows(values_only=True) if len(row) > 14]
    assert "本表没有「受理条件」列（实施清单要求）" in messages
    text = run_cli("lint", path).stdout
    assert "整表问题" not in text and "县卫健局.xlsx 实施清单 整表：本表没有「办理时间」列（实施清单要求）" in text


def test_a_catalogue_that_does_not_cover_the_list_is_said_once_for_the_sheet(tmp_path: Path) -> None:
    """The bundled example catalogue knows none of a real district's matters: one finding for the sheet, not
    330 "找不到" lines that would hide the real defects."""
    root, listing, _ = _workspace(tmp_path)
    missing = [f for f in _lint(root)["findings"] if f["rule"] == "CAT001"]
    assert len(missing) == 1
    [finding] = missing
    assert finding["location"]["row"] is None and finding["location"]["sheet"] == "事项目录"
    assert f"本表 {listing.rows} 个事项中有 {listing.rows} 个在标准目录中找不到" in finding["message"]
    assert finding["matter"]["name"] is None


def test_a_catalogue_that_does_not_cover_the_sheet_is_not_compared_with_its_few_matching_rows(
        tmp_path: Path) -> None:
    """Three rows of the district list happen to share a name with the bundled example catalogue: the
    example's type is not this district's standard, so no CAT002 (CAT001 says once the catalogue is not theirs)."""
    listing = real_directory(tmp_path / "某某区政务服务事项目录.xlsx")
    wb = openpyxl.load_workbook(listing.path)
    for row in (2, 3, 4):
        wb.active[f"C{row}"] = "城乡最低生活保障对象认定"  # 行政给付 in the example catalogue, 行政许可 here
        wb.active[f"D{row}"] = "行政许可"
    wb.save(listing.path)
    assert run_cli("init", tmp_path).exit_code == 0
    run_json("import", listing.path, "-w", tmp_path)

    rules = Counter(f["rule"] for f in _lint(tmp_path)["findings"])

    assert rules["CAT001"] == 1 and not {"CAT002", "CAT003", "CAT004"} & set(rules)


def test_a_list_of_every_departments_matters_is_no_one_departments_list(tmp_path: Path) -> None:
    """A county's 事项目录 holds thirty departments' matters: it is not the first department's list. A row
    whose 实施部门 is blank stays without a body (it is not given another department's), and the same name in
    two departments is not a duplicate."""
    listing = real_directory(tmp_path / "某某区政务服务事项目录.xlsx")
    wb = openpyxl.load_workbook(listing.path)
    ws = wb.active
    ws["A5"] = None  # the 发展和改革局's fourth row: 实施部门 left blank
    ws["C20"] = ws["C3"].value  # an 教育局 row named like a 发展和改革局 matter
    wb.save(listing.path)
    assert run_cli("init", tmp_path).exit_code == 0

    report = run_json("import", listing.path, "-w", tmp_path)

    [file] = report["files"]
    assert file["body"] is None and file["body_from"] == "mixed"
    assert any("分属 30 个实施主体" in note for note in file["notes"])
    exported = {r["source"]["row"]: r for r in json.loads(run_cli("export", "--format", "json", "-w", tmp_path).stdout)["matters"]}
    assert exported[5]["body"] is None and exported[5]["list_body"] is None
    assert exported[20]["body"] == listing.departments[1] and exported[20]["name"] == exported[3]["name"]
    duplicates = {f["location"]["row"] for f in _lint(tmp_path)["findings"] if f["rule"] == "UNQ002"}
    assert duplicates == set(listing.duplicate_name_rows)


def test_a_numbered_directory_that_names_each_matters_level_is_a_directory() -> None:
    """序号 says nothing of a list's kind, and 行使层级 alone does not make a province's basic catalogue: a
    Guangdong 事项目录 (序号, 实施部门, 事项名称, 事项类型, 事项编码, 信用代码, 行使层级, 备注) is a directory."""
    from matterkit.listkinds import recognise_kind

    guess = recognise_kind(["seq", "body", "name", "type", "base_code", "body_code", "level", "notes"])
    assert guess.kind == "directory"
    assert recognise_kind(["seq", "name", "type", "base_code", "legal_basis", "level", "target"]).kind == "catalogue"


def test_a_villages_list_without_implementation_codes_is_its_assisted_service_list(tmp_path: Path) -> None:
    """A village helps residents with the county's and township's matters (帮办代办): its list has no 实施编码 or
    body code to give. It is held to what a village service point says, not to the implementing department's
    elements; the one column of those it lacks (咨询电话) is said once."""
    path = tmp_path / "青龙村帮办代办事项清单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "帮办代办事项"
    ws.append(["序号", "事项名称", "基本编码", "实施主体", "行使层级", "权力来源", "委托部门", "服务对象", "申请材料",
               "办理地点", "办理时间", "承诺办结时限"])
    for n in range(1, 11):
        ws.append([n, f"代办事项{n}", f"{n:06d}120000", "红星镇人民政府", "村级", "上级委托", "红星镇人民政府",
                   "自然人", "身份证（必要）", "青龙村便民服务站", "工作日 9:00-17:00", "5个工作日"])
    wb.save(path)
    assert run_cli("init", tmp_path).exit_code == 0

    [sheet] = run_json("import", path, "--level", "village", "-w", tmp_path)["files"][0]["sheets"]
    absent = [f for f in _lint(tmp_path)["findings"] if f["location"]["row"] is None and f["rule"].startswith("REQ")]

    assert (sheet["kind"], sheet["kind_from"]) == ("assisted", "level")
    assert [f["message"] for f in absent] == ["本表没有「咨询电话」列（帮办代办清单要求）"]
