"""The workbook contract (SPEC §1), declared once.

Every sheet, column, type, default and range is stated here; the reader, the
validator, the template writer and the documentation all take them from this
module, so sheet and column names appear nowhere else as string literals.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum

from models.data import Settings


class Kind(Enum):
    """How a cell is read (SPEC §1, "Cell values")."""

    NUMBER = "number"
    INTEGER = "integer"  # a number with no fractional part (years, counts)
    BOOLEAN = "boolean"
    SHARE = "share"  # a number from 0 to 1
    NAME = "name"  # text, trimmed, matched case-insensitively
    TEXT = "text"  # free text (chapter, reference)
    NAMES = "names"  # blank, EACH, or comma-separated names (Limits selectors)
    YEARS = "years"  # blank, ALL, or comma-separated years (Limits.year)
    SHARE_OF = "share_of"  # blank, total, or comma-separated selector columns


class Ref(Enum):
    """A set of names (or years) that one column defines and other columns refer to."""

    CRITERION = "criterion"
    COUNTRY = "country"
    INSTRUMENT = "instrument"
    THEME = "theme"
    SOURCE = "source"
    YEAR = "planning year"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = True  # the header must be present
    blank_ok: bool = False  # a cell may be left blank
    default: object = None  # value taken for a blank cell
    minimum: float | None = None  # value must be >= minimum
    positive: bool = False  # value must be > 0
    help: str = ""
    defines: Ref | None = None  # the column's values are the members of this set
    refers: Ref | None = None  # every value must be a member of this set
    field: str | None = None  # the models.data field it fills, when not `name`
    nl: str = ""  # its Dutch header (SPEC §5.4), the one the Dutch template writes
    nl_also: tuple[str, ...] = ()  # other Dutch headers read as this column

    @property
    def field_name(self) -> str:
        return self.field or self.name

    @property
    def names(self) -> tuple[str, ...]:
        """Every header read as this column: English first, then Dutch."""
        return tuple(dict.fromkeys((self.name, *filter(None, (self.nl,)), *self.nl_also)))


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    required: bool = True
    help: str = ""
    key: tuple[str, ...] = ()  # columns whose values together must be unique
    min_rows: int = 0  # a present sheet needs at least this many records
    nl: str = ""  # its Dutch name (SPEC §5.4)

    @property
    def names(self) -> tuple[str, ...]:
        """Every title read as this sheet: English first, then Dutch."""
        return tuple(dict.fromkeys((self.name, *filter(None, (self.nl,)))))

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _money(name: str, help: str, *, required: bool = True, blank_ok: bool = False,
           nl: str = "", nl_also: tuple[str, ...] = ()) -> Column:
    return Column(name, Kind.NUMBER, required=required, blank_ok=blank_ok, minimum=0.0, help=help,
                  nl=nl, nl_also=nl_also)


SETTINGS = Sheet(
    "Settings",
    (
        Column("key", Kind.NAME, nl="sleutel", help="Setting name (see the list of settings)."),
        Column("value", Kind.TEXT, nl="waarde", blank_ok=True, help="Its value; blank = default."),
    ),
    required=False,
    nl="Instellingen",
    help="Optional model settings, one per row.",
    key=("key",),
)


@dataclass(frozen=True)
class Setting:
    """A Settings key. Its default is the field default of `models.data.Settings`,
    the one place defaults live (the solver options read them from there too)."""

    key: str
    kind: Kind
    minimum: float | None = None
    positive: bool = False
    help: str = ""
    nl: str = ""  # its Dutch key (SPEC §5.4)
    choices: tuple[str, ...] = ()  # the accepted values of a NAME setting, lower case

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.key, *filter(None, (self.nl,)))))

    @property
    def default(self) -> object:
        return SETTING_DEFAULTS[self.key]


LANGUAGES = ("en", "nl")  # the values of the lang setting
SETTING_DEFAULTS = {f.name: f.default for f in fields(Settings) if f.name != "origins"}

SETTING_KEYS = (
    Setting(
        "ramp_share", Kind.NUMBER, nl="groei_aandeel", minimum=0.0,
        help="Max year-on-year change of a country's total, as share of the previous "
        "year (blank: no ramp rule).",
    ),
    Setting(
        "ramp_eur", Kind.NUMBER, nl="groei_eur", minimum=0.0,
        help="Absolute allowance in EUR added to the ramp band (lets new countries start).",
    ),
    Setting(
        "max_countries", Kind.INTEGER, nl="max_landen", minimum=1.0,
        help="At most this many countries receive money over the horizon (blank: off).",
    ),
    Setting(
        "high_risk_threshold", Kind.NUMBER, nl="hoog_risico_drempel", minimum=0.0,
        help="Countries with human_rights_risk at or above this are high-risk (blank: off).",
    ),
    Setting(
        "high_risk_protection_share", Kind.SHARE, nl="hoog_risico_beschermingsaandeel",
        help="In each high-risk country and year, at least this share goes to protection.",
    ),
    Setting(
        "protection_theme", Kind.NAME, nl="beschermingsthema",
        help="The theme that counts as protection.",
    ),
    Setting(
        "mip_gap", Kind.NUMBER, nl="mip_gap", minimum=0.0,
        help="Relative MIP gap at which the solver may stop.",
    ),
    Setting(
        "time_limit_s", Kind.NUMBER, nl="tijdslimiet_s", positive=True,
        help="Solver time limit in seconds.",
    ),
    Setting(
        "no_restart", Kind.BOOLEAN, nl="geen_herstart",
        help="TRUE: no line or country stops and comes back later (the Baseline counts).",
    ),
    Setting(
        "mip_solver", Kind.NAME, nl="mip_oplosser", choices=("highs", "scip"),
        help="Solver for the yes/no funding decisions: highs (default) or scip (faster on "
        "minimum programmes and max_countries; needs pip install 'allocate[scip]').",
    ),
    Setting(
        "lang", Kind.NAME, nl="taal",
        help="Language of the terminal summary: en (English) or nl (Dutch).",
    ),
    Setting(
        "max_share_warning", Kind.SHARE, nl="max_aandeel_waarschuwing",
        help="The Summary warns when one instrument or theme holds more than this share "
        "of the money (a warning only; the allocation does not change).",
    ),
)

CRITERIA = Sheet(
    "Criteria",
    (
        Column(
            "criterion", Kind.NAME, nl="criterium",
            help="Name of a numeric column of the Countries sheet.",
            defines=Ref.CRITERION, field="name",
        ),
        Column("weight", Kind.NUMBER, nl="gewicht", minimum=0.0,
               help="Weight >= 0 (need not sum to 1)."),
    ),
    nl="Criteria",
    help="The criteria that make up a country's priority score.",
    key=("criterion",),
    min_rows=1,
)

COUNTRIES = Sheet(
    "Countries",
    (
        Column(
            "country", Kind.NAME, nl="land", help="Unique country (or regional line) name.",
            defines=Ref.COUNTRY, field="name",
        ),
        Column("dac_eligible", Kind.BOOLEAN, nl="dac_geschikt",
               help="TRUE if the country may receive ODA money."),
        _money(
            "absorption_eur", nl="absorptie_eur",
            help="Most the country can absorb per year (blank: no limit).",
            required=False, blank_ok=True,
        ),
        Column(
            "human_rights_risk", Kind.NUMBER, nl="mensenrechtenrisico", required=False,
            blank_ok=True, default=0.0,
            minimum=0.0, help="Human-rights risk score >= 0 (blank: 0).",
        ),
        Column(
            "uncertainty", Kind.SHARE, nl="onzekerheid", required=False, blank_ok=True,
            help="Extension: relative uncertainty of the scores for `allocate sensitivity`'s "
                 "Monte Carlo, e.g. 0.2 = ±20% (blank: the --uncertainty option).",
        ),
    ),
    nl="Landen",
    help="One row per country; plus one numeric column per criterion (scores >= 0).",
    key=("country",),
    min_rows=1,
)

# Criterion columns on Countries are declared by the Criteria sheet; they read as:
CRITERION_SCORE = Column("score", Kind.NUMBER, minimum=0.0, help="Criterion score >= 0.")

INSTRUMENTS = Sheet(
    "Instruments",
    (
        Column(
            "instrument", Kind.NAME, nl="instrument", help="Unique instrument name.",
            defines=Ref.INSTRUMENT, field="name",
        ),
        Column(
            "theme", Kind.NAME, nl="thema", help="Theme (several instruments may share one).",
            defines=Ref.THEME,
        ),
        Column("oda_share", Kind.SHARE, nl="oda_aandeel",
               help="Most of the money that may be charged to ODA."),
        Column(
            "effectiveness", Kind.NUMBER, nl="effectiviteit", required=False, blank_ok=True,
            default=1.0,
            positive=True, help="Effectiveness multiplier > 0 (blank: 1).",
        ),
        Column(
            "min_programme_eur", Kind.NUMBER, nl="min_programma_eur", required=False,
            blank_ok=True, default=0.0,
            minimum=0.0, help="Least amount if funded in a country and year (blank: 0).",
        ),
        Column(
            "min_years", Kind.INTEGER, nl="min_jaren", required=False, blank_ok=True,
            default=1,
            minimum=1.0, help="A line (country, instrument) that starts runs at least this "
            "many years (blank: 1).",
        ),
    ),
    nl="Instrumenten",
    help="One row per instrument.",
    key=("instrument",),
    min_rows=1,
)

SOURCES = Sheet(
    "Sources",
    (
        Column(
            "source", Kind.NAME, nl="bron", help="Unique funding source (budget line) name.",
            defines=Ref.SOURCE, field="name",
        ),
        Column("oda", Kind.BOOLEAN, nl="oda", help="TRUE if the source is ODA money."),
        Column("chapter", Kind.TEXT, nl="hoofdstuk", required=False, blank_ok=True,
               help="Budget chapter."),
    ),
    nl="Bronnen",
    help="One row per funding source.",
    key=("source",),
    min_rows=1,
)

ENVELOPES = Sheet(
    "Envelopes",
    (
        Column(
            "year", Kind.INTEGER, nl="jaar",
            help="Budget year; these years are the planning horizon.",
            defines=Ref.YEAR,
        ),
        Column("source", Kind.NAME, nl="bron", help="A source of the Sources sheet.",
               refers=Ref.SOURCE),
        _money("amount_eur", nl="bedrag", nl_also=("bedrag_eur",),
               help="Most that may be spent from the source in the year."),
        Column(
            "min_spend_share", Kind.SHARE, nl="min_besteding_aandeel", required=False,
            blank_ok=True, default=0.0,
            help="Least that must be spent, as a share of amount_eur (blank: 0).",
        ),
    ),
    nl="Budgetten",
    help="One row per (year, source).",
    key=("year", "source"),
    min_rows=1,
)

FIT = Sheet(
    "Fit",
    (
        Column(
            "country", Kind.NAME, nl="land", help="A country of the Countries sheet.",
            refers=Ref.COUNTRY,
        ),
        Column(
            "instrument", Kind.NAME, nl="instrument",
            help="An instrument of the Instruments sheet.",
            refers=Ref.INSTRUMENT,
        ),
        Column(
            "fit", Kind.NUMBER, nl="geschiktheid", required=False, blank_ok=True, default=1.0,
            minimum=0.0,
            help="Multiplies the pair's value; 0 = not available (blank: 1).",
        ),
        _money(
            "capacity_eur", nl="capaciteit_eur",
            help="Most the pair can absorb per year (blank: none of its own).",
            required=False, blank_ok=True,
        ),
    ),
    required=False,
    nl="Geschiktheid",
    help="Optional: at most one row per (country, instrument) pair.",
    key=("country", "instrument"),
)

RETURNS = Sheet(
    "Returns",
    (
        Column("from_share", Kind.SHARE, nl="van_aandeel",
               help="Tier start, as share of the pair's capacity."),
        Column("to_share", Kind.SHARE, nl="tot_aandeel",
               help="Tier end, as share of the pair's capacity."),
        Column("multiplier", Kind.NUMBER, nl="vermenigvuldiger", positive=True,
               help="Value multiplier > 0."),
    ),
    required=False,
    nl="Rendement",
    help="Optional: tiers of diminishing returns that tile [0, 1].",
    min_rows=1,  # an empty Returns sheet is an error; an absent one means one tier
)

COMMITMENTS = Sheet(
    "Commitments",
    (
        Column("reference", Kind.TEXT, nl="kenmerk", help="Reference of the commitment."),
        Column("year", Kind.INTEGER, nl="jaar", help="A planning year.", refers=Ref.YEAR),
        Column("country", Kind.NAME, nl="land", help="A country.", refers=Ref.COUNTRY),
        Column("instrument", Kind.NAME, nl="instrument", help="An instrument.",
               refers=Ref.INSTRUMENT),
        Column(
            "source", Kind.NAME, nl="bron", required=False, blank_ok=True,
            help="A source (blank: from any source).", refers=Ref.SOURCE,
        ),
        _money("amount_eur", nl="bedrag", nl_also=("bedrag_eur",),
               help="Amount already committed."),
    ),
    required=False,
    nl="Verplichtingen",
    help="Optional: money already committed (legal obligations).",
)

BASELINE = Sheet(
    "Baseline",
    (
        Column("country", Kind.NAME, nl="land", help="A country.", refers=Ref.COUNTRY),
        _money("amount_eur", nl="bedrag", nl_also=("bedrag_eur",),
               help="The country's total in the year before the horizon."),
    ),
    required=False,
    nl="Basisjaar",
    help="Optional: totals of the year before the first planning year (for the ramp).",
    key=("country",),
)

LIMITS = Sheet(
    "Limits",
    (
        Column("name", Kind.TEXT, nl="naam", required=False, blank_ok=True,
               help="Name used in reports."),
        Column("year", Kind.YEARS, nl="jaar", required=False, blank_ok=True, refers=Ref.YEAR,
               help="Blank = each year; years = together; ALL = all years together."),
        Column("country", Kind.NAMES, nl="land", required=False, blank_ok=True, refers=Ref.COUNTRY,
               help="Blank = all; names = those together; EACH = one constraint per country."),
        Column("instrument", Kind.NAMES, nl="instrument", required=False, blank_ok=True,
               refers=Ref.INSTRUMENT, help="Blank = all; names; EACH."),
        Column("theme", Kind.NAMES, nl="thema", required=False, blank_ok=True, refers=Ref.THEME,
               help="Blank = all; themes; EACH."),
        Column("source", Kind.NAMES, nl="bron", required=False, blank_ok=True, refers=Ref.SOURCE,
               help="Blank = all; sources; EACH."),
        _money("min_eur", nl="min_eur", help="Lower bound on the selected sum.", required=False,
               blank_ok=True),
        _money("max_eur", nl="max_eur", help="Upper bound on the selected sum.", required=False,
               blank_ok=True),
        Column("min_share", Kind.SHARE, nl="min_aandeel", required=False, blank_ok=True,
               help="Lower bound as share of the share_of denominator."),
        Column("max_share", Kind.SHARE, nl="max_aandeel", required=False, blank_ok=True,
               help="Upper bound as share of the share_of denominator."),
        Column("share_of", Kind.SHARE_OF, nl="aandeel_van", required=False, blank_ok=True,
               help="Denominator: blank/total, or country, instrument, theme, source."),
    ),
    required=False,
    nl="Grenzen",
    help="Optional: bounds on sums over selections of the allocation.",
)

SCENARIOS = Sheet(
    "Scenarios",
    (
        Column(
            "scenario", Kind.TEXT, nl="scenario",
            help="Scenario name; rows with the same name apply together.",
        ),
        Column("sheet", Kind.NAME, nl="blad", help="The input sheet to change."),
        Column("match", Kind.TEXT, nl="selectie", required=False, blank_ok=True,
               help="Blank = every row, or column=value conditions separated by ';'."),
        Column("column", Kind.NAME, nl="kolom", help="The column to change."),
        Column("operation", Kind.NAME, nl="bewerking", help="set, scale or add."),
        Column("value", Kind.TEXT, nl="waarde", blank_ok=True,
               help="The new value, factor or addend."),
    ),
    required=False,
    nl="Scenarios",
    help="Optional: what-if scenarios for `allocate scenarios`.",
)

# In the order a workbook presents them.
INPUT_SHEETS = (
    SETTINGS, CRITERIA, COUNTRIES, INSTRUMENTS, SOURCES, ENVELOPES,
    FIT, RETURNS, COMMITMENTS, BASELINE, LIMITS, SCENARIOS,
)

# Keywords (case-insensitive).
EACH = "EACH"
ALL_YEARS = "ALL"
TOTAL = "total"
SHARE_OF_COLUMNS = ("country", "instrument", "theme", "source")
# Their Dutch forms (SPEC §5.4), read like the English ones; Limits.share_of also
# takes the Dutch names of its columns (land, thema, bron).
KEYWORDS_NL = {EACH: "ELK", ALL_YEARS: "ALLE", TOTAL: "totaal"}

# Limits: (lower, upper) bound columns; a row needs at least one of them, and
# a lower bound above the upper bound in the same row is an error.
LIMIT_BOUNDS = (("min_eur", "max_eur"), ("min_share", "max_share"))

# Scenarios: the operations of the `operation` column.
SCENARIO_OPERATIONS = ("set", "scale", "add")

# Output sheet names (SPEC §4 plus the project's own).
ALLOCATION = "Allocation"
SUMMARY = "Summary"
ALLOCATION_COLUMNS = ("year", "country", "instrument", "theme", "source", "oda", "amount_eur")

# Scenarios.operation values (case-insensitive).
SCENARIO_OPERATIONS = ("set", "scale", "add")

# Spreadsheet display formats. Money columns and settings carry their unit in
# the name (`*_eur`); shares are stored as 0..1 and shown as percentages.
EURO_SUFFIX = "_eur"
SHARE_SUFFIX = "_share"
EURO_FORMAT = "#,##0"
SHARE_FORMAT = "0%"
INTEGER_FORMAT = "0"


def number_format(name: str, kind: Kind) -> str | None:
    """The Excel number format for a column or setting, or None for the default."""
    if name.endswith(EURO_SUFFIX):
        return EURO_FORMAT
    if kind is Kind.SHARE or name.endswith(SHARE_SUFFIX):
        return SHARE_FORMAT
    if kind is Kind.INTEGER:
        return INTEGER_FORMAT
    return None

# Fixed vocabularies of some columns, keyed by (sheet, column); the template
# offers them as dropdowns. Limits.share_of also takes comma-separated lists.
CHOICES = {
    (SETTINGS.name, "key"): tuple(setting.key for setting in SETTING_KEYS),
    (LIMITS.name, "share_of"): (TOTAL, *SHARE_OF_COLUMNS),
    (SCENARIOS.name, "sheet"): tuple(sheet.name for sheet in INPUT_SHEETS),
    (SCENARIOS.name, "operation"): SCENARIO_OPERATIONS,
}
