"""Comparison of lists: across bodies and levels (`compare_levels`) and across versions (`compare_versions`).

Pure: matters in, a `DiffReport` of `Difference`s out. Reading inputs (`matterkit.diff.sources`) and
rendering (`matterkit.render.diff_*`) happen outside.
"""

from matterkit.diff.config import DiffConfig, load_diff_config
from matterkit.diff.engine import compare_levels, compare_versions
from matterkit.diff.kinds import KINDS, Difference, Side
from matterkit.diff.report import SCHEMA, DiffReport

__all__ = ["KINDS", "SCHEMA", "DiffConfig", "DiffReport", "Difference", "Side", "compare_levels",
           "compare_versions", "load_diff_config"]
