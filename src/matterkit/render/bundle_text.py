"""A bundle's merged view for people (`matterkit bundle list|show`): rich tables, values escaped."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from matterkit.bundles.merge import MergedBundle
from matterkit.lint.values import format_days
from matterkit.publish.guide import EMPTY


def _days(days: int | None, lang: str) -> str:
    return EMPTY if days is None else format_days(days, lang)


def render_bundle_list(merged: Sequence[MergedBundle], console: Console, lang: str = "zh") -> None:
    zh = lang != "en"
    table = Table(show_edge=False)
    for header in (("编码", "名称", "牵头部门", "成员", "承诺时限", "材料（合并前→后）", "文件") if zh else
                   ("code", "name", "lead", "members", "promised", "materials (before→after)", "file")):
        table.add_column(header)
    for one in merged:
        bundle = one.bundle
        name = bundle.name + ("（示例）" if bundle.example and zh else " (example)" if bundle.example else "")
        table.add_row(escape(bundle.code or ""), escape(name), escape(bundle.lead or EMPTY),
                      f"{len(one.resolved)}/{len(one.members)}", _days(bundle.promised_limit, lang),
                      f"{one.materials_before}→{one.materials_after}", escape(bundle.path))
    console.print(table)


def render_bundle(one: MergedBundle, console: Console, lang: str = "zh") -> None:
    zh = lang != "en"
    bundle = one.bundle
    console.print(f"[bold]{escape(bundle.name)}[/] {escape(bundle.code or '')}"
                  + (" [yellow]（示例数据）[/]" if bundle.example and zh else " [yellow](example)[/]" if bundle.example else ""))
    console.print(("牵头部门：" if zh else "lead: ") + escape(bundle.lead or EMPTY) + "    "
                  + ("配合部门：" if zh else "cooperating: ") + escape("、".join(bundle.cooperating) or EMPTY))
    chain = Table(title="办理流程（全链条）" if zh else "chain", show_edge=False)
    for header in (("步骤", "事项", "部门", "法定时限", "承诺时限", "情形") if zh else
                   ("step", "matter", "department", "legal", "promised", "situation")):
        chain.add_column(header)
    for number, step in enumerate(one.stages(), start=1):
        for member in step:
            matter = member.matter
            name = escape(member.name) if matter else f"[red]{escape(member.name)}（{'未找到' if zh else 'not found'}）[/]"
            chain.add_row(str(number), name, escape(member.department or EMPTY),
                          _days(matter.legal_limit if matter else None, lang),
                          _days(matter.promised_limit if matter else None, lang),
                          escape(member.member.situation or ("必办" if zh else "always")))
    console.print(chain)
    console.print(("合计时限：法定 {legal}，成员承诺 {members}，套餐承诺 {promised}；到现场 {visits} 次" if zh else
                   "limits: legal {legal}, members promise {members}, bundle promises {promised}; visits {visits}")
                  .format(legal=_days(one.combined_limit("legal_limit"), lang),
                          members=_days(one.combined_limit("promised_limit"), lang),
                          promised=_days(bundle.promised_limit, lang),
                          visits=EMPTY if bundle.visits is None else bundle.visits))
    materials = Table(title="一套材料" if zh else "one set of materials", show_edge=False)
    for header in (("序号", "材料", "原件/复印件", "需要该材料的事项", "说明") if zh else
                   ("no.", "material", "original/copies", "needed by", "note")):
        materials.add_column(header)
    for number, material in enumerate(one.materials, start=1):
        note = (f"免提交（由{material.produced_by}内部流转）" if zh else f"not submitted (from {material.produced_by})") \
            if material.internal else ""
        materials.add_row(str(number), escape(material.name), material.kind_text, escape("、".join(material.members)),
                          escape(note))
    console.print(materials)
    console.print(("提交材料：合并前 {before} 份，合并后 {after} 份" if zh else "submissions: {before} before, {after} after")
                  .format(before=one.materials_before, after=one.materials_after))
