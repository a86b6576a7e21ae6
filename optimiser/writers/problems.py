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
    lang = lang or error.lang
    if lang == DEFAULT_LANGUAGE:
        return str(error)
    count = len(error.problems)
    head = say("invalid_head_one" if count == 1 else "invalid_head", lang,
               source=error.source, count=count)
    return "\n".join([head, *(f"  - {problem_text(p, lang)}" for p in error.problems)])


def problem_text(problem: Problem, lang: str = DEFAULT_LANGUAGE) -> str:
    """"Sheet!C4: message (found 'abc')" in `lang`."""
    if lang == DEFAULT_LANGUAGE:
        return str(problem)
    if problem.sheet is None:
        where = say("invalid_workbook", lang)
    else:
        where = f"{problem.sheet}!{problem.cell}" if problem.cell else problem.sheet
    note = getattr(problem, "note", "")  # a cell a scenario changed (readers.validate)
    if note:
        where = f"{where} ({localise(note, lang)})"
    found = "" if problem.value is None else say("invalid_found", lang,
                                                 value=repr(problem.value))
    return f"{where}: {localise(problem.message, lang)}{found}"


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
