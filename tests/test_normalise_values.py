"""Text, codes, whole numbers, yes/no and dates as departments type them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matterkit.normalise.boolean import normalise_bool, read_fee_flag
from matterkit.normalise.code import normalise_code
from matterkit.normalise.dates import normalise_date
from matterkit.normalise.integer import normalise_int
from matterkit.normalise.text import normalise_text


@pytest.mark.parametrize(("cell", "text"), [
    ("  公共场所卫生许可 ", "公共场所卫生许可"), ("公共场所\u200b卫生许可", "公共场所卫生许可"),
    ("第一行 \r\n 第二行", "第一行\n第二行"), ("\ufeff县卫健局\x07", "县卫健局"), ("", None), (None, None),
    ("\u3000", None), (3.0, "3"), (12, "12"),
])
def test_text_is_cleaned_and_keeps_line_breaks(cell: object, text: str | None) -> None:
    assert normalise_text(cell) == text


@pytest.mark.parametrize(("cell", "width", "code", "issues"), [
    ("000123020000", 12, "000123020000", ()),
    # each rewrite of what the cell said is an issue, so that it is reported (issue 13)
    ("０００１２３０２００００", 12, "000123020000", (("code_full_width_folded", "000123020000"),)),
    (" 0001 2302 0000 ", 12, "000123020000", (("code_spaces_removed", "000123020000"),)),
    ("91310112ma1gbkre47", None, "91310112MA1GBKRE47", (("code_upper_cased", "91310112MA1GBKRE47"),)),
    (123020000.0, 12, "000123020000", (("code_was_number", "000123020000"),)),
    (123020000, 12, "000123020000", (("code_was_number", "000123020000"),)),
    ("123020000.0", 12, "000123020000", (("code_was_number", "000123020000"),)),
    (13112800001, 14, "00013112800001", (("code_was_number", "00013112800001"),)),
    (442199806003.0, 12, "442199806003", ()),
    (441500.0, None, "441500", ()),
    ("1.2302E+11", 12, "1.2302E+11", (("code_in_scientific_notation", None),)),
    ("1.2302e+11", 12, "1.2302e+11", (("code_in_scientific_notation", None),)),
    (1.2345678901234568e17, None, "123456789012345680", (("code_precision_lost", "123456789012345680"),)),
    ("", 12, None, ()), (None, 12, None, ()), ("/", 12, None, ()),
])
def test_codes_are_upper_case_digits_and_numbers_get_their_zeros_back(
        cell: object, width: int | None, code: str | None, issues: tuple) -> None:
    assert normalise_code(cell, width) == (code, issues)


@pytest.mark.parametrize(("cell", "number"), [
    (1, 1), (1.0, 1), ("1", 1), ("1.0", 1), ("3次", 3), ("3 次", 3), ("一次", 1), ("两次", 2), ("二次", 2),
    ("0次", 0), ("零次", 0), ("零跑动", 0), ("不需要", 0), ("无需到现场", 0), ("最多跑一次", 1), ("最多1次", 1),
    ("１次", 1), ("2次（领证时）", 2), (0, 0),
])
def test_whole_numbers_in_their_usual_spellings(cell: object, number: int) -> None:
    assert normalise_int(cell) == (number, ())


@pytest.mark.parametrize("cell", ["多次", "1.5", 1.5, -1, "若干", True, "一两次"])
def test_unreadable_whole_number_is_none_with_an_issue(cell: object) -> None:
    assert normalise_int(cell) == (None, (("unparsed_integer", None),))


@pytest.mark.parametrize("cell", ["", None, "/", "无"])
def test_empty_whole_number_is_none(cell: object) -> None:
    assert normalise_int(cell) == (None, ())


@pytest.mark.parametrize(("cell", "flag"), [
    ("是", True), ("否", False), ("√", True), ("×", False), ("✓", True), ("✗", False), ("有", True),
    ("无", False), ("Y", True), ("N", False), ("yes", True), ("No", False), ("TRUE", True), ("false", False),
    ("1", True), ("0", False), (1, True), (0.0, False), (True, True), (False, False), ("收费", True),
    ("不收费", False), ("免费", False), ("支持", True), ("不支持", False), ("进驻", True), ("未进驻", False),
    (" 是 ", True), ("是（需预约）", True), ("否，仅窗口办理", False), ("Ｙ", True),
])
def test_yes_no_spellings(cell: object, flag: bool) -> None:
    assert normalise_bool(cell) == (flag, ())


@pytest.mark.parametrize("cell", ["待定", "2", "视情况"])
def test_unreadable_yes_no_is_none_with_an_issue(cell: object) -> None:
    assert normalise_bool(cell) == (None, (("unparsed_bool", None),))


@pytest.mark.parametrize(("cell", "flag", "standard"), [
    ("是", True, None), ("不收费", False, None), ("不收费（依据财税〔2015〕102号）", False, None),
    ("按《不动产登记收费标准》收取", True, "按《不动产登记收费标准》收取"),
    ("每本证书工本费10元", True, "每本证书工本费10元"),
])
def test_fee_flag_reads_free_text_sensibly(cell: str, flag: bool, standard: str | None) -> None:
    charged, text, _ = read_fee_flag(cell)
    assert (charged, text) == (flag, standard)


@pytest.mark.parametrize(("cell", "iso"), [
    (dt.datetime(2024, 3, 15, 0, 0), "2024-03-15"), (dt.date(2024, 3, 15), "2024-03-15"),
    ("2024年3月15日", "2024-03-15"), ("2024/3/15", "2024-03-15"), ("2024.3.15", "2024-03-15"),
    ("2024-03-15", "2024-03-15"), ("20240315", "2024-03-15"), ("２０２４年３月１５日", "2024-03-15"),
])
def test_dates_become_iso(cell: object, iso: str) -> None:
    assert normalise_date(cell) == (iso, ())


@pytest.mark.parametrize("cell", ["2024年13月1日", "下月", "2024/2/30"])
def test_unreadable_date_is_none_with_an_issue(cell: str) -> None:
    assert normalise_date(cell) == (None, (("unparsed_date", None),))


@settings(deadline=None)
@given(st.one_of(st.text(max_size=50), st.integers(), st.floats(), st.none(), st.booleans()))
def test_value_readers_never_raise(cell: object) -> None:
    for reader in (normalise_int, normalise_bool, normalise_date, normalise_code):
        value, issues = reader(cell)  # type: ignore[operator]
        assert isinstance(issues, tuple)
