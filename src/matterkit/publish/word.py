"""Service guides as Word documents, one per guide and one per department (or township, village).

Built from `guide.docx` (a county's own from its workspace templates, else the bundled one): every part
of the template — styles, page setup, header, footer, fonts — is kept, and only the body of
`word/document.xml` is replaced. The body is written as WordprocessingML directly (python-docx reads the
template's style ids once): building a thousand guides through python-docx's object model took minutes.
Every value is XML-escaped text, so input can never become a field, a formula or markup.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document

from matterkit import atomic
from matterkit.publish.assemble import BodyGroup
from matterkit.publish.errors import PublishError
from matterkit.publish.guide import FEE_COLUMNS, MATERIAL_COLUMNS, Guide, Section

TEMPLATE_NAME = "guide.docx"
TABLE_STYLE = "Table Grid"
STYLES = ("Title", "Subtitle", "Heading 1", TABLE_STYLE)
# Characters XML 1.0 forbids.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Column widths in mm for the bundled template's 160 mm text width (Word rescales them to other widths).
FIELD_WIDTHS = (40, 120)
MATERIAL_WIDTHS = (12, 43, 18, 16, 12, 14, 25, 20)
FEE_WIDTHS = (45, 55, 60)
TWIPS_PER_MM = 1440 / 25.4
TEXT_WIDTH = 160  # mm
_ATTR = {'"': "&quot;"}
_DOCUMENT = "word/document.xml"
_CORE = "docProps/core.xml"
_BODY_OPEN = re.compile(rb"<w:body\s*>")
_SECT_PR = re.compile(rb"<w:sectPr[\s>/](?!.*<w:sectPr[\s>/])", re.DOTALL)
_CORE_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:creator>matterkit</dc:creator><cp:lastModifiedBy>matterkit</cp:lastModifiedBy>"
    "<cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')


class WordWriter:
    """Writes guides into documents made from one template (read once, reused for every document)."""

    def __init__(self, template: Path, stamp: datetime) -> None:
        try:
            with zipfile.ZipFile(template) as archive:
                self._parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
            self._style_ids = _style_ids(template)
        except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise PublishError(f"Word 模板无法读取 / cannot read the Word template {template}: {exc}") from exc
        self._head, self._tail = _split_document(dict(self._parts)[_DOCUMENT], template)
        self._stamp = stamp
        self._date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)

    def guide_document(self, guide: Guide, target: Path) -> Path:
        composer = _Composer(self._style_ids)
        composer.guide(guide)
        return self._save(composer.xml(), guide.title, target)

    def sections_document(self, title: str, subtitle: str, sections: Sequence[Section], target: Path) -> Path:
        """A document of guide sections under a title (a bundle's guide)."""
        composer = _Composer(self._style_ids)
        composer.titled(title, subtitle, sections)
        return self._save(composer.xml(), title, target)

    def group_document(self, level_label: str, group: BodyGroup, target: Path) -> Path:
        composer = _Composer(self._style_ids)
        composer.paragraph(f"{group.name}办事指南", "Title")
        composer.paragraph(f"{level_label} · 共 {len(group.guides)} 项", "Subtitle")
        for guide in group.guides:
            composer.guide(guide, new_page=True)
        return self._save(composer.xml(), f"{group.name}办事指南", target)

    def _save(self, body: str, title: str, target: Path) -> Path:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in self._parts:
                if name == _DOCUMENT:
                    data = self._head + body.encode("utf-8") + self._tail
                elif name == _CORE:
                    data = _CORE_XML.format(title=escape(_clean(title)),
                                            stamp=self._stamp.strftime("%Y-%m-%dT%H:%M:%SZ")).encode("utf-8")
                entry = zipfile.ZipInfo(name, date_time=self._date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, data)
        atomic.write_bytes(target, buffer.getvalue())
        return target


def _style_ids(template: Path) -> dict[str, str | None]:
    """Style ids by the names Word shows (a Chinese Word names the ids differently); None when absent."""
    styles = Document(str(template)).styles
    found: dict[str, str | None] = {}
    for name in STYLES:
        try:
            found[name] = styles[name].style_id
        except KeyError:  # a county's template without the style: plain text instead
            found[name] = None
    return found


def _split_document(xml: bytes, template: Path) -> tuple[bytes, bytes]:
    """document.xml up to the opening of the body, and from the last section properties to the end."""
    opening = _BODY_OPEN.search(xml)
    closing = xml.rfind(b"</w:body>")
    if opening is None or closing < 0:
        raise PublishError(f"Word 模板缺少正文 / the Word template has no body: {template}")
    section = _SECT_PR.search(xml, opening.end())
    return xml[: opening.end()], xml[section.start() if section else closing:]


def _shares(columns: Sequence[str], width: int) -> tuple[int, ...]:
    """Column widths of a generic table: a number column narrow, the others sharing the rest."""
    narrow = [column == "序号" for column in columns]
    wide = max(1, len(columns) - sum(narrow))
    rest = width - 12 * sum(narrow)
    return tuple(12 if is_narrow else rest // wide for is_narrow in narrow)


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _runs(text: str, bold: bool = False) -> str:
    if not text:
        return ""
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    lines = [f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in _clean(text).split("\n")]
    return f"<w:r>{properties}{'<w:br/>'.join(lines)}</w:r>"


class _Composer:
    """Collects the body of one document as WordprocessingML."""

    def __init__(self, style_ids: dict[str, str | None]) -> None:
        self.style_ids = style_ids
        self.parts: list[str] = []

    def xml(self) -> str:
        return "".join(self.parts)

    def paragraph(self, text: str, style: str | None = None, *, outline: int | None = None,
                  new_page: bool = False) -> None:
        style_id = self.style_ids.get(style) if style else None
        properties = "".join((f'<w:pStyle w:val="{escape(style_id, _ATTR)}"/>' if style_id else "",
                              "<w:pageBreakBefore/>" if new_page else "",
                              f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""))
        self.parts.append(f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{_runs(text)}</w:p>")

    def guide(self, guide: Guide, *, new_page: bool = False) -> None:
        """A guide's title is outline level 1 and its sections level 2: Word's navigation pane and the PDF
        bookmarks show them, and `pdf.split_by_outline` cuts a department's PDF into guides by them."""
        self.titled(guide.title, guide.matter.body or guide.group, guide.sections, new_page=new_page)

    def titled(self, title: str, subtitle: str, sections: Sequence[Section], *, new_page: bool = False) -> None:
        self.paragraph(title, "Title", outline=0, new_page=new_page)
        self.paragraph(subtitle, "Subtitle")
        for section in sections:
            self.paragraph(section.title, "Heading 1", outline=1)
            self.section(section)

    def section(self, section: Section) -> None:
        if section.kind == "fields":
            self.table([(f.label, f.value) for f in section.fields], FIELD_WIDTHS)
        elif section.kind == "paragraphs":
            for paragraph in section.paragraphs:
                self.paragraph(paragraph)
        elif section.kind == "table":
            widths = _shares(section.columns, TEXT_WIDTH)
            self.table([section.columns, *section.rows], widths, header=True, keep_rows=True)
        elif not section.rows:
            self.paragraph("无需提交材料。")
        elif section.kind == "materials":
            self.table([MATERIAL_COLUMNS, *section.rows], MATERIAL_WIDTHS, header=True)
        else:
            self.table([FEE_COLUMNS, *section.rows], FEE_WIDTHS, header=True)

    def table(self, rows: Sequence[Sequence[str]], widths: tuple[int, ...], *, header: bool = False,
              keep_rows: bool = False) -> None:
        """A table; with `header`, its first row is bold and repeats at the top of every page it spans; with
        `keep_rows`, a row is never split across two pages."""
        style_id = self.style_ids.get(TABLE_STYLE)
        twips = [round(width * TWIPS_PER_MM) for width in widths]
        parts = ["<w:tbl><w:tblPr>",
                 f'<w:tblStyle w:val="{escape(style_id, _ATTR)}"/>' if style_id else "",
                 '<w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>'
                 '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
                 'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
                 *(f'<w:gridCol w:w="{w}"/>' for w in twips), "</w:tblGrid>"]
        for r, values in enumerate(rows):
            bold = header and r == 0
            if bold or keep_rows:
                parts.append(f"<w:tr><w:trPr>{'<w:cantSplit/>' if keep_rows else ''}"
                             f"{'<w:tblHeader/>' if bold else ''}</w:trPr>")
            else:
                parts.append("<w:tr>")
            for width, value in zip(twips, values, strict=True):
                parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                             f"<w:p>{_runs(value, bold)}</w:p></w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl><w:p/>")  # an empty paragraph keeps two tables in a row apart
        self.parts.append("".join(parts))
