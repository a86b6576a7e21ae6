"""No English of the tool's own on a Dutch workbook: every cell of every sheet the tool
writes in the Dutch result, scenarios, sensitivity, diagnostics and alternatives workbooks
(from the small books of tests/test_dutch_workbooks.py) is scanned for English words.

What may stay English is named here, each with why: the user's data, the machine keys of
column A (SPEC §4, docs/result-workbook.md) and the English twins in the glossary's
brackets.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.test_dutch_workbooks import INPUT_TITLES, KINDS, write_all
from tests.workbooks import write_workbook

# English words a Dutch text does not use (not `of`, `is`, `per`, `in`, `scenario`: Dutch too).
ENGLISH = re.compile(
    r"\b(?:the|and|not|only|with|which|would|than|when|each|every|this|that|these|there"
    r"|has|have|are|was|were|cannot|could|from|money|allocation|allocated|rules?|rows?"
    r"|optimal|infeasible|feasible|invalid|failed|points?|workers?|solved?|held|funding"
    r"|decisions?|choices|between|against|highest|least|most|more|less)\b", re.IGNORECASE)

# Names in the cells that are English on purpose: the books' own data (countries,
# instruments, sources, scenario names), Settings keys and input column names (snake_case,
# as the user's English workbook writes them), the input sheets' names, options.
USER_WORDS = re.compile(
    r"Morocco|Jordan|Egypt|dialogue|shelter|protection|BHO ODA|A&M non-ODA|'no Egypt'"
    r"|^(?:same|cut|typo|more)\b"
    r"|\b[a-z]+(?:_[a-z0-9]+)+\b|--[a-z-]+|allocate (?:run|explain)"
    r"|\b(?:Criteria|Countries|Instruments|Sources|Envelopes|Commitments|Scenarios|Limits"
    r"|Settings|Returns|Fit)\b")
# The glossary gives the English term in brackets, for readers who meet it elsewhere.
GLOSSARY_TWINS = re.compile(r"\((?:binaries|gap)\)")

# Keys and values of SPEC §4 that a program reads (column A of the key-value sheets; the
# result's status value): English in every language.
KEY_SHEETS = {"Samenvatting", "Uitvoeringsgegevens", "Over de alternatieven"}
MACHINE_VALUE_KEYS = {"status"}


def leaks(path: Path) -> list[str]:
    """'sheet!cell: text' of every cell the tool wrote holding an English word."""
    book = load_workbook(path)
    found = []
    for sheet in book.worksheets:
        if sheet.title in INPUT_TITLES | {"Settings"}:
            continue
        for row in sheet.iter_rows():
            key = row[0].value if sheet.title in KEY_SHEETS else None
            for cell in row:
                if not isinstance(cell.value, str) or (cell.column == 1 and key is not None):
                    continue
                if key in MACHINE_VALUE_KEYS:
                    continue
                text = cell.value
                for words in (USER_WORDS, GLOSSARY_TWINS):
                    text = words.sub("", text)
                if ENGLISH.search(text):
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value[:100]}")
    book.close()
    return found


@pytest.fixture(scope="module")
def dutch(tmp_path_factory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("leaks") / "nl", "nl")


@pytest.mark.parametrize("kind", KINDS)
def test_no_english_on_a_dutch_workbook(dutch, kind):
    assert leaks(dutch[kind]) == []


def test_the_scan_finds_english_but_not_the_users_names(tmp_path):
    book = write_workbook(tmp_path / "b.xlsx", {
        "Samenvatting": [["sleutel", "waarde"], ["status", "optimal"],
                         ["note_1", "the base case did not solve"]],
        "Per land": [["land"], ["Morocco"], ["A&M non-ODA"], ["no_restart TRUE"],
                     ["marge (gap)"], ["optimal"]]})
    assert leaks(book) == ["Samenvatting!B3: the base case did not solve", "Per land!A6: optimal"]


def test_the_what_if_stage_says_its_texts_in_the_workbooks_language():
    import pickle

    from optimiser.whatif.said import Told, joined
    from optimiser.writers.words import localise

    stopped = Told("point_stopped", attempts=3)  # made in a worker, pickled to the parent
    assert stopped == ("the solver process stopped on this point (3 tries), as it does when "
                       "the computer runs out of memory; the other points are not affected")
    again = pickle.loads(pickle.dumps(stopped))
    assert again == stopped and localise(again, "nl").startswith(
        "het rekenproces stopte op dit punt (3 pogingen)")
    # a tornado point's two sides, each with its own reason, and an aim inside a note
    sides = joined([Told("point_side", word="low", message=Told("point_contradict")),
                    Told("point_side", word="high", message=stopped)])
    assert sides.startswith("low: The rules contradict each other") and " high: " in sides
    assert localise(sides, "nl").startswith("laag: De regels zijn met elkaar in strijd")
    assert " hoog: het rekenproces stopte" in localise(sides, "nl")
    note = Told("alt_note_close", name="A1", least="1,000,000",
                aim=Told("alt_aim_less", column="instrument", name="dialogue"))
    assert note.startswith("A1 (less money for instrument dialogue) is within EUR 1,000,000")
    assert localise(note, "nl").startswith("A1 (minder geld voor instrument dialogue) ligt")
    assert joined(None) == "" and localise("a user's own text", "nl") == "a user's own text"


def test_a_tornado_rows_two_methods_are_both_said_in_dutch():
    import pandas as pd
    from openpyxl import Workbook

    from optimiser.whatif.sheets import table_sheet

    # one side re-ran the base model, the other was rebuilt: the row names both
    table = pd.DataFrame({"method": ["quick re-run of the base model; rebuilt (model built "
                                     "and solved afresh)"], "low_status": ["optimal"]})
    placed = table_sheet(Workbook(), "Tornado", table, lang="nl")
    assert [cell.value for cell in placed.sheet[2]] == [
        "snelle herberekening van het basismodel; opnieuw opgebouwd (model opnieuw gebouwd "
        "en berekend)", "optimaal"]
