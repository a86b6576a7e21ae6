"""Dutch names (SPEC §5.4): sheets, headers, Settings keys, keywords and j/n, via the CLI."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from optimiser.readers import schema
from tests.cli_helpers import allocate, table
from tests.workbooks import minimal_sheets, write_workbook

BY_NAME = {sheet.name: sheet for sheet in schema.INPUT_SHEETS}


def in_dutch(sheets: dict) -> dict:
    """The same sheets under their Dutch sheet names and headers (row 1 translated)."""
    dutch = {}
    for title, rows in sheets.items():
        declared = BY_NAME[title]
        headers = {column.name: column.nl for column in declared.columns}
        dutch[declared.nl] = [[headers.get(h, h) for h in rows[0]], *rows[1:]]
    return dutch


def twin_sheets() -> dict:
    """minimal_sheets with a Limits row using EACH/ALL and a ramp setting, in English."""
    sheets = minimal_sheets()
    sheets["Settings"] = [["key", "value"], ["max_countries", 1]]
    sheets["Limits"] = [["name", "year", "country", "max_eur"], ["cap", "ALL", "EACH", 5_000_000]]
    return sheets


def test_every_name_has_a_dutch_name():
    for sheet in schema.INPUT_SHEETS:
        assert sheet.nl, sheet.name
        assert all(column.nl for column in sheet.columns), sheet.name
    assert all(setting.nl for setting in schema.SETTING_KEYS)
    # Dutch names never collide with another sheet's or column's name.
    titles = [name.casefold() for sheet in schema.INPUT_SHEETS for name in sheet.names]
    assert len(titles) == len(set(titles))
    for sheet in schema.INPUT_SHEETS:
        headers = [name.casefold() for column in sheet.columns for name in column.names]
        assert len(headers) == len(set(headers)), sheet.name


def test_a_dutch_workbook_solves_like_its_english_twin(tmp_path):
    english = twin_sheets()
    dutch = in_dutch(english)
    dutch["Instellingen"][1][0] = "max_landen"
    dutch["Grenzen"][1][1:3] = ["alle", "Elk"]
    dutch["Landen"][1][1], dutch["Landen"][2][1] = "j", "J"  # j/n booleans
    dutch["Bronnen"][1][1], dutch["Bronnen"][2][1] = "j", "n"
    dutch["Budgetten"][0][2] = "bedrag_eur"  # the other Dutch spelling of amount_eur
    write_workbook(tmp_path / "en.xlsx", english)
    write_workbook(tmp_path / "nl.xlsx", dutch)
    ran_en = allocate(tmp_path, "run", "en.xlsx", "-o", "en-out.xlsx")
    ran_nl = allocate(tmp_path, "run", "nl.xlsx", "-o", "nl-out.xlsx")
    assert ran_en.code == 0 and ran_nl.code == 0, ran_en.text + ran_nl.text
    # By hand: one country at most (Morocco, priority 8), at most 5M per year: 5M.
    allocation = table(tmp_path / "nl-out.xlsx", "Allocation")
    assert allocation == table(tmp_path / "en-out.xlsx", "Allocation")
    assert {row["country"] for row in allocation} == {"Morocco"}
    assert sum(row["amount_eur"] for row in allocation) == 5_000_000


def test_a_sheet_under_both_names_is_an_error_naming_both(tmp_path):
    sheets = minimal_sheets()
    sheets["Landen"] = in_dutch({"Countries": sheets["Countries"]})["Landen"]
    write_workbook(tmp_path / "both.xlsx", sheets)
    ran = allocate(tmp_path, "validate", "both.xlsx")
    assert ran.code == 3
    assert ("Landen: sheets 'Countries' and 'Landen' are the same input sheet under its "
            "English and its Dutch name; keep one of them") in ran.text


def test_a_column_under_both_names_is_an_error_naming_both_cells(tmp_path):
    sheets = minimal_sheets()
    sheets["Envelopes"] = [[*row, row[2]] for row in sheets["Envelopes"]]
    sheets["Envelopes"][0][3] = "Bedrag"
    write_workbook(tmp_path / "both.xlsx", sheets)
    ran = allocate(tmp_path, "validate", "both.xlsx")
    assert ran.code == 3
    assert ("Envelopes!D1: column 'Bedrag' is column 'amount_eur' (in C1) under its Dutch or "
            "English name; keep one of them (found 'Bedrag')") in ran.text


def test_a_setting_under_both_names_is_an_error(tmp_path):
    sheets = minimal_sheets()
    sheets["Settings"] = [["key", "value"], ["max_countries", 1], ["max_landen", 2]]
    write_workbook(tmp_path / "both.xlsx", sheets)
    ran = allocate(tmp_path, "validate", "both.xlsx")
    assert ran.code == 3
    assert ("Settings!A3: 'max_landen' is the setting 'max_countries' of row 2 under its Dutch "
            "or English name; keep one") in ran.text


def test_the_dutch_template_filled_in_solves_like_the_english_one(tmp_path):
    assert allocate(tmp_path, "template", "nl.xlsx", "--lang", "nl").code == 0
    assert allocate(tmp_path, "template", "en.xlsx").code == 0
    book = load_workbook(tmp_path / "nl.xlsx")
    assert {"Landen", "Budgetten", "Verplichtingen", "Grenzen", "Instellingen"} <= set(
        book.sheetnames)
    assert [c.value for c in book["Budgetten"][1]][:3] == ["jaar", "bron", "bedrag"]
    assert book["Instellingen"]["A2"].value == "groei_aandeel"
    assert book.defined_names["country_list"].attr_text.startswith("'Landen'!")
    english = minimal_sheets()
    for path, sheets in (("nl.xlsx", in_dutch(english)), ("en.xlsx", english)):
        filled = load_workbook(tmp_path / path)
        for title, rows in sheets.items():
            fill(filled[title], rows)
        filled.save(tmp_path / path)
    runs = [allocate(tmp_path, "run", name, "-o", f"out-{name}") for name in ("nl.xlsx", "en.xlsx")]
    assert [ran.code for ran in runs] == [0, 0], runs[0].text + runs[1].text
    assert table(tmp_path / "out-nl.xlsx", "Allocation") == table(tmp_path / "out-en.xlsx",
                                                                  "Allocation")


def fill(sheet, rows) -> None:
    """Put `rows` (header first) under the template's headers; other columns to the right."""
    letters = {cell.value: cell.column for cell in sheet[1] if cell.value}
    for header in rows[0]:
        if header not in letters:
            letters[header] = sheet.max_column + 1
            sheet.cell(1, letters[header], header)
    for number, row in enumerate(rows[1:], start=2):
        for header, value in zip(rows[0], row, strict=True):
            sheet.cell(number, letters[header], value)


def test_the_example_has_no_dutch_form(tmp_path):
    ran = allocate(tmp_path, "template", "x.xlsx", "--example", "--lang", "nl")
    assert ran.code == 2 and "The example is in English" in ran.text


def test_docs_list_every_dutch_name():
    text = (Path(__file__).parents[1] / "docs" / "workbook.md").read_text(encoding="utf-8")
    part = text[text.index("## Dutch names"):]
    names = [sheet.nl for sheet in schema.INPUT_SHEETS]
    names += [f"`{name}`" for sheet in schema.INPUT_SHEETS for column in sheet.columns
              for name in column.names]
    names += [f"`{setting.nl}`" for setting in schema.SETTING_KEYS]
    names += [f"`{word}`" for word in schema.KEYWORDS_NL.values()]
    assert [name for name in names if name not in part] == []
