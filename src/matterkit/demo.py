"""The whole pipeline on the bundled example county: generate → import → lint → diff → publish into ./out/.

Each stage is one small function that calls the library the matching command uses, so the demo shows
exactly what a clerk would get from running the commands one by one.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from matterkit import atomic
from matterkit.bundles.workspace import workspace_bundle_figures
from matterkit.diff import compare_levels
from matterkit.diff.config import workspace_diff_config
from matterkit.diff.kinds import KIND_ORDER, KINDS
from matterkit.example import generate_example_county
from matterkit.export import write_matters_xlsx
from matterkit.importer import import_into_workspace
from matterkit.lint.annotate import annotate_sources
from matterkit.lint.run import LintOptions, lint_workspace
from matterkit.publish.workspace_run import publish_workspace
from matterkit.render.diff_html import render_html as render_diff_html
from matterkit.render.diff_json import render_json as render_diff_json
from matterkit.render.diff_xlsx import write_xlsx as write_diff_xlsx
from matterkit.render.import_report import import_json
from matterkit.render.lint_html import lint_html
from matterkit.render.lint_json import lint_json
from matterkit.render.lint_xlsx import write_lint_xlsx
from matterkit.render.stats_html import stats_html
from matterkit.stats import compute_stats
from matterkit.workspace import Workspace


@dataclass
class DemoResult:
    out_dir: Path
    inputs: Path
    workspace: Path
    outputs: list[tuple[str, Path]] = field(default_factory=list)  # (what, where)
    lines: list[str] = field(default_factory=list)  # summary lines for the user


Step = Callable[[Workspace, DemoResult, str], None]


def run_demo(out_dir: Path, lang: str = "zh", *, fresh: bool = True,
             on_step: Callable[[str], None] | None = None) -> DemoResult:
    out_dir = out_dir.resolve()
    inputs, ws_dir = out_dir / "example-county", out_dir / "workspace"
    if fresh:
        for folder in (inputs, ws_dir):
            shutil.rmtree(folder, ignore_errors=True)
    result = DemoResult(out_dir=out_dir, inputs=inputs, workspace=ws_dir)
    generate_example_county(inputs)
    result.outputs.append(("示例县输入表格" if lang != "en" else "example county spreadsheets", inputs))
    ws = Workspace.init(ws_dir, county="青山县")
    for name, step in STEPS:
        if on_step:
            on_step(name)
        step(ws, result, lang)
    return result


def _import_step(ws: Workspace, result: DemoResult, lang: str) -> None:
    ws.ensure_catalogue()
    run = import_into_workspace(ws, [result.inputs])
    totals = run.totals()
    result.lines.append(
        f"导入：{totals['files']} 个文件，{totals['matters']} 条事项，失败 {totals['failed']} 个" if lang != "en"
        else f"import: {totals['files']} files, {totals['matters']} matters, {totals['failed']} failed")
    report = result.out_dir / "reports" / "import.json"
    atomic.write_text(report, json.dumps(import_json(run), ensure_ascii=False, indent=2))
    result.outputs.append(("导入报告" if lang != "en" else "import report", report))


def _export_step(ws: Workspace, result: DemoResult, lang: str) -> None:
    target = result.out_dir / "reports" / ("实施清单汇总.xlsx" if lang != "en" else "implementation-list.xlsx")
    write_matters_xlsx(ws, target, lang)
    result.outputs.append(("汇总实施清单" if lang != "en" else "consolidated implementation list", target))


def _lint_step(ws: Workspace, result: DemoResult, lang: str) -> None:
    """Lint the county, write the reports, and hand each department its annotated workbook."""
    outcome = lint_workspace(ws, LintOptions(lang=lang))
    findings = outcome.result.findings
    reports = result.out_dir / "reports"
    atomic.write_text(reports / "lint.json", lint_json(outcome.result))
    atomic.write_text(reports / "lint.html", lint_html(outcome.result, lang))
    write_lint_xlsx(outcome.result, reports / ("问题清单.xlsx" if lang != "en" else "findings.xlsx"), lang)
    annotated = result.out_dir / ("退回各部门的批注表格" if lang != "en" else "annotated")
    annotate_sources(findings, annotated, lang=lang, titles=outcome.result.titles)
    counts = Counter(f.severity for f in findings)
    result.lines.append(
        f"检查：错误 {counts['error']} 条，警告 {counts['warning']} 条，提示 {counts['info']} 条" if lang != "en"
        else f"lint: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info")
    result.outputs += [("检查报告（网页）" if lang != "en" else "lint report (HTML)", reports / "lint.html"),
                       ("退回各部门的批注表格" if lang != "en" else "annotated workbooks", annotated)]


def _diff_step(ws: Workspace, result: DemoResult, lang: str) -> None:
    report = compare_levels(ws.store.iter_matters(), ws.store.iter_catalogue(), workspace_diff_config(ws))
    reports = result.out_dir / "reports"
    atomic.write_text(reports / "diff.json", render_diff_json(report, lang))
    atomic.write_text(reports / "diff.html", render_diff_html(report, lang))
    write_diff_xlsx(report, reports / ("比对结果与覆盖矩阵.xlsx" if lang != "en" else "diff.xlsx"), lang)
    counts = Counter(d.kind for d in report.differences)
    summary = "，".join(f"{KINDS[kind].label(lang)} {counts[kind]}" for kind in KIND_ORDER if counts[kind])
    result.lines.append(f"比对：{summary}" if lang != "en" else f"diff: {summary}")
    result.outputs.append(("比对报告（网页）" if lang != "en" else "diff report (HTML)", reports / "diff.html"))


# One PDF per guide means a LibreOffice conversion per matter (minutes for a county); the demo leaves
# those to `matterkit publish --format pdf` and shows the site, the Word documents and the list.
DEMO_PUBLISH_FORMATS = ("html", "docx", "list")


def _bundles_step(ws: Workspace, result: DemoResult, lang: str) -> None:
    """Define the county's 一件事 bundles (reusing the shipped provincial examples) and check them."""
    from matterkit.bundles.lint import lint_bundles
    from matterkit.bundles.loader import load_workspace_bundles
    from matterkit.example.bundles import write_demo_bundles

    write_demo_bundles(ws.root)
    bundles = load_workspace_bundles(ws.root)
    outcome = lint_bundles(bundles, ws.store.iter_matters(), lang=lang)
    atomic.write_text(result.out_dir / "reports" / "bundles-lint.json", lint_json(outcome))
    result.lines.append(f"一件事：定义 {len(bundles)} 个套餐，检查发现 {len(outcome.findings)} 个问题" if lang != "en"
                        else f"bundles: {len(bundles)} defined, {len(outcome.findings)} findings")


