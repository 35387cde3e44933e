"""Provincial code schemes and reported normalisation (issue 13, parts 3 and 4), on a list shaped like a real
district's published 事项目录: Sichuan's dashed codes split into their parts, a code that fits no scheme said
once, every value import changed said with its original kept."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from tests.cli_helpers import run_cli, run_json
from tests.workbook_builders import simple_workbook

from matterkit.codes import credit_code_check_char, org_code_check_char
from matterkit.codeschemes import default_code_schemes, load_scheme
from matterkit.codetables import default_code_tables
from matterkit.elements import default_registry
from matterkit.errors import ConfigError
from matterkit.importer import read_paths
from matterkit.lint.config import LintConfig
from matterkit.lint.run import load_catalogue_file, run_lint
from matterkit.model import Matter
from matterkit.workspace import Workspace

HEADER = ["实施部门", "主项名称", "事项名称", "事项类型", "事项编码", "实施主体统一社会信用代码"]
AREA = "511602000000"
DEPARTMENTS = ["区市场监管局", "区卫生健康局", "区民政局", "区教育局", "区交通运输局", "区住房城乡建设局"]


def org_code(seed: int) -> str:
    first8 = f"{seed:08d}"
    return first8 + org_code_check_char(first8)


def credit_code(seed: int) -> str:
    head = "11511602" + org_code(seed)
    return head + credit_code_check_char(head)


def sichuan(item: str, body: str, area: str = AREA) -> str:
    return f"{item}-{area}-000-{body}-1-00"


def district_rows() -> tuple[list[list[Any]], dict[str, list[int]]]:
    """320 rows of a district list; `kinds` names the spreadsheet rows of each special case."""
    rows: list[list[Any]] = []
    kinds: dict[str, list[int]] = defaultdict(list)

    def add(kind: str, type_: str, code: str, body: str) -> None:
        number = len(rows)
        department = DEPARTMENTS[number % len(DEPARTMENTS)]
        rows.append([department, f"主项{number}", f"事项{number:03d}", type_, code, body])
        kinds[kind].append(len(rows) + 1)  # spreadsheet row (header on row 1)

    for n in range(300):
        body = credit_code(3000 + n % 6)
        item = f"511Z{n:08d}" if n % 3 == 0 else f"{n:012d}"  # lettered local basic codes on every third row
        item = item + "01" if n % 5 == 0 else item  # some 14-character items (basic code + 业务办理项 seq)
        add("clean", "行政许可" if n % 2 else "公共服务", sichuan(item, body), body)
    for n in range(12):  # older rows: a 9-character organisation code with its own dash (seven parts)
        add("org_code", "行政确认", sichuan(f"{1000 + n:012d}", org_code(3000 + n)[:8] + "-" + org_code(3000 + n)[8]),
            credit_code(3000 + n))
    for n, old in enumerate(("G-000007-001", "1J-5100-00027", "E-000004-001")):
        add("legacy", "行政检查", f"{old}-{AREA}-000-{credit_code(3000 + n)}-1-00", credit_code(3000 + n))
    truncated = credit_code(3001)[:17]
    add("truncated_body", "行政许可", sichuan("000123020000", truncated), credit_code(3001))
    lower = credit_code(3002).lower()  # 11511602000030023c: right check character, written in lower case
    add("lowercase", "行政许可", sichuan("000123020001", credit_code(3002)), lower)
    add("approval", "行政审批", sichuan("000123020002", credit_code(3003)), credit_code(3003))
    add("other_body", "行政许可", sichuan("000123020003", credit_code(3004)), credit_code(3005))
    add("other_area", "行政许可", sichuan("000123020004", credit_code(3004), "511702000000"), credit_code(3004))
    return rows, kinds


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("district")
    rows, kinds = district_rows()
    inputs = root / "inputs"
    inputs.mkdir()
    simple_workbook(inputs / "翠屏区政务服务事项目录.xlsx", {"事项目录": [HEADER, *rows]})
    Workspace.init(root / "ws", county="翠屏区", area_code="511602")
    imported = run_json("import", inputs, "--workspace", root / "ws", expect_exit=None)
    exported = run_json("export", "--workspace", root / "ws", expect_exit=None)
    linted = run_json("lint", "--workspace", root / "ws", "--exit-zero")
    findings: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for finding in linted["findings"]:
        findings[finding["location"]["row"]].append(finding)
    matters = {m["source"]["row"]: m for m in exported["matters"]}
    return {"rows": rows, "kinds": kinds, "import": imported, "matters": matters, "findings": findings}


def _codes(district: dict[str, Any], row: int, prefix: str = "FMT") -> list[str]:
    return sorted(f["rule"] for f in district["findings"][row] if f["rule"].startswith(prefix))


def test_the_dashed_sichuan_code_is_split_into_basic_item_area_and_body_codes(district: dict[str, Any]) -> None:
    assert district["import"]["files"][0]["status"] == "ok"
    first = district["matters"][2]  # 511Z00000000 with a 业务办理项 sequence: 14 characters
    assert first["impl_code"] == district["rows"][0][4]  # the whole code is kept
    assert (first["base_code"], first["item_code"]) == ("511Z00000000", "511Z0000000001")
    assert (first["area_code"], first["body_code"]) == (AREA, credit_code(3000))
    assert first["code_scheme"] == "sichuan"
    assert first["originals"]["base_code"] == district["rows"][0][4]  # what the 事项编码 cell said
    second = district["matters"][3]
    assert (second["base_code"], second["item_code"]) == ("000000000001", None)


def test_valid_sichuan_codes_give_no_code_format_finding(district: dict[str, Any]) -> None:
    clean = district["kinds"]["clean"]
    assert {row: _codes(district, row) for row in clean if _codes(district, row)} == {}


def test_seven_part_codes_with_an_organisation_code_are_split_and_checked_against_the_credit_code(
        district: dict[str, Any]) -> None:
    for row in district["kinds"]["org_code"]:
        matter = district["matters"][row]
        assert matter["body_code"] == district["rows"][row - 2][5]  # the column's credit code, not the org code
        assert matter["area_code"] == AREA and len(matter["base_code"]) == 12
        assert _codes(district, row) == []


def test_a_code_fitting_no_scheme_is_one_finding_naming_the_schemes_tried(district: dict[str, Any]) -> None:
    row = district["kinds"]["truncated_body"][0]
    assert _codes(district, row) == ["FMT001"]
    finding = next(f for f in district["findings"][row] if f["rule"] == "FMT001")
    assert "全国基本编码" in finding["message"] and "四川省结构化事项编码" in finding["message"]
    assert "12位数字" not in finding["message"].split("（已尝试")[0]


def test_older_lettered_codes_are_one_clear_finding_each_and_not_split(district: dict[str, Any]) -> None:
    for row in district["kinds"]["legacy"]:
        assert _codes(district, row) == ["FMT014"]
        assert district["matters"][row]["base_code"] == district["rows"][row - 2][4]  # kept, not split wrongly
        assert district["matters"][row].get("area_code") is None


def test_a_lowercase_credit_code_is_a_finding_and_its_original_is_kept(district: dict[str, Any]) -> None:
    row = district["kinds"]["lowercase"][0]
    typed = district["rows"][row - 2][5]
    assert "FMT003" in _codes(district, row)
    fmt003 = next(f for f in district["findings"][row] if f["rule"] == "FMT003")
    assert fmt003["value"] == typed and fmt003["expected"] == typed.upper()
    said = [f for f in district["findings"][row] if f["rule"] == "NRM005"]
    assert said and said[0]["severity"] == "info" and said[0]["value"] == typed
    assert district["matters"][row]["originals"]["body_code"] == typed
    assert district["matters"][row]["body_code"] == typed.upper()


def test_a_synonym_becomes_its_label_with_an_info_finding_and_the_original_kept(district: dict[str, Any]) -> None:
    row = district["kinds"]["approval"][0]
    matter = district["matters"][row]
    assert (matter["type"], matter["originals"]["type"]) == ("行政许可", "行政审批")
    said = [f for f in district["findings"][row] if f["rule"] == "NRM006"]
    assert len(said) == 1 and said[0]["severity"] == "info"
    assert (said[0]["value"], said[0]["expected"]) == ("行政审批", "行政许可")
    assert "行政审批" in said[0]["message"] and "行政许可" in said[0]["message"]


def test_parts_are_cross_checked_against_the_row_and_the_workspace_area(district: dict[str, Any]) -> None:
    other_body = district["kinds"]["other_body"][0]
    assert _codes(district, other_body) == ["FMT012"]
    assert district["matters"][other_body]["body_code"] == credit_code(3005)  # the sheet's own value stays
    other_area = district["kinds"]["other_area"][0]
    assert _codes(district, other_area) == ["FMT013"]


def test_only_rows_with_real_defects_have_code_errors(district: dict[str, Any]) -> None:
    errors = Counter(f["rule"] for found in district["findings"].values() for f in found
                     if f["severity"] == "error" and f["rule"].startswith(("FMT", "NRM")))
    assert errors == Counter({"FMT001": 1, "FMT003": 1})


# ---- schemes as data ----------------------------------------------------------------------------

BAD_SCHEME = """\
scheme: county
title: {zh: 本县编码}
forms:
  - name: local
    title: {zh: 本地编码}
    elements: [base_code]
    pattern: '(?P<item>[0-9]{10'
