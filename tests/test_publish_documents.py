"""Word and PDF guides: read back with python-docx and pypdf."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

from matterkit.publish import publish_all
from matterkit.publish.pdf import reproducible_pdf
from test_publish_samples import HOSTILE_MATERIAL, HOSTILE_NAME, STAMP, hostile, sample_county

HYGIENE = "county/县卫生健康局/公共场所卫生许可"


def _texts(path: Path) -> list[str]:
    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + cells


def test_every_guide_and_every_department_gets_a_word_document(tmp_path: Path) -> None:
    result = publish_all(sample_county(), out_dir=tmp_path, formats=["docx"], stamp=STAMP)
    names = sorted(p.relative_to(tmp_path / "docx").as_posix() for p in result.docx)
    assert f"guides/{HYGIENE}.docx" in names
    assert "departments/county/县卫生健康局.docx" in names
    assert "departments/township/青山镇人民政府.docx" in names
    assert len(names) == result.guides + 5  # three county departments, one township, one village


def test_word_guide_has_the_sections_and_the_materials_table(tmp_path: Path) -> None:
    publish_all(sample_county(), out_dir=tmp_path, formats=["docx"], stamp=STAMP)
    document = Document(str(tmp_path / f"docx/guides/{HYGIENE}.docx"))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", "公共场所卫生许可")
    assert ("Heading 1", "申请材料") in paragraphs and ("Heading 1", "办理时限") in paragraphs
    materials = next(t for t in document.tables if t.rows[0].cells[1].text == "材料名称")
    assert [r.cells[1].text for r in materials.rows[1:]] == ["卫生许可告知承诺书", "法定代表人身份证明", "卫生管理制度"]
    assert materials.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # header row repeats on each page


def test_department_document_holds_all_its_guides(tmp_path: Path) -> None:
    publish_all(sample_county(), out_dir=tmp_path, formats=["docx"], stamp=STAMP)
    texts = _texts(tmp_path / "docx/departments/county/县市场监督管理局.docx")
    assert texts[0] == "县市场监督管理局办事指南"
    for item in ("设立", "变更", "注销"):
        assert f"个体工商户登记注册（{item}）" in texts


def test_hostile_text_stays_plain_text_in_word(tmp_path: Path) -> None:
    result = publish_all([hostile()], out_dir=tmp_path, formats=["docx"], stamp=STAMP)
    guide = next(p for p in result.docx if "guides" in p.parts)
    assert HOSTILE_NAME in _texts(guide) and HOSTILE_MATERIAL in _texts(guide)
    xml = zipfile.ZipFile(guide).read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    assert "instrText" not in xml and "fldSimple" not in xml  # no Word field from the HYPERLINK text


def test_a_county_template_without_the_styles_still_works(tmp_path: Path) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    Document().save(str(own / "guide.docx"))  # python-docx's plain default: no county styling
    result = publish_all(sample_county()[:1], out_dir=tmp_path / "out", formats=["docx"], stamp=STAMP,
                         templates_dir=own)
    assert "公共场所卫生许可" in _texts(result.docx[0])


def test_same_input_gives_byte_identical_word_documents(tmp_path: Path) -> None:
    first = publish_all(sample_county(), out_dir=tmp_path / "a", formats=["docx"], stamp=STAMP)
    second = publish_all(sample_county(), out_dir=tmp_path / "b", formats=["docx"], stamp=STAMP)
    for a, b in zip(first.docx, second.docx, strict=True):
        assert a.read_bytes() == b.read_bytes(), a


def test_pdf_stamps_are_set_from_the_build_stamp() -> None:
    raw = (b"%PDF-1.6\n<</CreationDate(D:20261121112922Z')>>\ntrailer\n<</ID [ <AAAA>\n<AAAA> ]\n"
           b"/DocChecksum /0123ABCD>>\n")
    fixed = reproducible_pdf(raw, STAMP)
    assert b"(D:20261121080000Z')" in fixed and len(fixed) == len(raw)
    assert reproducible_pdf(raw.replace(b"112922", b"235959"), STAMP) == fixed


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


@needs_soffice
def test_pdf_guides_carry_the_chinese_name_with_an_embedded_font(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    result = publish_all(sample_county() + [hostile()], out_dir=tmp_path / "a", formats=["pdf"], stamp=STAMP)
    assert not (tmp_path / "a/docx").exists()  # Word files were only a step on the way
    assert len(result.pdf) == result.guides + 5
    reader = pypdf.PdfReader(str(tmp_path / f"a/pdf/guides/{HYGIENE}.pdf"))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert "公共场所卫生许可" in text and "卫生许可告知承诺书" in text
    fonts = [f["/BaseFont"] for page in reader.pages for f in page["/Resources"]["/Font"].values()
             if "/FontDescriptor" in f or "/DescendantFonts" in f]
    assert any("CJK" in str(name) for name in fonts)
    department = pypdf.PdfReader(str(tmp_path / "a/pdf/departments/county/县民政局.pdf"))
    assert "城乡最低生活保障对象认定" in "".join(p.extract_text() for p in department.pages)
    again = publish_all(sample_county() + [hostile()], out_dir=tmp_path / "b", formats=["pdf"], stamp=STAMP)
    for a, b in zip(result.pdf, again.pdf, strict=True):
        assert a.read_bytes() == b.read_bytes(), a


@needs_soffice
def test_hostile_text_is_plain_text_in_pdf_without_links_or_scripts(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    result = publish_all([hostile()], out_dir=tmp_path, formats=["pdf"], stamp=STAMP)
    guide = next(p for p in result.pdf if "guides" in p.parts)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(guide)).pages).replace("\n", "")
    assert HOSTILE_NAME in text and "HYPERLINK" in text
    for pdf in result.pdf:
        data = pdf.read_bytes()
        assert b"/URI" not in data and b"/JavaScript" not in data and b"/Launch" not in data


def test_departments_whose_names_differ_only_in_forbidden_characters_get_two_documents(tmp_path: Path) -> None:
    first = sample_county()[0].model_copy(update={"department": "县局/一科"})
    second = sample_county()[0].model_copy(update={"department": "县局:一科", "name": "另一事项"})
    result = publish_all([first, second], out_dir=tmp_path, formats=["docx"], stamp=STAMP)
    departments = sorted(p.name for p in result.docx if "departments" in p.parts)
    assert departments == ["县局_一科-2.docx", "县局_一科.docx"]
