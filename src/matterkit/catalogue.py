"""The standard catalogue (基本目录): loading it, and matching implementation-list rows to its entries.

A catalogue is either YAML in `catalog/` (validated against `schemas/catalogue.schema.json`, every
enumeration checked against the code tables, errors naming file, line and key) or a province's own
spreadsheet, read with the importer like any department's list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from matterkit.codetables import CodeTables
from matterkit.elements import ElementRegistry
from matterkit.errors import ConfigError
from matterkit.model import ELEMENT_FIELDS, Location, Matter
from matterkit.resources import bundled_dir
from matterkit.textnorm import fold
from matterkit.yamlio import FastSafeLoader, line_of, load_yaml, validate

DEFAULT_CATALOGUE_NAME = "province-example.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
_CATALOGUE_ONLY_KEYS = ("items",)

MatchHow = Literal["base_code", "impl_code", "name"]
_FAST_LOADER = FastSafeLoader  # libyaml, YAML 1.2 scalars: reads as the round-trip loader that finds error lines
_PARSED: dict[tuple[str, int, int], Any] = {}  # (file, mtime, size) -> validated plain document


def default_catalogue_path() -> Path:
    """The bundled example province catalogue (example data, not an official catalogue)."""
    return bundled_dir("catalog") / DEFAULT_CATALOGUE_NAME


def load_catalogue(path: Path, registry: ElementRegistry, code_tables: CodeTables) -> list[Matter]:
    """The catalogue's entries as `Matter`s, in file order.

    YAML entries carry `source = Location(file=path, row=<1-based entry index>)`; an entry with
    `items` (业务办理项) becomes one matter per item. Any other file type is read as a spreadsheet.
    """
    path = Path(path)
    if path.suffix.lower() not in YAML_SUFFIXES:
        from matterkit.importer import read_paths  # the importer pulls in every reader; load it only here

        return read_paths([path], registry=registry, code_tables=code_tables).matters
    key = _file_key(path)
    parsed = _PARSED.get(key) if key else None
    if parsed is not None:
        try:
            return _build(parsed, path, registry, code_tables)
        except ConfigError:
            pass  # other code tables than last time: read again, with line numbers for the message
    try:  # libyaml is ~50x faster than the round-trip parser on a province's catalogue
        document = _checked(_fast_load(path), path)
        matters = _build(document, path, registry, code_tables)
    except ConfigError:  # parse again with line numbers, so that the error names its line
        document = _checked(load_yaml(path), path)
        matters = _build(document, path, registry, code_tables)
    if key:  # parsing the YAML is the slow part of loading; keep the last few documents
        _PARSED[key] = _plain(document)
        while len(_PARSED) > 8:
            _PARSED.pop(next(iter(_PARSED)))
    return matters


def _fast_load(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_FAST_LOADER)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(exc), path=str(path)) from exc


def _checked(document: Any, path: Path) -> Any:
    _check_entry_keys(document, path)
    validate(document, "catalogue.schema.json", path)
    _check_unique_codes(document, path)
    return document


def _build(document: Any, path: Path, registry: ElementRegistry, code_tables: CodeTables) -> list[Matter]:
    matters: list[Matter] = []
    for index, entry in enumerate(document["matters"]):
        matters.extend(_entry_matters(document, index, entry, path, registry, code_tables))
    return matters


def _file_key(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


def _check_entry_keys(document: Any, path: Path) -> None:
    """An unknown key is reported at its own line (the schema check would point at the entry)."""
    entries = document.get("matters") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        return
    known = {*ELEMENT_FIELDS, *_CATALOGUE_ONLY_KEYS}
    for index, entry in enumerate(entries):
        for key in entry if isinstance(entry, dict) else ():
            if key not in known:
                raise ConfigError(f"未知的键 / unknown key: {key!r}", path=str(path),
                                  line=line_of(document, ["matters", index, key]), key=f"matters.{index}.{key}",
                                  expected="matterkit 的规范要素键 / a canonical element key")


def _check_unique_codes(document: Any, path: Path) -> None:
    """Each basic code appears once; handling items of one code go under its `items`."""
    first_index: dict[str, int] = {}
    for index, entry in enumerate(document["matters"]):
        code = _code_key(str(entry["base_code"]))
        if code in first_index:
            raise ConfigError(f"基本编码重复 / duplicate basic code {entry['base_code']}（第 {first_index[code] + 1} 条已使用）",
                              path=str(path), line=line_of(document, ["matters", index, "base_code"]),
                              key=f"matters.{index}.base_code")
        first_index[code] = index


def _entry_matters(document: Any, index: int, entry: Any, path: Path, registry: ElementRegistry,
                   code_tables: CodeTables) -> list[Matter]:
    values = {key: _plain(value) for key, value in entry.items() if key not in _CATALOGUE_ONLY_KEYS}
    for key in list(values):
        values[key] = _canonical(values[key], key, registry, code_tables,
                                 where=(document, ["matters", index, key], path))
    source = Location(file=str(path), row=index + 1)
    try:
        base = Matter(**values, source=source)
    except ValidationError as exc:  # the schema catches almost everything; this is a safety net
        raise ConfigError(f"条目无效 / invalid entry: {exc.errors()[0]['msg']}", path=str(path),
                          line=line_of(document, ["matters", index]), key=f"matters.{index}") from exc
    items = entry.get("items") or []
    if not items:
        return [base]
    return [base.model_copy(update={"item_code": str(item["item_code"]), "item_name": str(item["item_name"])})
            for item in items]


def _canonical(value: Any, key: str, registry: ElementRegistry, code_tables: CodeTables,
               where: tuple[Any, list[str | int], Path]) -> Any:
    """Enumerations become their canonical labels; an unknown label is a configuration error."""
    spec = registry.elements.get(key)
    if spec is None or spec.kind not in ("enum", "enum_multi") or not spec.table:
        return value
    values = value if isinstance(value, list) else [value]
    labels = []
    for position, raw in enumerate(values):
        label = code_tables.canonical(spec.table, str(raw))
        if label is None:
            document, keys, path = where
            at = [*keys, position] if isinstance(value, list) else keys
            raise ConfigError(f"未知的取值 / unknown value: {raw!r}", path=str(path), line=line_of(document, at),
                              key=".".join(map(str, at)), expected=" | ".join(code_tables.labels(spec.table)))
        labels.append(label)
    return labels if isinstance(value, list) else labels[0]


def _plain(value: Any) -> Any:
    """ruamel round-trip containers as plain dicts and lists (pydantic wants plain data)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


