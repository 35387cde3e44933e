"""Code schemes (编码方案): the forms a matter code takes, as data in `catalog/schemes/*.yaml`.

Provinces write their codes differently (shared/domain.md §3): the national form is a bare 12-digit basic
code, Sichuan writes one dashed code per implementation row (`<item>-<area>-<3>-<body>-<1>-<2>`) in its
事项编码 column. A scheme is a list of forms; a form is a regular expression matched against a whole code,
the columns such a code may sit in, and the parts (named groups) it splits into and which element each part
fills. Which schemes are in use is configuration (`code_schemes:` in matterkit.yaml; all shipped ones by
default), and a workspace can add its own scheme files. Import reads codes with them (normalise/structured.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from matterkit.errors import ConfigError
from matterkit.resources import bundled_dir
from matterkit.yamlio import line_of, load_yaml, validate

SCHEME_SCHEMA = "code-scheme.schema.json"
# The scheme tried first when matterkit.yaml does not choose: the national form.
DEFAULT_FIRST = "national"


@dataclass(frozen=True)
class SchemePart:
    """One named group of a form and the element it fills (or is compared with)."""

    part: str
    element: str
    first: int | None = None  # take only the first N characters
    length: int | None = None  # fill only when the part has exactly N characters
    compare: str | None = None  # "organisation_code": compared with a credit code, never filled

    def text(self, match: re.Match[str]) -> str | None:
        """What this part gives from a matched code (None when the group is absent or of another length)."""
        value = match.group(self.part)
        if value is None or (self.length is not None and len(value) != self.length):
            return None
        return value[: self.first] if self.first else value


@dataclass(frozen=True)
class CodeForm:
    scheme: str
    name: str
    title: dict[str, str]
    elements: frozenset[str]
    pattern: re.Pattern[str]
    parts: tuple[SchemePart, ...] = ()
    outdated: bool = False

    @property
    def splits(self) -> bool:
        """A structured form: its code carries other elements (base code, area, body)."""
        return bool(self.parts) and not self.outdated


@dataclass(frozen=True)
class CodeScheme:
    name: str
    title: dict[str, str]
    forms: tuple[CodeForm, ...]
    path: str


@dataclass
class CodeSchemes:
    """The schemes in use, in the order they are tried, and the workspace's area for cross-checks."""

    schemes: tuple[CodeScheme, ...]
    area_code: str | None = None
    _matches: dict[tuple[str, str], tuple[CodeForm, re.Match[str]] | None] = field(default_factory=dict, repr=False)
    _forms: dict[str, tuple[CodeForm, ...]] = field(default_factory=dict, repr=False)  # element -> its forms in order

    def match(self, element: str, code: str) -> tuple[CodeForm, re.Match[str]] | None:
        """The first form (of the schemes in order) a code in column `element` fits, with its match."""
        key = (element, code)
        if key in self._matches:
            return self._matches[key]
        if len(self._matches) > 65_536:
            self._matches.clear()
        found = next(((form, m) for scheme in self.schemes for form in scheme.forms
                      if element in form.elements and (m := form.pattern.fullmatch(code))), None)
        self._matches[key] = found
        return found

    def first_form(self, element: str, code: str) -> CodeForm | None:
        """The first form a code in column `element` fits, without the match (and without keeping it: import
        asks this once for every distinct code of a column, and most codes are distinct)."""
        forms = self._forms.get(element)
        if forms is None:
            forms = self._forms[element] = tuple(form for scheme in self.schemes for form in scheme.forms
                                                 if element in form.elements)
        for form in forms:
            if form.pattern.fullmatch(code):
                return form
        return None

    def tried(self, element: str) -> str:
        """The titles of the schemes with a form for `element` (what a code fitting none was compared with)."""
        return "、".join(s.title["zh"] for s in self.schemes if any(element in f.elements for f in s.forms))

    def names(self) -> list[str]:
        return [s.name for s in self.schemes]

    def __getstate__(self) -> dict[str, Any]:
        """Import sends the schemes to its worker processes; a regex match cannot be pickled, so the cache stays."""
        return {"schemes": self.schemes, "area_code": self.area_code, "_matches": {}, "_forms": {}}


