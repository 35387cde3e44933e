"""`matterkit publish`: service guides (site, Word, PDF) and the power-and-responsibility list.

Publishes what each list kind supports (guides for the matters that carry guide elements, the directory,
the figures, the findings page) and exits 1 when lint found errors; `--strict` refuses instead, listing them,
and `--allow-errors` publishes without linting. The same input gives the same bytes apart from the build stamp (set it with the
environment variable SOURCE_DATE_EPOCH for fully reproducible output).
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from matterkit.cli.common import (
    DebugOption,
    LangOption,
    OutputOption,
    WorkspaceOption,
    apply_common,
    emit_text,
    err_console,
    format_option,
    user_errors,
)
from matterkit.errors import MatterkitError, WorkspaceError
from matterkit.i18n import register as register_messages
from matterkit.i18n import t
from matterkit.publish.api import ProgressCallback, PublishResult, publish_all
from matterkit.publish.config import FORMATS as PUBLISH_FORMATS
from matterkit.publish.overview import overview_label
from matterkit.publish.workspace_run import PublishBlocked, gate, publish_workspace
from matterkit.workspace import Workspace

REPORT_FORMATS = ("text", "json")
SHOWN_FINDINGS = 30

register_messages({
    "publish.done": {"zh": "已发布 {guides} 份办事指南（生成时间 {stamp}）：", "en": "Published {guides} guides (build {stamp}):"},
    "publish.site": {"zh": "网站（可直接用浏览器打开）", "en": "website (open in a browser)"},
    "publish.docx": {"zh": "Word 文档 {count} 个", "en": "{count} Word documents"},
    "publish.pdf": {"zh": "PDF 文档 {count} 个", "en": "{count} PDF documents"},
    "publish.list": {"zh": "权责清单", "en": "power-and-responsibility list"},
    "publish.derived": {"zh": "专项清单 {count} 份", "en": "{count} derived lists"},
    "publish.bundles": {"zh": "一件事指南 {count} 份", "en": "{count} bundle guides"},
    "publish.bad_only": {"zh": "可选值：{formats}", "en": "choose from: {formats}"},
    "publish.missing": {"zh": "找不到文件或文件夹：{path}", "en": "no such file or folder: {path}"},
    "publish.warning": {"zh": "警告：{warning}", "en": "warning: {warning}"},
    "publish.failed_document": {"zh": "未能转换为 PDF：{document}（{reason}）",
                                "en": "not converted to PDF: {document} ({reason})"},
    "publish.with_errors": {"zh": "清单中有 {count} 个错误级问题，见问题汇总（加 --strict 则有错误时不发布）。",
                            "en": "The lists have {count} error-level findings, see the findings page (--strict "
                                  "publishes nothing while errors exist)."},
})


def register(app: typer.Typer) -> None:
    app.command("publish", help="发布办事指南（可搜索的离线网站、Word、PDF）、权责清单、事项目录、统计和问题汇总；按清单类型发布能发布的内容。"
                )(publish_command)


@user_errors
def publish_command(
    paths: list[Path] = typer.Argument(None, help="直接发布的表格文件或文件夹（不给则发布工作区已导入的清单）",
                                       show_default=False),
    out_dir: Path | None = typer.Option(None, "--out-dir", "-d", help="输出文件夹（默认为工作区的 out/，无工作区时为 ./out）",
                                        file_okay=False),
    base_url: str | None = typer.Option(None, "--base-url", help="网站上线地址；每份指南的二维码指向 该地址 + 指南路径"),
    only: str | None = typer.Option(None, "--only", help="只发布这些格式，逗号分隔：html,docx,pdf,list（默认全部）"),
    strict: bool = typer.Option(False, "--strict", help="清单中有错误级问题时拒绝发布（默认按清单类型发布能发布的内容，并列出问题）"),
    allow_errors: bool = typer.Option(False, "--allow-errors", help="不检查清单，直接发布（以 0 退出）"),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1,
                                    help="并行生成网站页面和二维码的进程数（默认为 matterkit.yaml 的 publish.jobs，否则等于 CPU 核数）"),
    fmt: str = format_option(REPORT_FORMATS, help="结果格式：text | json"),
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    formats = _formats(only, lang)
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise MatterkitError("--base-url: http(s)://…")
    try:
        with _progress(fmt == "text" and sys.stderr.isatty(), lang) as on_progress:
            result = _publish(list(paths or []), out_dir, base_url, formats, allow_errors, workspace, lang,
                              on_progress, strict, jobs)
    except PublishBlocked as blocked:
        _report_blocked(blocked, lang)
        raise typer.Exit(1) from None
    _report(result, fmt, lang, output)
    _report_problems(result, lang)
    if result.errors or result.warnings or result.failed:
        raise typer.Exit(1)


def _report_problems(result: PublishResult, lang: str) -> None:
    """A format that could not be made (once), then each document that failed, on standard error."""
    console = err_console()
    for warning in result.warnings:
        console.print(t("publish.warning", lang, warning=warning), style="yellow", markup=False)
    for document, reason in result.failed:
        console.print(t("publish.failed_document", lang, document=document, reason=reason), style="yellow",
                      markup=False)


def _formats(only: str | None, lang: str) -> list[str] | None:
    if only is None:
        return None
    chosen = [f.strip() for f in only.split(",") if f.strip()]
    if not chosen or any(f not in PUBLISH_FORMATS for f in chosen):
        raise MatterkitError(f"--only: {t('publish.bad_only', lang, formats=','.join(PUBLISH_FORMATS))}")
    return chosen


def _publish(paths: list[Path], out_dir: Path | None, base_url: str | None, formats: list[str] | None,
             allow_errors: bool, workspace: Path | None, lang: str, on_progress: ProgressCallback,
             strict: bool, jobs: int | None = None) -> PublishResult:
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise MatterkitError(t("publish.missing", lang, path=missing[0]))
    try:
        ws = Workspace.open(workspace)
    except WorkspaceError:
        if workspace is not None or not paths:
            raise
        return _publish_paths(paths, out_dir or Path("out"), base_url, formats, allow_errors, lang, on_progress,
                              strict, jobs)
    if paths:
        return _publish_paths(paths, out_dir or ws.output_dir, base_url, formats, allow_errors, lang, on_progress,
                              strict, jobs)
    return publish_workspace(ws, out_dir=out_dir, base_url=base_url, formats=formats, allow_errors=allow_errors,
                             lang=lang, on_progress=on_progress, strict=strict, jobs=jobs)


def _publish_paths(paths: list[Path], out_dir: Path, base_url: str | None, formats: list[str] | None,
                   allow_errors: bool, lang: str, on_progress: ProgressCallback, strict: bool,
                   jobs: int | None = None) -> PublishResult:
    """Files given directly, like a linter: default configuration, the default rule packs' findings shown
    (and a gate with --strict)."""
    from matterkit.lint.run import LintOptions, lint_paths, read_lists
    from matterkit.publish.config import PublishConfig
    from matterkit.publish.overview import write_overview

    findings = None if allow_errors else lint_paths(paths, LintOptions(lang=lang)).result
    errors = gate(findings, strict=strict, lang=lang)
    from matterkit.codetables import default_code_tables
    from matterkit.elements import default_registry

    matters = read_lists(paths, default_registry(), default_code_tables()).matters
    result = publish_all(matters, out_dir=out_dir, lang=lang, base_url=base_url, formats=formats,
                         on_progress=on_progress, jobs=jobs)
    result.overview = write_overview(matters, out_dir=out_dir, config=PublishConfig(), lang=lang, findings=findings)
    result.errors = errors
    return result


def _where(finding: object, lang: str) -> str:
    location = getattr(finding, "location", None)
    if location is None:
        return ""
    row = (f"第{location.row}行" if lang == "zh" else f"row {location.row}") if location.row else ""
    parts = [location.file, f"[{location.sheet}]" if location.sheet else "", location.cell or row]
    return " ".join(p for p in parts if p)


def _report_blocked(blocked: PublishBlocked, lang: str) -> None:
    console = err_console()
    console.print(str(blocked), markup=False)
    for finding in blocked.findings[:SHOWN_FINDINGS]:
        console.print(f"  {_where(finding, lang)}  {finding.rule}  {finding.message}", markup=False)
    if len(blocked.findings) > SHOWN_FINDINGS:
        console.print(t("publish.more", lang, count=len(blocked.findings) - SHOWN_FINDINGS), markup=False)


@contextlib.contextmanager
def _progress(show: bool, lang: str) -> Iterator[ProgressCallback]:
    """A progress bar per stage on a terminal; nothing otherwise."""
    if not show:
        yield lambda stage, done, total: None
        return
    labels = {"html": "网站", "docx": "Word", "pdf": "PDF", "list": "权责清单"} if lang == "zh" else {}
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console(), transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def advance(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(labels.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield advance


def _report(result: PublishResult, fmt: str, lang: str, output: Path | None) -> None:
    if fmt == "json":
        document = {
            "schema": "matterkit.publish/1", "stamp": result.stamp.isoformat(), "guides": result.guides,
            "out_dir": str(result.out_dir), "site": str(result.site_index) if result.site_index else None,
            "docx": [str(p) for p in result.docx], "pdf": [str(p) for p in result.pdf],
            "power_list": str(result.power_list) if result.power_list else None, "bundles": result.bundles,
            "derived_lists": [str(p) for p in result.derived_lists],
            "overview": [str(p) for p in result.overview], "errors": result.errors,
            "warnings": result.warnings,
            "failed": [{"document": str(document), "reason": reason} for document, reason in result.failed],
        }
        emit_text(json.dumps(document, ensure_ascii=False, indent=2), output)
        return
    lines = [t("publish.done", lang, guides=result.guides, stamp=result.stamp.strftime("%Y-%m-%d %H:%M:%S UTC"))]
    if result.site_index:
        lines.append(f"  {t('publish.site', lang)}: {result.site_index}")
    if result.docx:
        lines.append(f"  {t('publish.docx', lang, count=len(result.docx))}: {result.out_dir / 'docx'}")
    if result.pdf:
        lines.append(f"  {t('publish.pdf', lang, count=len(result.pdf))}: {result.out_dir / 'pdf'}")
    if result.power_list:
        lines.append(f"  {t('publish.list', lang)}: {result.power_list}")
    if result.derived_lists:
        lines.append(f"  {t('publish.derived', lang, count=len(result.derived_lists))}: "
                     f"{result.derived_lists[0].parent}")
    if result.bundles:
        lines.append(f"  {t('publish.bundles', lang, count=result.bundles)}: {result.out_dir / 'bundles.json'}")
    lines.extend(f"  {overview_label(path, lang)}: {path}" for path in result.overview)
    if result.errors:
        lines.append(t("publish.with_errors", lang, count=result.errors))
    emit_text("\n".join(lines), output)