@dataclass
class CatalogueIndex:
    """Finds the catalogue entry an implementation-list row claims.

    Order of evidence: the row's basic code; else the basic code inside its implementation code (the
    last 12 characters of a 31-character code: credit code + level character + basic code); else its
    name compared after `textnorm.fold`. When a basic code has several handling items (业务办理项),
    the entry whose item code matches the row's wins, else the first.
    """

    entries: list[Matter]
    by_base_code: dict[str, Matter] = field(default_factory=dict)
    by_item_code: dict[str, Matter] = field(default_factory=dict)
    _by_name: dict[str, Matter] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            if entry.base_code:
                self.by_base_code.setdefault(_code_key(entry.base_code), entry)
            if entry.item_code:
                self.by_item_code.setdefault(_code_key(entry.item_code), entry)

    @property
    def by_name(self) -> dict[str, Matter]:
        """Entries by folded name, built on first use: folding every name is most of the cost of indexing
        a province's catalogue, and rows that carry a known code never need it."""
        if self._by_name is None:
            self._by_name = {}
            for entry in self.entries:
                if entry.name:
                    self._by_name.setdefault(name_key(entry.name), entry)
        return self._by_name

    @classmethod
    def from_matters(cls, entries: Iterable[Matter]) -> CatalogueIndex:
        return cls(list(entries))

    def lookup(self, matter: Matter) -> tuple[Matter | None, MatchHow | None]:
        """(entry, how) with how = "base_code" | "impl_code" | "name"; (None, None) when nothing matches.

        A row whose code is another entry's and whose name is exactly (folded) a third entry's name is that
        third entry with a copied code: found by its name, so that its code is what differs (not its name,
        type and basis, as the code's entry would make them)."""
        base_code = _code_key(matter.base_code) if matter.base_code else None
        if base_code and base_code in self.by_base_code:
            return self._by_code_unless_named(self._with_item(base_code, matter), matter, "base_code")
        embedded = impl_code_base(matter.impl_code)
        if embedded and embedded in self.by_base_code:
            return self._by_code_unless_named(self._with_item(embedded, matter), matter, "impl_code")
        if matter.name:
            entry = self.by_name.get(name_key(matter.name))
            if entry is not None:
                return entry, "name"
        return None, None

    def _by_code_unless_named(self, entry: Matter, matter: Matter,
                              how: MatchHow) -> tuple[Matter | None, MatchHow | None]:
        names = _names_of(entry)
        if not matter.name or matter.name in names:
            return entry, how  # the usual row: its code's own name (compared as typed: no folding)
        key = name_key(matter.name)
        if key in {name_key(n) for n in names if n}:
            return entry, how
        named = self.by_name.get(key)
        if named is not None and named.base_code and named.base_code != entry.base_code:
            return named, "name"
        return entry, how

    def _with_item(self, base_code: str, matter: Matter) -> Matter:
        if matter.item_code and _code_key(matter.item_code) in self.by_item_code:
            entry = self.by_item_code[_code_key(matter.item_code)]
            if entry.base_code and _code_key(entry.base_code) == base_code:
                return entry
        return self.by_base_code[base_code]

    def departments(self) -> list[str]:
        """The catalogue's departments (generic kinds of body), in first-seen order."""
        return list(dict.fromkeys(e.department for e in self.entries if e.department))

    def standard_list(self, level_label: str) -> list[Matter]:
        """Entries whose 行使层级 includes `level_label` (e.g. "乡镇级": every township must offer them),
        one per basic code."""
        seen: dict[str, Matter] = {}
        for entry in self.entries:
            if level_label in entry.level and entry.base_code:
                seen.setdefault(entry.base_code, entry)
        return list(seen.values())


