"""The package graph has no cycle, and the import pipeline (read → recognise → normalise → store) depends on
nothing downstream of it (issue #17: import no longer lints, so it needs neither lint nor the catalogue).

Imports inside functions count as well as those at a module's top level: a function-level import is still a
dependency, only a deferred one (the cycle import → lint → catalogue → import ran through one)."""

from __future__ import annotations

import pytest
from tests.import_graph import find_cycle, import_graph, reachable

PIPELINE = ("matterkit.importer", "matterkit.readers", "matterkit.recognise", "matterkit.normalise",
            "matterkit.columnar", "matterkit.importkey", "matterkit.store")
DOWNSTREAM = ("matterkit.lint", "matterkit.diff", "matterkit.publish", "matterkit.catalogue", "matterkit.render",
              "matterkit.cli")


def test_the_package_has_no_import_cycle_counting_function_level_imports() -> None:
    assert find_cycle(import_graph("all")) is None


def test_the_package_has_no_import_cycle_at_module_level() -> None:
    assert find_cycle(import_graph("module")) is None


@pytest.mark.parametrize("module", PIPELINE)
def test_the_import_pipeline_depends_on_nothing_downstream(module: str) -> None:
    graph = import_graph("all")
    assert module in graph
    reached = reachable(graph, module)
    assert sorted(m for m in reached if m.startswith(DOWNSTREAM)) == []


def test_the_graph_sees_a_cycle_and_a_function_level_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    lint_run = import_graph("all")["matterkit.lint.run"]
    assert "matterkit.importer" in lint_run  # imported inside `read_matters`
    assert "matterkit.importer" not in import_graph("module")["matterkit.lint.run"]
