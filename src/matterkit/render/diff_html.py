"""`matterkit diff --format html`: one self-contained page (no CDN, works from file://), every value
escaped, filterable by kind, level and body, printable on A4."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any

from matterkit.diff.coverage import DELEGATED, EXTRA, MISSING, PRESENT, CoverageMatrix
from matterkit.diff.kinds import KIND_ORDER, KINDS, Difference
from matterkit.diff.report import DiffReport
from matterkit.i18n import register, t
from matterkit.render.diff_labels import (
    COLUMNS,
    difference_row,
    element_label,
    headers,
    level_label,
    summary_lines,
)
from matterkit.render.diff_versions import version_table

register({
    "diff.html.title": {"zh": "事项清单比对报告", "en": "Matter list comparison"},
    "diff.html.all": {"zh": "全部", "en": "all"},
    "diff.html.shown": {"zh": "显示", "en": "shown"},
    "diff.html.differences": {"zh": "差异明细", "en": "Differences"},
})

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
  margin:1.5em;color:#222;font-size:14px}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top;text-align:left;white-space:pre-wrap}
th{background:#ddebf7;position:sticky;top:0}
.c-kind,.c-level,.c-element,.c-base_code{white-space:nowrap}.c-body,.c-matter,.c-left,.c-right{min-width:7em}
.filters{margin:.8em 0;display:flex;gap:1em;flex-wrap:wrap}
.k-element_mismatch td:first-child,.k-changed td:first-child{background:#fff2cc}
.k-missing td:first-child,.k-removed td:first-child{background:#ffc7ce}
.k-extra td:first-child{background:#ffeb9c}
.k-duplicate td:first-child,.k-near_duplicate td:first-child{background:#ddebf7}
.k-added td:first-child{background:#c6efce}
.s-present{background:#c6efce}.s-missing{background:#ffc7ce}.s-extra{background:#ffeb9c}
.s-delegated{background:#bdd7ee}
.a-add{background:#c6efce}.a-del{background:#ffc7ce}.a-mod{background:#fff2cc}.cell-mod{background:#f8cbad}
.matrix td,.matrix th{text-align:center;font-size:12px}
.matrix td:first-child,.matrix th:first-child{text-align:left}
@media print{@page{size:A4 landscape;margin:12mm}.filters{display:none}th{position:static}
  body{margin:0;font-size:10px}tr{page-break-inside:avoid}}
"""

SCRIPT = """
(function(){
  var sel=['kind','level','body'].map(function(n){return document.getElementById('f-'+n);});
  var rows=document.querySelectorAll('#differences tbody tr');
  var count=document.getElementById('shown');
  function apply(){
    var k=sel[0].value,l=sel[1].value,b=sel[2].value,n=0;
    rows.forEach(function(r){
      var ok=(!k||r.dataset.kind===k)&&(!l||JSON.parse(r.dataset.levels).indexOf(l)>=0)
        &&(!b||JSON.parse(r.dataset.bodies).indexOf(b)>=0);
      r.style.display=ok?'':'none'; if(ok){n++;}
    });
    count.textContent=n;
  }
  sel.forEach(function(s){s.addEventListener('change',apply);});
  apply();
})();
"""


