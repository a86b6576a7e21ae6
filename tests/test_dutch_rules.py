"""The rules' descriptions and `explain`'s answer in Dutch: the model says each rule as a
`RuleText` (an English str that keeps its template key and values), and a Dutch workbook,
terminal or diagnostics workbook says the same facts from the catalogue."""

from __future__ import annotations

import pickle
import re

import pytest
from openpyxl import load_workbook

from models.data import Origin
from models.labels import Conflict, Label, RuleKey
from models.phrases import RULE_TEMPLATES, Listed, RuleText, eur
from optimiser import api
from optimiser.solve.explain_texts import EXPLAIN_TEMPLATES
from optimiser.writers.words import LANGUAGES, MESSAGES, localise, places
from optimiser.writers.words_model import JOINERS
from tests.cli_helpers import allocate
from tests.test_dutch_workbooks import book_sheets, overcommit
from tests.trust_books import sheets_with
from tests.workbooks import write_workbook

ENGLISH_WORDS = re.compile(r"\b(at most|at least|total|row|rows|the|of the|and|only|money|"
                           r"committed|spend|rules)\b")


def test_every_rule_text_and_explain_line_is_in_the_catalogue_in_both_languages():
    for key in (*RULE_TEMPLATES, *EXPLAIN_TEMPLATES):
        assert set(MESSAGES[key]) == {"en", "nl"}, key
        assert MESSAGES[key]["en"] == {**RULE_TEMPLATES, **EXPLAIN_TEMPLATES}[key]


def test_every_way_of_joining_parts_is_in_every_language():
    assert set(JOINERS) == set(Listed.JOINERS)
    assert all(JOINERS[name]["en"] == text for name, text in Listed.JOINERS.items())
    assert all(set(words) == set(LANGUAGES) for words in JOINERS.values())


def test_a_limit_is_said_in_dutch_part_by_part():
    selection = Listed([RuleText("selection_all_years"),
                        RuleText("selection_part", column="country",
                                 names=Listed(["Morocco", "Egypt"]))], "semicolon")
    bounds = Listed([RuleText("limit_at_most", amount=eur(12_500_000)),
                     RuleText("limit_share_at_least", share="20%",
                              of=RuleText("limit_of_total"))], "and")
    text = RuleText("rule_limit", name="cap", selection=selection, bounds=bounds)
    assert text == ("cap (all years; country Morocco, Egypt): at most EUR 12.5M and at least "
                    "20% of total")
    assert localise(text, "nl") == ("cap (alle jaren; land Morocco, Egypt): ten hoogste "
                                    "EUR 12.5 mln en ten minste 20% van het totaal")
    assert localise(text, "en") is text


def test_places_name_rows_in_the_language_and_leave_other_words():
    where = Listed((Origin("Instruments", 13), Origin("Settings", 4)))
    assert where == "Instruments row 13, Settings row 4"
    assert localise(where, "nl") == "Instruments rij 13, Settings rij 4"
    assert places("Commitments rows 4, 5", "nl") == "Commitments rijen 4, 5"
    assert places("Narrow 5; row of 3", "nl") == "Narrow 5; row of 3"  # not a place
    assert places("Limits row 3", "en") == "Limits row 3"


def test_a_label_keeps_its_words_when_sent_to_a_worker():
    text = RuleText("rule_min_programme", country="Egypt", instrument="dialogue", year=2027,
                    amount=eur(1_000_000))
    label = Label(RuleKey.MIN_PROGRAMME, (Origin("Instruments", 3),), text)
    conflict = Conflict(label, RuleText("conflict_fit_zero", instrument="dialogue",
                                        country="Egypt"))
    again = pickle.loads(pickle.dumps(conflict))
    assert again == conflict and again.label.text.key == "rule_min_programme"
    assert localise(again.label.text, "nl") == ("Egypt × dialogue 2027: 0 of ten minste "
                                                "EUR 1.0 mln")
    assert localise(again.said(), "nl") == (
        "Instruments rij 3: Egypt × dialogue 2027: 0 of ten minste EUR 1.0 mln — dialogue is "
        "niet beschikbaar in Egypt (fit 0)")


@pytest.fixture(scope="module")
def diagnostics(tmp_path_factory) -> dict:
    """The diagnostics workbook of an over-committed book, in English and in Dutch."""
    root = tmp_path_factory.mktemp("diagnostics")
    bad = write_workbook(root / "bad.xlsx", sheets_with(overcommit))
    books = {}
    for lang in ("en", "nl"):
        assert api.explain(bad, root / f"{lang}.xlsx", lang=lang) is not None
        books[lang] = load_workbook(root / f"{lang}.xlsx", read_only=True)
    return books


def column(book, title: str, name: str) -> list:
    rows = list(book[title].iter_rows(values_only=True))
    at = rows[0].index(name)
    return [row[at] for row in rows[1:] if row[at] is not None]