def _names_of(entry: Any) -> tuple[str | None, ...]:
    """An entry's name and, where the index holds whole entries, its sub-item and handling-item names (the
    lint store's index holds codes and names only)."""
    return entry.name, getattr(entry, "sub_item", None), getattr(entry, "item_name", None)


def impl_code_base(impl_code: str | None) -> str | None:
    """The basic code inside a 31-character implementation code (its last 12 characters), else None."""
    if not impl_code:
        return None
    code = _code_key(impl_code)
    return code[-12:] if len(code) == 31 else None


@lru_cache(maxsize=1 << 17)
def _code_key(code: str) -> str:  # cached: every lint and diff run looks up each row's codes
    if code.isascii() and code.isalnum():  # the usual code: Latin letters and digits fold to themselves
        return code.upper()
    return fold(code, drop_bracketed=False).upper()


# Text of CJK ideographs only: `fold` leaves it as it is (no NFKC form, no case, no bracket, no punctuation).
_PLAIN_IDEOGRAPHS = re.compile("[\u4e00-\u9fff]+")


@lru_cache(maxsize=1 << 17)
def name_key(name: str | None) -> str:
    """The folded name (cached: the same names recur in every village's list and in the catalogue).

    Most names are plain ideographs, already in folded form: recognising them costs a tenth of folding."""
    if name and _PLAIN_IDEOGRAPHS.fullmatch(name):
        return name
    return fold(name or "")
