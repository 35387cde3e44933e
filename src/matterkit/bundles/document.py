"""The merged view as plain data: the `matterkit.bundle/1` JSON document (`bundle show --format json`,
`bundles.json` of `publish`). Element values are the matters' normalised values."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from matterkit.bundles.merge import MergedBundle, ResolvedMember

SCHEMA = "matterkit.bundle/1"


def member_dict(member: ResolvedMember) -> dict[str, Any]:
    matter = member.matter
    return {
        "id": member.member.id, "name": member.name, "code": member.member.code,
        "required": member.member.required, "situation": member.member.situation, "stage": member.stage,
        "department": member.department, "matter": matter.reference() if matter else None,
        "status": matter.status if matter else None,
        "legal_limit": matter.legal_limit if matter else None,
        "promised_limit": matter.promised_limit if matter else None,
        "visits": matter.visits if matter else None,
        "result_name": matter.result_name if matter else None,
        "process": matter.process if matter else None,
        "declared": {"file": member.member.path, "line": member.member.line},
    }


def bundle_dict(merged: MergedBundle) -> dict[str, Any]:
    bundle = merged.bundle
    return {
        "name": bundle.name, "code": bundle.code, "example": bundle.example, "description": bundle.description,
        "file": bundle.path, "extends": bundle.extends, "lead": bundle.lead, "cooperating": bundle.cooperating,
        "target": bundle.target, "levels": bundle.levels, "flow": bundle.flow, "situations": bundle.situations,
        "chosen_situations": merged.situations,
        "members": [member_dict(m) for m in merged.members],
        "chain": [[m.member.id for m in step] for step in merged.stages()],
        "materials": [m.as_dict() for m in merged.materials],
        "forms": merged.forms(),
        "time_limits": {"promised": bundle.promised_limit, "legal_combined": merged.combined_limit("legal_limit"),
                        "promised_combined": merged.combined_limit("promised_limit"),
                        "legal_sum": merged.sum_of("legal_limit")},
        "visits": {"promised": bundle.visits, "members_sum": merged.sum_of("visits")},
        "fees": [{"member": name, **fee.model_dump()} for name, fee in merged.fees()],
        "departments": merged.departments(),
        "submissions": {"before": merged.materials_before, "after": merged.materials_after},
    }


def bundles_document(merged: Sequence[MergedBundle]) -> dict[str, Any]:
    return {"schema": SCHEMA, "bundles": [bundle_dict(m) for m in merged]}


def bundles_json(merged: Sequence[MergedBundle]) -> str:
    return json.dumps(bundles_document(merged), ensure_ascii=False, indent=2) + "\n"
