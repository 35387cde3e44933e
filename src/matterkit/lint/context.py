"""What every check kind sees: all matters at once, prepared columns, code tables and the catalogue index.

Checks run per element over all rows: `column(element)` is computed once per lint and shared by every rule
that reads the element; `prepared(key, factory)` caches anything else a kind builds once (sets, indexes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from matterkit import codes
from matterkit.codetables import CodeTables
from matterkit.elements import ElementRegistry
from matterkit.listkinds import SheetInfo
from matterkit.model import Matter, NormalisationIssue
from matterkit.textnorm import fold


@lru_cache(maxsize=1 << 16)
def folded(text: str, drop_bracketed: bool = True) -> str:
    """`textnorm.fold`, cached: the same wording (departments, materials) recurs on every row."""
    return fold(text, drop_bracketed=drop_bracketed)


@lru_cache(maxsize=1 << 14)
def is_valid_credit_code(code: str) -> bool:
    """`codes.is_valid_credit_code`, cached: a body's code recurs on every row of its list."""
    return codes.is_valid_credit_code(code)


class CatalogueLookup(Protocol):
    def lookup(self, matter: Matter) -> tuple[Matter | None, str | None]: ...


@dataclass
class CheckContext:
    matters: Sequence[Matter]
    code_tables: CodeTables
    registry: ElementRegistry
    catalogue: CatalogueLookup | None = None
    lang: str = "zh"
    sheets: Mapping[tuple[str, str | None], SheetInfo] = field(default_factory=dict)  # (file, sheet) -> info
    _columns: dict[str, list[Any]] = field(default_factory=dict)
    _prepared: dict[object, Any] = field(default_factory=dict)

    def column(self, element: str) -> list[Any]:
        """The values of one element for every matter (None where the model has no such element)."""
        values = self._columns.get(element)
        if values is None:
            if "." in element:  # a field of a list element's items (materials.name): see lint.conditions
                values = [item_values(m, element) for m in self.matters]
            else:
                values = [getattr(m, element, None) for m in self.matters]
            self._columns[element] = values
        return values

    def prepared(self, key: object, factory: Callable[[], Any]) -> Any:
        if key not in self._prepared:
            self._prepared[key] = factory()
        return self._prepared[key]

    def sheet_of(self, i: int) -> SheetInfo | None:
        """The kind and columns of the sheet matter `i` came from; None when lint was not told (every element
        then counts as present, as for matters made in code)."""
        if not self.sheets:
            return None
        def build() -> list[SheetInfo | None]:
            return [self.sheets.get((m.source.file, m.source.sheet)) for m in self.matters]
        sheets: list[SheetInfo | None] = self.prepared("row_sheets", build)
        return sheets[i]

    def lacking(self, elements: Sequence[str]) -> list[str]:
        """Those of `elements` that some known sheet has no column for (the others need no row check)."""
        return [e for e in elements if any(e not in sheet.elements for sheet in self.sheets.values())]

    def has_column(self, i: int, element: str) -> bool:
        """Whether matter `i`'s sheet has a column for `element` (True when the sheet is unknown)."""
        sheet = self.sheet_of(i)
        return sheet is None or element in sheet.elements

    def has_element(self, i: int, element: str) -> bool:
        """Whether matter `i` has `element` at all: its sheet has a column for it, or another column filled
        it (a structured code decomposed into its parts)."""
        return self.has_column(i, element) or not is_blank(self.column(element)[i])

    def issues_of(self, element: str) -> dict[int, list[NormalisationIssue]]:
        """Normalisation issues of one element, by matter index (built once for all elements)."""
        def build() -> dict[str, dict[int, list[NormalisationIssue]]]:
            index: dict[str, dict[int, list[NormalisationIssue]]] = {}
            for i, matter in enumerate(self.matters):
                for issue in matter.issues:
                    index.setdefault(issue.element, {}).setdefault(i, []).append(issue)
            return index
        return self.prepared("issues", build).get(element, {})

    def catalogue_matches(self) -> list[tuple[Matter | None, str | None]]:
        """The catalogue entry (and how it was found) of every matter, looked up once per lint."""
        def build() -> list[tuple[Matter | None, str | None]]:
            if self.catalogue is None:
                return [(None, None)] * len(self.matters)
            if hasattr(self.catalogue, "lookup_many"):  # a lookup that reads entries from the store in bulk
                return list(self.catalogue.lookup_many(self.matters))
            return [self.catalogue.lookup(m) for m in self.matters]
        return self.prepared("catalogue_matches", build)


def item_values(matter: Any, element: str) -> list[Any]:
    """`materials.name`: the field `name` of each item of the list element `materials`."""
    head, _, field_name = element.partition(".")
    items = getattr(matter, head, None)
    return [item.get(field_name) if isinstance(item, dict) else getattr(item, field_name, None)
            for item in (items if isinstance(items, list) else [])]


def is_blank(value: Any) -> bool:
    """Empty for the purpose of a check: None, blank text, an empty list."""
    if value is None:
        return True
    kind = value.__class__
    if kind is str:
        return not value.strip()
    if kind is list or kind is tuple or kind is set or kind is dict:
        return not value
    return False


def catalogue_index(entries: Sequence[Matter]) -> CatalogueLookup:
    """The catalogue lookup the conformance kinds use (by base code, code inside the impl code, name)."""
    from matterkit.catalogue import CatalogueIndex

    return CatalogueIndex(list(entries))


def sheet_reference(rows: list[int], ctx: CheckContext) -> dict[str, Any]:
    """A matter reference for a whole sheet: no matter, but the list's body and level, and its department when
    every row names the same one (a department's own list), so reports can file it under that department."""
    matters = [ctx.matters[i] for i in rows]
    departments = {m.department or m.body for m in matters}
    first = matters[0]
    return {"name": None, "base_code": None, "impl_code": None, "body": first.list_body,
            "level": first.list_level, "department": departments.pop() if len(departments) == 1 else None}


def rows_by_sheet(rows: Sequence[int] | range, ctx: CheckContext) -> dict[tuple[str, str | None], list[int]]:
    """Matter indices grouped by the (file, sheet) they came from, in order."""
    grouped: dict[tuple[str, str | None], list[int]] = {}
    for i in rows:
        source = ctx.matters[i].source
        grouped.setdefault((source.file, source.sheet), []).append(i)
    return grouped
