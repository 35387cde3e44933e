"""Enumerations: labels through the code tables, several values per cell, unknown values kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matterkit.codetables import CodeTables, default_code_tables
from matterkit.normalise.enums import EnumReader, split_values


@pytest.fixture(scope="module")
def reader() -> EnumReader:
    return EnumReader(default_code_tables())


@pytest.mark.parametrize(("table", "cell", "label"), [
    ("matter_type", "行政许可", "行政许可"), ("matter_type", "许可", "行政许可"), ("matter_type", "01", "行政许可"),
    ("matter_type", " 行政 许可 ", "行政许可"), ("matter_type", "公共服务事项", "公共服务"),
    ("case_type", "即办件", "即办件"), ("case_type", "承诺", "承诺件"), ("status", "正常", "在用"),
    ("scope", "全县通办", "全县"), ("level", "乡镇（街道）级", "乡镇级"), ("power_source", "下放", "上级下放"),
])
def test_enum_values_become_their_canonical_label(reader: EnumReader, table: str, cell: str, label: str) -> None:
    # a value written otherwise than its label is stored as the label, and the change is said (issue 13)
    said = () if cell == label else (("enum_synonym_mapped", label),)
    assert reader.single(cell, table) == (label, said)


def test_a_synonym_mapped_to_its_label_is_said_and_the_label_stored(reader: EnumReader) -> None:
    assert reader.single("行政审批", "matter_type") == ("行政许可", (("enum_synonym_mapped", "行政许可"),))
    assert reader.multi("个人、企业法人", "target") == (["自然人", "企业法人"],
                                                    (("enum_synonym_mapped", "自然人、企业法人"),))
    assert reader.multi("自然人、企业法人", "target") == (["自然人", "企业法人"], ())


@pytest.mark.parametrize(("table", "cell"), [
    ("online_depth", "Ⅲ级"), ("online_depth", "三级"), ("online_depth", "Ⅰ级"), ("online_depth", "四级"),
    ("scope", "不通办"), ("result_type", "出证办结"), ("result_type", "其他"),
])
def test_values_real_lists_use_are_accepted_as_written(reader: EnumReader, table: str, cell: str) -> None:
    assert reader.single(cell, table) == (cell, ())


def test_unknown_enum_value_is_kept_as_typed_with_the_table_name(reader: EnumReader) -> None:
    assert reader.single(" 行政许可审批\u200b ", "matter_type") == ("行政许可审批", (("unknown_enum_value", "matter_type"),))


@pytest.mark.parametrize("cell", ["", None, "/", "—"])
def test_empty_enum_is_none(reader: EnumReader, cell: object) -> None:
    assert reader.single(cell, "matter_type") == (None, ())


@pytest.mark.parametrize(("table", "cell", "labels"), [
    ("channel", "窗口办理、网上办理", ["窗口办理", "网上办理"]),
    ("channel", "窗口办理，网上办理；快递申请", ["窗口办理", "网上办理", "快递申请"]),
    ("channel", "窗口办理/网上办理|快递申请", ["窗口办理", "网上办理", "快递申请"]),
    ("channel", "窗口办理\n网上办理", ["窗口办理", "网上办理"]),
    ("channel", "窗口办理及网上办理", ["窗口办理", "网上办理"]),
    ("target", "自然人和企业法人", ["自然人", "企业法人"]),
    ("target", "自然人 和 企业法人", ["自然人", "企业法人"]),
    ("target", "个人,企业", ["自然人", "企业法人"]),
    ("level", "县级、乡镇（街道）级", ["县级", "乡镇级"]),
    ("level", "镇(乡、街道)级", ["乡镇级"]),
    ("online_depth", "互联网咨询、互联网办理结果信息反馈", ["互联网咨询", "互联网办理结果信息反馈"]),
])
def test_multi_valued_cells_split_into_labels(reader: EnumReader, table: str, cell: str, labels: list[str]) -> None:
    values, issues = reader.multi(cell, table)
    assert values == labels
    assert {code for code, _ in issues} <= {"enum_synonym_mapped"}  # 个人 → 自然人 is said, splitting is not


def test_repeated_values_are_removed_keeping_order(reader: EnumReader) -> None:
    assert reader.multi("窗口办理,网上办理,网上办理", "channel") == (
        ["窗口办理", "网上办理"], (("duplicate_values_removed", "网上办理"),))


def test_synonyms_of_one_label_count_as_repeats(reader: EnumReader) -> None:
    values, issues = reader.multi("个人、自然人", "target")
    assert values == ["自然人"]
    assert issues == (("enum_synonym_mapped", "自然人"), ("duplicate_values_removed", "自然人"))


def test_unknown_part_of_a_multi_value_is_kept(reader: EnumReader) -> None:
    assert reader.multi("窗口办理、自助终端", "channel") == (
        ["窗口办理", "自助终端"], (("unknown_enum_value", "channel"),))


def test_a_workspace_table_override_is_used() -> None:
    tables = default_code_tables().with_overrides({"channel": [{"label": "自助终端", "synonyms": ["自助机"]}]})
    assert EnumReader(tables).single("自助机", "channel") == ("自助终端", (("enum_synonym_mapped", "自助终端"),))


def test_bracketed_separators_do_not_split() -> None:
    assert split_values("镇(乡、街道)级；县级") == ["镇(乡、街道)级", "县级"]


@settings(deadline=None)
@given(st.lists(st.sampled_from(["窗口办理", "网上办理", "快递申请", "窗口", "网办", "邮寄", "自助终端", "/"]),
                max_size=12),
       st.sampled_from(["、", ",", "，", "；", "\n", "/", "|"]))
def test_multi_values_never_contain_duplicates(parts: list[str], separator: str) -> None:
    values, _ = EnumReader(default_code_tables()).multi(separator.join(parts), "channel")
    assert len(values) == len(set(values))


def test_enum_reader_of_an_empty_table_keeps_everything() -> None:
    assert EnumReader(CodeTables({})).single("许可", "matter_type") == ("许可", (("unknown_enum_value", "matter_type"),))


@settings(deadline=None)
@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(), st.none()),
       st.sampled_from(["channel", "level", "target", "no_such_table"]))
def test_enum_readers_never_raise_and_never_repeat(cell: object, table: str) -> None:
    reader = EnumReader(default_code_tables())
    label, _ = reader.single(cell, table)
    values, _ = reader.multi(cell, table)
    assert label is None or label
    assert len(values) == len(set(values))
