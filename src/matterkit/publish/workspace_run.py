"""Publishing a workspace: configuration from matterkit.yaml, the lint gate, then `publish_all`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from matterkit.bundles.loader import load_workspace_bundles
from matterkit.i18n import register, t
from matterkit.publish.api import ProgressCallback, PublishResult, publish_all
from matterkit.publish.config import PublishConfig, config_from_section, validate_section
from matterkit.publish.errors import PublishError

register({
    "publish.blocked": {"zh": "清单中还有 {count} 个错误级问题，未发布（修正后重试，或加 --allow-errors 强制发布）：",
                        "en": "{count} error-level findings remain; nothing was published (fix them, or use "
                              "--allow-errors):"},
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


def _error_findings(ws: Any, lang: str | None = None) -> list[Any]:
    """Error-severity findings of the workspace's lint configuration (baseline applied): the gate."""
    from matterkit.lint.run import LintOptions, lint_workspace

    outcome = lint_workspace(ws, LintOptions(lang=lang))
    return [finding for finding in outcome.result.findings if finding.severity == "error"]


def publish_workspace(ws: Any, *, out_dir: Path | None = None, base_url: str | None = None,
                      formats: Iterable[str] | None = None, allow_errors: bool = False,
                      lang: str | None = None, stamp: datetime | None = None,
                      on_progress: ProgressCallback | None = None) -> PublishResult:
    """Publish the matters in the workspace's store; refuses (PublishBlocked) while lint finds errors."""
    config = workspace_config(ws)
    if not allow_errors:
        errors = _error_findings(ws, lang)
        if errors:
            raise PublishBlocked(errors, lang)
    return publish_all(ws.store.iter_matters(), out_dir=out_dir or ws.output_dir, lang=lang or "zh",
                       base_url=base_url, formats=formats, config=config, stamp=stamp, on_progress=on_progress,
                       bundles=load_workspace_bundles(ws.root))
