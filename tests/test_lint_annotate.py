"""`--annotate` and `--fix`: the workbooks the bureau sends back to a department, never touching the input."""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from tests.test_lint_cli import CLEAN, COL, HEADER, row_with, run, write_list

from matterkit.safety import set_cell_text


@pytest.fixture(autouse=True)
def chinese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATTERKIT_LANG", "zh")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def department(tmp_path: Path) -> Path:
    path = write_list(tmp_path / "卫健局.xlsx", [
        row_with(**{"承诺办结时限": "25个工作日"}),
        row_with(**{"序号": 2, "实施主体编码": "11440300007542785T", "实施编码": "11440300007542785T4000123020001"}),
    ])
    book = openpyxl.load_workbook(path)  # a text cell that looks like a formula, as some departments type
    set_cell_text(book.active[f"{COL['受理条件']}2"], "=HYPERLINK(\"http://x\")")
    book.save(path)
    return path


def test_annotated_copy_marks_each_offending_cell_and_lists_findings_with_links(department: Path) -> None:
    before = digest(department)
    out = department.parent / "退回"
    result = run("lint", department, "--annotate", "-d", out)
    assert result.exit_code == 1
    assert digest(department) == before
    target = out / "卫健局（问题标注）.xlsx"
    assert target.is_file() and str(target) in result.stderr.replace("\n", "")
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["实施清单", "问题清单"]
    sheet = book["实施清单"]
    promised = sheet[f"{COL['承诺办结时限']}2"]
    assert promised.fill.fgColor.rgb.endswith("FFEB9C")  # warning
    assert "PRC001" in promised.comment.text and "超过法定办结时限（20个工作日）" in promised.comment.text
    assert "依据" in promised.comment.text
    code = sheet[f"{COL['实施主体编码']}3"]
    assert code.fill.fgColor.rgb.endswith("FFC7CE") and "FMT003" in code.comment.text  # error
    assert sheet[f"{COL['受理条件']}2"].data_type == "s"  # formula-like text stays text
    listing = book["问题清单"]
    rows = list(listing.iter_rows(min_row=2, values_only=True))
    assert {r[2] for r in rows} >= {"PRC001", "FMT003", "FMT005"}
    link = next(c for c in listing["F"][1:] if c.value == f"{COL['承诺办结时限']}2")
    assert link.hyperlink.location == f"'实施清单'!{COL['承诺办结时限']}2"


def test_annotated_workbook_opens_in_libreoffice_with_its_comments(department: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    run("lint", department, "--annotate", "-d", tmp_path / "out")
    converted = tmp_path / "converted"
    completed = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                                "--convert-to", "xlsx", "--outdir", str(converted),
                                str(tmp_path / "out" / "卫健局（问题标注）.xlsx")],
                               capture_output=True, text=True, timeout=180)
    assert completed.returncode == 0, completed.stderr
    book = openpyxl.load_workbook(converted / "卫健局（问题标注）.xlsx")
    assert "问题清单" in book.sheetnames
    comment = book["实施清单"][f"{COL['承诺办结时限']}2"].comment
    assert comment is not None and "PRC001" in comment.text


def test_csv_list_comes_back_as_an_annotated_xlsx_copy(tmp_path: Path) -> None:
    source = tmp_path / "村委会.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(row_with(**{"承诺办结时限": "25个工作日"}))
    before = digest(source)
    result = run("lint", source, "--annotate", "-d", tmp_path / "out", "--select", "PRC001")
    assert result.exit_code == 0 and digest(source) == before
    book = openpyxl.load_workbook(tmp_path / "out" / "村委会（问题标注）.xlsx")
    first = book.worksheets[0]
    assert first["B2"].value == "公共场所卫生许可"
    assert "PRC001" in first["A2"].comment.text  # CSV has no cell positions: the row is marked
    assert [r[2] for r in book["问题清单"].iter_rows(min_row=2, values_only=True)] == ["PRC001"]


def test_fix_writes_a_corrected_copy_and_lists_every_change(tmp_path: Path) -> None:
    source = write_list(tmp_path / "卫健局.xlsx", [row_with(**{
        "事项名称": "公共场所卫生许可证核发",
        "承诺办结时限": "5工作日",
        "申请材料": "1、卫生许可告知承诺书（必要）\n2、公共场所卫生许可申请表（必要）\n3、法定代表人身份证明（必要）\n"
                    "4、地址方位示意图（必要）\n5、平面图和卫生设施平面布局图（必要）\n6、卫生管理制度（必要）\n"
                    "7、公共场所卫生许可申请表（必要）",
    })])
    before = digest(source)
    result = run("lint", source, "--catalogue", "bundled", "--fix", "-d", tmp_path / "fixed")
    assert digest(source) == before
    assert "共更正 3 处" in result.stderr
    book = openpyxl.load_workbook(tmp_path / "fixed" / "卫健局（自动更正）.xlsx")
    sheet = book["实施清单"]
    assert sheet[f"{COL['事项名称']}2"].value == "公共场所卫生许可"
    assert sheet[f"{COL['承诺办结时限']}2"].value == "5个工作日"
    assert sheet[f"{COL['申请材料']}2"].value.count("公共场所卫生许可申请表") == 1
    changes = list(book["修改清单"].iter_rows(min_row=2, values_only=True))
    assert {(c[1], c[4]) for c in changes} >= {(f"{COL['事项名称']}2", "公共场所卫生许可"),
                                                (f"{COL['承诺办结时限']}2", "5个工作日")}
    relinted = run("lint", tmp_path / "fixed" / "卫健局（自动更正）.xlsx", "--catalogue", "bundled",
                   "--select", "CAT002,LIM004,PRC003", "--format", "json")
    assert '"findings": []' in relinted.stdout


def test_clean_list_needs_no_copy(tmp_path: Path) -> None:
    source = write_list(tmp_path / "clean.xlsx", [CLEAN])
    result = run("lint", source, "--annotate", "--fix", "-d", tmp_path / "out")
    assert result.exit_code == 0
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert "没有可以自动更正的问题" in result.stderr


def test_xls_list_comes_back_as_an_xlsx_copy_with_cells_in_place(department: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    legacy = tmp_path / "xls"
    completed = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                                "--convert-to", "xls", "--outdir", str(legacy), str(department)],
                               capture_output=True, text=True, timeout=180)
    assert completed.returncode == 0, completed.stderr
    source = legacy / "卫健局.xls"
    before = digest(source)
    run("lint", source, "--annotate", "--fix", "-d", tmp_path / "out", "--catalogue", "bundled")
    assert digest(source) == before
    book = openpyxl.load_workbook(tmp_path / "out" / "卫健局（问题标注）.xlsx")
    cell = book["实施清单"][f"{COL['承诺办结时限']}2"]
    assert cell.value == "25个工作日" and "PRC001" in cell.comment.text


def test_html_report_escapes_what_departments_typed(tmp_path: Path) -> None:
    source = write_list(tmp_path / "list.xlsx", [row_with(**{"事项名称": "<script>alert(1)</script>",
                                                             "承诺办结时限": "25个工作日"})])
    result = run("lint", source, "--format", "html")
    assert "<script>" not in result.stdout and "&lt;script&gt;" in result.stdout
