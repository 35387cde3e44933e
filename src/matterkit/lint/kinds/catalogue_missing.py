"""catalogue_missing — the matter is in the standard catalogue (by basic code, otherwise by name).

The finding is on the 基本编码 cell (the name's when there is no code). Nothing is reported when no
catalogue is configured.

A sheet whose matters are mostly not in the catalogue (`sheet_share`, default 80 %, of at least `sheet_rows`
rows, default 20) gets one finding for the sheet instead of one per row: the catalogue does not cover that
list (another province's, or the bundled example catalogue on a real county's list), and a thousand
"找不到" lines would hide the real defects.

Example: with a catalogue holding 公共场所卫生许可 (000123020000), a row 某某自创事项 (999999999999) fails.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext, rows_by_sheet
from matterkit.lint.kinds import Hit

ID = "catalogue_missing"
TITLE = {"zh": "事项在标准目录中", "en": "Matter is in the standard catalogue"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "sheet_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "sheet_rows": {"type": "integer", "minimum": 1},
    },
}
SHEET_MESSAGE = {
    "zh": "本表 {total} 个事项中有 {missing} 个在标准目录中找不到：标准目录可能不是本地的（用 matterkit import --catalog "
          "载入本省基本目录），或本表的事项不是从基本目录认领的",
    "en": "{missing} of the sheet's {total} matters are not in the standard catalogue: the catalogue may not be "
          "this province's (load it with matterkit import --catalog), or the list was not claimed from it",
}
MESSAGE = {"zh": "事项“{name}”（基本编码 {value}）在标准目录中找不到",
           "en": "Matter '{name}' (basic code {value}) is not in the standard catalogue"}
UNCODED_MESSAGE = {"zh": "事项“{name}”（未填基本编码）按名称在标准目录中找不到",
                   "en": "Matter '{name}' (no basic code) is not in the standard catalogue by its name"}
EXAMPLE = {
    "params": {},
    "catalogue": [{"base_code": "000123020000", "name": "公共场所卫生许可"}],
    "pass": [{"base_code": "000123020000", "name": "公共场所卫生许可"}],
    "fail": [{"base_code": "999999999999", "name": "某某自创事项"}],
}


SHEET_SHARE, SHEET_ROWS = 0.8, 20


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    if ctx.catalogue is None:
        return
    matches = ctx.catalogue_matches()
    share, least = params.get("sheet_share", SHEET_SHARE), params.get("sheet_rows", SHEET_ROWS)
    for sheet_rows in rows_by_sheet(rows, ctx).values():
        missing = [i for i in sheet_rows if matches[i][0] is None]
        if _uncovered(len(missing), len(sheet_rows), share, least):
            yield Hit(sheet_rows[0], None, None, None, {"missing": len(missing), "total": len(sheet_rows)},
                      sheet_rows=sheet_rows, message=SHEET_MESSAGE)
            continue
        for i in missing:
            matter = ctx.matters[i]
            if matter.base_code:
                yield Hit(i, "base_code", matter.base_code, None)
            else:
                yield Hit(i, "name", matter.name, None, message=UNCODED_MESSAGE)


def _uncovered(missing: int, total: int, share: float, least: int) -> bool:
    return total >= least and missing >= share * total


def rows_of_uncovered_sheets(ctx: CheckContext) -> frozenset[int]:
    """The rows of every sheet the catalogue does not cover (as CAT001 judges it with its defaults): the
    catalogue comparisons pass over them, since the few names that match another province's (or the bundled
    example) catalogue are not this list's standard, and CAT001 has said so once for the sheet."""
    def compute() -> frozenset[int]:
        matches = ctx.catalogue_matches()
        uncovered: set[int] = set()
        for sheet_rows in rows_by_sheet(range(len(ctx.matters)), ctx).values():
            missing = sum(matches[i][0] is None for i in sheet_rows)
            if _uncovered(missing, len(sheet_rows), SHEET_SHARE, SHEET_ROWS):
                uncovered.update(sheet_rows)
        return frozenset(uncovered)

    return ctx.prepared("rows_of_uncovered_sheets", compute)
