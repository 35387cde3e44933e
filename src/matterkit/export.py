"""The consolidated implementation list: every stored matter as JSON records or as rows of a table."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from matterkit.elements import ElementRegistry
from matterkit.model import ELEMENT_FIELDS, LIST_LEVEL_LABELS, Matter
from matterkit.render import xlsxout
from matterkit.render.values import display_value

MATTERS_SCHEMA = "matterkit.matters/1"
EXPORT_ORDER_SKIP = {"seq", "fee_name", "fee_standard", "fee_basis"}


def matter_record(matter: Matter) -> dict[str, Any]:
    """One matter as exported: canonical keys with normalised values, then list level/body and `source`.

    The row's position is under `source` (file as given at import, sheet, row), not `location`: `location`
    is the canonical key of the element 办理地点 (conventions.md), and a record cannot hold both.
    """
    record: dict[str, Any] = matter.model_dump(mode="json", include=set(ELEMENT_FIELDS))
    record["list_level"] = matter.list_level
    record["list_body"] = matter.list_body
    record["source"] = {**matter.source.model_dump(include={"file", "sheet", "row"}), "kind": matter.list_kind}
    if matter.code_scheme:
        record["code_scheme"] = matter.code_scheme
    if matter.originals:  # what the cells said where import changed the value (the issue says why)
        record["originals"] = matter.originals
    if matter.extra:
        record["extra"] = matter.extra
    return record


def export_columns(registry: ElementRegistry) -> list[str]:
    """Element keys in the standard column order of the registry (fee parts shown as one `fees` column)."""
    keys = []
    for spec in registry:
        if spec.key in EXPORT_ORDER_SKIP:
            if spec.key == "fee_name":
                keys.append("fees")
            continue
        keys.append(spec.key)
    return keys


def column_headers(keys: list[str], registry: ElementRegistry, lang: str) -> list[str]:
    extra = {"zh": ["清单层级", "清单主体", "来源文件", "工作表", "行号"],
             "en": ["List level", "List body", "Source file", "Sheet", "Row"]}["en" if lang == "en" else "zh"]
    fees_label = "收费项目" if lang != "en" else "Fee items"
    return [fees_label if key == "fees" else registry.label(key, lang) for key in keys] + extra


def table_rows(matters: Iterable[Matter], keys: list[str], lang: str) -> Iterator[list[Any]]:
    for matter in matters:
        values = [_cell_value(getattr(matter, key), lang) for key in keys]
        level = LIST_LEVEL_LABELS.get(matter.list_level or "", {}).get(lang if lang == "en" else "zh")
        yield values + [level, matter.list_body, matter.source.file, matter.source.sheet, matter.source.row]


def _cell_value(value: Any, lang: str) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return display_value(value, lang) or None


def write_matters_xlsx(ws: Any, output: Path, lang: str, only_level: str | None = None) -> None:
    """The consolidated list as xlsx: one sheet per list level (and one for rows whose level is unknown),
    standard column order, Chinese headers. Rows are streamed from the store level by level."""
    keys = export_columns(ws.registry)
    headers = column_headers(keys, ws.registry, lang)
    workbook = xlsxout.new_workbook()
    taken: set[str] = set()
    for level in [only_level] if only_level else list(LIST_LEVEL_LABELS):
        title = LIST_LEVEL_LABELS[level]["en" if lang == "en" else "zh"]
        xlsxout.add_table_sheet(workbook, xlsxout.sheet_title(title, taken), headers,
                                table_rows(ws.store.iter_matters(level), keys, lang))
    if not only_level and ws.store.summary()["per_level"].get("unknown"):
        unknown = (m for m in ws.store.iter_matters() if m.list_level is None)
        xlsxout.add_table_sheet(workbook, xlsxout.sheet_title("未知层级" if lang != "en" else "unknown", taken),
                                headers, table_rows(unknown, keys, lang))
    xlsxout.save(workbook, output)