def render_html(report: DiffReport, lang: str, fail_on: Sequence[str] = KIND_ORDER) -> str:
    summary = report.summary(tuple(fail_on))
    parts = [f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
             f"<title>{escape(t('diff.html.title', lang))}</title><style>{CSS}</style></head><body>",
             f"<h1>{escape(t('diff.html.title', lang))}</h1>", _summary(summary, report, lang)]
    if report.differences:
        parts.append(_differences(report.differences, lang))
    for matrix in report.coverage:
        parts.append(_matrix(matrix, lang))
    if report.mode == "versions" and report.differences:
        parts.append(_versions(report, lang))
    if report.differences:
        parts.append(f"<script>{SCRIPT}</script>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _summary(summary: dict[str, Any], report: DiffReport, lang: str) -> str:
    lines = "".join(f"<p>{escape(line)}</p>" for line in summary_lines(summary, lang))
    if not report.differences:
        return lines + f"<p><strong>{escape(t('diff.summary.none', lang))}</strong></p>"
    rows = "".join(f"<tr class='k-{kind}'><td>{escape(KINDS[kind].label(lang))}</td><td>{count}</td></tr>"
                   for kind, count in summary["by_kind"].items())
    failing = escape(t("diff.failing", lang, count=summary["failing"], kinds=",".join(summary["fail_on"])))
    return (f"<h2>{escape(t('diff.summary.title', lang))}</h2>{lines}<table style='width:auto'><thead><tr>"
            f"<th>{escape(t('diff.col.kind', lang))}</th><th>{escape(t('diff.col.count', lang))}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table><p>{failing}</p>")


def _options(name: str, label: str, values: list[tuple[str, str]], lang: str) -> str:
    options = "".join(f'<option value="{escape(v)}">{escape(text)}</option>' for v, text in values)
    return (f'<label>{escape(label)} <select id="f-{name}"><option value="">{escape(t("diff.html.all", lang))}'
            f"</option>{options}</select></label>")


def _differences(differences: list[Difference], lang: str) -> str:
    kinds = [k for k in KIND_ORDER if any(d.kind == k for d in differences)]
    levels = [lv for lv in LIST_LEVELS if any(lv in _levels(d) for d in differences)]
    bodies = sorted({b for d in differences for b in _bodies(d)})
    filters = "".join([
        _options("kind", t("diff.col.kind", lang), [(k, KINDS[k].label(lang)) for k in kinds], lang),
        _options("level", t("diff.col.level", lang), [(lv, level_label(lv, lang)) for lv in levels], lang),
        _options("body", t("diff.col.body", lang), [(b, b) for b in bodies], lang),
        f"<span>{escape(t('diff.html.shown', lang))}: <strong id='shown'>{len(differences)}</strong>"
        f" / {len(differences)}</span>"])
    head = "".join(f"<th>{escape(h)}</th>" for h in headers(lang))
    body_rows = []
    for difference in differences:
        cells = difference_row(difference, lang)
        data = (f' data-kind="{escape(difference.kind)}"'
                f' data-levels="{escape(json.dumps(_levels(difference), ensure_ascii=False))}"'
                f' data-bodies="{escape(json.dumps(_bodies(difference), ensure_ascii=False))}"')
        tds = "".join(f"<td class='c-{c}'>{escape(str(cells[c]))}</td>" for c in COLUMNS)
        body_rows.append(f"<tr class='k-{escape(difference.kind)}'{data}>{tds}</tr>")
    return (f"<h2>{escape(t('diff.html.differences', lang))}</h2><div class='filters'>{filters}</div>"
            f"<table id='differences'><thead><tr>{head}</tr></thead><tbody>{''.join(body_rows)}</tbody></table>")


LIST_LEVELS = ("county", "township", "village")


def _levels(difference: Difference) -> list[str]:
    """List levels only: the catalogue and the standard list are what a row is compared with, not filters."""
    levels = {str(level) for level in (difference.matter.get("level"), *difference.levels) if level}
    return [level for level in LIST_LEVELS if level in levels]


def _bodies(difference: Difference) -> list[str]:
    bodies = [difference.matter.get("body"), *difference.bodies]
    return sorted({str(body) for body in bodies if body})


def _matrix(matrix: CoverageMatrix, lang: str) -> str:
    statuses = (PRESENT, MISSING, EXTRA, DELEGATED)
    head = "".join(f"<th>{escape(h)}</th>" for h in
                   [t("diff.col.matter", lang), t("diff.col.base_code", lang), *matrix.bodies,
                    *(f"{t('diff.matrix.total', lang)}·{t(f'diff.status.{s}', lang)}" for s in statuses)])
    by_matter = matrix.totals_by_matter()
    rows = []
    for matter in matrix.matters:
        cells = [f"<td>{escape(matter.name or '')}{' *' if matter.expected else ''}</td>",
                 f"<td>{escape(matter.base_code or '')}</td>"]
        for body in matrix.bodies:
            status = matrix.status(matter.key, body)
            cells.append(f"<td class='s-{status}'>{escape(t(f'diff.status.{status}', lang))}</td>")
        cells.extend(f"<td>{by_matter[matter.key][s]}</td>" for s in statuses)
        rows.append(f"<tr>{''.join(cells)}</tr>")
    by_body = matrix.totals_by_body()
    for status in statuses:
        label = f"{t('diff.matrix.total', lang)}·{t(f'diff.status.{status}', lang)}"
        totals = "".join(f"<td>{by_body[body][status]}</td>" for body in matrix.bodies)
        rows.append(f"<tr><th>{escape(label)}</th><td></td>{totals}{'<td></td>' * len(statuses)}</tr>")
    title = f"{t('diff.matrix.title', lang)} · {level_label(matrix.level, lang)}"
    basis = t(f"diff.basis.{matrix.basis}", lang)
    return (f"<h2>{escape(title)}</h2><p>{escape(basis)}（* = {escape(t('diff.matrix.required', lang))}）</p>"
            f"<table class='matrix'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _versions(report: DiffReport, lang: str) -> str:
    table = version_table(report, lang)
    css = {"+++": "a-add", "---": "a-del", "→": "a-mod"}
    head = "".join(f"<th>{escape(h)}</th>" for h in
                   ["@@", *table.key_headers, *(element_label(e, lang) for e in table.elements)])
    rows = []
    for row in table.rows:
        cells = [f"<td class='{css[row.action]}'>{escape(row.action)}</td>"]
        cells.extend(f"<td>{escape(value)}</td>" for value in row.keys)
        for element in table.elements:
            changed = element in row.cells
            cells.append(f"<td class='{'cell-mod' if changed else ''}'>{escape(row.cells.get(element, ''))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (f"<h2>{escape(t('diff.sheet.versions', lang))}</h2><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
