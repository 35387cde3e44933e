"""Derived special lists (即办件清单, 收费清单 …): definitions as data in `lists/`, selected from the matters
with the rule packs' condition language (`matterkit.lint.conditions`)."""

from matterkit.derived.definitions import ListDefinition, find_definition, load_definitions
from matterkit.derived.select import DerivedList, derive, derive_all

__all__ = ["DerivedList", "ListDefinition", "derive", "derive_all", "find_definition", "load_definitions"]
