"""`matterkit example [DIR] [--seed N]`: write the example county (lists with planted defects + ground truth)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import typer

from matterkit.cli.common import DebugOption, LangOption, apply_common, out_console, user_errors
from matterkit.errors import MatterkitError
from matterkit.example import generate_example_county
from matterkit.i18n import register as register_messages
from matterkit.i18n import t

register_messages({
    "example.written": {"zh": "示例县已生成：{path}", "en": "example county written to {path}"},
    "example.files": {"zh": "文件 {total} 个（{formats}）", "en": "{total} files ({formats})"},
    "example.bodies": {"zh": "实施主体 {total} 个：县级部门 {county}，乡镇（街道）{township}，村（社区）{village}",
                       "en": "{total} bodies: {county} county departments, {township} townships, {village} villages"},
    "example.rows": {"zh": "事项行 {rows} 行", "en": "{rows} matter rows"},
    "example.defects": {"zh": "埋设问题 {total} 处（{kinds} 类）", "en": "{total} planted defects ({kinds} kinds)"},
    "example.differences": {"zh": "层级间差异 {total} 处（{kinds}）", "en": "{total} differences between levels ({kinds})"},
    "example.truth": {"zh": "标准答案：{path}", "en": "ground truth: {path}"},
    "example.next": {"zh": "试一试：matterkit lint {path}", "en": "try: matterkit lint {path}"},
    "example.cannot_write": {"zh": "无法写入示例县：{reason}", "en": "cannot write the example county: {reason}"},
})


def register(app: typer.Typer) -> None:
    app.command("example", help="生成示例县：含埋设问题和标准答案（ground-truth.json）的实施清单表格。")(example_command)


@user_errors
def example_command(
    directory: Path = typer.Argument(Path("example-county"), help="输出目录（默认 ./example-county）", file_okay=False),
    seed: int = typer.Option(2026, "--seed", help="随机种子：同一种子生成的文件逐字节相同"),
    lang: str | None = LangOption,
    debug: bool = DebugOption,
) -> None:
    lang = apply_common(lang, debug)
    try:
        truth_path = generate_example_county(directory, seed=seed)
    except OSError as exc:
        raise MatterkitError(t("example.cannot_write", lang, reason=exc)) from exc
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    console = out_console()
    for line in summary_lines(truth, directory, truth_path, lang):
        console.print(line, markup=False)


def summary_lines(truth: dict[str, Any], directory: Path, truth_path: Path, lang: str) -> list[str]:
    formats = Counter(f["format"] for f in truth["files"])
    levels = Counter(b["level"] for b in truth["bodies"])
    differences = Counter(d["kind"] for d in truth["differences"])
    return [
        t("example.written", lang, path=directory),
        "  " + t("example.files", lang, total=len(truth["files"]),
                 formats="，".join(f"{fmt} {n}" for fmt, n in sorted(formats.items()))),
        "  " + t("example.bodies", lang, total=len(truth["bodies"]), county=levels["county"],
                 township=levels["township"], village=levels["village"]),
        "  " + t("example.rows", lang, rows=sum(len(f["rows"]) for f in truth["files"])),
        "  " + t("example.defects", lang, total=len(truth["defects"]),
                 kinds=len({d["kind"] for d in truth["defects"]})),
        "  " + t("example.differences", lang, total=len(truth["differences"]),
                 kinds="，".join(f"{kind} {n}" for kind, n in sorted(differences.items()))),
        "  " + t("example.truth", lang, path=truth_path),
        t("example.next", lang, path=directory),
    ]
