"""The rules' descriptions, `explain`'s answer and a run's progress lines in every language.

The English texts are the model's (`models.phrases`) and the solver stage's
(`optimiser.solve.explain_texts`, `optimiser.solve.steps`); the Dutch stand here. Filed in
the one catalogue of `optimiser.writers.words`. Sheet and column names of the input
workbook (Envelopes, oda_share, ...) stay as the workbook has them.
"""

from __future__ import annotations

from models.phrases import RULE_TEMPLATES, paired
from optimiser.solve.explain_texts import EXPLAIN_TEMPLATES
from optimiser.solve.steps import STEP_TEMPLATES

DUTCH: dict[str, str] = {
    # money: figures keep one notation in both languages (12.5; 1,250), as on every sheet
    "eur_bn": "EUR {amount} mld",
    "eur_m": "EUR {amount} mln",
    "eur_k": "EUR {amount}k",
    "eur_units": "EUR {amount}",
    # -- the rules' descriptions
    "rule_total": "{country} {year}: totaal van het land",
    "rule_envelope": "{source} {year}: ten hoogste {amount} besteden",
    "rule_envelope_min": ("{source} {year}: ten hoogste {amount} besteden en ten minste "
                          "{share} ervan"),
    "rule_oda_share": ("{country} × {instrument} {year}: ODA-geld ten hoogste {share} van het "
                       "totaal"),
    "rule_capacity_pair": ("{country} × {instrument} {year}: ten hoogste {amount} (capaciteit "
                           "van de combinatie)"),
    "rule_capacity_absorption": "{country} × {instrument} {year}: ten hoogste {amount} "
                                "(absorptie)",
    "rule_absorption": "{country} {year}: ten hoogste {amount} (absorptie)",
    "rule_min_programme": "{country} × {instrument} {year}: 0 of ten minste {amount}",
    "rule_focus_link": "{country} {year}: alleen geld als {country} een focusland is",
    "rule_focus_one": "ten hoogste 1 land ontvangt geld",
    "rule_focus": "ten hoogste {count} landen ontvangen geld",
    "rule_commitment": ("{country} × {instrument} {year}: ten minste {amount} verplicht "
                        "({refs})"),
    "rule_commitment_source": ("{country} × {instrument} {year} uit {source}: ten minste "
                               "{amount} verplicht ({refs})"),
    "rule_limit": "{name} ({selection}): {bounds}",
    "rule_limit_base": "noemer van de aandeelgrenzen ({selection})",
    "limit_at_least": "ten minste {amount}",
    "limit_at_most": "ten hoogste {amount}",
    "limit_share_at_least": "ten minste {share} van {of}",
    "limit_share_at_most": "ten hoogste {share} van {of}",
    "limit_of_total": "het totaal",
    "limit_column": "{column}",
    "selection_all_years": "alle jaren",
    "selection_part": "{column} {names}",
    "rule_ramp": ("{country} {before}→{year}: het totaal mag ten hoogste {share}{plus} "
                  "veranderen"),
    "rule_ramp_plus": " plus {amount}",
    "rule_ramp_baseline": ("{country} {year}: totaal tussen {low} en {high} ({share}{plus} "
                           "rond het bedrag in Baseline van {amount})"),
    "rule_do_no_harm": ("{country} {year} (hoog risico): ten minste {share} van het totaal "
                        "naar {theme}"),
    "rule_do_no_harm_link": ("{country} {year} (hoog risico): alleen geld met een "
                             "gefinancierd programma voor {theme}"),
    "rule_line_active": "{country} × {instrument} {year}: loopt als er geld naartoe gaat",
    "rule_run_start": "{country} × {instrument} {year}: begint dit jaar",
    "rule_min_years": ("{country} × {instrument} {year}: loopt als de combinatie in de "
                       "{before} jaar ervoor begon (min_years {years})"),
    "rule_run": "{country} × {instrument} {year}: loopt in de gekozen aaneengesloten periode",
    "rule_line_no_restart": ("{country} × {instrument}: eenmaal gestopt, begint de combinatie "
                             "niet opnieuw"),
    "rule_country_active": ("{country} {year}: ontvangt geld precies wanneer een van zijn "
                            "combinaties loopt"),
    "rule_country_no_restart": "{country}: eenmaal zonder geld, blijft het zonder geld",
    "rule_country_no_restart_baseline": ("{country}: eenmaal zonder geld, blijft het zonder "
                                         "geld (het jaar van Baseline telt mee)"),
    "rule_tiebreak": ("{country} {before}→{year}: verandering van het totaal (keuze bij "
                      "gelijke impact)"),
    # -- why a rule can never hold
    "conflict": "{where}: {text} — {reason}",
    "conflict_sum_zero": "geen toewijzingscel telt mee, dus de som is 0",
    "conflict_below_zero": "de grens ligt onder 0",
    "conflict_no_pair_source": ("geen combinatie van land en instrument mag {source} "
                                "gebruiken, {reason}"),
    "conflict_ramp_no_cell": "{country} heeft geen toewijzingscel in {year}, dus het totaal is 0",
    "conflict_unfundable": ("{instrument} vraagt ten minste {amount} overal waar het wordt "
                            "gefinancierd ({origin}), maar {tightest}"),
    "bound_envelopes": ("de budgetten die het in {year} mogen financieren ({sources}) zijn "
                        "samen {amount}"),
    "bound_capacity": "{country} × {instrument} kan ten hoogste {amount} opnemen ({origin})",
    "bound_absorption": "{country} kan ten hoogste {amount} absorberen ({origin})",
    "conflict_fit_zero": "{instrument} is niet beschikbaar in {country} (fit 0)",
    "conflict_no_envelope": "{source} heeft geen rij in Envelopes voor {year}",
    "conflict_not_dac": ("{country} is niet DAC-geschikt en kan dus geen ODA-geld ontvangen "
                         "({source})"),
    "conflict_oda_zero": ("{instrument} heeft oda_share 0 en kan dus geen ODA-geld ontvangen "
                          "({source})"),
    "conflict_no_source": "geen bron mag {instrument} in {country} in {year} financieren",
    # -- explain's answer
    "explain_head": "De regels spreken elkaar tegen: geen toewijzing voldoet aan alle regels.",
    "explain_head_short": ("De regels spreken elkaar tegen: geen toewijzing voldoet aan alle "
                           "regels (tekort: {short})."),
    "explain_countries": "{count} landen",
    "explain_country": "1 land",
    "explain_never": "Deze regels kunnen nooit gelden, wat de toewijzing ook is:",
    "explain_item": "  - {text}",
    "explain_together": ("Deze regels kunnen niet alle tegelijk gelden; één ervan laten "
                         "vallen of versoepelen heft dit conflict op:"),
    "explain_together_partial": (
        "Deze regels kunnen niet alle tegelijk gelden (de zoektocht stopte bij de grens van "
        "het rekenwerk: de lijst kan regels bevatten die niet nodig zijn); één ervan laten "
        "vallen of versoepelen heft dit conflict op:"),
    "explain_rule": "{where}: {text}",
    "explain_least": "De kleinste wijziging die de werkmap uitvoerbaar maakt:",
    "explain_some": ("Een wijziging die de werkmap uitvoerbaar maakt (de zoektocht stopte bij "
                     "de grens van het rekenwerk: er kan een kleinere bestaan):"),
    "explain_change": "{where}: {text} — {word} met {amount}",
    "explain_numerical": (
        "Elke regel kan tot op een halve euro worden gehaald: het conflict zit op "
        "afrondingsniveau. Rond de bedragen die precies op elkaar aansluiten (bijvoorbeeld een "
        "verplichting gelijk aan een budget) af op hele euro's, of versoepel er één met EUR 1."),
    "explain_stopped": ("De zoektocht naar de kleinste wijziging stopte bij de grens van het "
                        "rekenwerk voordat er een was gevonden."),
    "explain_borderline": ("onuitvoerbaar bij herberekening, uitvoerbaar bij opnieuw "
                           "opbouwen: een numeriek grensgeval"),
    "explain_unreachable": (
        "Geen wijziging binnen bereik van de budgetten, grenzen, verplichtingen of andere "
        "regels maakt de werkmap uitvoerbaar; controleer de minimale programmagroottes en "
        "max_countries."),
    # -- what a run says as it goes (optimiser.solve.steps)
    "step_reading": "{name} lezen",
    "step_building": "Het model opbouwen",
    "step_solving": "Berekenen",
    "step_found": "Een allocatie gevonden binnen {gap} van de best mogelijke",
    "step_narrowed": ("Verder gezocht: de gevonden allocatie ligt binnen {gap} van de best "
                      "mogelijke"),
    "step_writing": "{path} schrijven",
    "step_conflict": ("De regels zijn met elkaar in strijd: de kleinste wijziging zoeken die "
                      "ze laat gelden"),
    "step_searching": "De strijdige regels zoeken ({decided} van {total} bekeken)",
    "step_base": "De basisvariant berekenen",
    "step_explaining": ("Uitzoeken waarom scenario '{name}' onuitvoerbaar is ({n} van "
                        "{count})"),
    "step_best": "De beste toewijzing berekenen",
    "step_alternative": "Alternatief {name} (berekening {tried} van ten hoogste {budget})",
    "step_steered": "Gestuurde alternatieven: {count} te berekenen",
    "note_no_pairs": ("Geen combinatie van land en instrument kan geld ontvangen (elke "
                      "combinatie heeft fit 0, of geen bron met een budget mag haar financieren): "
                      "er is niets toegewezen."),
    "note_no_value": ("Elke waarde per euro is 0 (gewichten of scores van de criteria zijn alle "
                      "0), dus geen toewijzing is beter dan een andere: alleen wat de regels "
                      "eisen (verplichtingen, minimale bestedingen, grenzen) is toegewezen."),
    "note_no_marginals": ("Marginale waarden konden voor deze run niet worden berekend (de "
                          "berekening met de financieringskeuzes vastgehouden stopte: "
                          "{status})."),
    "note_tiebreak_stopped": ("De keuze bij gelijke impact (tie-break) werd niet afgerond "
                              "({status}); de toewijzing is de eerste optimale die de solver "
                              "vond."),
    "note_tiebreak_lost": ("De keuze bij gelijke impact (tie-break) verloor impact; het eerste "
                           "optimum is behouden."),
}

