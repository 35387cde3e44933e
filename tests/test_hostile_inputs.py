"""A county's run meets every kind of bad file: each gets one clear Chinese reason, the good ones are imported.

The corpus is built in code (no binary blobs): `CORPUS` maps a file name to a builder and to what the
import report must say about it. One test per item imports that file alone through the command line;
`test_folder_mixing_every_bad_file_with_good_ones_imports_every_good_file` imports all of them together
with good lists, as a bureau's inbox looks.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.cli_helpers import run_cli

from matterkit.workspace import Workspace
from workbook_builders import edit_sheet_xml, rewrite_zip, simple_workbook, write_csv

HEADER = ["事项名称", "实施主体", "法定办结时限", "承诺办结时限", "设定依据"]
CHINESE = re.compile(r"[\u4e00-\u9fff]")
SECRET = "TOP-SECRET-FROM-THE-HOST"  # what the external entity points at; must never reach a report or the store
SECRET_FILE = Path(tempfile.gettempdir()) / "matterkit-hostile-secret.txt"
BOMB_CAP_MB = 4  # the workspace's import.max_unzipped_mb in these tests; the bomb unpacks far past it


def good_row(name: str) -> list[Any]:
    return [name, "县卫生健康局", 20, 5, "《公共场所卫生管理条例》第四条"]


def marked_workbook(path: Path, marker: str = "MARKER") -> Path:
    """A one-sheet list whose first matter is named `marker` (ASCII), so tests can edit its XML."""
    return simple_workbook(path, {"清单": [HEADER, good_row(marker), good_row("残疾人证办理")]})


# ---- builders of bad files ----------------------------------------------------------------------

def build_empty(path: Path) -> None:
    path.write_bytes(b"")


def build_docx_named_xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document/>")


def build_text_named_xlsx(path: Path) -> None:
    path.write_text("请各部门于五月底前报送清单。\n联系人：张三\n", encoding="utf-8")


def build_png_named_xlsx(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)


def build_truncated_zip(path: Path) -> None:
    whole = marked_workbook(path.with_suffix(".whole")).read_bytes()
    path.with_suffix(".whole").unlink()
    path.write_bytes(whole[: len(whole) * 2 // 3])


def build_zip_bomb(path: Path, unpacked_mb: int = 64) -> None:
    """A real workbook whose one sheet's XML unpacks to `unpacked_mb` MB of rows (a few hundred KB packed)."""
    source = marked_workbook(path.with_suffix(".src"))
    row = b'<row r="3"><c r="F3" t="inlineStr"><is><t>' + b"x" * 1000 + b"</t></is></c></row>"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if not info.filename.startswith("xl/worksheets/sheet"):
                out.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with out.open(info.filename, "w", force_zip64=unpacked_mb >= 2000) as stream:
                stream.write(head)
                block = row * 1024
                for _ in range(unpacked_mb * 1024 * 1024 // len(block)):
                    stream.write(block)
                stream.write(b"</sheetData>" + tail)
    source.unlink()


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
                  + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
                  + "]>").encode()  # &lol9; would be 10^9 "lol"s
EXTERNAL_ENTITY = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "{SECRET_FILE.as_uri()}">]>').encode()
ENTITY_USE = {BILLION_LAUGHS: b"&lol9;", EXTERNAL_ENTITY: b"&xxe;"}


def _with_doctype(xml: bytes, doctype: bytes, replace: bytes) -> bytes:
    SECRET_FILE.write_text(SECRET, encoding="utf-8")
    if xml.startswith(b"<?xml"):
        xml = xml.split(b"?>", 1)[1]
    return doctype + xml.replace(b"MARKER", replace)


def entity_in_sheet(doctype: bytes) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        source = marked_workbook(path.with_suffix(".src"))
        edit_sheet_xml(source, path, lambda xml: _with_doctype(xml, doctype, ENTITY_USE[doctype]))
        source.unlink()
    return build


def entity_in_shared_strings(doctype: bytes) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        source = marked_workbook(path.with_suffix(".src"))
        SECRET_FILE.write_text(SECRET, encoding="utf-8")
        shared_strings_workbook(source, path, doctype + b'<sst xmlns="http://schemas.openxmlformats.org/'
                                b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
                                + ENTITY_USE[doctype] + b"</t></si></sst>")
        source.unlink()
    return build


