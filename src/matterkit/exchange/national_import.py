"""Import's entry for the national exchange layout: a file `export --schema national` wrote (JSON or
workbook) is recognised before the ordinary header recognition and read field by field, without loss."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from matterkit.errors import InputFileError
from matterkit.exchange.national import load_national_schema, national_path
from matterkit.exchange.national_io import (
    NotNational,
    is_national_json,
    is_national_workbook,
    matters_from_json,
    matters_from_sheets,
)
from matterkit.readers import open_sheets


def read_national(path: Path, given: str, options: Any) -> Any | None:
    """The file's `FileResult` when it is in the national layout, else None (an ordinary list)."""
    from matterkit.importer import FileReport, FileResult

    try:
        national_json = is_national_json(path)
        if not (national_json or is_national_workbook(path)):
            return None
        schema = load_national_schema(national_path(), options.code_tables)
        if national_json:
            matters = matters_from_json(path, given, schema)
        else:
            matters = matters_from_sheets(open_sheets(path, max_unzipped_bytes=options.max_unzipped_bytes), given,
                                          schema)
    except NotNational:
        return None  # sheets named task and material holding an ordinary list
    except InputFileError as exc:
        return FileResult(FileReport(path=given, status="failed", error=exc.reason), [])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return FileResult(FileReport(path=given, status="failed", error=f"国家交换格式文件无法读取：{exc}"), [])
    for matter in matters:
        if options.list_level:
            matter.list_level = options.list_level
        if options.body:
            matter.list_body = options.body
    report = FileReport(path=given, status="ok", matters=len(matters), notes=["国家交换格式（national）"],
                        list_level=_most_common(m.list_level for m in matters), level_from="column",
                        list_body=_most_common(m.list_body for m in matters), body_from="column")
    return FileResult(report, matters)


def _most_common(values: Any) -> Any:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None
