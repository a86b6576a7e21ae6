"""Valid workbooks read correctly: defaults, canonical names, every Limits form, Settings."""

from __future__ import annotations

import re
import time
from dataclasses import replace
from pathlib import Path

import pytest

from models.data import (
    DEFAULT_TIERS,
    BaselineAmount,
    Commitment,
    Fit,
    Limit,
    Origin,
    Pick,
    Selector,
    Settings,
    Tier,
    YearPick,
    YearSelector,
)
from optimiser.errors import WorkbookInvalid
from optimiser.readers.cells import Uncalculated
from optimiser.readers.validate import ScenarioRow, read_workbook, validate
from optimiser.readers.workbook import RawCell, load_raw
from tests.workbooks import (
    Rows,
    edit_workbook,
    minimal_sheets,
    rewrite_member,
    sheet_member,
    write_workbook,
)

LIMITS_HEADER = ["name", "year", "country", "instrument", "theme", "source", "min_eur",
                 "max_eur", "min_share", "max_share", "share_of"]
SCENARIOS_HEADER = ["scenario", "sheet", "match", "column", "operation", "value"]


def rich_sheets() -> dict[str, Rows]:
    """Every sheet, with names spelt in varying case and two years."""
    sheets = minimal_sheets()
    sheets.update({
        "Settings": [["key", "value"], ["ramp_share", 0.2], ["Max_Countries", 2],
                     ["protection_theme", "PROTECTION"], ["high_risk_threshold", 2],
                     ["high_risk_protection_share", 0.1], ["mip_gap", None]],
        "Countries": [[" Country ", "DAC_eligible", "absorption_eur", "human_rights_risk",
                       "Relevance", "notes"],
                      ["Morocco", "yes", 1e7, 3, 4, "north"],
                      ["Jordan", "nee", None, None, 1, None]],
        "Instruments": [["instrument", "theme", "oda_share", "effectiveness",
                         "min_programme_eur"],
                        ["dialogue", "Dialogue", 0, None, None],
                        ["shelter", "Protection", 1, 1.5, 100_000],
                        ["legal aid", "protection", 0.5, None, 0]],
        "Sources": [["source", "oda", "chapter"], ["BHO ODA", True, "Ch 17"],
                    ["A&M non-ODA", False, 5]],
        "Envelopes": [["year", "source", "amount_eur", "min_spend_share"],
                      [2027, "bho oda", 6e6, 0.5], [2027, "A&M non-ODA", 2e6, None],
                      [2028, "BHO ODA", 6e6, None]],
        "Fit": [["country", "instrument", "fit", "capacity_eur"],
                ["MOROCCO", "Shelter", 0.5, 1e6], [" jordan ", "dialogue", None, None]],
        "Returns": [["from_share", "to_share", "multiplier"], [0.5, 1, 0.5], [0, 0.5, 1]],
        "Commitments": [["reference", "year", "country", "instrument", "source", "amount_eur"],
                        [123, 2027, "morocco", "SHELTER", None, 1000],
                        ["K-2", 2028, "Jordan", "dialogue", "a&m non-oda", 500]],
        "Baseline": [["country", "amount_eur"], ["jordan", 1e6]],
    })
    return sheets


@pytest.fixture
def book(tmp_path: Path):
    def write(sheets: dict[str, Rows], name: str = "book.xlsx") -> Path:
        return write_workbook(tmp_path / name, sheets)

    return write


def problems_of(path: Path) -> list[tuple]:
    with pytest.raises(WorkbookInvalid) as caught:
        read_workbook(path)
    return [(p.sheet, p.cell, p.value) for p in caught.value.problems]


def test_minimal_workbook_takes_every_default(book):
    result = read_workbook(book(minimal_sheets()))
    data = result.data
    assert data.settings == Settings()
    assert data.tiers == DEFAULT_TIERS
    assert data.fits == data.commitments == data.baseline == data.limits == ()
    assert data.years == (2027,)
    morocco, jordan = data.countries
    assert (morocco.name, morocco.absorption_eur, morocco.scores) == (
        "Morocco", 10_000_000.0, {"relevance": 4.0})
    assert (jordan.absorption_eur, jordan.human_rights_risk) == (None, 0.0)
    assert jordan.origin == Origin("Countries", 3)
    dialogue = data.instruments[0]
    assert (dialogue.effectiveness, dialogue.min_programme_eur) == (1.0, 0.0)
    assert [source.chapter for source in data.sources] == [None, None]
    assert [envelope.min_spend_share for envelope in data.envelopes] == [0.0, 0.0]
    assert result.scenarios == () and result.warnings == () and result.scenario_problems == ()
    assert result.raw.sha256 and len(result.raw.sha256) == 64


