"""The power-and-responsibility list (权责清单): which rows, in which order, grouped how.

Pure: matters in, sheets of rows out. `power_list_xlsx.py` writes them. One sheet per county department
and per township (villages hold no powers); rows grouped by the power categories in their conventional
order; a main item (主项) with several sub items (子项) is one power spanning several rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from matterkit.model import Matter
from matterkit.publish.config import PublishConfig

COLUMNS: tuple[str, ...] = ("序号", "职权编码", "职权名称", "子项", "职权类型", "实施依据", "实施主体", "责任事项",
                            "追责情形", "备注")
DEFAULT_NOTE = {"responsibilities": "责任事项为默认文本", "accountability": "追责情形为默认文本"}


@dataclass
class PowerRow:
    code: str
    sub_item: str
    basis: str
    body: str
    responsibilities: str
    accountability: str
    notes: str
    defaulted: frozenset[str] = frozenset()  # "responsibilities" / "accountability" filled from defaults


@dataclass
class Power:
    """One power (职权): a main item and its rows (one per sub item or business item)."""

    serial: int
    name: str
    category: str
    rows: list[PowerRow] = field(default_factory=list)


@dataclass
class PowerSheet:
    name: str  # department or township
    level: str
    powers: list[Power] = field(default_factory=list)

    def count(self, category: str) -> int:
        return sum(1 for p in self.powers if p.category == category)


def power_sheets(matters: Iterable[Matter], config: PublishConfig) -> list[PowerSheet]:
    """Sheets in order (county departments, then townships, each by name), powers in category order."""
    by_sheet: dict[tuple[int, str], list[Matter]] = {}
    for matter in matters:
        key = _sheet_key(matter)
        if key is not None:
            by_sheet.setdefault(key, []).append(matter)
    sheets = []
    for (rank, name), members in sorted(by_sheet.items()):
        sheets.append(PowerSheet(name, "county" if rank == 0 else "township", _powers(members, config)))
    return sheets


def categories_present(sheets: list[PowerSheet], config: PublishConfig) -> list[str]:
    found = {p.category for s in sheets for p in s.powers}
    return sorted(found, key=config.category_rank)


def in_power_list(matter: Matter) -> bool:
    """County and township rows in use: villages hold no powers, and a cancelled power is not listed."""
    return matter.status != "取消" and matter.list_level != "village"


def _sheet_key(matter: Matter) -> tuple[int, str] | None:
    if not in_power_list(matter):
        return None
    if matter.list_level == "township":
        return (1, matter.list_body or matter.township or matter.body or "未注明乡镇")
    return (0, matter.department or matter.body or matter.list_body or "未注明部门")


def _main_name(matter: Matter) -> str:
    return matter.main_item or matter.name or "未命名"


def _sub_name(matter: Matter) -> str:
    main = _main_name(matter)
    if matter.sub_item and matter.sub_item != main:
        return matter.sub_item
    if matter.main_item and matter.name and matter.name != main:
        return matter.name
    return matter.item_name or ""


def _powers(matters: list[Matter], config: PublishConfig) -> list[Power]:
    groups: dict[tuple[str, str], list[Matter]] = {}
    for matter in matters:
        groups.setdefault((matter.type or "未分类", _main_name(matter)), []).append(matter)
    ordered = sorted(groups.items(), key=lambda item: (config.category_rank(item[0][0]), _first_code(item[1]),
                                                       item[0][1]))
    powers = []
    for serial, ((category, name), members) in enumerate(ordered, start=1):
        power = Power(serial, name, category)
        seen: set[tuple[str, str]] = set()
        for matter in sorted(members, key=lambda m: (m.base_code or "", m.item_code or "", _sub_name(m))):
            identity = (_sub_name(matter), matter.item_code or matter.base_code or "")
            if identity not in seen:
                seen.add(identity)
                power.rows.append(_row(matter, category, config))
        powers.append(power)
    return powers


def _first_code(matters: list[Matter]) -> str:
    return min((m.base_code or "\uffff") for m in matters)


def _row(matter: Matter, category: str, config: PublishConfig) -> PowerRow:
    duty = config.defaults.get(category)
    defaulted: set[str] = set()
    responsibilities = matter.responsibilities or ""
    accountability = matter.accountability or ""
    if not responsibilities and duty and duty.responsibilities:
        responsibilities = duty.responsibilities
        defaulted.add("responsibilities")
    if not accountability and duty and duty.accountability:
        accountability = duty.accountability
        defaulted.add("accountability")
    notes = [matter.notes] if matter.notes else []
    notes += [DEFAULT_NOTE[key] for key in ("responsibilities", "accountability") if key in defaulted]
    return PowerRow(code=matter.item_code or matter.base_code or "", sub_item=_sub_name(matter),
                    basis=matter.impl_basis or matter.legal_basis or "", body=matter.body or matter.list_body or "",
                    responsibilities=responsibilities, accountability=accountability, notes="；".join(notes),
                    defaulted=frozenset(defaulted))
