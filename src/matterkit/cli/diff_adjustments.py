"""`matterkit diff OLD NEW --adjustments`: the 权责清单 调整表 between two versions (snapshots, workspaces,
store files, spreadsheets). Exit code 1 when there is at least one adjustment, like every diff."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from matterkit.cli.common import emit_json, emit_rich, emit_text, err_console
from matterkit.diff.adjustments import classify
from matterkit.diff.sources import load_source
from matterkit.errors import MatterkitError
from matterkit.provenance import Provenance, matters_digest
from matterkit.render.adjustments import (
    AdjustmentTable,
    adjustments_document,
    adjustments_html,
    render_adjustments_text,
    write_adjustments_xlsx,
)
from matterkit.workspace import Workspace


def adjustment_table(old_arg: str, new_arg: str, ws: Workspace | None, lang: str) -> AdjustmentTable:
    now = datetime.now(UTC).replace(microsecond=0)
    sides = []
    for arg in (old_arg, new_arg):
        source = load_source(arg, workspace=ws, lang=lang)
        if source.unreadable:
            err_console().print(f"警告：{source.label} 中有 {len(source.unreadable)} 个文件无法读取", markup=False)
        sides.append((source.matters, Provenance(source.label, source.kind, matters_digest(source.matters), now)))
    (old, old_provenance), (new, new_provenance) = sides
    return AdjustmentTable(classify(old, new), old_provenance, new_provenance)


def emit_adjustments(table: AdjustmentTable, fmt: str, output: Path | None, lang: str, unit: str) -> None:
    if fmt == "json":
        emit_json(adjustments_document(table), output)
    elif fmt == "html":
        emit_text(adjustments_html(table, unit=unit), output)
    elif fmt == "xlsx":
        if output is None:
            raise MatterkitError("xlsx 报告需要用 -o 指定输出文件" if lang == "zh" else "an xlsx report needs -o FILE")
        write_adjustments_xlsx(table, output, unit=unit)
        err_console().print(f"权责清单调整表已写入：{output}" if lang == "zh" else f"written to {output}", markup=False)
    else:
        emit_rich(lambda console: render_adjustments_text(table, console, lang), output)
