"""Readers meet plain words: no solver term (LP, MIP, dual, basis, binaries, ...) on any
sheet of the four workbooks a user reads, outside Run info (which explains each term once
in its glossary), nor on the terminal without --verbose."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from optimiser import api
from optimiser.results.run_report import RunReport
from optimiser.whatif.sensitivity import SensitivityOptions
from optimiser.writers.terminal import run_summary
from optimiser.writers.words import GLOSSARY
from tests.jargon import TERMS, jargon
from tests.test_scenarios_run import CUT, MORE, SAME, TYPO, sheets
from tests.trust_books import sheets_with
from tests.workbooks import write_workbook


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> RunReport:
    # the example is a MIP (minimum programmes), so the notes on held funding choices show
    return api.run(None, tmp_path_factory.mktemp("example") / "example-allocation.xlsx")


def test_the_scan_finds_a_term(tmp_path):
    # the scan itself: a term on a reader's sheet is found, the same on Run info is not
    book = write_workbook(tmp_path / "b.xlsx", {"Summary": [["key"], ["the dual of a row"]],
                                                "Run info": [["key"], ["the LP basis"]]})
    assert jargon(book) == ["Summary!A2: the dual of a row"]


def test_result_workbook_has_plain_words(example):
    kept = set(load_workbook(api.example_path(), read_only=True).sheetnames)
    assert jargon(example.output_path, skip=kept) == []


def test_run_info_explains_every_term_once(example):
    keys = [row[0] for row in load_workbook(example.output_path)["Run info"].iter_rows(
        values_only=True)]
    terms = [key for key in keys if isinstance(key, str) and key.startswith("glossary: ")]
    assert len(terms) == len(set(terms)) == len(GLOSSARY)
    for term in ("LP", "MIP", "binaries", "basis"):
        assert any(term in key for key in terms), term


def test_terminal_has_plain_words(example):
    assert not TERMS.search(run_summary(example))


def test_whatif_workbooks_have_plain_words(tmp_path):
    book = write_workbook(tmp_path / "book.xlsx", sheets([SAME, CUT, TYPO, MORE]))
    api.scenarios(book, tmp_path / "scenarios.xlsx")
    api.sensitivity(book, tmp_path / "sensitivity.xlsx", options=SensitivityOptions(draws=4))
    assert jargon(tmp_path / "scenarios.xlsx") == []
    assert jargon(tmp_path / "sensitivity.xlsx") == []


def test_diagnostics_workbook_has_plain_words(tmp_path):
    def overcommit(sheets):  # a commitment above its envelope: infeasible
        sheets["Commitments"] = [["reference", "year", "country", "instrument", "source",
                                  "amount_eur"],
                                 ["K1", 2027, "Morocco", "dialogue", "A&M non-ODA", 3_000_000]]

    book = write_workbook(tmp_path / "bad.xlsx", sheets_with(overcommit))
    assert api.explain(book, tmp_path / "diagnostics.xlsx") is not None
    assert jargon(tmp_path / "diagnostics.xlsx") == []
