"""Read a workbook's input sheets for the independent result checker (SPEC.md §1).

Written from SPEC.md alone, with openpyxl only: nothing here may come from `models` or
`optimiser`, so the checker cannot share a reading bug with the tool. The workbook is
assumed valid; anything that cannot be read raises `InputError` naming sheet, row and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

TRUE_WORDS = frozenset({"yes", "ja", "true", "y", "1"})
FALSE_WORDS = frozenset({"no", "nee", "false", "n", "0"})
INPUT_SHEETS = (
    "Settings", "Criteria", "Countries", "Instruments", "Sources", "Envelopes",
    "Fit", "Returns", "Commitments", "Baseline", "Limits", "Scenarios",
)


class InputError(ValueError):
    """An input sheet of the result workbook cannot be read as SPEC §1 says."""


def key(name: object) -> str:
    """Case-insensitive identity of a name, keyword, header or sheet title."""
    return str(name).strip().casefold()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def find_sheet(book: Workbook, title: str) -> Worksheet | None:
    """The sheet whose trimmed title equals `title` ignoring case, or None."""
    for sheet in book.worksheets:
        if key(sheet.title) == key(title):
            return sheet
    return None


def to_number(value: object, where: str) -> float:
    # bool is an int subclass in Python, but a TRUE cell is not a number in a workbook.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{where}: {value!r} is not a number")
    return float(value)


def to_boolean(value: object, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and key(value) in TRUE_WORDS | FALSE_WORDS:
        return key(value) in TRUE_WORDS
    raise InputError(f"{where}: {value!r} is not a boolean")


def to_year(value: object, where: str) -> int:
    number = to_number(value, where)
    if number != int(number):
        raise InputError(f"{where}: {value!r} is not a whole year")
    return int(number)


@dataclass(frozen=True)
class Record:
    """One non-empty row of a table sheet; `values` are keyed by lower-cased header."""

    sheet: str
    row: int
    values: dict[str, object]

    def where(self, column: str) -> str:
        return f"{self.sheet} row {self.row} column {column}"

    def raw(self, column: str) -> object:
        """The cell, or None when blank or when the sheet lacks the column."""
        value = self.values.get(column)
        return None if is_blank(value) else value

    def number(self, column: str, default: float | None = None) -> float | None:
        value = self.raw(column)
        return default if value is None else to_number(value, self.where(column))

    def required_number(self, column: str) -> float:
        return to_number(self.raw(column), self.where(column))

    def name(self, column: str) -> str | None:
        value = self.raw(column)
        return None if value is None else str(value).strip()

    def boolean(self, column: str) -> bool:
        return to_boolean(self.raw(column), self.where(column))

    def year(self, column: str) -> int:
        return to_year(self.raw(column), self.where(column))


def read_table(book: Workbook, title: str) -> list[Record] | None:
    """The records of a table sheet (header in row 1), or None when the sheet is absent."""
    sheet = find_sheet(book, title)
    if sheet is None:
        return None
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, ())
    columns = [None if is_blank(h) else key(h) for h in header]
    records = []
    for number, row in enumerate(rows, start=2):
        if all(is_blank(v) for v in row):
            continue  # completely empty rows are skipped; a row with only a note is a record
        values = {c: v for c, v in zip(columns, row, strict=False) if c is not None}
        records.append(Record(sheet.title, number, values))
    return records


def required_table(book: Workbook, title: str) -> list[Record]:
    records = read_table(book, title)
    if records is None:
        raise InputError(f"required sheet {title} is missing")
    return records


@dataclass(frozen=True)
class Settings:
    ramp_share: float | None
    ramp_eur: float
    max_countries: int | None
    high_risk_threshold: float | None
    high_risk_protection_share: float
    protection_theme: str  # key()
    no_restart: bool = False  # SPEC §5.1


def read_settings(book: Workbook) -> Settings:
    values: dict[str, Record] = {}
    for record in read_table(book, "Settings") or []:
        if record.raw("key") is not None and record.raw("value") is not None:
            values[key(record.raw("key"))] = record  # a blank value means the default

    def number(name: str, default: float | None) -> float | None:
        record = values.get(name)
        return default if record is None else record.required_number("value")

    max_countries = number("max_countries", None)
    theme = values.get("protection_theme")
    return Settings(
        ramp_share=number("ramp_share", None),
        ramp_eur=number("ramp_eur", 0.0),
        max_countries=None if max_countries is None else int(max_countries),
        high_risk_threshold=number("high_risk_threshold", None),
        high_risk_protection_share=number("high_risk_protection_share", 0.0),
        protection_theme=key(theme.raw("value")) if theme else "protection",
        no_restart=("no_restart" in values
                    and to_boolean(values["no_restart"].raw("value"), "Settings no_restart")),
    )


@dataclass(frozen=True)
class Country:
    name: str
    dac_eligible: bool
    absorption_eur: float | None
    human_rights_risk: float
    priority: float  # p_c = Σ weight × score


@dataclass(frozen=True)
class Instrument:
    name: str
    theme: str  # as written; compare with key()
    oda_share: float
    effectiveness: float
    min_programme_eur: float
    min_years: int = 1  # SPEC §5.1


@dataclass(frozen=True)
class Source:
    name: str
    oda: bool


@dataclass(frozen=True)
class Envelope:
    amount_eur: float
    min_spend_share: float


@dataclass(frozen=True)
class Commitment:
    reference: str
    year: int
    country: str  # key()
    instrument: str  # key()
    source: str | None  # key(), None = from all sources together
    amount_eur: float


def read_weights(book: Workbook) -> dict[str, float]:
    return {
        key(r.raw("criterion")): r.required_number("weight")
        for r in required_table(book, "Criteria")
    }


def read_countries(book: Workbook) -> dict[str, Country]:
    weights = read_weights(book)
    countries = {}
    for r in required_table(book, "Countries"):
        priority = sum(w * (r.number(c, 0.0) or 0.0) for c, w in weights.items())
        countries[key(r.name("country"))] = Country(
            name=r.name("country"),
            dac_eligible=r.boolean("dac_eligible"),
            absorption_eur=r.number("absorption_eur"),
            human_rights_risk=r.number("human_rights_risk", 0.0),
            priority=priority,
        )
    return countries


def read_instruments(book: Workbook) -> dict[str, Instrument]:
    return {
        key(r.name("instrument")): Instrument(
            name=r.name("instrument"),
            theme=r.name("theme"),
            oda_share=r.required_number("oda_share"),
            effectiveness=r.number("effectiveness", 1.0),
            min_programme_eur=r.number("min_programme_eur", 0.0),
            min_years=int(r.number("min_years", 1.0)),
        )
        for r in required_table(book, "Instruments")
    }


def read_sources(book: Workbook) -> dict[str, Source]:
    return {
        key(r.name("source")): Source(name=r.name("source"), oda=r.boolean("oda"))
        for r in required_table(book, "Sources")
    }


def resolve(record: Record, column: str, known: Iterable[str]) -> str:
    """The key of the name in `column`, which must be one of `known` (keys)."""
    name = key(record.raw(column))
    if name not in set(known):
        raise InputError(f"{record.where(column)}: unknown name {record.raw(column)!r}")
    return name


def read_envelopes(book: Workbook, sources: dict[str, Source]) -> dict[tuple[int, str], Envelope]:
    return {
        (r.year("year"), resolve(r, "source", sources)): Envelope(
            amount_eur=r.required_number("amount_eur"),
            min_spend_share=r.number("min_spend_share", 0.0),
        )
        for r in required_table(book, "Envelopes")
    }


FitTable = dict[tuple[str, str], tuple[float, float | None]]


def read_fit(book: Workbook, countries, instruments) -> FitTable:
    """(country, instrument) -> (fit, capacity_eur or None), for the pairs with a row."""
    return {
        (resolve(r, "country", countries), resolve(r, "instrument", instruments)): (
            r.number("fit", 1.0),
            r.number("capacity_eur"),
        )
        for r in read_table(book, "Fit") or []
    }


def read_tiers(book: Workbook) -> tuple[tuple[float, float, float], ...]:
    """Returns tiers (from_share, to_share, multiplier) sorted by from_share; default [0, 1] × 1."""
    records = read_table(book, "Returns")
    if records is None:
        return ((0.0, 1.0, 1.0),)
    tiers = [
        (r.required_number("from_share"), r.required_number("to_share"),
         r.required_number("multiplier"))
        for r in records
    ]
    return tuple(sorted(tiers))


def read_commitments(book: Workbook, countries, instruments, sources) -> tuple[Commitment, ...]:
    return tuple(
        Commitment(
            reference=r.name("reference") or f"Commitments row {r.row}",
            year=r.year("year"),
            country=resolve(r, "country", countries),
            instrument=resolve(r, "instrument", instruments),
            source=None if r.raw("source") is None else resolve(r, "source", sources),
            amount_eur=r.required_number("amount_eur"),
        )
        for r in read_table(book, "Commitments") or []
    )


def read_baseline(book: Workbook, countries) -> dict[str, float]:
    return {
        resolve(r, "country", countries): r.required_number("amount_eur")
        for r in read_table(book, "Baseline") or []
    }


@dataclass(frozen=True)
class Inputs:
    """The base inputs of a workbook; every dict is keyed by key(name), in sheet order."""

    settings: Settings
    countries: dict[str, Country]
    instruments: dict[str, Instrument]
    sources: dict[str, Source]
    envelopes: dict[tuple[int, str], Envelope]
    fit: FitTable
    tiers: tuple[tuple[float, float, float], ...]
    commitments: tuple[Commitment, ...]
    baseline: dict[str, float]
    limits: tuple[Record, ...]  # Limits rows as written; read by checker_limits

    @property
    def years(self) -> tuple[int, ...]:
        """The planning horizon: the years of the Envelopes sheet, sorted."""
        return tuple(sorted({year for year, _ in self.envelopes}))

    def fit_of(self, country: str, instrument: str) -> float:
        return self.fit.get((country, instrument), (1.0, None))[0]

    def pair_capacity(self, country: str, instrument: str) -> float | None:
        """The pair's own capacity_eur (Fit sheet), or None."""
        return self.fit.get((country, instrument), (1.0, None))[1]

    def cap(self, country: str, instrument: str) -> float | None:
        """cap_ci: the pair's capacity, else the country's absorption, else None (unbounded)."""
        own = self.pair_capacity(country, instrument)
        return self.countries[country].absorption_eur if own is None else own

    def value(self, country: str, instrument: str) -> float:
        """a_ci = p_c × effectiveness_i × fit_ci: impact of one euro in the first tier."""
        return (
            self.countries[country].priority
            * self.instruments[instrument].effectiveness
            * self.fit_of(country, instrument)
        )

    def free_sources(self, country: str, instrument: str) -> tuple[str, ...]:
        """The sources s for which x[y,c,i,s] is a free variable (SPEC §2); () off the pairs."""
        if self.fit_of(country, instrument) <= 0:
            return ()
        no_oda = (
            not self.countries[country].dac_eligible
            or self.instruments[instrument].oda_share == 0
        )
        return tuple(s for s, source in self.sources.items() if not (source.oda and no_oda))

    def has_theme(self, instrument: str, theme: str) -> bool:
        return key(self.instruments[instrument].theme) == theme

    @property
    def themes(self) -> dict[str, str]:
        """Theme key -> theme as first written, in order of first appearance."""
        themes: dict[str, str] = {}
        for instrument in self.instruments.values():
            themes.setdefault(key(instrument.theme), instrument.theme)
        return themes


def read_inputs(book: Workbook) -> Inputs:
    countries = read_countries(book)
    instruments = read_instruments(book)
    sources = read_sources(book)
    return Inputs(
        settings=read_settings(book),
        countries=countries,
        instruments=instruments,
        sources=sources,
        envelopes=read_envelopes(book, sources),
        fit=read_fit(book, countries, instruments),
        tiers=read_tiers(book),
        commitments=read_commitments(book, countries, instruments, sources),
        baseline=read_baseline(book, countries),
        limits=tuple(read_table(book, "Limits") or ()),
    )
