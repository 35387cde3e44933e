"""一件事一次办: bundles (套餐) of matters as data.

A bundle definition (YAML, `bundles/*.yaml` in a workspace, or shipped in the `bundles/` data folder) names
its member matters; `definition` holds the model, `loader` reads and resolves `extends`, `merge` builds the
bundle's merged view from the workspace's matters (一套材料, 一表申请, combined time limits, the chain) and
`checks` holds the bundle checks that the `BUN` rules of `rules/bundles.yaml` configure.
"""
