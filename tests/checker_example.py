"""A hand-built result workbook that meets every rule, for the checker's own tests.

Planning years 2027 and 2029 (adjacent: 2028 is not planned). Priorities p = 2 × relevance:
Morocco 8 (DAC, absorption 3,000,000, risk 6 = high-risk), Jordan 2 (DAC, no absorption,
risk 2), Libya 4 (not DAC, absorption 1,000,000). Instruments: dialogue (oda_share 0),
shelter (Protection, oda_share 1, effectiveness 1.5, min programme 400,000), legal aid
(PROTECTION, oda_share 0.5). Fit: Morocco–shelter capacity 1,000,000; Jordan–dialogue fit 0;
Libya–legal aid fit 0.5. Returns: [0, 0.5] × 1 and [0.5, 1] × 0.5.

Allocation (EUR)                 2027 BHO ODA  2027 A&M  2029 BHO ODA
  Morocco dialogue                             1,000,000
  Morocco shelter                  800,000                1,000,000
  Morocco legal aid                200,000       300,000
  Jordan shelter                   600,000                  900,000
  Jordan legal aid                               500,000
Spend: 2027 BHO 1.6M (envelope 2.0M, min 0.5 × 2.0M), 2027 A&M 1.8M (2.0M), 2029 BHO 1.9M
(2.5M); there is no 2029 A&M envelope. T: Morocco 2.3M / 1.0M, Jordan 1.1M / 0.9M.

Impact, a_ci = p_c × effectiveness_i × fit_ci, tiers of cap (own capacity, else absorption):
  Morocco dialogue 2027: a 8, cap 3M, 1.0M all in tier 1           8 × 1.0M       =  8.0M
  Morocco shelter 2027: a 12, cap 1M, 0.5M × 1 + 0.3M × 0.5 = 0.65M  12 × 0.65M    =  7.8M
  Morocco legal aid 2027: a 8, cap 3M, 0.5M in tier 1                8 × 0.5M       =  4.0M
  Jordan shelter 2027: a 3, unbounded                                3 × 0.6M       =  1.8M
  Jordan legal aid 2027: a 2, unbounded                              2 × 0.5M       =  1.0M
  Morocco shelter 2029: 0.5M × 1 + 0.5M × 0.5 = 0.75M               12 × 0.75M     =  9.0M
  Jordan shelter 2029:                                               3 × 0.9M       =  2.7M
  impact = 34.3M; total_eur = 5.3M.

Impact index (SPEC v2 §5.3): E = 2.0M + 2.0M + 2.5M = 6.5M; a_max = 12 (Morocco shelter:
8 × 1.5 × 1; Libya shelter is 4 × 1.5 = 6); m_1 = 1 (the tier from 0, written second);
100 × 34.3M / (6.5M × 12 × 1) = 3430 / 78 = 43.974358...
"""

from __future__ import annotations

from pathlib import Path

from tests.workbooks import Rows, write_workbook

IMPACT = 34_300_000.0
TOTAL_EUR = 5_300_000.0
IMPACT_INDEX = 3430 / 78
BHO, AM = "BHO ODA", "A&M non-ODA"


