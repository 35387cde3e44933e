"""Which matters get a guide, in which order, under which path; and how guides group into an index."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from matterkit.model import Matter
from matterkit.publish.config import PublishConfig
from matterkit.publish.guide import Guide, build_guide
from matterkit.safety import safe_filename

_LEVEL_ORDER = {"county": 0, "township": 1, "village": 2}


@dataclass
class TypeGroup:
    type_label: str
    guides: list[Guide] = field(default_factory=list)


@dataclass
class BodyGroup:
    name: str
    types: list[TypeGroup] = field(default_factory=list)

    @property
    def guides(self) -> list[Guide]:
        return [g for t in self.types for g in t.guides]


@dataclass
class LevelGroup:
    level: str
    label: str
    bodies: list[BodyGroup] = field(default_factory=list)


GUIDE_ELEMENTS = ("conditions", "process", "materials", "location", "hours", "phone")
GUIDE_KINDS = (None, "implementation", "guide")  # lists that hold guide elements (listkinds.py)


def wants_guide(matter: Matter, config: PublishConfig) -> bool:
    """Punitive and inspection powers have no guide; neither have cancelled matters, nor a row of a list
    whose kind holds no guide elements (a 事项目录) unless the row has some."""
    return (matter.type not in config.no_guide_types and matter.status != "取消"
            and (matter.list_kind in GUIDE_KINDS or any(getattr(matter, key) for key in GUIDE_ELEMENTS)))


def assemble_guides(matters: Iterable[Matter], config: PublishConfig) -> list[Guide]:
    """Guides in index order (level, group, category, title), each with a unique path."""
    guides = [build_guide(m) for m in matters if wants_guide(m, config)]
    guides.sort(key=lambda g: _sort_key(g, config))
    _assign_paths(guides)
    return guides


def _sort_key(guide: Guide, config: PublishConfig) -> tuple[object, ...]:
    m = guide.matter
    return (_LEVEL_ORDER.get(guide.level, 9), guide.group, config.category_rank(m.type), m.name or "",
            m.item_code or "", guide.title, m.body or "", m.impl_code or "", m.source.file, m.source.sheet or "", m.source.row or 0)


def _assign_paths(guides: list[Guide]) -> None:
    """level/group/title; a clash (same title twice in a group, or differing only in case) gets the body
    or a number added, so that every guide keeps its own file on every file system."""
    taken: set[str] = set()
    for guide in guides:
        folder = f"{guide.level}/{safe_filename(guide.group)}"
        stem = safe_filename(guide.title)
        candidates = [stem]
        if guide.matter.body:
            candidates.append(safe_filename(f"{guide.title}-{guide.matter.body}"))
        path = next((f"{folder}/{c}" for c in candidates if f"{folder}/{c}".casefold() not in taken), None)
        number = 2
        while path is None or path.casefold() in taken:
            path, number = f"{folder}/{stem}-{number}", number + 1
        taken.add(path.casefold())
        guide.path = path


def group_guides(guides: list[Guide], config: PublishConfig) -> list[LevelGroup]:
    """The index: level, then department or body, then category (guides are already sorted)."""
    levels: list[LevelGroup] = []
    for guide in guides:
        if not levels or levels[-1].level != guide.level:
            levels.append(LevelGroup(guide.level, guide.level_label))
        bodies = levels[-1].bodies
        if not bodies or bodies[-1].name != guide.group:
            bodies.append(BodyGroup(guide.group))
        types = bodies[-1].types
        if not types or types[-1].type_label != guide.type_label:
            types.append(TypeGroup(guide.type_label))
        types[-1].guides.append(guide)
    return levels
