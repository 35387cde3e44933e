"""README's first command: `matterkit demo` runs the whole pipeline on the example county into ./out/."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from tests.cli_helpers import run_cli


def test_demo_writes_every_stage_of_the_pipeline_into_out(tmp_path: Path) -> None:
    result = run_cli("demo", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    out = tmp_path / "out"
    assert "导入：93 个文件，1051 条事项，失败 0 个" in result.stdout
    assert str(out / "guides" / "index.html") in result.stdout  # says where everything is

    lint = json.loads((out / "reports" / "lint.json").read_text(encoding="utf-8"))
    assert lint["schema"] == "matterkit.lint/1" and lint["summary"]["matters"] == 1051
    assert lint["summary"]["error"] > 0  # the example county's planted defects
    diff = json.loads((out / "reports" / "diff.json").read_text(encoding="utf-8"))
    assert {d["kind"] for d in diff["differences"]} >= {"element_mismatch", "missing", "extra", "duplicate"}

    consolidated = openpyxl.load_workbook(out / "reports" / "实施清单汇总.xlsx", read_only=True)
    assert sum(1 for ws in consolidated.worksheets for _ in ws.iter_rows(min_row=2)) == 1051
    assert "公共场所卫生许可" in (out / "guides" / "index.html").read_text(encoding="utf-8")
    assert (out / "权责清单.xlsx").is_file()
    assert list((out / "docx").rglob("*.docx"))
    assert list((out / "退回各部门的批注表格").glob("*.xlsx"))
    assert "<svg" in (out / "reports" / "stats.html").read_text(encoding="utf-8")
    # the county's 一件事 bundles, reusing the shipped provincial examples, are in the site
    bundles = (out / "guides" / "bundles" / "index.html").read_text(encoding="utf-8")
    assert "青山县新生儿出生一件事" in bundles and 'href="bundles/index.html"' in (out / "guides" / "index.html").read_text(
        encoding="utf-8")
    assert json.loads((out / "bundles.json").read_text(encoding="utf-8"))["schema"] == "matterkit.bundle/1"