def test_names_are_canonicalised_to_the_defining_sheet(book):
    data = read_workbook(book(rich_sheets())).data
    assert [c.name for c in data.countries] == ["Morocco", "Jordan"]
    assert [i.theme for i in data.instruments] == ["Dialogue", "Protection", "Protection"]
    assert [(e.year, e.source) for e in data.envelopes] == [
        (2027, "BHO ODA"), (2027, "A&M non-ODA"), (2028, "BHO ODA")]
    assert data.fits == (
        Fit("Morocco", "shelter", 0.5, 1e6, Origin("Fit", 2)),
        Fit("Jordan", "dialogue", 1.0, None, Origin("Fit", 3)),
    )
    assert data.commitments == (
        Commitment("123", 2027, "Morocco", "shelter", None, 1000.0, Origin("Commitments", 2)),
        Commitment("K-2", 2028, "Jordan", "dialogue", "A&M non-ODA", 500.0,
                   Origin("Commitments", 3)),
    )
    assert data.baseline == (BaselineAmount("Jordan", 1e6, Origin("Baseline", 2)),)
    assert data.settings.protection_theme == "Protection"


def test_typed_values_of_a_rich_workbook(book):
    data = read_workbook(book(rich_sheets())).data
    morocco, jordan = data.countries
    assert (morocco.dac_eligible, jordan.dac_eligible) == (True, False)
    # scores are keyed by the criterion as the Criteria sheet spells it
    assert (morocco.human_rights_risk, morocco.scores) == (3.0, {"relevance": 4.0})
    assert data.criteria[0].name == "relevance"
    assert [s.chapter for s in data.sources] == ["Ch 17", "5"]
    shelter = data.instruments[1]
    assert (shelter.effectiveness, shelter.min_programme_eur) == (1.5, 100_000.0)
    assert data.envelopes[0].min_spend_share == 0.5
    assert data.tiers == (Tier(0.0, 0.5, 1.0, Origin("Returns", 3)),
                          Tier(0.5, 1.0, 0.5, Origin("Returns", 2)))


def test_settings_are_typed_with_their_origins(book):
    settings = read_workbook(book(rich_sheets())).data.settings
    assert settings.ramp_share == 0.2
    assert settings.max_countries == 2 and isinstance(settings.max_countries, int)
    assert settings.high_risk_threshold == 2.0
    assert settings.high_risk_protection_share == 0.1
    assert settings.mip_gap == 1e-4  # blank: default
    assert settings.time_limit_s == 60.0  # absent: default
    assert settings.origin("max_countries") == Origin("Settings", 3)
    assert settings.origin("time_limit_s") == Origin("Settings")


def test_every_limits_form(book):
    sheets = rich_sheets()
    sheets["Limits"] = [
        LIMITS_HEADER,
        [None, None, None, None, None, None, None, 5e6, None, None, None],
        ["each", "2027, 2028", "each", "Shelter, dialogue, shelter", None, "bho oda", 1, None,
         None, None, "total"],
        ["p", "all", "Morocco", None, "protection", None, None, None, 0.2, None,
         "Country, theme"],
        ["y", 2028, None, None, "EACH", "EACH", None, None, None, 0.5, None],
    ]
    first, second, third, fourth = read_workbook(book(sheets)).data.limits
    everything = Selector(Pick.ALL)
    assert first == Limit("Limits row 2", YearSelector(YearPick.EACH), everything, everything,
                          everything, everything, None, 5e6, None, None, frozenset(),
                          Origin("Limits", 2))
    assert second.year == YearSelector(YearPick.LISTED, (2027, 2028))
    assert second.country == Selector(Pick.EACH)
    assert second.instrument == Selector(Pick.NAMES, ("shelter", "dialogue"))
    assert second.source == Selector(Pick.NAMES, ("BHO ODA",))
    assert (second.min_eur, second.share_of) == (1.0, frozenset())
    assert third.year == YearSelector(YearPick.ALL)
    assert third.country == Selector(Pick.NAMES, ("Morocco",))
    assert third.theme == Selector(Pick.NAMES, ("Protection",))
    assert (third.min_share, third.share_of) == (0.2, frozenset({"country", "theme"}))
    assert fourth.year == YearSelector(YearPick.LISTED, (2028,))
    assert fourth.theme == fourth.source == Selector(Pick.EACH)
    assert fourth.max_share == 0.5


