"""Benchmark cases, one module per area; each defines CASES."""
