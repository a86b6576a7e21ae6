"""Spreadsheet habits met head-on, each with a workbook built the way people build it.

Every test goes through the real `allocate` command. Workbooks with formulas are
saved through LibreOffice, so their formulas have saved values as in a file a
person saved (those tests are skipped without `soffice`).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from optimiser.writers.office import convert, soffice
from tests.cli_helpers import allocate, key_values
from tests.workbooks import edit_workbook, minimal_sheets, write_workbook


def needs_libreoffice(test):
    skip = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not on the PATH")
    return pytest.mark.libreoffice(skip(test))


def problem_lines(text: str) -> list[str]:
    return [line.strip()[2:] for line in text.splitlines() if line.strip().startswith("- ")]


def saved_by_libreoffice(tmp_path, sheets, as_type="xlsx"):
    write_workbook(tmp_path / "typed.xlsx", sheets)
    convert(tmp_path / "typed.xlsx", as_type, tmp_path / "saved")
    return tmp_path / "saved" / f"typed.{as_type}"


@needs_libreoffice
def test_totals_rows_are_one_message_each(tmp_path):
    sheets = minimal_sheets()
    sheets["Envelopes"].append(["Totaal", None, "=SUM(C2:C3)"])  # labelled, with a sum
    sheets["Countries"].append([None, None, None, "=SUM(D2:D3)"])  # a sum alone
    path = saved_by_libreoffice(tmp_path, sheets)
    ran = allocate(path.parent, "validate", path.name)
    assert ran.code == 3
    assert problem_lines(ran.text) == [
        "Countries!D4: row 4 looks like a totals row under the table; the tool adds the rows "
        "up itself, so delete the row (keep totals on a sheet of your own) (found 5)",
        "Envelopes!A4: row 4 looks like a totals row under the table; the tool adds the rows "
        "up itself, so delete the row (keep totals on a sheet of your own) (found 'Totaal')",
    ]
    assert "is blank" not in ran.text


def test_a_total_label_in_the_last_row_is_reported_once(tmp_path):
    sheets = minimal_sheets()
    sheets["Envelopes"].append([None, "Total", 8_000_000])
    write_workbook(tmp_path / "book.xlsx", sheets)
    ran = allocate(tmp_path, "validate", "book.xlsx")
    assert ran.code == 3
    assert problem_lines(ran.text) == [
        "Envelopes!B4: row 4 looks like a totals row under the table; the tool adds the rows "
        "up itself, so delete the row (keep totals on a sheet of your own) (found 'Total')"]


def test_envelopes_laid_out_wide_show_the_rows_they_should_be(tmp_path):
    sheets = minimal_sheets()
    sheets["Envelopes"] = [["source", 2027, 2028], ["BHO ODA", 6_000_000, 7_000_000],
                           ["A&M non-ODA", 2_000_000, 2_500_000]]
    write_workbook(tmp_path / "book.xlsx", sheets)
    ran = allocate(tmp_path, "validate", "book.xlsx")
    assert ran.code == 3
    assert problem_lines(ran.text) == [
        "Envelopes!B1: the years stand across the header row; the sheet needs one row per "
        "year and source, with columns year, source, amount_eur: year 2027, source BHO ODA, "
        "amount_eur 6000000; year 2028, source BHO ODA, amount_eur 7000000 (found '2027')"]


def test_amounts_that_look_like_millions_warn_in_validate_and_run(tmp_path):
    sheets = minimal_sheets()
    sheets["Envelopes"][1][2], sheets["Envelopes"][2][2] = 6, 2
    sheets["Countries"][1][2] = 10
    write_workbook(tmp_path / "book.xlsx", sheets)
    warning = ("Warning: every amount_eur on the Envelopes sheet is below EUR 1,000 (the "
               "largest is 6); amounts are in euros: if these are millions, multiply them by "
               "1,000,000 (type 6000000, not 6)")
    checked = allocate(tmp_path, "validate", "book.xlsx")
    assert checked.code == 0 and warning in checked.text
    ran = allocate(tmp_path, "run", "book.xlsx", "-o", "out.xlsx")
    assert ran.code == 0 and warning in ran.text


def test_absent_optional_columns_are_named_with_their_default(tmp_path):
    sheets = minimal_sheets()
    sheets["Commitments"] = [["reference", "year", "country", "instrument", "amount_eur"],
                             ["C-1", 2027, "Jordan", "shelter", 1_000_000]]
    sheets["Countries"] = [row[:2] + row[3:] for row in sheets["Countries"]]  # no absorption
    write_workbook(tmp_path / "book.xlsx", sheets)
    checked = allocate(tmp_path, "validate", "book.xlsx")
    assert checked.code == 0, checked.text
    absorption = ("Countries has no absorption_eur column, so every row takes its default "
                  "(no limit)")
    tied = "Commitments has no source column, so every row takes its default (from any source)"
    assert f"Note: {absorption}" in checked.text and f"Note: {tied}" in checked.text
    assert allocate(tmp_path, "run", "book.xlsx", "-o", "out.xlsx").code == 0
    notes = [v for k, v in key_values(tmp_path / "out.xlsx", "Run info").items()
             if str(k).startswith("note_")]
    assert absorption in notes and tied in notes


def test_alike_problems_on_a_run_of_cells_are_one_line_with_the_range(tmp_path):
    sheets = minimal_sheets()
    sheets["Envelopes"] = [["year", "source", "amount_eur", "min_spend_share"],
                           *[[year, source, 1_000_000, share] for year, (source, share) in
                             zip((2027, 2027, 2028, 2028),
                                 (("BHO ODA", 90), ("A&M non-ODA", 85), ("BHO ODA", 90),
                                  ("A&M non-ODA", 0.5)), strict=True)]]
    write_workbook(tmp_path / "book.xlsx", sheets)
    ran = allocate(tmp_path, "validate", "book.xlsx")
    assert ran.code == 3
    assert problem_lines(ran.text) == [
        "Envelopes!D2:D4: min_spend_share must be a share from 0 to 1: 90 — did you mean 0.9? "
        "(the same in all 3 cells; the first is shown) (found 90)"]


def test_formulas_without_saved_values_on_a_run_of_cells_are_one_line(tmp_path):
    sheets = minimal_sheets()
    sheets["Envelopes"][1][2], sheets["Envelopes"][2][2] = "=6*1000000", "=2*1000000"
    write_workbook(tmp_path / "book.xlsx", sheets)  # openpyxl saves no values: never opened
    ran = allocate(tmp_path, "validate", "book.xlsx")
    assert ran.code == 3
    [line] = problem_lines(ran.text)
    assert line.startswith("Envelopes!C2:C3: amount_eur holds a formula without a calculated "
                           "value")
    assert line.endswith("(the same in all 2 cells; the first is shown) (found '=6*1000000')")


def test_hidden_and_filtered_rows_are_read_and_said_so(tmp_path):
    path = write_workbook(tmp_path / "book.xlsx", minimal_sheets())

    def hide(book):
        book["Countries"].auto_filter.ref = "A1:D3"
        book["Countries"].row_dimensions[3].hidden = True  # filtered out
        book["Sources"].row_dimensions[2].hidden = True  # hidden by hand

    edit_workbook(path, hide)
    ran = allocate(tmp_path, "validate", "book.xlsx")
    assert ran.code == 0, ran.text
    assert ("Note: Countries: row(s) 3 are hidden (by hand or by a filter) and are read like "
            "every other row") in ran.text
    assert "Note: Sources: row(s) 2 are hidden" in ran.text
    assert "2 countries" in ran.text  # the hidden one is read


def test_a_date_typed_as_a_year_is_shown_as_seen_with_the_year_suggested(tmp_path):
    sheets = minimal_sheets()
    sheets["Envelopes"][1][0] = datetime(2027, 1, 1)
    write_workbook(tmp_path / "book.xlsx", sheets)
    ran = allocate(tmp_path, "validate", "book.xlsx")
    assert ran.code == 3
    assert ("Envelopes!A2: year holds the date 01-01-2027 where a year belongs; did you mean "
            "2027? Format the cell as Number and type the year (found '01-01-2027')") in ran.text


def test_a_dutch_country_name_suggests_its_english_form(tmp_path):
    sheets = minimal_sheets()
    sheets["Fit"] = [["country", "instrument", "fit"], ["Marokko", "shelter", 0.5]]
    write_workbook(tmp_path / "book.xlsx", sheets)
    ran = allocate(tmp_path, "validate", "book.xlsx")
    assert ran.code == 3
    assert ("Fit!A2: country names no country of the Countries sheet; did you mean 'Morocco' "
            "('Marokko' is Dutch)? (found 'Marokko')") in ran.text


@needs_libreoffice
def test_an_ods_file_is_refused_with_how_to_save_it(tmp_path):
    path = saved_by_libreoffice(tmp_path, minimal_sheets(), "ods")
    ran = allocate(path.parent, "validate", path.name)
    assert ran.code == 3
    assert "OpenDocument spreadsheet (.ods)" in ran.text
    assert "open it in LibreOffice" in ran.text and "in Excel" in ran.text


def test_a_complete_last_record_is_not_taken_for_a_totals_row(tmp_path):
    sheets = minimal_sheets()
    sheets["Limits"] = [["name", "max_eur"], ["Total", 7_000_000]]  # a limit called Total
    write_workbook(tmp_path / "book.xlsx", sheets)
    ran = allocate(tmp_path, "validate", "book.xlsx")
    assert ran.code == 0, ran.text
