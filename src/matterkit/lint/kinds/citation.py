"""citation — legal-basis citations are written 《title》 with article numbers.

Each citation starts with a title in 《》, may carry a document number in brackets
(`《社会救助暂行办法》(国务院令第649号)`) and, with `require_article: true`, names its articles
(`第十一条`, `第4条`) when it cites a law, regulation or rule (a title ending in 法, 条例, 规定, 办法, 细则 or
规则): a policy document (《…的意见》, 《…的通知》, 《…的决定》) has no articles to cite. A basis without any 《》
title fails.

Example: passes `《公共场所卫生管理条例》第四条`; fails `公共场所卫生管理条例第四条` and, with articles required,
`《公共场所卫生管理条例》`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex

from matterkit.lint.context import CheckContext, is_blank
from matterkit.lint.kinds import Hit

ID = "citation"
TITLE = {"zh": "法律依据引用格式（《名称》第×条）", "en": "Legal citation form (《title》 article)"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["element"],
    "properties": {"element": {"type": "string"}, "require_article": {"type": "boolean"}},
}
MESSAGE = {"zh": "{label}“{value}”引用格式不规范：{problem}", "en": "{label} '{value}' is not a proper citation: {problem}"}
EXAMPLE = {
    "params": {"element": "legal_basis", "require_article": True},
    "pass": [{"legal_basis": "《公共场所卫生管理条例》第四条"},
             {"legal_basis": "《社会救助暂行办法》(国务院令第649号)第九条、第十一条"},
             {"legal_basis": "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）"}],
    "fail": [{"legal_basis": "公共场所卫生管理条例第四条"}, {"legal_basis": "《公共场所卫生管理条例》"}],
}
_TITLE = regex.compile(r"《[^《》]+》")
_ARTICLE = regex.compile(r"第[0-9一二三四五六七八九十百零〇两]+条")
# The end of a title of a law, regulation or rule (it has articles to cite), its edition perhaps in brackets.
_LAW_TITLE_END = regex.compile(r"(法|条例|规定|办法|细则|规则)([（(][^（）()]*[）)])?$")
_PROBLEMS = {
    "no_title": {"zh": "法规名称应置于《》内", "en": "the title belongs in 《》"},
    "no_article": {"zh": "《{title}》未注明条款", "en": "《{title}》 names no article"},
}


def problems(text: str, require_article: bool) -> list[tuple[str, str]]:
    """(problem code, citation title) for each thing wrong with one basis text."""
    titles = list(_TITLE.finditer(text))
    if not titles:
        return [("no_title", "")]
    found = []
    if require_article:
        for index, match in enumerate(titles):
            end = titles[index + 1].start() if index + 1 < len(titles) else len(text)
            if not _LAW_TITLE_END.search(match.group()[1:-1]):
                continue  # a policy document: no articles to cite
            if not _ARTICLE.search(text, match.end(), end):
                found.append(("no_article", match.group()[1:-1]))
    return found


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    element, require_article = params["element"], params.get("require_article", False)
    column = ctx.column(element)
    for i in rows:
        value = column[i]
        if is_blank(value):
            continue
        found = problems(str(value), require_article)
        if found:
            text = "；".join(_PROBLEMS[code][ctx.lang if ctx.lang == "en" else "zh"].format(title=title)
                            for code, title in found)
            yield Hit(i, element, value, None, {"problem": text})
