"""Files that are not what they claim, damaged or built to hurt: each is one clear Chinese reason."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matterkit.errors import InputFileError
from matterkit.readers import open_sheets
from workbook_builders import (
    convert_with_soffice,
    edit_sheet_xml,
    rewrite_zip,
    simple_workbook,
    soffice,
    write_xls_with_xlwt,
)

ROWS = [["事项名称", "实施主体", "法定时限"], ["公共场所卫生许可", "县卫生健康局", 20]]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def refused(path: Path, **kwargs: int) -> str:
    with pytest.raises(InputFileError) as caught:
        open_sheets(path, **kwargs)
    reason = caught.value.reason
    assert CHINESE.search(reason), reason
    assert "Traceback" not in reason
    assert caught.value.path == str(path)
    return reason


def test_empty_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.xlsx").write_bytes(b"")

    assert "空" in refused(tmp_path / "empty.xlsx")


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    assert "不存在" in refused(tmp_path / "nowhere.xlsx")
    (tmp_path / "folder.xlsx").mkdir()
    assert "不是文件" in refused(tmp_path / "folder.xlsx")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files regardless of mode")
def test_file_without_read_permission_is_refused(tmp_path: Path) -> None:
    path = simple_workbook(tmp_path / "locked.xlsx", {"清单": ROWS})
    path.chmod(0)
    try:
        assert "权限" in refused(path)
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_file_the_system_refuses_to_read_is_refused() -> None:
    assert "无法读取" in refused(Path("/proc/self/mem"))  # reading it at offset 0 fails with EIO, even for root


def test_word_document_renamed_to_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "清单.xlsx"
    with zipfile.ZipFile(path, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document/>")

    assert "Word" in refused(path)


def test_zip_without_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")

    assert "工作簿" in refused(path)


def test_png_picture_renamed_to_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "截图.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)

    assert "PNG" in refused(path)


def test_other_binary_content_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(bytes(range(256)) * 8)

    assert "表格" in refused(path)


def test_truncated_xlsx_is_refused(tmp_path: Path) -> None:
    whole = simple_workbook(tmp_path / "whole.xlsx", {"清单": ROWS}).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])

    assert "损坏" in refused(path)


def test_zip_bomb_is_refused_from_the_zip_directory(tmp_path: Path) -> None:
    source = simple_workbook(tmp_path / "book.xlsx", {"清单": ROWS})
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info.filename))
        out.writestr("xl/media/padding.bin", b"\0" * (8 * 1024 * 1024))  # compresses to a few KB
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(buffer.getvalue())
    assert bomb.stat().st_size < 100_000

    assert "压缩炸弹" in refused(bomb, max_unzipped_bytes=4 * 1024 * 1024)


def test_stray_value_at_the_far_corner_is_refused_before_it_exhausts_memory(tmp_path: Path) -> None:
    source = simple_workbook(tmp_path / "book.xlsx", {"清单": ROWS})
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t> </t></is></c></row></sheetData>'
    stray = edit_sheet_xml(source, tmp_path / "stray.xlsx", lambda xml: xml.replace(b"</sheetData>", far))

    reason = refused(stray)

    assert "清单" in reason and "范围过大" in reason


def test_the_stray_value_imported_by_a_supervised_worker_is_refused_with_the_same_reason(tmp_path: Path) -> None:
    """There the range check runs beside the parser, which runs out of the worker's memory limit first: the
    file's failure still names the sheet and its range (importer._crashed), and the other file is imported."""
    from matterkit.importer import import_into_workspace
    from matterkit.workspace import Workspace

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    source = simple_workbook(tmp_path / "book.xlsx", {"清单": ROWS})
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t> </t></is></c></row></sheetData>'
    edit_sheet_xml(source, inbox / "stray.xlsx", lambda xml: xml.replace(b"</sheetData>", far))
    shutil.copy(source, inbox / "good.xlsx")

    run = import_into_workspace(Workspace.init(tmp_path / "ws"), [inbox])

    by_name = {Path(report.path).name: report for report in run.files}
    assert by_name["good.xlsx"].status == "ok" and by_name["good.xlsx"].matters == 1
    assert by_name["stray.xlsx"].status == "failed"
    assert "清单" in (by_name["stray.xlsx"].error or "") and "范围过大" in (by_name["stray.xlsx"].error or "")


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_ods_value_repeated_over_a_huge_block_is_refused(tmp_path: Path) -> None:
    source = simple_workbook(tmp_path / "book.xlsx", {"清单": ROWS})
    ods = convert_with_soffice(source, "ods", tmp_path / "out")
    repeated = (b'<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
                b'table:number-columns-repeated="16000" office:value-type="string"><text:p>x</text:p>'
                b'</table:table-cell></table:table-row></table:table>')
    hostile = rewrite_zip(ods, tmp_path / "hostile.ods", lambda name, data: data.replace(
        b"</table:table>", repeated, 1) if name == "content.xml" else data)

    assert "范围过大" in refused(hostile)


