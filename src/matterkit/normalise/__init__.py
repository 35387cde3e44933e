"""Normalisation: raw cells of a recognised row → the canonical `Matter`.

One small module per element kind (text, code, enums, integer, days, boolean, fees, materials, dates);
`build.build_matter` applies them by the kind the element registry gives each element. Every issue code is
declared once in `issues.py`.
"""

from matterkit.normalise.build import build_matter
from matterkit.normalise.issues import ISSUE_TYPES, IssueType, issue_message

__all__ = ["ISSUE_TYPES", "IssueType", "build_matter", "issue_message"]
