"""Read one cell value as the contract says (SPEC §1, "Cell values").

Each reader takes the value openpyxl found in the cell and returns the typed
value or a `Problem` that says where the cell is, what it holds and what was
expected. Nothing is guessed: text that looks like a number is an error, a
TRUE/FALSE cell in a number column is an error, and a formula that has never
been calculated is an error, never an empty cell or a zero.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from models.data import Pick, Selector, YearPick, YearSelector
from optimiser.errors import Problem
from optimiser.readers import schema
from optimiser.readers.schema import Column, Kind, Ref, Setting
from optimiser.readers.texts import Told


@dataclass(frozen=True, slots=True)
class Uncalculated:
    """A formula cell without a cached value (written by a program, never calculated)."""

    formula: str  # as Excel shows it, "=SUM(B2:B4)"

    def __str__(self) -> str:
        return self.formula


class At(NamedTuple):  # a NamedTuple: one is made per cell read, so it must be cheap
    """Where a value stands, for messages: sheet title, A1 ref and column (or setting) name."""

    sheet: str
    ref: str | None
    label: str  # starts the message; "" for problems about a whole row

    def problem(self, value: object, message: Told) -> Problem:
        text = Told("told_at", label=self.label, text=message) if self.label else message
        return Problem(self.sheet, self.ref, shown(value), text)


# Values Excel shows for a formula that failed.
ERROR_CODES = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!",
})
BOOLEAN_TEXT = {
    "true": True, "false": False, "yes": True, "no": False, "ja": True, "nee": False,
    "y": True, "n": False, "j": True, "1": True, "0": False,
}
# Digits with separators, a sign, a currency sign, an exponent or a percent sign:
# text a reader could take for a number, but only by guessing the convention.
_NUMBER_LIKE = re.compile(
    r"^[-+−]?\s*[€$£]?\s*\d[\d\s.,'’\u202f]*(?:[eE][-+]?\d+)?\s*%?\s*[€$£]?$"
)
_YEAR_TEXT = re.compile(r"^\d{1,4}$")

_NUMERIC = (int, float)  # bool too: readable by every kind that accepts it
_DATES = (datetime, date, time, timedelta)

EXPECTED = {
    Kind.NUMBER: Told("told_expect_number"),
    Kind.INTEGER: Told("told_expect_integer"),
    Kind.BOOLEAN: Told("told_expect_boolean"),
    Kind.SHARE: Told("told_expect_share"),
    Kind.NAME: Told("told_expect_name"),
    Kind.TEXT: Told("told_expect_text"),
    Kind.NAMES: Told("told_expect_names", each=schema.EACH),
    Kind.YEARS: Told("told_expect_years", all_years=schema.ALL_YEARS),
    Kind.SHARE_OF: Told("told_expect_share_of", total=schema.TOTAL,
                        names=", ".join(schema.SHARE_OF_COLUMNS)),
}


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: object) -> object:
    """The value as a Problem shows it: formulas and dates as text, whole floats as ints."""
    if isinstance(value, (Uncalculated, *_DATES)):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def number_text(value: float) -> str:
    shown_value = shown(value)
    return str(shown_value) if isinstance(shown_value, int) else repr(value)


def expectation(kind: Kind, minimum: float | None = None, positive: bool = False) -> Told:
    if positive:
        return Told("told_expect_positive", what=EXPECTED[kind])
    if minimum is not None and kind in (Kind.NUMBER, Kind.INTEGER):
        return Told("told_expect_minimum", what=EXPECTED[kind], minimum=number_text(minimum))
    return EXPECTED[kind]


# What a blank cell means for the list kinds of the Limits sheet (SPEC §1).
BLANK_MEANS = {
    Kind.NAMES: Selector(Pick.ALL),
    Kind.YEARS: YearSelector(YearPick.EACH),
    Kind.SHARE_OF: frozenset(),
}


def blank_value(column: Column) -> object:
    """The value of a blank cell (or an absent optional column)."""
    return BLANK_MEANS.get(column.kind) if column.default is None else column.default


def read_column(value: object, column: Column, at: At) -> object:
    """The typed value of a table cell, its default when blank, or a Problem."""
    if is_blank(value):
        if column.blank_ok:
            return blank_value(column)
        return at.problem(None, Told("told_blank", what=_expected_for(column)))
    if isinstance(value, date) and Ref.YEAR in (column.defines, column.refers):
        return _date_for_year(value, at)
    return read_value(value, column.kind, at, minimum=column.minimum, positive=column.positive)


def _date_for_year(value: date, at: At) -> Problem:
    """A date typed where a year belongs: shown as the user sees it, with the year suggested."""
    seen = value.strftime("%d-%m-%Y")
    return Problem(at.sheet, at.ref, seen, Told("told_date_for_year", label=at.label,
                                                 seen=seen, year=value.year))


def read_setting(value: object, setting: Setting, at: At) -> object:
    """The typed value of a Settings row; blank takes the setting's default."""
    if is_blank(value):
        return setting.default
    result = read_value(value, setting.kind, at, minimum=setting.minimum,
                        positive=setting.positive)
    if not setting.choices or not isinstance(result, str):
        return result
    if result.casefold() not in setting.choices:
        return at.problem(value, Told("told_one_of", choices=", ".join(setting.choices)))
    return result.casefold()


def _expected_for(column: Column) -> Told:
    return expectation(column.kind, column.minimum, column.positive)


def read_value(
    value: object, kind: Kind, at: At, *, minimum: float | None = None, positive: bool = False
) -> object:
    """A non-blank value read as `kind`, or a Problem."""
    trouble = None if isinstance(value, _NUMERIC) else _unusable(value, kind, at)
    if trouble is not None:
        return trouble
    result = _READERS[kind](value, at)
    if isinstance(result, Problem) or kind not in (Kind.NUMBER, Kind.INTEGER):
        return result
    return _in_range(result, kind, at, minimum, positive)


