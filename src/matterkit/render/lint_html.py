"""Findings as the 问题汇总 page: self-contained (no CDN), escaped, prints on A4; departments ranked, then a
section per department."""

from __future__ import annotations

from collections import Counter
from html import escape

from matterkit.i18n import t
from matterkit.lint.engine import LintResult
from matterkit.lint.findings import SEVERITIES, Finding, severity_label
from matterkit.render.lint_groups import Bulletin, bulletin

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em} h2{font-size:1.1em;margin-top:1.5em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.4em 0}
th,td{border:1px solid #ddd;padding:.25em .4em;text-align:left;vertical-align:top}
th{background:#eef3f8} .error{color:#b00020;font-weight:bold} .warning{color:#8a6d00} .info{color:#1f5f8b}
.row{background:#fafafa;font-weight:bold} .src{color:#666;font-size:.85em}
@page{size:A4;margin:15mm} @media print{body{margin:0} tr{page-break-inside:avoid}}
"""


def lint_html(result: LintResult, lang: str = "zh") -> str:
    """The 问题汇总 page: departments ranked, what whole sheets lack, then a section per department with its
    counts by rule and severity and its findings."""
    zh = lang != "en"
    title = "事项清单问题汇总" if zh else "Matter list findings by department"
    grouped = bulletin(result, lang)
    parts = [f'<!DOCTYPE html><html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">',
             f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
             f"<h1>{escape(title)}</h1>",
             f"<p>{escape(t('lint.summary' if result.findings else 'lint.ok', lang, **result.summary()))}</p>"]
    if grouped.departments:
        parts.append(_ranking(grouped, lang))
    if grouped.sheet_findings:
        parts.append(f"<h2>{escape(t('lint.sheet_findings', lang))}</h2>")
        parts.append(_findings_table(grouped.sheet_findings, lang))
    for department in grouped.departments:
        counts = "　".join(f"{severity_label(s, lang)} {n}" for s, n in department.counts().items() if n)
        parts.append(f"<h2>{escape(department.name)}　<small>{escape(counts)}</small></h2>")
        parts.append(_rule_counts([(g.rule, g.name, g.severity, len(g.findings)) for g in department.rules], lang))
        parts.append(_findings_table(department.findings, lang))
    if result.findings:
        per_rule = Counter((f.rule, result.title(f), str(f.severity)) for f in result.findings)
        parts.append(f"<h2>{escape(t('lint.per_rule', lang))}</h2>")
        parts.append(_rule_counts([(*key, n) for key, n in sorted(per_rule.items())], lang))
    parts.append("</body></html>")
    return "".join(parts) + "\n"


def _ranking(grouped: Bulletin, lang: str) -> str:
    zh = lang != "en"
    head = ["排名" if zh else "Rank", "部门" if zh else "Department",
            *(severity_label(s, lang) for s in SEVERITIES), "主要问题" if zh else "Main findings"]
    rows = []
    for rank, department in enumerate(grouped.departments, start=1):
        counts = department.counts()
        main = "、".join(f"{g.rule} × {len(g.findings)}" for g in department.rules[:3])
        rows.append(f"<tr><td>{rank}</td><td>{escape(department.name)}</td>"
                    + "".join(f'<td class="{s}">{n}</td>' for s, n in counts.items())
                    + f"<td>{escape(main)}</td></tr>")
    title = "各部门问题排名" if zh else "Departments ranked"
    return (f"<h2>{escape(title)}</h2><table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>"
            + "".join(rows) + "</table>")


def _findings_table(findings: list[Finding], lang: str) -> str:
    zh = lang != "en"
    headers = ("位置", "事项", "级别", "规则", "问题说明", "依据") if zh else \
        ("Where", "Matter", "Severity", "Rule", "Message", "Source")
    rows = "".join(_finding_row(f, lang) for f in findings)
    return "<table><tr>" + "".join(f"<th>{h}</th>" for h in headers) + f"</tr>{rows}</table>"


def _rule_counts(rows: list[tuple[str, str, str, int]], lang: str) -> str:
    body = "".join(f"<tr><td>{escape(rule)}</td><td>{escape(name)}</td>"
                   f'<td class="{sev}">{escape(severity_label(sev, lang))}</td><td>{n}</td></tr>'
                   for rule, name, sev, n in rows)
    head = "".join(f"<th>{h}</th>" for h in (("规则", "名称", "级别", "数量") if lang != "en"
                                              else ("Rule", "Name", "Severity", "Count")))
    return f"<table><tr>{head}</tr>{body}</table>"


def _finding_row(finding: Finding, lang: str) -> str:
    source, loc = finding.source, finding.location
    text = ""
    if source:
        text = escape(" ".join(p for p in (source.title, source.clause or "") if p))
        if source.url and source.url.startswith(("http://", "https://")):
            text = f'<a href="{escape(source.url, quote=True)}">{text}</a>'
    row = t("lint.row", lang, row=loc.row) if loc.row else ""
    where = " ".join(p for p in (loc.file, loc.sheet or "", row, loc.cell or "") if p)
    return (f"<tr><td>{escape(where)}</td><td>{escape(str(finding.matter.get('name') or ''))}</td>"
            f'<td class="{finding.severity}">{escape(severity_label(finding.severity, lang))}</td>'
            f"<td>{escape(finding.rule)}</td><td>{escape(finding.message)}</td>"
            f'<td class="src">{text}</td></tr>')
