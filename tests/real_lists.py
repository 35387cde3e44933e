"""A real-looking published 事项目录, built in code: the kind of list every county actually keeps.

One sheet, 30 departments, 330 rows, the six columns a Sichuan district publishes — 实施部门 / 主项名称 /
事项名称 / 事项类型 / 事项编码 / 实施主体统一社会信用代码 — with the province's dashed 事项编码
(`<item>-<area>-000-<body credit code>-1-00`). Planted defects, each on a known row: credit codes with a
wrong check character, one written in lower case, and names repeated within one department. Every other
row is clean: lint may say what the sheet lacks (once), and nothing else of error severity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from matterkit.codes import CREDIT_CODE_ALPHABET, credit_code_check_char, org_code_check_char

HEADER = ["实施部门", "主项名称", "事项名称", "事项类型", "事项编码", "实施主体统一社会信用代码"]
AREA = "511602000000"
DEPARTMENT_NAMES = [
    "发展和改革局", "教育局", "科学技术局", "经济和信息化局", "民族宗教事务局", "公安分局", "民政局", "司法局",
    "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
    "农业农村局", "商务局", "文化广播电视和旅游局", "卫生健康局", "退役军人事务局", "应急管理局", "审计局",
    "市场监督管理局", "统计局", "医疗保障局", "林业局", "城市管理局", "信访局", "档案馆", "残疾人联合会",
]
TYPES = ["行政许可", "行政确认", "行政给付", "公共服务", "行政检查", "其他行政权力"]
ROWS_PER_DEPARTMENT = 11
HEADER_ROW = 1


@dataclass
class RealList:
    path: Path
    rows: int
    departments: list[str]
    bad_credit_rows: list[int] = field(default_factory=list)  # spreadsheet rows with a wrong check character
    lowercase_credit_rows: list[int] = field(default_factory=list)  # valid once upper-cased, written lower
    duplicate_name_rows: list[int] = field(default_factory=list)  # the second occurrence of a repeated name

    @property
    def defect_rows(self) -> set[int]:
        return {*self.bad_credit_rows, *self.lowercase_credit_rows, *self.duplicate_name_rows}


def credit_code(serial: int) -> str:
    """A valid 18-character code of an organ in area 511602 (registering authority 1, category 1), its
    organisation code (positions 9–17) valid too."""
    organisation = f"{serial:08d}"
    body = "11511602" + organisation + org_code_check_char(organisation)
    return body + credit_code_check_char(body)


def wrong_check(code: str) -> str:
    """The same code with another (wrong) check character."""
    others = [c for c in CREDIT_CODE_ALPHABET if c != code[-1] and c.isdigit()]
    return code[:-1] + others[0]


def item_code(department: int, row: int) -> str:
    """A 12-character local basic code, some with a letter as Sichuan writes them (511Z07001006)."""
    middle = "Z" if row % 4 == 0 else "0"
    return f"511{middle}{department:02d}{row:03d}006"[:12]


def dashed_code(item: str, body_code: str) -> str:
    return f"{item}-{AREA}-000-{body_code}-1-00"


def real_directory(path: Path) -> RealList:
    """Write the 事项目录 to `path` (xlsx) and say where its defects are."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "事项目录"
    ws.append(HEADER)
    departments = [f"某某区{name}" for name in DEPARTMENT_NAMES]
    listing = RealList(path=path, rows=0, departments=departments)
    spreadsheet_row = HEADER_ROW
    for d, department in enumerate(departments, start=1):
        body_code = credit_code(d * 37)
        for r in range(ROWS_PER_DEPARTMENT):
            spreadsheet_row += 1
            name = f"{DEPARTMENT_NAMES[d - 1]}事项{r + 1:02d}"
            code = body_code
            if r == 3 and d % 5 == 0:  # six departments send one row with a mistyped credit code
                code = wrong_check(body_code)
                listing.bad_credit_rows.append(spreadsheet_row)
            if r == 5 and d == 8:  # one row in lower case (the check character is a letter here: …2962P)
                code = body_code.lower()
                listing.lowercase_credit_rows.append(spreadsheet_row)
            if r == 9 and d % 6 == 0:  # five departments list one matter twice
                name = f"{DEPARTMENT_NAMES[d - 1]}事项01"
                listing.duplicate_name_rows.append(spreadsheet_row)
            main = name if r % 3 else f"{DEPARTMENT_NAMES[d - 1]}主项"
            ws.append([department, main, name, TYPES[(d + r) % len(TYPES)], dashed_code(item_code(d, r), code), code])
    listing.rows = spreadsheet_row - HEADER_ROW
    wb.save(path)
    return listing
