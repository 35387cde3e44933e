"""Kind `date`: ISO "YYYY-MM-DD" from spreadsheet dates and the usual written forms."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from matterkit.normalise.celltext import clean_text, is_placeholder
from matterkit.normalise.issues import NO_ISSUES, IssueNote
from matterkit.textnorm import nfkc

_WRITTEN = re.compile(r"(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")

DateResult = tuple[str | None, tuple[IssueNote, ...]]
_UNREADABLE: DateResult = (None, (("unparsed_date", None),))


def normalise_date(value: object) -> DateResult:
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), NO_ISSUES
    if isinstance(value, dt.date):
        return value.isoformat(), NO_ISSUES
    return _date_from_text(clean_text(value))


@lru_cache(maxsize=4096)
def _date_from_text(text: str) -> DateResult:
    if not text or is_placeholder(text):
        return None, NO_ISSUES
    compact = nfkc(text)
    match = _WRITTEN.fullmatch(compact) or _COMPACT.fullmatch(compact)
    if match is None:
        return _UNREADABLE
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat(), NO_ISSUES
    except ValueError:
        return _UNREADABLE
