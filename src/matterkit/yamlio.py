"""Safe YAML loading with line numbers, and JSON-Schema validation whose errors name file, line and key."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from matterkit.errors import ConfigError
from matterkit.resources import package_data


def load_yaml(path: Path) -> Any:
    """Load YAML without constructing arbitrary objects (round-trip loader keeps line numbers)."""
    yaml = YAML(typ="rt", pure=True)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(f"YAML 语法错误 / YAML syntax error: {exc.problem}", path=str(path), line=line) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取 / cannot read: {exc}", path=str(path)) from exc


def load_plain_yaml(path: Path) -> Any:
    """Load trusted bundled data quickly (libyaml's safe loader read as YAML 1.2, no line numbers)."""
    with path.open(encoding="utf-8") as handle:
        return pyyaml.load(handle, Loader=FastSafeLoader)  # noqa: S506 - a safe loader


class FastSafeLoader(getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader (C libyaml when installed: ≈ 20 × faster than the pure-Python round-trip loader,
    which took ≈ 0.3 CPU-s of every command for the element registry and code tables) that reads plain
    scalars as YAML 1.2 does, like ruamel: only true/false are booleans (an alias `No` or a value `on` stays
    text) and numbers have no octal, sexagesimal or underscore forms (`0763` is not 499)."""


FastSafeLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in FastSafeLoader.yaml_implicit_resolvers.items()
}
FastSafeLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                     list("tTfF"))
FastSafeLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
                                     list("-+0123456789"))


def _yaml12_int(loader: Any, node: Any) -> int:
    text = str(loader.construct_scalar(node))
    return int(text, 0) if text.lstrip("+-").startswith(("0o", "0x")) else int(text, 10)


FastSafeLoader.add_constructor("tag:yaml.org,2002:int", _yaml12_int)
FastSafeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in src/matterkit/data/schemas/."""
    return json.loads(package_data(f"schemas/{name}").read_text(encoding="utf-8"))


def line_of(document: Any, path: list[str | int]) -> int | None:
    """The 1-based line of the node at `path` in a round-trip-loaded document (nearest known parent)."""
    node, line = document, None
    for part in path:
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                line = (lc.key(part) if isinstance(part, str) else lc.item(part))[0] + 1
            node = node[part]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line


def validate(document: Any, schema_name: str, path: Path) -> None:
    """Validate against a shipped schema; the first error becomes a ConfigError with line and key."""
    validator = jsonschema.Draft202012Validator(schema(schema_name))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    error = errors[0]
    where = list(error.absolute_path) + _offending_key(error)
    key = ".".join(str(p) for p in where) or None
    raise ConfigError(_describe(error), path=str(path), line=line_of(document, where), key=key,
                      expected=_expected(error))


def _offending_key(error: jsonschema.ValidationError) -> list[str | int]:
    """For an unknown key the error points at the parent mapping; point at the key itself instead."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return []
    known = set(error.schema.get("properties", {}))
    patterns = error.schema.get("patternProperties", {})
    extra = [k for k in error.instance if k not in known and not any(re.search(p, str(k)) for p in patterns)]
    return [extra[0]] if extra else []


def _describe(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        extra = _offending_key(error)
        return f"未知的键 / unknown key: {extra[0] if extra else error.message}"
    if error.validator == "required":
        return f"缺少必填项 / missing: {error.message}"
    return f"取值不符合要求 / invalid value: {error.message}"


def _expected(error: jsonschema.ValidationError) -> str | None:
    rule = error.validator_value
    if error.validator == "enum":
        return " | ".join(map(str, rule))
    if error.validator == "type":
        return str(rule)
    if error.validator == "pattern":
        return f"pattern {rule}"
    return None
