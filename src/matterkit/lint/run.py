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

from matterkit.codeschemes import CodeSchemes
from matterkit.codetables import CodeTables, default_code_tables
from matterkit.elements import ElementRegistry, default_registry
from matterkit.i18n import resolve_lang
from matterkit.lint.baseline import DEFAULT_BASELINE, apply_baseline, read_baseline
from matterkit.lint.cache import LintPlan, context_digest, is_keyed, is_per_file, lint_store
from matterkit.lint.config import LintConfig, selected_rules
from matterkit.lint.context import CatalogueLookup, catalogue_index
from matterkit.lint.engine import LintResult, collate, lint_matters
from matterkit.lint.rules import Rule
from matterkit.listkinds import SheetInfo, sheet_infos, sheet_kinds
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
    under: Path | None = None  # only the stored files under this folder (one county of a province)


@dataclass
class LintOutcome:
    result: LintResult
    rules: list[Rule]
    fail_level: str
    baseline: Path | None
    unreadable: list[Any] = field(default_factory=list)  # importer FileReports of files that failed
    suspect: list[Any] = field(default_factory=list)  # those of files read directly whose read looks wrong
    recomputed: int | None = None  # stored files checked again in this run (the others' results were kept)


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
             lang: str | None = None, use_baseline: bool = True,
             sheets: dict[tuple[str, str | None], SheetInfo] | None = None) -> LintOutcome:
    """Select rules, lint, apply the baseline (when it exists and `use_baseline`)."""
    rules = _rules(config)
    index = catalogue_index(catalogue) if catalogue else None
    result = lint_matters(matters, rules, code_tables=code_tables or default_code_tables(),
                          registry=registry or default_registry(), catalogue=index, lang=lang,
                          max_per_rule=config.max_per_rule, sheets=sheets)
    return _outcome(result, rules, config, use_baseline, lang)


def _rules(config: LintConfig) -> list[Rule]:
    return selected_rules(config.load_rules(), config.select, config.ignore)


def _outcome(result: LintResult, rules: list[Rule], config: LintConfig, use_baseline: bool,
             lang: str | None) -> LintOutcome:
    if use_baseline and config.baseline is not None and config.baseline.exists():
        apply_baseline(result, read_baseline(config.baseline), {rule.code for rule in rules})
    return LintOutcome(result=result.titled(rules, lang), rules=rules, fail_level=config.fail_level,
                       baseline=config.baseline)


def workspace_config(workspace: Any, options: LintOptions) -> LintConfig:
    """The workspace's `lint:` section with the command line's options over it."""
    config = LintConfig.from_section(workspace.section("lint"), base_dir=workspace.root,
                                     config_path=workspace.config_path, document=workspace.config)
    config = effective_config(config, options)
    if config.baseline is None and (workspace.root / DEFAULT_BASELINE).is_file():
        config.baseline = workspace.root / DEFAULT_BASELINE
    return config


def lint_workspace(workspace: Any, options: LintOptions, paths: list[Path] | None = None) -> LintOutcome:
    """Lint the workspace's store, or `paths` read directly with the workspace's configuration.

    The store is linted file by file with the results kept in the store (lint/cache.py): only files changed
    since their results were made are checked again, and no more than one file's matters are held at once
    (plug-in kinds that need every matter excepted)."""
    config = workspace_config(workspace, options)
    if paths:
        read = read_lists(paths, workspace.registry, workspace.code_tables, options.progress,
                          kind_for=workspace.kind_for_path, schemes=workspace.code_schemes)
        catalogue = _workspace_catalogue(workspace, config)
        outcome = run_lint(read.matters, config, registry=workspace.registry, code_tables=workspace.code_tables,
                           catalogue=catalogue, lang=options.lang, use_baseline=options.use_baseline,
                           sheets=read.sheets)
        return read.into(outcome)
    rules = _rules(config)
    plan = workspace_plan(workspace, config, rules, lang=options.lang)
    stored = lint_store(workspace.store, plan, under=options.under)
    findings = stored.findings
    others = [rule for rule in rules if not (is_per_file(rule) or is_keyed(rule))]
    if others:  # plug-in kinds that look at all matters together
        matters = list(workspace.store.iter_matters())
        sheets = {key: info for record in workspace.store.files() if record.status == "ok"
                  for key, info in sheet_infos(record.given_path, record.report).items()}
        findings += lint_matters(matters, others, code_tables=workspace.code_tables, registry=workspace.registry,
                                 catalogue=plan.lookup(), lang=plan.lang, sheets=sheets).findings
    result = collate(findings, matters=stored.matters, files=stored.files, max_per_rule=config.max_per_rule)
    result.lists = stored_lists(workspace.store, options.under)
    outcome = _outcome(result, rules, config, options.use_baseline, options.lang)
    outcome.recomputed = stored.computed
    return outcome


def stored_lists(store: Any, under: Path | None = None) -> list[dict[str, Any]]:
    """The sheets of the stored files (under a folder) with their list kinds."""
    prefix = str(under.resolve()).rstrip("/") + "/" if under is not None else ""
    return [entry for record in store.files() if record.status == "ok" and record.path.startswith(prefix)
            for entry in sheet_kinds(record.given_path, record.report)]


