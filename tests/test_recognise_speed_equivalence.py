"""The faster import paths read departments' files exactly as before: header answers remembered per
registry, already-clean cells taken as they are, formulas and hidden rows counted without slow patterns."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl

from matterkit.elements import ElementRegistry, default_registry
from matterkit.rawtypes import DataRow, SkippedRow
from matterkit.readers import open_sheets
from matterkit.readers.zipcheck import inspect_zip
from matterkit.recognise import recognise_sheet
from matterkit.recognise.header import cell_texts
from matterkit.textnorm import clean_cell
from workbook_builders import edit_sheet_xml, simple_workbook, write_csv

REGISTRY = default_registry()
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def mapping_of(path: Path, registry: ElementRegistry) -> dict[str, str | None]:
    (sheet,) = open_sheets(path)
    recognised = recognise_sheet(sheet, registry)
    assert recognised is not None
    return recognised.header.mapping


def test_a_county_alias_is_used_in_that_county_only_even_after_the_same_header_was_seen(tmp_path: Path) -> None:
    rows = [["事项名称", "实施主体", "设定依据", "联络电话号"], ["残疾人证办理", "县残联", "《残疾人保障法》", "0799-1234567"]]
    path = simple_workbook(tmp_path / "清单.xlsx", {"清单": rows})
    county = REGISTRY.with_aliases({"phone": ["联络电话号"]})

    assert mapping_of(path, REGISTRY)["联络电话号"] is None
    assert mapping_of(path, county)["联络电话号"] == "phone"
    assert mapping_of(path, REGISTRY)["联络电话号"] is None  # the county's answer was not remembered for all


def test_header_cells_read_as_their_cleaned_text_whatever_the_spaces_breaks_and_value_types() -> None:
    values: list[object] = [
        "事项名称", "　事项名称　", "\xa0事项名称", "事项\n名称", "事项\r\n名称", "事项\u200b名称", " 名称", "名称 ",
        "\t", "   ", "a\u2028b", "办结时限\x07", 3.0, 12, 0.5, True, dt.date(2024, 5, 1), dt.datetime(2024, 5, 1, 8, 30),
        "", None,
    ]
    expected = [clean_cell(v).replace("\n", "") if v is not None and v != "" else "" for v in values]

    assert cell_texts(values) == expected


def test_header_written_with_full_width_spaces_and_line_breaks_is_recognised(tmp_path: Path) -> None:
    rows = [["序号", "事项\n名称", "　实施主体　", "设定\r\n依据"], [1, "残疾人证办理", "县残联", "《残疾人保障法》"]]
    path = simple_workbook(tmp_path / "清单.xlsx", {"清单": rows})

    assert set(mapping_of(path, REGISTRY).values()) == {"seq", "name", "body", "legal_basis"}


def formulas_and_hidden_rows(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "清单"
    sheet.append(["事项名称", "实施主体", "法定办结时限", "承诺办结时限"])
    for name in ("残疾人证办理", "老年人优待证办理", "临时救助对象认定"):
        sheet.append([name, "县残联", 20, None])
    for row in (2, 3, 4):
        sheet[f"D{row}"] = f"=C{row}/2"
    sheet.row_dimensions[3].hidden = True
    book.save(path)
    return path


def with_namespace_prefix(xml: bytes) -> bytes:
    """The same sheet written the way some producers do, every element as <x:…>."""
    xml = re.sub(rb"<(/?)([A-Za-z])", rb"<\1x:\2", xml)
    return xml.replace(b'xmlns="' + MAIN_NS, b'xmlns:x="' + MAIN_NS)


def test_formulas_and_hidden_rows_are_noted_with_or_without_a_namespace_prefix(tmp_path: Path) -> None:
    plain = formulas_and_hidden_rows(tmp_path / "plain.xlsx")
    prefixed = edit_sheet_xml(plain, tmp_path / "prefixed.xlsx", with_namespace_prefix)
    assert b"<x:f>" in zipfile.ZipFile(prefixed).read("xl/worksheets/sheet1.xml")

    notes = inspect_zip(plain, 1 << 29).notes
    assert notes == inspect_zip(prefixed, 1 << 29).notes
    (sheet_notes,) = notes.values()
    assert any("3 个公式单元格" in note for note in sheet_notes)
    assert any("1 个隐藏的行（第 3 行）" in note for note in sheet_notes)


def test_sheet_without_formulas_or_hidden_rows_has_no_notes(tmp_path: Path) -> None:
    path = simple_workbook(tmp_path / "清单.xlsx", {"清单": [["事项名称", "实施主体", "设定依据"], ["残疾人证办理", "县残联", "无"]]})

    assert inspect_zip(path, 1 << 29).notes == {}


def test_short_and_long_csv_records_keep_their_cells_and_the_values_beyond_the_header(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "清单.csv", [
        ["事项名称", "实施主体", "设定依据", "备注"],
        ["残疾人证办理", "县残联"],
        ["老年人优待证办理", "县民政局", "《老年人权益保障法》", "", "多出的值", "", "又一个"],
        ["", "", "", ""],
        ["", "县民政局", "", ""],
    ])
    (sheet,) = open_sheets(path)
    recognised = recognise_sheet(sheet, REGISTRY)
    assert recognised is not None
    items = list(recognised.rows)
    short, long, blank, body_only = items

    assert isinstance(short, DataRow) and isinstance(long, DataRow)
    assert short.cells["legal_basis"].value is None and short.cells["notes"].value is None
    assert short.cells["name"].cell is None  # CSV cells have no references
    assert short.extra == {}
    assert long.cells["notes"].value == ""
    assert {name: cell.value for name, cell in long.extra.items()} == {"（无表头）5列": "多出的值", "（无表头）7列": "又一个"}
    assert blank == SkippedRow(4, "blank")
    assert isinstance(body_only, DataRow)  # 实施主体 is an element of the row's own
