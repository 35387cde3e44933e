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
from matterkit.diff.values import MODES
from matterkit.elements import default_registry
from matterkit.errors import ConfigError
from matterkit.resources import bundled_dir
from matterkit.yamlio import line_of, load_yaml, validate

SCHEMA_NAME = "diff-config.schema.json"
DEFAULT_LOCKED: tuple[str, ...] = ("name", "base_code", "type", "department", "legal_basis")
DEFAULT_MODES: dict[str, str] = {"name": "folded", "base_code": "exact", "type": "exact", "department": "suffix",
                                 "legal_basis": "folded"}
# Compared across bodies even when the rule pack's locked set (which lint checks against the catalogue)
# leaves them out: the issue asks for materials as lists (a material missing in one village is a difference).
DEFAULT_COMPARE_ALSO: tuple[str, ...] = ("materials",)
DEFAULT_SUFFIXES: tuple[str, ...] = ("证书", "证件", "证", "核发", "换发", "办理", "审批", "审核", "登记", "申请")
DEFAULT_THRESHOLD = 90.0
SAME_ELEMENT_PACK = "same-element.yaml"


@dataclass(frozen=True)
class DiffConfig:
    locked_elements: tuple[str, ...] = DEFAULT_LOCKED + DEFAULT_COMPARE_ALSO
    locked_source: str = "default"  # "default" | path of the rule pack | "matterkit.yaml"
    element_modes: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_MODES))
    standard_lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # level -> codes/names
    near_enabled: bool = True
    near_suffixes: tuple[str, ...] = DEFAULT_SUFFIXES
    near_threshold: float = DEFAULT_THRESHOLD
    near_block_by: str = "department"
    fail_on: tuple[str, ...] = KIND_ORDER

    def with_overrides(self, **changes: Any) -> DiffConfig:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_diff_config(section: Mapping[str, Any] | None, *, config_path: Path | None = None,
                     document: Any = None, rules_dir: Path | None = None,
                     lint_section: Mapping[str, Any] | None = None, base_dir: Path | None = None) -> DiffConfig:
    """Build the configuration from a `diff:` section (validated), the rule packs and the defaults.

    With `lint_section` (a workspace's `lint:`), the locked set is the one lint resolves through the packs
    the workspace extends and its overrides (a provincial pack may lock 20 elements); without it, the
    bundled `same-element` pack in `rules_dir` is read.
    """
    section = section or {}
    _validate(section, config_path, document)
    if lint_section is not None:
        found = locked_elements_from_lint(lint_section, base_dir=base_dir, config_path=config_path,
                                          document=document)
        locked, modes, locked_source = ((tuple(found[0]), found[0], found[1]) if found
                                        else _configured_or_default(section))
    else:
        locked, modes, locked_source = _locked_elements(section, rules_dir or bundled_dir("rules"))
    for element in section.get("compare_also", DEFAULT_COMPARE_ALSO):
        if element not in locked:
            locked = (*locked, element)
    near = section.get("near_duplicates") or {}
    standard = section.get("standard_lists") or {}
    return DiffConfig(
        locked_elements=locked,
        locked_source=locked_source,
        element_modes=modes,
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
    for option in ("locked_elements", "compare_also"):
        for index, key in enumerate(section.get(option, ())):
            if key not in registry and key != "fees":
                line = line_of(document, ["diff", option, index]) if document is not None else None
                raise ConfigError(f"未知的要素键 / unknown element key: {key}", path=str(where), line=line,
                                  key=f"diff.{option}.{index}", expected="an element key from conventions.md")


def _locked_elements(section: Mapping[str, Any],
                     rules_dir: Path) -> tuple[tuple[str, ...], dict[str, str], str]:
    pack = rules_dir / SAME_ELEMENT_PACK
    from_pack = locked_elements_from_pack(pack) if pack.is_file() else None
    if from_pack:
        return tuple(from_pack), from_pack, str(pack)
    return _configured_or_default(section)


def _configured_or_default(section: Mapping[str, Any]) -> tuple[tuple[str, ...], dict[str, str], str]:
    if section.get("locked_elements"):
        return tuple(section["locked_elements"]), dict(DEFAULT_MODES), "matterkit.yaml"
    return DEFAULT_LOCKED, dict(DEFAULT_MODES), "default"


def locked_elements_from_lint(lint_section: Mapping[str, Any], *, base_dir: Path | None,
                              config_path: Path | None, document: Any) -> tuple[dict[str, str], str] | None:
    """Element -> mode of the enabled catalogue rule (CAT002 in `same-element`) after lint has resolved
    the workspace's `extends` and overrides, with where it came from; None when no pack locks any."""
    from matterkit.lint.config import LintConfig  # lint owns the rule packs; diff only reads their result

    ruleset = LintConfig.from_section(lint_section, base_dir=base_dir, config_path=config_path,
                                      document=document).load_rules()
    for rule in ruleset.rules.values():
        elements = rule.params.get("elements") if rule.kind == CATALOGUE_KIND and rule.enabled else None
        found = _modes(elements)
        if found:
            return found, f"{rule.path} ({rule.code})"
    return None


CATALOGUE_KIND = "catalogue"


def _modes(elements: Any) -> dict[str, str] | None:
    registry = default_registry()
    if isinstance(elements, Mapping):
        found = {str(k): str(v) if v in MODES else "exact" for k, v in elements.items()}
    elif isinstance(elements, list):
        found = {str(k): "exact" for k in elements}
    else:
        return None
    return {k: v for k, v in found.items() if k in registry} or None


def locked_elements_from_pack(path: Path) -> dict[str, str] | None:
    """Element key -> comparison mode, from the `params.elements` of the pack's catalogue rule.

    The pack (lint's `same-element`) writes `elements: {name: folded, base_code: exact, department: suffix}`;
    a plain list of keys is read as `exact` for each. None when the pack names no elements.
    """
    document = load_yaml(path)
    for rule in (document or {}).get("rules", ()) if isinstance(document, Mapping) else ():
        params = rule.get("params") if isinstance(rule, Mapping) else None
        found = _modes(params.get("elements") if isinstance(params, Mapping) else None)
        if found:
            return found
    return None


def workspace_diff_config(ws: Any) -> DiffConfig:
    """The diff configuration of a workspace: its `diff:` section over the locked set of its lint packs."""
    return load_diff_config(ws.section("diff"), config_path=ws.config_path, document=ws.config,
                            lint_section=ws.section("lint"), base_dir=ws.root)
