"""Build small `AllocationData` instances in a line or two, for model tests.

One criterion `k` with weight 1, so a country's priority is its `score`.
"""

from __future__ import annotations

from models.data import (
    AllocationData,
    BaselineAmount,
    Commitment,
    Country,
    Criterion,
    Envelope,
    Fit,
    Instrument,
    Limit,
    Origin,
    Pick,
    Selector,
    Settings,
    Source,
    Tier,
    YearPick,
    YearSelector,
)

M = 1e6


def country(name, score=1.0, dac=True, absorption=None, risk=0.0, row=2) -> Country:
    return Country(name, dac, absorption, risk, {"k": score}, Origin("Countries", row))


def instrument(name, theme="general", oda_share=1.0, effectiveness=1.0, min_programme=0.0,
               row=2) -> Instrument:
    return Instrument(name, theme, oda_share, effectiveness, min_programme,
                      Origin("Instruments", row))


def source(name, oda=False, row=2) -> Source:
    return Source(name, oda, None, Origin("Sources", row))


def envelope(year, source_name, amount, min_share=0.0, row=2) -> Envelope:
    return Envelope(year, source_name, amount, min_share, Origin("Envelopes", row))


def fit(country_name, instrument_name, value=1.0, capacity=None, row=2) -> Fit:
    return Fit(country_name, instrument_name, value, capacity, Origin("Fit", row))


def tier(start, end, multiplier, row=2) -> Tier:
    return Tier(start, end, multiplier, Origin("Returns", row))


def commitment(year, country_name, instrument_name, amount, source_name=None, ref="C1",
               row=2) -> Commitment:
    return Commitment(ref, year, country_name, instrument_name, source_name, amount,
                      Origin("Commitments", row))


def baseline(country_name, amount, row=2) -> BaselineAmount:
    return BaselineAmount(country_name, amount, Origin("Baseline", row))


def pick(value=None) -> Selector:
    """None = all; "EACH"; a name or a list of names."""
    if value is None:
        return Selector()
    if value == "EACH":
        return Selector(Pick.EACH)
    names = (value,) if isinstance(value, str) else tuple(value)
    return Selector(Pick.NAMES, names)


def limit(name="L", year=None, country=None, instrument=None, theme=None, source=None,
          min_eur=None, max_eur=None, min_share=None, max_share=None, share_of=(),
          row=2) -> Limit:
    if year is None:
        years = YearSelector()
    elif year == "ALL":
        years = YearSelector(YearPick.ALL)
    else:
        years = YearSelector(YearPick.LISTED, tuple(year) if not isinstance(year, int)
                             else (year,))
    return Limit(name, years, pick(country), pick(instrument), pick(theme), pick(source),
                 min_eur, max_eur, min_share, max_share, frozenset(share_of),
                 Origin("Limits", row))


def data(countries, instruments, sources, envelopes, **extra) -> AllocationData:
    settings = extra.pop("settings", Settings())
    return AllocationData(
        settings=settings,
        criteria=(Criterion("k", 1.0, Origin("Criteria", 2)),),
        countries=tuple(countries),
        instruments=tuple(instruments),
        sources=tuple(sources),
        envelopes=tuple(envelopes),
        **{key: tuple(value) for key, value in extra.items()},
    )


def one_year(countries, instruments=None, amount=10 * M, **extra) -> AllocationData:
    """One year (2027), one non-ODA source `N` with `amount`."""
    return data(countries, instruments or [instrument("t")], [source("N")],
                [envelope(2027, "N", amount)], **extra)
