"""The benchmark runner works end to end on a tiny county (nothing here is timed or compared to a time)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench.generate import SCALES, bench_catalogue, generate
from bench.run import main


@pytest.fixture(scope="module")
def smoke_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("bench-data")
    generate(data, "smoke", jobs=1)
    return data


def test_generated_county_has_departments_townships_villages_and_a_second_version(smoke_data: Path) -> None:
    manifest = json.loads((smoke_data / "manifest.json").read_text(encoding="utf-8"))
    county = manifest["counties"][0]
    v1, v2 = smoke_data / county["folder"] / "v1", smoke_data / county["folder"] / "v2"
    folders = {p.name for p in v1.iterdir()}
    assert folders == {"县级部门", "乡镇", "村社区"}
    assert county["files"] == sum(1 for p in v1.rglob("*") if p.is_file())
    changed = set(county["changed"])
    assert len(changed) == SCALES["smoke"].changed_files
    for path in v1.rglob("*"):
        if path.is_file():
            relative = path.relative_to(v1).as_posix()
            same = path.read_bytes() == (v2 / relative).read_bytes()
            assert same == (relative not in changed), relative


def test_bench_catalogue_variants_keep_codes_unique_and_levels_bounded() -> None:
    scale = SCALES["county"]
    document = bench_catalogue(scale)
    codes = [entry["base_code"] for entry in document["matters"]]
    assert len(codes) == len(set(codes))
    villages = [entry for entry in document["matters"] if "村级" in entry["level"]]
    assert len(villages) == 10 * scale.village_variants  # the example catalogue has ten 村级 matters


def test_smoke_run_reports_every_stage_with_its_baseline(smoke_data: Path, tmp_path: Path) -> None:
    pytest.importorskip("frictionless")  # the bench extra; .ci/run installs it
    pytest.importorskip("daff")
    out = tmp_path / "results"
    assert main(["--scale", "smoke", "--data", str(smoke_data), "--work", str(tmp_path / "work"),
                 "--out", str(out), "--jobs", "2"]) == 0
    result = json.loads((out / "smoke.json").read_text(encoding="utf-8"))
    stages = result["stages"]
    assert set(stages) == {"floor", "catalogue", "import", "lint", "frictionless", "diff_levels", "near_duplicates",
                           "diff_versions", "daff", "publish_html", "publish_word", "rerun"}
    manifest = json.loads((smoke_data / "manifest.json").read_text(encoding="utf-8"))
    assert stages["import"]["rows"] == manifest["rows"] and stages["import"]["failed"] == 0
    assert stages["lint"]["rows"] == manifest["rows"] and stages["lint"]["findings"] > 0
    lint = stages["lint"]  # the first lint computes and stores, the second reads: the same findings as in memory
    assert lint["files_rechecked"] == 0 and lint["cold_files_rechecked"] > 0
    assert lint["findings"] == lint["cold_findings"] == lint["in_memory_findings"]
    assert lint["equivalent_findings"] == lint["equivalent_stored_findings"]
    assert stages["frictionless"]["rows"] == manifest["rows"]
    assert stages["diff_versions"]["differences"] > 0 and stages["daff"]["changes"] > 0
    assert 0 < stages["publish_html"]["guides"] <= manifest["rows"]  # penalties and inspections get no guide
    assert stages["rerun"]["files_reread"] == 1
    for figures in stages.values():
        assert figures["peak_rss_mb"] > 0 and len(figures["load"]) == 2
    targets = {t["target"] for t in result["targets"]}
    assert "county import ÷ calamine read" in targets and "Word guides per second" in targets
    markdown = (out / "smoke.md").read_text(encoding="utf-8")
    assert "| import (both cores; import does not lint) |" in markdown and "| target | measured | goal | met |" in markdown


def test_province_path_imports_counties_into_one_workspace_and_lints_them_one_by_one(tmp_path: Path) -> None:
    from bench.run import run

    result = run("province-smoke", data=tmp_path / "province-data", work=tmp_path / "work", jobs=1)
    province = result["stages"]["province"]
    assert [c["rows"] for c in province["counties"]] == [c["rows"] for c in
                                                         json.loads((tmp_path / "province-data" / "manifest.json")
                                                                    .read_text(encoding="utf-8"))["counties"]]
    assert province["rows"] == sum(c["rows"] for c in province["counties"])
    assert any(t["target"].startswith("province peak memory") for t in result["targets"])
