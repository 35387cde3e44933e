"""Rule packs: YAML files in `rules/` (bundled) or a workspace, validated, resolved through `extends:`.

A pack declares rules (each configuring a check kind) and may extend other packs, override their rules'
severity, parameters, message or applicability, or disable them. Every mistake becomes a `ConfigError`
naming the file, the line and the key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from matterkit.errors import ConfigError
from matterkit.lint.findings import RegulationRef
from matterkit.lint.kinds import get_kind
from matterkit.lint.rules import Rule, RuleSet
from matterkit.model import ELEMENT_FIELDS
from matterkit.resources import bundled_dir
from matterkit.yamlio import FastSafeLoader, line_of, load_yaml, validate

PACK_SCHEMA = "rulepack.schema.json"
DEFAULT_PACKS: tuple[str, ...] = ("national", "practice", "same-element")
ELEMENT_PARAMS = ("element", "elements", "left", "right")
KNOWN_ELEMENTS = frozenset(ELEMENT_FIELDS)
_FAST_LOADER = FastSafeLoader  # YAML 1.2 scalars, like the round-trip loader that finds error lines


def bundled_packs(folder: str = "rules") -> list[str]:
    """Names of the packs shipped with matterkit (rule packs, or the files of another data folder)."""
    return sorted(p.stem for p in bundled_dir(folder).glob("*.yaml"))


def find_pack(ref: str, base_dir: Path | None, folder: str = "rules",
              what: str = "规则包 / rule pack") -> Path:
    """A pack reference is a path (relative to the workspace or the extending pack) or a bundled name,
    looked up in `folder` of the workspace, then in matterkit's own `folder` (bundle definitions use the
    same lookup with folder `bundles`)."""
    candidates = []
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        candidates.append((base_dir or Path.cwd()) / ref)
    else:
        if base_dir is not None:
            candidates.append(base_dir / folder / f"{ref}.yaml")
        candidates.append(bundled_dir(folder) / f"{ref}.yaml")
    for path in candidates:
        if path.is_file():
            return path
    raise ConfigError(f"找不到{what.split(' / ')[0]} / {what.split(' / ')[-1]} not found: {ref}",
                      expected=" | ".join(bundled_packs(folder)) + " | a path to a .yaml file")


def load_ruleset(refs: Iterable[str], base_dir: Path | None = None) -> RuleSet:
    """Load packs (and what they extend, each once) into one rule set.

    Packs are parsed with libyaml first (fast); when anything is wrong they are parsed again with the
    round-trip loader, whose line numbers the error then names.
    """
    refs = list(refs)
    try:
        return _load_all(refs, base_dir, fast=True)
    except ConfigError:
        return _load_all(refs, base_dir, fast=False)


def _load_all(refs: list[str], base_dir: Path | None, *, fast: bool) -> RuleSet:
    ruleset = RuleSet(rules={})
    for ref in refs:
        _load_into(ruleset, find_pack(ref, base_dir), stack=[], fast=fast)
    return with_kinds(ruleset)


def with_kinds(ruleset: RuleSet) -> RuleSet:
    """Give every rule that reports empty elements (`REPORTS_ABSENT`, the `required` kind) the packs' per-kind
    requirements: on a sheet of a kind, it checks only the elements the kind must hold (lint/absent.py)."""
    if ruleset.kinds:
        for code, rule in ruleset.rules.items():
            if getattr(get_kind(rule.kind), "REPORTS_ABSENT", False):
                ruleset.rules[code] = rule.with_changes(kinds=dict(ruleset.kinds))
    return ruleset


def _read(path: Path, fast: bool) -> Any:
    if not fast:
        return load_yaml(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_FAST_LOADER)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(exc), path=str(path)) from exc


def _load_into(ruleset: RuleSet, path: Path, stack: list[Path], *, fast: bool) -> None:
    path = path.resolve()
    if path in stack:
        raise ConfigError("规则包循环继承 / packs extend each other in a cycle: "
                          + " → ".join(p.name for p in [*stack, path]), path=str(path))
    document = _read(path, fast)
    if not isinstance(document, Mapping):
        raise ConfigError("规则包应为映射 / a rule pack is a mapping", path=str(path), line=1)
    validate(document, PACK_SCHEMA, path)
    if document["pack"] in ruleset.packs:
        return
    for parent in document.get("extends", ()):
        _load_into(ruleset, find_pack(parent, path.parent), [*stack, path], fast=fast)
    ruleset.packs.append(document["pack"])
    ruleset.redirects.update(document.get("redirects", {}))
    for kind, spec in document.get("kinds", {}).items():  # a later pack's entry for a kind replaces the earlier
        _check_elements(spec["requires"], path, document, ["kinds", kind, "requires"])
        ruleset.kinds[kind] = list(spec["requires"])
    regulations = dict(document.get("regulations", {}))
    for index, raw in enumerate(document.get("rules", ())):
        rule = _build_rule(raw, document["pack"], path, document, index, regulations)
        if rule.code in ruleset.rules:
            raise ConfigError(f"规则编号重复 / duplicate rule code {rule.code} (already in pack "
                              f"{ruleset.rules[rule.code].pack}); use overrides: to change it",
                              path=str(path), line=rule.line, key=f"rules.{index}.code")
        ruleset.rules[rule.code] = rule
    for code, override in document.get("overrides", {}).items():
        where = ["overrides", code]
        target = ruleset.resolve(code)
        if target not in ruleset.rules:
            raise ConfigError(f"覆盖了不存在的规则 / override of unknown rule {code}", path=str(path),
                              line=line_of(document, where), key=".".join(where))
        ruleset.rules[target] = apply_override(ruleset.rules[target], override, path, document, where)


def apply_override(rule: Rule, override: Mapping[str, Any], path: Path, document: Any,
                   where: list[str | int]) -> Rule:
    """A rule with severity/params/enabled/message/applies changed; params merge key by key."""
    changes: dict[str, Any] = {}
    for key in ("severity", "enabled", "message", "applies"):
        if key in override:
            changes[key] = plain_data(override[key])
    if "params" in override:
        changes["params"] = {**rule.params, **plain_data(override["params"])}
        check_params(rule.kind, changes["params"], path, document, [*where, "params"])
    return rule.with_changes(**changes)


def _build_rule(raw: Mapping[str, Any], pack: str, path: Path, document: Any, index: int,
                regulations: Mapping[str, Any]) -> Rule:
    where: list[str | int] = ["rules", index]
    kind = get_kind(raw["kind"])
    if kind is None:
        from matterkit.lint.kinds import all_kinds
        raise ConfigError(f"未知的检查类型 / unknown check kind {raw['kind']!r}", path=str(path),
                          line=line_of(document, [*where, "kind"]), key=f"rules.{index}.kind",
                          expected=" | ".join(sorted(all_kinds())))
    params = plain_data(raw.get("params", {}))
    check_params(raw["kind"], params, path, document, [*where, "params"])
    return Rule(
        code=raw["code"], name=raw["name"], title=plain_data(raw["title"]), severity=raw["severity"],
        kind=raw["kind"], params=params, source=_source(raw["source"], regulations, path, document, where),
        pack=pack, path=str(path), line=line_of(document, where), message=plain_data(raw.get("message")),
        description=plain_data(raw.get("description")), applies=plain_data(raw.get("applies", {})),
        examples=plain_data(raw["examples"]), enabled=raw.get("enabled", True),
    )


def _source(raw: Mapping[str, Any], regulations: Mapping[str, Any], path: Path, document: Any,
            where: list[str | int]) -> RegulationRef:
    if "ref" not in raw:
        return RegulationRef(title=raw["title"], clause=raw.get("clause"), url=raw.get("url"))
    regulation = regulations.get(raw["ref"])
    if regulation is None:
        raise ConfigError(f"未声明的法规 / regulation {raw['ref']!r} is not declared under regulations:",
                          path=str(path), line=line_of(document, [*where, "source", "ref"]),
                          key=".".join(map(str, [*where, "source", "ref"])),
                          expected=" | ".join(regulations) or None)
    return RegulationRef(title=regulation["title"], clause=raw.get("clause", regulation.get("clause")),
                         url=regulation.get("url"))


def check_params(kind_id: str, params: dict[str, Any], path: Path, document: Any,
                  where: list[str | int]) -> None:
    """Validate a rule's params against its kind's schema, its own checks, and the element registry."""
    kind = get_kind(kind_id)
    if kind is None:
        return
    errors = sorted(jsonschema.Draft202012Validator(kind.PARAMS).iter_errors(params),
                    key=lambda e: list(map(str, e.absolute_path)))
    problem, at = None, list(where)
    if errors:
        problem, at = f"检查类型 {kind_id} 的参数无效 / invalid params: {errors[0].message}", \
            [*where, *errors[0].absolute_path]
    else:
        unknown = [e for e in _elements_named(params) if e not in KNOWN_ELEMENTS]
        if unknown:
            problem = f"未知的要素 / unknown element {unknown[0]!r}"
        elif hasattr(kind, "validate"):
            try:
                kind.validate(params)
            except ValueError as exc:
                problem = str(exc)
    if problem:
        raise ConfigError(problem, path=str(path), line=line_of(document, at),
                          key=".".join(map(str, at)))


def _check_elements(elements: list[str], path: Path, document: Any, where: list[str | int]) -> None:
    for index, element in enumerate(elements):
        if element not in KNOWN_ELEMENTS:
            raise ConfigError(f"未知的要素 / unknown element {element!r}", path=str(path),
                              line=line_of(document, [*where, index]), key=".".join(map(str, [*where, index])))


def _elements_named(params: Mapping[str, Any]) -> list[str]:
    names: list[str] = []
    for key in ELEMENT_PARAMS:
        value = params.get(key)
        if isinstance(value, str):
            names.append(value)
        elif isinstance(value, list):
            names.extend(v for v in value if isinstance(v, str))
        elif isinstance(value, Mapping):
            names.extend(value)
    for key in ("when", "then"):
        if isinstance(params.get(key), Mapping):
            names.append(params[key].get("element", ""))
    return names


def plain_data(value: Any) -> Any:
    """ruamel round-trip containers as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    return value
