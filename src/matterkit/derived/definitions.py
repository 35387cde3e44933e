"""Loading the derived-list definitions: the bundled `lists/*.yaml`, then a workspace's `lists/*.yaml`
(a file with the same `key` replaces the bundled list, a new key adds one). Each file is validated against
`derived-list.schema.json`; an unknown element in a condition, a column or the sort order is an error that
names the file, the line and the key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matterkit.errors import ConfigError
from matterkit.lint.packs import plain_data
from matterkit.model import ELEMENT_FIELDS, FeeItem, Material
from matterkit.resources import bundled_dir
from matterkit.yamlio import line_of, load_yaml, validate

SCHEMA = "derived-list.schema.json"
LIST_FIELDS = ("list_level", "list_body")  # not elements, but a list may show and sort by them
_ITEM_FIELDS = {"materials": set(Material.model_fields), "fees": set(FeeItem.model_fields)}


@dataclass(frozen=True)
class ListDefinition:
    key: str
    name: str
    en: str
    description: str
    regulation: str
    when: tuple[dict[str, Any], ...]
    columns: tuple[str, ...]
    sort: tuple[str, ...]
    order: int
    path: Path

    def title(self, lang: str = "zh") -> str:
        return self.en if lang == "en" and self.en else self.name


def load_definitions(workspace_root: Path | None = None) -> list[ListDefinition]:
    """The bundled lists with a workspace's over them, in their `order`, then by key."""
    found: dict[str, ListDefinition] = {}
    folders = [bundled_dir("lists")] + ([workspace_root / "lists"] if workspace_root else [])
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                definition = read_definition(path)
                found[definition.key] = definition
    return sorted(found.values(), key=lambda d: (d.order, d.key))


def find_definition(definitions: list[ListDefinition], wanted: str) -> ListDefinition | None:
    """A list by key or by its Chinese or English name."""
    for definition in definitions:
        if wanted in (definition.key, definition.name, definition.en):
            return definition
    return None


def read_definition(path: Path) -> ListDefinition:
    document = load_yaml(path)
    validate(document, SCHEMA, path)
    _check_elements(document, path)
    return ListDefinition(
        key=str(document["key"]), name=str(document["name"]), en=str(document.get("en", "")),
        description=" ".join(str(document.get("description", "")).split()),
        regulation=str(document["regulation"]), when=tuple(plain_data(c) for c in document["when"]),
        columns=tuple(document["columns"]), sort=tuple(document.get("sort", ())),
        order=int(document.get("order", 1000)), path=path)


def known_element(element: str) -> bool:
    head, _, field = element.partition(".")
    if field:
        return field in _ITEM_FIELDS.get(head, set())
    return head in ELEMENT_FIELDS or head in LIST_FIELDS


def _check_elements(document: Any, path: Path) -> None:
    for where in _element_places(document):
        node: Any = document
        for part in where:
            node = node[part]
        if not known_element(str(node)):
            raise ConfigError(f"未知的要素 / unknown element: {node}", path=str(path), line=line_of(document, where),
                              key=".".join(map(str, where)), expected="an element key (docs/elements.md)")


def _element_places(document: Any) -> list[list[str | int]]:
    places: list[list[str | int]] = []
    for i, entry in enumerate(document["when"]):
        if "any" in entry:
            places += [["when", i, "any", j, "element"] for j in range(len(entry["any"]))]
        else:
            places.append(["when", i, "element"])
    places += [["columns", i] for i in range(len(document["columns"]))]
    places += [["sort", i] for i in range(len(document.get("sort", ())))]
    return places
