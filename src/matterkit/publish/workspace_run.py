"""Publishing a workspace: configuration from matterkit.yaml, lint (a gate only with --strict), then
`publish_all` and the overview pages (directory, figures, findings)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from matterkit.bundles.loader import load_workspace_bundles
from matterkit.i18n import register, t
from matterkit.lint.engine import LintResult
from matterkit.publish.api import ProgressCallback, PublishResult, publish_all
from matterkit.publish.config import PublishConfig, config_from_section, validate_section
from matterkit.publish.errors import PublishError
from matterkit.publish.overview import write_overview

register({
    "publish.blocked": {"zh": "清单中还有 {count} 个错误级问题，按 --strict 未发布（修正后重试，或去掉 --strict 按清单类型发布）：",
                        "en": "{count} error-level findings remain; with --strict nothing was published (fix them, "
                              "or leave out --strict to publish what each list kind supports):"},
    "publish.more": {"zh": "……另有 {count} 个错误未列出（matterkit lint 查看全部）。",
                     "en": "... and {count} more (run matterkit lint to see all)."},
})


class PublishBlocked(PublishError):
    """Error-severity lint findings exist; exit code 1 like lint's."""

    exit_code = 1

    def __init__(self, findings: list[Any], lang: str | None = None) -> None:
        self.findings = findings
        super().__init__(t("publish.blocked", lang, count=len(findings)))


def workspace_config(ws: Any) -> PublishConfig:
    """The validated `publish:` section of the workspace's matterkit.yaml."""
    section = ws.section("publish")
    validate_section(section, config_path=ws.config_path, document=ws.config)
    county = ws.config.get("county") if ws.config else None
    return config_from_section(section, ws.root, county=str(county) if county else None)


def gate(result: LintResult | None, *, strict: bool, lang: str | None) -> int:
    """The number of error findings; with `strict`, PublishBlocked while there are any (the old gate)."""
    errors = [f for f in result.findings if f.severity == "error"] if result is not None else []
    if strict and errors:
        raise PublishBlocked(errors, lang)
    return len(errors)


def publish_workspace(ws: Any, *, out_dir: Path | None = None, base_url: str | None = None,
                      formats: Iterable[str] | None = None, allow_errors: bool = False,
                      lang: str | None = None, stamp: datetime | None = None,
                      on_progress: ProgressCallback | None = None, strict: bool = False,
                      jobs: int | None = None) -> PublishResult:
    """Publish the matters in the workspace's store per list kind: the guides the lists support, the
    directory, the figures and lint's findings (`result.errors` counts the error findings). With `strict`,
    refuses (PublishBlocked) while lint finds errors; `allow_errors` skips lint altogether. `jobs`: processes
    rendering the site's pages and QR codes (default: `publish.jobs`, else one per CPU)."""
    from matterkit.lint.run import LintOptions, lint_workspace

    config = workspace_config(ws)
    findings = None if allow_errors else lint_workspace(ws, LintOptions(lang=lang)).result
    errors = gate(findings, strict=strict, lang=lang)
    target = out_dir or ws.output_dir
    result = publish_all(ws.store.iter_matters(), out_dir=target, lang=lang or "zh",
                         base_url=base_url, formats=formats, config=config, stamp=stamp, on_progress=on_progress,
                         bundles=load_workspace_bundles(ws.root), jobs=jobs)
    result.overview = write_overview(ws.store.iter_matters(), out_dir=target, config=config, lang=lang or "zh",
                                     findings=findings)
    result.errors = errors
    return result
