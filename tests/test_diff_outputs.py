"""Diff reports as people read them: rich text, xlsx with a coverage matrix and a daff-style version
sheet, and one self-contained, filterable HTML page."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import load_workbook
from rich.console import Console

from matterkit.diff import DiffConfig, compare_levels, compare_versions
from matterkit.model import Location, Material, Matter
from matterkit.render.diff_html import render_html
from matterkit.render.diff_json import render_json
from matterkit.render.diff_text import render_text
from matterkit.render.diff_xlsx import write_xlsx


def row(name: str, body: str, level: str = "village", row_no: int = 2, **elements: object) -> Matter:
    return Matter(name=name, list_level=level, list_body=body, department="县民政局",
                  source=Location(file=f"{body}.xlsx", sheet="清单", row=row_no),
                  cells={"name": f"B{row_no}", "promised_limit": f"K{row_no}"}, **elements)


def village_lists() -> list[Matter]:
    rows = [row("老年人优待证办理", v, materials=[Material(name="身份证")]) for v in ("一村", "二村", "三村")]
    rows.append(row("殡葬补贴申领", "一村", row_no=3))
    rows.append(row("=HYPERLINK(\"http://x\")<script>alert(1)</script>", "二村", row_no=4))
    rows[1] = rows[1].model_copy(update={"materials": [Material(name="身份证"), Material(name="户口簿")]})
    return rows


def test_text_report_puts_the_summary_before_the_tables() -> None:
    report = compare_levels(village_lists(), config=DiffConfig(near_enabled=False))
    console = Console(record=True, file=io.StringIO(), width=160)
    render_text(report, console, "zh")
    text = console.export_text()
    assert text.index("比对摘要") < text.index("要素不一致（1）")
    assert "村级" in text and "户口簿" in text


def test_identical_lists_say_so_in_every_format(tmp_path: Path) -> None:
    report = compare_levels([row("老年人优待证办理", v) for v in ("一村", "二村")])
    console = Console(record=True, file=io.StringIO(), width=120)
    render_text(report, console, "en")
    assert "No differences found." in console.export_text()
    assert json.loads(render_json(report, "en"))["differences"] == []
    assert "没有发现差异" in render_html(report, "zh")


def test_xlsx_has_a_sheet_per_kind_and_a_coloured_coverage_matrix_with_totals(tmp_path: Path) -> None:
    target = tmp_path / "diff.xlsx"
    write_xlsx(compare_levels(village_lists(), config=DiffConfig(near_enabled=False)), target, "zh")
    workbook = load_workbook(target)
    assert workbook.sheetnames[:1] == ["摘要"]
    assert {"要素不一致", "多出事项", "覆盖矩阵-村级"} <= set(workbook.sheetnames)
    matrix = workbook["覆盖矩阵-村级"]
    header = [c.value for c in matrix[1]]
    assert header[:6] == ["事项名称", "基本编码", "应实施", "一村", "三村", "二村"]
    names = [matrix.cell(r, 1).value for r in range(2, matrix.max_row + 1)]
    funeral = names.index("殡葬补贴申领") + 2
    assert matrix.cell(funeral, 4).value == "多"
    assert matrix.cell(funeral, 4).fill.fgColor.rgb.endswith("FFEB9C")
    assert "合计·缺" in names
    extra = workbook["多出事项"]
    formula_like = [c for c in extra["B"] if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert formula_like and formula_like[0].data_type == "s"


def test_version_sheet_uses_daff_style_markers(tmp_path: Path) -> None:
    old = [row("临时救助对象认定", "县民政局", "county", 2, base_code="000123021000", promised_limit=20),
           row("老年人优待证办理", "县民政局", "county", 3, base_code="000123022000")]
    new = [old[0].model_copy(update={"promised_limit": 15}),
           row("残疾人证办理", "县民政局", "county", 4, base_code="000123023000")]
    target = tmp_path / "versions.xlsx"
    report = compare_versions(old, new, old_label="2025", new_label="2026")
    write_xlsx(report, target, "zh")
    sheet = load_workbook(target)["版本对比"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][:4] == ["@@", "事项名称", "基本编码", "主体"] and "承诺办结时限" in rows[0]
    column = rows[0].index("承诺办结时限")
    assert rows[1][0] == "→" and rows[1][column] == "20 → 15"
    assert sorted(r[0] for r in rows[2:]) == ["+++", "---"]
    html = render_html(report, "zh")
    assert "20 → 15" in html and "+++" in html


def test_html_is_self_contained_escaped_and_filterable(tmp_path: Path) -> None:
    html = render_html(compare_levels(village_lists(), config=DiffConfig(near_enabled=False)), "zh")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'id="f-kind"' in html and 'id="f-level"' in html and 'id="f-body"' in html
    assert "http://" not in html.replace("http://x", "")  # no CDN or external resource
    assert "@page{size:A4" in html
    assert 'data-bodies="[&quot;二村&quot;]"' in html
