"""Stage 5: write results for people: the result workbook, diagnostics, templates, terminal.

Entry point: `optimiser.writers.report.write_result_workbook(...)`. Only this
stage (and the what-if workbooks built on it) writes files, always atomically.
"""