# ---- loading -------------------------------------------------------------------------------------

def load_scheme(path: Path) -> CodeScheme:
    """One scheme file, validated against its JSON Schema; errors name file, line and key."""
    document = load_yaml(path)
    validate(document, SCHEME_SCHEMA, path)
    name = str(document["scheme"])
    forms = tuple(_form(name, form, path, document, index) for index, form in enumerate(document["forms"]))
    return CodeScheme(name=name, title=_text(document["title"]), forms=forms, path=str(path))


def _form(scheme: str, raw: Any, path: Path, document: Any, index: int) -> CodeForm:
    where: list[str | int] = ["forms", index]
    try:
        pattern = re.compile(str(raw["pattern"]))
    except re.error as exc:
        raise _error(f"正则表达式无效 / invalid pattern: {exc}", path, document, [*where, "pattern"]) from exc
    parts = tuple(SchemePart(part=str(p["part"]), element=str(p["element"]), first=p.get("first"),
                             length=p.get("length"), compare=p.get("compare")) for p in raw.get("parts") or ())
    for number, part in enumerate(parts):
        if part.part not in pattern.groupindex:
            raise _error(f"正则表达式中没有命名分组 / no named group (?P<{part.part}>…) in the pattern",
                         path, document, [*where, "parts", number, "part"])
    for number, example in enumerate(raw.get("examples") or ()):
        if not pattern.fullmatch(str(example)):
            raise _error(f"示例不符合该形式 / example does not fit the pattern: {example}",
                         path, document, [*where, "examples", number])
    return CodeForm(scheme=scheme, name=str(raw["name"]), title=_text(raw["title"]),
                    elements=frozenset(str(e) for e in raw["elements"]), pattern=pattern, parts=parts,
                    outdated=bool(raw.get("outdated", False)))


def _text(raw: Any) -> dict[str, str]:
    return {"zh": str(raw["zh"]), "en": str(raw.get("en") or raw["zh"])}


def _error(message: str, path: Path, document: Any, where: list[str | int]) -> ConfigError:
    return ConfigError(message, path=str(path), line=line_of(document, where), key=".".join(map(str, where)))


@cache
def shipped_schemes() -> tuple[CodeScheme, ...]:
    """The schemes shipped in `catalog/schemes/`, the national one first."""
    paths = sorted(bundled_dir("catalog").joinpath("schemes").glob("*.yaml"),
                   key=lambda p: (p.stem != DEFAULT_FIRST, p.stem))
    return tuple(load_scheme(path) for path in paths)


def default_code_schemes() -> CodeSchemes:
    """Every shipped scheme, no workspace area: what commands run on files directly use."""
    return CodeSchemes(schemes=shipped_schemes())


def configured_schemes(section: dict[str, Any], *, root: Path, config_path: Path, document: Any,
                       area_code: str | None) -> CodeSchemes:
    """The schemes a workspace's `code_schemes:` section chooses: `files` adds the workspace's own scheme
    files (relative to the workspace), `use` names the schemes to try, in order (default: all of them)."""
    available = {scheme.name: scheme for scheme in shipped_schemes()}
    for number, entry in enumerate(section.get("files") or ()):
        path = root / str(entry)
        if not path.is_file():
            raise ConfigError(f"找不到编码方案文件 / scheme file not found: {path}", path=str(config_path),
                              line=line_of(document, ["code_schemes", "files", number]),
                              key=f"code_schemes.files.{number}")
        scheme = load_scheme(path)
        available[scheme.name] = scheme
    names = [str(n) for n in section.get("use") or available]
    for number, name in enumerate(names):
        if name not in available:
            raise ConfigError(f"未知的编码方案 / unknown code scheme: {name}", path=str(config_path),
                              line=line_of(document, ["code_schemes", "use", number]),
                              key=f"code_schemes.use.{number}", expected=" | ".join(available))
    return CodeSchemes(schemes=tuple(available[n] for n in names), area_code=area_code)
