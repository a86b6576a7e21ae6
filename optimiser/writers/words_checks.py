"""The portfolio checks' warnings and the Why not explanations in every language.

The English texts are the results stage's own (`optimiser.results.texts`); the Dutch
stand here. Filed in the one catalogue of `optimiser.writers.words`.
"""

from __future__ import annotations

from models.phrases import paired
from optimiser.results.texts import TEMPLATES

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
    # -- Why not
    "why_fits_no_instrument": "{country} past bij geen enkel instrument",
    "why_fits_no_country": "{instrument} past bij geen enkel land",
    "why_fit_zero": "geschiktheid 0 op elke combinatie: {text}",
    "why_fit_change": "een geschiktheid boven 0 op een van deze rijen",
    "why_zero_limit": "{origin} ('{name}') staat ten hoogste 0 toe",
    "why_zero_limit_change": "een maximum boven 0 op {origin}",
    "why_non_dac": ("geen ODA voor een land dat niet DAC-geschikt is ({row}: dac_eligible "
                    "FALSE) en geen non-ODA-budget dat het mag gebruiken"),
    "why_no_envelope": ("oda_share {share} ({origin}) en geen budget dat de landen ervan "
                        "mogen gebruiken"),
    "why_no_money_change": ("een non-ODA-budget (Envelopes), of dac_eligible TRUE / een "
                            "oda_share boven 0 waar dat klopt"),
    "why_no_room": "geen ruimte: capacity_eur of absorption_eur 0 op elke combinatie",
    "why_no_room_change": "een capaciteit of absorptie boven 0 op {where}",
    "why_programme": ("min_programme_eur boven elke grens: ten hoogste {bound} past in een "
                      "jaar in een van de combinaties"),
    "why_programme_change": "min_programme_eur ten hoogste {bound}",
    "why_max_countries": ("{where}: max_countries {limit} — {limit} andere landen zijn meer "
                          "waard{value}"),
    "why_max_countries_value": (" (beste waarde per euro {value}, {pair}, tegen ongeveer "
                                "{margin} aan de marge)"),
    "why_max_countries_change": "max_countries {limit}",
    "why_priority": "de prioriteit ({row} scores)",
    "why_effectiveness": "de effectiviteit ({origin})",
    "why_best": "beste waarde per euro {value} ({pair})",
    "why_valued_higher": "{line}; het geld gaat naar combinaties die meer waard zijn",
    "why_higher_change": "een hogere {word}",
    "why_adds_nothing": ("{line}: het voegt niets toe aan de impact (prioriteit, effectiviteit "
                         "of geschiktheid 0)"),
    "why_above_zero_change": "een {word} boven 0",
    "why_rise": ("{line} tegen ongeveer {margin} aan de marge: {what} zou met ongeveer {rise} "
                 "moeten stijgen om mee te doen"),
    "why_rise_change": "{word} ongeveer {rise} hoger",
    "why_blocked": ("{line} is ten minste ongeveer {margin} aan de marge, maar de bindende "
                    "regels houden het buiten{rules}: minimumprogramma's, groei, continuïteit "
                    "of Limits (blad Bindende grenzen)"),
    "why_blocked_change": "een van die bindende regels verruimen",
    "why_no_line": ("geen combinatie mag geld van {source} gebruiken (ODA vraagt een "
                    "DAC-geschikt land en een instrument met oda_share boven 0)"),
    "why_no_line_change": "een DAC-geschikt land of een instrument met oda_share boven 0",
    "why_left": ("{left} van {source} {year} blijft over: elke combinatie waar het heen kan, "
                 "is vol{rules}"),
    "why_left_others": ("{text}; {others} combinatie(s) worden door andere regels "
                        "tegengehouden (minimumprogramma's, groei, continuïteit, maxima in "
                        "Limits: blad Bindende grenzen)"),
    "why_raise": ("verhoog de {rule} op {where} met {left} (combinatie {pair}, waarde per "
                  "euro {value}); min_spend_share {share} op {origin} laat de rest vervallen"),
    "why_rules": " ({rules})",
    "why_rule_word": "{word}",
    "why_no_restart_with": "{where} no_restart met {origin}",
    "why_ease": ("verruim een bindend maximum (blad Bindende grenzen); min_spend_share "
                 "{share} op {origin} laat het vervallen"),
}

CHECK_WORDS: dict[str, dict[str, str]] = paired(TEMPLATES, DUTCH)
