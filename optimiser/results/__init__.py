"""Stage 4: from a solution to plain pandas tables in euros.

Entry point: `optimiser.results.extract.build_result(...) -> AllocationResult`;
`tables` sums an allocation by country, instrument, theme, source and year.
"""
