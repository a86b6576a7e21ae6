"""Dutch workbooks (`--lang nl`, or `lang` in Settings): the result, scenarios, sensitivity,
diagnostics and alternatives workbooks in Dutch, with the same figures as in English, no solver term
outside Run info, and no English sheet name or header left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from optimiser import api
from optimiser.whatif.sensitivity import SensitivityOptions
from optimiser.writers.excel import HEADER_FILL
from optimiser.writers.report import KEYS_PROPERTY
from optimiser.writers.words import MESSAGES
from optimiser.writers.words_sheets import HEADERS, SHEETS
from tests.cli_helpers import allocate, table
from tests.jargon import jargon
from tests.test_scenarios_run import CUT, MORE, SAME, TYPO, sheets
from tests.trust_books import sheets_with
from tests.workbooks import write_workbook

KINDS = ("result", "scenarios", "sensitivity", "diagnostics", "alternatives")


def book_sheets() -> dict:
    """The scenario fixture (Morocco, Jordan with a EUR 1.5M commitment; scenarios same,
    cut, typo, more) with Egypt kept out by a Limits row, so Why not has a row."""
    book = sheets([SAME, CUT, TYPO, MORE])
    book["Countries"].append(["Egypt", True, None, 3])
    book["Limits"] = [["name", "country", "max_eur"], ["no Egypt", "Egypt", 0]]
    return book


def overcommit(sheets):  # a commitment above its envelope: infeasible
    sheets["Commitments"] = [["reference", "year", "country", "instrument", "source",
                              "amount_eur"],
                             ["K1", 2027, "Morocco", "dialogue", "A&M non-ODA", 3_000_000]]


def write_all(folder: Path, lang: str) -> dict[str, Path]:
    """The five workbooks in `lang`, from small books (the example is slow)."""
    folder.mkdir()
    book = write_workbook(folder / "book.xlsx", book_sheets())
    bad = write_workbook(folder / "bad.xlsx", sheets_with(overcommit))
    paths = {kind: folder / f"{kind}.xlsx" for kind in KINDS}
    api.run(book, paths["result"], lang=lang)
    api.scenarios(book, paths["scenarios"], lang=lang)
    api.sensitivity(book, paths["sensitivity"], options=SensitivityOptions(draws=4),
                    lang=lang)
    assert api.explain(bad, paths["diagnostics"], lang=lang) is not None
    # two spread alternatives asked for, one steered: notes say why fewer were found
    api.alternatives(book, paths["alternatives"], count=2, favour=("country=Jordan",),
                     lang=lang)
    return paths


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, dict[str, Path]]:
    root = tmp_path_factory.mktemp("books")
    return {lang: write_all(root / lang, lang) for lang in ("en", "nl")}


INPUT_TITLES = {"Criteria", "Countries", "Instruments", "Sources", "Envelopes", "Commitments",
                "Scenarios", "Limits"}


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_solver_term_outside_run_info(books, kind, lang):
    assert jargon(books[lang][kind], skip=INPUT_TITLES) == []


def test_the_scan_finds_a_dutch_term(tmp_path):
    book = write_workbook(tmp_path / "b.xlsx", {
        "Samenvatting": [["sleutel"], ["de duale waarde van een rij"]],
        "Uitvoeringsgegevens": [["sleutel"], ["de optimale basis van de LP"]]})
    assert jargon(book) == ["Samenvatting!A2: de duale waarde van een rij"]


def test_dutch_workbooks_have_dutch_sheet_names(books):
    names = {kind: load_workbook(path, read_only=True).sheetnames
             for kind, path in books["nl"].items()}
    assert names["result"][:3] == ["Samenvatting", "Toewijzing", "Per land"]
    assert "Uitvoeringsgegevens" in names["result"] and "Waarom niet" in names["result"]
    assert names["scenarios"][:3] == ["Samenvatting", "Per jaar en bron", "Per jaar en land"]
    assert names["sensitivity"][:3] == ["Uitvoeringsgegevens", "Budgetcurve", "Curve per land"]
    assert names["diagnostics"][0] == "ONUITVOERBAAR"
    assert names["alternatives"][:6] == [
        "Alternatieven", "Alternatieven per land", "Alternatieven per instrument",
        "Over de alternatieven", "Toewijzing beste", "Toewijzing A1"]
    for title in SHEETS.values():
        assert len(title) <= 31 and not set(title) & set("[]:*?/\\"), title


# -- the same figures in both languages ---------------------------------------------

def cells(path: Path, title: str) -> list[tuple]:
    book = load_workbook(path, read_only=True)
    rows = [tuple(row) for row in book[title].iter_rows(min_row=2, values_only=True)]
    book.close()
    return rows


def test_a_dutch_result_has_the_english_allocation_and_summary(books):
    english, dutch = books["en"]["result"], books["nl"]["result"]
    assert cells(dutch, "Toewijzing") == cells(english, "Allocation")
    assert cells(dutch, "Toewijzing")  # not empty
    # Summary's keys and values (SPEC §4) are the same in both languages, bar the run's
    # clock and input; the front page beside them is in the workbook's language.
    def keyed(path, title):
        return {row[0]: row[1] for row in cells(path, title)
                if row[0] not in (None, "run_started", "input")}
    assert keyed(dutch, "Samenvatting") == keyed(english, "Summary")
    header = next(load_workbook(dutch, read_only=True)["Toewijzing"].iter_rows(
        max_row=1, values_only=True))
    assert header == ("jaar", "land", "instrument", "thema", "bron", "oda", "bedrag")


def test_a_dutch_why_not_gives_its_reason_in_dutch(books):
    # Egypt: max_eur 0 on a Limits row keeps it out whatever the values
    english = {row[1]: row for row in cells(books["en"]["result"], "Why not")}
    dutch = {row[1]: row for row in cells(books["nl"]["result"], "Waarom niet")}
    assert english["Egypt"][:6] == ("country", "Egypt", None, None, None, "excluded by a rule")
    assert dutch["Egypt"][:6] == ("land", "Egypt", None, None, None,
                                  "uitgesloten door een regel")
    # the explanation and the smallest change: the same facts, in Dutch
    assert english["Egypt"][6].endswith("('no Egypt') allows at most 0")
    assert dutch["Egypt"][6].endswith("('no Egypt') staat ten hoogste 0 toe")
    assert english["Egypt"][8].startswith("a maximum above 0 on ")
    assert dutch["Egypt"][8].startswith("een maximum boven 0 op ")


def test_a_dutch_result_names_each_sheet_by_its_english_key(books):
    props = load_workbook(books["nl"]["result"]).custom_doc_props
    keys = dict(pair.split("=") for pair in props[KEYS_PROPERTY].value.split("|"))
    assert keys["Summary"] == "Samenvatting" and keys["Allocation"] == "Toewijzing"
    assert keys["Matrix 2027"] == "Matrix 2027" and keys["Run info"] == "Uitvoeringsgegevens"


def numbers(path: Path, title: str) -> list:
    return [value for row in cells(path, title) for value in row
            if isinstance(value, int | float)]


@pytest.mark.parametrize(("english", "dutch"), [
    ("Summary", "Samenvatting"), ("By year and source", "Per jaar en bron"),
    ("By country", "Per land"), ("Input diff", "Gewijzigde invoer")])
def test_a_dutch_scenarios_workbook_has_the_english_figures(books, english, dutch):
    assert numbers(books["nl"]["scenarios"], dutch) == numbers(books["en"]["scenarios"],
                                                               english)
    assert numbers(books["nl"]["scenarios"], dutch)


def test_a_dutch_alternatives_workbook_has_the_english_figures(books):
    english, dutch = books["en"]["alternatives"], books["nl"]["alternatives"]
    for en, nl in (("Alternatives", "Alternatieven"), ("Alternatives by country",
                                                      "Alternatieven per land"),
                   ("Allocation best", "Toewijzing beste"), ("Allocation A1", "Toewijzing A1")):
        assert numbers(dutch, nl) == numbers(english, en), en
        assert numbers(dutch, nl)
    # the same rows, said in Dutch: the best's name, its aim and its status
    english_rows, dutch_rows = cells(english, "Alternatives"), cells(dutch, "Alternatieven")
    assert english_rows[3][:3] == ("Best", "the highest impact (as allocate run)", "optimal")
    assert dutch_rows[3][:3] == ("Beste", "de hoogste impact (zoals allocate run)", "optimaal")
    assert english_rows[4][1] == "more money for country Jordan"
    assert dutch_rows[4][1] == "meer geld voor land Jordan"


# -- no English left on a Dutch workbook ----------------------------------------------

DUTCH_NAMES = {*SHEETS.values(), *HEADERS.values()}
BUILT = [re.compile(r"Matrix \d{4}"), re.compile(r".+ verschil"),
         re.compile(r".+ \(gewicht \S+ × score\)"), re.compile(r"\d+%"), re.compile(r"\d{4}"),
         re.compile(r"Toewijzing (beste|A\d+)"), re.compile(r"A\d+")]
DATA_NAMES = {"Morocco", "Jordan", "Egypt", "dialogue", "shelter", "protection", "BHO ODA",
              "A&M non-ODA", "same", "cut", "typo", "more"}


def header_cells(path: Path) -> list[tuple[str, str]]:
    """(sheet, text) of every sheet name and header cell the tool wrote."""
    book = load_workbook(path)
    found = []
    for sheet in book.worksheets:
        if sheet.title in INPUT_TITLES:
            continue
        found.append((sheet.title, sheet.title))
        for row in sheet.iter_rows():
            found += [(sheet.title, cell.value) for cell in row
                      if cell.fill.fgColor.rgb == HEADER_FILL.fgColor.rgb and cell.value]
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_name_on_a_dutch_workbook_is_dutch_or_the_users(books, kind):
    found = header_cells(books["nl"][kind])
    assert found
    left = [(sheet, text) for sheet, text in found
            if str(text) not in DUTCH_NAMES | DATA_NAMES
            and not any(pattern.fullmatch(str(text)) for pattern in BUILT)]
    assert left == []


def test_english_headers_are_not_taken_for_dutch():
    # the check above would pass an untranslated header only if it were also Dutch
    english_only = {en for en, nl in HEADERS.items() if en != nl} - DUTCH_NAMES
    assert {"amount_eur", "money_moved_eur", "shadow price", "Total"} <= english_only
    assert all(set(MESSAGES[f"sheet:{name}"]) == {"en", "nl"} for name in SHEETS)


# -- the command line ---------------------------------------------------------------

def test_lang_in_settings_writes_dutch_workbooks(tmp_path):
    book = book_sheets()
    book["Settings"] = [["key", "value"], ["lang", "nl"]]
    write_workbook(tmp_path / "book.xlsx", book)
    ran = allocate(tmp_path, "run", "book.xlsx", "-o", "out.xlsx")
    assert ran.code == 0, ran.text
    assert load_workbook(tmp_path / "out.xlsx", read_only=True).sheetnames[0] == "Samenvatting"
    ran = allocate(tmp_path, "run", "book.xlsx", "-o", "en.xlsx", "--lang", "en")
    assert table(tmp_path / "en.xlsx", "Allocation")  # the command line wins


def test_scenarios_and_sensitivity_take_lang(tmp_path):
    write_workbook(tmp_path / "book.xlsx", book_sheets())
    ran = allocate(tmp_path, "scenarios", "book.xlsx", "-o", "s.xlsx", "--lang", "nl", "-q")
    assert ran.code == 0, ran.text
    assert load_workbook(tmp_path / "s.xlsx", read_only=True).sheetnames[0] == "Samenvatting"
    ran = allocate(tmp_path, "scenarios", "book.xlsx", "-o", "s2.xlsx", "--lang", "nl")
    assert "scenario('s) van book.xlsx" in ran.text and "Vergelijking geschreven" in ran.text
    ran = allocate(tmp_path, "sensitivity", "book.xlsx", "-o", "t.xlsx", "--lang", "nl",
                   "--sections", "tornado")
    assert ran.code == 0, ran.text
    assert "Gevoeligheid van book.xlsx" in ran.text
    assert "Tornado" in load_workbook(tmp_path / "t.xlsx", read_only=True).sheetnames


def test_alternatives_takes_lang(tmp_path):
    book = book_sheets()
    book["Settings"] = [["key", "value"], ["lang", "nl"]]
    write_workbook(tmp_path / "book.xlsx", book)
    ran = allocate(tmp_path, "alternatives", "book.xlsx", "-o", "a.xlsx", "--count", "1")
    assert ran.code == 0, ran.text
    assert "alternatief(en) van book.xlsx" in ran.text
    assert "Alternatieven geschreven naar" in ran.text and "Opmerking: " in ran.text
    assert load_workbook(tmp_path / "a.xlsx", read_only=True).sheetnames[0] == "Alternatieven"
    ran = allocate(tmp_path, "alternatives", "book.xlsx", "-o", "e.xlsx", "--count", "1",
                   "--lang", "en")  # the command line wins
    assert ran.code == 0 and "Alternatives written to" in ran.text
    assert load_workbook(tmp_path / "e.xlsx", read_only=True).sheetnames[0] == "Alternatives"


def test_explain_takes_lang(tmp_path):
    write_workbook(tmp_path / "bad.xlsx", sheets_with(overcommit))
    ran = allocate(tmp_path, "explain", "bad.xlsx", "-o", "d.xlsx", "--lang", "nl")
    assert ran.code == 4
    book = load_workbook(tmp_path / "d.xlsx", read_only=True)
    assert book.sheetnames[0] == "ONUITVOERBAAR"
    assert book["ONUITVOERBAAR"]["A1"].value.startswith("GEEN TOEWIJZING")
    write_workbook(tmp_path / "good.xlsx", book_sheets())
    ran = allocate(tmp_path, "explain", "good.xlsx", "--lang", "nl")
    assert ran.code == 0 and "good.xlsx is uitvoerbaar" in ran.text


@pytest.mark.slow
def test_the_example_in_dutch(tmp_path):
    english = api.run(None, tmp_path / "en.xlsx")
    dutch = api.run(None, tmp_path / "nl.xlsx", lang="nl")
    assert cells(dutch.output_path, "Toewijzing") == cells(english.output_path, "Allocation")
    kept = set(load_workbook(api.example_path(), read_only=True).sheetnames)
    assert jargon(dutch.output_path, skip=kept) == []
    # the example's own names are many: here, no English name of the catalogue is left
    english_only = {*HEADERS, *SHEETS} - DUTCH_NAMES
    left = [(sheet, text) for sheet, text in header_cells(dutch.output_path)
            if sheet not in kept and str(text) in english_only]
    assert left == []


# -- the portfolio checks' warnings --------------------------------------------------

def test_a_portfolio_warning_is_said_in_the_workbooks_language():
    import pickle

    from optimiser.results.portfolio_checks import Check
    from optimiser.writers.words import localise

    check = Check("check_concentration", column="theme", name="protection", share="75%",
                  amount="EUR 6.0M", total="EUR 8.0M", threshold="40%",
                  where="Settings, default", herfindahl="0.63")
    assert check.startswith("Concentration: theme protection holds 75% of the money")
    assert localise(check, "en") == check
    assert localise(check, "nl").startswith("Concentratie: thema protection krijgt 75% van")
    assert localise("a warning of the reader", "nl") == "a warning of the reader"
    again = pickle.loads(pickle.dumps(check))
    assert again == check and again.key == check.key and again.values == check.values


def test_a_dutch_workbook_with_taal_nl_gives_its_english_twins_allocation(tmp_path):
    from tests.test_dutch import in_dutch, twin_sheets

    english = twin_sheets()
    dutch = in_dutch(english)
    dutch["Instellingen"][1][0] = "max_landen"
    dutch["Instellingen"].append(["taal", "nl"])  # the Dutch key of the lang setting
    write_workbook(tmp_path / "en.xlsx", english)
    write_workbook(tmp_path / "nl.xlsx", dutch)
    assert allocate(tmp_path, "run", "en.xlsx", "-o", "en-out.xlsx").code == 0
    ran = allocate(tmp_path, "run", "nl.xlsx", "-o", "nl-out.xlsx")
    assert ran.code == 0, ran.text
    assert "Resultaat geschreven naar" in ran.text
    # By hand (tests/test_dutch.py): one country at most, Morocco, 5M per year at most.
    assert cells(tmp_path / "nl-out.xlsx", "Toewijzing") == cells(tmp_path / "en-out.xlsx",
                                                                  "Allocation")
    assert sum(row[-1] for row in cells(tmp_path / "nl-out.xlsx", "Toewijzing")) == 5_000_000


@pytest.mark.parametrize("kind", KINDS)
def test_dutch_workbooks_print_like_english_ones_with_a_dutch_footer(books, kind):
    for lang, page in (("en", "&A, page &P of &N"), ("nl", "&A, pagina &P van &N")):
        book = load_workbook(books[lang][kind])
        for sheet in book.worksheets:
            assert sheet.page_setup.fitToWidth == 1, (lang, sheet.title)
            assert sheet.oddFooter.center.text == page, (lang, sheet.title)
    if kind == "result":
        assert book["Samenvatting"].page_setup.fitToHeight == 1


def test_every_rule_has_a_dutch_title_and_dutch_books_use_it(books):
    from models.registry import RULES
    from optimiser.writers.words import MESSAGES, term

    assert all(f"value:{rule.title}" in MESSAGES for rule in RULES)
    english = cells(books["en"]["result"], "Binding limits")
    dutch = cells(books["nl"]["result"], "Bindende grenzen")
    assert [row[2] for row in dutch] == [term(row[2], "nl") for row in english]
    assert {row[2] for row in dutch} & {"Budget", "Landtotaal", "Capaciteit van de combinatie"}
    book = load_workbook(books["nl"]["diagnostics"], read_only=True)
    titles = {row[2] for sheet in book.worksheets[1:]
              for row in sheet.iter_rows(min_row=2, values_only=True) if len(row) > 2}
    book.close()
    assert titles and titles <= {term(rule.title, "nl") for rule in RULES}
