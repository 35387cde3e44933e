"""Lint speed on the example county: rows per second once the lists are imported (reading is not timed).

    python bench/bench_lint.py [--repeat N] [--scale K]

`--scale K` lints K copies of the county's rows (e.g. 20 for a county of ~20 000 rows).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from matterkit.codetables import default_code_tables
from matterkit.elements import default_registry
from matterkit.example import generate_example_county
from matterkit.lint.config import LintConfig, selected_rules
from matterkit.lint.context import catalogue_index
from matterkit.lint.engine import lint_matters
from matterkit.lint.run import load_catalogue_file, read_matters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    registry, code_tables = default_registry(), default_code_tables()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate_example_county(root)
        paths = sorted({p.relative_to(root).parts[0] for p in root.rglob("*.*") if p.name != "ground-truth.json"})
        matters, _ = read_matters([root / p for p in paths], registry, code_tables)
    matters = matters * args.scale
    started = time.perf_counter()
    rules = selected_rules(LintConfig().load_rules(), [], [])
    catalogue = catalogue_index(load_catalogue_file(Path("bundled"), registry, code_tables))
    print(f"packs and catalogue loaded in {time.perf_counter() - started:.3f} s ({len(rules)} rules)")
    best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        result = lint_matters(matters, rules, code_tables=code_tables, registry=registry, catalogue=catalogue)
        best = min(best, time.perf_counter() - started)
    print(f"{len(matters)} rows, {len(result.findings)} findings: best of {args.repeat} {best:.3f} s, "
          f"{len(matters) / best:,.0f} rows/s")


if __name__ == "__main__":
    main()
