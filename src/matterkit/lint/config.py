"""The `lint:` section of matterkit.yaml merged with command-line flags (flags win), and rule selection.

Selection works like ruff: `select` and `ignore` hold codes or code prefixes (`ALL` = every rule); for each
rule the longest matching prefix of each list counts, the more specific one wins and `ignore` wins ties.
A rule a pack disables (`enabled: false`) runs only when selected by its full code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from matterkit.errors import ConfigError
from matterkit.lint.packs import DEFAULT_PACKS, check_params, find_pack, load_ruleset, plain_data
from matterkit.lint.rules import Rule, RuleSet
from matterkit.yamlio import line_of

CONFIG_SCHEMA = "lint-config.schema.json"


@dataclass
class LintConfig:
    extends: list[str] = field(default_factory=lambda: list(DEFAULT_PACKS))
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_level: str = "error"
    baseline: Path | None = None
    max_per_rule: int | None = None
    catalogue: Path | None = None
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    base_dir: Path | None = None  # where relative paths (packs, baseline, catalogue) are resolved
    config_path: Path | None = None
    document: Any = None  # the whole matterkit.yaml (round-trip), for line numbers

    @classmethod
    def from_section(cls, section: Mapping[str, Any] | None, *, base_dir: Path | None = None,
                     config_path: Path | None = None, document: Any = None) -> LintConfig:
        """Validate the `lint:` section (errors name matterkit.yaml's line) and build the config."""
        section = section or {}
        if config_path is not None and document is not None:
            wrapped = {"lint": section}
            _validate_section(wrapped, document, config_path)
        config = cls(base_dir=base_dir, config_path=config_path, document=document)
        plain = plain_data(section)
        if "extends" in plain:
            config.extends = list(plain["extends"])
        config.select = list(plain.get("select", []))
        config.ignore = list(plain.get("ignore", []))
        config.fail_level = plain.get("fail_level", "error")
        config.max_per_rule = plain.get("max_per_rule")
        config.rules = dict(plain.get("rules", {}))
        for key in ("baseline", "catalogue"):
            if plain.get(key):
                setattr(config, key, (base_dir or Path.cwd()) / plain[key])
        return config

    def load_rules(self) -> RuleSet:
        """The packs this config extends, with its per-rule overrides applied."""
        for index, ref in enumerate(self.extends):  # a pack that cannot be found: name matterkit.yaml's line
            try:
                find_pack(ref, self.base_dir)
            except ConfigError as exc:
                if self.config_path is None:  # packs given on the command line
                    raise
                at: list[str | int] = ["lint", "extends", index]
                raise ConfigError(str(exc), path=_str(self.config_path), line=line_of(self.document, at),
                                  key=".".join(map(str, at))) from None
        ruleset = load_ruleset(self.extends, self.base_dir)
        for code, override in self.rules.items():
            target = ruleset.resolve(code)
            where: list[str | int] = ["lint", "rules", code]
            if target not in ruleset.rules:
                raise ConfigError(f"配置了不存在的规则 / unknown rule {code}", path=_str(self.config_path),
                                  line=line_of(self.document, where), key=".".join(map(str, where)))
            rule = ruleset.rules[target]
            if "params" in override:
                override = {**override, "params": {**rule.params, **override["params"]}}
                check_params(rule.kind, override["params"], Path(_str(self.config_path) or "matterkit.yaml"),
                              self.document, [*where, "params"])
            ruleset.rules[target] = rule.with_changes(**override)
        return ruleset


def _str(path: Path | None) -> str | None:
    return str(path) if path else None


def _validate_section(wrapped: Mapping[str, Any], document: Any, path: Path) -> None:
    """Validate with line numbers taken from the whole matterkit.yaml document."""
    import jsonschema

    from matterkit.yamlio import _describe, _expected, schema

    validator = jsonschema.Draft202012Validator(schema(CONFIG_SCHEMA))
    errors = sorted(validator.iter_errors(wrapped["lint"]), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = errors[0]
        where = ["lint", *error.absolute_path]
        raise ConfigError(_describe(error), path=str(path), line=line_of(document, where),
                          key=".".join(map(str, where)), expected=_expected(error))


def _best(code: str, prefixes: Sequence[str]) -> int:
    """Length of the longest prefix in `prefixes` matching `code` (ALL matches with length 0); -1 if none."""
    best = -1
    for prefix in prefixes:
        prefix = prefix.upper()
        if prefix == "ALL":
            best = max(best, 0)
        elif code.startswith(prefix):
            best = max(best, len(prefix))
    return best


def is_selected(rule: Rule, select: Sequence[str], ignore: Sequence[str], ruleset: RuleSet | None = None) -> bool:
    codes = [(ruleset.resolve(s.upper()) if ruleset else s) for s in select]
    ignores = [(ruleset.resolve(s.upper()) if ruleset else s) for s in ignore]
    chosen = _best(rule.code, codes or ["ALL"])
    if not rule.enabled and rule.code not in [c.upper() for c in codes]:
        return False
    return chosen >= 0 and chosen > _best(rule.code, ignores)


def selected_rules(ruleset: RuleSet, select: Sequence[str], ignore: Sequence[str]) -> list[Rule]:
    return [rule for rule in ruleset if is_selected(rule, select, ignore, ruleset)]