def _workspace_catalogue(workspace: Any, config: LintConfig) -> list[Matter]:
    if config.catalogue is not None:
        return load_catalogue_file(config.catalogue, workspace.registry, workspace.code_tables)
    workspace.ensure_catalogue()
    return list(workspace.store.iter_catalogue())


def workspace_plan(workspace: Any, config: LintConfig, rules: list[Rule], *, lang: str | None = None) -> LintPlan:
    """How to lint the workspace's files one at a time: the rules that allow it, and the circumstances their
    results depend on (the configured catalogue is loaded into the store first if it changed)."""
    from matterkit.filehash import file_sha256

    store = workspace.store
    catalogue: CatalogueLookup | None = None
    store_path: Path | None = None
    if config.catalogue is not None:
        identity: str | None = f"{config.catalogue.resolve()}#{file_sha256(config.catalogue)}"
        entries = load_catalogue_file(config.catalogue, workspace.registry, workspace.code_tables)
        catalogue = catalogue_index(entries) if entries else None
    else:
        workspace.ensure_catalogue()
        identity = store.catalogue_source()
        store_path = store.path if identity else None
    resolved = resolve_lang(lang)
    settings = {"aliases": workspace.section("aliases"), "code_tables": workspace.section("code_tables")}
    return LintPlan(rules=[rule for rule in rules if is_per_file(rule) or is_keyed(rule)],
                    registry=workspace.registry, code_tables=workspace.code_tables, lang=resolved,
                    context=context_digest(catalogue=identity, lang=resolved, settings=settings),
                    store_path=store_path, catalogue=catalogue)


def lint_paths(paths: list[Path], options: LintOptions) -> LintOutcome:
    """Lint files given directly, with no workspace: default packs, `--catalogue` if given."""
    config = effective_config(LintConfig(base_dir=Path.cwd()), options)
    registry, code_tables = default_registry(), default_code_tables()
    read = read_lists(paths, registry, code_tables, options.progress)
    catalogue = load_catalogue_file(config.catalogue, registry, code_tables) if config.catalogue else None
    outcome = run_lint(read.matters, config, registry=registry, code_tables=code_tables, catalogue=catalogue,
                       lang=options.lang, use_baseline=options.use_baseline, sheets=read.sheets)
    return read.into(outcome)


@dataclass
class ReadLists:
    """Files read directly: their matters, the reports of the unreadable ones, and their sheets' columns."""

    matters: list[Matter] = field(default_factory=list)
    unreadable: list[Any] = field(default_factory=list)
    suspect: list[Any] = field(default_factory=list)  # read, but the read looks wrong (plausibility.py)
    sheets: dict[tuple[str, str | None], SheetInfo] = field(default_factory=dict)
    lists: list[dict[str, Any]] = field(default_factory=list)  # listkinds.sheet_kinds of every file read

    def into(self, outcome: LintOutcome) -> LintOutcome:
        """The lint's outcome with what reading the files found (the unreadable and the suspect files)."""
        outcome.unreadable, outcome.suspect, outcome.result.lists = self.unreadable, self.suspect, self.lists
        return outcome


def read_matters(paths: list[Path], registry: ElementRegistry, code_tables: CodeTables,
                 progress: Callable[[int, int], None] | None = None, *,
                 schemes: CodeSchemes | None = None) -> tuple[list[Matter], list[Any]]:
    """Matters of files read directly (in parallel like `import`), and the reports of unreadable files;
    `schemes` are a workspace's code schemes (None: every shipped one)."""
    read = read_lists(paths, registry, code_tables, progress, schemes=schemes)
    return read.matters, read.unreadable


def read_lists(paths: list[Path], registry: ElementRegistry, code_tables: CodeTables,
               progress: Callable[[int, int], None] | None = None,
               kind_for: Callable[[Path], str | None] | None = None,
               schemes: CodeSchemes | None = None) -> ReadLists:
    """Files read directly (in parallel like `import`), for a lint without a store; `kind_for(path)`: the list
    kind a workspace declares for a file (`import.kinds`), if any."""
    from matterkit.importer import ImportOptions, expand_paths, read_many

    jobs: list[tuple[Path, str, str | None]] = [(path, str(path), None) for path in expand_paths(paths)]
    options = ImportOptions(registry=registry, code_tables=code_tables, schemes=schemes)
    if kind_for is not None:
        options.kinds = {given: kind for path, given, _ in jobs if (kind := kind_for(path)) is not None}
    read = ReadLists()
    for done, result in enumerate(read_many(jobs, options), start=1):
        read.matters.extend(result.matters)
        report = result.report.to_json()
        read.sheets.update(sheet_infos(result.report.path, report))
        read.lists.extend(sheet_kinds(result.report.path, report))
        if result.report.status == "failed":
            read.unreadable.append(result.report)
        elif result.report.suspect:
            read.suspect.append(result.report)
        if progress is not None:
            progress(done, len(jobs))
    return read


def load_catalogue_file(path: Path, registry: ElementRegistry, code_tables: CodeTables) -> list[Matter]:
    from matterkit.catalogue import default_catalogue_path, load_catalogue

    return load_catalogue(default_catalogue_path() if str(path) == "bundled" else path, registry, code_tables)