def input_sheets() -> dict[str, Rows]:
    """The inputs, spelled the way users write them (mixed case, yes/ja/nee, blanks)."""
    return {
        "criteria": [["Criterion", "Weight"], ["Relevance", 2]],
        "COUNTRIES": [
            ["Country", "DAC_eligible", "absorption_EUR", "human_rights_risk", "relevance"],
            ["Morocco", "yes", 3_000_000, 6, 4],
            ["Jordan", "ja", None, 2, 1],
            ["Libya", "nee", 1_000_000, None, 2],
        ],
        "Instruments": [
            ["instrument", "theme", "oda_share", "effectiveness", "min_programme_eur", "notes"],
            ["dialogue", "Dialogue", 0, None, None, "political"],
            ["shelter", "Protection", 1, 1.5, 400_000, None],
            ["legal aid", "PROTECTION", 0.5, None, None, None],
        ],
        "Sources": [["source", "oda"], [BHO, True], [AM, "no"]],
        "Envelopes": [
            ["year", "source", "amount_eur", "min_spend_share"],
            [2027, "bho oda", 2_000_000, 0.5],
            [2027, AM, 2_000_000, None],
            [2029, BHO, 2_500_000, None],
        ],
        "Fit": [
            ["country", "instrument", "fit", "capacity_eur"],
            ["MOROCCO", "Shelter", None, 1_000_000],
            ["jordan", "dialogue", 0, None],
            ["Libya", "legal aid", 0.5, None],
        ],
        "Returns": [["from_share", "to_share", "multiplier"], [0.5, 1, 0.5], [0, 0.5, 1]],
        "Commitments": [
            ["reference", "year", "country", "instrument", "source", "amount_eur"],
            ["C1", 2027, "Morocco", "shelter", "bho oda", 500_000],
            ["C2", 2027, "Morocco", "legal aid", None, 100_000],
            ["C3", 2027, "morocco", "Legal Aid", None, 100_000],
        ],
        "Baseline": [["country", "amount_eur"], ["Morocco", 2_000_000]],
        "Settings": [
            ["key", "value"],
            ["ramp_share", 0.6],
            ["ramp_eur", 500_000],
            ["max_countries", 3],
            ["high_risk_threshold", 5],
            ["high_risk_protection_share", 0.5],
        ],
        "Limits": [
            ["name", "year", "country", "instrument", "theme", "source",
             "min_eur", "max_eur", "min_share", "max_share", "share_of"],
            ["protection floor", None, "each", None, "protection", None,
             None, None, 0.4, None, "Country"],
            ["Maghreb cap", "all", "Morocco, libya", None, None, None,
             None, 4_000_000, None, None, None],
            ["per line", None, None, "EACH", None, "Each",
             None, 2_500_000, None, None, None],
            ["ODA part", "2027, 2029", None, None, None, "bho oda",
             None, None, None, 0.7, "total"],
            [None, 2027, None, "Dialogue", None, None,
             900_000, None, None, None, None],
        ],
    }


def allocation_rows() -> Rows:
    """The Allocation sheet: sorted by year, then input order (Morocco before Jordan)."""
    return [
        ["year", "country", "instrument", "theme", "source", "oda", "amount_eur"],
        [2027, "Morocco", "dialogue", "Dialogue", AM, False, 1_000_000],
        [2027, "Morocco", "shelter", "Protection", BHO, True, 800_000],
        [2027, "Morocco", "legal aid", "PROTECTION", BHO, True, 200_000],
        [2027, "Morocco", "legal aid", "PROTECTION", AM, False, 300_000],
        [2027, "Jordan", "shelter", "Protection", BHO, True, 600_000],
        [2027, "Jordan", "legal aid", "PROTECTION", AM, False, 500_000],
        [2029, "Morocco", "shelter", "Protection", BHO, True, 1_000_000],
        [2029, "Jordan", "shelter", "Protection", BHO, True, 900_000],
    ]


def write_result(
    path: Path,
    inputs: dict[str, Rows] | None = None,
    allocation: Rows | None = None,
    impact: float = IMPACT,
    status: str = "optimal",
    impact_index: object = None,
) -> Path:
    """Write a result workbook; total_eur is the sum of the allocation as written.

    impact_index: None states the hand-worked IMPACT_INDEX for the example as it is, and
    leaves the key out when `inputs` or `allocation` are changed (the checker then skips it).
    """
    allocation = allocation_rows() if allocation is None else allocation
    total = sum(row[6] for row in allocation[1:] if isinstance(row[6], int | float))
    summary = [["key", "value"], ["status", status], ["impact", impact], ["total_eur", total]]
    if impact_index is None and inputs is None and allocation == allocation_rows():
        impact_index = IMPACT_INDEX
    if impact_index is not None:
        summary.append(["impact_index", impact_index])
    sheets = {**(input_sheets() if inputs is None else inputs),
              "Allocation": allocation, "Summary": summary}
    return write_workbook(path, sheets)


def edit(rows: Rows, column: str, value: object, **match: object) -> Rows:
    """Set `column` to `value` in the rows whose columns equal `match` (exact values)."""
    header = [str(h).strip().lower() for h in rows[0]]
    hits = 0
    for row in rows[1:]:
        if all(row[header.index(k)] == v for k, v in match.items()):
            row[header.index(column)] = value
            hits += 1
    if hits != 1:
        raise ValueError(f"{match} matched {hits} rows")  # a test typo, not a checker finding
    return rows


def add_limit(inputs: dict[str, Rows], **values: object) -> dict[str, Rows]:
    """Append a Limits row given by column name; other columns blank."""
    header = [str(h).lower() for h in inputs["Limits"][0]]
    inputs["Limits"].append([values.get(h) for h in header])
    return inputs


def rules(report, ignore=("Summary impact", "Summary impact_index")) -> set[str]:
    """The names of the rules a report finds broken, less `ignore`."""
    return {v.rule for v in report.violations} - set(ignore)
