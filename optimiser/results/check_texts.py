"""The English texts of the portfolio checks' warnings (`portfolio_checks.Check`).

A module of its own, without imports: `optimiser/writers/words_checks.py` files these in
the message catalogue beside their Dutch texts (so a workbook in another language says
them there) without loading the results stage.
"""

from __future__ import annotations

TEMPLATES: dict[str, str] = {
    "check_concentration": (
        "Concentration: {column} {name} holds {share} of the money ({amount} of {total}), "
        "above {threshold} ({where} max_share_warning); a Limits row with max_share for this "
        "{column} would cap it. Herfindahl index of instruments {herfindahl}."),
    "check_stop_go_country": (
        "Stop–go: {country} gets EUR {amounts} in {years} (baseline {baseline}); Settings "
        "no_restart TRUE would forbid this."),
    "check_stop_go_line": (
        "Stop–go: line {country} × {instrument} gets EUR {amounts} in {years}; Settings "
        "no_restart TRUE would forbid this."),
    "check_stop_go_more": (
        "Stop–go: {count} more lines stop and come back (sheet Allocation); Settings "
        "no_restart TRUE would forbid this."),
    "check_ends": (
        "Ends with its commitment: line {country} × {instrument} runs until {last}, the last "
        "year of its commitment (Commitments rows {rows}), and gets nothing in {next}; "
        "min_years is {min_years} on {where} — a higher min_years would continue it."),
    "check_unallocated": (
        "Unallocated: {left} of {source} {year} is not allocated ({where}: EUR {amount}, "
        "min_spend_share {min_share}); sheet Why not names the rules that block it."),
    "check_protection": (
        "Do-no-harm minimum: {country} (high risk) gets exactly {share} of its money for "
        "protection in {years}, the minimum ({where} high_risk_protection_share); a higher "
        "share or a Limits floor would add more."),
}
