"""A row's codes read with the code schemes in use (codeschemes.py): structured codes split into their parts.

Runs once per row after its cells are read, because one code fills several elements. A code in a 事项编码,
基本编码, 实施编码 or 业务办理项编码 column that fits a structured form (Sichuan's dashed code) is split:
`base_code` is the first 12 characters of its item part, `item_code` the 14-character item when there is one,
`area_code` and `body_code` its area and body parts, and the whole code becomes `impl_code`. A value the sheet
gave in its own column is never overwritten: the part is compared with it instead. A basic or handling-item
code that fits no form of any scheme in use is one issue naming the schemes tried; an outdated form is
recognised and reported, never split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from matterkit.codeschemes import CodeForm, CodeSchemes, SchemePart
from matterkit.model import NormalisationIssue

# Columns a code of a scheme may sit in, in the order they are read: the first structured code is split.
CODE_KEYS = ("impl_code", "base_code", "item_code")
# Codes whose whole form the schemes describe. A national 实施编码 is not: the rules FMT005/FMT006/FMT010/
# FMT011 check it against the row's other codes.
VALIDATED = frozenset({"base_code", "item_code"})


@dataclass
class CodeReading:
    """What the schemes made of one row's codes: new values, originals of replaced values, issues."""

    values: dict[str, object]
    raw: dict[str, str]
    originals: dict[str, str] = field(default_factory=dict)
    issues: list[NormalisationIssue] = field(default_factory=list)
    scheme: str | None = None  # the scheme whose structured form was split
    confirmed: set[str] = field(default_factory=set)  # elements a part of the split code filled or agreed with

    def issue(self, element: str, code: str, raw: str, detail: str | None = None) -> None:
        self.issues.append(NormalisationIssue(element=element, code=code, raw=raw, detail=detail))


def read_codes(values: dict[str, object], raw: dict[str, str], schemes: CodeSchemes,
               unreadable: frozenset[str] = frozenset()) -> CodeReading:
    """Split the row's structured code (if any) into `values`, and check the other codes' forms. Codes in
    `unreadable` (already reported: scientific notation, digits lost) are left alone."""
    reading = CodeReading(values=values, raw=raw)
    codes = [(key, code, schemes.match(key, code)) for key in CODE_KEYS
             if isinstance(code := values.get(key), str) and code and key not in unreadable]
    if all(_plain(key, found[0] if found else None) for key, _, found in codes):
        return reading  # most rows: each code fits a plain form or needs none, nothing to split or report
    split = next(((code, found) for _, code, found in codes if found and found[0].splits), None)
    if split is not None:
        code, (form, match) = split
        reading.scheme = form.scheme
        _split(reading, code, form, match, schemes.area_code)
    for key, code, found in codes:
        if key in reading.confirmed or (split is not None and code == split[0]):
            continue
        if found is None:
            if key in VALIDATED:
                reading.issue(key, "code_fits_no_scheme", raw.get(key) or code, schemes.tried(key))
        elif found[0].outdated:
            reading.issue(key, "code_outdated_form", raw.get(key) or code, f"{found[0].scheme}/{found[0].name}")
        elif found[0].splits and split is not None:  # a second, different structured code
            reading.issue(key, "code_part_mismatch", raw.get(key) or code, split[0])
    return reading


def code_is_plain(key: str, code: str, schemes: CodeSchemes) -> bool:
    """Whether `read_codes` leaves a row with this code in column `key` as it is (when its other codes are
    plain too): the code fits a plain form of a scheme in use, or needs none."""
    return _plain(key, schemes.first_form(key, code))


def _plain(key: str, form: CodeForm | None) -> bool:
    return not form.outdated and not form.splits if form else key not in VALIDATED


def _split(reading: CodeReading, code: str, form: CodeForm, match: re.Match[str], area: str | None) -> None:
    """The parts of `code` into their elements; the columns that held the whole code give way to them."""
    values = reading.values
    for key in CODE_KEYS[1:]:
        if values.get(key) == code:  # the original stays beside the value
            reading.originals[key] = reading.raw.get(key) or code
            values[key] = None
    if not values.get("impl_code"):
        values["impl_code"] = code
    for part in form.parts:
        text = part.text(match)
        if text is not None:
            _fill(reading, part, text)
    area_part = next((p.text(match) for p in form.parts if p.element == "area_code"), None)
    if area and area_part and not area_part.startswith(significant_area(area)):
        reading.issue("area_code", "code_area_outside_workspace", area_part, area)


def _fill(reading: CodeReading, part: SchemePart, text: str) -> None:
    """Fill an empty element with a part of the code, or compare the part with the sheet's own value."""
    current = reading.values.get(part.element)
    if part.compare == "organisation_code":
        if isinstance(current, str) and len(current) == 18 and current[8:17] != text.replace("-", ""):
            reading.issue(part.element, "code_part_mismatch", reading.raw.get(part.element) or current, text)
        return
    if not current or _same(part.element, str(current), text):
        reading.values[part.element] = current or text
        reading.confirmed.add(part.element)
    else:
        reading.issue(part.element, "code_part_mismatch", reading.raw.get(part.element) or str(current), text)


def _same(element: str, current: str, part: str) -> bool:
    if element == "area_code":  # 511602 and 511602000000 name the same place
        return current.ljust(12, "0") == part.ljust(12, "0")
    return current.upper() == part.upper()


def significant_area(area: str) -> str:
    """The prefix an area code's places share: 511602 → 511602, 511600 → 5116, 510000000000 → 51."""
    text = area[:6]
    while len(text) > 2 and text.endswith("00"):
        text = text[:-2]
    return text
