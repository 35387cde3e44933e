"""The service guide (办事指南) of one matter at one implementing body, as plain data for every renderer.

A guide is a list of sections; each section is a list of labelled fields, numbered paragraphs, the
materials table or the fee table. HTML, Word and PDF all render this one structure, so a guide reads the
same in every format and the wording conventions (当场办结 / N个工作日, 一、二、三 …) live here only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from matterkit.model import LIST_LEVEL_LABELS, Matter

SectionKind = Literal["fields", "paragraphs", "materials", "fees", "table"]
EMPTY = "—"
_NUMERALS = "一二三四五六七八九十"
_ALREADY_NUMBERED = re.compile(r"^\s*(?:[0-9０-９]+|[一二三四五六七八九十]+|[（(][0-9一二三四五六七八九十]+[)）])\s*[、.．)）]?")

MATERIAL_COLUMNS: tuple[str, ...] = ("序号", "材料名称", "材料类型", "材料形式", "份数", "必要性", "来源渠道", "备注")
FEE_COLUMNS: tuple[str, ...] = ("收费项目", "收费标准", "收费依据")


@dataclass(frozen=True)
class GuideField:
    label: str
    value: str


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    kind: SectionKind
    fields: tuple[GuideField, ...] = ()
    paragraphs: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()  # materials or fee rows, matching MATERIAL_COLUMNS / FEE_COLUMNS
    columns: tuple[str, ...] = ()  # the header of a "table" section (its rows match it)


@dataclass
class Guide:
    """One guide. `path` is its place in the site and document trees, without extension (a/b/c).

    Its sections are built when first read: ordering and indexing a county's guides needs only the
    titles, and the site's worker processes build the sections of the pages they render."""

    matter: Matter
    title: str
    level: str  # list level key: county | township | village
    level_label: str
    group: str  # department (county) or the township's / village's body: the index's second level
    type_label: str
    path: str = ""

    @cached_property
    def sections(self) -> list[Section]:
        return [section for section in _sections(self.matter) if _has_content(section)]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def materials(self) -> tuple[tuple[str, ...], ...]:
        found = self.section("materials")
        return found.rows if found else ()


def time_limit_text(days: int | None) -> str:
    """Time limits as guides write them: 0 → 当场办结, N → N个工作日."""
    if days is None:
        return EMPTY
    return "当场办结" if days == 0 else f"{days}个工作日"


def numbered(text: str | None) -> tuple[str, ...]:
    """Several conditions, bases or steps as paragraphs numbered 一、二、三 … unless already numbered."""
    lines = [line.strip() for line in re.split(r"[\n]+", text or "") if line.strip()]
    if len(lines) <= 1 or any(_ALREADY_NUMBERED.match(line) for line in lines):
        return tuple(lines)
    return tuple(f"{_chinese_number(i)}、{line}" for i, line in enumerate(lines, start=1))


def _chinese_number(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n - 1]
    if n < 20:
        return "十" + _NUMERALS[n - 11]
    tens, ones = divmod(n, 10)
    return _NUMERALS[tens - 1] + "十" + (_NUMERALS[ones - 1] if ones else "")


def _text(value: object) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def level_of(matter: Matter) -> str:
    return matter.list_level or "county"


def group_of(matter: Matter) -> str:
    """County guides group by department; township and village guides by the township or village."""
    if level_of(matter) == "county":
        return matter.department or matter.body or matter.list_body or "未注明部门"
    return matter.list_body or matter.township or matter.village or matter.body or "未注明"


def build_guide(matter: Matter) -> Guide:
    level = level_of(matter)
    title = matter.name or "未命名事项"
    for part in (matter.sub_item, matter.item_name):  # a sub-item's or handling item's guide says which it is
        if part and part not in title:
            title = part if matter.name and matter.name in part else f"{title}（{part}）"
    return Guide(matter=matter, title=title, level=level,
                 level_label=LIST_LEVEL_LABELS.get(level, {}).get("zh", level),
                 group=group_of(matter), type_label=matter.type or "未分类")


def _has_content(section: Section) -> bool:
    return section.key in {"basic", "materials"} or bool(section.fields or section.paragraphs or section.rows)


def _fields(*pairs: tuple[str, object]) -> tuple[GuideField, ...]:
    return tuple(GuideField(label, _text(value)) for label, value in pairs)


def _sections(m: Matter) -> list[Section]:
    return [
        Section("basic", "基本信息", "fields", fields=_fields(
            ("事项名称", m.name), ("事项类型", m.type), ("基本编码", m.base_code), ("实施编码", m.impl_code),
            ("业务办理项编码", m.item_code), ("实施主体", m.body or m.list_body), ("主管部门", m.department),
            ("实施主体性质", m.body_nature), ("行使层级", m.level), ("权力来源", m.power_source),
            ("委托部门", m.entrusting_body), ("服务对象", m.target), ("办件类型", m.case_type))),
        Section("legal_basis", "设定依据", "paragraphs", paragraphs=numbered(m.legal_basis)),
        Section("impl_basis", "实施依据", "paragraphs", paragraphs=numbered(m.impl_basis)),
        Section("conditions", "受理条件", "paragraphs", paragraphs=numbered(m.conditions)),
        Section("materials", "申请材料", "materials", rows=_material_rows(m)),
        Section("process", "办理流程", "paragraphs", paragraphs=numbered(m.process)),
        Section("time_limits", "办理时限", "fields", fields=_fields(
            ("法定办结时限", time_limit_text(m.legal_limit)), ("承诺办结时限", time_limit_text(m.promised_limit)),
            *((("时限说明", m.limit_note),) if m.limit_note else ()))),
        _fee_section(m),
        Section("place", "办理地点和时间", "fields", fields=_fields(("办理地点", m.location), ("办理时间", m.hours))),
        Section("contact", "咨询和监督投诉", "fields", fields=_fields(
            ("咨询电话", m.phone), ("监督投诉电话", m.complaint_phone))),
        Section("visits", "到办事现场次数", "fields", fields=_fields(
            ("到办事现场次数", None if m.visits is None else f"{m.visits}次"),
            *((("到现场办理原因说明", m.visit_reason),) if m.visit_reason else ()))),
        Section("online", "网上办理", "fields", fields=_fields(
            ("是否网办", m.online), ("网上办理深度", m.online_depth), ("网办地址", m.online_url),
            ("办理形式", m.channels), ("是否支持预约办理", m.appointment), ("是否支持物流快递", m.express),
            ("是否支持网上支付", m.online_payment))),
        Section("scope", "通办范围", "fields", fields=_fields(("通办范围", m.scope))),
        Section("result", "办理结果", "fields", fields=_fields(
            ("审批结果类型", m.result_type), ("审批结果名称", m.result_name))),
    ]


def _material_rows(m: Matter) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (str(i), material.name, _text(material.kind), _text(material.medium),
         _text(None if material.copies is None else f"{material.copies}份"), _text(material.necessity),
         _text(material.source), _text(material.note))
        for i, material in enumerate(m.materials, start=1))


def _fee_section(m: Matter) -> Section:
    if m.fees:
        rows = tuple((_text(f.name), _text(f.standard), _text(f.basis)) for f in m.fees)
        return Section("fees", "收费标准和依据", "fees", rows=rows)
    text = "不收费" if m.fee is False else _text(m.fee)
    return Section("fees", "收费标准和依据", "fields", fields=(GuideField("是否收费", text),))

