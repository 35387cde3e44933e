"""Regenerates templates/guide.docx, the Word template of service guides.

Run once after changing the design: `python templates/make_guide_docx.py`. A county does not need this
script: it opens guide.docx in Word or WPS, changes fonts, sizes, margins, the header and the footer,
saves it into its workspace's templates/ folder, and `matterkit publish` uses it from then on.

matterkit keeps the template's styles, page setup, header and footer, removes whatever is in its body,
and writes each guide with these styles: Title, Subtitle, Heading 1, Normal and the table style
"Table Grid".
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"


def _fonts(style, east_asian: str, size: float, bold: bool = False) -> None:
    style.font.name = LATIN_FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), east_asian if attribute == "w:eastAsia" else LATIN_FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def build(target: Path) -> None:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    styles = document.styles
    _fonts(styles["Normal"], BODY_FONT, 11)
    styles["Normal"].paragraph_format.space_after = Pt(3)
    _fonts(styles["Title"], HEADING_FONT, 20, bold=True)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(styles["Subtitle"], BODY_FONT, 12)
    styles["Subtitle"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(styles["Heading 1"], HEADING_FONT, 14, bold=True)
    styles["Heading 1"].paragraph_format.space_before = Pt(12)
    styles["Heading 1"].paragraph_format.keep_with_next = True
    footer = section.footer.paragraphs[0]
    footer.text = "本办事指南由政务服务事项清单生成，如有变动以窗口告知为准。"
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.core_properties.title = "办事指南模板"
    document.core_properties.author = "matterkit"
    _drop_optional_parts(document)
    _keep_used_styles(document)
    document.save(str(target))


KEPT_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Title", "Title Char", "Subtitle",
               "Subtitle Char", "heading 1", "Heading 1 Char", "Table Grid", "header", "Header Char", "footer",
               "Footer Char"}


def _keep_used_styles(document) -> None:
    """Only the styles guides use (and the ones Word requires) stay, which keeps each document small."""
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in KEPT_STYLES:
            root.remove(style)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)


def _drop_optional_parts(document) -> None:
    """python-docx's default package carries parts Word does not need (a second 400 KB style sheet, a
    thumbnail, custom XML); every published document copies the template, so they are left out."""
    unwanted = ("/stylesWithEffects", "/customXml", "/thumbnail")
    for rels in (document.part.rels, document.part.package.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(unwanted):
                del rels[rel_id]


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("guide.docx"))
