"""Texts the results stage writes for readers: the portfolio checks' warnings and the Why
not explanations, in English, each a `Said` that keeps its template key and values.

A module of its own, importing only `models.phrases`: `optimiser/writers/words_checks.py`
files these templates in the message catalogue beside their Dutch texts (so a workbook in
another language says them there, `words.localise`) without loading the results stage.
"""

from __future__ import annotations

from typing import ClassVar

from models.phrases import Phrase

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
    # -- Why not (optimiser.results.why_not): the explanation and the smallest change
    "why_fits_no_instrument": "{country} fits no instrument",
    "why_fits_no_country": "{instrument} fits no country",
    "why_fit_zero": "fit 0 on every pair: {text}",
    "why_fit_change": "a fit above 0 on one of these rows",
    "why_zero_limit": "{origin} ('{name}') allows at most 0",
    "why_zero_limit_change": "a maximum above 0 on {origin}",
    "why_non_dac": ("no ODA for a non-DAC country ({row}: dac_eligible FALSE) and no non-ODA "
                    "envelope it may use"),
    "why_no_envelope": "oda_share {share} ({origin}) and no envelope its countries may use",
    "why_no_money_change": ("a non-ODA envelope (Envelopes), or dac_eligible / oda_share where "
                            "true"),
    "why_no_room": "no room: capacity_eur or absorption_eur 0 on every line",
    "why_no_room_change": "a capacity or absorption above 0 on {where}",
    "why_programme": ("min_programme_eur above every bound: at most {bound} fits in any of its "
                      "lines in a year"),
    "why_programme_change": "min_programme_eur at most {bound}",
    "why_max_countries": ("{where}: max_countries {limit} — {limit} other countries are valued "
                          "higher{value}"),
    "why_max_countries_value": (" (best value per euro {value}, {pair}, against about {margin} "
                                "at the margin)"),
    "why_max_countries_change": "max_countries {limit}",
    "why_priority": "its priority ({row} scores)",
    "why_effectiveness": "its effectiveness ({origin})",
    "why_best": "best value per euro {value} ({pair})",
    "why_valued_higher": "{line}; the money goes to lines valued higher",
    "why_higher_change": "a higher {word}",
    "why_adds_nothing": ("{line}: it adds nothing to the impact (priority, effectiveness or "
                         "fit 0)"),
    "why_above_zero_change": "a {word} above 0",
    "why_rise": ("{line} against about {margin} at the margin: {what} would have to rise about "
                 "{rise} to enter"),
    "why_rise_change": "{word} up about {rise}",
    "why_blocked": ("{line} is at or above about {margin} at the margin, but the rules that "
                    "bind keep it out{rules}: minimum programmes, ramp, continuity or Limits "
                    "(sheet Binding limits)"),
    "why_blocked_change": "ease one of those binding rules",
    "why_no_line": ("no line may use {source} money (ODA needs a DAC-eligible country and an "
                    "instrument with oda_share above 0)"),
    "why_no_line_change": "a DAC-eligible country or an instrument with oda_share above 0",
    "why_left": "{left} of {source} {year} is left: every line it could go to is full{rules}",
    "why_left_others": ("{text}; {others} line(s) are held by other rules (minimum "
                        "programmes, ramp, continuity, Limits maxima: sheet Binding limits)"),
    "why_raise": ("raise the {rule} on {where} by {left} (line {pair}, value per euro "
                  "{value}); min_spend_share {share} on {origin} lets the rest lapse"),
    "why_rules": " ({rules})",
    "why_rule_word": "{word}",
    "why_no_restart_with": "{where} no_restart with {origin}",
    "why_ease": ("ease a binding maximum (sheet Binding limits); min_spend_share {share} on "
                 "{origin} lets it lapse"),
}


class Said(Phrase):
    """A text in English (it is the str), with the template key and the values it was
    made from, so that a writer can say it in another language. A value may itself be a
    Said (a part of a longer text)."""

    templates: ClassVar[dict[str, str]] = TEMPLATES
