"""The words a reader should not meet: solver terms, allowed only in Run info and the glossary.

Used by tests/test_plain_words.py and tests/test_dutch_workbooks.py on every user-facing sheet
of the workbooks (the alternatives workbook's About sheet is its technical note).
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import load_workbook

# Case matters for LP/MIP (an "lp" inside a word is not meant); the rest are whole words.
TERMS = re.compile(
    r"\bLPs?\b|\bMIPs?\b|(?i:\bduals?\b|\bbasis\b|\bbinar(?:y|ies)\b|\bparametric\b"
    r"|\bwarm[- ]start(?:ed)?\b|\blinear programme\b|\brelaxation\b|\bobjective\b"
    r"|\btiebreak\b|\bintegers?\b"
    # the same in Dutch (a `--lang nl` workbook)
    r"|\bduale?\b|\bbinaire?\b|\bparametrische?\b|\bwarme start\b|\blineair programma\b"
    r"|\bgeheeltallig\w*|\bschaduwprijs\w*|\bdoelfunctie\b|\brelaxatie\b)"
)
# Where the terms may stand: the technical sheets, each of which explains them once.
TECHNICAL_SHEETS = {"run info", "how this was computed", "uitvoeringsgegevens",
                    "about alternatives", "over de alternatieven"}


def jargon(path: Path, skip: set[str] = frozenset()) -> list[str]:
    """'sheet!cell: text' for every reader-facing cell holding a solver term.

    `skip`: sheet titles not written by the tool (the input sheets a result keeps)."""
    book = load_workbook(path, read_only=True)
    hits = []
    for sheet in book.worksheets:
        title = sheet.title
        if title.casefold() in TECHNICAL_SHEETS or title in skip:
            continue
        for row in sheet.iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                if isinstance(value, str) and TERMS.search(value):
                    hits.append(f"{title}!{cell.coordinate}: {value[:120]}")
    book.close()
    return hits
