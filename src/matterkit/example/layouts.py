"""How each example file looks: columns, header wording, and the real-world quirks it shows.

A `Layout` is plain data; `grid.py` turns a layout and rows into cells, `writers.py` into a file.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Every column an example file has, in the usual order. `fee_name`/`fee_standard`/`fee_basis` are the
# parts of the `fees` element; `seq` (序号) and `contact` (联系人, unknown to matterkit) carry no element.
COLUMNS: tuple[str, ...] = (
    "seq", "name", "type", "base_code", "impl_code", "department", "body", "body_code", "body_nature", "level",
    "power_source", "entrusting_body", "target", "case_type", "legal_basis", "legal_limit", "promised_limit",
    "conditions", "process", "materials", "fee", "fee_name", "fee_standard", "fee_basis", "location", "hours",
    "phone", "complaint_phone", "visits", "visit_reason", "online", "channels", "in_hall", "express",
    "online_payment", "result_type", "result_name", "status", "notes",
)
FEE_PARTS = ("fee_name", "fee_standard", "fee_basis")

STANDARD_HEADERS: dict[str, str] = {
    "seq": "序号", "name": "事项名称", "type": "事项类型", "base_code": "基本编码", "impl_code": "实施编码",
    "department": "主管部门", "body": "实施主体", "body_code": "实施主体编码", "body_nature": "实施主体性质",
    "level": "行使层级", "power_source": "权力来源", "entrusting_body": "委托部门", "target": "服务对象",
    "case_type": "办件类型", "legal_basis": "设定依据", "legal_limit": "法定办结时限",
    "promised_limit": "承诺办结时限", "conditions": "受理条件", "process": "办理流程", "materials": "申请材料",
    "fee": "是否收费", "fee_name": "收费项目名称", "fee_standard": "收费标准", "fee_basis": "收费依据",
    "location": "办理地点", "hours": "办理时间", "phone": "咨询电话", "complaint_phone": "监督投诉电话",
    "visits": "到办事现场次数", "visit_reason": "到现场办理原因说明", "online": "是否网办", "channels": "办理形式",
    "in_hall": "是否进驻政务大厅", "express": "是否支持物流快递", "online_payment": "是否支持网上支付",
    "result_type": "审批结果类型", "result_name": "审批结果名称", "status": "事项状态", "notes": "备注",
    "contact": "联系人",
}
# Wording other departments use for the same columns (all known aliases of data/elements.yaml).
ALIAS_HEADERS: dict[str, str] = {
    **STANDARD_HEADERS,
    "seq": "编号", "name": "事项名称（全称）", "type": "权力类型", "base_code": "事项编码", "impl_code": "实施清单编码",
    "department": "业务主管部门", "body": "实施机关", "body_code": "统一社会信用代码", "body_nature": "主体性质",
    "level": "层级", "power_source": "职权来源", "entrusting_body": "委托机关", "target": "办理对象",
    "case_type": "办件类型(即办件/承诺件)", "legal_basis": "法律依据", "legal_limit": "法定时限（工作日）",
    "promised_limit": "承诺时限（工作日）", "conditions": "申请条件", "process": "办事流程", "materials": "申报材料",
    "fee": "收费", "fee_name": "收费项目", "fee_standard": "收费金额", "fee_basis": "收费文件依据",
    "location": "受理地点", "hours": "办公时间", "phone": "咨询方式", "complaint_phone": "投诉电话",
    "visits": "跑动次数", "visit_reason": "跑动原因", "online": "是否网上办理", "channels": "办理方式",
    "in_hall": "是否进驻大厅", "express": "是否支持快递", "online_payment": "是否网上支付",
    "result_type": "结果类型", "result_name": "审批结果", "status": "状态", "notes": "说明",
}
# Two-row headers: a group cell merged over its sub-columns; (group, {column: sub-header}).
GROUPS: tuple[tuple[str, dict[str, str]], ...] = (
    ("实施主体", {"body": "名称", "body_code": "统一社会信用代码", "body_nature": "性质"}),
    ("办结时限", {"legal_limit": "法定", "promised_limit": "承诺"}),
    ("收费", {"fee": "是否收费", "fee_name": "收费项目", "fee_standard": "收费标准", "fee_basis": "收费依据"}),
)


@dataclass(frozen=True)
class Layout:
    """One file's appearance. Flags that make no sense for CSV (merges, sheets) are off for CSV."""

    name: str
    format: str  # xlsx | csv-gbk | csv-utf8-bom | xls
    title: bool = True
    filler: bool = False  # 填报单位/填报日期 line
    two_row: bool = False
    column_numbers: bool = False
    repeated_header: bool = False
    notes_row: bool = False
    merged_department: bool = False
    instructions_sheet: bool = False
    unknown_column: bool = False
    alias_headers: bool = False
    shuffle_columns: bool = False
    limits: str = "number"  # number | text | chinese | fullwidth
    codes: str = "text"  # text | fullwidth | number (basic codes as numbers)
    materials: str = "dot"  # dot | comma | paren | circled | semicolon
    material_notes: str = "full"  # full | kind | bare
    bools: str = "word"  # word | tick
    separator: str = "、"
    sheet_name: str = "实施清单"

    @property
    def is_csv(self) -> bool:
        return self.format.startswith("csv")

    @property
    def extension(self) -> str:
        return ".csv" if self.is_csv else "." + self.format


