"""The 权责清单 调整表 in the layout counties publish — 序号, 部门, 职权编码, 职权名称, 职权类型, 调整类型,
调整内容, 调整理由, 依据, 备注 — as a terminal table, JSON (`matterkit.adjustments/1`), a print-ready
workbook and a self-contained HTML page. 调整理由 is left for the bureau to fill; 依据 is pre-filled with
the new legal basis where the legal basis changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from matterkit.diff.adjustments import CLASS_LABELS, CLASSES, Adjustment, counts
from matterkit.model import LIST_LEVEL_LABELS, Matter
from matterkit.provenance import Provenance
from matterkit.render.diff_labels import element_label
from matterkit.render.printable_xlsx import PrintableTable, write_printable
from matterkit.render.values import display_value

SCHEMA = "matterkit.adjustments/1"
COLUMNS: tuple[str, ...] = ("序号", "部门", "职权编码", "职权名称", "职权类型", "调整类型", "调整内容", "调整理由",
                            "依据", "备注")
MAX_VALUE = 120  # characters of an old or new value quoted in 调整内容


@dataclass(frozen=True)
class AdjustmentTable:
    adjustments: Sequence[Adjustment]
    old: Provenance
    new: Provenance

    def title(self, unit: str) -> str:
        return f"{unit}权责清单调整表"

    def source_line(self, lang: str = "zh") -> str:
        return f"旧版本 — {self.old.line(lang)}；新版本 — {self.new.line(lang)}"


def row_values(number: int, adjustment: Adjustment) -> list[Any]:
    row = adjustment.representative
    basis = row.legal_basis if "legal_basis" in adjustment.elements else ""
    return [number, row.department or row.body or row.list_body or "", row.item_code or row.base_code or "",
            row.main_item or row.name or "", row.type or "", CLASS_LABELS[adjustment.kind]["zh"],
            content(adjustment), "", basis or "", _note(adjustment)]


def content(adjustment: Adjustment) -> str:
    """调整内容: what changed, in words."""
    kind, old, new = adjustment.kind, adjustment.old, adjustment.new
    if kind == "added":
        return f"新增职权，实施主体：{_bodies(new)}"
    if kind == "removed":
        return f"取消职权（原实施主体：{_bodies(old)}）"
    if kind == "delegated":
        return f"由{_where(old)}下放至{_where(_lower(new, old))}"
    if kind == "received" and old:
        return f"由{_where(old)}收回至{_where(new)}"
    if kind == "received":
        return f"承接上级{new[0].power_source or ''}职权，实施主体：{_bodies(new)}" + (
            f"（委托/下放部门：{new[0].entrusting_body}）" if new[0].entrusting_body else "")
    if kind == "merged":
        return f"由{'、'.join(_names(old))}合并为{'、'.join(_names(new))}"
    if kind == "split":
        return f"{'、'.join(_names(old))}拆分为{'、'.join(_names(new))}"
    return "；".join(_change(e, old[0], new[0]) for e in adjustment.elements)


def _change(element: str, old: Matter, new: Matter) -> str:
    return f"{element_label(element, 'zh')}：{_short(getattr(old, element))} → {_short(getattr(new, element))}"


def _short(value: Any) -> str:
    text = display_value(value) or "（空）"
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


def _names(rows: list[Matter]) -> list[str]:
    return list(dict.fromkeys(m.main_item or m.name or "" for m in rows))


def _bodies(rows: list[Matter]) -> str:
    return "、".join(dict.fromkeys(m.body or m.list_body or "" for m in rows))


def _where(rows: list[Matter]) -> str:
    levels = dict.fromkeys(LIST_LEVEL_LABELS.get(m.list_level or "county", {}).get("zh", "") for m in rows)
    return f"{'、'.join(levels)}（{_bodies(rows)}）"


def _lower(new: list[Matter], old: list[Matter]) -> list[Matter]:
    """The new rows at levels the old version did not have (the townships a power went to)."""
    old_levels = {m.list_level or "county" for m in old}
    return [m for m in new if (m.list_level or "county") not in old_levels] or new


def _note(adjustment: Adjustment) -> str:
    if adjustment.kind in ("delegated", "received") and adjustment.new:
        source = adjustment.new[-1].power_source
        return f"权力来源：{source}" if source else ""
    return ""


# ---- renderers ---------------------------------------------------------------------------------------

def adjustments_document(table: AdjustmentTable) -> dict[str, Any]:
    rows = []
    for number, adjustment in enumerate(table.adjustments, 1):
        values = dict(zip(COLUMNS, row_values(number, adjustment), strict=True))
        rows.append({"kind": adjustment.kind, **values, "elements": adjustment.elements,
                     "old": [m.reference() for m in adjustment.old], "new": [m.reference() for m in adjustment.new]})
    return {"schema": SCHEMA, "old": table.old.as_dict(), "new": table.new.as_dict(),
            "summary": counts(table.adjustments), "rows": rows}


def render_adjustments_text(table: AdjustmentTable, console: Console, lang: str) -> None:
    grid = Table(*COLUMNS[:7], title="权责清单调整表", title_justify="left")
    for number, adjustment in enumerate(table.adjustments, 1):
        grid.add_row(*(str(v) for v in row_values(number, adjustment)[:7]))
    console.print(grid)
    summary = counts(table.adjustments)
    console.print("，".join(f"{CLASS_LABELS[k]['en' if lang == 'en' else 'zh']} {summary[k]}" for k in CLASSES),
                  markup=False)
    console.print(table.source_line(lang), markup=False)


def write_adjustments_xlsx(table: AdjustmentTable, target: Path, *, unit: str) -> Path:
    rows = [row_values(n, a) for n, a in enumerate(table.adjustments, 1)]
    printable = PrintableTable(title=table.title(unit), unit=unit, date=table.new.generated.strftime("%Y-%m-%d"),
                               source=table.source_line(), headers=COLUMNS, rows=rows, sheet_name="权责清单调整表")
    return write_printable([printable], target, table.new.generated.replace(microsecond=0))


CSS = """body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:1.5em;color:#222;font-size:14px}h1{font-size:1.4em;text-align:center}.meta{color:#555;font-size:.9em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:3px 6px;vertical-align:top;
text-align:left;white-space:pre-wrap}th{background:#d9e1f2}
@media print{@page{size:A4 landscape;margin:12mm}thead{display:table-header-group}tr{break-inside:avoid}}"""


def adjustments_html(table: AdjustmentTable, *, unit: str) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row_values(n, a)) + "</tr>"
                   for n, a in enumerate(table.adjustments, 1))
    summary = counts(table.adjustments)
    totals = "，".join(f"{CLASS_LABELS[k]['zh']} {summary[k]}" for k in CLASSES)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(table.title(unit))}'
            f"</title><style>{CSS}</style></head><body><h1>{escape(table.title(unit))}</h1>"
            f'<p class="meta">填报单位：{escape(unit)}　日期：{table.new.generated.strftime("%Y-%m-%d")}</p>'
            f'<p class="meta">{escape(table.source_line())}</p><p class="meta">{escape(totals)}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>\n")
