"""Write synthetic, valid and feasible allocation workbooks for benchmarks.

    python benchmarks/generate.py --size M --seed 1 -o benchmarks/workbooks/M.xlsx
    python benchmarks/generate.py --size L --mip --max-countries 80

The numbers come from `benchmarks.synthetic` (where the feasibility argument
is written out); this module turns them into the sheets of SPEC §1, taking
sheet and column names from `optimiser.readers.schema`, and writes them with openpyxl
in write-only mode. The same seed gives the same cell values.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make `optimiser` and `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import synthetic as syn  # noqa: E402
from optimiser.readers import schema  # noqa: E402

Rows = list[list[object]]
WORKBOOKS = ROOT / "benchmarks" / "workbooks"


@dataclass(frozen=True)
class Options:
    """Variants of the generated model. Default: an LP."""

    mip: bool = False  # min_programme_eur on about a quarter of the instruments
    max_countries: int | None = None  # the Settings key of that name (also makes a MIP)


def workbook_name(size: str, seed: int, options: Options = Options()) -> str:
    """`M`, `M-mip`, `M-mip-k40-seed2`: the file stem used by run.py."""
    parts = [size]
    if options.mip:
        parts.append("mip")
    if options.max_countries is not None:
        parts.append(f"k{options.max_countries}")
    if seed != 1:
        parts.append(f"seed{seed}")
    return "-".join(parts)


# ---------------------------------------------------------------- numbers


@dataclass(frozen=True)
class Draws:
    universe: syn.Universe
    witness: syn.Witness
    capacity: np.ndarray
    commitments: list[syn.CommitmentDraw]
    baseline: np.ndarray
    min_programme: np.ndarray
    limits: list[dict]


STREAMS = ("universe", "funded", "envelopes", "capacity", "commitments", "baseline", "mip",
           "limits")


def draw(size: syn.Size, seed: int, options: Options = Options()) -> Draws:
    """All numbers of one workbook; one independent stream per part, so variants share a base."""
    seeds = np.random.SeedSequence(seed).spawn(len(STREAMS))
    rng = {name: np.random.default_rng(s) for name, s in zip(STREAMS, seeds, strict=True)}
    u = syn.draw_universe(rng["universe"], size)
    funded = syn.choose_funded(rng["funded"], u, options.max_countries)
    envelope = syn.draw_envelopes(rng["envelopes"], u, funded)
    # Two passes: the second leaves out the pairs too small for a minimum programme. Both
    # the LP and the MIP workbook use it, so --mip changes only min_programme_eur.
    target, excluded = syn.plan_min_programme(rng["mip"], syn.allocate(u, envelope, funded))
    w = syn.allocate(u, envelope, funded, excluded)
    min_programme = syn.min_programme(w, target)
    return Draws(
        universe=u,
        witness=w,
        capacity=syn.draw_capacities(rng["capacity"], u, w),
        commitments=syn.draw_commitments(rng["commitments"], w, max(3, len(u.countries) // 5)),
        baseline=syn.draw_baseline(rng["baseline"], w),
        min_programme=min_programme if options.mip else np.zeros_like(min_programme),
        limits=limit_rows(rng["limits"], u, w),
    )


def _share_up(value: float) -> float:
    return round(min(1.0, float(np.ceil(value * 100)) / 100), 2)


def _share_down(value: float) -> float:
    return round(float(np.floor(value * 100)) / 100, 2)


def limit_rows(rng: np.random.Generator, u: syn.Universe, w: syn.Witness) -> list[dict]:
    """Limits rows of several forms, each 20–30% looser than the witness."""
    total = w.total.sum(axis=1)  # [y]
    by_instrument = w.cell.sum(axis=1)  # [y, i]
    protection = by_instrument[:, u.protection].sum(axis=1)
    rows = [
        {"name": "Country share cap", "country": schema.EACH,
         "max_share": _share_up(syn.SHARE_SLACK * (w.total / total[:, None]).max())},
        {"name": "Protection minimum", "theme": syn.PROTECTION,
         "min_share": _share_down((protection / total).min() / syn.SHARE_SLACK)},
        {"name": "Instrument share cap", "instrument": schema.EACH,
         "max_share": _share_up(syn.SHARE_SLACK * (by_instrument / total[:, None]).max())},
    ]
    return rows + _source_limits(u, w) + _group_minimum(rng, u, w)


def _theme_spend(u: syn.Universe, w: syn.Witness, sources: np.ndarray) -> dict[str, np.ndarray]:
    """Witness spend [y] per non-protection theme from the given sources, largest first."""
    spend = w.x[..., sources].sum(axis=(1, 3))  # [y, i]
    themes = sorted({t for t in u.themes if t != syn.PROTECTION})
    by_theme = {t: spend[:, [k for k, s in enumerate(u.themes) if s == t]].sum(axis=1)
                for t in themes}
    return dict(sorted(by_theme.items(), key=lambda item: -item[1].sum()))


def _source_limits(u: syn.Universe, w: syn.Witness) -> list[dict]:
    """A theme's share of one non-ODA source per year; ODA to another theme over the horizon."""
    non_oda = int(np.flatnonzero(~u.source_oda)[0])
    spent = w.x[..., non_oda].sum(axis=(1, 2))
    theme, spend = next(iter(_theme_spend(u, w, np.array([non_oda])).items()))
    ratio = np.divide(spend, spent, out=np.zeros_like(spend), where=spent > 0)
    rows = [
        {"name": f"{theme} share of {u.sources[non_oda]}", "theme": theme,
         "source": u.sources[non_oda], "max_share": _share_up(syn.SHARE_SLACK * ratio.max()),
         "share_of": schema.SHARE_OF_COLUMNS[3]},
    ]
    oda = np.flatnonzero(u.source_oda)
    funded = [(t, s.sum()) for t, s in _theme_spend(u, w, oda).items() if t != theme and s.sum()]
    if funded:  # the ODA money the witness gives the most-funded other theme, plus 20%
        oda_theme, oda_spend = funded[0]
        rows.append(
            {"name": f"ODA to {oda_theme} over the horizon", "year": schema.ALL_YEARS,
             "theme": oda_theme, "source": ", ".join(u.sources[s] for s in oda),
             "max_eur": float(syn.ceil_to(syn.EUR_SLACK * oda_spend, 100_000))}
        )
    return rows