def test_the_diagnostics_workbook_describes_the_conflict_in_dutch(diagnostics):
    english = column(diagnostics["en"], "Conflicting rules", "description")
    dutch = column(diagnostics["nl"], "Tegenstrijdige regels", "omschrijving")
    assert len(dutch) == len(english) >= 2
    assert any("at least EUR 3.0M committed (K1)" in text for text in english)
    assert any("ten minste EUR 3.0 mln verplicht (K1)" in text for text in dutch)
    assert [text for text in dutch if ENGLISH_WORDS.search(text)] == []


def test_the_diagnostics_notice_gives_the_answer_in_dutch(diagnostics):
    def lines(book, title):
        return [row[0] for row in book[title].iter_rows(min_row=4, values_only=True) if row[0]]
    english, dutch = lines(diagnostics["en"], "INFEASIBLE"), lines(diagnostics["nl"],
                                                                    "ONUITVOERBAAR")
    assert english[0].startswith("The rules contradict each other")
    assert dutch[0].startswith("De regels spreken elkaar tegen")
    assert len(dutch) == len(english)
    assert [line for line in dutch if ENGLISH_WORDS.search(line)] == []


def test_explain_prints_its_answer_in_dutch(tmp_path):
    write_workbook(tmp_path / "bad.xlsx", sheets_with(overcommit))
    english = allocate(tmp_path, "explain", "bad.xlsx", "-o", "en.xlsx")
    dutch = allocate(tmp_path, "explain", "bad.xlsx", "-o", "nl.xlsx", "--lang", "nl")
    assert english.code == dutch.code == 4
    assert "The rules contradict each other" in english.err
    assert "Diagnostics written to" in english.err
    assert "De regels spreken elkaar tegen" in dutch.err
    assert "Diagnose geschreven naar" in dutch.err and "nl.xlsx" in dutch.err
    assert "contradict" not in dutch.err
    # and says what it does as it goes, in Dutch too
    assert "bad.xlsx lezen ...\nHet model opbouwen ...\nBerekenen ..." in dutch.err
    assert "De strijdige regels zoeken (6 van 6 bekeken) ..." in dutch.err
    assert "Reading bad.xlsx ...\nBuilding the model ...\nSolving ..." in english.err


def test_settings_lang_makes_the_progress_dutch_once_read(tmp_path):
    book = sheets_with(overcommit)
    book["Settings"] = [["key", "value"], ["lang", "nl"]]
    write_workbook(tmp_path / "bad.xlsx", book)
    ran = allocate(tmp_path, "explain", "bad.xlsx", "-o", "nl.xlsx")
    assert ran.code == 4
    # the language is known once the Settings are read: the first line is in English
    assert ran.err.startswith("Reading bad.xlsx ...\nHet model opbouwen ...")
    assert "De regels spreken elkaar tegen" in ran.err


def test_a_dutch_result_describes_its_binding_rules_in_dutch(tmp_path):
    book = write_workbook(tmp_path / "book.xlsx", book_sheets())
    for lang in ("en", "nl"):
        api.run(book, tmp_path / f"{lang}.xlsx", lang=lang)
    english = column(load_workbook(tmp_path / "en.xlsx", read_only=True), "Binding limits",
                     "description")
    dutch = column(load_workbook(tmp_path / "nl.xlsx", read_only=True), "Bindende grenzen",
                   "omschrijving")
    assert len(dutch) == len(english) >= 2
    assert [text for text in dutch if ENGLISH_WORDS.search(text)] == []


def test_an_invalid_scenario_is_said_as_the_error_in_english_and_in_dutch():
    from optimiser.errors import Problem, WorkbookInvalid
    from optimiser.readers.texts import TEMPLATES
    from optimiser.readers.texts import Told as ReaderText
    from optimiser.readers.validate import NotedProblem

    key = next(key for key, text in TEMPLATES.items() if "{" not in text)
    message = ReaderText(key)
    error = WorkbookInvalid([
        Problem("Envelopes", "B3", "BHO-ODA", message),
        NotedProblem("Countries", None, None, message, note="changed by scenario 'cut'"),
        Problem(None, None, None, message)], source="book.xlsx")
    said = error.said()
    assert said == str(error)  # English: the error's own text, line for line
    dutch = localise(said, "nl").splitlines()
    assert dutch[0] == "book.xlsx is niet geldig: 3 problemen gevonden"
    assert dutch[1].startswith("  - Envelopes!B3: ") and dutch[1].endswith(
        " (gevonden 'BHO-ODA')")
    assert dutch[3].startswith("  - werkmap: ")
    assert pickle.loads(pickle.dumps(said)) == said


def test_where_the_marginal_values_come_from_is_said_in_dutch():
    from optimiser.writers.words import term

    held = "LP with the funding decisions (binaries) fixed at the MIP solution"
    assert term(held, "nl") == ("LP met de financieringskeuzes (binaire variabelen) "
                                "vastgehouden op de MIP-oplossing")
    assert term(held, "en") == held and term("LP", "nl") == "LP"


def test_a_catalogue_key_filed_twice_is_refused():
    # two parts of the catalogue once both had "matrix_year": the later silently won
    from optimiser.writers import words

    with pytest.raises(KeyError, match="filed twice"):
        words._file({"status_optimal": {"en": "optimal", "nl": "optimaal"}})
    assert words.MESSAGES["status_optimal"]["nl"] == "optimaal"