def test_password_protected_xlsx_is_refused(tmp_path: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    source = simple_workbook(tmp_path / "plain.xlsx", {"清单": ROWS})
    encrypted = tmp_path / "secret.xlsx"
    with source.open("rb") as plain, encrypted.open("wb") as out:
        ooxml.OOXMLFile(plain).encrypt("123456", out)
    assert encrypted.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"

    assert "密码" in refused(encrypted)
    renamed = tmp_path / "secret.xls"
    shutil.copy(encrypted, renamed)
    assert "密码" in refused(renamed)


def test_web_page_saved_as_xls_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "导出.xls"
    path.write_text("<html><body><table><tr><td>事项名称</td></tr></table></body></html>", encoding="utf-8")

    assert "网页" in refused(path)


def test_damaged_ole_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)

    assert "Excel" in refused(path)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_word_97_document_renamed_to_xls_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "letter.txt"
    text.write_text("这是一封信", encoding="utf-8")
    doc = convert_with_soffice(text, "doc", tmp_path / "out")
    renamed = tmp_path / "清单.xls"
    shutil.copy(doc, renamed)

    assert "Word" in refused(renamed)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe"]),
       body=st.binary(max_size=2048))
def test_arbitrary_bytes_give_sheets_or_one_clear_reason(tmp_path: Path, prefix: bytes, body: bytes) -> None:
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(prefix + body)
    try:
        sheets = open_sheets(path)
    except InputFileError as error:
        assert CHINESE.search(error.reason)
        return
    for sheet in sheets:
        assert all(isinstance(row, list) for row in sheet.rows)


def test_truncated_xls_is_refused(tmp_path: Path) -> None:
    whole = write_xls_with_xlwt(tmp_path / "whole.xls", {"清单": ROWS * 50}).read_bytes()
    for cut in (600, len(whole) // 2, len(whole) - 100):
        path = tmp_path / f"cut{cut}.xls"
        path.write_bytes(whole[:cut])

        assert "损坏" in refused(path) or "Excel" in refused(path)


def test_csv_field_beyond_the_size_limit_stops_with_a_clear_reason(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "long.csv"
    path.write_text("事项名称,设定依据\n甲," + "很长" * 5000 + "\n", encoding="utf-8")
    (sheet,) = open_sheets(path)
    previous = csv.field_size_limit(1000)
    try:
        with pytest.raises(InputFileError) as caught:
            list(sheet.rows)
    finally:
        csv.field_size_limit(previous)

    assert "格式有误" in caught.value.reason


def test_xls_with_an_absurd_sheet_dimension_is_refused_before_calamine_reserves_memory(tmp_path: Path) -> None:
    data = bytearray(write_xls_with_xlwt(tmp_path / "ok.xls", {"清单": ROWS}).read_bytes())
    header = data.find(b"\x00\x02\x0e\x00")  # the DIMENSIONS record: type 0x0200, 14 bytes
    assert header > 0
    data[header + 8: header + 12] = (0x7FFFFFFF).to_bytes(4, "little")  # last row
    path = tmp_path / "broken.xls"
    path.write_bytes(bytes(data))

    assert "尺寸" in refused(path)


def test_xls_with_a_cell_far_beyond_column_iv_is_refused(tmp_path: Path) -> None:
    data = bytearray(write_xls_with_xlwt(tmp_path / "ok.xls", {"清单": ROWS}).read_bytes())
    cell = data.find(b"\xfd\x00\x0a\x00")  # a LABELSST record: type 0x00FD, 10 bytes (row, column, …)
    assert cell > 0
    data[cell + 6: cell + 8] = (0xC000).to_bytes(2, "little")
    path = tmp_path / "broken.xls"
    path.write_bytes(bytes(data))

    assert "单元格位置" in refused(path)
