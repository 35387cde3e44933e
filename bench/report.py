"""The issue's targets checked against the figures of one run, and the run as markdown and JSON."""

from __future__ import annotations

from typing import Any

PROVINCE_ROWS = 5_000_000
GIB_MB = 1024.0

LABELS = {
    "floor": "python-calamine read, 1 thread (floor)", "catalogue": "load the standard catalogue (once; rows = entries)",
    "import": "import (both cores; import does not lint)",
    "lint": "lint, all rules (results stored by the first lint)", "frictionless": "frictionless validate (same rows, CSV)",
    "diff_levels": "cross-level diff", "near_duplicates": "near-duplicates", "diff_versions": "version diff v1→v2",
    "daff": "daff diff v1→v2 (same rows)", "publish_html": "publish HTML site", "publish_word": "publish Word",
    "rerun": "re-run after one department's file changed", "province": "province import + lint (measured part)",
    "province_publish": "province HTML site, every county (guides and QR codes on every core)",
    "medium_read": "5,000-row xlsx: python-calamine read (median of 3)",
    "medium_import": "5,000-row xlsx: import (median of 3)",
    "legacy_read": "40,000-row legacy xls: python-calamine read", "legacy_import": "40,000-row legacy xls: import",
    "legacy_lint": "40,000-row legacy xls: lint (once imported)",
}
BASELINE_OF = {"import": "floor", "lint": "frictionless", "diff_versions": "daff", "medium_import": "medium_read",
               "legacy_import": "legacy_read"}
IMPORT_LIKE = ("import", "medium_import", "legacy_import")  # × baseline is our time ÷ the reader's


def rate(figures: dict[str, Any]) -> float | None:
    seconds, rows = figures.get("seconds"), figures.get("rows")
    return rows / seconds if seconds and rows else None


