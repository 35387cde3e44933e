"""A file's cells before any file format: title, header rows, data rows, merges; positions of the rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from matterkit.example.county import Body
from matterkit.example.layouts import Layout, group_of, header_text
from matterkit.example.render import cell_value
from matterkit.example.rows import Row

FILLING_DATE = "2026年3月15日"
NOTES_TEXT = "注：1.办结时限均以工作日计；2.本清单经单位负责人审核；3.收费标准以价格主管部门核定为准。"
INSTRUCTIONS = ("填表说明", "1.每个事项填写一行，业务办理项分行填写。", "2.时限以工作日计，当场办结的填写“当场办结”。",
                "3.申请材料按序号逐项填写，注明原件或复印件及份数。", "4.本表由各单位填报后报县政务服务管理局汇总。")
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based)


@dataclass
class Grid:
    rows: list[list[Any]] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    header_row: int = 0
    features: list[str] = field(default_factory=list)
    width: int = 0

    def add(self, cells: list[Any]) -> int:
        """Append one row (padded to the grid's width); its 1-based row number."""
        self.rows.append(cells + [None] * (self.width - len(cells)))
        return len(self.rows)


def build_grid(layout: Layout, columns: list[str], rows: list[Row], body: Body) -> Grid:
    """Lay out one sheet. Each `Row` learns its spreadsheet row number; `features` lists what was shown."""
    grid = Grid(width=len(columns), features=[f"format_{layout.format}"])
    if layout.title:
        number = grid.add([f"{body.name}政务服务事项实施清单（2026年版）"])
        _feature(grid, "title_row")
        if not layout.is_csv:
            grid.merges.append((number, 1, number, len(columns)))
    if layout.filler:
        grid.add([f"填报单位：{body.name}　　填报日期：{FILLING_DATE}"])
        _feature(grid, "filler_line")
    _add_header(grid, layout, columns)
    if layout.column_numbers:
        grid.add(list(range(1, len(columns) + 1)))
        _feature(grid, "column_numbers_row")
    repeat_after = len(rows) // 2 if layout.repeated_header and not layout.two_row and len(rows) >= 4 else None
    for index, row in enumerate(rows):
        if index == repeat_after:
            grid.add([header_text(layout, c) for c in columns])
            _feature(grid, "repeated_header")
        row.row = grid.add([cell_value(row, column, layout, index + 1) for column in columns])
    if layout.merged_department and repeat_after is None:
        _merge_department(grid, columns, rows)
    if layout.notes_row:
        grid.add([NOTES_TEXT])
        _feature(grid, "notes_row_at_bottom")
    for word in _value_features(layout, columns):
        _feature(grid, word)
    return grid


def _add_header(grid: Grid, layout: Layout, columns: list[str]) -> None:
    if layout.alias_headers:
        _feature(grid, "alias_headers")
    if layout.shuffle_columns:
        _feature(grid, "column_order_varied")
    if "contact" in columns:
        _feature(grid, "unknown_column")
    if not layout.two_row:
        grid.header_row = grid.add([header_text(layout, c) for c in columns])
        _feature(grid, "one_row_header")
        return
    top: list[str | None] = []
    bottom: list[str | None] = []
    for column in columns:
        grouped = group_of(column)
        top.append(grouped[0] if grouped else header_text(layout, column))
        bottom.append(grouped[1] if grouped else None)
    first = grid.add(top)
    grid.header_row = grid.add(bottom)
    _feature(grid, "two_row_header")
    _feature(grid, "merged_group_header")
    start = 0
    while start < len(columns):
        end = start
        if bottom[start] is None:
            grid.merges.append((first, start + 1, first + 1, start + 1))
        else:
            while end + 1 < len(columns) and bottom[end + 1] is not None and top[end + 1] == top[start]:
                top[end + 1] = None
                grid.rows[first - 1][end + 1] = None
                end += 1
            if end > start:
                grid.merges.append((first, start + 1, first, end + 1))
        start = end + 1


def _merge_department(grid: Grid, columns: list[str], rows: list[Row]) -> None:
    if "department" not in columns or len(rows) < 2:
        return
    departments = {row.values.get("department") for row in rows}
    if len(departments) != 1 or any("department" in row.cells for row in rows):
        return
    col = columns.index("department")
    first, last = rows[0].row, rows[-1].row
    assert first is not None and last is not None
    for number in range(first + 1, last + 1):
        grid.rows[number - 1][col] = None
    grid.merges.append((first, col + 1, last, col + 1))
    _feature(grid, "department_merged_vertically")


def _value_features(layout: Layout, columns: list[str]) -> list[str]:
    words = [f"limits_{layout.limits}", f"materials_{layout.materials}", f"material_notes_{layout.material_notes}"]
    if layout.limits == "number":
        words.append("numbers_as_numbers")
    if layout.codes == "fullwidth":
        words.append("fullwidth_codes")
    if layout.codes == "number":
        words.append("base_codes_as_numbers")
    if layout.bools == "tick":
        words.append("tick_marks_for_yes_no")
    if layout.instructions_sheet and not layout.is_csv:
        words.append("instructions_sheet")
    return words


def _feature(grid: Grid, word: str) -> None:
    if word not in grid.features:
        grid.features.append(word)
