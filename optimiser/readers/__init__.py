"""Stage 1: open a workbook safely, read its sheets, validate them into `AllocationData`.

Entry point: `optimiser.readers.validate.read_workbook(path) -> ValidatedWorkbook`.
`schema` declares every sheet, column and Settings key once.
"""