def _group_minimum(rng: np.random.Generator, u: syn.Universe, w: syn.Witness) -> list[dict]:
    """At least an amount for (up to) three countries together over the first two years."""
    first_two = w.total[:2].sum(axis=0)
    funded = np.flatnonzero(first_two > 0)
    if len(funded) == 0:
        return []
    group = np.sort(rng.choice(funded, min(3, len(funded)), replace=False))
    return [{
        "name": "Priority group, first two years",
        "year": f"{u.years[0]}, {u.years[1]}",
        "country": ", ".join(u.countries[c] for c in group),
        "min_eur": float(syn.floor_to(first_two[group].sum() / syn.EUR_SLACK, 100_000)),
    }]


# ---------------------------------------------------------------- sheets


def _value(value: object) -> object:
    """A plain Python cell value; NaN and None become an empty cell."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1:
        return int(value)
    return value


def table(sheet: schema.Sheet, records: list[dict], extra: tuple[str, ...] = ()) -> Rows:
    """Header (the schema's columns that are required or used, then `extra`) and rows."""
    known = {c.name for c in sheet.columns}
    unknown = {k for r in records for k in r} - known - set(extra)
    if unknown:
        raise KeyError(f"{sheet.name}: columns not in the schema: {sorted(unknown)}")
    used = {k for r in records for k in r}
    header = [c.name for c in sheet.columns if c.required or c.name in used] + list(extra)
    return [header] + [[_value(r.get(name)) for name in header] for r in records]


def _settings(options: Options) -> list[dict]:
    values = {
        "ramp_share": syn.RAMP_SHARE,
        "ramp_eur": syn.RAMP_EUR,
        "high_risk_threshold": syn.HIGH_RISK_THRESHOLD,
        "high_risk_protection_share": syn.HIGH_RISK_PROTECTION_SHARE,
        "protection_theme": syn.PROTECTION,
    }
    if options.max_countries is not None:
        values["max_countries"] = options.max_countries
    keys = {s.key for s in schema.SETTING_KEYS}
    if not values.keys() <= keys:
        raise KeyError(f"unknown settings: {sorted(values.keys() - keys)}")
    return [{"key": key, "value": value} for key, value in values.items()]


def _countries(u: syn.Universe) -> list[dict]:
    return [
        {"country": name, "dac_eligible": bool(u.dac[c]),
         "absorption_eur": None if u.absorption_blank[c] else u.absorption[c],
         "human_rights_risk": u.risk[c], **dict(zip(syn.CRITERIA, u.scores[c], strict=True))}
        for c, name in enumerate(u.countries)
    ]


def _instruments(u: syn.Universe, min_programme: np.ndarray) -> list[dict]:
    return [
        {"instrument": name, "theme": u.themes[i], "oda_share": u.oda_share[i],
         "effectiveness": u.effectiveness[i], "min_programme_eur": min_programme[i]}
        for i, name in enumerate(u.instruments)
    ]


def _envelopes(u: syn.Universe, w: syn.Witness) -> list[dict]:
    return [
        {"year": year, "source": source, "amount_eur": w.envelope[y, s],
         "min_spend_share": syn.ODA_MIN_SPEND_SHARE if u.source_oda[s] else None}
        for y, year in enumerate(u.years)
        for s, source in enumerate(u.sources)
    ]


def _fit(u: syn.Universe, capacity: np.ndarray) -> list[dict]:
    """Rows only for pairs with a fit other than 1 or a capacity (the sheet is sparse)."""
    rows = []
    for c, i in zip(*np.nonzero((u.fit != 1.0) | ~np.isnan(capacity)), strict=True):
        rows.append({"country": u.countries[c], "instrument": u.instruments[i],
                     "fit": u.fit[c, i], "capacity_eur": capacity[c, i]})
    return rows


def _commitments(u: syn.Universe, draws: list[syn.CommitmentDraw]) -> list[dict]:
    return [
        {"reference": f"CMT-{k + 1:03d}", "year": u.years[d.year],
         "country": u.countries[d.country], "instrument": u.instruments[d.instrument],
         "source": None if d.source is None else u.sources[d.source], "amount_eur": d.amount_eur}
        for k, d in enumerate(draws)
    ]


def build_sheets(size: syn.Size, seed: int, options: Options = Options()) -> dict[str, Rows]:
    """Every sheet of the workbook, in the order of `schema.INPUT_SHEETS`."""
    d = draw(size, seed, options)
    u = d.universe
    return {
        schema.SETTINGS.name: table(schema.SETTINGS, _settings(options)),
        schema.CRITERIA.name: table(schema.CRITERIA, [
            {"criterion": k, "weight": wt} for k, wt in zip(syn.CRITERIA, u.weights, strict=True)
        ]),
        schema.COUNTRIES.name: table(schema.COUNTRIES, _countries(u), extra=syn.CRITERIA),
        schema.INSTRUMENTS.name: table(schema.INSTRUMENTS, _instruments(u, d.min_programme)),
        schema.SOURCES.name: table(schema.SOURCES, [
            {"source": name, "oda": bool(u.source_oda[s]), "chapter": f"Chapter {17 + s % 2}"}
            for s, name in enumerate(u.sources)
        ]),
        schema.ENVELOPES.name: table(schema.ENVELOPES, _envelopes(u, d.witness)),
        schema.FIT.name: table(schema.FIT, _fit(u, d.capacity)),
        schema.RETURNS.name: table(schema.RETURNS, [
            {"from_share": a, "to_share": b, "multiplier": m} for a, b, m in syn.TIERS
        ]),
        schema.COMMITMENTS.name: table(schema.COMMITMENTS, _commitments(u, d.commitments)),
        schema.BASELINE.name: table(schema.BASELINE, [
            {"country": u.countries[c], "amount_eur": d.baseline[c]}
            for c in np.flatnonzero(~np.isnan(d.baseline))
        ]),
        schema.LIMITS.name: table(schema.LIMITS, d.limits),
    }


def write_workbook(path: Path, sheets: dict[str, Rows]) -> Path:
    """Write the sheets with openpyxl in write-only mode (fast, streaming)."""
    book = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def generate(path: Path, size: str, seed: int = 1, options: Options = Options()) -> Path:
    """Generate the workbook of a named size ("S", "M", "L") and write it to `path`."""
    return write_workbook(Path(path), build_sheets(syn.SIZES[size], seed, options))


# ---------------------------------------------------------------- command line


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(syn.SIZES), default="S")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path,
                        help="default: benchmarks/workbooks/<size>[-mip][-k<N>][-seed<N>].xlsx")
    parser.add_argument("--mip", action="store_true",
                        help="add min_programme_eur on about a quarter of the instruments")
    parser.add_argument("--max-countries", type=int, metavar="N",
                        help="set max_countries N (the witness funds N countries)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    options = Options(mip=args.mip, max_countries=args.max_countries)
    path = args.output or WORKBOOKS / f"{workbook_name(args.size, args.seed, options)}.xlsx"
    start = time.perf_counter()
    sheets = build_sheets(syn.SIZES[args.size], args.seed, options)
    write_workbook(path, sheets)
    elapsed = time.perf_counter() - start
    counts = ", ".join(f"{name} {len(rows) - 1}" for name, rows in sheets.items())
    print(f"{path}: {elapsed:.2f} s ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