def test_infeasible_but_well_formed_data_is_not_rejected(book):
    """Commitments above an envelope, ODA commitments for a non-DAC country: infeasible."""
    sheets = rich_sheets()
    sheets["Commitments"].append(["K-3", 2027, "Jordan", "shelter", "BHO ODA", 9e9])
    sheets["Limits"] = [LIMITS_HEADER, ["a", None, None, None, None, None, 9e9]]
    data = read_workbook(book(sheets)).data
    assert data.commitments[-1].amount_eur == 9e9
    assert data.limits[0].min_eur == 9e9


def test_headers_and_sheet_titles_match_ignoring_case_and_spaces(book):
    sheets = minimal_sheets()
    sheets[" envelopes "] = [[" YEAR", "Source ", "Amount_EUR"], *sheets.pop("Envelopes")[1:]]
    result = read_workbook(book(sheets))
    assert result.data.envelopes[0].origin == Origin(" envelopes ", 2)


def test_empty_rows_are_skipped_and_notes_ignored(book):
    sheets = minimal_sheets()
    sheets["Countries"][0].append("notes")
    sheets["Countries"].insert(2, [None, None, None, None, None])
    sheets["Countries"].append([None, "  ", None, None, None])
    sheets["Countries"][1].append("a note")
    data = read_workbook(book(sheets)).data
    assert [(c.name, c.origin.row) for c in data.countries] == [("Morocco", 2), ("Jordan", 4)]


def test_a_row_with_only_a_note_is_a_record_with_missing_values(book):
    sheets = minimal_sheets()
    sheets["Countries"][0].append("notes")
    sheets["Countries"].append([None, None, None, None, "check later"])
    found = problems_of(book(sheets))
    assert ("Countries", "A4", None) in found
    assert ("Countries", "B4", None) in found


def test_unknown_sheets_and_hidden_unknown_sheets_are_ignored(book, tmp_path):
    sheets = minimal_sheets()
    sheets["Notes"] = [["anything", "=1/0"]]
    path = book(sheets)
    edit_workbook(path, lambda wb: setattr(wb["Notes"], "sheet_state", "hidden"))
    assert [c.name for c in read_workbook(path).data.countries] == ["Morocco", "Jordan"]


def test_merged_cells_in_note_columns_are_ignored(book):
    sheets = minimal_sheets()
    sheets["Countries"][0].append("notes")
    path = book(sheets)
    edit_workbook(path, lambda wb: wb["Countries"].merge_cells("E2:F3"))
    assert len(read_workbook(path).data.countries) == 2


def set_cached_value(path: Path, title: str, ref: str, cached: str, cell_type: str = "") -> None:
    """Give the formula in `ref` a cached value, as a spreadsheet application would."""
    kind = f' t="{cell_type}"' if cell_type else ""
    pattern = re.compile(rf'<c r="{ref}"[^>]*><f>(.*?)</f><v\s*/>'.encode())
    replacement = f'<c r="{ref}"{kind}><f>\\1</f><v>{cached}</v>'.encode()

    def change(xml: bytes) -> bytes:
        changed, count = pattern.subn(replacement, xml)
        assert count == 1
        return changed

    rewrite_member(path, sheet_member(path, title), change)


def test_formulas_with_cached_values_are_read(book):
    sheets = minimal_sheets()
    sheets["Envelopes"][1][2] = "=3000000*2"
    sheets["Countries"][0].append("min_programme")  # an unknown column
    sheets["Instruments"][0].append("effectiveness")
    sheets["Instruments"][1].append('=IF(1,"","")')
    path = book(sheets)
    set_cached_value(path, "Envelopes", "C2", "6000000")
    set_cached_value(path, "Instruments", "D2", "", cell_type="str")  # the formula gave ""
    data = read_workbook(path).data
    assert data.envelopes[0].amount_eur == 6_000_000.0
    assert data.instruments[0].effectiveness == 1.0  # blank result: the default


def test_uncalculated_formulas_in_note_columns_are_ignored(book):
    sheets = minimal_sheets()
    sheets["Countries"][0].append("notes")
    sheets["Countries"][1].append("=A2&A3")
    sheets["Countries"].append([None, None, None, None, "=A2&A3"])  # a note-formula row
    data = read_workbook(book(sheets)).data
    assert [c.name for c in data.countries] == ["Morocco", "Jordan"]


