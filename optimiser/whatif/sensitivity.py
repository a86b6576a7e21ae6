"""The standard questions of a spring budget round, answered from one workbook.

1. Envelope curve: impact and allocation as the envelope scales.
2. Tornado: each weight, source envelope and country's scores moved ±swing.
3. Shadow prices and ranging of the base solution.
4. Robustness: Monte Carlo over the scores.

All points run as one batch on one re-solve session (see optimiser.whatif.resolve),
so each number says how it was computed (LP re-solve, binaries fixed, full
MIP re-solve, or a rebuild).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models.build import UNIT_EUR
from models.data import AllocationData
from optimiser.results.compare import money_moved
from optimiser.results.index import impact_index, index_points
from optimiser.solve.solver import SolveOptions
from optimiser.whatif.batch import Batch, BatchStats
from optimiser.whatif.resolve import FIXED, PointResult, Ranging, Session
from optimiser.whatif.said import Told, joined
from optimiser.whatif.variants import draw_scores, scale_envelopes, scale_scores, scale_weight

CURVE, TORNADO, RANGING, MONTE_CARLO = "curve", "tornado", "ranging", "montecarlo"
SECTIONS = (CURVE, TORNADO, RANGING, MONTE_CARLO)
FUNDED_EUR = 1.0  # a country or pair with at least a euro counts as funded


@dataclass(frozen=True)
class SensitivityOptions:
    scales: tuple[float, ...] = tuple(np.round(np.linspace(0.5, 1.5, 11), 6))
    source: str | None = None  # scale one source's envelopes only
    swing: float = 0.2  # tornado: ± this share
    uncertainty: float = 0.1  # Monte Carlo: default ± share of a score
    draws: int = 200
    seed: int = 0
    mip_mode: str = FIXED
    sections: tuple[str, ...] = SECTIONS

    @property
    def headroom(self) -> float:
        """Largest envelope factor a point may use (big-M values must allow it)."""
        factors = [1.0 + self.swing]
        if CURVE in self.sections:
            factors += list(self.scales)
        return max(factors)


@dataclass
class SensitivityResult:
    base: PointResult
    method: str  # how persistent points are solved (Session.method)
    options: SensitivityOptions = field(default_factory=SensitivityOptions)
    is_mip: bool = False
    stats: BatchStats = field(default_factory=BatchStats)
    methods: dict[str, int] = field(default_factory=dict)  # points per method
    curve: pd.DataFrame | None = None
    curve_countries: pd.DataFrame | None = None
    curve_instruments: pd.DataFrame | None = None
    tornado: pd.DataFrame | None = None
    shadow_prices: pd.DataFrame | None = None
    binding: pd.DataFrame | None = None
    ranging: pd.DataFrame | None = None
    mc_impact: pd.DataFrame | None = None
    mc_draws: pd.DataFrame | None = None  # draw, status, method, impact, message
    mc_countries: pd.DataFrame | None = None
    mc_pairs: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)
    points_per_impact: float | None = None  # index points per unit of impact (base scale)


@dataclass(frozen=True)
class Point:
    section: str
    label: str
    data: AllocationData
    detail: dict = field(default_factory=dict)


def plan(data: AllocationData, options: SensitivityOptions) -> list[Point]:
    """Every variant the requested sections need, in a fixed order."""
    points = [Point("base", "base", data)]
    if CURVE in options.sections:
        points += [Point(CURVE, f"{s:.0%}", scale_envelopes(data, s, options.source), {"scale": s})
                   for s in options.scales]
    if TORNADO in options.sections:
        points += _tornado_points(data, options.swing)
    if MONTE_CARLO in options.sections:
        rng = np.random.default_rng(options.seed)
        points += [Point(MONTE_CARLO, f"draw {n + 1}",
                         draw_scores(data, rng, options.uncertainty), {"draw": n + 1})
                   for n in range(options.draws)]
    return points


def _tornado_points(data: AllocationData, swing: float) -> list[Point]:
    movers: list[tuple[str, str, Callable[[float], AllocationData]]] = []
    movers += [("weight", k.name, lambda f, k=k: scale_weight(data, k.name, f))
               for k in data.criteria]
    movers += [("envelope", s.name, lambda f, s=s: scale_envelopes(data, f, s.name))
               for s in data.sources if any(e.source == s.name for e in data.envelopes)]
    movers += [("scores", c.name, lambda f, c=c: scale_scores(data, c.name, f))
               for c in data.countries]
    points = []
    for kind, name, make in movers:
        for side, factor in (("low", 1 - swing), ("high", 1 + swing)):
            points.append(Point(TORNADO, f"{kind} {name} {side}", make(factor),
                                {"kind": kind, "name": name, "side": side}))
    return points


def run_sensitivity(
    data: AllocationData,
    options: SensitivityOptions,
    solve_options: SolveOptions | None = None,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    adaptive: bool = True,
    stage: Callable[[str], None] | None = None,
) -> SensitivityResult:
    """Solve the base (raises InfeasibleError / NoSolutionError if it has no
    allocation), then every point of `plan` as one batch, and tabulate. `stage` hears
    of the base's search."""
    session = Session(data, solve_options, mip_mode=options.mip_mode, headroom=options.headroom,
                      stage=stage)
    points = plan(data, options)
    batch = Batch(session)
    results = batch.run([p.data for p in points], workers, scheduler, progress,
                        adaptive=adaptive)
    base = results[0]
    out = SensitivityResult(base=base, method=session.method, options=options,
                            is_mip=session.is_mip, stats=batch.stats,
                            methods=_count_methods(results))
    if not base.solved:
        out.notes.append(Told("sens_note_base", message=base.message))
        return out
    by_section: dict[str, list[tuple[Point, PointResult]]] = {}
    for point, result in zip(points, results, strict=True):
        by_section.setdefault(point.section, []).append((point, result))
    if CURVE in options.sections:
        out.curve, out.curve_countries, out.curve_instruments = envelope_curve(
            data, base, by_section.get(CURVE, []))
    if TORNADO in options.sections:
        out.tornado = tornado(base, by_section.get(TORNADO, []))
    if RANGING in options.sections:
        out.points_per_impact = index_points(data, 1.0)
        out.shadow_prices = envelope_shadow_prices(session.base_envelope_prices, data)
        out.binding = session.base_binding
        out.ranging = cost_ranging(session.ranging(), data, base)
    if MONTE_CARLO in options.sections:
        out.mc_impact, out.mc_countries, out.mc_pairs, out.mc_draws = monte_carlo(
            data, base, by_section.get(MONTE_CARLO, []))
    return out