TEMPLATES: tuple[Layout, ...] = (
    Layout("standard", "xlsx", filler=True, notes_row=True),
    Layout("grouped", "xlsx", two_row=True, column_numbers=True, merged_department=True, materials="paren",
           sheet_name="Sheet1"),
    Layout("alias", "xlsx", alias_headers=True, shuffle_columns=True, limits="text", repeated_header=True,
           instructions_sheet=True, unknown_column=True, materials="comma", separator=","),
    Layout("plain", "xlsx", title=False, limits="chinese", codes="fullwidth", materials="circled",
           material_notes="kind", bools="tick"),
    Layout("grouped-text", "xlsx", two_row=True, filler=True, notes_row=True, limits="text", materials="semicolon",
           material_notes="bare", separator="；"),
    Layout("csv-gbk", "csv-gbk", title=False, limits="text", materials="dot"),
    Layout("csv-gbk-alias", "csv-gbk", alias_headers=True, limits="chinese", codes="fullwidth", materials="comma",
           unknown_column=True),
    Layout("csv-bom", "csv-utf8-bom", filler=True, limits="fullwidth", materials="paren", notes_row=True),
    Layout("xls", "xls", notes_row=True, column_numbers=True, materials="circled", codes="number"),
    Layout("xls-grouped", "xls", two_row=True, merged_department=True, limits="text", materials="dot",
           material_notes="kind"),
)
_BY_NAME = {layout.name: layout for layout in TEMPLATES}

# How many files of each level get each template (the rest of a level's files cycle over these).
_MIX: dict[str, tuple[str, ...]] = {
    "county": ("standard", "grouped", "alias", "plain", "grouped-text", "csv-gbk", "csv-gbk-alias", "csv-bom",
               "xls", "xls-grouped", "standard", "grouped", "alias", "plain", "standard", "grouped-text",
               "csv-gbk", "xls", "alias", "grouped", "standard"),
    "township": ("grouped", "standard", "alias", "xls-grouped", "csv-gbk", "plain", "grouped-text", "standard",
                 "csv-bom", "alias", "grouped", "xls"),
    "village": ("standard", "plain", "grouped", "standard", "csv-gbk", "alias", "standard", "grouped-text",
                "plain", "csv-bom", "standard", "xls", "grouped", "csv-gbk-alias", "standard"),
}


def layouts_for(level: str, count: int, rng: random.Random) -> list[Layout]:
    """`count` layouts for the files of one level, covering the level's mix, in a seeded order."""
    mix = _MIX[level]
    names = [mix[i % len(mix)] for i in range(count)]
    rng.shuffle(names)
    return [_BY_NAME[name] for name in names]


def columns_for(layout: Layout, level: str, rng: random.Random) -> list[str]:
    """The column keys of one file, in the file's order."""
    columns = [c for c in COLUMNS if c != "entrusting_body" or level != "county"]
    if layout.unknown_column:
        columns.insert(columns.index("phone") + 1, "contact")
    if layout.shuffle_columns:
        middle = columns[2:]
        rng.shuffle(middle)
        columns = columns[:2] + middle
    if layout.two_row:  # a group's columns stand together, in the group's order
        for _group, members in GROUPS:
            present = [c for c in members if c in columns]
            first = min(columns.index(c) for c in present)
            rest = [c for c in columns if c not in present]
            columns = rest[:first] + present + rest[first:]
    return columns


def header_text(layout: Layout, column: str) -> str:
    return (ALIAS_HEADERS if layout.alias_headers else STANDARD_HEADERS)[column]


def group_of(column: str) -> tuple[str, str] | None:
    """(group text, sub-header text) when the column sits under a group in two-row headers."""
    for group, members in GROUPS:
        if column in members:
            return group, members[column]
    return None
