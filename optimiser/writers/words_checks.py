"""The portfolio checks' warnings in every language (`optimiser.results.portfolio_checks`).

The English texts are the results stage's own (`optimiser.results.check_texts`); the Dutch
stand here. Filed in the one catalogue of `optimiser.writers.words`.
"""

from __future__ import annotations

from optimiser.results.check_texts import TEMPLATES

DUTCH: dict[str, str] = {
    "check_concentration": (
        "Concentratie: {column} {name} krijgt {share} van het geld ({amount} van {total}), "
        "boven {threshold} ({where} max_share_warning); een regel in Limits met max_share "
        "voor dit {column} zou het begrenzen. Herfindahl-index van de instrumenten "
        "{herfindahl}."),
    "check_stop_go_country": (
        "Stop-en-start: {country} krijgt EUR {amounts} in {years} (basisjaar {baseline}); "
        "Settings no_restart TRUE zou dit verbieden."),
    "check_stop_go_line": (
        "Stop-en-start: combinatie {country} × {instrument} krijgt EUR {amounts} in {years}; "
        "Settings no_restart TRUE zou dit verbieden."),
    "check_stop_go_more": (
        "Stop-en-start: nog {count} combinaties stoppen en beginnen weer (blad Toewijzing); "
        "Settings no_restart TRUE zou dit verbieden."),
    "check_ends": (
        "Eindigt met de verplichting: combinatie {country} × {instrument} loopt tot {last}, "
        "het laatste jaar van de verplichting (Commitments, rijen {rows}), en krijgt niets "
        "in {next}; min_years is {min_years} op {where} — een hogere min_years zou haar "
        "voortzetten."),
    "check_unallocated": (
        "Niet toegewezen: {left} van {source} {year} is niet toegewezen ({where}: EUR "
        "{amount}, min_spend_share {min_share}); blad Waarom niet noemt de regels die het "
        "tegenhouden."),
    "check_protection": (
        "Do-no-harm-minimum: {country} (hoog risico) krijgt in {years} precies {share} van "
        "het geld voor bescherming, het minimum ({where} high_risk_protection_share); een "
        "hoger aandeel of een ondergrens in Limits zou meer toevoegen."),
}

CHECK_WORDS: dict[str, dict[str, str]] = {
    key: {"en": english, "nl": DUTCH[key]} for key, english in TEMPLATES.items()}
