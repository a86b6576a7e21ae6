"""Synthetic allocation data that is feasible by construction.

All draws come from numpy Generators seeded from one seed (see
`benchmarks.generate.draw`), so a seed fixes the data. Feasibility comes from
a *witness*: an explicit allocation x*[y,c,i,s] built first, from which every
rule that could bind is then set with a margin. Since x* satisfies every
constraint of SPEC §2, the model has at least one feasible allocation.

How x* is built. The money of each source is spread over pairs by a fixed
share q[c,i] of its *pool* (ODA sources share one q, non-ODA sources another),
x*[y,c,i,s] = SPEND × envelope[y,s] × q_pool(s)[c,i]:
- ODA money goes only to DAC-eligible countries and instruments with
  oda_share 1, so the ODA-share rule holds in every cell whatever the mix.
- Within a country, a pool gives 50% (high-risk countries) or 30% (others) to
  the protection instruments it may use, so do-no-harm holds with a margin.
  A high-risk country a pool cannot serve with protection gets nothing from it.
- Across countries, q is proportional to absorption, and each pool's money is
  at most 1.25 × 0.30 (ODA) and 1.25 × 0.25 (non-ODA) of its countries'
  absorption, so a country's total stays under 69% of its absorption.
- Every source's envelope moves by -6% to +8% a year (kept within 0.8–1.25 of
  its first year, rounded to 100k EUR), so each country's total moves by at
  most about 8% a year: well inside the ramp band of 30% (+ ramp_eur).
- A second pass leaves out of x* the pairs of minimum-programme instruments
  whose cell would fall below the planned minimum; their money goes to the
  country's other pairs of the same pool, so country totals do not change.

Then, from x*: envelopes are spent to 98% (min_spend_share 0.95); pair
capacities are at least 1.3 × the pair's largest x*; commitments are 20–50% of
an x* cell; the baseline is within 15% of the first year's totals; share
limits are 30% looser than x*'s shares (rounded outwards), amount limits 20%
looser; minimum programmes are at most 90% of the instrument's smallest
non-zero x* cell; with max_countries, x* funds at most that many countries.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FIRST_YEAR = 2027
THEMES = ("protection", "health", "education", "governance", "livelihoods", "climate", "migration")
PROTECTION = THEMES[0]
CRITERIA = ("need", "relevance", "partnership", "stability")
ODA_SHARES = (0.0, 0.2, 0.5, 0.8, 1.0)
ODA_SHARE_P = (0.15, 0.10, 0.15, 0.20, 0.40)
FIT_VALUES = (0.0, 0.5, 0.75, 1.0, 1.25, 1.5)
FIT_P = (0.15, 0.10, 0.15, 0.40, 0.12, 0.08)
TIERS = ((0.0, 0.5, 1.0), (0.5, 0.8, 0.7), (0.8, 1.0, 0.4))  # from_share, to_share, multiplier

RAMP_SHARE = 0.3
RAMP_EUR = 250_000
HIGH_RISK_THRESHOLD = 4.0
HIGH_RISK_PROTECTION_SHARE = 0.3
ODA_MIN_SPEND_SHARE = 0.95

SPEND = 0.98  # the witness spends this share of every envelope
SCARCITY = {True: 0.30, False: 0.25}  # pool money / pool absorption in the first year, by oda
ENVELOPE_STEP = (-0.06, 0.08)  # yearly change of a source's envelope
ENVELOPE_BAND = (0.8, 1.25)  # a source's envelope relative to its first year
PROTECTION_SPLIT = {True: 0.5, False: 0.3}  # witness share of protection, by high-risk
SHARE_SLACK = 1.3
EUR_SLACK = 1.2


@dataclass(frozen=True)
class Size:
    years: int
    countries: int
    instruments: int
    sources: int


SIZES = {
    "S": Size(years=5, countries=15, instruments=10, sources=4),
    "M": Size(years=10, countries=60, instruments=20, sources=4),
    "L": Size(years=10, countries=200, instruments=30, sources=6),
}


@dataclass(frozen=True)
class Universe:
    """The drawn primitives: countries, instruments, sources, fit (arrays by index)."""

    years: tuple[int, ...]
    countries: tuple[str, ...]
    dac: np.ndarray  # bool [c]
    absorption: np.ndarray  # EUR [c]; also the witness weight where the cell is blank
    absorption_blank: np.ndarray  # bool [c]: written as blank (no limit)
    risk: np.ndarray  # [c], 0–5
    scores: np.ndarray  # [c, criterion], 0–5
    weights: np.ndarray  # [criterion]
    instruments: tuple[str, ...]
    themes: tuple[str, ...]
    oda_share: np.ndarray  # [i]
    effectiveness: np.ndarray  # [i]
    sources: tuple[str, ...]
    source_oda: np.ndarray  # bool [s]
    fit: np.ndarray  # [c, i]

    @property
    def high_risk(self) -> np.ndarray:
        return self.risk >= HIGH_RISK_THRESHOLD

    @property
    def protection(self) -> np.ndarray:
        return np.array([t == PROTECTION for t in self.themes])


@dataclass(frozen=True)
class Witness:
    """A feasible allocation and the envelopes it was built for."""

    envelope: np.ndarray  # EUR [y, s]
    x: np.ndarray  # EUR [y, c, i, s]

    @property
    def cell(self) -> np.ndarray:  # X*[y, c, i]
        return self.x.sum(axis=3)

    @property
    def total(self) -> np.ndarray:  # T*[y, c]
        return self.x.sum(axis=(2, 3))


def floor_to(value, step: float):
    return np.floor(np.asarray(value) / step) * step


def ceil_to(value, step: float):
    return np.ceil(np.asarray(value) / step) * step


def round_to(value, step: float):
    return np.round(np.asarray(value) / step) * step


def draw_universe(rng: np.random.Generator, size: Size) -> Universe:
    """Countries, instruments, sources and fit of a given size."""
    countries = _draw_countries(rng, size.countries)
    instruments = _draw_instruments(rng, size.instruments)
    sources = _draw_sources(size.sources)
    fit = _draw_fit(rng, countries["risk"], instruments["themes"])
    return Universe(
        years=tuple(FIRST_YEAR + k for k in range(size.years)),
        weights=np.round(rng.dirichlet(np.full(len(CRITERIA), 4.0)), 2),
        fit=fit,
        **countries,
        **instruments,
        **sources,
    )


def _draw_countries(rng: np.random.Generator, n: int) -> dict:
    dac = rng.random(n) < 0.8
    dac[0] = True  # at least one country may receive ODA money
    absorption = np.clip(rng.lognormal(np.log(30e6), 0.8, n), 2e6, 400e6)
    return {
        "countries": tuple(f"Country {k + 1:03d}" for k in range(n)),
        "dac": dac,
        "absorption": round_to(absorption, 10_000),
        "absorption_blank": rng.random(n) < 0.05,
        "risk": np.round(rng.uniform(0.0, 5.0, n), 1),
        "scores": np.round(rng.uniform(0.0, 5.0, (n, len(CRITERIA))), 1),
    }


def _draw_instruments(rng: np.random.Generator, n: int) -> dict:
    themes = [PROTECTION, PROTECTION, *rng.choice(THEMES, n - 2)]
    counts: dict[str, int] = {}
    names = []
    for theme in themes:
        counts[theme] = counts.get(theme, 0) + 1
        names.append(f"{theme} {counts[theme]}")
    oda_share = rng.choice(ODA_SHARES, n, p=ODA_SHARE_P)
    oda_share[0] = 1.0  # a protection instrument fully ODA-eligible
    return {
        "instruments": tuple(names),
        "themes": tuple(str(t) for t in themes),
        "oda_share": oda_share,
        "effectiveness": np.round(rng.uniform(0.6, 1.3, n), 2),
    }


def _draw_sources(n: int) -> dict:
    n_oda = n // 2
    names = [f"ODA line {k + 1}" for k in range(n_oda)]
    names += [f"Non-ODA line {k + 1}" for k in range(n - n_oda)]
    return {"sources": tuple(names), "source_oda": np.arange(n) < n_oda}


def _draw_fit(rng: np.random.Generator, risk: np.ndarray, themes: list[str]) -> np.ndarray:
    fit = rng.choice(FIT_VALUES, (len(risk), len(themes)), p=FIT_P)
    protection = np.array([t == PROTECTION for t in themes])
    # Protection is available wherever the risk is high, and every country has a pair.
    fit[np.ix_(risk >= HIGH_RISK_THRESHOLD, protection)] = np.maximum(
        fit[np.ix_(risk >= HIGH_RISK_THRESHOLD, protection)], 1.0
    )
    fit[:, 0] = np.where(fit.max(axis=1) > 0, fit[:, 0], 1.0)
    return fit


def eligible(u: Universe, oda: bool) -> np.ndarray:
    """Pairs [c, i] the witness may fund from a pool: ODA only where oda_share is 1."""
    fits = u.fit > 0
    if not oda:
        return fits
    return fits & u.dac[:, None] & (u.oda_share == 1.0)[None, :]


def _served(u: Universe, ok: np.ndarray, funded: np.ndarray) -> np.ndarray:
    """Countries a pool can serve with the pairs `ok` (high-risk ones need protection)."""
    n_prot = (ok & u.protection).sum(axis=1)
    n_other = (ok & ~u.protection).sum(axis=1)
    return funded & (n_prot + n_other > 0) & ~(u.high_risk & (n_prot == 0))


def pool_split(
    u: Universe, oda: bool, funded: np.ndarray, excluded: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    """q[c, i] of a pool (sums to 1 over served pairs) and the absorption of its countries.

    Pairs in `excluded` are left out, except in a country they would leave
    unserved: so the served countries, their weights and totals do not depend
    on `excluded`, and leaving pairs out only raises the other pairs' shares.
    """
    full = eligible(u, oda)
    ok = full
    if excluded is not None:
        trimmed = full & ~excluded
        lost = _served(u, full, funded) & ~_served(u, trimmed, funded)
        ok = np.where(lost[:, None], full, trimmed)
    prot, other = ok & u.protection, ok & ~u.protection
    n_prot, n_other = prot.sum(axis=1), other.sum(axis=1)
    pi = np.where(u.high_risk, PROTECTION_SPLIT[True], PROTECTION_SPLIT[False])
    pi = np.where(n_prot == 0, 0.0, np.where(n_other == 0, 1.0, pi))
    split = prot * (pi / np.maximum(n_prot, 1))[:, None]
    split = split + other * ((1.0 - pi) / np.maximum(n_other, 1))[:, None]
    weight = np.where(_served(u, ok, funded), u.absorption, 0.0)
    pool_absorption = float(weight.sum())
    if pool_absorption == 0.0:
        return np.zeros_like(split), 0.0
    return weight[:, None] / pool_absorption * split, pool_absorption


def choose_funded(rng: np.random.Generator, u: Universe, max_countries: int | None):
    """The countries the witness may fund: all, or max_countries of them."""
    n = len(u.countries)
    if max_countries is None:
        return np.ones(n, dtype=bool)
    if not 1 <= max_countries <= n:
        raise ValueError(f"max_countries must be between 1 and {n}, not {max_countries}")
    oda_ok = np.flatnonzero(eligible(u, oda=True).any(axis=1))
    first = rng.choice(oda_ok if len(oda_ok) else np.arange(n))  # so ODA money has a taker
    rest = rng.permutation(np.delete(np.arange(n), first))[: max_countries - 1]
    funded = np.zeros(n, dtype=bool)
    funded[[first, *rest]] = True
    return funded


def draw_envelopes(rng: np.random.Generator, u: Universe, funded: np.ndarray) -> np.ndarray:
    """amount_eur [y, s]: a scarce share of the pool's absorption, moving a little each year."""
    n_s = len(u.sources)
    base = np.zeros(n_s)
    for oda in (True, False):
        members = np.flatnonzero(u.source_oda == oda)
        shares = rng.dirichlet(np.full(len(members), 3.0))
        base[members] = SCARCITY[oda] * pool_split(u, oda, funded)[1] * shares
    path = np.ones((len(u.years), n_s))
    steps = rng.uniform(*ENVELOPE_STEP, (len(u.years) - 1, n_s))
    for y in range(1, len(u.years)):
        path[y] = np.clip(path[y - 1] * (1.0 + steps[y - 1]), *ENVELOPE_BAND)
    return round_to(base * path, 100_000)


