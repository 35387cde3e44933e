"""`matterkit stats`: the county's service figures, computed and rendered."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from rich.console import Console

from matterkit.publish.config import CATEGORY_ORDER
from matterkit.render.stats_html import bar_chart, stats_html
from matterkit.render.stats_text import render_stats_text, stats_json
from matterkit.render.stats_xlsx import write_stats_xlsx
from matterkit.stats import compute_stats
from test_publish_samples import hostile, sample_county


def test_shares_count_only_matters_that_state_the_element() -> None:
    stats = compute_stats(sample_county(), type_order=CATEGORY_ORDER)
    total = stats.total
    assert total.matters == 9
    # case type stated by 7 matters (not the penalty and the inspection); one 即办件
    assert (total.instant, total.case_type_known) == (1, 7)
    # visits: hygiene 1, three registrations 0, two allowances 1, pension 1
    assert (total.at_most_one_visit, total.zero_visits, total.visits_known) == (7, 3, 7)
    assert total.zero_visit_share == 3 / 7


def test_time_limit_cut_is_the_average_of_one_minus_promised_over_legal() -> None:
    stats = compute_stats(sample_county())
    cuts = [1 - 0 / 20, *(1 - 3 / 15,) * 3, 1 - 20 / 30, 1 - 20 / 30, 1 - 3 / 3]
    assert stats.total.cut_known == 7
    assert abs(stats.total.average_cut - sum(cuts) / 7) < 1e-9  # type: ignore[operator]
    assert stats.total.materials_per_matter == (3 + 3 + 8 + 3) / 9


def test_breakdowns_by_level_department_and_type_in_conventional_order() -> None:
    stats = compute_stats(sample_county(), type_order=CATEGORY_ORDER)
    assert [(g.key, g.figures.matters) for g in stats.by_level] == [("county", 7), ("township", 1), ("village", 1)]
    assert [g.key for g in stats.by_type] == ["行政许可", "行政处罚", "行政给付", "行政检查", "公共服务"]
    departments = {(g.level, g.key): g.figures.matters for g in stats.by_department}
    assert departments == {("county", "县卫生健康局"): 3, ("county", "县市场监督管理局"): 3,
                           ("county", "县民政局"): 1, ("township", "青山镇人民政府"): 1, ("village", "青山村"): 1}


def test_cancelled_matters_are_left_out() -> None:
    cancelled = sample_county()[0].model_copy(update={"status": "取消"})
    assert compute_stats([cancelled]).total.matters == 0


def test_json_report_has_a_schema_and_rounded_shares() -> None:
    document = json.loads(stats_json(compute_stats(sample_county())))
    assert document["schema"] == "matterkit.stats/1"
    assert document["total"]["instant_share"] == round(1 / 7, 4)
    assert {row["key"] for row in document["by_level"]} == {"county", "township", "village"}
    assert document["by_department"][0]["level"] == "county"


def test_text_report_shows_percentages_in_chinese() -> None:
    console = Console(record=True, width=160)
    render_stats_text(compute_stats(sample_county()), console, "zh")
    text = console.export_text()
    assert "即办件占比" in text and "14.3%" in text and "县市场监督管理局" in text


def test_xlsx_report_reads_back_with_one_sheet_per_breakdown(tmp_path: Path) -> None:
    target = write_stats_xlsx(compute_stats(sample_county() + [hostile()]), tmp_path / "stats.xlsx", "zh")
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["全部事项", "按层级", "按部门（乡镇、村）", "按事项类型", "按清单类型"]
    rows = list(workbook["按层级"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:2] == ("县级", 8)
    share = workbook["全部事项"]["C2"]
    assert share.value == 2 / 8 and share.number_format == "0.0%"


def test_html_report_draws_charts_as_inline_svg_and_escapes_labels() -> None:
    evil = hostile().model_copy(update={"department": "<img src=x onerror=alert(1)>"})
    html = stats_html(compute_stats(sample_county() + [evil]), "zh")
    assert html.count("<svg") == 6 and "<script" not in html
    assert "各部门即办件占比" in html and 'class="bar"' in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_bar_lengths_are_proportional_to_the_values() -> None:
    svg = str(bar_chart("t", [("甲", 10.0, "10"), ("<乙>", 5.0, "5")]))
    assert 'width="380.0"' in svg and 'width="190.0"' in svg
    assert "&lt;乙&gt;" in svg and "<乙>" not in svg


def test_english_report() -> None:
    console = Console(record=True, width=160)
    render_stats_text(compute_stats(sample_county()), console, "en")
    assert "Instant cases" in console.export_text()
