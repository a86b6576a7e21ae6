"""Stage 3: solve a built model with HiGHS; explain it when the rules conflict.

Entry point: `optimiser.solve.solver.solve(formulation, options) -> Solution`.
`highs` holds the compiled model in one live HiGHS instance; `explain` finds
the conflicting rules and the least change; `ranging` ranges objective costs.
"""
