"""`matterkit rules` lists the rules in force; `matterkit rules show CODE` explains one with its examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from matterkit.cli.common import (
    DebugOption,
    LangOption,
    OutputOption,
    WorkspaceOption,
    apply_common,
    emit_rich,
    emit_text,
    format_option,
    user_errors,
)
from matterkit.errors import MatterkitError, WorkspaceError
from matterkit.lint.config import LintConfig
from matterkit.lint.docs import rule_detail, rules_json, rules_markdown
from matterkit.lint.findings import severity_label
from matterkit.lint.rules import Rule, RuleSet
from matterkit.workspace import Workspace

rules_app = typer.Typer(help="列出检查规则（编号、名称、级别、依据），或用 show 解释一条规则。",
                        invoke_without_command=True, no_args_is_help=False)
PackOption = typer.Option(None, "--pack", help="只看这些规则包（名称或 .yaml 路径，可重复）")


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")


def _ruleset(workspace: Path | None, packs: list[str] | None) -> RuleSet:
    try:
        ws = Workspace.open(workspace)
        config = LintConfig.from_section(ws.section("lint"), base_dir=ws.root, config_path=ws.config_path,
                                         document=ws.config)
    except WorkspaceError:
        if workspace is not None:
            raise
        config = LintConfig(base_dir=Path.cwd())
    if packs:
        config.extends = list(packs)
    return config.load_rules()


@rules_app.callback()
@user_errors
def list_rules(
    ctx: typer.Context,
    fmt: str = format_option(("text", "json", "markdown"), help="text | json | markdown（markdown 生成 docs/rules.md）"),
    packs: list[str] = PackOption,
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    lang = apply_common(lang, debug)
    if fmt == "markdown":
        emit_text(rules_markdown(lang), output)
        return
    rules = list(_ruleset(workspace, packs))
    if fmt == "json":
        emit_text(rules_json(rules, lang), output)
        return
    emit_rich(lambda console: _table(rules, console, lang), output)


def _table(rules: list[Rule], console: Console, lang: str) -> None:
    table = Table(show_edge=False)
    headers = ("编号", "名称", "级别", "说明", "依据") if lang == "zh" else ("code", "name", "severity", "title", "source")
    for header in headers:
        table.add_column(header)
    for rule in rules:
        severity = severity_label(rule.severity, lang) + ("" if rule.enabled else " (off)")
        table.add_row(rule.code, rule.name, severity, escape(rule.text("title", lang)),
                      escape(rule.source.title if rule.source else ""))
    console.print(table)


@rules_app.command("show", help="解释一条规则：依据、参数、适用范围、通过与不通过的例子。")
@user_errors
def show_rule(
    code: str = typer.Argument(..., help="规则编号，如 PRC001"),
    fmt: str = format_option(("text", "json", "markdown")),
    packs: list[str] = PackOption,
    output: Path | None = OutputOption,
    workspace: Path | None = WorkspaceOption,
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    ruleset = _ruleset(workspace, packs)
    rule = ruleset.get(code)
    if rule is None:
        raise MatterkitError(f"没有规则 {code}（用 matterkit rules 查看全部规则）" if lang == "zh"
                             else f"no rule {code} (matterkit rules lists them)")
    if fmt == "json":
        emit_text(json.dumps(rule_detail(rule, lang), ensure_ascii=False, indent=2) + "\n", output)
    elif fmt == "markdown":
        from matterkit.lint.docs import rule_markdown
        emit_text("\n".join(rule_markdown(rule, lang, heading="#")), output)
    else:
        emit_rich(lambda console: _detail(rule_detail(rule, lang), console, lang), output)


def _detail(detail: dict[str, Any], console: Console, lang: str) -> None:
    zh = lang == "zh"
    console.print(f"[bold]{detail['code']}[/] {detail['name']} — {escape(detail['title'])}")
    console.print(f"{'级别' if zh else 'severity'}: {severity_label(detail['severity'], lang)}"
                  + ("" if detail["enabled"] else (" （默认关闭）" if zh else " (disabled by default)")))
    source = detail["source"] or {}
    console.print(f"{'依据' if zh else 'source'}: " + escape(" ".join(
        str(v) for v in (source.get("title"), source.get("clause"), source.get("url")) if v)))
    console.print(f"{'检查类型' if zh else 'kind'}: {detail['kind']} ({escape(str(detail['kind_title']))})")
    console.print(f"{'参数' if zh else 'params'}: {escape(json.dumps(detail['params'], ensure_ascii=False))}")
    if detail["applies"]:
        console.print(f"{'适用范围' if zh else 'applies'}: {escape(json.dumps(detail['applies'], ensure_ascii=False))}")
    if detail["description"]:
        console.print(escape(detail["description"]))
    console.print(f"[green]{'通过' if zh else 'passes'}[/]:")
    for example in detail["examples"]["pass"]:
        console.print("  " + escape(json.dumps(example, ensure_ascii=False)))
    console.print(f"[red]{'不通过' if zh else 'fails'}[/]:")
    for failing in detail["examples"]["fail"]:
        console.print("  " + escape(json.dumps(failing["example"], ensure_ascii=False)))
        for message in failing["messages"]:
            console.print("    → " + escape(message))
