"""A person opens the guide site from file:// in Chromium, searches in Chinese and reads a guide."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from matterkit.publish import publish_all
from test_publish_samples import STAMP, sample_county

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


def test_searching_a_chinese_substring_finds_the_guide_and_its_materials(tmp_path: Path) -> None:
    result = publish_all(sample_county(), out_dir=tmp_path / "out", base_url="https://zwfw.example.gov.cn/",
                         formats=["html"], stamp=STAMP)
    assert result.site_index is not None
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(result.site_index.as_uri())
            page.fill("#search-box", "卫生许可")
            visible = page.locator(".guide-entry:visible")
            assert visible.count() == 1
            assert visible.first.inner_text().startswith("公共场所卫生许可")
            assert page.locator("#search-count").inner_text() == "找到 1 项"
            assert not page.get_by_text("城乡最低生活保障对象认定").first.is_visible()

            visible.first.locator("a").click()
            page.wait_for_load_state()
            assert page.locator("h1").inner_text() == "公共场所卫生许可"
            table = page.locator("table.materials")
            names = table.locator("tbody tr td:nth-child(2)").all_inner_texts()
            assert names == ["卫生许可告知承诺书", "法定代表人身份证明", "卫生管理制度"]
            assert "复印件" in table.locator("tbody tr").nth(1).inner_text()
        finally:
            browser.close()


def test_searching_by_department_and_clearing_the_box_shows_everything_again(tmp_path: Path) -> None:
    result = publish_all(sample_county(), out_dir=tmp_path / "out", formats=["html"], stamp=STAMP)
    assert result.site_index is not None
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(result.site_index.as_uri())
            page.fill("#search-box", "市场监督")
            assert page.locator(".guide-entry:visible").count() == 3
            page.fill("#search-box", "没有这种事项")
            assert page.locator("#search-empty").is_visible()
            page.fill("#search-box", "")
            assert page.locator(".guide-entry:visible").count() == result.guides
        finally:
            browser.close()
