"""The two comparisons `matterkit diff` runs, from matters in memory to a `DiffReport` (no files here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from matterkit.catalogue import CatalogueIndex
from matterkit.diff.compare import element_mismatches
from matterkit.diff.config import DiffConfig
from matterkit.diff.coverage import coverage
from matterkit.diff.duplicates import duplicates
from matterkit.diff.matching import body_of, match_matters
from matterkit.diff.near import near_duplicates
from matterkit.diff.report import DiffReport
from matterkit.diff.versions import version_diff
from matterkit.gcpause import collector_paused
from matterkit.model import Matter


def compare_levels(matters: Iterable[Matter], catalogue: Iterable[Matter] = (),
                   config: DiffConfig | None = None) -> DiffReport:
    """County, township and village lists of one workspace: element mismatches, coverage, duplicates."""
    with collector_paused():  # see gcpause: the comparison makes no cycles
        return _compare_levels(list(matters), catalogue, config or DiffConfig())


# The catalogue is set aside when it knows fewer than this share of the rows (of at least this many rows).
UNCOVERED_SHARE, UNCOVERED_ROWS = 0.2, 20


def _compare_levels(rows: list[Matter], catalogue: Iterable[Matter], config: DiffConfig) -> DiffReport:
    index = CatalogueIndex.from_matters(catalogue)
    known = index if index.entries else None
    groups = match_matters(rows, known)
    found = sum(len(group.members) for group in groups if group.catalogue is not None)
    set_aside = known is not None and len(rows) >= UNCOVERED_ROWS and found < UNCOVERED_SHARE * len(rows)
    if set_aside:  # another province's (or the bundled example) catalogue: not these lists' standard
        known = None
        groups = match_matters(rows, known)
    differences = list(element_mismatches(groups, config.locked_elements, config.element_modes))
    coverage_differences, matrices = coverage(groups, known, config.standard_lists)
    differences.extend(coverage_differences)
    differences.extend(duplicates(groups))
    if config.near_enabled:
        differences.extend(near_duplicates(groups, suffixes=config.near_suffixes,
                                           threshold=config.near_threshold, block_by=config.near_block_by))
    methods = Counter(member.method for group in groups for member in group.members)
    info = {"matters": len(rows), "groups": len(groups), "bodies": len({body_of(m) for m in rows}),
            "catalogue": len(index.entries), "catalogue_found": found, "catalogue_set_aside": set_aside,
            "matched_by": dict(methods),
            "locked_elements": list(config.locked_elements), "locked_source": config.locked_source}
    return DiffReport("levels", differences, matrices, info)


def compare_versions(old: Sequence[Matter], new: Sequence[Matter], *, old_label: str = "OLD",
                     new_label: str = "NEW") -> DiffReport:
    """Last year's lists against this year's: added, removed, changed."""
    differences = list(version_diff(old, new))
    info = {"old": old_label, "new": new_label, "old_matters": len(old), "new_matters": len(new)}
    return DiffReport("versions", differences, [], info)