def allocate(
    u: Universe, envelope: np.ndarray, funded: np.ndarray, excluded: np.ndarray | None = None
) -> Witness:
    """The witness x*[y,c,i,s] = SPEND × envelope[y,s] × q_pool(s)[c,i]."""
    split = {oda: pool_split(u, oda, funded, excluded)[0] for oda in (True, False)}
    q = np.stack([split[bool(oda)] for oda in u.source_oda], axis=-1)  # [c, i, s]
    return Witness(envelope=envelope, x=SPEND * envelope[:, None, None, :] * q[None, :, :, :])


def draw_capacities(rng: np.random.Generator, u: Universe, w: Witness) -> np.ndarray:
    """capacity_eur [c, i] for about 20% of the pairs (NaN: none): >= 1.3 × max_y X*."""
    has = (u.fit > 0) & (rng.random(u.fit.shape) < 0.2)
    drawn = u.absorption[:, None] * rng.uniform(0.1, 0.5, u.fit.shape)
    needed = SHARE_SLACK * w.cell.max(axis=0)
    return np.where(has, ceil_to(np.maximum(drawn, needed), 10_000), np.nan)


@dataclass(frozen=True)
class CommitmentDraw:
    year: int  # index into years
    country: int
    instrument: int
    source: int | None
    amount_eur: float