def targets(stages: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per target of the issue: the measured value, the goal and whether it is met."""
    out: list[dict[str, Any]] = []

    def add(name: str, value: float | None, goal: str, met: bool | None, note: str = "") -> None:
        out.append({"target": name, "value": value, "goal": goal, "met": met, "note": note})

    get = stages.get
    if get("import") and get("floor"):
        ratio = stages["import"]["seconds"] / stages["floor"]["seconds"]
        add("county import ÷ calamine read", ratio, "≤ 1.5×", ratio <= 1.5)
    if get("lint"):
        lint = stages["lint"]
        add("county lint seconds (`matterkit lint` once imported)", lint["seconds"], "≤ 1 s", lint["seconds"] <= 1.0)
        add("county lint rows/s", rate(lint), "≥ 50,000", (rate(lint) or 0) >= 50_000)
        if "cold_s" in lint:
            add("county lint seconds, first lint after import (every file checked from the store, results stored)",
                lint["cold_s"], "(for information)", None)
        if get("frictionless"):
            friction = stages["frictionless"]["seconds"]
            if "equivalent_stored_s" in lint:
                speedup = friction / lint["equivalent_stored_s"]
                add("lint vs frictionless, equivalent checks as `lint --select` answers them once imported",
                    speedup, "≥ 20× faster", speedup >= 20)
            speedup = friction / lint["equivalent_s"]
            add("lint vs frictionless, equivalent checks computed from scratch over matters in memory", speedup,
                "≥ 20× faster", speedup >= 20)
    if get("diff_levels"):
        add("county cross-level diff seconds", stages["diff_levels"]["seconds"], "≤ 1 s",
            stages["diff_levels"]["seconds"] <= 1.0)
    if get("diff_versions") and get("daff"):
        daff, ours = stages["daff"], stages["diff_versions"]
        daff_seconds = daff["seconds"] * (ours["rows"] / daff["rows"]) if daff.get("sampled") else daff["seconds"]
        speedup = daff_seconds / ours["seconds"]
        add("version diff vs daff", speedup, "≥ 20× faster", speedup >= 20,
            "daff timed on a sample, scaled linearly" if daff.get("sampled") else "")
    if get("near_duplicates"):
        near = stages["near_duplicates"]
        add(f"near-duplicates over {near['rows']:,} names, seconds", near["seconds"], "≤ 10 s", near["seconds"] <= 10)
    if get("publish_html"):
        add("county HTML site seconds", stages["publish_html"]["seconds"], "≤ 60 s",
            stages["publish_html"]["seconds"] <= 60)
    if get("publish_word"):
        per_s = stages["publish_word"]["guides_per_s"]
        add("Word guides per second", per_s, "≥ 100/s", (per_s or 0) >= 100)
    if get("rerun"):
        rerun = stages["rerun"]
        add("re-run: files read again", rerun["files_reread"], "1", rerun["files_reread"] == 1)
        add("re-run: import seconds", rerun["seconds"], "≤ 2 s", rerun["seconds"] <= 2)
        add("re-run: import + lint seconds", rerun["import_and_lint_s"], "≤ 2 s", rerun["import_and_lint_s"] <= 2)
    _file_targets(stages, add)
    if get("province_publish") and get("province"):
        prov, site = stages["province"], stages["province_publish"]
        total = prov["seconds"] + site["seconds"]
        add(f"province set ({prov['rows']:,} rows, {len(prov['counties'])} counties): import + lint + HTML site, "
            "seconds", total, "≤ 600 s (on 4 cores)", total <= 600,
            f"import {prov['import_s']:.0f} s, lint {prov['lint_s']:.0f} s, site {site['seconds']:.0f} s")
    if get("province"):
        prov = stages["province"]
        estimate = prov["seconds"] / prov["rows"] * PROVINCE_ROWS if prov["rows"] else None
        add("province import + lint, extrapolated to 5,000,000 rows, seconds", estimate, "≤ 600 s",
            estimate is not None and estimate <= 600,
            f"measured {prov['rows']:,} rows in {prov['seconds']:.0f} s; scaled linearly")
        peak = prov.get("peak_total_pss_mb") or prov["peak_rss_mb"]
        add("province peak memory, MB (all processes together, PSS)", peak, "≤ 2048 MB", peak <= GIB_MB * 2,
            "sampled 4×/s; see the per-county peaks for growth")
    return out


def peak_mb(figures: dict[str, Any]) -> float:
    """The largest of the stage process's peak RSS and its workers' (high-water marks, exact)."""
    return float(max(figures["peak_rss_mb"], figures.get("workers_peak_rss_mb") or 0))


def _file_targets(stages: dict[str, dict[str, Any]], add: Any) -> None:
    """The single-file targets (`--scale files`), each beside the bare reader's figure."""
    medium_import, medium_read = stages.get("medium_import"), stages.get("medium_read")
    if medium_import and medium_read:
        for kind, key in (("wall", "seconds"), ("CPU", "cpu_s")):
            ratio = medium_import[key] / medium_read[key]
            add(f"5,000-row xlsx: import ÷ bare read, {kind} time (medians of 3)", ratio, "≤ 1.5×", ratio <= 1.5,
                f"import {medium_import[key]:.2f} s, read {medium_read[key]:.2f} s")
    legacy_import, legacy_read = stages.get("legacy_import"), stages.get("legacy_read")
    if legacy_import and legacy_read:
        for kind, key in (("wall", "seconds"), ("CPU", "cpu_s")):
            beyond = legacy_import[key] - legacy_read[key]
            add(f"40,000-row xls: import {kind} seconds beyond the bare read", beyond, "< 2 s", beyond < 2,
                f"import {legacy_import[key]:.2f} s, read {legacy_read[key]:.2f} s")
        memory = peak_mb(legacy_import)
        add("40,000-row xls: import peak memory, MB", memory, "< 400 MB", memory < 400,
            f"bare read {peak_mb(legacy_read):.0f} MB")
    if stages.get("legacy_lint"):
        memory = peak_mb(stages["legacy_lint"])
        add("40,000-row xls: lint peak memory, MB", memory, "< 1024 MB", memory < 1024,
            f"{stages['legacy_lint']['findings']:,} findings")


def _number(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def markdown(result: dict[str, Any]) -> str:
    machine, stages = result["machine"], result["stages"]
    lines = [
        f"## matterkit benchmark — scale `{result['scale']}`", "",
        f"- run: {result['started']} UTC, matterkit {machine['matterkit']} (commit {machine['commit']})",
        f"- machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']:.1f} GB RAM, "
        f"Python {machine['python']}, {machine['system']}",
        f"- data: {result['data']['rows']:,} rows in {result['data']['files']:,} files "
        f"({result['data']['counties']} county/counties), catalogue of {result['data']['catalogue_entries']:,} entries",
        "- load: 1-minute load average of the machine at the start and end of each stage (the machine is shared)",
        "",
        "| stage | rows | wall s | rows/s | CPU s (workers) | peak MB: all (largest) | baseline | × baseline | load |",
        "|---|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    for name, figures in stages.items():
        baseline = BASELINE_OF.get(name)
        versus = "–"
        if baseline and baseline in stages:
            ours = figures.get("equivalent_stored_s", figures["equivalent_s"]) if name == "lint" else figures["seconds"]
            versus = _number(stages[baseline]["seconds"] / ours if name not in IMPORT_LIKE
                             else figures["seconds"] / stages[baseline]["seconds"])
        largest = max(figures["peak_rss_mb"], figures.get("workers_peak_rss_mb") or 0)
        memory = f"{_number(figures.get('peak_total_pss_mb'), 0)} ({_number(largest, 0)})"
        cpu = _number(figures.get("cpu_s"), 1)
        if figures.get("workers_cpu_s"):
            cpu += f" ({_number(figures['workers_cpu_s'], 1)})"
        lines.append(f"| {LABELS.get(name, name)} | {figures.get('rows', 0):,} | {_number(figures['seconds'])} | "
                     f"{_number(rate(figures), 0)} | {cpu} | {memory} | {baseline or '–'} | {versus} | "
                     f"{figures['load'][0]:.1f}→{figures['load'][1]:.1f} |")
    lines += ["", "× baseline: for import, import time ÷ floor time (lower is better); for lint and version diff, "
              "how many times faster than the baseline (lint counted on the checks frictionless can express, as "
              "`matterkit lint --select` answers them once imported; computed from scratch in the targets below).",
              "", "| target | measured | goal | met |", "|---|---:|---|---|"]
    for target in result["targets"]:
        met = {True: "yes", False: "**no**", None: "–"}[target["met"]]
        note = f" ({target['note']})" if target["note"] else ""
        lines.append(f"| {target['target']}{note} | {_number(target['value'])} | {target['goal']} | {met} |")
    lines += ["", "Details per stage (JSON): " + ", ".join(sorted(result["stages"])), ""]
    return "\n".join(lines)
