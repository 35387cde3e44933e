"""Benchmark data: counties and a province built with the example-county generator, at scale.

    python bench/generate.py --scale county OUT_DIR

A county here has the example county's shape (county departments, townships, villages, every file in one of
the example's real-world layouts) but many more rows: a bench catalogue expands each entry of the bundled
example catalogue into variants (new basic codes, 业务办理项-like names), so that every department lists a
few hundred to a thousand matters, every township a few hundred and every village a few dozen, and rows
stay consistent with *their* catalogue. A province is many such counties, each in its own folder.

Each county also gets a second version (`v2/`): a few files changed (values edited, a row removed, a row
added), every other file byte-identical. The runner diffs v1 against v2 and re-imports one changed file.

Everything is deterministic for a seed; `manifest.json` says what was generated, and a folder whose
manifest matches the requested scale and seed is reused rather than generated again.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from matterkit.catalogue import CatalogueIndex, default_catalogue_path, load_catalogue
from matterkit.codetables import CodeTables, default_code_tables
from matterkit.elements import default_registry
from matterkit.example.county import COUNTY, Body, make_credit_code, township_body, village_body
from matterkit.example.defects import plant_defects
from matterkit.example.generate import FOLDERS
from matterkit.example.grid import Grid, build_grid
from matterkit.example.layouts import columns_for, layouts_for
from matterkit.example.rows import Row, build_row, location_of
from matterkit.example.writers import write_grid
from matterkit.safety import safe_filename

MANIFEST = "manifest.json"
CATALOGUE_NAME = "bench-catalogue.yaml"
MANIFEST_SCHEMA = "matterkit.bench-data/1"

# Name parts of the variants of one catalogue entry: "<qualifier><entry name><action>".
QUALIFIERS = ("", "城镇", "乡村", "企业", "个人", "涉外", "新设", "异地", "临时", "集体", "小型", "大型", "季节性",
              "流动", "固定", "跨区域", "一类", "二类", "三类", "特殊")
ACTIONS = ("", "设立", "变更", "延续", "注销", "补办", "换证", "增项", "减项", "迁移", "备案", "年度报告", "信息变更",
           "资格复核", "转让")
# Syllables of made-up township and village names.
_SYLLABLES = "东西南北青白石柳龙桃云枫双金银玉松竹梅兰凤鹤马牛塘湖溪河山岭坪岗坑田桥屋庄源泉林"


@dataclass(frozen=True)
class Scale:
    """How big each generated county is. Variants multiply the catalogue entries of each level."""

    name: str
    counties: int
    townships: int  # per county
    villages: int  # per township
    county_variants: int  # variants of each 县级 entry (department lists)
    township_variants: int  # of each 乡镇级 entry (every township's standard list)
    village_variants: int  # of each 村级 entry (every village's standard list)
    changed_files: int  # files that differ in v2


SCALES: dict[str, Scale] = {
    "smoke": Scale("smoke", counties=1, townships=2, villages=2, county_variants=1, township_variants=1,
                   village_variants=1, changed_files=2),
    # the province path on smoke-sized counties (for the test of the runner)
    "province-smoke": Scale("province-smoke", counties=2, townships=2, villages=2, county_variants=1,
                            township_variants=1, village_variants=1, changed_files=2),
    # ≈ 50,000 rows in ≈ 400 files: 21 departments (~1,400 rows each), 20 townships (288), 360 villages (40)
    "county": Scale("county", counties=1, townships=20, villages=18, county_variants=190, township_variants=12,
                    village_variants=4, changed_files=8),
    # a whole (small) province that a run can afford: 20 counties, each with departments, 3 townships and 2
    # villages per township (≈ 1,000 rows a county); import, lint and the HTML site of all of it are measured
    "province-small": Scale("province-small", counties=20, townships=3, villages=2, county_variants=6,
                            township_variants=2, village_variants=1, changed_files=2),
    # the same counties, a hundred of them (≈ 5,000,000 rows); `--counties N` generates the first N only
    "province": Scale("province", counties=100, townships=20, villages=18, county_variants=190,
                      township_variants=12, village_variants=4, changed_files=8),
}


@dataclass
class CountyInfo:
    name: str
    area_code: str
    folder: str  # relative to the data root
    files: int
    rows: int
    changed: list[str]  # files (relative to the county folder) that differ between v1 and v2


# ---- the bench catalogue --------------------------------------------------------------------------

def variant_name(name: str, variant: int) -> str:
    if variant == 0:
        return name
    qualifier = QUALIFIERS[variant % len(QUALIFIERS)]
    action = ACTIONS[(variant // len(QUALIFIERS)) % len(ACTIONS)]
    round_ = variant // (len(QUALIFIERS) * len(ACTIONS))
    return f"{qualifier}{name}{action}" + (f"第{round_ + 1}类" if round_ else "")


def bench_catalogue(scale: Scale) -> dict[str, Any]:
    """The bundled example catalogue with each entry expanded into variants (plain YAML data).

    Variant `j` of an entry keeps 县级 when the entry has it, 乡镇级 only while `j < township_variants`,
    村级 only while `j < village_variants`, so each level's list has the intended length.
    """
    document = yaml.load(default_catalogue_path().read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    matters: list[dict[str, Any]] = []
    for index, entry in enumerate(document["matters"]):
        for variant in range(max(1, scale.county_variants)):
            levels = [level for level in entry["level"] if _keeps_level(level, variant, scale)]
            if not levels:
                continue
            copy = dict(entry, level=levels, name=variant_name(entry["name"], variant))
            if variant:
                copy["base_code"] = f"9{index:03d}{variant:04d}0000"
                copy.pop("items", None)
            matters.append(copy)
    document["matters"] = matters
    document["catalogue"] = dict(document["catalogue"], name="基准测试基本目录（由示例目录扩展）")
    return document


def _keeps_level(level: str, variant: int, scale: Scale) -> bool:
    if level == "乡镇级":
        return variant < scale.township_variants
    if level == "村级":
        return variant < scale.village_variants
    return True


# ---- bodies ---------------------------------------------------------------------------------------

def county_name(number: int, count: int) -> str:
    return COUNTY if count == 1 else f"青山{_word(number, 2)}县"


def area_code(number: int) -> str:
    """GB/T 2260-shaped codes under the fictional prefectures 99, 98 … of province 51."""
    prefecture, county = divmod(number, 99)
    return f"51{99 - prefecture:02d}{county + 1:02d}"


def _word(number: int, length: int) -> str:
    letters = []
    for _ in range(length):
        number, digit = divmod(number, len(_SYLLABLES))
        letters.append(_SYLLABLES[digit])
    return "".join(reversed(letters))


def county_bodies(county: str, code: str, departments: list[str], scale: Scale, rng: random.Random) -> list[Body]:
    """Departments, townships and villages of one county (unique names and credit codes)."""
    seen: set[str] = set()

    def credit(authority: str, category: str) -> str:
        while (candidate := make_credit_code(rng, authority, category, code)) in seen:
            pass
        seen.add(candidate)
        return candidate

    bodies = [Body(name=county + generic, level="county", credit_code=credit("1", "1"), short=generic,
                   generic=generic, phone=_phone(rng)) for generic in departments]
    for t in range(scale.townships):
        town = _word(t * 7 + 3, 2) + ("街道" if t % 6 == 5 else ("乡" if t % 3 == 2 else "镇"))
        township = township_body(county, town, credit, lambda: _phone(rng))
        bodies.append(township)
        for v in range(scale.villages):
            village = _word(t * 131 + v * 17 + 11, 2) + ("社区" if town.endswith("街道") else "村")
            bodies.append(village_body(township, village, credit, lambda: _phone(rng)))
    return bodies


def _phone(rng: random.Random) -> str:
    return f"0799-6{rng.randrange(100000, 1000000)}"


# ---- rows -----------------------------------------------------------------------------------------

def plan_county(county: str, bodies: list[Body], index: CatalogueIndex, code_tables: CodeTables,
                rng: random.Random) -> dict[str, list[Row]]:
    """Every body's clean rows (as the example county plans them), then the example's planted defects."""
    standard = {"township": index.standard_list("乡镇级"), "village": index.standard_list("村级")}
    by_department: dict[str, list[Any]] = {}
    for entry in index.entries:
        if "县级" in entry.level:
            by_department.setdefault(entry.department, []).append(entry)
    plan: dict[str, list[Row]] = {}
    for body in bodies:
        entries = by_department.get(body.generic or "", []) if body.level == "county" else standard[body.level]
        plan[body.name] = [_row(county, body, entry, code_tables, i) for i, entry in enumerate(entries, 1)]
    plant_defects([row for rows in plan.values() for row in rows], rng)
    return plan


def _row(county: str, body: Body, entry: Any, code_tables: CodeTables, index: int) -> Row:
    location = location_of(body, index).replace(COUNTY, county)
    if body.level == "village":
        assert body.township is not None
        row = build_row(body, entry, code_tables, location=location, power_source="上级委托",
                        entrusting_body=body.township.name)
    else:
        row = build_row(body, entry, code_tables, location=location)
    row.values["department"] = county + entry.department
    return row


def change_rows(rows: list[Row], body: Body, code_tables: CodeTables, rng: random.Random) -> None:
    """What a department's correction looks like: a few values edited, one row withdrawn, one added."""
    for row in rng.sample(rows, min(len(rows), max(1, len(rows) // 20))):
        if row.values.get("promised_limit"):
            row.values["promised_limit"] = max(0, row.values["promised_limit"] - 1)
        row.values["phone"] = _phone(rng)
        row.cells.pop("promised_limit", None)
        row.cells.pop("phone", None)
    if len(rows) > 2:
        rows.remove(rng.choice(rows[1:]))
    if rows[0].entry is not None:
        added = build_row(body, rows[0].entry, code_tables, location=rows[0].values["location"])
        added.values.update(name=rows[0].values["name"] + "（新增）", base_code="9999" + f"{rng.randrange(10**8):08d}")
        rows.append(added)


# ---- files ----------------------------------------------------------------------------------------

def choose_layouts(bodies: list[Body], rng: random.Random) -> dict[str, tuple[Any, list[str]]]:
    """Body name -> (layout, columns), with the example county's layout mix per level."""
    chosen: dict[str, tuple[Any, list[str]]] = {}
    for level in ("county", "township", "village"):
        level_bodies = [b for b in bodies if b.level == level]
        for body, layout in zip(level_bodies, layouts_for(level, len(level_bodies), rng), strict=True):
            stem = body.name if level == "county" else body.short
            body.file = f"{FOLDERS[level]}/{safe_filename(stem)}{layout.extension}"
            chosen[body.name] = (layout, columns_for(layout, level, rng))
    return chosen


def _file_job(folder: Path, body: Body, layout: Any, columns: list[str], rows: list[Row]) -> tuple[Path, Grid, Any]:
    return folder / body.file, build_grid(layout, columns, rows, body), layout


def _write(job: tuple[Path, Grid, Any]) -> None:
    path, grid, layout = job
    write_grid(path, grid, layout.format, layout.sheet_name, layout.instructions_sheet and not layout.is_csv)


def generate_county(root: Path, number: int, scale: Scale, index: CatalogueIndex, code_tables: CodeTables,
                    seed: int, pool: ProcessPoolExecutor) -> CountyInfo:
    """One county's v1 and v2 folders under `root`; returns what was written."""
    rng = random.Random(seed * 1000 + number)
    county, code = county_name(number, scale.counties), area_code(number)
    folder = f"county-{number:03d}"
    bodies = county_bodies(county, code, index.departments(), scale, rng)
    plan = plan_county(county, bodies, index, code_tables, rng)
    layouts = choose_layouts(bodies, rng)
    v1, v2 = root / folder / "v1", root / folder / "v2"
    jobs = [_file_job(v1, body, *layouts[body.name], plan[body.name]) for body in bodies]
    list(pool.map(_write, jobs, chunksize=4))
    # v2: v1 with a few files corrected (department files first, as in real life), same layouts
    shutil.copytree(v1, v2)
    departments = [b for b in bodies if b.level == "county"]
    others = [b for b in bodies if b.level != "county"]
    chosen = rng.sample(departments, min(len(departments), max(1, scale.changed_files // 2)))
    chosen += rng.sample(others, min(len(others), scale.changed_files - len(chosen)))
    for body in chosen:
        change_rows(plan[body.name], body, code_tables, rng)
    list(pool.map(_write, [_file_job(v2, body, *layouts[body.name], plan[body.name]) for body in chosen]))
    rows = sum(len(r) for r in plan.values())
    return CountyInfo(name=county, area_code=code, folder=folder, files=len(jobs), rows=rows,
                      changed=sorted(body.file for body in chosen))


# ---- the whole data set ---------------------------------------------------------------------------

def generate(out_dir: Path, scale_name: str, *, seed: int = 2026, counties: int | None = None,
             jobs: int = 2, log: Any = None) -> dict[str, Any]:
    """Generate (or reuse) the data of a scale under `out_dir`; the manifest."""
    scale = SCALES[scale_name]
    count = min(counties or scale.counties, scale.counties)
    wanted = {"schema": MANIFEST_SCHEMA, "scale": asdict(scale), "seed": seed, "counties_generated": count}
    manifest_path = out_dir / MANIFEST
    if manifest_path.is_file():
        existing = json.loads(manifest_path.read_text(encoding="utf-8"))
        if {k: existing.get(k) for k in wanted} == wanted:
            return existing
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    catalogue_path = out_dir / CATALOGUE_NAME
    document = bench_catalogue(scale)
    # JSON is YAML too, and quotes every code (a plain 000181001000 would read back as a number)
    catalogue_path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    code_tables = default_code_tables()
    index = CatalogueIndex(load_catalogue(catalogue_path, default_registry(), code_tables))
    infos = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for number in range(count):
            infos.append(generate_county(out_dir, number, scale, index, code_tables, seed, pool))
            if log:
                log(f"generated {infos[-1].name}: {infos[-1].files} files, {infos[-1].rows} rows")
    manifest = {**wanted, "catalogue": CATALOGUE_NAME, "catalogue_entries": len(index.entries),
                "counties": [asdict(info) for info in infos],
                "rows": sum(i.rows for i in infos), "files": sum(i.files for i in infos)}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", choices=sorted(SCALES), default="county")
    parser.add_argument("--counties", type=int, default=None, help="province: generate only the first N counties")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    manifest = generate(args.out_dir, args.scale, seed=args.seed, counties=args.counties, jobs=args.jobs,
                        log=lambda text: print(text, file=sys.stderr))
    print(f"{manifest['rows']} rows in {manifest['files']} files ({len(manifest['counties'])} counties)")


if __name__ == "__main__":
    main()