def draw_commitments(rng: np.random.Generator, w: Witness, count: int) -> list[CommitmentDraw]:
    """Commitments on distinct (year, country, instrument) cells of the first three years.

    Each is 20–50% of the witness: of X*[y,c,i] when it names no source, of
    x*[y,c,i,s] when it does (so an ODA commitment sits where ODA money may go).
    """
    early = w.cell[:3]
    cells = np.flatnonzero(early > 0)
    picks = rng.choice(cells, size=min(count, len(cells)), replace=False)
    draws = []
    for flat in np.sort(picks):
        y, c, i = (int(k) for k in np.unravel_index(flat, early.shape))
        share = rng.uniform(0.2, 0.5)
        source = None
        base = early[y, c, i]
        if rng.random() < 2 / 3:
            source = int(rng.choice(np.flatnonzero(w.x[y, c, i] > 0)))
            base = w.x[y, c, i, source]
        amount = float(floor_to(share * base, 10_000)) or float(floor_to(share * base, 1_000))
        if amount > 0:
            draws.append(CommitmentDraw(y, c, i, source, float(amount)))
    return draws


def draw_baseline(rng: np.random.Generator, w: Witness) -> np.ndarray:
    """Baseline [c] (NaN: no row): 90% of the funded countries, within 15% of T*[first year]."""
    first = w.total[0]
    has = (first > 0) & (rng.random(len(first)) < 0.9)
    amount = round_to(first * rng.uniform(0.85, 1.15, len(first)), 1_000)
    return np.where(has, amount, np.nan)


