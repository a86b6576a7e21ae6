"""Hand-built workbooks for the trust tests: infeasible families, a hard MIP, odd names.

Every workbook starts from `tests.workbooks.minimal_sheets()`: Morocco
(Countries row 2, absorption EUR 10M) and Jordan (row 3); dialogue
(Instruments row 2, non-ODA only) and shelter (row 3, theme protection);
BHO ODA EUR 6M (Envelopes row 2) and A&M non-ODA EUR 2M (row 3) in 2027.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from tests.workbooks import Rows, minimal_sheets

M = 1_000_000
COMMITMENTS = ["reference", "year", "country", "instrument", "source", "amount_eur"]
Sheets = dict[str, Rows]


def sheets_with(change: Callable[[Sheets], None]) -> Sheets:
    sheets = minimal_sheets()
    change(sheets)
    return sheets


@dataclass(frozen=True)
class Family:
    """An infeasible workbook and what its explanation must say.

    `says`: text the terminal message must hold (rows, amounts, the change);
    `one_of`: the least change, when rules tie for it (any one will do);
    `rows`: (sheet, rows) the diagnostics workbook must name, as its tables
    write them; `short_by`: EUR total of its Least change sheet, or None for a
    rule that can never hold (found before solving, no least change).
    """

    name: str
    change: Callable[[Sheets], None]
    says: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]
    short_by: float | None
    one_of: tuple[str, ...] = ()


def _commitments_above_envelope(s: Sheets) -> None:
    # A&M non-ODA 2027 holds EUR 2.0M; C3 + C5 need 1.5M + 1.5M from it: short by 1.0M.
    s["Commitments"] = [COMMITMENTS,
                        ["C3", 2027, "Morocco", "dialogue", "A&M non-ODA", 1.5 * M],
                        ["C5", 2027, "Jordan", "dialogue", "A&M non-ODA", 1.5 * M]]


def _oda_commitment_non_dac(s: Sheets) -> None:
    s["Countries"][2][1] = False  # Jordan is not DAC-eligible
    s["Commitments"] = [COMMITMENTS, ["C7", 2027, "Jordan", "shelter", "BHO ODA", 1 * M]]


def _min_spend_above_absorption(s: Sheets) -> None:
    # Both envelopes must be spent in full (EUR 8M); the two countries absorb 3M + 3M.
    s["Countries"][1][2] = 3 * M
    s["Countries"][2][2] = 3 * M
    for row, share in zip(s["Envelopes"], ["min_spend_share", 1, 1], strict=True):
        row.append(share)


def _limit_min_above_max(s: Sheets) -> None:
    # Morocco at least 3M, everything together at most 2M: short by 1M.
    s["Limits"] = [["name", "country", "min_eur", "max_eur"],
                   ["Morocco floor", "Morocco", 3 * M, None],
                   ["overall cap", None, None, 2 * M]]


def _ramp_from_baseline(s: Sheets) -> None:
    # Morocco had 20M; within 10% it needs at least 18M, but 8M is all there is.
    s["Settings"] = [["key", "value"], ["ramp_share", 0.1]]
    s["Baseline"] = [["country", "amount_eur"], ["Morocco", 20 * M]]


def _do_no_harm_without_protection(s: Sheets) -> None:
    # Morocco is high risk: half its money to protection, but shelter is not available
    # there (fit 0) while C9 commits 1M of dialogue: lowering the rule by 0.5M fixes it.
    s["Settings"] = [["key", "value"], ["high_risk_threshold", 3],
                     ["high_risk_protection_share", 0.5]]
    for row, risk in zip(s["Countries"], ["human_rights_risk", 5, 0], strict=True):
        row.append(risk)
    s["Fit"] = [["country", "instrument", "fit"], ["Morocco", "shelter", 0]]
    s["Commitments"] = [COMMITMENTS, ["C9", 2027, "Morocco", "dialogue", None, 1 * M]]


def _focus_against_commitments(s: Sheets) -> None:
    s["Settings"] = [["key", "value"], ["max_countries", 1]]
    s["Commitments"] = [COMMITMENTS, ["C1", 2027, "Morocco", "shelter", None, 1 * M],
                        ["C2", 2027, "Jordan", "shelter", None, 1 * M]]


def _min_programme(s: Sheets) -> None:
    for row, minimum in zip(s["Instruments"], ["min_programme_eur", 0, 5 * M], strict=True):
        row.append(minimum)
    s["Fit"] = [["country", "instrument", "fit", "capacity_eur"], ["Morocco", "shelter", 1, 3 * M]]


def _min_programme_above_capacity_committed(s: Sheets) -> None:
    # shelter needs 5M where funded; Morocco × shelter takes at most 3M; C4 commits 1M.
    _min_programme(s)
    s["Commitments"] = [COMMITMENTS, ["C4", 2027, "Morocco", "shelter", None, 1 * M]]


def _min_programme_above_capacity_limited(s: Sheets) -> None:
    _min_programme(s)
    s["Limits"] = [["name", "country", "instrument", "min_eur"],
                   ["shelter in Morocco", "Morocco", "shelter", 1 * M]]


FAMILIES = (
    Family("commitments-above-envelope", _commitments_above_envelope,
           says=("Envelopes row 3", "A&M non-ODA 2027: spend at most EUR 2.0M",
                 "Commitments row 2", "(C3)", "Commitments row 3", "(C5)",
                 "EUR 1.5M", "short by EUR 1.0M"),
           one_of=("lower the commitment by EUR 1.0M", "raise the envelope by EUR 1.0M"),
           rows=(("Envelopes", "3"), ("Commitments", "2"), ("Commitments", "3")),
           short_by=1 * M),
    Family("oda-commitment-non-dac", _oda_commitment_non_dac,
           says=("Commitments row 2", "(C7)", "EUR 1.0M",
                 "Jordan is not DAC-eligible, so it cannot receive ODA money (BHO ODA)"),
           rows=(("Commitments", "2"),), short_by=None),
    Family("min-spend-above-absorption", _min_spend_above_absorption,
           says=("Envelopes row 2", "Envelopes row 3", "at least 100% of it",
                 "Countries row 2", "Countries row 3", "EUR 3.0M (absorption)",
                 "short by EUR 2.0M"),
           one_of=("lower the minimum spend by EUR 2.0M", "raise the absorption by EUR 2.0M",
                   "raise the capacity by EUR 2.0M"),
           rows=(("Envelopes", "2"), ("Envelopes", "3"), ("Countries", "2"), ("Countries", "3")),
           short_by=2 * M),
    Family("limit-min-above-max", _limit_min_above_max,
           says=("Limits row 2", "Morocco floor", "at least EUR 3.0M", "Limits row 3",
                 "overall cap", "at most EUR 2.0M", "short by EUR 1.0M"),
           one_of=("lower its minimum by EUR 1.0M", "raise its maximum by EUR 1.0M"),
           rows=(("Limits", "2"), ("Limits", "3")), short_by=1 * M),
    Family("ramp-from-baseline", _ramp_from_baseline,
           says=("Settings row 2, Baseline row 2",
                 "Morocco 2027: total between EUR 18.0M and EUR 22.0M",
                 "baseline of EUR 20.0M", "short by EUR 10.0M",
                 "widen the ramp band by EUR 10.0M"),
           rows=(("Settings, Baseline", "2, 2"),), short_by=10 * M),
    Family("do-no-harm-without-protection", _do_no_harm_without_protection,
           says=("Settings row 3, Countries row 2", "Morocco 2027 (high risk): at least 50%",
                 "Commitments row 2", "(C9)", "short by EUR 500k",
                 "lower the required protection by EUR 500k"),
           rows=(("Settings, Countries", "3, 2"), ("Commitments", "2")), short_by=0.5 * M),
    Family("focus-against-commitments", _focus_against_commitments,
           says=("Settings row 2: at most 1 country receives money", "Commitments row 2",
                 "(C1)", "Commitments row 3", "(C2)", "short by EUR 1.0M",
                 "lower the commitment by EUR 1.0M"),
           rows=(("Settings", "2"), ("Commitments", "2"), ("Commitments", "3")),
           short_by=1 * M),
    Family("min-programme-above-capacity-committed", _min_programme_above_capacity_committed,
           says=("Commitments row 2", "(C4)", "shelter needs at least EUR 5.0M",
                 "(Instruments row 3)", "Morocco × shelter can take at most EUR 3.0M",
                 "(Fit row 2)"),
           rows=(("Commitments", "2"),), short_by=None),
    Family("min-programme-above-capacity-limited", _min_programme_above_capacity_limited,
           says=("Instruments row 3", "0 or at least EUR 5.0M", "Limits row 2",
                 "shelter in Morocco", "short by EUR 1.0M"),
           rows=(("Instruments", "3"), ("Limits", "2")), short_by=1 * M),
)


def hard_mip_sheets(countries: int = 8, instruments: int = 16, seed: int = 7) -> Sheets:
    """A MIP that HiGHS cannot close in seconds, but where it finds allocations at once.

    Every pair's capacity equals its instrument's minimum programme, so each
    pair holds 0 or exactly that amount: a multi-dimensional knapsack (country
    absorption, the envelope, a cap per theme) with values almost proportional
    to weights, which is what makes knapsacks hard to prove optimal. Nothing
    must be spent, so allocating nothing is feasible and the solver has an
    incumbent from its first heuristics. mip_gap 0: only a full proof would stop it.
    """
    rng = random.Random(seed)
    sizes = [rng.randint(1_000, 9_000) * 1_000 for _ in range(instruments)]
    total = sum(sizes) * countries
    country_rows = [["country", "dac_eligible", "absorption_eur", "need"]]
    country_rows += [[f"K{c}", True, rng.randint(15_000, 25_000) * 1_000, 100 + rng.randint(0, 3)]
                     for c in range(countries)]
    fit = [["country", "instrument", "fit", "capacity_eur"]]
    fit += [[f"K{c}", f"P{i}", 1 + rng.randint(0, 20) / 1000, size]
            for c in range(countries) for i, size in enumerate(sizes)]
    return {
        "Settings": [["key", "value"], ["mip_gap", 0]],
        "Criteria": [["criterion", "weight"], ["need", 1]],
        "Countries": country_rows,
        "Instruments": [["instrument", "theme", "oda_share", "min_programme_eur"]]
        + [[f"P{i}", f"T{i % 4}", 0, size] for i, size in enumerate(sizes)],
        "Sources": [["source", "oda"], ["S", False]],
        "Envelopes": [["year", "source", "amount_eur"], [2027, "S", total * 0.45]],
        "Fit": fit,
        "Limits": [["name", "theme", "max_eur"]]
        + [[f"theme {t}", f"T{t}", rng.randint(25, 35) * total // 400] for t in range(4)],
    }


HYPERLINK = '=HYPERLINK("http://x","y")'
# Names a spreadsheet would take for formulas if they were written carelessly.
FORMULA_LIKE = {
    ("Countries", "A2"): HYPERLINK,
    ("Countries", "A3"): "+Jordan",
    ("Instruments", "A2"): "-dialogue",
    ("Instruments", "A3"): "@shelter",
    ("Sources", "A3"): "=1+1",
    ("Envelopes", "B3"): "=1+1",  # the A&M non-ODA envelope, renamed with its source
}
