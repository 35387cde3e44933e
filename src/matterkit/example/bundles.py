"""The example county's 一件事 bundles (`matterkit demo`): 青山县's own definitions, each reusing a shipped
provincial example (`extends`) with the county's departments — as a county would write them."""

from __future__ import annotations

from pathlib import Path

from matterkit import atomic

COUNTY = "青山县"
# file name -> (shipped example extended, lead, cooperating departments)
DEMO_BUNDLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "newborn.yaml": ("example-newborn", "卫生健康局", ("公安局", "医疗保障局")),
    "restaurant.yaml": ("example-restaurant", "市场监督管理局", ("卫生健康局",)),
    "retirement.yaml": ("example-retirement", "人力资源和社会保障局", ("民政局",)),
    "disability.yaml": ("example-disability", "残疾人联合会", ("民政局",)),
}


def write_demo_bundles(workspace_root: Path) -> list[Path]:
    """Write the county's bundle definitions into the workspace's `bundles/`."""
    written = []
    for name, (parent, lead, cooperating) in DEMO_BUNDLES.items():
        target = workspace_root / "bundles" / name
        departments = ", ".join(COUNTY + d for d in cooperating)
        atomic.write_text(target, f"# {COUNTY}的一件事定义（示例）：复用示例省的 {parent}，改为本县部门。\n"
                                  f"extends: {parent}\nbundle: {_name(parent)}\nlead: {COUNTY}{lead}\n"
                                  f"cooperating: [{departments}]\n")
        written.append(target)
    return written


def _name(parent: str) -> str:
    """The county's name of the bundle: the provincial one with the county in front."""
    from matterkit.bundles.loader import load_bundle
    from matterkit.resources import bundled_dir

    return COUNTY + load_bundle(bundled_dir("bundles") / f"{parent}.yaml").name
