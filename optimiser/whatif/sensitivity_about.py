"""The About sheet of the sensitivity workbook: how each number was computed."""

from __future__ import annotations

from optimiser.whatif.resolve import FIXED
from optimiser.whatif.scenarios_report import WhatIfInfo
from optimiser.whatif.sensitivity import CURVE, MONTE_CARLO, RANGING, TORNADO, SensitivityResult
from optimiser.writers.words import (
    DEFAULT_LANGUAGE,
    glossary_rows,
    localise,
    say,
    sheet_title,
    term,
)

SECTION_SHEETS = {
    CURVE: ("Envelope curve", "Curve by country", "Curve by instrument"),
    TORNADO: ("Tornado",),
    RANGING: ("Shadow prices", "Binding limits", "Ranging"),
    MONTE_CARLO: ("Monte Carlo", "MC countries", "MC pairs", "MC draws"),
}


def about_pairs(result: SensitivityResult, info: WhatIfInfo) -> list[tuple[str, object]]:
    options, lang = result.options, info.lang
    pairs: list[tuple[str, object]] = [
        ("input_file", info.input_name), ("input_sha256", info.input_sha256),
        ("run_started", info.started),
        *((f"version_{name}", version) for name, version in info.versions.items()),
        ("sections", ", ".join(options.sections)),
        *((f"sheets_{section}", ", ".join(sheet_title(name, lang) for name in
                                          SECTION_SHEETS[section]))
          for section in options.sections),
        ("base_status", term(result.base.status, lang)), ("base_impact", result.base.impact),
        ("model", say("about_model_mip", lang) if result.is_mip else "LP"),
        ("mip_mode", options.mip_mode if result.is_mip else say("about_not_used", lang)),
        ("how_points_are_solved", _how(result, lang)),
        *((f"points_{method}", count) for method, count in result.methods.items()),
    ]
    pairs += _section_pairs(result, lang)
    stats = result.stats
    pairs += [*stats.pairs(), ("same_results_anywhere", say("about_same_anywhere", lang))]
    pairs += [(f"note_{n}", localise(text, lang))
              for n, text in enumerate(result.notes, start=1)]
    pairs += [(f"warning_{n}", text) for n, text in enumerate(info.warnings, start=1)]
    return pairs + glossary_rows(lang)


def _how(result: SensitivityResult, lang: str = DEFAULT_LANGUAGE) -> str:
    text = say("about_how", lang, method=term(result.method, lang))
    if result.is_mip and result.options.mip_mode == FIXED:
        text += say("about_how_fixed", lang)
    elif result.is_mip:
        text += say("about_how_full", lang)
    return text + say("about_how_rebuilt", lang)


def _section_pairs(result: SensitivityResult, lang: str = DEFAULT_LANGUAGE
                   ) -> list[tuple[str, object]]:
    options = result.options
    sections = options.sections
    pairs: list[tuple[str, object]] = []
    if CURVE in sections:
        pairs += [
            ("curve_scales", ", ".join(f"{s:.0%}" for s in options.scales)),
            ("curve_source", options.source or say("about_all_sources", lang)),
            ("curve_minimum_spend", say("about_minimum_spend", lang)),
        ]
    if TORNADO in sections:
        pairs += [("tornado_swing", options.swing),
                  ("tornado_moves", say("about_tornado_moves", lang))]
    if RANGING in sections:
        basis = say("about_basis_mip" if result.is_mip else "about_basis_lp", lang)
        pairs += [("shadow_prices_from", say("about_duals", lang, basis=basis)),
                  ("ranging", say("about_ranging", lang, basis=basis))]
    if MONTE_CARLO in sections:
        pairs += [("montecarlo_draws", options.draws), ("montecarlo_seed", options.seed),
                  ("montecarlo_default_uncertainty", options.uncertainty),
                  ("montecarlo_distribution", say("about_distribution", lang))]
    return pairs