def shared_strings_workbook(source: Path, target: Path, sst: bytes) -> Path:
    """Copy an openpyxl workbook (inline strings) with the MARKER cell turned into shared string 0 of `sst`."""
    def transform(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/sheet"):
            return data.replace(b't="inlineStr"><is><t>MARKER</t></is>', b't="s"><v>0</v>')
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats'
                                b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                b"</Relationships>")
        return data
    return rewrite_zip(source, target, transform, add={"xl/sharedStrings.xml": sst})


def build_password_protected(path: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    source = marked_workbook(path.with_suffix(".src"), "公共场所卫生许可")
    with source.open("rb") as plain, path.open("wb") as out:
        ooxml.OOXMLFile(plain).encrypt("123456", out)
    source.unlink()


def build_macro_workbook(path: Path) -> None:
    source = marked_workbook(path.with_suffix(".src"), "含宏清单事项")
    vba = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name = \"Module1\"\nSub Auto_Open()\nShell \"calc\"\nEnd Sub"
    rewrite_zip(source, path, lambda name, data: data.replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
        if name == "[Content_Types].xml" else data, add={"xl/vbaProject.bin": vba})
    source.unlink()


def build_full_sheet_dimension(path: Path) -> None:
    source = marked_workbook(path.with_suffix(".src"), "声明范围很大的事项")
    edit_sheet_xml(source, path, lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>',
                                                    xml))
    source.unlink()


LONG_TEXT = ("依据" * 16384)[:32767]


def build_longest_cells(path: Path) -> None:
    simple_workbook(path, {"清单": [HEADER, ["最长单元格事项", "县卫生健康局", 20, 5, LONG_TEXT],
                                      [("名" * 32767), "县卫生健康局", 20, 5, "依据"]]})


def build_control_characters(path: Path) -> None:
    """Excel stores control characters as _xHHHH_ escapes (NUL and BEL here); zero-width spaces are literal."""
    source = marked_workbook(path.with_suffix(".src"))
    edit_sheet_xml(source, path, lambda xml: xml.replace(
        b"MARKER", "公共场所_x0007__x0000_卫生\u200b许可\u200d\ufeff".encode()))
    source.unlink()


def build_control_characters_csv(path: Path) -> None:
    path.write_bytes((",".join(HEADER) + "\r\n" + "老年人\x01优待证\u200b办理\x1f,县民政局,10,5,依据\r\n").encode())


def build_csv_with_nul_byte(path: Path) -> None:
    path.write_bytes((",".join(HEADER) + "\r\n残疾人证办理,县残联\x00,20,5,依据\r\n").encode())


def build_formulas_and_error_cells(path: Path) -> None:
    """Cached values as Excel saved them: 法定时限 is =10+10 (cached 20), 承诺时限 #REF!, 设定依据 #N/A."""
    source = marked_workbook(path.with_suffix(".src"), "公式单元格事项")

    def edit(xml: bytes) -> bytes:
        row = re.search(rb'<row r="2">.*?</row>', xml).group()  # type: ignore[union-attr]
        new = re.sub(rb'<c r="C2"[^>]*><v>20</v></c>', b'<c r="C2"><f>10+10</f><v>20</v></c>', row)
        new = re.sub(rb'<c r="D2"[^>]*><v>5</v></c>', b'<c r="D2" t="e"><f>#REF!+1</f><v>#REF!</v></c>', new)
        new = re.sub(rb'<c r="E2" t="inlineStr">.*?</c>', b'<c r="E2" t="e"><v>#N/A</v></c>', new)
        return xml.replace(row, new)

    edit_sheet_xml(source, path, edit)
    source.unlink()


def build_duplicate_headers(path: Path) -> None:
    simple_workbook(path, {"清单": [["事项名称", "实施主体", "事项名称", "设定依据"],
                                      ["重复表头事项", "县民政局", "另一个名称", "依据"]]})


def build_header_without_data(path: Path) -> None:
    simple_workbook(path, {"清单": [HEADER]})


