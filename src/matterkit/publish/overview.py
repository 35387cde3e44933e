"""What a list of any kind can publish besides guides: the directory of its matters, its figures, and the
findings lint made on it (publishing per list kind).

A county's 事项目录 holds names, codes and departments only: it has no guide to print, and lint finds what
it lacks. Publishing it still gives the public directory (事项目录.html, grouped by department), the figures
(统计.html) and, when lint found anything, the 问题汇总 page — never a wall of refusals about elements the
kind does not carry. `publish --strict` keeps the old gate (nothing published while errors exist).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from itertools import groupby
from pathlib import Path

from matterkit import atomic
from matterkit.lint.engine import LintResult
from matterkit.listkinds import kind_label
from matterkit.model import Matter
from matterkit.publish.assemble import wants_guide
from matterkit.publish.config import PublishConfig
from matterkit.render.lint_html import CSS

DIRECTORY_NAME = "事项目录.html"
STATS_NAME = "统计.html"
FINDINGS_NAME = "问题汇总.html"
LABELS = {DIRECTORY_NAME: {"zh": "事项目录", "en": "directory of matters"},
          STATS_NAME: {"zh": "统计", "en": "figures"},
          FINDINGS_NAME: {"zh": "问题汇总", "en": "findings by department"}}
DIRECTORY_HEADERS = ("序号", "事项名称", "事项类型", "事项编码", "实施主体", "清单类型", "办事指南")


def write_overview(matters: Iterable[Matter], *, out_dir: Path, config: PublishConfig, lang: str,
                   findings: LintResult | None = None) -> list[Path]:
    """The directory, the figures and (when lint found anything) the findings page under `out_dir`."""
    from matterkit.render.lint_html import lint_html
    from matterkit.render.stats_html import stats_html
    from matterkit.stats import compute_stats

    listed = [m for m in matters if m.status != "取消"]
    written = [out_dir / DIRECTORY_NAME, out_dir / STATS_NAME]
    atomic.write_text(written[0], directory_html(listed, config))
    atomic.write_text(written[1], stats_html(compute_stats(listed), lang, templates_dir=config.templates_dir))
    if findings is not None and findings.findings:
        written.append(out_dir / FINDINGS_NAME)
        atomic.write_text(written[-1], lint_html(findings, lang))
    return written


def overview_label(path: Path, lang: str) -> str:
    """What an overview file is, for the publish report."""
    return LABELS.get(path.name, {}).get("en" if lang == "en" else "zh", path.name)


def department(matter: Matter) -> str:
    return matter.department or matter.body or matter.list_body or "未注明部门"


def directory_html(matters: list[Matter], config: PublishConfig) -> str:
    """The public directory: every matter in use, by department, with whether it has a guide."""
    ordered = sorted(matters, key=lambda m: (department(m), config.category_rank(m.type), m.name or ""))
    parts = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
             f"<title>{escape(config.title)} · 事项目录</title><style>{CSS}</style></head><body>",
             f"<h1>{escape(config.title)} · 事项目录</h1><p>共 {len(ordered)} 个事项</p>"]
    head = "".join(f"<th>{h}</th>" for h in DIRECTORY_HEADERS)
    for name, in_department in groupby(ordered, key=department):
        parts.append(f"<h2>{escape(name)}</h2><table><tr>{head}</tr>")
        for number, matter in enumerate(in_department, start=1):
            cells = (str(number), matter.name or "", matter.type or "", matter.impl_code or matter.base_code or "",
                     matter.body or matter.list_body or "", kind_label(matter.list_kind),
                     "有" if wants_guide(matter, config) else "—")
            parts.append("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts) + "\n"
