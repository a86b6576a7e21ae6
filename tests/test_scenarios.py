"""Scenarios: grouping, each operation and match form, added rows and columns, the diff,
the base left alone, and every problem placed where the user can find it."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from optimiser.errors import WorkbookInvalid
from optimiser.readers.validate import NotedProblem, ValidatedWorkbook, read_workbook, validate
from optimiser.whatif.scenarios import (
    CellChange,
    Scenario,
    apply_scenario,
    check_scenarios,
    input_diff,
    scenario_inputs,
    scenarios_of,
)
from tests.workbooks import Rows, minimal_sheets, write_workbook

HEADER = ["scenario", "sheet", "match", "column", "operation", "value"]


def base_sheets() -> dict[str, Rows]:
    """Three countries (Tunisia not DAC-eligible), two criteria, two years, one setting."""
    sheets = minimal_sheets()
    sheets.update({
        "Settings": [["key", "value"], ["ramp_share", 0.2]],
        "Criteria": [["criterion", "weight"], ["relevance", 2], ["return_relevance", 1]],
        "Countries": [
            ["country", "dac_eligible", "absorption_eur", "relevance", "return_relevance",
             "notes"],
            ["Morocco", True, 10_000_000, 4, 2, "north"],
            ["Jordan", True, None, 1, 3, None],
            ["Tunisia", False, 5_000_000, 2, 1, None],
        ],
        "Envelopes": [
            ["year", "source", "amount_eur"],
            [2027, "BHO ODA", 6_000_000],
            [2027, "A&M non-ODA", 2_000_000],
            [2028, "BHO ODA", 6_500_000],
            [2028, "A&M non-ODA", 2_500_000],
        ],
    })
    return sheets


@pytest.fixture
def book(tmp_path: Path):
    """book(rows, sheets=None): the validated workbook with these Scenarios rows."""

    def make(rows: Rows, sheets: dict[str, Rows] | None = None) -> ValidatedWorkbook:
        sheets = dict(base_sheets() if sheets is None else sheets)
        sheets["Scenarios"] = [HEADER, *rows]
        return read_workbook(write_workbook(tmp_path / "book.xlsx", sheets))

    return make


def only(workbook: ValidatedWorkbook) -> Scenario:
    (scenario,) = scenarios_of(workbook)
    return scenario


def applied(workbook: ValidatedWorkbook) -> ValidatedWorkbook:
    return scenario_inputs(workbook, only(workbook))


def diff(workbook: ValidatedWorkbook) -> list[CellChange]:
    return input_diff(workbook.raw, apply_scenario(workbook.raw, only(workbook)))


def amounts(workbook: ValidatedWorkbook) -> list[tuple[int, str, float]]:
    return [(e.year, e.source, e.amount_eur) for e in workbook.data.envelopes]


def problems(workbook: ValidatedWorkbook) -> list[tuple[str | None, str | None, object]]:
    return [(p.sheet, p.cell, p.value) for p in check_scenarios(workbook)]


# --- grouping ---------------------------------------------------------------------------


def test_scenarios_are_grouped_by_name_ignoring_case_in_order_of_first_appearance(book):
    workbook = book([["cut", "Envelopes", None, "amount_eur", "scale", 0.9],
                     ["Raise", "Criteria", None, "weight", "add", 1],
                     ["CUT", "Countries", None, "absorption_eur", "scale", 0.5]])
    cut, raise_ = scenarios_of(workbook)
    assert (cut.name, cut.sheet_rows, str(cut)) == ("cut", (2, 4), "scenario 'cut'")
    assert (raise_.name, raise_.sheet_rows) == ("Raise", (3,))
    assert [row.sheet for row in cut.rows] == ["Envelopes", "Countries"]


def test_a_workbook_without_scenarios_has_none(book):
    workbook = book([])
    assert scenarios_of(workbook) == () and check_scenarios(workbook) == []


# --- the typical scenarios and each operation -------------------------------------------


def test_scale_cuts_one_envelope_in_one_year(book):
    workbook = book([["cut", "Envelopes", "year=2027;source=A&M non-ODA", "amount_eur", "scale",
                      0.85]])
    assert amounts(applied(workbook)) == [(2027, "BHO ODA", 6e6), (2027, "A&M non-ODA", 1.7e6),
                                          (2028, "BHO ODA", 6.5e6),
                                          (2028, "A&M non-ODA", 2.5e6)]
    assert diff(workbook) == [
        CellChange("Envelopes", "C3", "amount_eur", "2027, A&M non-ODA", 2_000_000, 1_700_000)]
    assert amounts(workbook) == [(2027, "BHO ODA", 6e6), (2027, "A&M non-ODA", 2e6),
                                 (2028, "BHO ODA", 6.5e6), (2028, "A&M non-ODA", 2.5e6)]


def test_scale_results_carry_no_float_noise(book):
    workbook = book([["more", "Envelopes", "year=2027;source=BHO ODA", "amount_eur", "scale",
                      1.1]])
    assert 6_000_000 * 1.1 != 6_600_000  # the noise that is rounded away
    assert diff(workbook)[0].new == 6_600_000


def test_set_raises_a_criterion_weight(book):
    workbook = book([["weights", "Criteria", "criterion=Return_Relevance", "weight", "set", 3]])
    criteria = applied(workbook).data.criteria
    assert [(c.name, c.weight) for c in criteria] == [("relevance", 2), ("return_relevance", 3)]


def test_add_to_every_envelope_with_a_blank_match(book):
    workbook = book([["more", "Envelopes", None, "amount_eur", "add", 1_000_000]])
    assert [amount for _, _, amount in amounts(applied(workbook))] == [7e6, 3e6, 7.5e6, 3.5e6]
    assert [(c.cell, c.row_label, c.old, c.new) for c in diff(workbook)] == [
        ("C2", "2027, BHO ODA", 6_000_000, 7_000_000),
        ("C3", "2027, A&M non-ODA", 2_000_000, 3_000_000),
        ("C4", "2028, BHO ODA", 6_500_000, 7_500_000),
        ("C5", "2028, A&M non-ODA", 2_500_000, 3_500_000),
    ]


def test_a_country_drops_out_by_absorbing_nothing(book):
    workbook = book([["no Tunisia", "Countries", "country=tunisia", "absorption_eur", "set", 0]])
    countries = applied(workbook).data.countries
    assert [(c.name, c.absorption_eur) for c in countries] == [
        ("Morocco", 10e6), ("Jordan", None), ("Tunisia", 0)]


def test_set_changes_a_boolean_and_a_criterion_score(book):
    workbook = book([["x", "Countries", "country=Morocco", "dac_eligible", "set", "no"],
                     ["x", "Countries", "country=Morocco", "return_relevance", "scale", 2]])
    morocco = applied(workbook).data.countries[0]
    assert (morocco.dac_eligible, morocco.scores) == (False, {"relevance": 4,
                                                             "return_relevance": 4})


def test_set_blank_clears_a_cell(book):
    workbook = book([["no limit", "Countries", "country=Morocco", "absorption_eur", "set", None]])
    assert applied(workbook).data.countries[0].absorption_eur is None
    assert diff(workbook) == [
        CellChange("Countries", "C2", "absorption_eur", "Morocco", 10_000_000, None)]


def test_a_value_equal_to_the_base_changes_nothing(book):
    workbook = book([["same", "Criteria", "criterion=relevance", "weight", "set", 2],
                     ["same", "Settings", "key=ramp_share", "value", "scale", 1]])
    assert diff(workbook) == []
    assert applied(workbook).data == workbook.data


def test_rows_apply_in_order_each_seeing_the_ones_before(book):
    workbook = book([["x", "Envelopes", "year=2027", "amount_eur", "set", 1_000_000],
                     ["x", "Envelopes", "amount_eur=1000000", "amount_eur", "scale", 3]])
    assert [amount for _, _, amount in amounts(applied(workbook))] == [3e6, 3e6, 6.5e6, 2.5e6]
    raw = apply_scenario(workbook.raw, only(workbook))
    assert raw.notes[("envelopes", "C2")] == "changed by scenario 'x', Scenarios rows 2, 3"


# --- match forms --------------------------------------------------------------------------


@pytest.mark.parametrize(("match", "changed"), [
    (None, ["C2", "C3", "C4", "C5"]),
    ("year=2028", ["C4", "C5"]),
    ("year=2028.0", ["C4", "C5"]),  # years are numbers
    (" Source = bho oda ", ["C2", "C4"]),  # names and headers ignore case and spaces
    ("year=2027;source=BHO ODA", ["C2"]),
    ("year=2027; source=BHO ODA;", ["C2"]),  # a trailing separator is fine
    ("min_spend_share=", []),  # absent optional column: see the next test
])
def test_match_selects_rows(book, match, changed):
    workbook = book([["x", "Envelopes", match, "amount_eur", "add", 1]])
    if not changed:
        assert problems(workbook) == [("Scenarios", "C2", match)]
        return
    assert [change.cell for change in diff(workbook)] == changed


@pytest.mark.parametrize(("match", "changed"), [
    ("dac_eligible=no", ["C4"]),  # booleans as booleans
    ("dac_eligible=TRUE", ["C2", "C3"]),
    ("absorption_eur=", ["C3"]),  # an empty value selects blank cells
    ("absorption_eur=5000000", ["C4"]),
    ("notes=NORTH", ["C2"]),  # a note column may be matched on, as text
    ("relevance=1", ["C3"]),  # a criterion column, as numbers
])
def test_match_compares_by_the_columns_kind(book, match, changed):
    workbook = book([["x", "Countries", match, "absorption_eur", "set", 1]])
    assert [change.cell for change in diff(workbook)] == changed


def test_a_settings_match_names_the_key_ignoring_case(book):
    workbook = book([["x", "Settings", "KEY = Ramp_Share", "value", "set", 0.3]])
    assert applied(workbook).data.settings.ramp_share == 0.3
    assert diff(workbook) == [CellChange("Settings", "B2", "value", "ramp_share", 0.2, 0.3)]


# --- added rows and columns -----------------------------------------------------------------


def test_a_setting_the_sheet_lacks_is_added_below_its_last_row(book):
    workbook = book([["focus", "Settings", "key=max_countries", "value", "set", 10]])
    result = applied(workbook)
    assert result.data.settings.max_countries == 10
    assert str(result.data.settings.origin("max_countries")) == "Settings row 3"
    assert diff(workbook) == [
        CellChange("Settings", "A3", "key", "max_countries", None, "max_countries"),
        CellChange("Settings", "B3", "value", "max_countries", None, 10)]
    raw = apply_scenario(workbook.raw, only(workbook))
    assert raw.notes[("settings", "B3")] == "added by scenario 'focus', Scenarios row 2"


def test_a_settings_sheet_is_added_when_the_workbook_has_none(book):
    sheets = base_sheets()
    del sheets["Settings"]
    workbook = book([["focus", "Settings", "key=max_countries", "value", "set", 2],
                     ["focus", "Settings", "key=ramp_eur", "value", "add", 5]], sheets)
    settings = applied(workbook).data.settings
    assert (settings.max_countries, settings.ramp_eur) == (2, 5)
    assert [(c.sheet, c.cell, c.new) for c in diff(workbook)] == [
        ("Settings", "A2", "max_countries"), ("Settings", "B2", 2),
        ("Settings", "A3", "ramp_eur"), ("Settings", "B3", 5)]


def test_scale_of_a_setting_that_is_off_adds_nothing_and_warns(book):
    workbook = book([["x", "Settings", "key=high_risk_threshold", "value", "scale", 2]])
    assert diff(workbook) == []
    assert applied(workbook).warnings == (
        "Scenarios!F2: scale in scenario 'x' leaves the high_risk_threshold setting blank: a "
        "blank there means no limit or off, not a number",)


def test_an_optional_column_the_sheet_lacks_is_added(book):
    workbook = book([["x", "Instruments", "instrument=shelter", "effectiveness", "scale", 2],
                     ["x", "Instruments", "instrument=dialogue", "min_programme_eur", "set", 5e4]])
    instruments = applied(workbook).data.instruments
    assert [(i.effectiveness, i.min_programme_eur) for i in instruments] == [(1, 5e4), (2, 0)]
    assert diff(workbook) == [
        CellChange("Instruments", "E2", "min_programme_eur", "dialogue", None, 5e4),
        CellChange("Instruments", "D3", "effectiveness", "shelter", None, 2)]
    raw = apply_scenario(workbook.raw, only(workbook))
    assert raw.sheets["instruments"].headers[-2:] == (("D", "effectiveness"),
                                                      ("E", "min_programme_eur"))


def test_scale_leaves_a_blank_that_means_no_limit_and_warns(book):
    workbook = book([["x", "Countries", None, "absorption_eur", "scale", 0.5]])
    result = applied(workbook)
    assert [c.absorption_eur for c in result.data.countries] == [5e6, None, 2.5e6]
    assert result.warnings == (
        "Scenarios!F2: scale in scenario 'x' leaves 1 blank absorption_eur cell(s) of the "
        "Countries sheet blank: a blank there means no limit or off, not a number",)


def test_scale_works_on_the_default_of_a_blank_cell(book):
    sheets = base_sheets()
    sheets["Fit"] = [["country", "instrument", "fit"], ["Morocco", "shelter", None],
                     ["Jordan", "shelter", 0.5]]
    workbook = book([["x", "Fit", "instrument=shelter", "fit", "scale", 0.5]], sheets)
    assert [fit.fit for fit in applied(workbook).data.fits] == [0.5, 0.25]


# --- the base is never changed -------------------------------------------------------------


def test_the_base_is_never_changed(book):
    workbook = book([["x", "Envelopes", None, "amount_eur", "scale", 2],
                     ["x", "Settings", "key=max_countries", "value", "set", 1],
                     ["x", "Instruments", None, "effectiveness", "set", 3]])
    before = copy.deepcopy(workbook)
    changed = apply_scenario(workbook.raw, only(workbook))
    scenario_inputs(workbook, only(workbook))
    assert workbook == before
    assert workbook.raw.notes == {} and "effectiveness" not in workbook.raw.sheets[
        "instruments"].columns
    assert changed.sheets["envelopes"].rows[0].cells["amount_eur"].value == 12e6
    assert workbook.raw.sheets["envelopes"].rows[0].cells["amount_eur"].value == 6e6


# --- problems in the Scenarios sheet --------------------------------------------------------


@pytest.mark.parametrize(("row", "cell", "value", "message"), [
    (["x", "Countrys", None, "absorption_eur", "set", 1], "B2", "Countrys",
     "sheet names no input sheet; did you mean 'Countries'?"),
    (["x", "Envelopes", None, "amount", "scale", 2], "D2", "amount",
     "column names no column of the Envelopes sheet; did you mean 'amount_eur'?"),
    (["x", "Countries", None, "notes", "set", 1], "D2", "notes",
     "column is a column of the Countries sheet that the tool does not read (a note) (one of "
     "country, dac_eligible, absorption_eur, human_rights_risk, uncertainty, relevance, "
     "return_relevance)"),
    (["x", "Countries", None, "return_relevanse", "scale", 2], "D2", "return_relevanse",
     "column names no column of the Countries sheet; did you mean 'return_relevance'"),
    (["x", "Countries", "country=Tunesia", "absorption_eur", "set", 0], "C2",
     "country=Tunesia", "match selects no row of the Countries sheet: no row has "
     "country=Tunesia; did you mean 'Tunisia'?"),
    (["x", "Envelopes", "year=2030", "amount_eur", "set", 0], "C2", "year=2030",
     "match selects no row of the Envelopes sheet: no row has year=2030 (it has 2027, 2028)"),
    (["x", "Envelopes", "year=2028;source=Other", "amount_eur", "set", 0], "C2",
     "year=2028;source=Other", "no row has source=Other (it has BHO ODA, A&M non-ODA)"),
    (["x", "Countries", "country=Tunisia;dac_eligible=yes", "absorption_eur", "set", 0], "C2",
     "country=Tunisia;dac_eligible=yes", "match selects no row of the Countries sheet: each "
     "condition holds in some row, but no row meets all of them"),
    (["x", "Envelopes", "yaer=2027", "amount_eur", "set", 0], "C2", "yaer=2027",
     "match names column 'yaer', which the Envelopes sheet does not have; did you mean 'year'?"),
    (["x", "Envelopes", "year 2027", "amount_eur", "set", 0], "C2", "year 2027",
     "match 'year 2027' is not column=value; a match is blank (every row) or column=value "
     "conditions separated by ';', e.g. year=2027;source=BHO ODA"),
    (["x", "Envelopes", "year=twenty", "amount_eur", "set", 0], "C2", "year=twenty",
     "match 'year=twenty': expected a plain number after '=' (e.g. 2027 or 0.5, no separators)"),
    (["x", "Countries", "dac_eligible=maybe", "absorption_eur", "set", 0], "C2",
     "dac_eligible=maybe", "match 'dac_eligible=maybe': expected TRUE or FALSE"),
    (["x", "Instruments", None, "theme", "scale", 2], "D2", "theme",
     "column is a name column; scale needs a numeric column of the Instruments sheet "
     "(oda_share, effectiveness, min_programme_eur, min_years)"),
    (["x", "Envelopes", None, "amount_eur", "scale", "ten"], "F2", "ten",
     "value for scale must be a number"),
    (["x", "Envelopes", None, "amount_eur", "add", "1.000"], "F2", "1.000",
     "value for add holds text that looks like a number"),
    (["x", "Envelopes", None, "amount_eur", "add", None], "F2", None,
     "value is blank; add needs a number (the amount to add)"),
    (["x", "Countries", None, "dac_eligible", "set", "maybe"], "F2", "maybe",
     "value for dac_eligible must be TRUE or FALSE"),
    (["x", "Envelopes", None, "amount_eur", "set", -5], "F2", -5,
     "value for amount_eur must be >= 0"),
    (["x", "Fit", None, "fit", "set", 0], "B2", "Fit",
     "the workbook has no Fit sheet, so there is no row to change"),
    (["x", "Settings", None, "value", "set", 1], "C2", None,
     "match must be key=NAME for the Settings sheet, e.g. key=max_countries"),
    (["x", "Settings", "key=max_country", "value", "set", 1], "C2", "key=max_country",
     "match 'max_country' is not a known setting; did you mean 'max_countries'?"),
    (["x", "Settings", "key=max_countries", "max_countries", "set", 1], "D2", "max_countries",
     "column must be value for the Settings sheet (match picks the setting); to change "
     "max_countries, write match key=max_countries and column value"),
    (["x", "Settings", "key=protection_theme", "value", "add", 1], "C2", "key=protection_theme",
     "match names protection_theme, a name setting; add needs a numeric one"),
    (["x", "Settings", "key=max_countries", "value", "set", 2.5], "F2", 2.5,
     "value for max_countries must be a whole number"),
])
def test_each_problem_names_the_scenarios_cell_the_value_and_what_is_expected(
    book, row, cell, value, message
):
    found = check_scenarios(book([row]))
    assert [(p.sheet, p.cell, p.value) for p in found] == [("Scenarios", cell, value)]
    assert message in found[0].message


def test_problems_are_listed_in_row_order_and_every_one_at_once(book):
    workbook = book([["a", "Envelopes", "yaer=2027", "amout_eur", "scale", "x"],
                     ["b", "Countrys", None, "absorption_eur", "set", 1],
                     ["a", "Criteria", None, "weight", "multiply", 2]])
    assert problems(workbook) == [
        ("Scenarios", "C2", "yaer=2027"), ("Scenarios", "D2", "amout_eur"),
        ("Scenarios", "F2", "x"), ("Scenarios", "B3", "Countrys"), ("Scenarios", "E4", "multiply")]


def test_a_scenario_with_a_row_the_validator_dropped_is_refused(book):
    workbook = book([["a", "Envelopes", None, "amount_eur", "scale", 2],
                     ["A", "Envelopes", None, "amount_eur", "multiply", 2]])
    assert only(workbook).sheet_rows == (2,)  # the validator dropped row 3
    with pytest.raises(WorkbookInvalid) as caught:
        applied(workbook)
    assert str(caught.value).splitlines()[0] == "scenario 'a' of book.xlsx is not valid: 1 " \
                                                "problem found"
    assert [(p.cell, p.value) for p in caught.value.problems] == [("E3", "multiply")]


def test_apply_scenario_refuses_a_row_it_cannot_apply(book):
    workbook = book([["cut", "Envelopes", "year=2030", "amount_eur", "scale", 0.5]])
    with pytest.raises(WorkbookInvalid) as caught:
        apply_scenario(workbook.raw, only(workbook))
    assert caught.value.source == "scenario 'cut' of book.xlsx"
    assert [(p.sheet, p.cell) for p in caught.value.problems] == [("Scenarios", "C2")]


# --- problems of the scenario's inputs --------------------------------------------------------


def test_an_invalid_result_names_the_changed_cell_and_the_scenario_row(book):
    workbook = book([["broke", "Envelopes", "source=a&m non-oda", "amount_eur", "add", -1e9]])
    with pytest.raises(WorkbookInvalid) as caught:
        applied(workbook)
    assert str(caught.value).splitlines() == [
        "scenario 'broke' of book.xlsx is not valid: 2 problems found",
        "  - Envelopes!C3 (changed by scenario 'broke', Scenarios row 2): amount_eur must be "
        ">= 0 (found -998000000)",
        "  - Envelopes!C5 (changed by scenario 'broke', Scenarios row 2): amount_eur must be "
        ">= 0 (found -997500000)",
    ]
    problem = caught.value.problems[0]
    assert isinstance(problem, NotedProblem)
    assert (problem.sheet, problem.cell, problem.value) == ("Envelopes", "C3", -998_000_000)
    assert [str(p) for p in check_scenarios(workbook)] == [str(p) for p in caught.value.problems]


def test_an_invalid_added_setting_points_at_the_row_it_adds(book):
    workbook = book([["less", "Settings", "key=ramp_eur", "value", "add", -5]])
    with pytest.raises(WorkbookInvalid) as caught:
        applied(workbook)
    assert [str(p) for p in caught.value.problems] == [
        "Settings!B3 (added by scenario 'less', Scenarios row 2): ramp_eur must be >= 0 "
        "(found -5)"]


def test_a_problem_elsewhere_in_a_changed_row_names_the_changed_cell(book):
    sheets = base_sheets()
    sheets["Limits"] = [["name", "country", "min_eur", "max_eur"], ["floor", "Morocco", 4e6, 6e6]]
    workbook = book([["x", "Limits", "name=floor", "max_eur", "scale", 0.5]], sheets)
    with pytest.raises(WorkbookInvalid) as caught:
        applied(workbook)
    assert [str(p) for p in caught.value.problems] == [
        "Limits!C2 (D2 changed by scenario 'x', Scenarios row 2): min_eur is above max_eur "
        "(3000000) in the same row (found 4000000)"]


def test_any_other_problem_of_a_scenario_names_it(book):
    sheets = base_sheets()
    sheets["Returns"] = [["from_share", "to_share", "multiplier"], [0, 0.5, 1], [0.5, 1, 0.5]]
    workbook = book([["gap", "Returns", "from_share=0", "to_share", "set", 0.4]], sheets)
    with pytest.raises(WorkbookInvalid) as caught:
        applied(workbook)
    assert [(p.cell, p.where) for p in caught.value.problems] == [
        ("A3", "Returns!A3 (in scenario 'gap')")]
    assert "there is a gap" in caught.value.problems[0].message


def test_a_renamed_country_breaks_references_where_they_stand(book):
    sheets = base_sheets()
    sheets["Baseline"] = [["country", "amount_eur"], ["Tunisia", 1e6]]
    workbook = book([["x", "Countries", "country=Tunisia", "country", "set", "Tunisie"]], sheets)
    with pytest.raises(WorkbookInvalid) as caught:
        applied(workbook)
    assert [str(p) for p in caught.value.problems] == [
        "Baseline!A2 (in scenario 'x'): country names no country of the Countries sheet; "
        "did you mean 'Tunisie'? (found 'Tunisia')"]


# --- the diff -------------------------------------------------------------------------------


def test_input_diff_lists_every_changed_cell_in_sheet_row_and_column_order(book):
    sheets = base_sheets()
    sheets["Commitments"] = [["reference", "year", "country", "instrument", "amount_eur"],
                             ["K-1", 2027, "Morocco", "shelter", 1e5]]
    workbook = book([
        ["mix", "Envelopes", "year=2028", "amount_eur", "scale", 0.5],
        ["mix", "Commitments", None, "amount_eur", "set", 0],
        ["mix", "Countries", "country=Jordan", "absorption_eur", "set", 3e6],
        ["mix", "Countries", "country=Jordan", "human_rights_risk", "set", 2],
        ["mix", "Settings", "key=ramp_share", "value", "set", None],
        ["mix", "Countries", "country=Jordan", "dac_eligible", "set", False],
    ], sheets)
    changes = diff(workbook)
    assert changes == [
        CellChange("Settings", "B2", "value", "ramp_share", 0.2, None),
        CellChange("Countries", "B3", "dac_eligible", "Jordan", True, False),
        CellChange("Countries", "C3", "absorption_eur", "Jordan", None, 3e6),
        CellChange("Countries", "G3", "human_rights_risk", "Jordan", None, 2),
        CellChange("Envelopes", "C4", "amount_eur", "2028, BHO ODA", 6_500_000, 3_250_000),
        CellChange("Envelopes", "C5", "amount_eur", "2028, A&M non-ODA", 2_500_000, 1_250_000),
        CellChange("Commitments", "E2", "amount_eur", "K-1", 100_000, 0),
    ]
    assert str(changes[4]) == "Envelopes!C4 amount_eur (2028, BHO ODA): 6500000 -> 3250000"
    assert str(changes[0]) == "Settings!B2 value (ramp_share): 0.2 -> blank"


def test_input_diff_of_identical_tables_is_empty(book):
    workbook = book([])
    assert input_diff(workbook.raw, workbook.raw) == []


def test_validating_the_applied_tables_directly_gives_the_same_places(book):
    workbook = book([["broke", "Criteria", "criterion=relevance", "weight", "add", -10]])
    changed = apply_scenario(workbook.raw, only(workbook))
    with pytest.raises(WorkbookInvalid) as caught:
        validate(changed)
    assert [str(p) for p in caught.value.problems] == [
        "Criteria!B2 (changed by scenario 'broke', Scenarios row 2): weight must be >= 0 "
        "(found -8)"]


def test_a_country_that_drops_out_gets_nothing_and_its_commitments_conflict(book):
    from optimiser.api import optimise
    from optimiser.errors import InfeasibleError

    sheets = base_sheets()
    sheets["Countries"][3][3] = 10  # Tunisia first in line for the non-ODA money
    workbook = book([["no Tunisia", "Countries", "country=Tunisia", "absorption_eur", "set", 0]],
                    sheets)

    def tunisia_eur(data) -> float:
        allocation = optimise(data).allocation
        return allocation.loc[allocation["country"] == "Tunisia", "amount_eur"].sum()

    assert tunisia_eur(workbook.data) > 0
    assert tunisia_eur(applied(workbook).data) == 0
    sheets["Commitments"] = [["reference", "year", "country", "instrument", "amount_eur"],
                             ["K-1", 2027, "Tunisia", "dialogue", 1e5]]
    with pytest.raises(InfeasibleError):
        optimise(applied(book([["no Tunisia", "Countries", "country=Tunisia", "absorption_eur",
                                "set", 0]], sheets)).data)
