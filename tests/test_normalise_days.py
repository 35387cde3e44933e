"""Time limits in working days: the spellings departments type, and properties over all of them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matterkit.normalise.days import normalise_days
from matterkit.normalise.numerals import int_to_chinese

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(("cell", "days"), [
    (20, 20), (20.0, 20), ("20", 20), ("20.0", 20), ("20个工作日", 20), ("20日", 20), ("20天", 20),
    ("20 个工作日", 20), ("20工作日", 20), ("二十个工作日", 20), ("廿日", 20), ("廿五日", 25),
    ("１５个工作日", 15), ("十五个工作日", 15), ("一百零五个工作日", 105), ("两个工作日", 2),
    ("20个工作日内", 20), ("20日内", 20), ("20个工作日内办结", 20), ("法定：20个工作日", 20),
    ("承诺时限：5个工作日", 5), ("自受理之日起20个工作日内", 20), ("0", 0), (0, 0), ("0个工作日", 0),
    ("当场", 0), ("当场办结", 0), ("即办", 0), ("即办件", 0), ("即时办结", 0), ("立即", 0), ("立即办结", 0),
    ("即来即办", 0), ("当场办理", 0),
])
def test_time_limit_spellings_read_as_working_days(cell: object, days: int) -> None:
    said = (("time_limit_days_unit", str(days)),) if isinstance(cell, str) and cell.endswith("天") else ()
    assert normalise_days(cell) == (days, None, said)  # 天 read as working days is said (issue 13)


@pytest.mark.parametrize("cell", ["", None, "无", "/", "—", "-", "  "])
def test_empty_or_placeholder_time_limit_is_none_without_issue(cell: object) -> None:
    assert normalise_days(cell) == (None, None, ())


@pytest.mark.parametrize(("cell", "unit"), [
    ("30个自然日", "个自然日"), ("3个月", "个月"), ("1年", "年"), ("2小时", "小时"), ("60日历日", "日历日"),
])
def test_calendar_units_are_not_converted_to_working_days(cell: str, unit: str) -> None:
    assert normalise_days(cell) == (None, None, (("time_limit_unit_not_working_days", unit),))


def test_note_beside_the_number_is_returned_separately() -> None:
    days, note, issues = normalise_days("5个工作日（不含公示时间）")
    assert (days, note) == (5, "不含公示时间")
    assert issues == (("time_limit_note_separated", "不含公示时间"),)


def test_time_limit_inside_a_sentence_keeps_the_sentence_as_note() -> None:
    days, note, _ = normalise_days("受理后经审查20个工作日内作出决定")
    assert days == 20
    assert note == "受理后经审查20个工作日内作出决定"


@pytest.mark.parametrize("cell", ["15-20个工作日", "15至20个工作日", "15~20个工作日", "十五到二十个工作日"])
def test_range_takes_the_upper_bound_with_an_issue(cell: str) -> None:
    assert normalise_days(cell) == (20, None, (("time_limit_range", "20"),))


@pytest.mark.parametrize(("cell", "days"), [("0.5个工作日", 1), (2.5, 3), ("2.5", 3)])
def test_half_days_round_up_with_an_issue(cell: object, days: int) -> None:
    assert normalise_days(cell) == (days, None, (("time_limit_not_whole_days", str(days)),))


@pytest.mark.parametrize("cell", ["第20条", "按规定时间", "abc", "-5", -1, True, "另行通知"])
def test_unreadable_time_limit_is_none_with_an_issue(cell: object) -> None:
    assert normalise_days(cell) == (None, None, (("unparsed_time_limit", None),))


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=999), st.sampled_from(["个工作日", "工作日", "日", "天", "个工作日内", ""]))
def test_every_spelling_of_n_working_days_reads_as_n(n: int, unit: str) -> None:
    spellings = [f"{n}{unit}", f"{int_to_chinese(n)}{unit}", f"{n}{unit}".translate(FULL_WIDTH), f"{n}.0{unit}",
                 f"{n}个工作日", float(n), n]
    for spelling in spellings:
        days, _, issues = normalise_days(spelling)
        assert days == n, spelling
        said = (("time_limit_days_unit", str(n)),) if isinstance(spelling, str) and spelling.endswith("天") else ()
        assert issues == said, spelling  # 天 read as working days is said (issue 13)


@settings(deadline=None)
@given(st.sampled_from(["当场", "当场办结", "即办", "即办件", "即时办结", "立即", "立即办理", "即来即办", "当即办结"]),
       st.sampled_from(["", "（资料齐全的）", "。"]))
def test_on_the_spot_spellings_read_as_zero(word: str, note: str) -> None:
    days, kept, _ = normalise_days(word + note)
    assert days == 0
    assert kept == (note.strip("（）。") or None)


@settings(deadline=None)
@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_time_limit_parser_never_raises(cell: object) -> None:
    days, note, issues = normalise_days(cell)
    assert days is None or days >= 0
    assert all(isinstance(code, str) for code, _ in issues)
