"""The texts of the alternatives workbook and terminal, and the what-if notes and statuses,
in every language.

Filed in the one catalogue of `optimiser.writers.words` (look them up with `say`). The
`alt_aim_*`, `alt_note_*` and `point_*` texts are made by the what-if stage as a `Said`
(optimiser.whatif.said), so a writer says them in the workbook's language (`localise`).
"""

from __future__ import annotations

ALTERNATIVES_WORDS: dict[str, dict[str, str]] = {
    # -- what each alternative's solve asked for (optimiser.whatif.alternatives)
    "alt_aim_best": {"en": "the highest impact (as allocate run)",
                     "nl": "de hoogste impact (zoals allocate run)"},
    "alt_aim_spread": {"en": "spread money away from what the allocations so far use most",
                       "nl": "geld weg van wat de toewijzingen tot nu toe het meest gebruiken"},
    "alt_aim_more": {"en": "more money for {column} {name}",
                     "nl": "meer geld voor {column} {name}"},
    "alt_aim_less": {"en": "less money for {column} {name}",
                     "nl": "minder geld voor {column} {name}"},
    # -- the alternatives' notes (the About sheet and the terminal)
    "alt_note_fewer": {
        "en": "{found} of the {count} alternatives asked for differ by at least EUR {least} "
              "from the best and from each other within {within} of the best impact: the "
              "rules leave no more room (or a wider --within would).",
        "nl": "{found} van de {count} gevraagde alternatieven verschillen ten minste EUR "
              "{least} van de beste en van elkaar binnen {within} van de beste impact: de "
              "regels laten geen ruimte meer (of een ruimere --within wel)."},
    "alt_note_close": {
        "en": "{name} ({aim}) is within EUR {least} of the best allocation: the rules leave "
              "no room to move money that way.",
        "nl": "{name} ({aim}) ligt binnen EUR {least} van de beste toewijzing: de regels "
              "laten geen ruimte om geld die kant op te verschuiven."},
    "alt_note_none": {"en": "{name} ({aim}): no allocation found: {message}",
                      "nl": "{name} ({aim}): geen toewijzing gevonden: {message}"},
    "alt_note_message": {"en": "{name} ({aim}): {message}", "nl": "{name} ({aim}): {message}"},
    # -- why a what-if point has no allocation (optimiser.whatif.resolve, workers, batch)
    "point_contradict": {
        "en": "The rules contradict each other: no allocation satisfies all of them.",
        "nl": "De regels zijn met elkaar in strijd: geen toewijzing voldoet aan alle regels."},
    "point_held": {
        "en": "No allocation satisfies the rules with the base's funding choices held "
              "(programmes and countries can neither start nor stop in this mode); a full "
              "re-run (--mip-mode full) may find one.",
        "nl": "Geen toewijzing voldoet aan de regels met de financieringskeuzes van de "
              "basisvariant vastgehouden (programma's en landen kunnen in deze stand niet "
              "beginnen of stoppen); een volledige herberekening (--mip-mode full) vindt er "
              "misschien een."},
    "point_stopped": {
        "en": "the solver process stopped on this point ({attempts} tries), as it does when "
              "the computer runs out of memory; the other points are not affected",
        "nl": "het rekenproces stopte op dit punt ({attempts} pogingen), zoals het doet als "
              "de computer geen geheugen meer heeft; de andere punten zijn niet geraakt"},
    "point_not_risked": {
        "en": "not solved: it stopped a worker process, and workers could not be restarted "
              "here, so it was not tried in the main process",
        "nl": "niet berekend: het stopte een rekenproces, en rekenprocessen konden hier niet "
              "opnieuw worden gestart, dus het is niet in het hoofdproces geprobeerd"},
    "point_dask_stopped": {
        "en": "the solver process stopped on this point: the Dask cluster lost the workers "
              "that ran it and gave up; the other points are not affected",
        "nl": "het rekenproces stopte op dit punt: het Dask-cluster verloor de "
              "rekenprocessen die het uitvoerden en gaf het op; de andere punten zijn niet "
              "geraakt"},
    "point_side": {"en": "{word}: {message}", "nl": "{word}: {message}"},
    "point_sides": {"en": "{first} {second}", "nl": "{first} {second}"},
    "sens_note_base": {"en": "The base case did not solve on re-solve: {message}",
                       "nl": "De basisvariant kon bij het herberekenen niet worden berekend: "
                             "{message}"},
    # -- the alternatives workbook
    "alt_comparison_1": {
        "en": "Allocations of {name} within {within} of the best impact that spread money "
              "over countries and instruments as differently as the rules allow. Each meets "
              "every rule of the workbook; its own sheet is '{sheet}', ...",
        "nl": "Toewijzingen van {name} binnen {within} van de beste impact die het geld zo "
              "verschillend over landen en instrumenten verdelen als de regels toelaten. Elk "
              "voldoet aan elke regel van de werkmap; elk heeft een eigen blad '{sheet}', ..."},
    "alt_comparison_2": {
        "en": "impact_index: impact as a share of the best (best = 100). moved_from_best_eur: "
              "money countries receive beyond the best allocation, over all years. "
              "difference_from_best_eur: sum over countries of the change of their money.",
        "nl": "impactindex: de impact als deel van de beste (beste = 100). verschoven t.o.v. "
              "beste: het geld dat landen krijgen boven de beste toewijzing, over alle jaren. "
              "verschil met beste: de som over de landen van de verandering van hun geld."},
    "alt_chart_index": {"en": "Impact against the best (best = 100)",
                        "nl": "Impact ten opzichte van de beste (beste = 100)"},
    "alt_axis_index": {"en": "impact index", "nl": "impactindex"},
    "alt_chart_moved": {"en": "Money moved between countries, against the best",
                        "nl": "Geld verschoven tussen landen, ten opzichte van de beste"},
    "alt_totals_country": {
        "en": "Money per country over the whole horizon (EUR): the best allocation, then "
              "each alternative.",
        "nl": "Geld per land over de hele periode (EUR): de beste toewijzing, dan elk "
              "alternatief."},
    "alt_totals_instrument": {
        "en": "Money per instrument over the whole horizon (EUR): the best allocation, then "
              "each alternative.",
        "nl": "Geld per instrument over de hele periode (EUR): de beste toewijzing, dan elk "
              "alternatief."},
    "alt_chart_country": {"en": "Money per country", "nl": "Geld per land"},
    "alt_chart_instrument": {"en": "Money per instrument", "nl": "Geld per instrument"},
    # the column in_words
    "alt_words_best": {
        "en": "The allocation of highest impact, as allocate run gives it: the yardstick for "
              "the alternatives.",
        "nl": "De toewijzing met de hoogste impact, zoals allocate run die geeft: de maatstaf "
              "voor de alternatieven."},
    "alt_words": {"en": "Gives up {given_up} of the best impact to move {moved} between "
                        "countries",
                  "nl": "Levert {given_up} van de beste impact in om {moved} tussen landen te "
                        "verschuiven"},
    "alt_words_countries": {"en": ", most of it {extremes}", "nl": ", het meeste {extremes}"},
    "alt_words_instruments": {"en": "; among instruments, most {extremes}",
                              "nl": "; tussen instrumenten het meeste {extremes}"},
    "alt_from": {"en": "from {name} (-{amount})", "nl": "van {name} (-{amount})"},
    "alt_to": {"en": "to {name} (+{amount})", "nl": "naar {name} (+{amount})"},
    "alt_millions": {"en": "EUR {amount}M", "nl": "EUR {amount} mln"},
    # the About sheet
    "alt_about_found": {
        "en": "The best allocation is solved as allocate run does. Then, holding the impact at "
              "least (1 - within) x the best, the same model is solved again for each "
              "alternative: for a --favour or --avoid, with the most (or least) money for that "
              "name; otherwise moving money away from the countries and instruments the "
              "allocations found so far use most, towards those they use least (SPORES "
              "weighting). One that differs by less than least_difference_eur from the best or "
              "an earlier one is dropped and a fixed next direction tried. Fixed order, fixed "
              "weights: the same workbook gives the same alternatives.",
        "nl": "De beste toewijzing wordt berekend zoals allocate run dat doet. Daarna wordt, "
              "met de impact ten minste (1 - within) x de beste, hetzelfde model opnieuw "
              "berekend voor elk alternatief: bij --favour of --avoid met zoveel (of zo "
              "weinig) mogelijk geld voor die naam; anders met geld weg van de landen en "
              "instrumenten die de toewijzingen tot nu toe het meest gebruiken, naar die ze "
              "het minst gebruiken (SPORES-weging). Een alternatief dat minder dan "
              "least_difference_eur verschilt van de beste of van een eerder alternatief "
              "vervalt, en een vaste volgende richting wordt geprobeerd. Vaste volgorde, vaste "
              "gewichten: dezelfde werkmap geeft dezelfde alternatieven."},
    "alt_about_technical": {
        "en": "Each alternative is a re-solve of the built model (an LP, or a MIP when the "
              "workbook has yes/no rules such as minimum programmes) with one extra row, the "
              "impact band, and an objective over country and instrument totals. On a MIP each "
              "solve is confined to the binaries its LP relaxation or the best allocation uses "
              "(the others fixed at 0), warm-started from the best and bounded by nodes; status "
              "optimal: proven the farthest in its direction, feasible: the farthest found.",
        "nl": "Elk alternatief is een herberekening van het gebouwde model (een LP, of een MIP "
              "als de werkmap ja/nee-regels heeft zoals minimumprogramma's) met één extra rij, "
              "de impactband, en een doelfunctie over de totalen per land en instrument. Bij "
              "een MIP is elke berekening beperkt tot de binaire variabelen die de "
              "LP-relaxatie of de beste toewijzing gebruikt (de andere vast op 0), met een "
              "warme start vanuit de beste en begrensd door knopen; status optimaal: bewezen "
              "het verst in die richting, toelaatbaar: het verst gevonden."},
    "alt_about_steered": {
        "en": "The --favour and --avoid alternatives are independent of each other: they are "
              "solved as one batch, in this process, on local worker processes or on Dask, "
              "with the same results either way. The rows below say how this batch ran.",
        "nl": "De alternatieven van --favour en --avoid staan los van elkaar: ze worden als "
              "één reeks berekend, in dit proces, op lokale rekenprocessen of op Dask, met "
              "steeds dezelfde uitkomsten. De rijen hieronder zeggen hoe deze reeks liep."},
    # -- the terminal of allocate alternatives
    "alt_count": {"en": "{count} alternative(s) of {name} within {within} of the best impact:",
                  "nl": "{count} alternatief(en) van {name} binnen {within} van de "
                        "beste impact:"},
    "alt_row": {"en": "  {name:<5} index {index:6.2f}  {words}",
                "nl": "  {name:<5} index {index:6.2f}  {words}"},
    "alt_written": {"en": "Alternatives written to {path}",
                    "nl": "Alternatieven geschreven naar {path}"},
}