"""


def test_a_broken_scheme_file_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "county.yaml"
    path.write_text(BAD_SCHEME, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_scheme(path)
    assert caught.value.path == str(path) and caught.value.line == 7 and caught.value.key == "forms.0.pattern"
    path.write_text(BAD_SCHEME.replace("elements: [base_code]", "elements: [basic]"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_scheme(path)
    assert caught.value.line == 6 and "forms.0.elements" in str(caught.value.key)


def test_a_workspace_adds_its_own_scheme_and_chooses_the_schemes_in_use(tmp_path: Path) -> None:
    (tmp_path / "schemes").mkdir()
    (tmp_path / "schemes" / "county.yaml").write_text(
        BAD_SCHEME.replace("'(?P<item>[0-9]{10'", "'XK[0-9]{8}'"), encoding="utf-8")
    workspace = Workspace.init(tmp_path)
    config = workspace.config_path.read_text(encoding="utf-8")
    workspace.config_path.write_text(config + "code_schemes:\n  use: [county, national]\n"
                                     "  files: [schemes/county.yaml]\n", encoding="utf-8")
    schemes = Workspace.open(tmp_path).code_schemes
    assert schemes.names() == ["county", "national"]
    assert schemes.match("base_code", "XK00123000") is not None
    workspace.config_path.write_text(config + "code_schemes:\n  use: [national, hainan]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        _ = Workspace.open(tmp_path).code_schemes
    assert caught.value.key == "code_schemes.use.1" and caught.value.line is not None


def test_every_shipped_form_matches_its_examples_and_the_national_form_comes_first() -> None:
    schemes = default_code_schemes()
    assert schemes.names()[0] == "national"
    assert schemes.match("base_code", "000123020000")[0].scheme == "national"  # type: ignore[index]
    assert schemes.match("base_code", "511Z07001006") is None  # a bare lettered code needs its scheme's form


def read_list(path: Path, rows: list[list[Any]]) -> list[Matter]:
    """The matters of a one-sheet list read back with the library, as `matterkit lint FILE` reads it."""
    simple_workbook(path, {"事项目录": [HEADER, *rows]})
    return read_paths([path], registry=default_registry(), code_tables=default_code_tables()).matters


def test_lint_on_files_directly_splits_codes_too(tmp_path: Path) -> None:
    matters = read_list(tmp_path / "list.xlsx", [["区民政局", "低保", "城乡最低生活保障对象认定", "行政确认",
                                                  sichuan("511Z07001006", credit_code(3000)), credit_code(3000)]])
    outcome = run_lint(matters, LintConfig(base_dir=tmp_path, select=["FMT"]))
    assert matters[0].base_code == "511Z07001006" and outcome.result.findings == []


def test_the_expected_text_of_fmt003_is_not_followed_by_a_cut_regulation_title(tmp_path: Path) -> None:
    """The terminal line printed the regulation cut after 24 characters right after the expected value, so
    "应为18位统一社会信用代码 （GB 32100-2015《法人和其他组织统一…" read as a truncated organisation."""
    simple_workbook(tmp_path / "list.xlsx", {"事项目录": [HEADER, ["区民政局", "低保", "城乡最低生活保障对象认定",
                                                               "行政确认", "000123020000", credit_code(3000)[:17]]]})
    result = run_cli("lint", tmp_path / "list.xlsx", "--select", "FMT003")
    line = next(text for text in result.stdout.splitlines() if "应为18位" in text)  # the detail line under FMT003
    assert line.endswith("应为18位统一社会信用代码 （GB 32100-2015 校验码）")
    assert "…" not in line


def test_the_scheme_file_shown_in_the_docs_loads(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "codes.md").read_text(encoding="utf-8")
    block = text.split("方案文件（", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "county.yaml").write_text(block, encoding="utf-8")
    scheme = load_scheme(tmp_path / "county.yaml")
    assert [form.name for form in scheme.forms] == ["licensing", "structured", "old"]


def test_the_basic_code_inside_a_structured_code_is_checked_against_the_catalogue(tmp_path: Path) -> None:
    code = sichuan("000123020000", credit_code(3000))  # 公共场所卫生许可 in the bundled catalogue
    matters = read_list(tmp_path / "list.xlsx", [
        ["区卫生健康局", "卫生许可", "公共场所卫生许可", "行政许可", code, credit_code(3000)],
        ["区卫生健康局", "卫生许可", "公共场所卫生管理许可", "行政许可", code, credit_code(3000)]])
    catalogue = load_catalogue_file(Path("bundled"), default_registry(), default_code_tables())
    outcome = run_lint(matters, LintConfig(base_dir=tmp_path, select=["CAT"]), catalogue=catalogue)
    assert [(f.rule, f.location.row, f.element, f.expected) for f in outcome.result.findings] == [
        ("CAT002", 3, "name", "公共场所卫生许可")]


@pytest.mark.parametrize(("title", "short"), [
    ("GB 32100-2015《法人和其他组织统一社会信用代码编码规则》", "GB 32100-2015"),
    ("《中华人民共和国行政许可法》", "《中华人民共和国行政许可法》"),
    ("国家政务服务平台事项实施清单交换数据结构（公开的建表 DDL）", "国家政务服务平台事项实施清单交换数据结构"),
    ("某省政务服务事项办理项要素统一工作流程说明与附件清单汇编", "某省政务服务事项办理项要素统一工作流程说明与附…"),
])
def test_long_regulation_titles_are_shortened_where_they_can_be_read_whole(title: str, short: str) -> None:
    from matterkit.render.lint_text import SOURCE_WIDTH, short_title

    assert short_title(title, SOURCE_WIDTH) == short
