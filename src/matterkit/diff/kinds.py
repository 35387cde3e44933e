"""Every kind of difference, declared once: code, title, description and message templates (zh/en).

A `Difference` is plain data (what differs, where, both values); how it reads in a report comes from
the templates registered here, so a renderer never invents wording and a comparison never formats text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from matterkit.i18n import register, t
from matterkit.model import Location


@dataclass(frozen=True)
class DifferenceKind:
    code: str
    title: dict[str, str]
    description: dict[str, str]

    def label(self, lang: str | None = None) -> str:
        return t(f"diff.kind.{self.code}", lang)


KINDS: dict[str, DifferenceKind] = {}


def _declare(code: str, zh: str, en: str, zh_desc: str, en_desc: str) -> None:
    KINDS[code] = DifferenceKind(code, {"zh": zh, "en": en}, {"zh": zh_desc, "en": en_desc})
    register({f"diff.kind.{code}": {"zh": zh, "en": en},
              f"diff.kind.{code}.description": {"zh": zh_desc, "en": en_desc}})


_declare("element_mismatch", "要素不一致", "element mismatch",
         "同一事项在不同主体或与基本目录之间，锁定要素取值不同。",
         "A locked element of one matter differs between bodies or from the catalogue.")
_declare("missing", "缺少事项", "missing matter",
         "某乡镇或村的清单缺少其应当实施的事项。",
         "A township's or village's list lacks a matter it must offer.")
_declare("extra", "多出事项", "extra matter",
         "某乡镇或村的清单列出了标准清单之外、且未记录下放或委托的事项。",
         "A township's or village's list holds a matter outside its standard list with no delegation recorded.")
_declare("duplicate", "重复事项", "duplicate",
         "同一事项重复列出：实施编码重复、基本编码对应不同名称、同名不同编码，或县乡两级同时实施且未记录下放。",
         "One matter listed twice: repeated implementation code, one base code under two names, one name "
         "under two codes, or implemented by county and township with no delegation recorded.")
_declare("near_duplicate", "疑似重复", "near-duplicate",
         "两个名称高度相似的事项，可能是同一事项的两种写法。",
         "Two matters whose names are nearly the same and may be one matter written two ways.")
_declare("added", "新增事项", "added matter",
         "新版本有、旧版本没有的事项。", "A matter in the new version that the old one lacks.")
_declare("removed", "删除事项", "removed matter",
         "旧版本有、新版本没有的事项。", "A matter in the old version that the new one lacks.")
_declare("changed", "要素变更", "changed element",
         "同一事项在两个版本之间某一要素的取值发生变化。",
         "One element of a matter changed between the two versions.")

KIND_ORDER: tuple[str, ...] = tuple(KINDS)

# Notes: why a difference was reported (how a match was made, why two names were paired ...).
register({
    "diff.note.catalogue": {"zh": "与基本目录不一致（按{method}匹配）",
                            "en": "differs from the catalogue (matched by {method})"},
    "diff.note.majority": {"zh": "与同一事项在其他主体的多数取值不一致（{agree}/{total} 个主体取左侧值；按{method}匹配）",
                           "en": "differs from the value most bodies hold ({agree} of {total} hold the left value; "
                                 "matched by {method})"},
    "diff.note.catalogue.materials": {"zh": "材料与基本目录不一致：{detail}（按{method}匹配）",
                                      "en": "materials differ from the catalogue: {detail} (matched by {method})"},
    "diff.note.majority.materials": {"zh": "材料与多数主体不一致：{detail}（{agree}/{total} 个主体取左侧值）",
                                     "en": "materials differ from most bodies: {detail} ({agree} of {total} "
                                           "hold the left value)"},
    "diff.note.standard_missing": {"zh": "{level}标准清单要求实施，本主体清单没有",
                                   "en": "required by the {level} standard list, absent from this body's list"},
    "diff.note.standard_extra": {"zh": "不在{level}标准清单中，且未记录下放或委托",
                                 "en": "not in the {level} standard list and no delegation recorded"},
    "diff.note.standard_extra_village": {"zh": "不在{level}标准清单中（村级清单各村应一致，上级委托的事项也以标准清单为准）",
                                         "en": "not in the {level} standard list (village lists are meant to be "
                                               "the same; delegated matters too follow the standard list)"},
    "diff.note.peer_missing": {"zh": "无标准清单，与同级主体相比：{held}/{total} 个{level}主体实施该事项，本主体没有",
                               "en": "no standard list; compared with peers: {held} of {total} {level} bodies "
                                     "offer it, this one does not"},
    "diff.note.peer_extra": {"zh": "无标准清单，与同级主体相比：仅 {held}/{total} 个{level}主体实施该事项",
                             "en": "no standard list; compared with peers: only {held} of {total} {level} "
                                   "bodies offer it"},
    "diff.note.dup_impl_code": {"zh": "实施编码 {code} 出现 {count} 次",
                                "en": "implementation code {code} appears {count} times"},
    "diff.note.dup_base_code_names": {"zh": "基本编码 {code} 对应不同名称",
                                      "en": "base code {code} is listed under different names"},
    "diff.note.dup_in_body": {"zh": "同一清单中重复列出（编码 {code}）",
                              "en": "listed twice in one list (code {code})"},
    "diff.note.dup_name_codes": {"zh": "同一名称对应不同基本编码：{codes}",
                                 "en": "one name under different base codes: {codes}"},
    "diff.note.dup_county_township": {
        "zh": "县级部门与乡镇同时实施，乡镇的权力来源未记录下放、授权或委托（{source}）",
        "en": "implemented by a county department and a township; the township records no delegation "
              "in its power source ({source})"},
    "diff.note.near_suffix": {"zh": "去掉后缀“{suffixes}”后名称相同（相似度 {score}）",
                              "en": "same name once the suffixes “{suffixes}” are removed (similarity {score})"},
    "diff.note.near_score": {"zh": "名称相似度 {score}（规范化后：{left} ↔ {right}；同一{block}内比较）",
                             "en": "name similarity {score} (normalised: {left} ↔ {right}; compared within one "
                                   "{block})"},
    "diff.note.version_key": {"zh": "按{method}对应", "en": "paired by {method}"},
    "diff.method.base_code": {"zh": "基本编码", "en": "base code"},
    "diff.method.impl_code": {"zh": "实施编码中的基本编码", "en": "the base-code part of the implementation code"},
    "diff.method.item_code": {"zh": "业务办理项编码", "en": "handling item code"},
    "diff.method.name": {"zh": "规范化名称", "en": "normalised name"},
    "diff.method.impl_code_full": {"zh": "实施编码", "en": "implementation code"},
    "diff.method.base_code_body": {"zh": "基本编码和实施主体", "en": "base code and body"},
    "diff.method.name_body": {"zh": "名称和实施主体", "en": "name and body"},
    "diff.block.department": {"zh": "主管部门", "en": "department"},
    "diff.block.body": {"zh": "实施主体", "en": "body"},
    "diff.block.level": {"zh": "层级", "en": "level"},
    "diff.catalogue": {"zh": "基本目录", "en": "catalogue"},
    "diff.level.county": {"zh": "县级", "en": "county"},
    "diff.level.township": {"zh": "乡镇级", "en": "township"},
    "diff.level.village": {"zh": "村级", "en": "village"},
    "diff.level.catalogue": {"zh": "基本目录", "en": "catalogue"},
    "diff.level.standard": {"zh": "标准清单", "en": "standard list"},
    "diff.none": {"zh": "无", "en": "none"},
})


@dataclass(frozen=True)
class Side:
    """One side of a difference: which list (level, body), the value there and where it sits."""

    level: str | None
    body: str | None
    value: Any = None
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "body": self.body, "value": self.value,
                "location": self.location.model_dump() if self.location else None}


@dataclass(frozen=True)
class Difference:
    """One difference (conventions.md, `matterkit diff --format json`). `note_key`/`note_values` explain why."""

    kind: str
    element: str | None
    matter: Mapping[str, Any]
    left: Side | None
    right: Side | None
    note_key: str | None = None
    note_values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def bodies(self) -> tuple[str, ...]:
        return tuple(side.body for side in (self.left, self.right) if side is not None and side.body)

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(side.level for side in (self.left, self.right) if side is not None and side.level)

    def note(self, lang: str | None = None) -> str | None:
        if not self.note_key:
            return None
        values = {k: (t(v[1:], lang) if isinstance(v, str) and v.startswith("@") else v)
                  for k, v in self.note_values.items()}
        return t(self.note_key, lang, **values)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {"kind": self.kind, "element": self.element, "matter": dict(self.matter),
                "left": self.left.to_dict() if self.left else None,
                "right": self.right.to_dict() if self.right else None,
                "note": self.note(lang)}
