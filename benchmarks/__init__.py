"""Benchmarks of the allocate tool: synthetic workbooks and a timing script."""
