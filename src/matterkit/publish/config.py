"""The `publish:` section of matterkit.yaml, with its defaults, and the template folders it points to.

Defaults for 责任事项 / 追责情形 per power category ship as data in `templates/power-defaults.yaml`; a
workspace overrides any category under `publish.defaults`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from matterkit.errors import ConfigError
from matterkit.resources import bundled_dir
from matterkit.yamlio import line_of, load_plain_yaml, schema

CONFIG_SCHEMA = "publish-config.schema.json"

# The conventional order of the power categories in a power-and-responsibility list.
CATEGORY_ORDER: tuple[str, ...] = (
    "行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励", "行政裁决",
    "其他行政权力", "公共服务",
)
# Power types with a reduced element set and no service guide (domain.md §4).
NO_GUIDE_TYPES: tuple[str, ...] = ("行政处罚", "行政强制", "行政征收", "行政检查")
FORMATS: tuple[str, ...] = ("html", "docx", "pdf", "list")


@dataclass(frozen=True)
class DefaultDuty:
    responsibilities: str
    accountability: str


@dataclass
class PublishConfig:
    base_url: str | None = None
    templates_dir: Path | None = None  # a workspace's own templates, searched before the bundled ones
    formats: tuple[str, ...] = FORMATS
    no_guide_types: tuple[str, ...] = NO_GUIDE_TYPES
    category_order: tuple[str, ...] = CATEGORY_ORDER
    defaults: dict[str, DefaultDuty] = field(default_factory=dict)
    title: str = "政务服务事项办事指南"
    jobs: int | None = None  # processes rendering the site's pages; None: one per CPU
    derived_lists: bool = False  # also publish the derived special lists (lists/*.yaml): a workspace's publish
    workspace_root: Path | None = None  # whose lists/ folder overrides the bundled list definitions
    county: str | None = None  # 填报单位 on the derived lists

    def category_rank(self, category: str | None) -> tuple[int, str]:
        """Sort key putting the known categories first, in order, then the others by name."""
        if category in self.category_order:
            return (self.category_order.index(category), "")
        return (len(self.category_order), category or "")


def bundled_templates_dir() -> Path:
    return bundled_dir("templates")


def load_default_duties(templates_dir: Path | None = None) -> dict[str, DefaultDuty]:
    """Default 责任事项 / 追责情形: the bundled file, then a workspace's file of the same name over it."""
    duties: dict[str, DefaultDuty] = {}
    for folder in (bundled_templates_dir(), templates_dir):
        path = folder / "power-defaults.yaml" if folder else None
        if path and path.is_file():
            duties.update(_parse_duties(load_plain_yaml(path).get("defaults", {})))
    return duties


def _parse_duties(raw: dict[str, Any]) -> dict[str, DefaultDuty]:
    return {str(category): DefaultDuty(str(entry.get("responsibilities", "")).strip(),
                                       str(entry.get("accountability", "")).strip())
            for category, entry in raw.items()}


def validate_section(section: Any, *, config_path: Path, document: Any = None) -> None:
    """Validate the `publish:` section; the error names matterkit.yaml's line and key."""
    import jsonschema

    from matterkit.yamlio import _describe, _expected

    validator = jsonschema.Draft202012Validator(schema(CONFIG_SCHEMA))
    errors = sorted(validator.iter_errors(section), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = errors[0]
        where = ["publish", *error.absolute_path]
        raise ConfigError(_describe(error), path=str(config_path), line=line_of(document, where),
                          key=".".join(map(str, where)), expected=_expected(error))


def config_from_section(section: dict[str, Any], root: Path, *, county: str | None = None) -> PublishConfig:
    """Build the configuration from a validated `publish:` section (paths relative to `root`); the site's
    title defaults to the county's name + 政务服务事项办事指南."""
    templates = section.get("templates")
    candidate = (root / str(templates)) if templates else (root / "templates")
    templates_dir = candidate if candidate.is_dir() else None
    config = PublishConfig(
        base_url=section.get("base_url"),
        templates_dir=templates_dir,
        formats=tuple(section.get("formats", FORMATS)),
        no_guide_types=tuple(section.get("no_guide_types", NO_GUIDE_TYPES)),
        category_order=tuple(section.get("category_order", CATEGORY_ORDER)),
        title=str(section.get("title") or f"{county or ''}{PublishConfig.title}"),
        jobs=section.get("jobs"),
        derived_lists=True, workspace_root=root, county=county,
    )
    config.defaults = load_default_duties(templates_dir)
    config.defaults.update(_parse_duties(dict(section.get("defaults", {}))))
    return config


def build_stamp(explicit: datetime | None = None) -> datetime:
    """The one time stamp a build carries: explicit, else SOURCE_DATE_EPOCH, else now (UTC, seconds)."""
    if explicit is not None:
        return explicit.astimezone(UTC).replace(microsecond=0)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)
