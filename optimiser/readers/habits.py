"""Notes and warnings about how a workbook was made, for `validate` and the Run info.

None of these stops a run: amounts that look like millions, optional columns
left out (their default applies to every row, which changes the model without
a word otherwise), and hidden rows (read like any other).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from models.data import AllocationData
from optimiser.readers import schema
from optimiser.readers.texts import TEMPLATES, Told
from optimiser.readers.validate_tables import Table
from optimiser.readers.workbook import normalise

MILLIONS_BELOW = 1_000  # every envelope below EUR 1,000 looks like amounts typed in millions
_BLANK_MEANS = re.compile(r"\(blank: ([^)]*)\)")
# Sheets whose optional columns are choices made row by row, not silent defaults.
_ROW_CHOICES = (schema.SETTINGS, schema.LIMITS, schema.SCENARIOS)


def millions_warnings(data: AllocationData) -> list[str]:
    amounts = [envelope.amount_eur for envelope in data.envelopes]
    if not amounts or max(amounts) >= MILLIONS_BELOW or max(amounts) <= 0:
        return []
    title = schema.ENVELOPES.name
    return [Told("told_millions", sheet=title, below=f"{MILLIONS_BELOW:,}",
                 largest=f"{max(amounts):,g}")]


def notes(tables: Iterable[Table]) -> tuple[str, ...]:
    found = []
    for table in tables:
        if table.raw is None or not table.records:
            continue
        if table.sheet not in _ROW_CHOICES:
            found += _absent_columns(table)
        if table.raw.hidden_rows:
            rows = ", ".join(str(row) for row in table.raw.hidden_rows[:10])
            more = Told("told_hidden_more") if len(table.raw.hidden_rows) > 10 else ""
            found.append(Told("told_hidden_rows", sheet=table.title, rows=rows, more=more))
    return tuple(found)


def _absent_columns(table: Table) -> list[str]:
    absent = []
    for column in table.sheet.columns:
        means = _BLANK_MEANS.search(column.help)
        if column.required or means is None or normalise(column.name) in table.raw.columns:
            continue
        absent.append(Told("told_absent_column", sheet=table.title, name=column.name,
                           means=_said(means.group(1))))
    return absent


def _said(means: str) -> Told | str:
    """What a blank means, as a Told where it is words ("off"); a number as it is."""
    key = "told_means_" + re.sub(r"\W+", "_", means).strip("_")
    return Told(key) if key in TEMPLATES else means
