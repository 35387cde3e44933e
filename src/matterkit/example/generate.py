"""`generate_example_county`: write the example county's lists and their ground truth.

Deterministic: the same seed gives byte-identical files (one `random.Random(seed)`, fixed orders,
fixed workbook time stamps).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from matterkit import atomic
from matterkit.catalogue import CatalogueIndex, default_catalogue_path, load_catalogue
from matterkit.codetables import default_code_tables
from matterkit.elements import default_registry
from matterkit.example.county import AREA_CODE, CITY, COUNTY, PROVINCE, Body, build_bodies
from matterkit.example.defects import plant_defects
from matterkit.example.grid import build_grid
from matterkit.example.layouts import COLUMNS, FEE_PARTS, Layout, columns_for, layouts_for
from matterkit.example.plan import Plan, plan_rows
from matterkit.example.render import truth_materials
from matterkit.example.rows import Row
from matterkit.example.writers import write_grid
from matterkit.safety import safe_filename

TRUTH_SCHEMA = "matterkit.example-truth/1"
TRUTH_NAME = "ground-truth.json"
FOLDERS = {"county": "县级部门", "township": "乡镇", "village": "村社区"}


def generate_example_county(out_dir: Path, seed: int = 2026) -> Path:
    """Write the example county into `out_dir`; the path of its `ground-truth.json`."""
    out_dir = Path(out_dir)
    rng = random.Random(seed)
    code_tables = default_code_tables()
    index = CatalogueIndex(load_catalogue(default_catalogue_path(), default_registry(), code_tables))
    bodies = build_bodies(rng, index.departments())
    plan = plan_rows(bodies, index, code_tables, rng)
    plan.defects.extend(plant_defects(plan.all_rows(), rng))
    files = _write_files(out_dir, bodies, plan, rng)
    _remove_stale_lists(out_dir, {f["path"] for f in files})
    truth = _truth(seed, bodies, files, plan)
    target = out_dir / TRUTH_NAME
    atomic.write_text(target, json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
    return target


def _write_files(out_dir: Path, bodies: list[Body], plan: Plan, rng: random.Random) -> list[dict[str, Any]]:
    files: list[dict[str, Any]] = []
    for level in ("county", "township", "village"):
        level_bodies = [b for b in bodies if b.level == level]
        for body, layout in zip(level_bodies, layouts_for(level, len(level_bodies), rng), strict=True):
            files.append(_write_file(out_dir, body, layout, plan.rows[body.name], rng))
    return files


def _write_file(out_dir: Path, body: Body, layout: Layout, rows: list[Row], rng: random.Random) -> dict[str, Any]:
    stem = body.name if body.level == "county" else body.short
    relative = f"{FOLDERS[body.level]}/{safe_filename(stem)}{layout.extension}"
    body.file = relative
    columns = columns_for(layout, body.level, rng)
    grid = build_grid(layout, columns, rows, body)
    sheet = None if layout.is_csv else layout.sheet_name
    for row in rows:
        row.file, row.sheet = relative, sheet
    write_grid(out_dir / relative, grid, layout.format, layout.sheet_name,
               layout.instructions_sheet and not layout.is_csv)
    return {
        "path": relative, "level": body.level, "body": body.name, "format": layout.format,
        "layout": grid.features,
        "sheets": [{"name": sheet, "header_row": grid.header_row, "matters": len(rows)}],
        "rows": [{"sheet": sheet, "row": row.row, "values": truth_values(row, columns, layout)} for row in rows],
    }


def _remove_stale_lists(out_dir: Path, written: set[str]) -> None:
    """A list this generator wrote earlier under another extension (another seed) would be imported as
    a second list of the same body: remove it. Only our own file names in our own folders are touched."""
    stems = {Path(path).stem for path in written}
    for folder in FOLDERS.values():
        for path in sorted((out_dir / folder).glob("*")):
            relative = f"{folder}/{path.name}"
            if path.suffix in (".xlsx", ".xls", ".csv") and path.stem in stems and relative not in written:
                path.unlink()


def truth_values(row: Row, columns: list[str], layout: Layout) -> dict[str, Any]:
    """The normalised value of every element the file has a column for (None / [] where the cell is empty)."""
    values: dict[str, Any] = {}
    for column in (c for c in COLUMNS if c in columns):  # canonical order, whatever the file's order
        if column in ("seq", "contact"):
            continue
        if column in FEE_PARTS:
            values["fees"] = [dict(fee) for fee in row.values.get("fees", [])] if row.values.get("fee") else []
        elif column == "materials":
            values["materials"] = truth_materials(row.values.get("materials", []), layout)
        else:
            value = row.values.get(column)
            values[column] = list(value) if isinstance(value, list) else value
    return values


def _truth(seed: int, bodies: list[Body], files: list[dict[str, Any]], plan: Plan) -> dict[str, Any]:
    return {
        "schema": TRUTH_SCHEMA, "seed": seed,
        "county": {"name": COUNTY, "province": PROVINCE, "city": CITY, "area_code": AREA_CODE},
        "bodies": [{"name": b.name, "level": b.level, "credit_code": b.credit_code, "file": b.file} for b in bodies],
        "files": files,
        "defects": [_positioned(defect) for defect in plan.defects],
        "differences": [_positioned_difference(diff) for diff in plan.differences],
    }


def _where(row: Row) -> dict[str, Any]:
    return {"file": row.file, "sheet": row.sheet, "row": row.row}


def _positioned(defect: dict[str, Any]) -> dict[str, Any]:
    row: Row = defect["row_ref"]
    out = {"kind": defect["kind"], **_where(row), "element": defect["element"], "value": defect["value"],
           "expected": defect["expected"], "body": row.body.name, "level": row.body.level,
           "matter": {"name": row.values.get("name"), "base_code": row.values.get("base_code")}}
    if defect.get("secondary"):
        out["secondary"] = True
    return out


def _positioned_difference(diff: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in diff.items() if k != "row_refs"}
    out["locations"] = [_where(row) for row in diff["row_refs"]]
    return out
