"""The diff reports open where people open them: the workbook in LibreOffice, the page in Chromium."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from matterkit.diff import DiffConfig, compare_levels
from matterkit.model import Location, Material, Matter
from matterkit.render.diff_html import render_html
from matterkit.render.diff_xlsx import write_xlsx

SOFFICE = shutil.which("soffice")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def village_report():  # type: ignore[no-untyped-def]
    def row(name: str, village: str, number: int, materials: tuple[str, ...] = ("身份证",)) -> Matter:
        return Matter(name=name, list_level="village", list_body=village, department="县民政局",
                      materials=[Material(name=m) for m in materials],
                      source=Location(file=f"{village}.xlsx", sheet="清单", row=number))
    rows = [row("老年人优待证办理", v, 2) for v in ("一村", "二村", "三村")]
    rows += [row("殡葬补贴申领", "一村", 3), row("老年人优待证办理", "四村", 2, ("身份证", "户口簿"))]
    return compare_levels(rows, config=DiffConfig(near_enabled=False))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_diff_workbook_and_reads_the_coverage_matrix(tmp_path: Path) -> None:
    target = tmp_path / "diff.xlsx"
    write_xlsx(village_report(), target, "zh")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "ods",
                    "--outdir", str(tmp_path / "ods"), str(target)], check=True, timeout=180,
                   capture_output=True)
    converted = tmp_path / "ods" / "diff.ods"
    assert converted.is_file() and converted.stat().st_size > 0
    from matterkit.readers import open_sheets

    sheets = {sheet.name: [list(r) for r in sheet.rows] for sheet in open_sheets(converted)}
    matrix = sheets["覆盖矩阵-村级"]
    assert matrix[0][:3] == ["事项名称", "基本编码", "应实施"]
    assert any(r[0] == "殡葬补贴申领" and "多" in r for r in matrix)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_a_reader_filters_the_page_by_kind_and_by_body(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    page_path = tmp_path / "diff.html"
    page_path.write_text(render_html(village_report(), "zh"), encoding="utf-8")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(page_path.as_uri())
            rows = page.locator("#differences tbody tr")
            assert rows.count() == 2
            page.select_option("#f-kind", "extra")
            assert page.locator("#differences tbody tr:visible").count() == 1
            assert "殡葬补贴申领" in page.locator("#differences tbody tr:visible").inner_text()
            page.select_option("#f-kind", "")
            page.select_option("#f-body", "四村")
            assert page.locator("#differences tbody tr:visible").count() == 1
            assert page.locator("#shown").inner_text() == "1"
            page.select_option("#f-level", "village")
            assert page.locator("#differences tbody tr:visible").count() == 1
        finally:
            browser.close()
