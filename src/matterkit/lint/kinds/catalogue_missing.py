"""catalogue_missing — the matter is in the standard catalogue (by basic code, otherwise by name).

The finding is on the 基本编码 cell (the name's when there is no code). Nothing is reported when no
catalogue is configured.

Example: with a catalogue holding 公共场所卫生许可 (000123020000), a row 某某自创事项 (999999999999) fails.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from matterkit.lint.context import CheckContext
from matterkit.lint.kinds import Hit

ID = "catalogue_missing"
TITLE = {"zh": "事项在标准目录中", "en": "Matter is in the standard catalogue"}
PARAMS: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": {}}
MESSAGE = {"zh": "事项“{name}”（基本编码 {value}）在标准目录中找不到",
           "en": "Matter '{name}' (basic code {value}) is not in the standard catalogue"}
EXAMPLE = {
    "params": {},
    "catalogue": [{"base_code": "000123020000", "name": "公共场所卫生许可"}],
    "pass": [{"base_code": "000123020000", "name": "公共场所卫生许可"}],
    "fail": [{"base_code": "999999999999", "name": "某某自创事项"}],
}


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    if ctx.catalogue is None:
        return
    matches = ctx.catalogue_matches()
    for i in rows:
        if matches[i][0] is None:
            matter = ctx.matters[i]
            element = "base_code" if matter.base_code else "name"
            yield Hit(i, element, matter.base_code or matter.name, None)
