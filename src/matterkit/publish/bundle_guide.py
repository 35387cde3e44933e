"""The guide of one 一件事 bundle (一件事办事指南) as sections, like a matter's guide: the site, Word and PDF
render this one structure. Its member links point at the member matters' own guides."""

from __future__ import annotations

from dataclasses import dataclass

from matterkit.bundles.merge import MergedBundle, MergedMaterial
from matterkit.publish.guide import EMPTY, FEE_COLUMNS, GuideField, Section, time_limit_text
from matterkit.safety import safe_filename

BUNDLE_DIR = "bundles"
MATERIAL_COLUMNS = ("序号", "材料名称", "原件/复印件", "材料形式", "必要性", "需要该材料的事项", "说明")
MEMBER_COLUMNS = ("步骤", "事项", "办理部门", "法定时限", "承诺时限", "适用情形")


@dataclass(frozen=True)
class MemberLink:
    """A member matter and the site path of its own guide (None when it has no guide)."""

    name: str
    department: str
    situation: str
    guide_path: str | None


@dataclass
class BundleGuide:
    merged: MergedBundle
    path: str  # bundles/<name>, without extension
    members: list[MemberLink]

    @property
    def title(self) -> str:
        return self.merged.bundle.name

    @property
    def subtitle(self) -> str:
        bundle = self.merged.bundle
        lead = f"牵头部门：{bundle.lead or EMPTY}"
        return f"{lead}（示例数据）" if bundle.example else lead

    @property
    def sections(self) -> list[Section]:
        merged = self.merged
        sections = [_overview(merged), _chain(merged),
                    Section("materials", "一套材料", "table", columns=MATERIAL_COLUMNS,
                            rows=tuple(_material_row(i, m) for i, m in enumerate(merged.materials, start=1)))]
        forms = merged.forms()
        if forms:
            sections.append(Section("form", "一表申请", "paragraphs", paragraphs=(
                "以下申请表合并为一张综合申请表，相同内容只填写一次：" + "、".join(forms) + "。",)))
        fees = merged.fees()
        if fees:
            sections.append(Section("fees", "收费", "table", columns=("事项", *FEE_COLUMNS), rows=tuple(
                (name, fee.name or EMPTY, fee.standard or EMPTY, fee.basis or EMPTY) for name, fee in fees)))
        return sections


def _overview(merged: MergedBundle) -> Section:
    bundle = merged.bundle
    pairs = [
        ("套餐编码", bundle.code or EMPTY), ("牵头部门", bundle.lead or EMPTY),
        ("配合部门", "、".join(bundle.cooperating) or EMPTY), ("服务对象", bundle.target or EMPTY),
        ("办理层级", "、".join(bundle.levels)), ("适用情形", "、".join(bundle.situations) or EMPTY),
        ("法定办结时限（合计）", time_limit_text(merged.combined_limit("legal_limit"))),
        ("承诺办结时限", time_limit_text(bundle.promised_limit)),
        ("到办事现场次数", EMPTY if bundle.visits is None else f"{bundle.visits}次"),
        ("涉及部门", "、".join(merged.departments()) or EMPTY),
        ("提交材料", f"合并前 {merged.materials_before} 份，合并后 {merged.materials_after} 份"),
    ]
    return Section("overview", "基本信息", "fields", fields=tuple(GuideField(k, v) for k, v in pairs))


def _chain(merged: MergedBundle) -> Section:
    rows = []
    for number, step in enumerate(merged.stages(), start=1):
        for member in step:
            matter = member.matter
            rows.append((str(number), member.name if matter else f"{member.name}（清单中未找到）",
                         member.department or EMPTY,
                         time_limit_text(matter.legal_limit if matter else None),
                         time_limit_text(matter.promised_limit if matter else None),
                         member.member.situation or "必办"))
    return Section("chain", "办理流程（全链条，同一步骤的事项同时办理）", "table", columns=MEMBER_COLUMNS, rows=tuple(rows))


def _material_row(number: int, material: MergedMaterial) -> tuple[str, ...]:
    note = f"免提交（由“{material.produced_by}”结果内部流转）" if material.internal else ""
    if not material.internal and material.produced_by:
        note = f"部分事项由“{material.produced_by}”结果内部流转"
    return (str(number), material.name, material.kind_text, material.medium or EMPTY, material.necessity,
            "、".join(material.members), note or EMPTY)


def bundle_guides(merged: list[MergedBundle], guide_paths: dict[int, str]) -> list[BundleGuide]:
    """One guide per bundle; `guide_paths` maps id(matter) to the path of that matter's guide."""
    taken: set[str] = set()
    guides = []
    for one in merged:
        name = safe_filename(one.bundle.name)
        path, number = name, 2
        while path.casefold() in taken:
            path, number = f"{name}-{number}", number + 1
        taken.add(path.casefold())
        links = [MemberLink(m.name, m.department or EMPTY, m.member.situation or "必办",
                            guide_paths.get(id(m.matter)) if m.matter else None) for m in one.members]
        guides.append(BundleGuide(one, f"{BUNDLE_DIR}/{path}", links))
    return guides
