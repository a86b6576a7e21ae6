"""Reading one cell value per kind (SPEC §1, "Cell values")."""

from __future__ import annotations

from datetime import datetime

import pytest

from models.data import Pick, Selector, YearPick, YearSelector
from optimiser.errors import Problem
from optimiser.readers import schema
from optimiser.readers.cells import (
    At,
    Uncalculated,
    is_blank,
    read_column,
    read_setting,
    read_value,
    shown,
)
from optimiser.readers.schema import Kind

AT = At("Envelopes", "C4", "amount_eur")


def problem(value, kind: Kind, **limits) -> Problem:
    result = read_value(value, kind, AT, **limits)
    assert isinstance(result, Problem), result
    assert (result.sheet, result.cell) == ("Envelopes", "C4")
    assert result.message.startswith("amount_eur ")
    return result


@pytest.mark.parametrize("value, expected", [(3, 3.0), (2.5, 2.5), (0, 0.0), (-1.5, -1.5)])
def test_number_reads_numeric_cells(value, expected):
    assert read_value(value, Kind.NUMBER, AT) == expected


@pytest.mark.parametrize("text", ["1.000.000", "12,5", "15%", "1 000", "€ 1,000", "1e6", "-3",
                                  "2027", "1'000"])
def test_number_refuses_text_that_looks_like_a_number(text):
    found = problem(text, Kind.NUMBER)
    assert found.value == text
    assert "looks like a number" in found.message
    assert "never guesses" in found.message


@pytest.mark.parametrize("text", ["n/a", "-", "high", "nan"])
def test_number_refuses_other_text(text):
    assert problem(text, Kind.NUMBER).message == "amount_eur must be a number"


def test_number_refuses_a_boolean_cell():
    found = problem(True, Kind.NUMBER)
    assert found.value is True
    assert "TRUE/FALSE" in found.message


def test_number_refuses_dates_errors_and_infinity():
    assert problem(datetime(2027, 1, 1), Kind.NUMBER).value == "2027-01-01 00:00:00"
    assert "shows the error #N/A" in problem("#N/A", Kind.NUMBER).message
    assert "finite" in problem(float("inf"), Kind.NUMBER).message


def test_an_uncalculated_formula_is_an_error_for_every_kind():
    for kind in Kind:
        found = problem(Uncalculated("=B2*2"), kind)
        assert found.value == "=B2*2"
        assert "formula without a calculated value" in found.message


def test_number_range():
    assert "must be >= 0" in problem(-5, Kind.NUMBER, minimum=0.0).message
    assert "must be > 0" in problem(0, Kind.NUMBER, positive=True).message
    assert read_value(0, Kind.NUMBER, AT, minimum=0.0) == 0.0


def test_integer_must_be_whole():
    assert read_value(2027.0, Kind.INTEGER, AT) == 2027
    assert isinstance(read_value(2027.0, Kind.INTEGER, AT), int)
    found = problem(2027.5, Kind.INTEGER)
    assert (found.value, found.message) == (2027.5, "amount_eur must be a whole number")
    assert "looks like a number" in problem("2027", Kind.INTEGER).message


@pytest.mark.parametrize("value, expected", [
    (True, True), (False, False), (1, True), (0, False), (1.0, True),
    ("yes", True), ("No", False), ("JA", True), ("nee", False), ("TRUE", True),
    ("false", False), ("Y", True), ("n", False), ("1", True), (" 0 ", False),
])
def test_boolean_forms(value, expected):
    assert read_value(value, Kind.BOOLEAN, AT) is expected


@pytest.mark.parametrize("value", ["maybe", 2, "oui", 0.5])
def test_boolean_refuses_other_values(value):
    assert "must be TRUE or FALSE" in problem(value, Kind.BOOLEAN).message


def test_share_bounds_and_hint():
    assert read_value(0, Kind.SHARE, AT) == 0.0
    assert read_value(1, Kind.SHARE, AT) == 1.0
    assert read_value(0.15, Kind.SHARE, AT) == 0.15
    assert problem(15, Kind.SHARE).message.endswith("15 — did you mean 0.15?")
    assert problem(12.5, Kind.SHARE).message.endswith("12.5 — did you mean 0.125?")
    assert "did you mean" not in problem(150, Kind.SHARE).message
    assert "from 0 to 1" in problem(-0.1, Kind.SHARE).message


