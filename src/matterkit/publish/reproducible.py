"""Byte-identical output for the same input: Office files are zip archives whose entries carry the time
they were written, and whose core properties carry creation and modification dates. Both are set to the
build's one stamp here.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

_CORE = "docProps/core.xml"
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalise_office_zip(data: bytes, stamp: datetime) -> bytes:
    """Rewrite an .xlsx/.docx archive with every entry dated `stamp` and the core dates set to it."""
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == _CORE:
                content = _CORE_DATES.sub(lambda m: m.group(1) + iso + m.group(3), content)
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()