def build_hidden_sheet(path: Path) -> None:
    simple_workbook(path, {"说明": [["填表说明"]], "隐藏清单": [HEADER, good_row("隐藏表中的事项")]},
                    hidden=["隐藏清单"])


def build_hidden_rows(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "清单"
    for values in [HEADER, good_row("隐藏行中的事项"), good_row("看得见的事项"), good_row("另一个隐藏行中的事项")]:
        sheet.append(values)
    sheet.row_dimensions[2].hidden = True
    sheet.row_dimensions[4].hidden = True
    book.save(path)


def build_mixed_encoding_csv(path: Path) -> None:
    """Mostly UTF-8, one record saved in GBK by another program, and rows of every length."""
    path.write_bytes(",".join(HEADER).encode() + b"\r\n" + "残疾人证办理,县残联,20\r\n".encode()
                     + "老年人优待证办理,县民政局,10,5,依据,多余,更多\r\n".encode("gbk") + "临时救助对象认定\r\n".encode())


def build_ragged_csv(path: Path) -> None:
    write_csv(path, [HEADER, ["残疾人证办理", "县残联", 20], good_row("老年人优待证办理") + ["多余", "更多"],
                     ["临时救助对象认定"]])


def build_unreadable(path: Path) -> None:
    """Reading /proc/self/mem at offset 0 fails with EIO for every user, root included."""
    path.symlink_to("/proc/self/mem")


@dataclass(frozen=True)
class Case:
    build: Callable[[Path], None]
    status: str  # ok | failed
    says: str = ""  # a word the error (failed) or a note (ok) must contain
    matters: tuple[str, ...] = ()  # names that must be stored (ok)


CORPUS: dict[str, Case] = {
    "空文件.xlsx": Case(build_empty, "failed", "空"),
    "其实是Word.xlsx": Case(build_docx_named_xlsx, "failed", "Word"),
    "其实是文本.xlsx": Case(build_text_named_xlsx, "failed", "表头"),
    "其实是图片.xlsx": Case(build_png_named_xlsx, "failed", "PNG"),
    "传输中截断.xlsx": Case(build_truncated_zip, "failed", "损坏"),
    "压缩炸弹.xlsx": Case(build_zip_bomb, "failed", "压缩炸弹"),
    "实体爆炸_工作表.xlsx": Case(entity_in_sheet(BILLION_LAUGHS), "failed", "损坏"),
    "实体爆炸_共享字符串.xlsx": Case(entity_in_shared_strings(BILLION_LAUGHS), "failed", "损坏"),
    "外部实体_工作表.xlsx": Case(entity_in_sheet(EXTERNAL_ENTITY), "failed", "损坏"),
    "外部实体_共享字符串.xlsx": Case(entity_in_shared_strings(EXTERNAL_ENTITY), "failed", "损坏"),
    "有密码.xlsx": Case(build_password_protected, "failed", "密码"),
    "含宏.xlsm": Case(build_macro_workbook, "ok", "宏", ("含宏清单事项", "残疾人证办理")),
    "声明整张表.xlsx": Case(build_full_sheet_dimension, "ok", "", ("声明范围很大的事项", "残疾人证办理")),
    "最长单元格.xlsx": Case(build_longest_cells, "ok", "", ("最长单元格事项",)),
    "控制字符.xlsx": Case(build_control_characters, "ok", "", ("公共场所卫生许可", "残疾人证办理")),
    "控制字符.csv": Case(build_control_characters_csv, "ok", "", ("老年人优待证办理",)),
    "含NUL字节.csv": Case(build_csv_with_nul_byte, "failed", "二进制"),
    "公式与错误值.xlsx": Case(build_formulas_and_error_cells, "ok", "公式单元格", ("公式单元格事项",)),
    "重复表头.xlsx": Case(build_duplicate_headers, "ok", "重复", ("重复表头事项",)),
    "只有表头.xlsx": Case(build_header_without_data, "ok", "没有事项数据"),
    "隐藏工作表.xlsx": Case(build_hidden_sheet, "ok", "隐藏", ("隐藏表中的事项",)),
    "隐藏行.xlsx": Case(build_hidden_rows, "ok", "第 2、4 行", ("隐藏行中的事项", "另一个隐藏行中的事项")),
    "混合编码.csv": Case(build_mixed_encoding_csv, "failed", "编码"),
    "行长短不一.csv": Case(build_ragged_csv, "ok", "", ("残疾人证办理", "老年人优待证办理", "临时救助对象认定")),
    """县 "民政局" '清单' 2024.xlsx""": Case(lambda p: marked_workbook(p, "名字古怪的文件里的事项"), "ok", "",
                                          ("名字古怪的文件里的事项",)),
    "读不了.xlsx": Case(build_unreadable, "failed", "无法读取"),
}
GOOD_FILES = {"县民政局.xlsx": "城乡最低生活保障对象认定", "县残联.csv": "残疾人证发放"}


# ---- running the command line -------------------------------------------------------------------

def workspace(root: Path) -> Path:
    ws = Workspace.init(root)
    config = ws.config_path.read_text(encoding="utf-8")
    ws.config_path.write_text(config.replace("import:\n", f"import:\n  max_unzipped_mb: {BOMB_CAP_MB}\n", 1),
                              encoding="utf-8")
    return root


def import_json(ws: Path, *paths: Path | str) -> tuple[int, dict[str, Any], str]:
    result = run_cli("import", *paths, "--format", "json", "--workspace", ws)
    assert "Traceback" not in result.stderr + result.stdout
    return result.exit_code, json.loads(result.stdout), result.stderr


def stored_names(ws: Path) -> list[str]:
    with sqlite3.connect(ws / ".matterkit" / "store.sqlite") as conn:
        return [row[0] for row in conn.execute("SELECT name FROM matters")]


def check_case(name: str, case: Case, report: dict[str, Any], names: list[str]) -> None:
    assert report["status"] == case.status, (name, report)
    if case.status == "failed":
        assert CHINESE.search(report["error"]), report["error"]
        assert "Traceback" not in report["error"]
    if case.says:
        assert case.says in json.dumps(report, ensure_ascii=False), (name, report)
    for matter in case.matters:
        assert matter in names, (name, matter, names)
    assert SECRET not in json.dumps(report, ensure_ascii=False) + "".join(names)


# ---- one test per corpus item -------------------------------------------------------------------

@pytest.mark.parametrize("name", list(CORPUS))
def test_each_bad_file_gets_one_clear_chinese_reason_and_never_a_traceback(tmp_path: Path, name: str) -> None:
    ws = workspace(tmp_path / "ws")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    case = CORPUS[name]
    case.build(inbox / name)

    code, document, stderr = import_json(ws, inbox / name)

    (report,) = document["files"]
    assert report["path"] == str(inbox / name)  # the report names the file as given
    check_case(name, case, report, stored_names(ws))
    assert code == (1 if case.status == "failed" else 0), stderr


def test_failed_file_is_named_in_the_text_report(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    build_truncated_zip(tmp_path / "县市场监管局.xlsx")

    result = run_cli("import", tmp_path / "县市场监管局.xlsx", "--workspace", ws)

    assert result.exit_code == 1
    assert "县市场监管局.xlsx" in result.stdout and "损坏" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_entity_in_a_sheet_names_the_sheet_and_expands_nothing(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    entity_in_sheet(BILLION_LAUGHS)(tmp_path / "lol.xlsx")
    entity_in_sheet(EXTERNAL_ENTITY)(tmp_path / "xxe.xlsx")

    _, document, _ = import_json(ws, tmp_path / "lol.xlsx", tmp_path / "xxe.xlsx")

    for report in document["files"]:
        assert "清单" in report["error"]  # the sheet
    assert SECRET not in json.dumps(document, ensure_ascii=False)
    assert stored_names(ws) == []


def test_macros_are_never_run_and_data_is_read(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    build_macro_workbook(tmp_path / "含宏.xlsm")
    before = set(os.listdir(tmp_path))

    code, document, _ = import_json(ws, tmp_path / "含宏.xlsm")

    assert code == 0
    assert "宏没有运行" in " ".join(document["files"][0]["notes"])
    assert set(os.listdir(tmp_path)) == before


def test_longest_cells_survive_import_and_export_whole(tmp_path: Path) -> None:
    import openpyxl

    ws = workspace(tmp_path / "ws")
    build_longest_cells(tmp_path / "long.xlsx")
    import_json(ws, tmp_path / "long.xlsx")

    result = run_cli("export", "--format", "xlsx", "-o", tmp_path / "out.xlsx", "--workspace", ws)

    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    values = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert LONG_TEXT in values and "名" * 32767 in values


def test_control_characters_are_removed_and_exports_open(tmp_path: Path) -> None:
    import openpyxl

    ws = workspace(tmp_path / "ws")
    build_control_characters(tmp_path / "ctrl.xlsx")
    build_control_characters_csv(tmp_path / "ctrl.csv")
    import_json(ws, tmp_path / "ctrl.xlsx", tmp_path / "ctrl.csv")

    assert {"公共场所卫生许可", "老年人优待证办理"} <= set(stored_names(ws))
    assert run_cli("export", "--format", "xlsx", "-o", tmp_path / "out.xlsx", "--workspace", ws).exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    text = " ".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
                    if c.value is not None)
    assert "公共场所卫生许可" in text
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\u200b\u200d\ufeff]", text)


def test_formulas_give_their_saved_values_and_error_cells_are_empty(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    build_formulas_and_error_cells(tmp_path / "f.xlsx")
    import_json(ws, tmp_path / "f.xlsx")

    result = run_cli("export", "--format", "json", "--workspace", ws)

    matter = next(m for m in json.loads(result.stdout)["matters"] if m["name"] == "公式单元格事项")
    assert matter["legal_limit"] == 20
    assert matter["promised_limit"] is None and matter["legal_basis"] is None
    notes = json.dumps(import_json(ws, tmp_path / "f.xlsx", "--force")[1], ensure_ascii=False)
    assert "工作表“清单”中有 2 个公式单元格" in notes


def test_header_without_data_says_so(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    build_header_without_data(tmp_path / "h.xlsx")

    _, document, _ = import_json(ws, tmp_path / "h.xlsx")

    (sheet,) = document["files"][0]["sheets"]
    assert sheet["matters"] == 0 and any("没有事项数据" in note for note in sheet["notes"])


def test_a_folder_of_a_thousand_files_with_one_broken_imports_the_other_999(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    inbox = tmp_path / "乡镇报送"
    inbox.mkdir()
    template = marked_workbook(tmp_path / "template.xlsx", "村级代办事项")
    for i in range(1000):
        if i % 2:
            write_csv(inbox / f"{i:04d}村.csv", [HEADER, good_row(f"第{i}号事项")])
        else:
            shutil.copy(template, inbox / f"{i:04d}村.xlsx")
    build_truncated_zip(inbox / "0500村.xlsx")

    code, document, _ = import_json(ws, inbox)

    assert code == 1
    assert document["totals"]["files"] == 1000
    assert document["totals"]["ok"] == 999 and document["totals"]["failed"] == 1
    (failed,) = [f for f in document["files"] if f["status"] == "failed"]
    assert failed["path"].endswith("0500村.xlsx") and "损坏" in failed["error"]
    assert len(stored_names(ws)) == 500 + 499 * 2


def test_folder_mixing_every_bad_file_with_good_ones_imports_every_good_file(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for name, case in CORPUS.items():
        case.build(inbox / name)
    simple_workbook(inbox / "县民政局.xlsx", {"清单": [HEADER, good_row(GOOD_FILES["县民政局.xlsx"])]})
    write_csv(inbox / "县残联.csv", [HEADER, good_row(GOOD_FILES["县残联.csv"])])

    code, document, _ = import_json(ws, inbox)

    assert code == 1  # conventions.md: at least one input file could not be read
    reports = {Path(f["path"]).name: f for f in document["files"]}
    names = stored_names(ws)
    for name, case in CORPUS.items():
        check_case(name, case, reports[name], names)
    for name, matter in GOOD_FILES.items():
        assert reports[name]["status"] == "ok" and matter in names
    assert document["totals"]["failed"] == sum(1 for c in CORPUS.values() if c.status == "failed")
