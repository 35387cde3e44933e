"""Where a published list was cut from: the source (a snapshot's name, a workspace, files), a digest of the
matters it was cut from, and when it was made. Derived lists and the 权责清单 adjustment table carry it in
their title area and JSON, so a printed list can be traced back to the data."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from matterkit.model import ELEMENT_FIELDS, Matter

DIGEST_LENGTH = 16


def matters_digest(matters: Iterable[Matter]) -> str:
    """A short SHA-256 over every matter's elements and list, in order: the same data gives the same digest,
    whatever file paths it was imported from."""
    digest = hashlib.sha256()
    fields = {*ELEMENT_FIELDS, "list_level", "list_body"}
    for matter in matters:
        digest.update(matter.model_dump_json(include=fields).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()[:DIGEST_LENGTH]


@dataclass(frozen=True)
class Provenance:
    source: str  # "快照 2025" / a workspace folder / files as given
    kind: str  # snapshot | workspace | store | files
    digest: str
    generated: datetime

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "kind": self.kind, "digest": self.digest,
                "generated": self.generated.isoformat()}

    def line(self, lang: str = "zh") -> str:
        """One line for a title area: source, digest and date."""
        date = self.generated.strftime("%Y-%m-%d")
        if lang == "en":
            return f"Source: {self.kind} {self.source} (digest {self.digest}); generated {date}"
        kinds = {"snapshot": "快照", "workspace": "工作区", "store": "数据库", "files": "文件"}
        return f"数据来源：{kinds.get(self.kind, self.kind)} {self.source}（摘要 {self.digest}）；生成日期：{date}"
