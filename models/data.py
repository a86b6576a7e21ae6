"""The validated input of the allocation model: plain, typed, immutable records.

`optimiser.readers.validate` builds an `AllocationData` from a workbook; tests and
notebooks may build one directly. Every reference between records uses the
canonical spelling of the defining sheet (names are matched
case-insensitively when read, so "morocco" in Commitments becomes "Morocco"
here). Money is in euros; the model scales it internally.

Each record carries its `Origin` (sheet title and row) so that every
constraint and every message can point back to the workbook.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True)
class Origin:
    """Where a record stands in the workbook: sheet title and 1-based row.

    `row` is None for values that come from a default rather than a row.
    """

    sheet: str
    row: int | None = None

    def __str__(self) -> str:
        return self.sheet if self.row is None else f"{self.sheet} row {self.row}"


@dataclass(frozen=True)
class Settings:
    """The Settings sheet, defaults applied (SPEC §1)."""

    ramp_share: float | None = None
    ramp_eur: float = 0.0
    max_countries: int | None = None
    high_risk_threshold: float | None = None
    high_risk_protection_share: float = 0.0
    protection_theme: str = "protection"
    mip_gap: float = 1e-4
    time_limit_s: float = 60.0
    no_restart: bool = False  # no line or country stops and comes back (SPEC §5.1)
    mip_solver: str = "highs"  # or "scip" (optional extra), for the MIP stage only
    lang: str = "en"  # language of what a run writes and prints: en or nl
    max_share_warning: float = 0.40  # Summary warns when an instrument or theme holds more
    # key -> row of the Settings sheet it came from (absent: default).
    origins: Mapping[str, Origin] = field(default_factory=dict, compare=False)

    def origin(self, key: str) -> Origin:
        return self.origins.get(key, Origin("Settings"))


@dataclass(frozen=True)
class Criterion:
    name: str
    weight: float
    origin: Origin


@dataclass(frozen=True)
class Country:
    name: str
    dac_eligible: bool
    absorption_eur: float | None  # None: no limit
    human_rights_risk: float
    scores: Mapping[str, float]  # criterion name -> score
    origin: Origin
    uncertainty: float | None = None  # relative spread of the scores (Monte Carlo only)


@dataclass(frozen=True)
class Instrument:
    name: str
    theme: str
    oda_share: float
    effectiveness: float
    min_programme_eur: float
    origin: Origin
    min_years: int = 1  # a line that starts runs at least this many years (SPEC §5.1)


@dataclass(frozen=True)
class Source:
    name: str
    oda: bool
    chapter: str | None
    origin: Origin


@dataclass(frozen=True)
class Envelope:
    year: int
    source: str
    amount_eur: float
    min_spend_share: float
    origin: Origin


@dataclass(frozen=True)
class Fit:
    country: str
    instrument: str
    fit: float
    capacity_eur: float | None
    origin: Origin


@dataclass(frozen=True)
class Tier:
    """One tier of diminishing returns: a slice [from, to] of a pair's capacity."""

    from_share: float
    to_share: float
    multiplier: float
    origin: Origin


DEFAULT_TIERS = (Tier(0.0, 1.0, 1.0, Origin("Returns")),)


@dataclass(frozen=True)
class Commitment:
    reference: str
    year: int
    country: str
    instrument: str
    source: str | None  # None: from any source
    amount_eur: float
    origin: Origin


@dataclass(frozen=True)
class BaselineAmount:
    country: str
    amount_eur: float
    origin: Origin


class Pick(Enum):
    """How a Limits selector column picks members."""

    ALL = "all"  # blank: all members together
    NAMES = "names"  # listed members together
    EACH = "each"  # one constraint per member


@dataclass(frozen=True)
class Selector:
    pick: Pick = Pick.ALL
    names: tuple[str, ...] = ()  # only for Pick.NAMES


class YearPick(Enum):
    """How the Limits `year` column picks years."""

    EACH = "each"  # blank: each planning year separately
    LISTED = "listed"  # the listed years together
    ALL = "all"  # all planning years together


@dataclass(frozen=True)
class YearSelector:
    pick: YearPick = YearPick.EACH
    years: tuple[int, ...] = ()  # only for YearPick.LISTED


SELECTOR_COLUMNS = ("country", "instrument", "theme", "source")


@dataclass(frozen=True)
class Limit:
    name: str
    year: YearSelector
    country: Selector
    instrument: Selector
    theme: Selector
    source: Selector
    min_eur: float | None
    max_eur: float | None
    min_share: float | None
    max_share: float | None
    share_of: frozenset[str]  # subset of SELECTOR_COLUMNS; empty = total
    origin: Origin

    def selector(self, column: str) -> Selector:
        return getattr(self, column)


@dataclass(frozen=True)
class AllocationData:
    """Everything the model needs, validated (SPEC §1)."""

    settings: Settings
    criteria: tuple[Criterion, ...]
    countries: tuple[Country, ...]
    instruments: tuple[Instrument, ...]
    sources: tuple[Source, ...]
    envelopes: tuple[Envelope, ...]
    fits: tuple[Fit, ...] = ()
    tiers: tuple[Tier, ...] = DEFAULT_TIERS
    commitments: tuple[Commitment, ...] = ()
    baseline: tuple[BaselineAmount, ...] = ()
    limits: tuple[Limit, ...] = ()

    @property
    def years(self) -> tuple[int, ...]:
        """The planning horizon: the years of the Envelopes sheet, ascending."""
        return tuple(sorted({e.year for e in self.envelopes}))