def _unusable(value: object, kind: Kind, at: At) -> Problem | None:
    """Values no kind accepts: uncalculated formulas, error codes, dates and times."""
    wanted = EXPECTED[kind]
    if isinstance(value, Uncalculated):
        return at.problem(value, Told("told_uncalculated"))
    if isinstance(value, str) and value.strip() in ERROR_CODES:
        return at.problem(value, Told("told_error_code", code=value.strip(), what=wanted))
    if isinstance(value, _DATES):
        return at.problem(value, Told("told_date", what=wanted))
    return None


def _number(value: object, at: At) -> float | Problem:
    if isinstance(value, bool):
        return at.problem(value, Told("told_true_false"))
    if isinstance(value, int | float):
        number = float(value)
        if math.isfinite(number):
            return number
        return at.problem(value, Told("told_finite"))
    if isinstance(value, str) and _NUMBER_LIKE.match(value.strip()):
        return at.problem(value, Told("told_number_text"))
    return at.problem(value, Told("told_number"))


def _integer(value: object, at: At) -> int | Problem:
    if isinstance(value, str) and not _NUMBER_LIKE.match(value.strip()):
        return at.problem(value, Told("told_whole"))
    number = _number(value, at)
    if isinstance(number, Problem):
        return number
    if not number.is_integer():
        return at.problem(value, Told("told_whole"))
    return int(number)


def _in_range(
    number: float, kind: Kind, at: At, minimum: float | None, positive: bool
) -> float | Problem:
    if positive and number <= 0:
        return at.problem(number, Told("told_positive"))
    if minimum is not None and number < minimum:
        return at.problem(number, Told("told_minimum", minimum=number_text(minimum)))
    return number


def _share(value: object, at: At) -> float | Problem:
    number = _number(value, at)
    if isinstance(number, Problem):
        return number
    if number < 0:
        return at.problem(value, Told("told_must_be", what=EXPECTED[Kind.SHARE]))
    if number > 1:
        hint = Told("told_share_hint", number=number_text(number),
                    share=number_text(number / 100)) if number <= 100 else ""
        return at.problem(value, Told("told_share_range", hint=hint))
    return number


def _boolean(value: object, at: At) -> bool | Problem:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().casefold() in BOOLEAN_TEXT:
        return BOOLEAN_TEXT[value.strip().casefold()]
    return at.problem(value, Told("told_must_be", what=EXPECTED[Kind.BOOLEAN]))


def _name(value: object, at: At) -> str | Problem:
    """Text, trimmed; a number cell becomes its plain text ("101"), never the reverse."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(float(value))
    return at.problem(value, Told("told_name"))


def _keyword(item: str, keyword: str) -> bool:
    """`item` is the keyword, in English or Dutch, in any letter case."""
    return item.casefold() in (keyword.casefold(), schema.KEYWORDS_NL[keyword].casefold())


# Limits.share_of: Dutch column names read as the English ones.
_SHARE_OF_NAMES = {
    name.casefold(): column.name
    for sheet in schema.INPUT_SHEETS if sheet is schema.LIMITS
    for column in sheet.columns if column.name in schema.SHARE_OF_COLUMNS
    for name in column.names
}


def _list_items(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _names(value: object, at: At) -> Selector | Problem:
    """EACH, or names separated by commas (the names are checked by the validator)."""
    text = _name(value, at)
    if isinstance(text, Problem):
        return text
    items = _list_items(text)
    keywords = [item for item in items if _keyword(item, schema.EACH)]
    if keywords and len(items) > 1:
        return at.problem(value, Told("told_each_with_names", each=schema.EACH))
    if keywords:
        return Selector(Pick.EACH)
    return Selector(Pick.NAMES, tuple(dict.fromkeys(items)))


def _years(value: object, at: At) -> YearSelector | Problem:
    """ALL, one year (a number), or years separated by commas (text)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        year = _integer(value, at)
        if isinstance(year, Problem):
            return at.problem(value, Told("told_whole_year"))
        return YearSelector(YearPick.LISTED, (year,))
    if not isinstance(value, str):
        return at.problem(value, Told("told_must_be", what=EXPECTED[Kind.YEARS]))
    items = _list_items(value)
    if len(items) == 1 and _keyword(items[0], schema.ALL_YEARS):
        return YearSelector(YearPick.ALL)
    if not items or not all(_YEAR_TEXT.match(item) for item in items):
        return at.problem(value, Told("told_must_be", what=EXPECTED[Kind.YEARS]))
    return YearSelector(YearPick.LISTED, tuple(sorted({int(item) for item in items})))


def _share_of(value: object, at: At) -> frozenset[str] | Problem:
    text = _name(value, at)
    if isinstance(text, Problem):
        return text
    items = [_SHARE_OF_NAMES.get(item.casefold(), item.casefold()) for item in _list_items(text)]
    if len(items) == 1 and _keyword(items[0], schema.TOTAL):
        return frozenset()
    unknown = [item for item in items if item not in schema.SHARE_OF_COLUMNS]
    if unknown or not items:
        return at.problem(value, Told("told_must_be", what=EXPECTED[Kind.SHARE_OF]))
    return frozenset(items)


_READERS = {
    Kind.NUMBER: _number,
    Kind.INTEGER: _integer,
    Kind.BOOLEAN: _boolean,
    Kind.SHARE: _share,
    Kind.NAME: _name,
    Kind.TEXT: _name,  # free text reads like a name (numbers become their text)
    Kind.NAMES: _names,
    Kind.YEARS: _years,
    Kind.SHARE_OF: _share_of,
}
