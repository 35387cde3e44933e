"""Clean rows: one catalogue entry implemented by one body, with every element consistent.

A `Row` holds the normalised values a correct importer must produce (`values`) and, where a planted
defect or a quirk needs it, the exact cell content to write instead of the rendered value (`cells`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from matterkit.codetables import CodeTables
from matterkit.example.county import COUNTY, PHONE_AREA, Body
from matterkit.model import Matter

REDUCED_TYPES = frozenset({"行政处罚", "行政检查", "行政强制", "行政征收", "行政奖励"})
HOURS = "工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）"
COMPLAINT_PHONE = f"{PHONE_AREA}-12345"

_CONDITIONS = {
    "行政许可": "申请人符合法定条件，申请材料齐全、符合法定形式。",
    "行政确认": "申请人符合规定的确认条件，申请材料齐全。",
    "行政给付": "申请人符合政策规定的给付条件，家庭经济状况经核查属实。",
    "公共服务": "申请人符合服务条件，提供的材料真实有效。",
    "行政裁决": "申请人与争议有直接利害关系，有明确的请求和事实理由。",
    "其他行政权力": "申请人符合规定条件，申请材料齐全。",
}
_PROCESS = {
    "行政处罚": "立案→调查取证→审查→告知→决定→送达→执行",
    "行政检查": "制定检查计划→实施检查→处理检查结果→归档",
    "行政强制": "审批→告知→实施→制作现场笔录→送达决定书",
    "行政征收": "核定→通知缴纳→征收→开具票据",
    "行政奖励": "推荐→审核→公示→决定→颁奖",
}
_DEFAULT_PROCESS = "申请→受理→审查→决定→送达"


@dataclass(eq=False)
class Row:
    values: dict[str, Any]
    body: Body
    entry: Matter | None
    cells: dict[str, Any] = field(default_factory=dict)  # column -> cell content overriding the rendering
    tags: list[str] = field(default_factory=list)  # defects and differences planted here
    sheet: str | None = None
    row: int | None = None
    file: str = ""

    @property
    def base_code(self) -> str | None:
        return self.values.get("base_code")


def impl_code(body: Body, base_code: str, code_tables: CodeTables) -> str:
    """Credit code + 行使层级 code (from the code tables) + basic code: 31 characters."""
    return body.credit_code + (code_tables.code_of("level", body.level_label) or "") + base_code


def build_row(body: Body, entry: Matter, code_tables: CodeTables, *, location: str,
              power_source: str = "法定本级行使", entrusting_body: str | None = None) -> Row:
    """The clean row of `entry` in `body`'s list."""
    assert entry.base_code and entry.type and entry.department
    reduced = entry.type in REDUCED_TYPES or entry.legal_limit is None
    village = body.level == "village"
    online = not reduced and not village
    express = online and entry.type == "行政许可" and body.level == "county"
    values: dict[str, Any] = {
        "name": entry.name, "type": entry.type, "base_code": entry.base_code,
        "impl_code": impl_code(body, entry.base_code, code_tables),
        "department": COUNTY + entry.department, "body": body.name, "body_code": body.credit_code,
        "body_nature": "受委托组织" if entrusting_body else "法定机关", "level": [body.level_label],
        "power_source": power_source, "entrusting_body": entrusting_body, "target": list(entry.target),
        "case_type": None if reduced else entry.case_type, "legal_basis": entry.legal_basis,
        "legal_limit": None if reduced else entry.legal_limit,
        "promised_limit": None if reduced else entry.promised_limit,
        "conditions": None if reduced else _CONDITIONS.get(entry.type, _CONDITIONS["其他行政权力"]),
        "process": entry.process or _PROCESS.get(entry.type, _DEFAULT_PROCESS),
        "materials": [m.model_dump(include={"name", "necessity", "kind", "copies"}, exclude_none=True)
                      for m in entry.materials],
        "fee": None if reduced else bool(entry.fees),
        "fees": [f.model_dump(exclude_none=True) for f in entry.fees],
        "location": location, "hours": HOURS, "phone": body.phone, "complaint_phone": COMPLAINT_PHONE,
        "visits": None if reduced else entry.visits,
        "visit_reason": None if reduced or not entry.visits else entry.visit_reason,
        "online": online, "channels": _channels(reduced, online, express), "in_hall": not reduced and not village,
        "express": express, "online_payment": online and bool(entry.fees),
        "result_type": None if reduced else entry.result_type, "result_name": None if reduced else entry.result_name,
        "status": "在用", "notes": None,
    }
    return Row(values=values, body=body, entry=entry)


def _channels(reduced: bool, online: bool, express: bool) -> list[str]:
    if reduced:
        return []
    return ["窗口办理", *(["网上办理"] if online else []), *(["快递申请"] if express else [])]


def location_of(body: Body, index: int) -> str:
    if body.level == "county":
        return f"{COUNTY}政务服务中心一楼{index}号窗口"
    if body.level == "township":
        return f"{body.short}便民服务中心"
    return f"{body.short}党群服务中心便民服务站"
