"""A workbook's problems, warnings and notes in Dutch: the same problems at the same cells
as in English, said from the catalogue (readers/texts.py, writers/words_readers.py)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from optimiser.cli.main import main
from optimiser.errors import WorkbookInvalid
from optimiser.readers.texts import TEMPLATES, Told
from optimiser.readers.validate import read_workbook
from optimiser.whatif.scenarios import check_scenarios, scenario_inputs, scenarios_of
from optimiser.writers.problems import invalid_text, problem_text
from optimiser.writers.words import MESSAGES, localise, sheet_title
from tests import test_scenarios as scenario_tests
from tests.corpus import DEFECTS, Defect
from tests.workbooks import minimal_sheets, write_workbook

SAME_IN_DUTCH = {"told_ref_instrument"}  # "instrument" is Dutch too


def test_every_reader_message_is_in_the_catalogue_with_its_english_unchanged():
    for key, english in TEMPLATES.items():
        assert MESSAGES[key]["en"] == english, key
        assert MESSAGES[key]["nl"] != english or key in SAME_IN_DUTCH or "{" in english, key


def test_a_told_keeps_its_key_and_values_through_a_pickle():
    told = Told("told_blank", what=Told("told_expect_number"))
    again = pickle.loads(pickle.dumps(told))
    assert (again, again.key, localise(again, "nl")) == (told, "told_blank",
                                                         "is leeg; verwacht een getal")


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda defect: defect.name)
def test_every_problem_of_the_corpus_is_said_in_dutch(defect: Defect, tmp_path: Path):
    with pytest.raises(WorkbookInvalid) as caught:
        read_workbook(defect.build(tmp_path))
    error = caught.value
    for problem in error.problems:
        assert getattr(problem.message, "key", None) in MESSAGES, problem.message
        dutch = problem_text(problem, "nl")
        assert dutch != str(problem)
        where = "werkmap" if problem.sheet is None else problem.where
        assert dutch.startswith(f"{where}: "), dutch
        if problem.value is not None:
            assert dutch.endswith(f" (gevonden {problem.value!r})"), dutch
    lines = invalid_text(error, "nl").splitlines()
    assert len(lines) == len(error.problems) + 1
    assert invalid_text(error, "en") == str(error)


def several_mistakes(folder: Path, lang: str | None = None) -> Path:
    """Four mistakes on four sheets (and a Settings lang, when given)."""
    sheets = minimal_sheets()
    sheets["Countries"][1][3] = "abc"  # D2: relevance, text
    sheets["Instruments"][2][2] = 15  # C3: oda_share, a percentage typed as 15
    sheets["Envelopes"][1][2] = "6.000.000"  # C2: text that looks like a number
    sheets["Envelopes"][2][1] = "BHO-ODA"  # B3: no such source
    if lang:
        sheets["Settings"] = [["key", "value"], ["lang", lang]]
    return write_workbook(folder / "book.xlsx", sheets)


DUTCH_LINES = [
    "book.xlsx is niet geldig: 4 problemen gevonden",
    "  - Countries!D2: relevance moet een getal zijn (gevonden 'abc')",
    "  - Instruments!C3: oda_share moet een aandeel van 0 tot 1 zijn: 15 — bedoelt u 0.15? "
    "(gevonden 15)",
    "  - Envelopes!C2: amount_eur bevat tekst die op een getal lijkt; typ het als een gewoon "
    "getal (geen scheidingstekens voor duizendtallen, geen % of valutateken in tekst) of maak "
    "de cel op als Getal: het programma raadt nooit wat tekst betekent (gevonden '6.000.000')",
    "  - Envelopes!B3: source noemt geen bron van het blad Sources; bedoelt u 'BHO ODA'? "
    "(gevonden 'BHO-ODA')",
]


def test_several_mistakes_are_the_same_problems_in_english_and_dutch(tmp_path):
    with pytest.raises(WorkbookInvalid) as caught:
        read_workbook(several_mistakes(tmp_path))
    error = caught.value
    assert error.lang == "en"
    english, dutch = str(error).splitlines(), invalid_text(error, "nl").splitlines()
    assert english[0] == "book.xlsx is not valid: 4 problems found"
    assert dutch == DUTCH_LINES
    # the same places and values, in the same order
    assert [line.split(": ")[0] for line in english[1:]] == \
        [line.split(": ")[0] for line in dutch[1:]]
    assert [line.rpartition(" (found ")[2] for line in english[1:]] == \
        [line.rpartition(" (gevonden ")[2] for line in dutch[1:]]


def invoke(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.mark.parametrize("command", ["validate", "run", "explain"])
def test_lang_nl_on_the_command_line_says_the_problems_in_dutch(command, tmp_path):
    book = several_mistakes(tmp_path)
    english = invoke(command, book)
    dutch = invoke(command, book, "--lang", "nl")
    assert english.exit_code == dutch.exit_code == 3
    assert "book.xlsx is not valid: 4 problems found" in english.stderr
    assert dutch.stderr.splitlines()[-5:] == DUTCH_LINES


def test_settings_lang_chooses_the_language_of_the_problems_and_lang_wins(tmp_path):
    book = several_mistakes(tmp_path, lang="nl")
    with pytest.raises(WorkbookInvalid) as caught:
        read_workbook(book)
    assert caught.value.lang == "nl"
    assert invoke("validate", book).stderr.splitlines()[-5:] == DUTCH_LINES
    english = invoke("validate", book, "--lang", "en")
    assert english.exit_code == 3
    assert english.stderr.strip() == str(caught.value)


def test_one_problem_is_said_in_the_singular(tmp_path):
    sheets = minimal_sheets()
    sheets["Countries"][1][3] = "abc"
    result = invoke("validate", write_workbook(tmp_path / "one.xlsx", sheets), "--lang", "nl")
    assert result.exit_code == 3
    assert result.stderr.startswith("one.xlsx is niet geldig: 1 probleem gevonden\n")


def millions_book(folder: Path) -> Path:
    """Valid, with envelopes typed in millions (a warning) and optional columns left out
    (notes)."""
    sheets = minimal_sheets()
    sheets["Envelopes"][1][2], sheets["Envelopes"][2][2] = 6, 2
    return write_workbook(folder / "millions.xlsx", sheets)


def test_validate_lang_nl_says_its_summary_warnings_and_notes_in_dutch(tmp_path):
    book = millions_book(tmp_path)
    english = invoke("validate", book)
    dutch = invoke("validate", book, "--lang", "nl")
    assert english.exit_code == dutch.exit_code == 0
    assert english.stdout.startswith(
        "millions.xlsx is valid: 1 year, 2 countries, 2 instruments, 2 sources.\n"
        "Warning: every amount_eur on the Envelopes sheet is below EUR 1,000")
    assert dutch.stdout.startswith(
        "millions.xlsx is geldig: 1 jaar, 2 landen, 2 instrumenten, 2 bronnen.\n"
        "Waarschuwing: elke amount_eur op het blad Envelopes ligt onder EUR 1,000")
    assert ("Opmerking: Instruments heeft geen kolom effectiveness, dus elke rij krijgt de "
            "standaard (1)") in dutch.stdout
    assert len(english.stdout.splitlines()) == len(dutch.stdout.splitlines())


def test_a_dutch_result_workbook_says_the_readers_warnings_and_notes_in_dutch(tmp_path):
    out = tmp_path / "out.xlsx"
    ran = invoke("run", millions_book(tmp_path), "-o", out, "--lang", "nl")
    assert ran.exit_code == 0, ran.output
    assert "Waarschuwing: elke amount_eur op het blad Envelopes" in ran.stdout
    book = load_workbook(out, read_only=True)
    texts = {str(value) for name in (sheet_title("Summary", "nl"), sheet_title("Run info", "nl"))
             for row in book[name].iter_rows(values_only=True) for value in row if value}
    book.close()
    assert any(text.startswith("elke amount_eur op het blad Envelopes") for text in texts)
    assert any(text.startswith("Instruments heeft geen kolom effectiveness") for text in texts)
    assert not any("is below EUR" in text or "has no effectiveness" in text for text in texts)


# The Scenarios rows of tests/test_scenarios.py that each have one problem (its cases).
_CASES = scenario_tests.test_each_problem_names_the_scenarios_cell_the_value_and_what_is_expected
SCENARIO_ROWS = [case[0] for case in _CASES.pytestmark[0].args[1]]


@pytest.mark.parametrize("row", SCENARIO_ROWS, ids=lambda row: f"{row[1]}-{row[3]}-{row[2]}")
def test_every_problem_of_a_scenarios_row_is_said_in_dutch(row, tmp_path):
    sheets = scenario_tests.base_sheets()
    sheets["Scenarios"] = [scenario_tests.HEADER, row]
    (problem,) = check_scenarios(read_workbook(write_workbook(tmp_path / "s.xlsx", sheets)))
    assert getattr(problem.message, "key", None) in MESSAGES, problem.message
    dutch = problem_text(problem, "nl")
    assert dutch.startswith(f"{problem.where}: ") and dutch != str(problem)


def test_a_scenarios_problem_is_said_in_the_language_of_the_settings(tmp_path):
    sheets = scenario_tests.base_sheets()
    sheets["Settings"].append(["lang", "nl"])
    sheets["Scenarios"] = [scenario_tests.HEADER,
                           ["cut", "Envelopes", "year=2030", "amount_eur", "set", 0]]
    workbook = read_workbook(write_workbook(tmp_path / "s.xlsx", sheets))
    with pytest.raises(WorkbookInvalid) as caught:
        scenario_inputs(workbook, scenarios_of(workbook)[0])
    assert caught.value.lang == "nl"
    assert invalid_text(caught.value).splitlines()[1] == (
        "  - Scenarios!C2: match selecteert geen rij van het blad Envelopes: geen rij heeft "
        "year=2030 (de kolom heeft 2027, 2028) (gevonden 'year=2030')")
