"""matterkit lint: rule packs (`rules/*.yaml`) configure check kinds (`lint/kinds/`) that run over matters.

Public API:
- `LintConfig.from_section(section, base_dir=..., config_path=..., document=...)` and `config.load_rules()`;
- `load_ruleset(refs, base_dir)` loads packs; `selected_rules(ruleset, select, ignore)` applies selection;
- `lint_matters(matters, rules, code_tables=..., registry=..., catalogue=..., lang=..., max_per_rule=...)`
  returns a `LintResult` of `Finding`s;
- `catalogue_index(entries)` builds the catalogue lookup the conformance kinds use;
- `apply_baseline`, `read_baseline`, `write_baseline` for accepted exceptions.
"""

from matterkit.lint.baseline import apply_baseline, fingerprint, read_baseline, write_baseline
from matterkit.lint.config import LintConfig, is_selected, selected_rules
from matterkit.lint.context import catalogue_index
from matterkit.lint.engine import LintResult, lint_matters
from matterkit.lint.findings import Finding, RegulationRef
from matterkit.lint.packs import DEFAULT_PACKS, bundled_packs, load_ruleset
from matterkit.lint.rules import Rule, RuleSet

__all__ = [
    "DEFAULT_PACKS", "Finding", "LintConfig", "LintResult", "RegulationRef", "Rule", "RuleSet",
    "apply_baseline", "bundled_packs", "catalogue_index", "fingerprint", "is_selected", "lint_matters",
    "load_ruleset", "read_baseline", "selected_rules", "write_baseline",
]
