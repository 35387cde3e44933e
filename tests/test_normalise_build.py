"""build_matter: a recognised row becomes the canonical Matter, with raw text, cells, extras and issues."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from matterkit.codetables import default_code_tables
from matterkit.elements import default_registry
from matterkit.model import FeeItem, Location, Material, Matter
from matterkit.normalise import ISSUE_TYPES, build_matter, issue_message
from matterkit.rawtypes import DataRow, RawCell
from matterkit.readers import open_sheets

SOURCE = Location(file="县卫健局.xlsx", sheet="实施清单", row=5)


def row_of(values: dict[str, object], extra: dict[str, object] | None = None, row: int = 5) -> DataRow:
    cells = {key: RawCell(value, f"{get_column_letter(i)}{row}") for i, (key, value) in enumerate(values.items(), 1)}
    extras = {header: RawCell(value, f"Z{row}") for header, value in (extra or {}).items()}
    return DataRow(row=row, cells=cells, extra=extras)


def build(values: dict[str, object], extra: dict[str, object] | None = None, **options: str | None) -> Matter:
    return build_matter(row_of(values, extra), source=SOURCE, registry=default_registry(),
                        code_tables=default_code_tables(), **options)  # type: ignore[arg-type]


FULL_ROW: dict[str, object] = {
    "seq": 1.0, "name": " 公共场所卫生许可\u200b", "type": "许可", "base_code": 123020000.0,
    "impl_code": "12441500196720244t3000123020000", "item_code": "00012302000001", "department": "县卫生健康局",
    "body": "县卫生健康局", "body_code": "12441500196720244T", "body_nature": "行政机关",
    "level": "县级、乡镇（街道）级", "power_source": "法定本级行使", "target": "自然人,企业法人,企业",
    "case_type": "承诺件", "legal_basis": "《公共场所卫生管理条例》第四条", "legal_limit": "20个工作日",
    "promised_limit": "5个工作日（不含现场核查时间）", "conditions": "1.有固定场所\n2.有卫生管理制度",
    "materials": "1、卫生许可告知承诺书；\n2、《公共场所卫生许可申请表》（原件1份）；\n3、法定代表人身份证明（复印件1份）",
    "fee": "否", "fee_name": "不收费", "location": "县政务服务中心二楼", "phone": "0763-1234567",
    "visits": "1次", "visit_reason": "现场核查", "online": "是", "online_depth": "互联网咨询、互联网收件",
    "channels": "窗口办理,网上办理,网上办理", "scope": "全县通办", "result_type": "证照",
    "result_name": "公共场所卫生许可证", "in_hall": "√", "express": "×", "online_payment": "不支持",
    "appointment": "支持", "area_code": 441521.0, "status": "正常", "notes": "",
}


def test_a_full_row_becomes_a_canonical_matter() -> None:
    matter = build(FULL_ROW, {"更新日期": dt.datetime(2024, 3, 15), "序列": 3.0, "联系人": "张三 "},
                   list_level="county", list_body="县卫生健康局")
    assert matter.name == "公共场所卫生许可"
    assert (matter.type, matter.base_code, matter.impl_code) == (
        "行政许可", "000123020000", "12441500196720244T3000123020000")
    assert (matter.body_nature, matter.power_source, matter.case_type) == ("法定机关", "法定本级行使", "承诺件")
    assert matter.level == ["县级", "乡镇级"]
    assert matter.target == ["自然人", "企业法人"]
    assert (matter.legal_limit, matter.promised_limit, matter.limit_note) == (20, 5, "不含现场核查时间")
    assert matter.conditions == "1.有固定场所\n2.有卫生管理制度"
    assert matter.materials == [
        Material(name="卫生许可告知承诺书"),
        Material(name="《公共场所卫生许可申请表》", kind="原件", copies=1),
        Material(name="法定代表人身份证明", kind="复印件", copies=1),
    ]
    assert (matter.fee, matter.fees) == (False, [])
    assert (matter.visits, matter.online, matter.in_hall, matter.express) == (1, True, True, False)
    assert (matter.online_payment, matter.appointment) == (False, True)
    assert matter.channels == ["窗口办理", "网上办理"]
    assert matter.online_depth == ["互联网咨询", "互联网收件"]
    assert (matter.scope, matter.result_type, matter.status, matter.area_code) == ("全县", "证照", "在用", "441521")
    assert matter.notes is None
    assert (matter.list_level, matter.list_body, matter.source) == ("county", "县卫生健康局", SOURCE)
    assert matter.extra == {"更新日期": "2024-03-15", "序列": "3", "联系人": "张三"}


def test_raw_text_and_cell_of_every_mapped_element_are_kept() -> None:
    matter = build(FULL_ROW)
    assert matter.raw["name"] == " 公共场所卫生许可\u200b"
    assert matter.raw["base_code"] == "123020000"
    assert matter.raw["channels"] == "窗口办理,网上办理,网上办理"
    assert matter.raw["notes"] == ""
    assert matter.cells["name"] == "B5"
    assert matter.location_of("base_code").cell == "D5"
    assert "seq" not in matter.raw  # 序号 is recognised but not kept
    assert set(matter.raw) == set(FULL_ROW) - {"seq"}


def test_issues_name_the_element_the_raw_text_and_the_detail() -> None:
    matter = build(FULL_ROW)
    found = {(i.element, i.code): (i.raw, i.detail) for i in matter.issues}
    assert found == {
        ("base_code", "code_was_number"): ("123020000", "000123020000"),
        ("target", "duplicate_values_removed"): ("自然人,企业法人,企业", "企业法人"),
        ("promised_limit", "time_limit_note_separated"): ("5个工作日（不含现场核查时间）", "不含现场核查时间"),
        ("channels", "duplicate_values_removed"): ("窗口办理,网上办理,网上办理", "网上办理"),
        # every value import changed is said (issue 13): codes upper-cased, synonyms stored as labels
        ("impl_code", "code_upper_cased"): ("12441500196720244t3000123020000", "12441500196720244T3000123020000"),
        ("type", "enum_synonym_mapped"): ("许可", "行政许可"),
        ("body_nature", "enum_synonym_mapped"): ("行政机关", "法定机关"),
        ("level", "enum_synonym_mapped"): ("县级、乡镇（街道）级", "县级、乡镇级"),
        ("target", "enum_synonym_mapped"): ("自然人,企业法人,企业", "自然人、企业法人"),
        ("scope", "enum_synonym_mapped"): ("全县通办", "全县"),
        ("status", "enum_synonym_mapped"): ("正常", "在用"),
        ("name", "spaces_trimmed"): (" 公共场所卫生许可\u200b", None),  # a name is written exactly
    }


def test_every_changed_value_keeps_its_original_text() -> None:
    matter = build(FULL_ROW)
    # a name's surrounding spaces are a change too (NRM007): an exact name is what "同一名称" compares
    assert matter.originals == {key: matter.raw[key] for key in (
        "name", "type", "base_code", "impl_code", "body_nature", "level", "target", "promised_limit", "channels",
        "scope", "status")}


def test_unreadable_values_become_none_with_issues() -> None:
    matter = build({"name": "临时救助对象认定", "type": "救济", "legal_limit": "30个自然日", "visits": "多次",
                    "online": "待定", "base_code": "1.2302E+11"})
    assert (matter.type, matter.legal_limit, matter.visits, matter.online) == ("救济", None, None, None)
    assert matter.base_code == "1.2302E+11"
    assert sorted((i.element, i.code) for i in matter.issues) == [
        ("base_code", "code_in_scientific_notation"), ("legal_limit", "time_limit_unit_not_working_days"),
        ("online", "unparsed_bool"), ("type", "unknown_enum_value"), ("visits", "unparsed_integer")]


def test_default_body_fills_only_a_missing_body() -> None:
    assert build({"name": "残疾人证办理"}, default_body="县残联").body == "县残联"
    assert build({"name": "残疾人证办理", "body": " "}, default_body="县残联").body == "县残联"
    assert build({"name": "残疾人证办理", "body": "县民政局"}, default_body="县残联").body == "县民政局"


def test_list_level_stays_unset_when_not_given() -> None:
    matter = build({"name": "老年人优待证办理", "level": "村级"})
    assert matter.list_level is None
    assert matter.level == ["村级"]


def test_a_time_limit_note_does_not_overwrite_a_written_limit_note() -> None:
    matter = build({"legal_limit": "20个工作日（不含公示时间）", "limit_note": "公示7天"})
    assert matter.limit_note == "公示7天"
    both = build({"legal_limit": "20个工作日（不含公示时间）", "promised_limit": "10个工作日（不含公示时间）"})
    assert both.limit_note == "不含公示时间"


def test_fee_flag_text_becomes_the_fee_standard_when_none_is_given() -> None:
    matter = build({"fee": "按《不动产登记收费标准》收取", "fee_name": "不动产登记费"})
    assert matter.fee is True
    assert matter.fees == [FeeItem(name="不动产登记费", standard="按《不动产登记收费标准》收取")]
    given = build({"fee": "按标准收取", "fee_standard": "每件80元"})
    assert given.fees == [FeeItem(standard="每件80元")]


def test_fee_columns_saying_no_fee_set_an_empty_flag_to_no() -> None:
    assert build({"fee_standard": "不收费"}).fee is False
    assert build({"fee": "是", "fee_standard": "无"}).fee is True


def test_fees_are_gathered_from_their_columns() -> None:
    matter = build({"fee": "是", "fee_name": "登记费\n工本费", "fee_standard": "每件80元\n每本10元",
                    "fee_basis": "《收费通知》"})
    assert matter.fees == [FeeItem(name="登记费", standard="每件80元", basis="《收费通知》"),
                           FeeItem(name="工本费", standard="每本10元", basis="《收费通知》")]
    assert matter.cells["fee_name"] == "B5"


def test_a_row_read_from_a_real_workbook(tmp_path: Path) -> None:
    headers = ["序号", "事项名称", "基本编码", "法定办结时限", "承诺办结时限", "到办事现场次数", "是否收费", "更新日期"]
    book = Workbook()
    sheet = book.active
    sheet.title = "实施清单"
    sheet.append(headers)
    sheet.append([1, "城乡居民基本养老保险参保登记", 131128000, 20, "3个工作日", 1, False, dt.date(2024, 3, 15)])
    path = tmp_path / "养老.xlsx"
    book.save(path)

    [raw_sheet] = open_sheets(path)
    header_row, values = list(raw_sheet.rows)[:2]
    registry = default_registry()
    cells, extra = {}, {}
    for index, (header, value) in enumerate(zip(header_row, values, strict=True)):
        cell = RawCell(value, f"{get_column_letter(index + 1)}2")
        key = registry.lookup(str(header))
        (cells if key else extra)[key or str(header)] = cell
    matter = build_matter(DataRow(row=2, cells=cells, extra=extra), source=Location(file=str(path), sheet="实施清单",
                          row=2), registry=registry, code_tables=default_code_tables())

    assert matter.name == "城乡居民基本养老保险参保登记"
    assert matter.base_code == "000131128000"
    assert (matter.legal_limit, matter.promised_limit, matter.visits, matter.fee) == (20, 3, 1, False)
    assert matter.extra == {"更新日期": "2024-03-15"}
    assert [i.code for i in matter.issues] == ["code_was_number"]


def test_every_issue_is_declared_with_messages_in_chinese_and_english() -> None:
    for issue in ISSUE_TYPES.values():
        assert issue.description and issue.severity in ("error", "warning", "info")
        zh = issue_message(issue.code, "zh", element="基本编码", raw="X1", detail="D")
        en = issue_message(issue.code, "en", element="Basic code", raw="X1", detail="D")
        assert zh != en
        assert "{" not in zh + en


@pytest.mark.parametrize("values", [
    FULL_ROW,
    {"type": "救济", "legal_limit": "15-20个工作日", "visits": "多次", "online": "待定", "base_code": "1.2E+11",
     "fee": "按标准收取", "fee_name": "甲\n乙", "fee_standard": "1元\n2元\n3元", "promised_limit": 0.5,
     "legal_basis": "x", "area_code": 1.2345678901234567e17, "level": "县级、火星级"},
])
def test_every_issue_a_row_raises_is_declared(values: dict[str, object]) -> None:
    matter = build(values)
    assert matter.issues
    assert all(issue.code in ISSUE_TYPES for issue in matter.issues)


cell_values = st.one_of(st.text(max_size=40), st.integers(min_value=-10**20, max_value=10**20),
                        st.floats(allow_nan=True), st.booleans(), st.none(), st.dates())


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(spec.key for spec in default_registry())), cell_values, max_size=20))
def test_any_row_builds_a_matter_and_every_issue_is_declared(values: dict[str, object]) -> None:
    matter = build(values)
    assert set(matter.raw) <= set(values)
    assert all(issue.code in ISSUE_TYPES for issue in matter.issues)
