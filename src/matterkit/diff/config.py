"""The `diff:` section of matterkit.yaml, with its defaults, and the locked-element set.

Precedence: command-line flags > matterkit.yaml `diff:` > the `same-element` rule pack > built-in defaults.
The locked elements come from the lint rule pack `rules/same-element.yaml` when it names them, because
"the same matter carries the same elements everywhere" is one statement that lint and diff must share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from matterkit.diff.kinds import KIND_ORDER
from matterkit.elements import default_registry
from matterkit.errors import ConfigError
from matterkit.resources import bundled_dir
from matterkit.yamlio import line_of, load_yaml, validate

SCHEMA_NAME = "diff-config.schema.json"
DEFAULT_LOCKED: tuple[str, ...] = ("name", "base_code", "type", "department", "legal_basis", "materials")
DEFAULT_SUFFIXES: tuple[str, ...] = ("证书", "证件", "证", "核发", "换发", "办理", "审批", "审核", "登记", "申请")
DEFAULT_THRESHOLD = 90.0
SAME_ELEMENT_PACK = "same-element.yaml"


@dataclass(frozen=True)
class DiffConfig:
    locked_elements: tuple[str, ...] = DEFAULT_LOCKED
    locked_source: str = "default"  # "default" | path of the rule pack | "matterkit.yaml"
    standard_lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # level -> codes/names
    near_enabled: bool = True
    near_suffixes: tuple[str, ...] = DEFAULT_SUFFIXES
    near_threshold: float = DEFAULT_THRESHOLD
    near_block_by: str = "department"
    fail_on: tuple[str, ...] = KIND_ORDER

    def with_overrides(self, **changes: Any) -> DiffConfig:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_diff_config(section: Mapping[str, Any] | None, *, config_path: Path | None = None,
                     document: Any = None, rules_dir: Path | None = None) -> DiffConfig:
    """Build the configuration from a `diff:` section (validated), the rule pack and the defaults."""
    section = section or {}
    _validate(section, config_path, document)
    locked, locked_source = _locked_elements(section, rules_dir or bundled_dir("rules"))
    near = section.get("near_duplicates") or {}
    standard = section.get("standard_lists") or {}
    return DiffConfig(
        locked_elements=locked,
        locked_source=locked_source,
        standard_lists={level: tuple(str(v) for v in values) for level, values in standard.items()},
        near_enabled=bool(near.get("enabled", True)),
        near_suffixes=tuple(near.get("suffixes", DEFAULT_SUFFIXES)),
        near_threshold=float(near.get("threshold", DEFAULT_THRESHOLD)),
        near_block_by=str(near.get("block_by", "department")),
        fail_on=tuple(section.get("fail_on", KIND_ORDER)),
    )


def _validate(section: Mapping[str, Any], config_path: Path | None, document: Any) -> None:
    where = config_path or Path("matterkit.yaml")
    try:
        validate(section, SCHEMA_NAME, where)
    except ConfigError as exc:
        parts: list[str | int] = ["diff"]
        for part in (exc.key or "").split("."):
            if part:
                parts.append(int(part) if part.isdigit() else part)
        line = line_of(document, parts) if document is not None else exc.line
        key = ".".join(map(str, parts))
        message = str(exc).split("] ", 1)[-1].split(" (expected", 1)[0]
        raise ConfigError(message, path=str(where), line=line, key=key, expected=exc.expected) from exc
    registry = default_registry()
    for index, key in enumerate(section.get("locked_elements", ())):
        if key not in registry and key != "fees":
            line = line_of(document, ["diff", "locked_elements", index]) if document is not None else None
            raise ConfigError(f"未知的要素键 / unknown element key: {key}", path=str(where), line=line,
                              key=f"diff.locked_elements.{index}", expected="an element key from conventions.md")


def _locked_elements(section: Mapping[str, Any], rules_dir: Path) -> tuple[tuple[str, ...], str]:
    pack = rules_dir / SAME_ELEMENT_PACK
    from_pack = locked_elements_from_pack(pack) if pack.is_file() else None
    if from_pack:
        return from_pack, str(pack)
    if section.get("locked_elements"):
        return tuple(section["locked_elements"]), "matterkit.yaml"
    return DEFAULT_LOCKED, "default"


def locked_elements_from_pack(path: Path) -> tuple[str, ...] | None:
    """The element keys a `same-element` rule pack locks, or None when it names none we can find."""
    document = load_yaml(path)
    found: list[str] = []
    _collect_locked(document, found)
    registry = default_registry()
    keys = tuple(dict.fromkeys(k for k in found if k in registry))
    return keys or None


_LOCKED_KEYS = ("locked_elements", "locked", "elements")


def _collect_locked(node: Any, found: list[str]) -> None:
    """Walk the pack for a list of element keys under one of the usual names (top level, rule params)."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key in _LOCKED_KEYS and isinstance(value, list) and all(isinstance(v, str) for v in value):
                found.extend(value)
            else:
                _collect_locked(value, found)
    elif isinstance(node, list):
        for item in node:
            _collect_locked(item, found)
