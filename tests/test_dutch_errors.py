"""The errors a run can stop on (a refused output, an option that does not fit, no
allocation) say their message in the run's language: `--lang`, or the workbook's Settings
lang where it was read. English messages are the templates of `optimiser.errors`."""

from __future__ import annotations

import re

from optimiser.errors import ERROR_TEMPLATES, ErrorText, OutputRefused
from optimiser.writers.words import MESSAGES, localise
from tests.cli_helpers import allocate
from tests.test_dutch_workbooks import book_sheets, overcommit
from tests.trust_books import sheets_with
from tests.workbooks import write_workbook


def test_every_error_message_is_in_the_catalogue_with_its_english():
    for key, english in ERROR_TEMPLATES.items():
        assert MESSAGES[key]["en"] == english
        words = re.sub(r"\{\w+\}", "", english)  # "  - {problem}" has none to translate
        assert MESSAGES[key]["nl"] != english or not re.search(r"[a-z]{2}", words), key


def test_an_error_is_english_as_it_was_and_dutch_from_its_key():
    error = OutputRefused(ErrorText("new_is_input", word="scenarios workbook", path="b.xlsx"))
    assert str(error) == ("The scenarios workbook b.xlsx is the input workbook; the input is "
                          "never overwritten. Choose another -o path.")
    assert localise(error.args[0], "nl") == (
        "De scenariowerkmap b.xlsx is de invoerwerkmap; de invoer wordt nooit overschreven. "
        "Kies een ander pad met -o.")


def test_a_refused_output_is_said_in_the_commands_language(tmp_path):
    write_workbook(tmp_path / "book.xlsx", book_sheets())
    english = allocate(tmp_path, "run", "book.xlsx", "-o", "book.xlsx")
    dutch = allocate(tmp_path, "run", "book.xlsx", "-o", "book.xlsx", "--lang", "nl")
    assert english.code == dutch.code == 2
    assert "is the input workbook; the input is never overwritten" in english.err
    assert "is de invoerwerkmap; de invoer wordt nooit overschreven" in dutch.err


def test_an_option_that_does_not_fit_is_said_in_dutch(tmp_path):
    write_workbook(tmp_path / "book.xlsx", book_sheets())
    ran = allocate(tmp_path, "run", "book.xlsx", "--matrix-year", "1999", "--lang", "nl")
    assert ran.code == 2
    assert "--matrix-year 1999 is geen planningsjaar; het blad Envelopes heeft" in ran.err


def test_the_note_on_an_earlier_output_is_dutch_too(tmp_path):
    write_workbook(tmp_path / "bad.xlsx", sheets_with(overcommit))
    (tmp_path / "out.xlsx").write_bytes(b"an earlier result")
    ran = allocate(tmp_path, "run", "bad.xlsx", "-o", "out.xlsx", "--lang", "nl")
    assert ran.code == 4
    assert "out.xlsx is gelaten zoals het was: het komt van een eerdere run" in ran.err
    assert "De regels spreken elkaar tegen" in ran.err


def test_the_template_command_speaks_the_templates_language(tmp_path):
    dutch = allocate(tmp_path, "template", "sjabloon.xlsx", "--lang", "nl")
    english = allocate(tmp_path, "template", "template.xlsx")
    assert dutch.code == english.code == 0
    assert "Sjabloon geschreven naar sjabloon.xlsx" in dutch.out
    assert "controleer het dan met: allocate validate sjabloon.xlsx" in dutch.out
    assert "Template written to template.xlsx" in english.out
