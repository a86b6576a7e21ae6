"""The About sheet of the sensitivity workbook: how each number was computed."""

from __future__ import annotations

from optimiser.whatif.resolve import FIXED
from optimiser.whatif.scenarios_report import WhatIfInfo
from optimiser.whatif.sensitivity import CURVE, MONTE_CARLO, RANGING, TORNADO, SensitivityResult
from optimiser.writers.words import glossary_rows

SECTION_SHEETS = {
    CURVE: "Envelope curve, Curve by country, Curve by instrument",
    TORNADO: "Tornado",
    RANGING: "Shadow prices, Binding limits, Ranging",
    MONTE_CARLO: "Monte Carlo, MC countries, MC pairs, MC draws",
}


def about_pairs(result: SensitivityResult, info: WhatIfInfo) -> list[tuple[str, object]]:
    options = result.options
    pairs: list[tuple[str, object]] = [
        ("input_file", info.input_name), ("input_sha256", info.input_sha256),
        ("run_started", info.started),
        *((f"version_{name}", version) for name, version in info.versions.items()),
        ("sections", ", ".join(options.sections)),
        *((f"sheets_{section}", SECTION_SHEETS[section]) for section in options.sections),
        ("base_status", result.base.status), ("base_impact", result.base.impact),
        ("model", "MIP (funding decisions are yes/no)" if result.is_mip else "LP"),
        ("mip_mode", options.mip_mode if result.is_mip else "not used (an LP)"),
        ("how_points_are_solved", _how(result)),
        *((f"points_{method}", count) for method, count in result.methods.items()),
    ]
    pairs += _section_pairs(result)
    stats = result.stats
    pairs += [
        *stats.pairs(),
        ("same_results_anywhere", "Every point starts from the base state (bounds, costs, "
                                  "basis of the base optimum), so serial runs, local workers "
                                  "and Dask give the same numbers."),
    ]
    pairs += [(f"note_{n}", text) for n, text in enumerate(result.notes, start=1)]
    pairs += [(f"warning_{n}", text) for n, text in enumerate(info.warnings, start=1)]
    return pairs + glossary_rows()


def _how(result: SensitivityResult) -> str:
    text = (f"{result.method}: the base model is built once and each point changes only "
            "numbers it holds as parameters, then re-solves from the base optimum.")
    if result.is_mip and result.options.mip_mode == FIXED:
        text += (" The base's yes/no decisions (which programmes and countries are funded) "
                 "stay fixed, so these are local answers: programmes cannot start or stop. "
                 "Run with --mip-mode full for full MIP re-solves (slower).")
    elif result.is_mip:
        text += " Each point is a full MIP re-solve, warm-started from the base solution."
    return text + " A point whose change is structural is rebuilt (method says so)."


def _section_pairs(result: SensitivityResult) -> list[tuple[str, object]]:
    options = result.options
    sections = options.sections
    pairs: list[tuple[str, object]] = []
    if CURVE in sections:
        pairs += [
            ("curve_scales", ", ".join(f"{s:.0%}" for s in options.scales)),
            ("curve_source", options.source or "all sources together"),
            ("curve_minimum_spend", "The envelope curve keeps each envelope's minimum spend "
                                    "at its base euro amount (capped at the scaled envelope): "
                                    "more money never forces more spending."),
        ]
    if TORNADO in sections:
        pairs += [("tornado_swing", options.swing),
                  ("tornado_moves", "each criterion weight, each source's envelopes (minimum "
                                    "spend kept in euros), each country's scores (all "
                                    "criteria), x (1 - swing) and x (1 + swing), one at a "
                                    "time")]
    if RANGING in sections:
        basis = "the LP with the binaries fixed at the base solution" if result.is_mip \
            else "the base LP"
        pairs += [("shadow_prices_from", f"duals of {basis}"),
                  ("ranging", f"exact parametric cost ranging on the optimal basis of "
                              f"{basis}: each country's or instrument's costs move "
                              "together by one percentage")]
    if MONTE_CARLO in sections:
        pairs += [("montecarlo_draws", options.draws), ("montecarlo_seed", options.seed),
                  ("montecarlo_default_uncertainty", options.uncertainty),
                  ("montecarlo_distribution", "each score x a factor drawn uniformly in "
                                              "[1 - u, 1 + u], u the country's uncertainty "
                                              "column or the default; never below 0; drawn "
                                              "in sheet order from the seed")]
    return pairs