def plan_min_programme(rng: np.random.Generator, w: Witness) -> tuple[np.ndarray, np.ndarray]:
    """Target min_programme_eur [i] and the pairs [c, i] the witness should leave out.

    About a quarter of the instruments (at least one) get a minimum programme
    near the 30th percentile of their pairs' smallest yearly witness cell; the
    pairs below it (with a 10% margin) are to be left out of the witness.
    """
    smallest = np.where(w.cell > 0, w.cell, np.inf).min(axis=0)  # [c, i], over years
    pick = rng.random(smallest.shape[1]) < 0.25
    pick[int(rng.integers(len(pick)))] = True
    target = np.zeros(len(pick))
    for i in np.flatnonzero(pick):
        funded = smallest[np.isfinite(smallest[:, i]), i]
        if len(funded):
            target[i] = max(floor_to(np.quantile(funded, 0.3), 10_000), 10_000.0)
    excluded = (target > 0)[None, :] & (smallest < target[None, :] / 0.9)
    return target, excluded


def min_programme(w: Witness, target: np.ndarray) -> np.ndarray:
    """min_programme_eur [i]: the target, lowered to 90% of the witness's smallest cell."""
    smallest = np.where(w.cell > 0, w.cell, np.inf).min(axis=(0, 1))
    fits = np.minimum(target, floor_to(0.9 * smallest, 1_000))
    return np.where(target > 0, fits, 0.0)