def test_shared_formulas_without_values_are_reported_translated(book):
    path = book(minimal_sheets())
    shared = (b'<c r="C2"><f t="shared" ref="C2:C3" si="0">2*B2</f></c>',
              b'<c r="C3"><f t="shared" si="0"/></c>')

    def change(xml: bytes) -> bytes:
        xml = re.sub(rb'<c r="C2"[^>]*>.*?</c>', shared[0], xml)
        return re.sub(rb'<c r="C3"[^>]*>.*?</c>', shared[1], xml)

    rewrite_member(path, sheet_member(path, "Envelopes"), change)
    raw = load_raw(path)
    cells = [row.cells["amount_eur"] for row in raw.sheets["envelopes"].rows]
    assert cells == [RawCell(Uncalculated("=2*B2"), "C2"), RawCell(Uncalculated("=2*B3"), "C3")]
    # Reported as one line for the run of alike cells, the first cell's formula shown.
    assert problems_of(path) == [("Envelopes", "C2:C3", "=2*B2")]


def test_a_wrong_declared_range_does_not_cut_rows_off(book):
    path = book(minimal_sheets())
    rewrite_member(path, sheet_member(path, "Countries"),
                   lambda xml: xml.replace(b'<dimension ref="A1:D3" />', b'<dimension ref="A1"/>'))
    assert len(read_workbook(path).data.countries) == 2


def test_macro_enabled_workbooks_are_read(book):
    assert read_workbook(book(minimal_sheets(), "book.xlsm")).data.years == (2027,)


def test_names_typed_as_numbers_match_their_text(book):
    sheets = minimal_sheets()
    sheets["Instruments"][1][0] = 101
    sheets["Fit"] = [["country", "instrument", "fit"], ["Jordan", "101", 0.5]]
    data = read_workbook(book(sheets)).data
    assert data.instruments[0].name == "101"
    assert data.fits[0].instrument == "101"


def test_warnings_for_lock_files(book, tmp_path):
    path = book(minimal_sheets())
    (tmp_path / "~$book.xlsx").write_bytes(b"owner")
    (tmp_path / ".~lock.book.xlsx#").write_text("owner")
    warnings = read_workbook(path).warnings
    assert len(warnings) == 2
    assert all("unsaved changes are not included" in warning for warning in warnings)
    assert warnings[0].startswith("~$book.xlsx")


def test_warnings_for_unknown_columns_and_sheets_close_to_known_ones(book):
    sheets = minimal_sheets()
    sheets["Instruments"][0].append("efectiveness")
    sheets["Limit"] = [LIMITS_HEADER]
    warnings = read_workbook(book(sheets)).warnings
    assert warnings == (
        "Instruments!D1: column 'efectiveness' is not one the tool knows and is ignored; "
        "did you mean 'effectiveness'?",
        "sheet 'Limit' is not an input sheet and is ignored; did you mean 'Limits'?",
    )


def test_warning_when_no_instrument_has_the_protection_theme(book):
    sheets = minimal_sheets()
    sheets["Settings"] = [["key", "value"], ["high_risk_threshold", 1],
                          ["high_risk_protection_share", 0.3], ["protection_theme", "safety"]]
    result = read_workbook(book(sheets))
    assert result.data.settings.protection_theme == "safety"
    assert any("'safety' is the theme of no instrument" in w for w in result.warnings)


def test_warning_when_share_of_has_no_share_bound(book):
    sheets = minimal_sheets()
    sheets["Limits"] = [LIMITS_HEADER, ["x", None, "EACH", None, None, None, None, 5e6, None,
                                        None, "country"]]
    assert read_workbook(book(sheets)).warnings == (
        "Limits!K2: share_of only matters with min_share or max_share; it is ignored",)


def test_scenarios_are_read_into_rows(book):
    sheets = minimal_sheets()
    sheets["Scenarios"] = [SCENARIOS_HEADER,
                           ["more money", "envelopes", "year=2027", "amount_eur", "Scale", 1.1],
                           ["more money", "Settings", "key=ramp_share", "value", "set", None]]
    result = read_workbook(book(sheets))
    assert result.scenarios == (
        ScenarioRow("more money", "Envelopes", "year=2027", "amount_eur", "scale", 1.1,
                    Origin("Scenarios", 2)),
        ScenarioRow("more money", "Settings", "key=ramp_share", "value", "set", None,
                    Origin("Scenarios", 3)),
    )


