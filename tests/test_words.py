"""The message catalogue: every key in every language, and a Dutch run prints the same
figures as an English one (`allocate run --lang nl`, or `lang` in Settings)."""

from __future__ import annotations

import re
import string

import pytest
from click.testing import CliRunner

from optimiser.cli.main import main
from optimiser.errors import WorkbookInvalid
from optimiser.readers.validate import read_workbook
from optimiser.writers.words import LANGUAGES, MESSAGES
from tests.workbooks import minimal_sheets, write_workbook

NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_exists_in_every_language_with_the_same_fields(key):
    texts = MESSAGES[key]
    assert set(texts) == set(LANGUAGES)
    assert all(texts[lang].strip() for lang in LANGUAGES)
    assert len({frozenset(fields(text)) for text in texts.values()}) == 1, texts


def invoke(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def test_a_dutch_run_prints_the_same_figures_as_an_english_one(tmp_path):
    book = write_workbook(tmp_path / "book.xlsx", minimal_sheets())
    english = invoke("run", book, "-o", tmp_path / "en.xlsx")
    dutch = invoke("run", book, "-o", tmp_path / "nl.xlsx", "--lang", "nl")
    assert english.exit_code == dutch.exit_code == 0, dutch.output
    assert dutch.stdout.startswith("Status: optimaal   Impactindex: 100.0   Toegewezen: EUR")
    assert "Resultaat geschreven naar" in dutch.stdout
    # the same numbers in the same order (the file names differ: en/nl)
    assert NUMBER.findall(english.stdout) == NUMBER.findall(dutch.stdout)


def test_lang_in_settings_chooses_the_language(tmp_path):
    sheets = minimal_sheets()
    sheets["Settings"] = [["key", "value"], ["lang", "NL"]]
    book = write_workbook(tmp_path / "book.xlsx", sheets)
    assert read_workbook(book).data.settings.lang == "nl"
    ran = invoke("run", book, "-o", tmp_path / "out.xlsx")
    assert "Impactindex" in ran.stdout
    english = invoke("run", book, "-o", tmp_path / "en.xlsx", "--lang", "en")
    assert "Impact index" in english.stdout  # the command line wins


def test_an_unknown_language_is_an_error_naming_the_cell(tmp_path):
    sheets = minimal_sheets()
    sheets["Settings"] = [["key", "value"], ["lang", "fr"]]
    with pytest.raises(WorkbookInvalid) as caught:
        read_workbook(write_workbook(tmp_path / "book.xlsx", sheets))
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.cell, problem.value) == ("Settings", "B2", "fr")
    assert "lang 'fr' is not a known language; use en or nl" in str(caught.value)
