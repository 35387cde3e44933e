"""Import's entry for the national exchange layout: a file `export --schema national` wrote (JSON or
workbook) is recognised before the ordinary header recognition and read field by field, without loss.

Plain data goes back to the importer (`NationalRead`), which makes its own report of it: this module does
not import the importer (no cycle)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from matterkit.errors import InputFileError
from matterkit.exchange.national import load_national_schema, national_path
from matterkit.exchange.national_read import (
    NotNational,
    is_national_json,
    is_national_workbook,
    matters_from_json,
    matters_from_sheets,
)
from matterkit.model import Matter
from matterkit.readers import open_sheets

NOTE = "国家交换格式（national）"


@dataclass
class NationalRead:
    matters: list[Matter] = field(default_factory=list)
    error: str | None = None  # the file is in the national layout but cannot be read

    @property
    def list_level(self) -> str | None:
        return _most_common(m.list_level for m in self.matters)

    @property
    def list_body(self) -> str | None:
        return _most_common(m.list_body for m in self.matters)


def read_national(path: Path, given: str, options: Any) -> NationalRead | None:
    """The file's matters when it is in the national layout, else None (an ordinary list). `given` is the
    path as the user gave it (the matters' source); `options` are import's: code tables, --level, --body and
    the unzipped-size limit."""
    try:
        national_json = is_national_json(path)
        if not (national_json or is_national_workbook(path)):
            return None
        schema = load_national_schema(national_path(), options.code_tables)
        if national_json:
            matters = matters_from_json(path, given, schema)
        else:
            matters = matters_from_sheets(open_sheets(path, max_unzipped_bytes=options.max_unzipped_bytes),
                                          given, schema)
    except NotNational:
        return None  # sheets named task and material holding an ordinary list
    except InputFileError as exc:
        return NationalRead(error=exc.reason)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return NationalRead(error=f"国家交换格式文件无法读取：{exc}")
    for matter in matters:
        if options.list_level:
            matter.list_level = options.list_level
        if options.body:
            matter.list_body = options.body
    return NationalRead(matters)


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None
