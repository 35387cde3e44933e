"""bundle — a check of a 一件事一次办 bundle definition (`bundles/*.yaml`) against the workspace's matters.

Bundle rules do not look at spreadsheet rows: `matterkit bundle check` (and `publish`) run them over each
bundle's merged view, and their findings point at the line of the bundle file. Over matters this kind
finds nothing. `check` names one of the checks in `matterkit.bundles.checks`: `member-missing`,
`member-not-in-use`, `member-level`, `promised-over-legal`, `lead-missing`, `near-duplicate-material`
(with `threshold`, 0–100, and `generic` names never paired), `situation-undeclared`.

An example is `{bundle: {…definition…}, matters: [{…}, …]}` (the matters are county-level rows).

Example: `params: {check: member-missing}` fails a bundle naming base code `000000000000` that no matter has.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from matterkit.bundles.checks import CHECKS
from matterkit.lint.context import CheckContext
from matterkit.lint.kinds import Hit

ID = "bundle"
TITLE = {"zh": "一件事一次办套餐定义的检查", "en": "Checks of a bundle (一件事) definition"}
PARAMS: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["check"],
    "properties": {
        "check": {"enum": sorted(CHECKS)},
        "threshold": {"type": "number", "minimum": 0, "maximum": 100},
        "generic": {"type": "array", "items": {"type": "string", "minLength": 1}},
    },
}
MESSAGE = {"zh": "一件事“{bundle}”：{value}", "en": "Bundle '{bundle}': {value}"}
EXAMPLE = {
    "params": {"check": "member-missing"},
    "pass": [{"bundle": {"bundle": "出生一件事", "lead": "卫生健康局", "members": [{"code": "000123004000"}]},
              "matters": [{"name": "出生医学证明办理", "base_code": "000123004000"}]}],
    "fail": [{"bundle": {"bundle": "出生一件事", "lead": "卫生健康局", "members": [{"code": "000000000000"}]},
              "matters": [{"name": "出生医学证明办理", "base_code": "000123004000"}]}],
}


def check(params: dict[str, Any], rows: Sequence[int], ctx: CheckContext) -> Iterator[Hit]:
    """Matters alone give a bundle rule nothing to check."""
    return iter(())


def run_example(rule: Any, example: Mapping[str, Any], lang: str = "zh") -> list[Any]:
    """The findings of `rule` on an example bundle over example matters (for its docs and tests)."""
    from matterkit.bundles.examples import run_bundle_example

    return run_bundle_example(rule, example, lang)
