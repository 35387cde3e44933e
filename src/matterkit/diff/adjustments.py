"""The 权责清单 调整表: how the power list changed between two versions, one row per adjusted power.

A power is a row of the power-and-responsibility list (county and township lists, not cancelled),
identified across versions by its code (业务办理项编码, else 基本编码) or, without one, its folded name.
Each power present in either version is classified:

- 下放 (`delegated`): in both versions, and the new version has it at a lower level (a township) where the
  old one did not; 承接 (`received`): the opposite (taken back up to the county), or new in the county list
  with a power source 上级下放 / 上级委托 / 上级授权 (received from above);
- 变更 (`changed`): in both, at the same levels, with a different value of one of `POWER_ELEMENTS`;
- 拆分 (`split`) and 合并 (`merged`): powers only in one version linked by code lineage (a new code
  extends the old one, or the reverse) or similar names in one department (rapidfuzz ratio through
  `near.similar_stems`, or one name inside the other): one old power to several new
  ones, or several old ones to one new one; one old power linked to one new one is the same power under a
  new code (变更, with the code among the changed elements);
- 新增 (`added`) / 取消 (`removed`): what is left on one side only.

Pure: two lists of matters in, `Adjustment`s out. Renderers live in `matterkit.render.adjustments_*`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from matterkit.diff.matching import name_key
from matterkit.diff.near import similar_stems
from matterkit.model import Matter
from matterkit.publish.power_list import in_power_list

CLASSES: tuple[str, ...] = ("added", "removed", "changed", "delegated", "received", "merged", "split")
CLASS_LABELS: dict[str, dict[str, str]] = {
    "added": {"zh": "新增", "en": "added"}, "removed": {"zh": "取消", "en": "removed"},
    "changed": {"zh": "变更", "en": "changed"}, "delegated": {"zh": "下放", "en": "delegated"},
    "received": {"zh": "承接", "en": "received"}, "merged": {"zh": "合并", "en": "merged"},
    "split": {"zh": "拆分", "en": "split"},
}
# Elements whose change is a change of the power itself (a new phone number is not a power adjustment).
POWER_ELEMENTS: tuple[str, ...] = ("name", "type", "legal_basis", "impl_basis", "department", "main_item",
                                   "sub_item", "item_name", "responsibilities", "accountability")
FROM_ABOVE = frozenset({"上级下放", "上级委托", "上级授权"})
LEVEL_RANK = {"county": 0, "township": 1}
MIN_CONTAINED = 4  # characters of a name found inside another for the two to be related
SIMILAR_NAMES = 80.0  # rapidfuzz ratio (0-100) of two folded names for a merge or split without code lineage


@dataclass
class Adjustment:
    kind: str  # one of CLASSES
    key: str  # the power's code or folded name (for merges and splits: the one side's)
    old: list[Matter] = field(default_factory=list)
    new: list[Matter] = field(default_factory=list)
    elements: list[str] = field(default_factory=list)  # changed elements (变更)

    @property
    def representative(self) -> Matter:
        """The row whose department, code, name and type the table shows (new version first)."""
        return _county_first(self.new or self.old)[0]


def power_key(matter: Matter) -> str:
    code = matter.item_code or matter.base_code
    return f"code:{code}" if code else f"name:{name_key(matter.main_item or matter.name) or ''}"


def classify(old: Iterable[Matter], new: Iterable[Matter]) -> list[Adjustment]:
    """Every adjustment, ordered by class, then department and code."""
    before, after = _by_key(old), _by_key(new)
    adjustments = [a for key in before.keys() & after.keys() if (a := _paired(key, before[key], after[key]))]
    only_old = {k: before[k] for k in before.keys() - after.keys()}
    only_new = {k: after[k] for k in after.keys() - before.keys()}
    adjustments += _merges_and_splits(only_old, only_new)
    adjustments += [Adjustment("removed", k, old=rows) for k, rows in only_old.items()]
    adjustments += [Adjustment("received" if _from_above(rows) else "added", k, new=rows)
                    for k, rows in only_new.items()]
    return sorted(adjustments, key=_order)


def counts(adjustments: Sequence[Adjustment]) -> dict[str, int]:
    found = Counter(a.kind for a in adjustments)
    return {kind: found[kind] for kind in CLASSES}


def _by_key(matters: Iterable[Matter]) -> dict[str, list[Matter]]:
    groups: dict[str, list[Matter]] = {}
    for matter in matters:
        if in_power_list(matter):
            groups.setdefault(power_key(matter), []).append(matter)
    return groups


def _paired(key: str, old: list[Matter], new: list[Matter]) -> Adjustment | None:
    old_levels, new_levels = _levels(old), _levels(new)
    if max(new_levels) > max(old_levels):
        return Adjustment("delegated", key, old, new)
    if max(new_levels) < max(old_levels):
        return Adjustment("received", key, old, new)
    elements = changed_power_elements(_county_first(old)[0], _county_first(new)[0])
    return Adjustment("changed", key, old, new, elements) if elements else None


def changed_power_elements(old: Matter, new: Matter) -> list[str]:
    return [e for e in POWER_ELEMENTS if getattr(old, e) != getattr(new, e)]


def _levels(rows: list[Matter]) -> set[int]:
    return {LEVEL_RANK.get(m.list_level or "county", 0) for m in rows}


def _county_first(rows: list[Matter]) -> list[Matter]:
    return sorted(rows, key=lambda m: (LEVEL_RANK.get(m.list_level or "county", 0), m.list_body or ""))


def _from_above(rows: list[Matter]) -> bool:
    return all(m.list_level != "township" and m.power_source in FROM_ABOVE for m in rows)


def _merges_and_splits(only_old: dict[str, list[Matter]], only_new: dict[str, list[Matter]]) -> list[Adjustment]:
    """Link powers present on one side only; links taken here leave `only_old` / `only_new`."""
    links = _links(only_old, only_new)
    targets: dict[str, list[str]] = {}
    sources: dict[str, list[str]] = {}
    for old_key, new_key in links:
        targets.setdefault(old_key, []).append(new_key)
        sources.setdefault(new_key, []).append(old_key)
    found: list[Adjustment] = []
    for old_key, new_keys in sorted(targets.items()):
        only_here = [n for n in new_keys if len(sources[n]) == 1]
        if len(only_here) >= 2:
            found.append(Adjustment("split", old_key, only_old[old_key], [m for n in only_here for m in only_new[n]]))
        elif new_keys == only_here == [new_keys[0]]:  # one to one: the same power under another code
            old_rows, new_rows = only_old[old_key], only_new[new_keys[0]]
            elements = _code_changes(old_rows[0], new_rows[0]) + changed_power_elements(old_rows[0], new_rows[0])
            found.append(Adjustment("changed", new_keys[0], old_rows, new_rows, elements))
    for new_key, old_keys in sorted(sources.items()):
        only_here = [o for o in old_keys if len(targets[o]) == 1]
        if len(only_here) >= 2:
            found.append(Adjustment("merged", new_key, [m for o in only_here for m in only_old[o]], only_new[new_key]))
    for adjustment in found:
        for matter in adjustment.old:
            only_old.pop(power_key(matter), None)
        for matter in adjustment.new:
            only_new.pop(power_key(matter), None)
    return found


def _code_changes(old: Matter, new: Matter) -> list[str]:
    return [e for e in ("base_code", "item_code") if getattr(old, e) != getattr(new, e)]


def _links(only_old: dict[str, list[Matter]], only_new: dict[str, list[Matter]]) -> list[tuple[str, str]]:
    """(old key, new key) pairs related by code lineage, or by similar names within one department."""
    links = set(_code_lineage(only_old, only_new))
    names = {key: name_key(rows[0].main_item or rows[0].name) or "" for key, rows in {**only_old, **only_new}.items()}
    similar = {frozenset((pair.left, pair.right)) for pair in similar_stems(list(set(names.values()) - {""}),
                                                                          SIMILAR_NAMES)}
    new_by_department: dict[str | None, list[str]] = {}
    for key, rows in only_new.items():
        new_by_department.setdefault(rows[0].department, []).append(key)
    for old_key, rows in only_old.items():
        for new_key in new_by_department.get(rows[0].department, []):
            if _related(names[old_key], names[new_key], similar):
                links.add((old_key, new_key))
    return sorted(links)


def _code_lineage(only_old: dict[str, list[Matter]], only_new: dict[str, list[Matter]]) -> list[tuple[str, str]]:
    """Pairs where one code extends the other (a base code and its handling items): each code's prefixes are
    looked up, so a county's thousands of codes are not compared pair by pair."""
    old_codes = {k[5:]: k for k in only_old if k.startswith("code:")}
    new_codes = {k[5:]: k for k in only_new if k.startswith("code:")}
    pairs = [(old_codes[code[:n]], key) for code, key in new_codes.items() for n in range(1, len(code))
             if code[:n] in old_codes]
    pairs += [(key, new_codes[code[:n]]) for code, key in old_codes.items() for n in range(1, len(code))
              if code[:n] in new_codes]
    return pairs


def _related(old: str, new: str, similar: set[frozenset[str]]) -> bool:
    """Similar names, or one name inside the other (小餐饮登记 → 小餐饮登记备案)."""
    if not old or not new:
        return False
    return old == new or frozenset((old, new)) in similar or (min(len(old), len(new)) >= MIN_CONTAINED
                                                              and (old in new or new in old))


def _order(adjustment: Adjustment) -> tuple[int, str, str]:
    row = adjustment.representative
    return (CLASSES.index(adjustment.kind), row.department or row.body or "", adjustment.key)
