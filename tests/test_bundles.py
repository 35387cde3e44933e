"""Done-when of 一件事一次办 bundles: the merged material list over example-county matters, bundle lint at the
bundle file's lines, the bundle guide in html/docx/pdf, a county definition extending a provincial one, and
a malformed definition reported with file and line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from docx import Document
from tests.cli_helpers import run_cli

from matterkit.bundles.lint import lint_bundles
from matterkit.bundles.loader import load_bundle, load_workspace_bundles
from matterkit.bundles.merge import merge_bundle
from matterkit.example import generate_example_county
from matterkit.importer import import_into_workspace
from matterkit.model import Matter
from matterkit.publish.api import publish_all
from matterkit.workspace import Workspace

RETIREMENT = """\
bundle: 青山县退休一件事
code: QS-YJS-003
lead: 青山县人力资源和社会保障局
cooperating: [青山县民政局]
target: 自然人
levels: [县级]
flow: parallel
promised_limit: 10
situations: [年满60周岁]
members:
  - {id: pension, code: "000115002000"}
  - {id: senior-card, name: 老年人优待证办理, required: false, situation: 年满60周岁}
  - {id: allowance, code: "000112005000"}
  - {id: subsidy, code: "000112006000"}
"""

# Line numbers below are those of this text: the test asserts findings point at them.
FAULTY = """\
bundle: 有问题的一件事
code: QS-YJS-099
lead: 青山县民政局
levels: [县级]
flow: sequence
promised_limit: 200
members:
  - {id: pension, code: "000115002000"}
  - {id: ghost, code: "000199999000", name: 不存在的事项}
  - {id: withdrawn, code: "000112005000"}
"""
LINE_PROMISED, LINE_GHOST, LINE_WITHDRAWN = 6, 9, 10


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A workspace holding the example county's county-level departments' lists."""
    folder = tmp_path_factory.mktemp("county")
    generate_example_county(folder / "example")
    ws = Workspace.init(folder / "ws", county="青山县")
    import_into_workspace(ws, [folder / "example" / "县级部门"])
    return ws


@pytest.fixture(scope="module")
def matters(county: Workspace) -> list[Matter]:
    return list(county.store.iter_matters())


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / "bundles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_merged_materials_list_each_shared_material_once_with_all_its_members(tmp_path: Path,
                                                                               matters: list[Matter]) -> None:
    merged = merge_bundle(load_bundle(_write(tmp_path, "retire.yaml", RETIREMENT)), matters)
    assert [m.name for m in merged.members] == ["城乡居民基本养老保险待遇申领", "老年人优待证办理", "高龄津贴申领",
                                               "困难残疾人生活补贴和重度残疾人护理补贴"]
    id_cards = [m for m in merged.materials if m.name == "身份证"]
    assert len(id_cards) == 1
    assert id_cards[0].members == [m.name for m in merged.members]  # all four ask for it
    # nothing is lost: every member's every material sits under exactly one merged entry
    listed = [(need.member_name, need.material.name) for m in merged.materials for need in m.needs]
    expected = [(member.name, material.name) for member in merged.members
                for material in member.matter.materials]  # type: ignore[union-attr]
    assert sorted(listed) == sorted(expected)
    assert merged.materials_before == len(expected) > merged.materials_after == len(merged.materials)
    assert merged.combined_limit("legal_limit") == 20  # parallel: the longest member's limit


def test_a_members_result_is_handed_over_inside_government(matters: list[Matter]) -> None:
    from matterkit.resources import bundled_dir

    merged = merge_bundle(load_bundle(bundled_dir("bundles") / "example-newborn.yaml"), matters)
    certificate = next(m for m in merged.materials if m.name == "出生医学证明")
    assert certificate.internal and certificate.produced_by == "出生医学证明办理"
    assert certificate.members == ["出生登记", "生育保险待遇核准支付"]
    assert merged.combined_limit("legal_limit") == 5 + 30 + 15  # sequence of steps, longest of step 3


def test_bundle_lint_reports_missing_withdrawn_member_and_long_promise_at_their_lines(
        tmp_path: Path, matters: list[Matter]) -> None:
    path = _write(tmp_path, "faulty.yaml", FAULTY)
    withdrawn = [m.model_copy(update={"status": "取消"}) if m.base_code == "000112005000" else m for m in matters]
    findings = lint_bundles([load_bundle(path)], withdrawn).findings
    where = {(f.rule, f.location.file, f.location.row) for f in findings}
    assert ("BUN001", str(path), LINE_GHOST) in where
    assert ("BUN002", str(path), LINE_WITHDRAWN) in where
    assert ("BUN004", str(path), LINE_PROMISED) in where
    assert next(f for f in findings if f.rule == "BUN002").value == "取消"


def test_bundle_check_command_exits_1_with_findings_located_in_the_bundle_file(county: Workspace) -> None:
    path = _write(county.root, "faulty.yaml", FAULTY)
    try:
        result = run_cli("bundle", "check", "--workspace", county.root, "--format", "json")
    finally:
        path.unlink()
    assert result.exit_code == 1, result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert document["schema"] == "matterkit.lint/1"
    rows = {(f["rule"], f["location"]["row"]) for f in document["findings"]}
    assert {("BUN001", LINE_GHOST), ("BUN004", LINE_PROMISED)} <= rows


