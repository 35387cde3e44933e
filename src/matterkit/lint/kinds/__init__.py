"""The vocabulary of check kinds: written once here, configured many times by rules in `rules/*.yaml`.

Each kind is one module (yamllint-style) with:

- `ID`: the name a rule gives as `kind:`;
- `TITLE`: {"zh", "en"} one line for the docs;
- `PARAMS`: the JSON Schema of its parameters (rule packs are validated against it);
- `MESSAGE`: default {"zh", "en"} message templates (a rule may give its own);
- `EXAMPLE`: {"params", "pass", "fail"} rows that document the kind and double as its tests;
- `check(params, rows, ctx)`: a generator of `Hit`s over the matters `ctx.matters[i]` for i in `rows`;
- optionally `validate(params)`: raises ValueError with a readable reason (bad regex, unknown element …).

A county adds its own kinds with a Python package exposing a module of the same shape under the entry-point
group `matterkit.check_kinds`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any, Protocol

from matterkit.lint.context import CheckContext

ENTRY_POINT_GROUP = "matterkit.check_kinds"

BUILTIN_KINDS: tuple[str, ...] = (
    "required", "pattern", "enumeration", "length", "int_range", "compare", "conditional", "unique",
    "list_items", "citation", "credit_code", "impl_code", "catalogue", "catalogue_missing", "normalisation",
    "limit_text", "bundle",
)


@dataclass(slots=True)
class Hit:
    """A raw result of a check: which matter (index into ctx.matters), which element, what was found."""

    row: int
    element: str | None
    value: Any
    expected: Any = None
    values: dict[str, Any] = field(default_factory=dict)  # extra message placeholders
    fix: str | None = None  # new cell text when the correction is unambiguous
    sheet_rows: list[int] | None = None  # a finding about the whole sheet of these rows (location without row)
    message: dict[str, str] | None = None  # {"zh", "en"}: its own wording instead of the rule's template


class CheckKind(Protocol):
    ID: str
    TITLE: dict[str, str]
    PARAMS: dict[str, Any]
    MESSAGE: dict[str, str]
    EXAMPLE: dict[str, Any]

    def check(self, params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]: ...


@cache
def all_kinds() -> dict[str, ModuleType]:
    """Built-in kinds, then plugins (a plugin may not replace a built-in kind)."""
    kinds: dict[str, ModuleType] = {}
    for name in BUILTIN_KINDS:
        module = importlib.import_module(f"matterkit.lint.kinds.{name}")
        kinds[module.ID] = module
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        module = entry.load()
        kinds.setdefault(getattr(module, "ID", entry.name), module)
    return kinds


def get_kind(kind_id: str) -> ModuleType | None:
    return all_kinds().get(kind_id)
