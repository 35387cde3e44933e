"""Findings as one self-contained HTML page (no CDN, escaped, prints on A4), grouped by file and row."""

from __future__ import annotations

from collections import Counter
from html import escape
from itertools import groupby

from matterkit.i18n import t
from matterkit.lint.engine import LintResult
from matterkit.lint.findings import Finding, severity_label

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
    zh = lang != "en"
    title = "事项清单检查报告" if zh else "Matter list lint report"
    parts = [f'<!DOCTYPE html><html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">',
             f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
             f"<h1>{escape(title)}</h1>",
             f"<p>{escape(t('lint.summary' if result.findings else 'lint.ok', lang, **result.summary()))}</p>"]
    for file, in_file in groupby(result.findings, key=lambda f: f.location.file):
        parts.append(f"<h2>{escape(file)}</h2><table>")
        headers = ("单元格", "级别", "规则", "问题说明", "依据") if zh else ("Cell", "Severity", "Rule", "Message", "Source")
        parts.append("<tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr>")
        for (sheet, row), in_row in groupby(in_file, key=lambda f: (f.location.sheet, f.location.row)):
            findings = list(in_row)
            where = " · ".join(p for p in (sheet or "", t("lint.row", lang, row=row) if row else "") if p)
            parts.append(f'<tr class="row"><td colspan="5">{escape(where)}　'
                         f'{escape(str(findings[0].matter.get("name") or ""))}</td></tr>')
            parts.extend(_finding_row(f, lang) for f in findings)
        parts.append("</table>")
    if result.findings:
        parts.append(_per_rule(result, lang))
    parts.append("</body></html>")
    return "".join(parts) + "\n"


def _finding_row(finding: Finding, lang: str) -> str:
    source = finding.source
    text = ""
    if source:
        text = escape(" ".join(p for p in (source.title, source.clause or "") if p))
        if source.url and source.url.startswith(("http://", "https://")):
            text = f'<a href="{escape(source.url, quote=True)}">{text}</a>'
    return (f"<tr><td>{escape(finding.location.cell or '—')}</td>"
            f'<td class="{finding.severity}">{escape(severity_label(finding.severity, lang))}</td>'
            f"<td>{escape(finding.rule)}</td><td>{escape(finding.message)}</td>"
            f'<td class="src">{text}</td></tr>')


def _per_rule(result: LintResult, lang: str) -> str:
    counts = Counter((f.rule, f.name, f.severity) for f in result.findings)
    rows = "".join(f"<tr><td>{escape(rule)}</td><td>{escape(name)}</td>"
                   f'<td class="{sev}">{escape(severity_label(sev, lang))}</td><td>{n}</td></tr>'
                   for (rule, name, sev), n in sorted(counts.items()))
    head = "".join(f"<th>{h}</th>" for h in (("规则", "名称", "级别", "数量") if lang != "en"
                                              else ("Rule", "Name", "Severity", "Count")))
    return f"<h2>{escape(t('lint.per_rule', lang))}</h2><table><tr>{head}</tr>{rows}</table>"
