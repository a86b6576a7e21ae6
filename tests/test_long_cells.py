"""No cell any tool writes is longer than 32,000 characters (tests/conftest.py scans
every workbook the tests write; these test the guard and the scan themselves)."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from optimiser.writers.excel import CUT_NOTE, MAX_CELL_CHARS, atomic_save, cut_text
from tests.conftest import long_cells


def test_a_text_longer_than_a_cell_is_cut_at_a_word_and_says_so(tmp_path):
    book = Workbook()
    words = "Instruments row 4: Sudan × Asylum and migration governance 2026; " * 800
    book.active["A1"] = words  # 52,800 characters
    book.active["A2"] = "short"
    atomic_save(book, tmp_path / "long.xlsx")
    sheet = load_workbook(tmp_path / "long.xlsx").active
    text = sheet["A1"].value
    assert len(text) <= MAX_CELL_CHARS and text.endswith(CUT_NOTE)
    assert words.startswith(text[: -len(CUT_NOTE)])
    assert words[len(text) - len(CUT_NOTE)] == " "  # cut before a word, not in one
    assert sheet["A2"].value == "short"
    assert long_cells(tmp_path / "long.xlsx") == []


def test_the_scan_finds_a_long_cell(tmp_path):
    book = Workbook()
    book.active["B2"] = "x" * (MAX_CELL_CHARS + 1)
    book.save(tmp_path / "raw.xlsx")  # not through the guard
    assert [length for _, length in long_cells(tmp_path / "raw.xlsx")] == [MAX_CELL_CHARS + 1]
    (tmp_path / "raw.xlsx").unlink()  # the autouse scan would fail this test otherwise


def test_cut_text_keeps_short_text_out_of_its_way():
    assert cut_text("a b c " * 10, limit=40).endswith(CUT_NOTE)
    assert len(cut_text("a" * 100, limit=80)) == 80
