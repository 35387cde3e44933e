"""Rules explaining themselves: the listing, one rule in detail (with its examples' real findings), and the
Markdown of docs/rules.md. Every text comes from the packs and the kinds; nothing is written twice."""

from __future__ import annotations

import json
from typing import Any

from matterkit.elements import default_registry
from matterkit.lint.examples import run_example
from matterkit.lint.findings import severity_label
from matterkit.lint.kinds import get_kind
from matterkit.lint.packs import DEFAULT_PACKS, bundled_packs, load_ruleset
from matterkit.lint.rules import Rule, RuleSet
from matterkit.listkinds import KINDS


def rule_summary(rule: Rule, lang: str = "zh") -> dict[str, Any]:
    return {"code": rule.code, "name": rule.name, "title": rule.text("title", lang), "severity": rule.severity,
            "pack": rule.pack, "kind": rule.kind, "enabled": rule.enabled,
            "source": rule.source.as_dict() if rule.source else None}


def rule_detail(rule: Rule, lang: str = "zh") -> dict[str, Any]:
    """Everything about one rule, with the findings its failing examples produce."""
    kind = get_kind(rule.kind)
    detail = rule_summary(rule, lang)
    detail.update({
        "description": rule.text("description", lang) or None,
        "kind_title": kind.TITLE.get(lang, kind.TITLE["zh"]) if kind else None,
        "params": rule.params, "applies": rule.applies or None, "path": rule.path, "line": rule.line,
        "examples": {
            "pass": rule.examples.get("pass", []),
            "fail": [{"example": ex, "messages": [f.message for f in run_example(rule, ex, lang)]}
                     for ex in rule.examples.get("fail", [])],
        },
    })
    return detail


def rules_json(rules: list[Rule], lang: str = "zh") -> str:
    document = {"schema": "matterkit.rules/1", "rules": [rule_summary(r, lang) for r in rules]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _example_text(example: dict[str, Any]) -> str:
    return json.dumps(example, ensure_ascii=False)


def rule_markdown(rule: Rule, lang: str = "zh", heading: str = "###") -> list[str]:
    detail = rule_detail(rule, lang)
    source = rule.source
    lines = [f"{heading} {rule.code} `{rule.name}` — {detail['title']}", ""]
    lines.append(f"- 级别：{severity_label(rule.severity, lang)}（`{rule.severity}`）"
                 + ("" if rule.enabled else "，默认关闭"))
    lines.append(f"- 检查类型：`{rule.kind}`（{detail['kind_title']}），参数：`{json.dumps(rule.params, ensure_ascii=False)}`")
    if rule.applies:
        lines.append(f"- 适用范围：`{json.dumps(rule.applies, ensure_ascii=False)}`")
    if source:
        link = f"（{source.url}）" if source.url else ""
        clause = f" {source.clause}" if source.clause else ""
        lines.append(f"- 依据：{source.title}{clause}{link}")
    if detail["description"]:
        lines.append(f"- 说明：{detail['description']}")
    lines.append("- 通过的例子：" + "；".join(f"`{_example_text(ex)}`" for ex in detail["examples"]["pass"]))
    for failing in detail["examples"]["fail"]:
        lines.append(f"- 不通过的例子：`{_example_text(failing['example'])}` → " + "；".join(failing["messages"]))
    lines.append("")
    return lines


def rules_markdown(lang: str = "zh") -> str:
    """docs/rules.md: the default packs' rules, then what every other bundled pack adds or changes."""
    default = load_ruleset(DEFAULT_PACKS)
    lines = ["# 检查规则（matterkit rules）", "",
             "本文件由 `matterkit rules --format markdown` 生成，请勿手工编辑。规则写在 `rules/*.yaml` 中，",
             "检查类型见 `src/matterkit/lint/kinds/`。`matterkit init` 默认启用 "
             + "、".join(f"`{p}`" for p in DEFAULT_PACKS) + "。", ""]
    lines += _summary_table(list(default))
    lines += _kinds_section(default)
    for pack in DEFAULT_PACKS:
        lines += [f"## 规则包 `{pack}`", ""]
        for rule in default:
            if rule.pack == pack:
                lines += rule_markdown(rule, lang)
    for pack in bundled_packs():
        if pack in DEFAULT_PACKS:
            continue
        lines += _extra_pack(pack, default, lang)
    return "\n".join(lines).rstrip() + "\n"


def _summary_table(rules: list[Rule]) -> list[str]:
    lines = ["| 编号 | 名称 | 级别 | 规则包 | 依据 |", "|---|---|---|---|---|"]
    for rule in rules:
        title = rule.text("title").replace("|", "\\|")
        source = (rule.source.title if rule.source else "").replace("|", "\\|")
        lines.append(f"| {rule.code} | {title} | {severity_label(rule.severity)} | {rule.pack} | {source} |")
    return [*lines, ""]


def _kinds_section(ruleset: RuleSet) -> list[str]:
    """What each list kind must hold (the packs' `kinds:` sections), and what that changes."""
    registry = default_registry()
    lines = ["## 各类清单必须具备的要素（`kinds:`）", "",
             "规则包的 `kinds:` 一节按清单类型列出该类清单必须具备的要素（`requires:`）。在某类清单的工作表上，",
             "`required` 类规则只检查该类要求的要素：表中有该列而单元格为空，是该行的问题；表中根本没有该列",
             "（也没有别的列填出该要素，如拆分后的编码），是整张表的一个问题（行号为空），不逐行报告。",
             "未列出的类别（实施清单）要求规则列出的全部要素。任何规则都不对表中没有的要素逐行报告。",
             "工作表的类别由导入时按列识别，或用 `import --kind`、matterkit.yaml 的 `import: kinds:` 指定。", "",
             "| 清单类型 | 键 | 必须具备的要素 |", "|---|---|---|"]
    for kind, labels in KINDS.items():
        required = ruleset.kinds.get(kind)
        shown = "、".join(registry.label(e) for e in required) if required is not None else "规则列出的全部要素"
        lines.append(f"| {labels['zh']} | `{kind}` | {shown} |")
    return [*lines, ""]


def _extra_pack(pack: str, default: RuleSet, lang: str) -> list[str]:
    ruleset = load_ruleset([pack])
    lines = [f"## 规则包 `{pack}`", ""]
    changed = [r for r in ruleset if r.code in default.rules and r != default.rules[r.code]]
    for rule in changed:
        before = default.rules[rule.code]
        notes = []
        if rule.severity != before.severity:
            notes.append(f"级别 {before.severity} → {rule.severity}")
        if rule.params != before.params:
            notes.append(f"参数改为 `{json.dumps(rule.params, ensure_ascii=False)}`")
        lines.append(f"- 覆盖 {rule.code}：" + "；".join(notes or ["其他设置"]))
    if changed:
        lines.append("")
    for rule in ruleset:
        if rule.pack == pack:
            lines += rule_markdown(rule, lang)
    return lines
