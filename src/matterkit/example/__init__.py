"""The example county: a fictional county's implementation lists with planted defects and ground truth.

`generate_example_county(out_dir, seed)` writes them (see docs/example-county.md).
"""

from matterkit.example.generate import TRUTH_NAME, TRUTH_SCHEMA, generate_example_county

__all__ = ["TRUTH_NAME", "TRUTH_SCHEMA", "generate_example_county"]
