"""Fee items gathered from the fee name, standard and basis columns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matterkit.normalise.fees import gather_fees


def test_one_fee_with_name_standard_and_basis() -> None:
    items, no_fee, issues = gather_fees("不动产登记费", "住宅类每件80元", "《关于不动产登记收费标准等有关问题的通知》")
    assert items == [{"name": "不动产登记费", "standard": "住宅类每件80元",
                      "basis": "《关于不动产登记收费标准等有关问题的通知》"}]
    assert (no_fee, issues) == (False, ())


def test_several_fees_in_one_cell_pair_up_by_position() -> None:
    items, _, issues = gather_fees("1.登记费\n2.工本费", "1.每件80元\n2.每本10元", "《收费通知》")
    assert items == [{"name": "登记费", "standard": "每件80元", "basis": "《收费通知》"},
                     {"name": "工本费", "standard": "每本10元", "basis": "《收费通知》"}]
    assert issues == ()


def test_semicolons_separate_fee_items_too() -> None:
    items, _, _ = gather_fees("登记费；工本费", "每件80元；每本10元", None)
    assert [(i["name"], i["standard"]) for i in items] == [("登记费", "每件80元"), ("工本费", "每本10元")]


def test_a_single_fee_keeps_a_standard_written_over_several_lines() -> None:
    items, _, _ = gather_fees("登记费", "100平方米以下100元；\n100平方米以上200元", None)
    assert items == [{"name": "登记费", "standard": "100平方米以下100元；\n100平方米以上200元", "basis": None}]


def test_a_standard_without_a_name_has_no_name() -> None:
    items, _, _ = gather_fees(None, "每件80元", None)
    assert items == [{"name": None, "standard": "每件80元", "basis": None}]


def test_unequal_numbers_of_names_and_standards_are_reported() -> None:
    items, _, issues = gather_fees("登记费\n工本费\n查询费", "每件80元\n每本10元", None)
    assert [i["standard"] for i in items] == ["每件80元", "每本10元", None]
    assert issues == (("fee_items_unpaired", "3 ≠ 2"),)


@pytest.mark.parametrize("cell", ["不收费", "无", "/", "免费", "0元", "不涉及"])
def test_no_fee_words_mean_no_item(cell: str) -> None:
    assert gather_fees(cell, cell, None) == ([], True, ())


def test_empty_fee_columns_mean_nothing_was_said() -> None:
    assert gather_fees(None, "", None) == ([], False, ())


@settings(deadline=None)
@given(st.one_of(st.text(max_size=60), st.none()), st.one_of(st.text(max_size=60), st.none()),
       st.one_of(st.text(max_size=30), st.none()))
def test_fee_gathering_never_raises(name: str | None, standard: str | None, basis: str | None) -> None:
    items, no_fee, _ = gather_fees(name, standard, basis)
    assert not (items and no_fee)