# How a user eases a rule (models.registry: lower_words, raise_words), as a cell value or
# inside explain's answer; and other words from a short fixed list of the solve stage.
EASE_WORDS: dict[str, str] = {
    "lower the minimum spend": "de minimale besteding verlagen",
    "raise the envelope": "het budget verhogen",
    "allow more ODA money": "meer ODA-geld toestaan",
    "raise the capacity": "de capaciteit verhogen",
    "raise the absorption": "de absorptie verhogen",
    "lower the minimum programme": "het minimumprogramma verlagen",
    "allow more countries": "meer landen toestaan",
    "lower the commitment": "de verplichting verlagen",
    "lower its minimum": "het minimum verlagen",
    "raise its maximum": "het maximum verhogen",
    "widen the ramp band": "de groeigrens verruimen",
    "lower the required protection": "de vereiste bescherming verlagen",
    # where the marginal values come from (Run info, shadow_prices_from)
    "LP with the funding decisions (binaries) fixed at the MIP solution":
        "LP met de financieringskeuzes (binaire variabelen) vastgehouden op de MIP-oplossing",
}

MODEL_WORDS: dict[str, dict[str, str]] = paired(
    RULE_TEMPLATES | EXPLAIN_TEMPLATES | STEP_TEMPLATES, DUTCH)
MODEL_WORDS.update({
    "place:row": {"en": "row", "nl": "rij"},
    "place:rows": {"en": "rows", "nl": "rijen"},
    "diag_written": {"en": "Diagnostics written to {path} (no allocation was made).",
                     "nl": "Diagnose geschreven naar {path} (er is geen toewijzing gemaakt)."},
})

# How a `models.phrases.Listed` joins its parts, in every language (not templates: a
# separator may be only white space).
JOINERS: dict[str, dict[str, str]] = {
    "comma": {"en": ", ", "nl": ", "},
    "semicolon": {"en": "; ", "nl": "; "},
    "and": {"en": " and ", "nl": " en "},
    "newline": {"en": "\n", "nl": "\n"},
}
