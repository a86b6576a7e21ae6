"""A workbook's problems, warnings and notes as the terminal says them, in a language.

`WorkbookInvalid`'s own str is the English; `invalid_text(error, lang)` says the same
problems — same sheets, cells, values and order — in `lang`, each message looked up by its
key in the catalogue (`words.localise`). Sheet and column names stay as the workbook has
them; a message without a key (made outside the readers) stays as it is.
"""

from __future__ import annotations

from optimiser.errors import Problem, WorkbookInvalid
from optimiser.writers.words import DEFAULT_LANGUAGE, localise, say


def invalid_text(error: WorkbookInvalid, lang: str | None = None) -> str:
    """The error's text in `lang` (default: the language the error carries)."""
    return str(localise(error.said(), lang or error.lang))


def problem_text(problem: Problem, lang: str = DEFAULT_LANGUAGE) -> str:
    """"Sheet!C4: message (found 'abc')" in `lang`."""
    return str(localise(problem.said(), lang))


def counted(what: str, items, lang: str = DEFAULT_LANGUAGE) -> str:
    """'3 years', '1 country' in `lang`: `what` is year, country, instrument or source."""
    key = f"count_{what}_one" if len(items) == 1 else f"count_{what}"
    return say(key, lang, count=len(items))


def valid_summary(name: str, data, lang: str = DEFAULT_LANGUAGE) -> str:
    """`allocate validate`'s line for a valid workbook: what it holds."""
    return say("valid_summary", lang, name=name, years=counted("year", data.years, lang),
               countries=counted("country", data.countries, lang),
               instruments=counted("instrument", data.instruments, lang),
               sources=counted("source", data.sources, lang))
