"""One lint run, from configuration to result: what the `lint` command (and a script) calls.

Options given on the command line win over the workspace's `lint:` section, which wins over the packs.
With a workspace the matters come from its store and the catalogue from its configuration; files given
directly are read with the importer, with no workspace needed (like a linter).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from matterkit.codetables import CodeTables, default_code_tables
from matterkit.elements import ElementRegistry, default_registry
from matterkit.lint.baseline import DEFAULT_BASELINE, apply_baseline, read_baseline
from matterkit.lint.config import LintConfig, selected_rules
from matterkit.lint.context import catalogue_index
from matterkit.lint.engine import LintResult, lint_matters
from matterkit.lint.rules import Rule
from matterkit.model import Matter


@dataclass
class LintOptions:
    """Command-line choices; None means "as configured"."""

    select: list[str] | None = None
    ignore: list[str] | None = None
    fail_level: str | None = None
    max_per_rule: int | None = None
    baseline: Path | None = None
    use_baseline: bool = True
    catalogue: Path | None = None
    packs: list[str] | None = None
    lang: str | None = None
    progress: Callable[[int, int], None] | None = None  # (files read, files in all) while reading files


@dataclass
class LintOutcome:
    result: LintResult
    rules: list[Rule]
    fail_level: str
    baseline: Path | None
    unreadable: list[Any] = field(default_factory=list)  # importer FileReports of files that failed


def effective_config(config: LintConfig, options: LintOptions) -> LintConfig:
    if options.packs:
        config.extends = list(options.packs)
    if options.select is not None:  # like ruff: a --select on the command line starts a new selection
        config.select, config.ignore = options.select, list(options.ignore or [])
    elif options.ignore is not None:  # an --ignore alone narrows the configured selection
        config.ignore = [*config.ignore, *options.ignore]
    if options.fail_level:
        config.fail_level = options.fail_level
    if options.max_per_rule:
        config.max_per_rule = options.max_per_rule
    if options.baseline is not None:
        config.baseline = options.baseline
    if options.catalogue is not None:
        config.catalogue = options.catalogue
    return config


def run_lint(matters: list[Matter], config: LintConfig, *, registry: ElementRegistry | None = None,
             code_tables: CodeTables | None = None, catalogue: list[Matter] | None = None,
             lang: str | None = None, use_baseline: bool = True) -> LintOutcome:
    """Select rules, lint, apply the baseline (when it exists and `use_baseline`)."""
    ruleset = config.load_rules()
    rules = selected_rules(ruleset, config.select, config.ignore)
    index = catalogue_index(catalogue) if catalogue else None
    result = lint_matters(matters, rules, code_tables=code_tables or default_code_tables(),
                          registry=registry or default_registry(), catalogue=index, lang=lang,
                          max_per_rule=config.max_per_rule)
    if use_baseline and config.baseline is not None and config.baseline.exists():
        apply_baseline(result, read_baseline(config.baseline), {rule.code for rule in rules})
    return LintOutcome(result=result, rules=rules, fail_level=config.fail_level, baseline=config.baseline)


def lint_workspace(workspace: Any, options: LintOptions, paths: list[Path] | None = None) -> LintOutcome:
    """Lint the workspace's store, or `paths` read directly with the workspace's configuration."""
    config = LintConfig.from_section(workspace.section("lint"), base_dir=workspace.root,
                                     config_path=workspace.config_path, document=workspace.config)
    config = effective_config(config, options)
    if config.baseline is None and (workspace.root / DEFAULT_BASELINE).is_file():
        config.baseline = workspace.root / DEFAULT_BASELINE
    unreadable: list[Any] = []
    if paths:
        matters, unreadable = read_matters(paths, workspace.registry, workspace.code_tables, options.progress)
    else:
        matters = list(workspace.store.iter_matters())
    if config.catalogue is not None:
        catalogue = load_catalogue_file(config.catalogue, workspace.registry, workspace.code_tables)
    else:
        workspace.ensure_catalogue()
        catalogue = list(workspace.store.iter_catalogue())
    outcome = run_lint(matters, config, registry=workspace.registry, code_tables=workspace.code_tables,
                       catalogue=catalogue, lang=options.lang, use_baseline=options.use_baseline)
    outcome.unreadable = unreadable
    return outcome


def lint_paths(paths: list[Path], options: LintOptions) -> LintOutcome:
    """Lint files given directly, with no workspace: default packs, `--catalogue` if given."""
    config = effective_config(LintConfig(base_dir=Path.cwd()), options)
    registry, code_tables = default_registry(), default_code_tables()
    matters, unreadable = read_matters(paths, registry, code_tables, options.progress)
    catalogue = load_catalogue_file(config.catalogue, registry, code_tables) if config.catalogue else None
    outcome = run_lint(matters, config, registry=registry, code_tables=code_tables, catalogue=catalogue,
                       lang=options.lang, use_baseline=options.use_baseline)
    outcome.unreadable = unreadable
    return outcome


def read_matters(paths: list[Path], registry: ElementRegistry, code_tables: CodeTables,
                 progress: Callable[[int, int], None] | None = None) -> tuple[list[Matter], list[Any]]:
    """Matters of files read directly (in parallel like `import`), and the reports of unreadable files."""
    from matterkit.importer import ImportOptions, expand_paths, read_many

    jobs: list[tuple[Path, str, str | None]] = [(path, str(path), None) for path in expand_paths(paths)]
    matters: list[Matter] = []
    unreadable: list[Any] = []
    for done, result in enumerate(read_many(jobs, ImportOptions(registry=registry, code_tables=code_tables)),
                                  start=1):
        matters.extend(result.matters)
        if result.report.status == "failed":
            unreadable.append(result.report)
        if progress is not None:
            progress(done, len(jobs))
    return matters, unreadable


def load_catalogue_file(path: Path, registry: ElementRegistry, code_tables: CodeTables) -> list[Matter]:
    from matterkit.catalogue import default_catalogue_path, load_catalogue

    return load_catalogue(default_catalogue_path() if str(path) == "bundled" else path, registry, code_tables)
