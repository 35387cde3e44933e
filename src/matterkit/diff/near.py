"""Near-duplicate names: one matter listed under two wordings (食品经营许可 / 食品经营许可证核发).

Names are folded (NFKC, bracketed notes and punctuation removed), configured suffixes (证、核发、办理 …)
are removed from the end, and the rest is scored with rapidfuzz's normalised Indel similarity
(`fuzz.ratio`). Only names within one block (department, or level) are compared — a row without a 主管部门
is compared within its body's list, not with every other department's — and only names whose
lengths can reach the threshold at all, so that 50,000 names take seconds. Two names that the catalogue
lists as two matters, or that are handling items of one base code, are never paired.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from matterkit.diff.compare import side_of
from matterkit.diff.kinds import Difference
from matterkit.diff.matching import MatterGroup, name_key
from matterkit.model import Matter

CHUNK = 512
MIN_STEM = 2


def strip_suffixes(folded: str, suffixes: Sequence[str]) -> tuple[str, list[str]]:
    """Remove configured endings repeatedly (longest first); keep at least two characters."""
    ordered = sorted((s for s in suffixes if s), key=len, reverse=True)
    removed: list[str] = []
    changed = True
    while changed:
        changed = False
        for suffix in ordered:
            if folded.endswith(suffix) and len(folded) - len(suffix) >= MIN_STEM:
                folded = folded[: -len(suffix)]
                removed.insert(0, suffix)
                changed = True
                break
    return folded, removed


@dataclass(frozen=True)
class NamePair:
    """Two distinct stems (or one stem reached from two names) found similar, with the score."""

    left: str
    right: str
    score: float


def similar_stems(stems: Sequence[str], threshold: float) -> Iterator[NamePair]:
    """Pairs of distinct stems scoring at least `threshold` (0-100), by length-sorted chunks."""
    ordered = sorted(set(stems), key=lambda s: (len(s), s))
    lengths = np.array([len(s) for s in ordered])
    widen = (200.0 - threshold) / threshold  # ratio >= t needs the longer <= shorter * widen
    for start in range(0, len(ordered), CHUNK):
        queries = ordered[start:start + CHUNK]
        stop = int(np.searchsorted(lengths, len(queries[-1]) * widen, side="right"))
        choices = ordered[start:stop]
        if len(choices) < 2:
            continue
        scores = process.cdist(queries, choices, scorer=fuzz.ratio, score_cutoff=threshold,
                               dtype=np.uint8, workers=-1)
        for i, j in zip(*np.nonzero(scores), strict=True):
            if j > i:  # choices start at the chunk start: j > i is the upper triangle, no self-pairs
                yield NamePair(queries[i], choices[j], float(scores[i, j]))


@dataclass
class _Entry:
    group: MatterGroup
    row: Matter
    folded: str
    removed: list[str]
    block: str  # what the block is: "department", "body" (a row without department) or "level"


def near_duplicates(groups: Sequence[MatterGroup], *, suffixes: Sequence[str], threshold: float,
                    block_by: str = "department") -> Iterator[Difference]:
    for entries in _blocks(groups, suffixes, block_by).values():
        by_stem: dict[str, list[_Entry]] = defaultdict(list)
        for entry in entries:
            by_stem[_stem(entry)].append(entry)
        reported: set[tuple[str, str]] = set()
        for same in by_stem.values():
            yield from _pairs_of(same, same, 100.0, reported, same_stem=True)
        for pair in similar_stems(list(by_stem), threshold):
            yield from _pairs_of(by_stem[pair.left], by_stem[pair.right], pair.score, reported, same_stem=False)


def _stem(entry: _Entry) -> str:
    return entry.folded[: len(entry.folded) - sum(map(len, entry.removed))]


def _blocks(groups: Sequence[MatterGroup], suffixes: Sequence[str],
            block_by: str) -> dict[str, list[_Entry]]:
    blocks: dict[str, list[_Entry]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    for group in groups:
        for member in group.members:
            row = member.matter
            folded = name_key(row.name)
            if not folded:
                continue
            kind, block = _block_of(row, block_by)
            if (block, group.key, folded) in seen:
                continue  # one representative per name within a matter and block
            seen.add((block, group.key, folded))
            _, removed = strip_suffixes(folded, suffixes)
            blocks[block].append(_Entry(group, row, folded, removed, kind))
    return blocks


def _block_of(row: Matter, block_by: str) -> tuple[str, str]:
    """(what the block is, its key) for one row."""
    if block_by != "department":
        return block_by, row.list_level or ""
    if row.department:
        return "department", name_key(row.department)
    return "body", "body:" + name_key(row.body or row.list_body or "")


def _pairs_of(lefts: list[_Entry], rights: list[_Entry], score: float, reported: set[tuple[str, str]], *,
              same_stem: bool) -> Iterator[Difference]:
    for left in lefts:
        for right in rights:
            if not _distinct_candidates(left, right):
                continue
            pair = (min(left.group.key, right.group.key), max(left.group.key, right.group.key))
            if pair in reported:
                continue
            reported.add(pair)
            first, second = sorted((left, right), key=lambda e: -len(e.group.members))
            yield _difference(first, second, score, same_stem)


def _distinct_candidates(left: _Entry, right: _Entry) -> bool:
    """Same matter already (compared elsewhere), two catalogue matters, items of one base code, or one name
    under two codes (a `duplicate`: duplicates.one_name_several_codes): skip."""
    if left.group is right.group:
        return False
    if left.group.catalogue is not None and right.group.catalogue is not None:
        return False
    base_left, base_right = left.group.base_code, right.group.base_code
    if base_left and base_right and left.folded == right.folded:
        return False
    return not (base_left and base_left == base_right)


def _difference(first: _Entry, second: _Entry, score: float, same_stem: bool) -> Difference:
    if same_stem:
        suffixes = "、".join(dict.fromkeys(first.removed + second.removed))
        note, values = "diff.note.near_suffix", {"suffixes": suffixes, "score": round(score)}
    else:
        note, values = "diff.note.near_score", {"score": round(score), "left": _stem(first),
                                                "right": _stem(second), "block": f"@diff.block.{first.block}"}
    return Difference("near_duplicate", "name", second.row.reference(), side_of(first.row, "name"),
                      side_of(second.row, "name"), note, values)