def _publish_step(ws: Workspace, result: DemoResult, lang: str) -> None:
    """Publish even though the example county has errors: they were planted on purpose."""
    published = publish_workspace(ws, out_dir=result.out_dir, allow_errors=True, lang=lang,
                                  formats=DEMO_PUBLISH_FORMATS)
    result.lines.append(
        f"发布：办事指南 {published.guides} 份（示例数据含故意设置的错误，照常发布，问题列在问题汇总页；要在有错误时拒绝发布，用 publish --strict）"
        if lang != "en" else f"publish: {published.guides} service guides (published despite the planted errors)")
    if published.site_index:
        result.outputs.append(("办事指南网站" if lang != "en" else "service guide site", published.site_index))
        if published.bundles:
            result.outputs.append(("一件事一次办指南" if lang != "en" else "bundle guides",
                                   published.site_index.parent / "bundles" / "index.html"))
    if published.docx:
        result.outputs.append(("办事指南 Word 文档" if lang != "en" else "service guides (Word)",
                               result.out_dir / "docx"))
    if published.power_list:
        result.outputs.append(("权责清单" if lang != "en" else "power-and-responsibility list", published.power_list))
    if published.derived_lists:
        result.outputs.append(("专项清单" if lang != "en" else "derived lists", published.derived_lists[0].parent))


def _stats_step(ws: Workspace, result: DemoResult, lang: str) -> None:
    matters = list(ws.store.iter_matters())
    stats = compute_stats(matters)
    stats.bundles = workspace_bundle_figures(ws.root, matters)
    target = result.out_dir / "reports" / "stats.html"
    atomic.write_text(target, stats_html(stats, lang))
    result.outputs.append(("服务统计（网页，含图表）" if lang != "en" else "service figures (HTML)", target))


STEPS: list[tuple[str, Step]] = [
    ("import", _import_step),
    ("export", _export_step),
    ("lint", _lint_step),
    ("diff", _diff_step),
    ("bundles", _bundles_step),
    ("publish", _publish_step),
    ("stats", _stats_step),
]
