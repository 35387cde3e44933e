"""The measured stages. Each takes the run's context (plain data) and returns its figures.

The runner starts every stage in a fresh process, so that the peak memory it reports is that stage's own;
state passes between stages only through files (the workspace, the generated data). Only the work named
by a stage is inside its timer; loading what it needs from the store is timed separately as `load_s`.
"""

from __future__ import annotations

import resource
import shutil
import time
from pathlib import Path
from typing import Any

from bench.files import STAGES as FILE_STAGES
from matterkit.model import Matter
from matterkit.workspace import Workspace

Context = dict[str, Any]
Figures = dict[str, Any]


def _timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - started


def _cpu() -> tuple[float, float]:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _timed_cpu(figures: Figures, fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    """Like `_timed`, and notes the CPU seconds the call used in `figures` (its workers' apart): on a
    shared machine wall time depends on the neighbours, CPU time much less."""
    before = _cpu()
    value, seconds = _timed(fn, *args, **kwargs)
    after = _cpu()
    figures["cpu_s"], figures["workers_cpu_s"] = after[0] - before[0], after[1] - before[1]
    return value, seconds


def _workspace(ctx: Context) -> Workspace:
    """The run's workspace; made with its catalogue (outside any timer) when the `catalogue` stage did not
    run first, so that `--stages import` works alone."""
    root = Path(ctx["workspace"])
    if (root / "matterkit.yaml").is_file():
        return Workspace.open(root)
    ws = Workspace.init(root)
    ws.load_catalogue(Path(ctx["catalogue"]), remember=True)
    return ws


def _stored(ws: Workspace) -> tuple[list[Matter], list[Matter], float]:
    """Every stored matter and the catalogue, and the seconds loading them took."""
    started = time.perf_counter()
    matters = list(ws.store.iter_matters())
    catalogue = list(ws.store.iter_catalogue())
    return matters, catalogue, time.perf_counter() - started


# ---- import --------------------------------------------------------------------------------------

def floor(ctx: Context) -> Figures:
    """The floor: python-calamine merely reading every workbook, single-threaded (CSV: the csv module)."""
    from bench.baselines import read_everything

    figures: Figures = {}
    (files, raw_rows), seconds = _timed_cpu(figures, read_everything, Path(ctx["lists"]))
    return {**figures, "seconds": seconds, "rows": ctx["rows"], "files": files, "raw_rows": raw_rows}


def catalogue(ctx: Context) -> Figures:
    """A fresh workspace and its standard catalogue (`matterkit init` + `--catalogue`): once per
    catalogue change, not per run. In its own process, so that import's workers do not inherit it."""
    ws = Workspace.init(Path(ctx["workspace"]))
    figures: Figures = {}
    _, seconds = _timed_cpu(figures, ws.load_catalogue, Path(ctx["catalogue"]), remember=True)
    return {**figures, "seconds": seconds, "rows": ws.store.summary()["catalogue"]}


def import_lists(ctx: Context) -> Figures:
    """`import` of every list into the workspace, files in parallel on both cores."""
    from matterkit.importer import import_into_workspace

    ws = _workspace(ctx)
    figures: Figures = {}
    run, seconds = _timed_cpu(figures, import_into_workspace, ws, [Path(ctx["lists"])], workers=ctx["jobs"])
    totals = run.totals()
    return {**figures, "seconds": seconds, "rows": totals["matters"], "files": totals["files"],
            "failed": totals["failed"]}


def rerun(ctx: Context) -> Figures:
    """One department sends a corrected file: re-import (only that file is read again), then lint."""
    from matterkit.importer import import_into_workspace
    from matterkit.lint.run import LintOptions, lint_workspace

    ws = _workspace(ctx)
    changed = next(name for name in ctx["changed"] if name.startswith("县级部门"))
    shutil.copyfile(Path(ctx["v2"]) / changed, Path(ctx["lists"]) / changed)
    figures: Figures = {}
    run, import_s = _timed_cpu(figures, import_into_workspace, ws, [Path(ctx["lists"])], workers=ctx["jobs"])
    outcome, lint_s = _timed(lint_workspace, ws, LintOptions())
    reread = [f.path for f in run.files if f.status != "skipped"]
    return {**figures, "seconds": import_s, "rows": run.totals()["matters"], "files_reread": len(reread),
            "files": len(run.files), "lint_s": lint_s, "import_and_lint_s": import_s + lint_s,
            "findings": len(outcome.result.findings)}


# ---- lint ----------------------------------------------------------------------------------------

EQUIVALENT_KINDS = ("required", "enumeration", "pattern")


def lint(ctx: Context) -> Figures:
    """Lint as `matterkit lint` runs it. Import does not lint, so the first lint after it (`cold_s`) checks
    every file from the store (on every core) and stores each file's results; the second (`seconds`) reads them
    and adds the checks across files (SQL). Beside it, for what the checks themselves cost: every rule over all
    matters held in memory, and the checks a Table Schema can express (vs frictionless)."""
    from matterkit.lint.config import LintConfig
    from matterkit.lint.context import catalogue_index
    from matterkit.lint.engine import lint_matters
    from matterkit.lint.run import LintOptions, effective_config, lint_workspace, run_lint

    ws = _workspace(ctx)
    ws.ensure_catalogue()
    cold: Figures = {}
    cold_outcome, cold_s = _timed_cpu(cold, lint_workspace, ws, LintOptions())
    figures: Figures = {}
    outcome, seconds = _timed_cpu(figures, lint_workspace, ws, LintOptions())
    rules = [rule for rule in outcome.rules if rule.kind in EQUIVALENT_KINDS]
    stored_equivalent, stored_equivalent_s = _timed(lint_workspace, ws, LintOptions(select=[r.code for r in rules]))
    matters, catalogue, load_s = _stored(ws)
    config = effective_config(LintConfig.from_section(ws.section("lint"), base_dir=ws.root,
                                                      config_path=ws.config_path, document=ws.config), LintOptions())
    memory: Figures = {}
    in_memory, memory_s = _timed_cpu(memory, run_lint, matters, config, registry=ws.registry,
                                     code_tables=ws.code_tables, catalogue=catalogue)
    index = catalogue_index(catalogue)
    equivalent, equivalent_s = _timed(lint_matters, matters, rules, code_tables=ws.code_tables,
                                      registry=ws.registry, catalogue=index)
    return {**figures, "seconds": seconds, "rows": outcome.result.matters, "rules": len(outcome.rules),
            "findings": len(outcome.result.findings), "files_rechecked": outcome.recomputed,
            "cold_s": cold_s, "cold_cpu_s": cold["cpu_s"], "cold_workers_cpu_s": cold["workers_cpu_s"],
            "cold_files_rechecked": cold_outcome.recomputed,
            "cold_findings": len(cold_outcome.result.findings),
            "load_s": load_s, "in_memory_s": memory_s, "in_memory_cpu_s": memory["cpu_s"],
            "in_memory_findings": len(in_memory.result.findings),
            "equivalent_s": equivalent_s, "equivalent_stored_s": stored_equivalent_s,
            "equivalent_rules": [rule.code for rule in rules], "equivalent_findings": len(equivalent.findings),
            "equivalent_stored_findings": len(stored_equivalent.result.findings)}


def frictionless_baseline(ctx: Context) -> Figures:
    """frictionless validating the same rows, as CSV, against an equivalent Table Schema."""
    from bench.baselines import frictionless_validate, write_matters_csv

    ws = _workspace(ctx)
    matters, _, _ = _stored(ws)
    target = Path(ctx["work"]) / "frictionless" / "matters.csv"
    write_matters_csv(matters, target)
    rows = len(matters)
    del matters
    figures: Figures = {}
    errors, seconds = _timed_cpu(figures, frictionless_validate, target)
    return {**figures, "seconds": seconds, "rows": rows, "errors": errors}


# ---- diff ----------------------------------------------------------------------------------------

def diff_levels(ctx: Context) -> Figures:
    """County, township and village lists compared (element mismatches, coverage, duplicates)."""
    from matterkit.diff.config import workspace_diff_config
    from matterkit.diff.engine import compare_levels

    ws = _workspace(ctx)
    matters, catalogue, load_s = _stored(ws)
    config = workspace_diff_config(ws).with_overrides(near_enabled=False)
    figures: Figures = {}
    report, seconds = _timed_cpu(figures, compare_levels, matters, catalogue, config)
    return {**figures, "seconds": seconds, "rows": len(matters), "load_s": load_s, "differences": len(report.differences)}


def near_duplicates(ctx: Context) -> Figures:
    """Near-duplicate names within each department, over every name of the county."""
    from matterkit.catalogue import CatalogueIndex
    from matterkit.diff.config import workspace_diff_config
    from matterkit.diff.matching import match_matters
    from matterkit.diff.near import near_duplicates as find

    ws = _workspace(ctx)
    matters, catalogue, load_s = _stored(ws)
    config = workspace_diff_config(ws)
    index = CatalogueIndex.from_matters(catalogue)
    groups = match_matters(matters, index if index.entries else None)
    figures: Figures = {}
    found, seconds = _timed_cpu(figures, lambda: list(find(groups, suffixes=config.near_suffixes,
                                                           threshold=config.near_threshold,
                                                           block_by=config.near_block_by)))
    return {**figures, "seconds": seconds, "rows": len(matters), "load_s": load_s, "pairs": len(found)}


def _versions(ctx: Context) -> tuple[list[Matter], list[Matter], float]:
    from matterkit.importer import read_paths

    ws = _workspace(ctx)
    old, _, load_s = _stored(ws)
    new, read_s = _timed(lambda: read_paths([Path(ctx["v2"])], registry=ws.registry,
                                            code_tables=ws.code_tables, workers=ctx["jobs"]).matters)
    return old, new, load_s + read_s


def diff_versions(ctx: Context) -> Figures:
    """Version 1 of the county against version 2 (a few departments' corrections)."""
    from matterkit.diff.engine import compare_versions

    old, new, load_s = _versions(ctx)
    figures: Figures = {}
    report, seconds = _timed_cpu(figures, compare_versions, old, new)
    return {**figures, "seconds": seconds, "rows": len(old) + len(new), "load_s": load_s,
            "differences": len(report.differences)}


def daff_baseline(ctx: Context) -> Figures:
    """daff diffing the same two versions, as tables of the same normalised values (its own CSV parsing
    is left out: daff gets the rows ready-made)."""
    from bench.baselines import daff_diff, matters_table

    old, new, _ = _versions(ctx)
    limit = ctx.get("daff_rows")
    old_table, new_table = matters_table(old[:limit]), matters_table(new[:limit])
    rows = len(old_table) + len(new_table) - 2
    del old, new
    figures: Figures = {}
    changes, seconds = _timed_cpu(figures, daff_diff, old_table, new_table)
    return {**figures, "seconds": seconds, "rows": rows, "changes": changes, "sampled": limit is not None}


# ---- publish -------------------------------------------------------------------------------------

def publish_html(ctx: Context) -> Figures:
    from matterkit.publish.api import publish_all

    ws = _workspace(ctx)
    matters, _, load_s = _stored(ws)
    figures: Figures = {}
    result, seconds = _timed_cpu(figures, publish_all, matters, out_dir=Path(ctx["work"]) / "publish-html",
                                 formats=["html"])
    return {**figures, "seconds": seconds, "rows": len(matters), "load_s": load_s, "guides": result.guides,
            "files_written": len(result.written)}


def publish_word(ctx: Context) -> Figures:
    """Word guides for the first `word_guides` matters (with their departments' collected documents)."""
    from matterkit.publish.api import publish_all

    ws = _workspace(ctx)
    matters, _, load_s = _stored(ws)
    subset = matters[: ctx["word_guides"]]
    figures: Figures = {}
    result, seconds = _timed_cpu(figures, publish_all, subset, out_dir=Path(ctx["work"]) / "publish-word",
                                 formats=["docx"])
    return {**figures, "seconds": seconds, "rows": len(subset), "load_s": load_s, "guides": result.guides,
            "documents": len(result.docx), "guides_per_s": result.guides / seconds if seconds else None}


# ---- province ------------------------------------------------------------------------------------

def province(ctx: Context) -> Figures:
    """Every generated county into one province workspace, county after county, each county linted as
    `matterkit lint --under <county>` runs it once imported, then the province-wide duplicate check.

    Bounded memory: the importer stores each file as it is read, and lint checks one county's files from the
    store (one file at a time per core, each file's results stored as they are made); checks across counties
    (a 实施编码 used twice in the province) are SQL over the store. Nothing holds every matter of the province.
    """
    from bench.baselines import peak_rss_mb
    from matterkit.importer import import_into_workspace
    from matterkit.lint.run import LintOptions, lint_workspace

    ws = Workspace.init(Path(ctx["workspace"]))
    _, catalogue_s = _timed(ws.load_catalogue, Path(ctx["catalogue"]), remember=True)
    counties: list[dict[str, Any]] = []
    cpu_before = _cpu()
    for county in ctx["counties"]:
        folder = Path(ctx["data"]) / county["folder"] / "v1"
        run, import_s = _timed(import_into_workspace, ws, [folder], workers=ctx["jobs"])
        outcome, lint_s = _timed(lint_workspace, ws, LintOptions(under=folder))
        counties.append({"county": county["name"], "rows": run.totals()["matters"], "import_s": import_s,
                         "lint_s": lint_s, "findings": len(outcome.result.findings),
                         "files_rechecked": outcome.recomputed, "failed": run.totals()["failed"],
                         "rss_mb": peak_rss_mb()})
        del outcome
    repeated, repeated_s = _timed(ws.store.repeated_values, "impl_code")
    cpu_after = _cpu()
    import_s, lint_s = sum(c["import_s"] for c in counties), sum(c["lint_s"] for c in counties)
    return {"cpu_s": cpu_after[0] - cpu_before[0], "workers_cpu_s": cpu_after[1] - cpu_before[1],
            "seconds": import_s + lint_s + repeated_s, "rows": sum(c["rows"] for c in counties),
            "counties": counties, "catalogue_load_s": catalogue_s, "province_checks_s": repeated_s,
            "repeated_impl_codes": len(repeated), "import_s": import_s, "lint_s": lint_s}


def province_publish(ctx: Context) -> Figures:
    """The HTML site (guides with their QR codes, on `jobs` processes) of every matter of the province
    workspace the `province` stage made, as `matterkit publish --only html --jobs N --allow-errors` makes it."""
    from matterkit.publish.api import publish_all

    ws = Workspace.open(Path(ctx["workspace"]))
    figures: Figures = {}
    result, seconds = _timed_cpu(figures, publish_all, ws.store.iter_matters(),
                                 out_dir=Path(ctx["work"]) / "publish-province", formats=["html"], jobs=ctx["jobs"])
    return {**figures, "seconds": seconds, "rows": ws.store.count_matters(), "guides": result.guides,
            "files_written": len(result.written)}


STAGES = {
    **FILE_STAGES,
    "floor": floor, "catalogue": catalogue, "import": import_lists, "lint": lint, "frictionless": frictionless_baseline,
    "diff_levels": diff_levels, "near_duplicates": near_duplicates, "diff_versions": diff_versions,
    "daff": daff_baseline, "publish_html": publish_html, "publish_word": publish_word, "rerun": rerun,
    "province": province, "province_publish": province_publish,
}
