"""What calamine does not tell about an ods workbook: its merged cells, and how far its data reaches.

One streamed pass over content.xml (defusedxml's SAX parser, so no entity tricks) follows rows and cells
with their repeat counts. Merged cells are cells with `number-columns-spanned`/`number-rows-spanned`;
the extent counts only cells holding a value, so LibreOffice's usual "16384 empty cells repeated
1048570 times" padding costs nothing, while a value repeated over a huge block is refused before
calamine would allocate it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl

from defusedxml.sax import make_parser

from matterkit.rawtypes import MergedRange

_CELL_TAGS = ("table:table-cell", "table:covered-table-cell")


@dataclass
class OdsSheetGrid:
    merged: list[MergedRange] = field(default_factory=list)
    last_row: int = -1  # 0-based, of cells holding a value
    last_col: int = -1
    first_row: int = -1
    first_col: int = -1

    @property
    def cells(self) -> int:
        if self.last_row < 0:
            return 0
        return (self.last_row - self.first_row + 1) * (self.last_col - self.first_col + 1)


class _GridHandler(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.sheets: dict[str, OdsSheetGrid] = {}
        self._grid: OdsSheetGrid | None = None
        self._row = 0
        self._col = 0
        self._row_repeat = 1

    def startElement(self, name: str, attrs: AttributesImpl) -> None:  # noqa: N802 - SAX API
        if name == "table:table":
            self._grid = self.sheets.setdefault(attrs.get("table:name", ""), OdsSheetGrid())
            self._row = 0
        elif name == "table:table-row":
            self._col = 0
            self._row_repeat = _count(attrs.get("table:number-rows-repeated"))
        elif name in _CELL_TAGS and self._grid is not None:
            self._cell(attrs)

    def endElement(self, name: str) -> None:  # noqa: N802 - SAX API
        if name == "table:table-row":
            self._row += self._row_repeat
        elif name == "table:table":
            self._grid = None

    def _cell(self, attrs: AttributesImpl) -> None:
        grid = self._grid
        assert grid is not None
        repeat = _count(attrs.get("table:number-columns-repeated"))
        spans = (_count(attrs.get("table:number-rows-spanned")), _count(attrs.get("table:number-columns-spanned")))
        if spans != (1, 1):
            grid.merged.append(((self._row, self._col), (self._row + spans[0] - 1, self._col + spans[1] - 1)))
        if attrs.get("office:value-type"):
            last_row, last_col = self._row + self._row_repeat - 1, self._col + repeat - 1
            grid.first_row = self._row if grid.first_row < 0 else min(grid.first_row, self._row)
            grid.first_col = self._col if grid.first_col < 0 else min(grid.first_col, self._col)
            grid.last_row, grid.last_col = max(grid.last_row, last_row), max(grid.last_col, last_col)
        self._col += repeat


def _count(value: str | None) -> int:
    try:
        return max(1, int(value)) if value else 1
    except ValueError:
        return 1


def read_ods_grid(archive: zipfile.ZipFile, content_name: str) -> dict[str, OdsSheetGrid]:
    """Sheet name -> merged ranges (absolute, 0-based) and extent of the cells holding values."""
    handler = _GridHandler()
    parser = make_parser()
    parser.setContentHandler(handler)
    with archive.open(content_name) as stream:
        parser.parse(stream)
    return handler.sheets
