"""Service guides as Word documents, one per guide and one per department (or township, village).

Built from `guide.docx` (a county's own from its workspace templates, else the bundled one): its styles,
page setup, header and footer are kept, its body replaced. python-docx writes every value as text, so
input can never become a field, a formula or markup.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table

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


class WordWriter:
    """Writes guides into documents made from one template (read once, copied for every document)."""

    def __init__(self, template: Path, stamp: datetime) -> None:
        self._template = template.read_bytes()
        self._stamp = stamp

    def guide_document(self, guide: Guide, target: Path) -> Path:
        document = self._new_document(guide.title)
        _write_guide(document, guide)
        return self._save(document, target)

    def group_document(self, level_label: str, group: BodyGroup, target: Path) -> Path:
        document = self._new_document(f"{group.name}办事指南")
        _paragraph(document, f"{group.name}办事指南", "Title")
        _paragraph(document, f"{level_label} · 共 {len(group.guides)} 项", "Subtitle")
        for guide in group.guides:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            _write_guide(document, guide)
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


def _write_guide(document: DocumentType, guide: Guide) -> None:
    _paragraph(document, guide.title, "Title")
    _paragraph(document, guide.matter.body or guide.group, "Subtitle")
    for section in guide.sections:
        _paragraph(document, section.title, "Heading 1")
        _write_section(document, section)


def _write_section(document: DocumentType, section: Section) -> None:
    if section.kind == "fields":
        table = _table(document, len(section.fields), 2)
        for row, field in zip(table.rows, section.fields, strict=True):
            row.cells[0].text, row.cells[1].text = _clean(field.label), _clean(field.value)
        _widths(table, FIELD_WIDTHS)
    elif section.kind == "paragraphs":
        for paragraph in section.paragraphs:
            _paragraph(document, paragraph)
    elif not section.rows:
        _paragraph(document, "无需提交材料。")
    else:
        materials = section.kind == "materials"
        table = _header_table(document, MATERIAL_COLUMNS if materials else FEE_COLUMNS, section.rows)
        _widths(table, MATERIAL_WIDTHS if materials else FEE_WIDTHS)


def _table(document: DocumentType, rows: int, columns: int) -> Table:
    table = document.add_table(rows=rows, cols=columns)
    try:
        table.style = TABLE_STYLE
    except KeyError:  # a county's template without the style: plain table
        pass
    return table


def _paragraph(document: DocumentType, text: str, style: str | None = None) -> None:
    """A paragraph in a template style; a county's template lacking that style gets a plain paragraph."""
    try:
        document.add_paragraph(_clean(text), style=style)
    except KeyError:
        document.add_paragraph(_clean(text))


def _widths(table: Table, widths: tuple[int, ...]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


def _header_table(document: DocumentType, columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> Table:
    table = _table(document, len(rows) + 1, len(columns))
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_as_header(table)
    for table_row, values in zip(table.rows[1:], rows, strict=True):
        for cell, value in zip(table_row.cells, values, strict=True):
            cell.text = _clean(value)
    return table


def _repeat_as_header(table: Table) -> None:
    """Mark the first row as a header row, repeated at the top of every page the table spans."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
