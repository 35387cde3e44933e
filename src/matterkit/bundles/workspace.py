"""The workspace's bundles merged over its matters: what `bundle list`, `stats` and the demo show."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from matterkit.bundles.loader import load_workspace_bundles
from matterkit.bundles.merge import MatterIndex, MergedBundle, merge_bundle
from matterkit.model import Matter
from matterkit.stats import BundleFigures, bundle_figures


def merged_workspace_bundles(root: Path, matters: Iterable[Matter]) -> list[MergedBundle]:
    """Every bundle of `root/bundles/` with all its members (whatever the 情形)."""
    bundles = load_workspace_bundles(root)
    if not bundles:
        return []
    index = MatterIndex(matters)
    return [merge_bundle(bundle, index) for bundle in bundles]


def workspace_bundle_figures(root: Path, matters: Iterable[Matter]) -> BundleFigures | None:
    """The stats of the workspace's bundles; None when it defines none."""
    merged = merged_workspace_bundles(root, matters)
    return bundle_figures(merged) if merged else None