def test_names_are_trimmed_and_numbers_become_their_text():
    assert read_value("  Morocco ", Kind.NAME, AT) == "Morocco"
    assert read_value(101, Kind.NAME, AT) == "101"
    assert read_value(101.0, Kind.NAME, AT) == "101"
    assert read_value(1.5, Kind.TEXT, AT) == "1.5"
    assert "must be a name" in problem(True, Kind.NAME).message


def test_selector_forms():
    assert read_value("EACH", Kind.NAMES, AT) == Selector(Pick.EACH)
    assert read_value(" each ", Kind.NAMES, AT) == Selector(Pick.EACH)
    assert read_value("Morocco", Kind.NAMES, AT) == Selector(Pick.NAMES, ("Morocco",))
    assert read_value("a, b,,a ,", Kind.NAMES, AT) == Selector(Pick.NAMES, ("a", "b"))
    assert "cannot combine EACH" in problem("EACH, Morocco", Kind.NAMES).message


def test_year_forms():
    assert read_value(2027, Kind.YEARS, AT) == YearSelector(YearPick.LISTED, (2027,))
    assert read_value("2028, 2027", Kind.YEARS, AT) == YearSelector(YearPick.LISTED,
                                                                     (2027, 2028))
    assert read_value("all", Kind.YEARS, AT) == YearSelector(YearPick.ALL)
    assert "'2027, 2028'" in problem(2027.2028, Kind.YEARS).message
    assert "must be blank, ALL" in problem("2027; 2028", Kind.YEARS).message
    assert "must be blank, ALL" in problem("ALL, 2027", Kind.YEARS).message


def test_share_of_forms():
    assert read_value("total", Kind.SHARE_OF, AT) == frozenset()
    assert read_value("Total", Kind.SHARE_OF, AT) == frozenset()
    assert read_value("Country, theme", Kind.SHARE_OF, AT) == frozenset({"country", "theme"})
    assert "must be blank, total" in problem("countries", Kind.SHARE_OF).message
    assert "must be blank, total" in problem("total, country", Kind.SHARE_OF).message


def test_blank_cells_take_defaults_or_are_errors():
    effectiveness = schema.INSTRUMENTS.column("effectiveness")
    assert read_column(None, effectiveness, AT) == 1.0
    assert read_column("  ", effectiveness, AT) == 1.0
    dac = schema.COUNTRIES.column("dac_eligible")
    found = read_column(None, dac, At("Countries", "B3", "dac_eligible"))
    assert isinstance(found, Problem)
    assert found.message.startswith("dac_eligible is blank; expected TRUE or FALSE")
    amount = schema.ENVELOPES.column("amount_eur")
    assert read_column(None, amount, AT).message == "amount_eur is blank; expected a number >= 0"


def test_blank_limits_cells_mean_all_or_each():
    limits = schema.LIMITS
    assert read_column(None, limits.column("country"), AT) == Selector(Pick.ALL)
    assert read_column(None, limits.column("year"), AT) == YearSelector(YearPick.EACH)
    assert read_column(None, limits.column("share_of"), AT) == frozenset()


def test_settings_read_by_their_key():
    by_key = {setting.key: setting for setting in schema.SETTING_KEYS}
    assert read_setting(None, by_key["mip_gap"], AT) == 1e-4
    assert read_setting(3, by_key["max_countries"], AT) == 3
    assert isinstance(read_setting(0, by_key["max_countries"], AT), Problem)
    assert read_setting(" Protection ", by_key["protection_theme"], AT) == "Protection"


def test_blank_and_shown():
    assert is_blank(None) and is_blank("") and is_blank(" \u00a0")
    assert not is_blank(0) and not is_blank(Uncalculated("=1"))
    assert shown(15.0) == 15
    assert shown(0.15) == 0.15
