"""allocate: budget allocation optimiser (workbook → validated data → model → result).

The library API is `optimiser.api`; the command line is `optimiser.cli.main`.
Submodules import their heavy dependencies (Pyomo, HiGHS, pandas) themselves,
so importing this package stays cheap.
"""
