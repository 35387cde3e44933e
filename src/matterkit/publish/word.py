"""Service guides as Word documents, one per guide and one per department (or township, village).

Built from `guide.docx` (a county's own from its workspace templates, else the bundled one): its styles,
page setup, header and footer are kept, its body replaced. python-docx writes every value as text, so
input can never become a field, a formula or markup.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentType
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from matterkit import atomic
from matterkit.publish.assemble import BodyGroup
from matterkit.publish.guide import FEE_COLUMNS, MATERIAL_COLUMNS, Guide, Section
from matterkit.publish.reproducible import normalise_office_zip

TEMPLATE_NAME = "guide.docx"
TABLE_STYLE = "Table Grid"
# Characters XML 1.0 forbids; python-docx would refuse them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Column widths in mm for the bundled template's 160 mm text width (Word rescales them to other widths).
FIELD_WIDTHS = (40, 120)
MATERIAL_WIDTHS = (10, 45, 18, 16, 12, 14, 25, 20)
FEE_WIDTHS = (45, 55, 60)
TWIPS_PER_MM = 1440 / 25.4
_QUOTE = {'"': "&quot;"}
_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # schema order in w:pPr


class WordWriter:
    """Writes guides into documents made from one template (read once, copied for every document)."""

    def __init__(self, template: Path, stamp: datetime) -> None:
        self._template = template.read_bytes()
        self._stamp = stamp

    def guide_document(self, guide: Guide, target: Path) -> Path:
        document = self._new_document(guide.title)
        _Composer(document).guide(guide)
        return self._save(document, target)

    def group_document(self, level_label: str, group: BodyGroup, target: Path) -> Path:
        document = self._new_document(f"{group.name}办事指南")
        composer = _Composer(document)
        composer.paragraph(f"{group.name}办事指南", "Title")
        composer.paragraph(f"{level_label} · 共 {len(group.guides)} 项", "Subtitle")
        for guide in group.guides:
            composer.guide(guide, new_page=True)
        return self._save(document, target)

    def _new_document(self, title: str) -> DocumentType:
        document = Document(io.BytesIO(self._template))
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        document.core_properties.title = _clean(title)
        document.core_properties.author = "matterkit"
        document.core_properties.last_modified_by = "matterkit"
        document.core_properties.revision = 1
        return document

    def _save(self, document: DocumentType, target: Path) -> Path:
        naive = self._stamp.replace(tzinfo=None)
        document.core_properties.created = document.core_properties.modified = naive
        buffer = io.BytesIO()
        document.save(buffer)
        atomic.write_bytes(target, normalise_office_zip(buffer.getvalue(), self._stamp))
        return target


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


class _Composer:
    """Adds guide content to one document. Style ids are looked up once and set directly: python-docx
    searches the whole style list on every styled paragraph, which dominated the time of a county's
    thousand guides."""

    def __init__(self, document: DocumentType) -> None:
        self.document = document
        self.style_ids: dict[str, str | None] = {}
        for name in ("Title", "Subtitle", "Heading 1", TABLE_STYLE):
            try:
                self.style_ids[name] = document.styles[name].style_id
            except KeyError:  # a county's template without the style: plain text instead
                self.style_ids[name] = None

    def paragraph(self, text: str, style: str | None = None, *, outline: int | None = None,
                  new_page: bool = False) -> None:
        paragraph = self.document.add_paragraph(_clean(text))
        style_id = self.style_ids.get(style) if style else None
        if style_id:
            paragraph._p.style = style_id
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        if outline is not None:
            level = parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{outline}"/>')
            paragraph._p.get_or_add_pPr().insert_element_before(level, *_AFTER_OUTLINE)

    def guide(self, guide: Guide, *, new_page: bool = False) -> None:
        """A guide's title is outline level 1 and its sections level 2: Word's navigation pane and the PDF
        bookmarks show them, and `pdf.split_by_outline` cuts a department's PDF into guides by them."""
        self.paragraph(guide.title, "Title", outline=0, new_page=new_page)
        self.paragraph(guide.matter.body or guide.group, "Subtitle")
        for section in guide.sections:
            self.paragraph(section.title, "Heading 1", outline=1)
            self.section(section)

    def section(self, section: Section) -> None:
        if section.kind == "fields":
            self.table([(f.label, f.value) for f in section.fields], FIELD_WIDTHS)
        elif section.kind == "paragraphs":
            for paragraph in section.paragraphs:
                self.paragraph(paragraph)
        elif not section.rows:
            self.paragraph("无需提交材料。")
        elif section.kind == "materials":
            self.table([MATERIAL_COLUMNS, *section.rows], MATERIAL_WIDTHS, header=True)
        else:
            self.table([FEE_COLUMNS, *section.rows], FEE_WIDTHS, header=True)

    def table(self, rows: Sequence[Sequence[str]], widths: tuple[int, ...], *, header: bool = False) -> None:
        """A table written as one piece of WordprocessingML: building it cell by cell through python-docx
        took most of the publishing time. Text is XML-escaped; line breaks become <w:br/>."""
        style_id = self.style_ids[TABLE_STYLE]
        twips = [round(width * TWIPS_PER_MM) for width in widths]
        parts = [f"<w:tbl {nsdecls('w')}><w:tblPr>",
                 f'<w:tblStyle w:val="{escape(style_id, _QUOTE)}"/>' if style_id else "",
                 '<w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>'
                 '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
                 'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
                 *(f'<w:gridCol w:w="{w}"/>' for w in twips), "</w:tblGrid>"]
        for r, values in enumerate(rows):
            bold = header and r == 0
            parts.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if bold else "<w:tr>")
            for width, value in zip(twips, values, strict=True):
                parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                             f"<w:p>{_runs(value, bold)}</w:p></w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self.document.element.body._insert_tbl(parse_xml("".join(parts)))


def _runs(text: str, bold: bool) -> str:
    if not text:
        return ""
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    lines = [f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in _clean(text).split("\n")]
    return f"<w:r>{properties}{'<w:br/>'.join(lines)}</w:r>"