def _count_methods(results: list[PointResult]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for result in results:
        counts[result.method] = counts.get(result.method, 0) + 1
    return counts


# -- 1. envelope curve -------------------------------------------------------

def envelope_curve(data: AllocationData, base: PointResult,
                   runs: list[tuple[Point, PointResult]]):
    """Per scale: impact, marginal value of money, and what enters or leaves."""
    rows, countries, instruments = [], {}, {}
    previous: PointResult | None = None
    funded_before: dict[str, set[str]] = {"country": set(), "instrument": set()}
    for point, result in runs:
        envelope = sum(e.amount_eur for e in point.data.envelopes)
        funded = {key: _funded(result, key) for key in funded_before}
        row = {"scale": point.detail["scale"], "envelope_eur": envelope,
               "status": result.status, **_money_terms(data, base, result, previous, rows,
                                                       envelope),
               "method": result.method, "impact": result.impact,
               "impact_change": result.impact - base.impact if result.solved else None,
               "allocated_eur": _total(result),
               "countries_funded": len(funded["country"]) if result.solved else None,
               "marginal_impact_per_eur_1m": _marginal(previous, result, rows, envelope)}
        for key, title in (("country", "countries"), ("instrument", "instruments")):
            entering = funded[key] - funded_before[key] if previous and result.solved else set()
            leaving = funded_before[key] - funded[key] if previous and result.solved else set()
            row[f"{title}_entering"] = ", ".join(sorted(entering))
            row[f"{title}_leaving"] = ", ".join(sorted(leaving))
        row["message"] = result.message
        rows.append(row)
        if result.solved:
            countries[point.label] = _by(result, "country")
            instruments[point.label] = _by(result, "instrument")
            previous, funded_before = result, funded
    country_order = [c.name for c in data.countries]
    instrument_order = [i.name for i in data.instruments]
    return (pd.DataFrame(rows),
            _wide(countries, country_order, "country"),
            _wide(instruments, instrument_order, "instrument"))


def _money_terms(data, base, result, previous, rows, envelope) -> dict[str, object]:
    """Money moved against the base, the index against the base (base = 100) and the
    marginal value of money in index points per extra EUR 1M (on the base's scale)."""
    if not (result.solved and base.solved):
        return {"money_moved_eur": None, "index_vs_base": None,
                "index_points_per_eur_1m": None}
    marginal = _marginal(previous, result, rows, envelope)
    points = impact_index(data, 1.0)
    return {"money_moved_eur": money_moved(base.allocation, result.allocation),
            "index_vs_base": 100.0 * result.impact / base.impact if base.impact else None,
            "index_points_per_eur_1m": (marginal * points if marginal is not None
                                        and points is not None else None)}


def _marginal(previous, result, rows, envelope) -> float | None:
    """Impact gained per extra EUR 1M since the previous solved step."""
    if previous is None or not result.solved:
        return None
    before = next(r for r in reversed(rows) if r["status"] in ("optimal", "feasible"))
    extra = envelope - before["envelope_eur"]
    return (result.impact - previous.impact) / extra * UNIT_EUR if extra else None


def _wide(columns: dict[str, pd.Series], order: list[str], name: str) -> pd.DataFrame:
    table = pd.DataFrame(columns).reindex(order).fillna(0.0)
    table.index.name = name
    return table.reset_index()


# -- 2. tornado -------------------------------------------------------------

def tornado(base: PointResult, runs: list[tuple[Point, PointResult]]) -> pd.DataFrame:
    """Money moved (EUR) and Δ impact per parameter, the most money moved first.

    Ranked by money, not impact: a criterion weight rescales the yardstick, so it
    changes the impact a lot while hardly any money moves."""
    grouped: dict[tuple[str, str], dict] = {}
    for point, result in runs:
        key = (point.detail["kind"], point.detail["name"])
        row = grouped.setdefault(key, {"parameter": point.detail["kind"], "name": key[1]})
        side = point.detail["side"]
        row[f"{side}_status"] = result.status
        row[f"{side}_impact_change"] = (result.impact - base.impact) if result.solved else None
        row[f"{side}_money_moved_eur"] = (money_moved(base.allocation, result.allocation)
                                          if result.solved else None)
        row[f"{side}_money_moved_share"] = moved_share(base, result) if result.solved else None
        methods = row.setdefault("method", [])
        if result.method not in methods:
            methods.append(result.method)
        if not result.solved:  # why a side has no number
            row.setdefault("message", []).append(Told("point_side", word=side,
                                                      message=result.message))
    table = pd.DataFrame(grouped.values())
    table["method"] = table["method"].map("; ".join)
    table["message"] = [joined(m) for m in table.get("message", [None] * len(table))]
    moved = table[["low_money_moved_eur", "high_money_moved_eur"]].apply(pd.to_numeric)
    table.insert(2, "largest_money_moved_eur", moved.max(axis=1, skipna=True))
    changes = table[["low_impact_change", "high_impact_change"]].apply(pd.to_numeric)
    table.insert(3, "largest_impact_change", changes.abs().max(axis=1, skipna=True))
    return table.sort_values(["largest_money_moved_eur", "largest_impact_change"],
                             ascending=False, kind="stable",
                             na_position="last").reset_index(drop=True)


def moved_share(base: PointResult, other: PointResult) -> float:
    """Half the L1 distance between two allocations by (year, country, instrument),
    as a share of the base total: 0 = nothing moves, 1 = everything moves."""
    keys = ["year", "country", "instrument"]
    a = base.allocation.groupby(keys)["amount_eur"].sum()
    b = other.allocation.groupby(keys)["amount_eur"].sum()
    both = pd.concat([a, b], axis=1).fillna(0.0)
    total = float(a.sum())
    return float((both.iloc[:, 0] - both.iloc[:, 1]).abs().sum()) / 2 / total if total else 0.0


# -- 3. shadow prices and ranging --------------------------------------------

def envelope_shadow_prices(prices: pd.DataFrame, data: AllocationData) -> pd.DataFrame:
    """Impact per extra EUR 1M of each envelope: sources × years (the envelope rows' duals;
    blank where no pair may use the envelope, so the model has no row for it)."""
    years = list(data.years)
    table = pd.DataFrame(np.nan, index=[s.name for s in data.sources], columns=years)
    for row in prices.itertuples(index=False):
        table.loc[row.source, row.year] = float(row.shadow_price)
    table.columns = [str(y) for y in years]
    table.index.name = "source"
    return table.reset_index()


def cost_ranging(ranging: Ranging, data: AllocationData, base: PointResult) -> pd.DataFrame:
    """How far each country's and instrument's value per euro may fall or rise (all
    its costs by the same percentage) with the solution unchanged: exact parametric
    ranging on the base LP's optimal basis (optimiser.solve.ranging)."""
    terms = ranging.terms
    rows = []
    for kind, position, names in (("country", 0, [c.name for c in data.countries]),
                                  ("instrument", 1, [i.name for i in data.instruments])):
        member = np.array([pair[position] for pair in terms.pairs], dtype=object)
        totals = _by(base, kind)
        for name in names:
            columns = terms.columns[member == name]
            down, up = ranging.relative_range(columns) if len(columns) else (math.inf, math.inf)
            rows.append({"kind": kind, "name": name, "base_eur": float(totals.get(name, 0.0)),
                         "may_fall_by": min(down, 1.0),  # 100%: may fall to nothing
                         "may_rise_by": _share(up)})
    return pd.DataFrame(rows)


def _share(delta: float) -> float | None:
    """None for an unbounded range (the value could move without limit)."""
    return None if not math.isfinite(delta) else delta


# -- 4. Monte Carlo -----------------------------------------------------------

def monte_carlo(data: AllocationData, base: PointResult,
                runs: list[tuple[Point, PointResult]]):
    """Summary, per country and per pair: probability funded and P10/P50/P90, and the draws."""
    solved = [r for _, r in runs if r.solved]
    impacts = np.array([r.impact for r in solved])
    moved = [_in_or_out(base, r) for _, r in runs]
    summary = pd.DataFrame([{
        "draws": len(runs), "solved": len(solved), "not_solved": len(runs) - len(solved),
        "draws_other_countries": sum(1 for c, _ in moved if c),
        "draws_other_programmes": sum(1 for _, p in moved if p),
        "base_impact": base.impact, **_percentiles(impacts, "impact"),
    }])
    draws = pd.DataFrame([{"draw": p.detail["draw"], "status": r.status, "method": r.method,
                           "impact": r.impact, "countries_in_or_out": c,
                           "programmes_in_or_out": g, "message": r.message}
                          for (p, r), (c, g) in zip(runs, moved, strict=True)],
                         columns=["draw", "status", "method", "impact", "countries_in_or_out",
                                  "programmes_in_or_out", "message"])
    country_totals = pd.DataFrame({n: _by(r, "country") for n, r in enumerate(solved)},
                                  index=[c.name for c in data.countries]).fillna(0.0)
    pairs = pd.DataFrame({n: _by(r, ["country", "instrument"]) for n, r in enumerate(solved)}
                         ).fillna(0.0)
    countries = _robustness(country_totals, _by(base, "country"), "country")
    pair_table = _robustness(pairs, _by(base, ["country", "instrument"]), None)
    return summary, countries, pair_table, draws


def _robustness(totals: pd.DataFrame, base: pd.Series, name: str | None) -> pd.DataFrame:
    """Per row: probability funded and P10/P50/P90 of the amount over the draws, and the
    base amount."""
    values = totals.to_numpy()
    table = pd.DataFrame({
        "base_eur": base.reindex(totals.index).fillna(0.0).to_numpy() if len(totals) else [],
        "probability_funded": (values >= FUNDED_EUR).mean(axis=1) if values.size else 0.0,
        **_percentile_columns(values),
    }, index=totals.index)
    if name:
        table.index.name = name
    return table.reset_index()


def _percentile_columns(values: np.ndarray) -> dict[str, np.ndarray]:
    if not values.size:
        return {f"p{q}_eur": np.zeros(len(values)) for q in (10, 50, 90)}
    return {f"p{q}_eur": np.percentile(values, q, axis=1) for q in (10, 50, 90)}


def _percentiles(values: np.ndarray, prefix: str) -> dict[str, float]:
    if not len(values):
        return {f"{prefix}_p{q}": math.nan for q in (10, 50, 90)}
    return {f"{prefix}_p{q}": float(np.percentile(values, q)) for q in (10, 50, 90)}


# -- helpers -------------------------------------------------------------------

def _by(result: PointResult, keys) -> pd.Series:
    return result.allocation.groupby(keys, sort=False)["amount_eur"].sum()


def _in_or_out(base: PointResult, draw: PointResult) -> tuple[int | None, int | None]:
    """How many countries, and programmes (country × instrument), a draw funds that the
    base does not, or no longer funds; None for a draw that did not solve."""
    if not (draw.solved and base.solved):
        return None, None
    countries = _funded(base, "country") ^ _funded(draw, "country")
    pairs = _funded(base, ["country", "instrument"]) ^ _funded(draw, ["country", "instrument"])
    return len(countries), len(pairs)


def _funded(result: PointResult, key) -> set:
    """Countries (or instruments) with at least FUNDED_EUR over the horizon."""
    if not result.solved:
        return set()
    totals = _by(result, key)
    return set(totals[totals >= FUNDED_EUR].index)


def _total(result: PointResult) -> float | None:
    return float(result.allocation["amount_eur"].sum()) if result.solved else None