def test_a_county_bundle_extends_the_provincial_one_and_overrides_a_member(tmp_path: Path,
                                                                            matters: list[Matter]) -> None:
    path = _write(tmp_path, "newborn.yaml", """\
bundle: 青山县新生儿出生一件事
extends: example-newborn
lead: 青山县卫生健康局
members:
  - {id: medical-insurance, required: false, situation: 参加城乡居民医保}
remove: [maternity-benefit]
""")
    bundle = load_bundle(path, tmp_path)
    assert bundle.extends == ["example-newborn"] and not bundle.example
    by_id = {m.id: m for m in bundle.members}
    assert list(by_id) == ["birth-certificate", "birth-registration", "medical-insurance"]
    insurance = by_id["medical-insurance"]
    assert (insurance.code, insurance.required, insurance.situation) == ("000135001000", False, "参加城乡居民医保")
    assert insurance.path == str(path) and insurance.line == 5  # the override is where the county wrote it
    assert by_id["birth-certificate"].path.endswith("example-newborn.yaml")
    without = merge_bundle(bundle, matters, situations=[])
    assert [m.member.id for m in without.members] == ["birth-certificate", "birth-registration"]


def test_bundle_guide_html_docx_and_pdf_list_the_merged_materials(tmp_path: Path, matters: list[Matter]) -> None:
    bundle = load_bundle(_write(tmp_path, "retire.yaml", RETIREMENT))
    members = [m for m in matters if m.department in ("青山县人力资源和社会保障局", "青山县民政局")]
    formats = ["html", "docx", *(["pdf"] if shutil.which("soffice") else [])]
    result = publish_all(members, out_dir=tmp_path / "out", formats=formats, bundles=[bundle])
    assert result.bundles == 1
    merged = merge_bundle(bundle, members)
    names = [m.name for m in merged.materials]
    page = (tmp_path / "out" / "guides" / "bundles" / "青山县退休一件事.html").read_text(encoding="utf-8")
    assert all(name in page for name in names) and "一套材料" in page
    assert quote("高龄津贴申领") + ".html" in page  # links to the member guides (percent-encoded, like the site's)
    assert 'href="bundles/index.html"' in (tmp_path / "out" / "guides" / "index.html").read_text(encoding="utf-8")
    assert "青山县退休一件事" in (tmp_path / "out" / "guides" / "bundles" / "index.html").read_text(encoding="utf-8")
    document = Document(str(tmp_path / "out" / "docx" / "bundles" / "青山县退休一件事.docx"))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert set(names) <= cells
    data = json.loads((tmp_path / "out" / "bundles.json").read_text(encoding="utf-8"))
    assert data["schema"] == "matterkit.bundle/1"
    assert [m["name"] for m in data["bundles"][0]["materials"]] == names
    if "pdf" in formats:
        from pypdf import PdfReader

        text = "".join(page.extract_text() for page in
                       PdfReader(tmp_path / "out" / "pdf" / "bundles" / "青山县退休一件事.pdf").pages)
        compact = "".join(text.split())
        assert all(name in compact for name in names), text


def test_a_malformed_bundle_names_file_and_line_and_exits_2(tmp_path: Path) -> None:
    Workspace.init(tmp_path / "ws")
    _write(tmp_path / "ws", "bad.yaml", "bundle: 坏的一件事\nlead: 民政局\nmembers:\n  - {code: \"1\", stage: 零}\n")
    result = run_cli("bundle", "list", "--workspace", tmp_path / "ws")
    assert result.exit_code == 2
    assert "bad.yaml:4" in result.stderr and "members.0.stage" in result.stderr


def test_workspace_without_bundles_folder_has_none(tmp_path: Path) -> None:
    assert load_workspace_bundles(tmp_path) == []


def test_stats_count_bundles_and_the_submissions_the_merge_saves(tmp_path: Path, matters: list[Matter]) -> None:
    from matterkit.bundles.workspace import workspace_bundle_figures

    _write(tmp_path, "retire.yaml", RETIREMENT)
    figures = workspace_bundle_figures(tmp_path, matters)
    assert figures is not None
    merged = merge_bundle(load_bundle(tmp_path / "bundles" / "retire.yaml"), matters)
    assert figures.as_dict() == {
        "bundles": 1, "members": 4, "members_found": 4, "materials_before": merged.materials_before,
        "materials_after": merged.materials_after,
        "materials_saved": merged.materials_before - merged.materials_after,
        "materials_saved_share": round((merged.materials_before - merged.materials_after) / merged.materials_before, 4)}


def test_bundle_values_from_the_definition_are_escaped_and_names_made_safe(tmp_path: Path,
                                                                           matters: list[Matter]) -> None:
    hostile = RETIREMENT.replace("bundle: 青山县退休一件事", 'bundle: "<script>alert(1)</script>/../退休"')
    bundle = load_bundle(_write(tmp_path, "hostile.yaml", hostile))
    publish_all(matters[:5], out_dir=tmp_path / "out", formats=["html"], bundles=[bundle])
    pages = list((tmp_path / "out" / "guides" / "bundles").glob("*.html"))
    assert len(pages) == 2 and all(p.parent.name == "bundles" for p in pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_shipped_examples_are_labelled_and_fit_the_example_province_catalogue() -> None:
    from matterkit.catalogue import default_catalogue_path, load_catalogue
    from matterkit.codetables import default_code_tables
    from matterkit.elements import default_registry
    from matterkit.resources import bundled_dir

    paths = sorted(bundled_dir("bundles").glob("*.yaml"))
    bundles = [load_bundle(path) for path in paths]
    assert {b.name for b in bundles} >= {"新生儿出生一件事", "开办餐饮店", "退休一件事", "身后一件事"}
    assert all(b.example for b in bundles)
    assert all("示例数据" in path.read_text(encoding="utf-8") for path in paths)
    catalogue = load_catalogue(default_catalogue_path(), default_registry(), default_code_tables())
    findings = lint_bundles(bundles, catalogue).findings
    # only the 身后事 members the example catalogue lacks (listed by name for a county to map) are missing
    assert {(f.rule, f.location.file.rsplit("/", 1)[-1]) for f in findings if f.severity == "error"} == {
        ("BUN001", "example-after-death.yaml")}
