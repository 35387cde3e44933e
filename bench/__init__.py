"""Benchmarks of matterkit at county and province scale (see docs/performance.md)."""
