"""The canonical matter model (pydantic v2). Keys follow shared/conventions.md ("Canonical element keys").

A `Matter` is one row of an implementation list after recognition and normalisation. It keeps, beside
the normalised elements, where it came from (`location`, `cells`), the raw text of every element (`raw`),
headers matterkit did not recognise (`extra`), what normalisation had to say (`issues`), the original text
of every value it changed (`originals`) and the code scheme that split the row's structured code.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ListLevel = Literal["county", "township", "village"]

LIST_LEVEL_LABELS: dict[str, dict[str, str]] = {
    "county": {"zh": "县级", "en": "county"},
    "township": {"zh": "乡镇级", "en": "township"},
    "village": {"zh": "村级", "en": "village"},
}
# 行使层级 as a list writes it -> the list level (which says whose list a sheet is: importer)
LEVEL_OF_LABEL: dict[str, str] = {labels["zh"]: level for level, labels in LIST_LEVEL_LABELS.items()}


class Location(BaseModel):
    """Where a value sits in its source: file as given, sheet (None for CSV), 1-based row, column letter."""

    model_config = ConfigDict(frozen=True)

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None


class Material(BaseModel):
    name: str
    necessity: Literal["必要", "非必要"] | None = None
    kind: Literal["原件", "复印件", "原件和复印件"] | None = None
    medium: Literal["纸质", "电子", "纸质和电子"] | None = None
    copies: int | None = None
    source: str | None = None
    note: str | None = None


class FeeItem(BaseModel):
    name: str | None = None
    standard: str | None = None
    basis: str | None = None


class NormalisationIssue(BaseModel):
    """Something normalisation noticed: a value it could not read or had to change (lint reports these)."""

    element: str
    code: str  # e.g. "unparsed_time_limit", "duplicate_values_removed", "unknown_enum_value"
    raw: str
    detail: str | None = None


class Matter(BaseModel):
    """One implementation-list row (one matter at one implementing body)."""

    model_config = ConfigDict(extra="forbid")

    # identity
    name: str | None = None
    type: str | None = None
    base_code: str | None = None
    impl_code: str | None = None
    item_code: str | None = None
    item_name: str | None = None
    main_item: str | None = None
    sub_item: str | None = None
    # who
    department: str | None = None
    body: str | None = None
    body_code: str | None = None
    body_nature: str | None = None
    level: list[str] = Field(default_factory=list)
    power_source: str | None = None
    entrusting_body: str | None = None
    target: list[str] = Field(default_factory=list)
    # how
    case_type: str | None = None
    legal_basis: str | None = None
    impl_basis: str | None = None
    legal_limit: int | None = None
    promised_limit: int | None = None
    limit_note: str | None = None
    conditions: str | None = None
    process: str | None = None
    materials: list[Material] = Field(default_factory=list)
    fee: bool | None = None
    fees: list[FeeItem] = Field(default_factory=list)
    location: str | None = None
    hours: str | None = None
    phone: str | None = None
    complaint_phone: str | None = None
    visits: int | None = None
    visit_reason: str | None = None
    online: bool | None = None
    online_depth: list[str] = Field(default_factory=list)
    online_url: str | None = None
    channels: list[str] = Field(default_factory=list)
    scope: str | None = None
    result_type: str | None = None
    result_name: str | None = None
    quantity_limit: str | None = None
    intermediary: str | None = None
    special_procedures: str | None = None
    in_hall: bool | None = None
    express: bool | None = None
    online_payment: bool | None = None
    appointment: bool | None = None
    area_code: str | None = None
    township: str | None = None
    village: str | None = None
    status: str | None = None
    responsibilities: str | None = None
    accountability: str | None = None
    notes: str | None = None

    # the list this row came from
    list_level: ListLevel | None = None
    list_body: str | None = None  # the body whose list this is (a township's or village's name, a department)
    list_kind: str | None = None  # the kind of list the row's sheet is (listkinds.py): directory, implementation …

    # provenance and what normalisation kept
    source: Location
    cells: dict[str, str] = Field(default_factory=dict)  # element key -> cell reference ("F12")
    raw: dict[str, str] = Field(default_factory=dict)  # element key -> raw cell text
    extra: dict[str, str] = Field(default_factory=dict)  # unrecognised header text -> raw cell text
    issues: list[NormalisationIssue] = Field(default_factory=list)
    # element key -> the cell's text, for every element whose stored value import changed (a synonym mapped,
    # a code upper-cased or split into its parts …); each change is also an issue, so lint reports it
    originals: dict[str, str] = Field(default_factory=dict)
    code_scheme: str | None = None  # the code scheme whose structured code was split into this row's codes

    def location_of(self, element: str | None) -> Location:
        """The location of one element's cell (or of the whole row when element is None or unknown)."""
        cell = self.cells.get(element) if element else None
        if not cell:
            return self.source
        column = cell.rstrip("0123456789")
        return self.source.model_copy(update={"column": column, "cell": cell})

    def reference(self) -> dict[str, object]:
        """The matter reference of conventions.md."""
        return {"name": self.name, "base_code": self.base_code, "impl_code": self.impl_code,
                "body": self.body or self.list_body, "level": self.list_level, "department": self.department}


# Elements of the model that are not part of provenance (used by export and comparisons).
ELEMENT_FIELDS: tuple[str, ...] = tuple(
    name for name in Matter.model_fields
    if name not in {"list_level", "list_body", "list_kind", "source", "cells", "raw", "extra", "issues", "originals",
                    "code_scheme"}
)
