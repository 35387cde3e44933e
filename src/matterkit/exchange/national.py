"""The national exchange schema as data (`catalog/national-exchange.yaml`) and the pure conversion of one
matter to a national record and back. Enumerations are written as their codes (the element code tables,
plus the few the file adds) and read back by code; a value a table does not code passes through as it is,
so the round trip gives back every element."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from matterkit.codetables import CodeTables, default_code_tables
from matterkit.model import ELEMENT_FIELDS, FeeItem, Location, Material, Matter
from matterkit.resources import bundled_dir
from matterkit.yamlio import load_plain_yaml

SCHEMA = "matterkit.national/1"
MATTER_ID = "task_guid"  # the national tables' link from a material or fee row to its matter
ORDER = "order_num"
SEPARATOR = ","
INT_KEYS = frozenset({"legal_limit", "promised_limit", "visits", "copies"})


@dataclass(frozen=True)
class Field:
    name: str  # national field name
    key: str  # element / material field / fee-item field
    zh: str
    codes: str | None = None
    boolean: bool = False


@dataclass(frozen=True)
class NationalSchema:
    matter: tuple[Field, ...]
    material: tuple[Field, ...]
    fee: tuple[Field, ...]
    booleans: tuple[str, str]  # (true, false)
    code_tables: CodeTables

    def to_record(self, matter: Matter) -> dict[str, Any]:
        """One matter as a national record, its materials and fee items as nested lists."""
        record = {f.name: self._encode(f, getattr(matter, f.key)) for f in self.matter}
        record["materials"] = [{ORDER: n, **{f.name: self._encode(f, getattr(m, f.key)) for f in self.material}}
                               for n, m in enumerate(matter.materials, 1)]
        record["fee_projects"] = [{ORDER: n, **{f.name: self._encode(f, getattr(i, f.key)) for f in self.fee}}
                                  for n, i in enumerate(matter.fees, 1)]
        return record

    def from_record(self, record: Mapping[str, Any], source: Location) -> Matter:
        values = {f.key: self._decode(f, record.get(f.name)) for f in self.matter}
        values["materials"] = [Material(**{f.key: self._decode(f, m.get(f.name)) for f in self.material})
                               for m in _ordered(record.get("materials") or [])]
        values["fees"] = [FeeItem(**{f.key: self._decode(f, i.get(f.name)) for f in self.fee})
                          for i in _ordered(record.get("fee_projects") or [])]
        return Matter(**values, source=source)

    def _encode(self, field: Field, value: Any) -> Any:
        if value is None:
            return None
        if field.boolean:
            return self.booleans[0] if value else self.booleans[1]
        if isinstance(value, list):
            return SEPARATOR.join(self._code(field, v) for v in value) if value else None
        return self._code(field, value) if field.codes else value

    def _code(self, field: Field, label: Any) -> str:
        code = self.code_tables.code_of(field.codes, str(label)) if field.codes else None
        return code if code is not None else str(label)

    def _decode(self, field: Field, value: Any) -> Any:
        if value is None or value == "":
            return [] if _is_list(field.key) else None
        if field.boolean:
            return str(value) == self.booleans[0] if str(value) in self.booleans else bool(value)
        if field.key in INT_KEYS:
            return int(float(value))
        if _is_list(field.key):
            return [self._label(field, part) for part in str(value).split(SEPARATOR)]
        return self._label(field, str(value)) if field.codes else str(value)

    def _label(self, field: Field, code: str) -> str:
        for entry in self.code_tables.tables.get(field.codes or "", []):
            if entry.code == code:
                return entry.label
        return code


def _is_list(key: str) -> bool:
    return Matter.model_fields[key].annotation == list[str] if key in Matter.model_fields else False


def _ordered(rows: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return sorted(rows, key=lambda r: int(float(r.get(ORDER) or 0)))


def national_path() -> Path:
    return bundled_dir("catalog") / "national-exchange.yaml"


@cache
def default_national_schema() -> NationalSchema:
    return load_national_schema(national_path(), default_code_tables())


def load_national_schema(path: Path, code_tables: CodeTables) -> NationalSchema:
    raw = load_plain_yaml(path)
    tables = code_tables.with_overrides(raw.get("code_tables") or {})
    booleans = raw.get("booleans") or {}
    return NationalSchema(matter=_fields(raw["matter"]), material=_fields(raw["material"]), fee=_fields(raw["fee"]),
                          booleans=(str(booleans.get(True, "1")), str(booleans.get(False, "0"))),
                          code_tables=tables)


def _fields(entries: list[dict[str, Any]]) -> tuple[Field, ...]:
    return tuple(Field(name=str(e["field"]), key=str(e["key"]), zh=str(e.get("zh", "")), codes=e.get("codes"),
                       boolean=bool(e.get("bool", False))) for e in entries)


def unmapped_elements(schema: NationalSchema) -> list[str]:
    """Elements no field holds (a test keeps this empty, so the round trip loses nothing)."""
    held = {f.key for f in schema.matter} | {"materials", "fees"}
    return [key for key in ELEMENT_FIELDS if key not in held]