def test_a_broken_scenarios_sheet_never_breaks_reading(book):
    sheets = minimal_sheets()
    sheets["Scenarios"] = [SCENARIOS_HEADER,
                           ["a", "Countrys", None, "x", "set", 1],
                           ["b", "Envelopes", None, "amount_eur", "multiply", 2],
                           ["c", "Envelopes", None, "amount_eur", "set", "=1+1"],
                           [None, "Envelopes", None, None, "add", 1]]
    result = read_workbook(book(sheets))
    assert result.scenarios == ()
    found = [(p.sheet, p.cell, p.value) for p in result.scenario_problems]
    assert found == [("Scenarios", "B2", "Countrys"), ("Scenarios", "E3", "multiply"),
                     ("Scenarios", "F4", "=1+1"), ("Scenarios", "A5", None),
                     ("Scenarios", "D5", None)]
    assert "did you mean 'Countries'?" in result.scenario_problems[0].message
    assert result.warnings == (
        "the Scenarios sheet has 5 problem(s); the scenario commands will list them",)


def test_a_second_scenarios_sheet_does_not_stop_reading(book):
    header = [["scenario", "sheet", "match", "column", "operation", "value"]]
    sheets = {**minimal_sheets(), "Scenarios": header, " scenarios": header}
    result = read_workbook(book(sheets))
    assert [(p.sheet, p.cell) for p in result.scenario_problems] == [(" scenarios", None)]


def test_raw_tables_keep_cells_refs_and_notes(book):
    sheets = minimal_sheets()
    sheets["Countries"][0].append("Notes ")
    sheets["Countries"][1].append("north")
    raw = load_raw(book(sheets))
    countries = raw.sheets["countries"]
    assert raw.titles == ("Criteria", "Countries", "Instruments", "Sources", "Envelopes")
    assert countries.columns == {"country": "A", "dac_eligible": "B", "absorption_eur": "C",
                                 "relevance": "D", "notes": "E"}
    assert countries.rows[0].cells["notes"] == RawCell("north", "E2")
    assert countries.rows[1].cells["absorption_eur"] == RawCell(None, "C3")
    assert (countries.hidden, countries.merged, countries.header_found_in) == (False, (), None)


def test_changed_raw_tables_are_validated_like_a_workbook(book):
    """The scenario path: change a raw table, validate again, problems name the cell."""
    raw = load_raw(book(minimal_sheets()))
    envelopes = raw.sheets["envelopes"]
    first = envelopes.rows[0]
    changed = replace(first, cells={**first.cells, "amount_eur": RawCell(-1, "C2")})
    sheet = replace(envelopes, rows=(changed, *envelopes.rows[1:]))
    with pytest.raises(WorkbookInvalid) as caught:
        validate(replace(raw, sheets={**raw.sheets, "envelopes": sheet}))
    assert [(p.sheet, p.cell, p.value) for p in caught.value.problems] == [
        ("Envelopes", "C2", -1)]
    doubled = replace(first, cells={**first.cells, "amount_eur": RawCell(12e6, "C2")})
    sheet = replace(envelopes, rows=(doubled, *envelopes.rows[1:]))
    data = validate(replace(raw, sheets={**raw.sheets, "envelopes": sheet})).data
    assert data.envelopes[0].amount_eur == 12e6


def test_problems_are_listed_in_sheet_and_row_order(book):
    sheets = minimal_sheets()
    sheets["Limits"] = [LIMITS_HEADER, ["x"]]
    sheets["Countries"][2][1] = "maybe"
    sheets["Countries"][1][3] = -1
    sheets["Criteria"][1][1] = -2
    assert problems_of(book(sheets)) == [("Criteria", "B2", -2), ("Countries", "D2", -1),
                                         ("Countries", "B3", "maybe"), ("Limits", "A2", None)]


def test_every_problem_is_reported_at_once(book):
    sheets = rich_sheets()
    sheets["Envelopes"][1][2] = "6.000.000"
    sheets["Fit"][1][0] = "Marocco"
    sheets["Returns"][1][2] = 2
    sheets["Settings"][1][0] = "ramp"
    assert len(problems_of(book(sheets))) == 4


def test_a_6000_row_sheet_reads_in_well_under_two_seconds(book):
    sheets = minimal_sheets()
    countries = [f"Country {n}" for n in range(1000)]
    sheets["Countries"] += [[name, n % 2 == 0, None, n % 7] for n, name in enumerate(countries)]
    instruments = [f"instrument {n}" for n in range(6)]
    sheets["Instruments"] += [[name, "theme", 0.5] for name in instruments]
    sheets["Fit"] = [["country", "instrument", "fit", "capacity_eur", "note"]] + [
        [country, instrument, 0.5, 1e6, "checked"]
        for country in countries for instrument in instruments]
    path = book(sheets)
    started = time.process_time()  # CPU time: not inflated by other processes on the machine
    data = read_workbook(path).data
    elapsed = time.process_time() - started
    assert len(data.fits) == 6000
    assert elapsed < 2.0
