"""The texts of the result workbook in every language: notes, titles, the front page.

Filed in the one catalogue of `optimiser.writers.words` (look them up with `say`).
"""

from __future__ import annotations

RESULT_WORDS: dict[str, dict[str, str]] = {
    # -- sheet names built with a value, the title suffix of a renamed result sheet
    "sheet_matrix": {"en": "Matrix {year}", "nl": "Matrix {year}"},
    "result_suffix": {"en": " (result)", "nl": " (resultaat)"},
    "result_suffix_n": {"en": " (result {n})", "nl": " (resultaat {n})"},
    # -- the footer of every printed page: &A the sheet, &P the page, &N the pages
    "footer_page": {"en": "&A, page &P of &N", "nl": "&A, pagina &P van &N"},
    # -- the Summary's front page
    "front_title": {"en": "Allocation of {name}", "nl": "Toewijzing van {name}"},
    "front_optimal_gap": {"en": "optimal (within {gap} of the best possible)",
                          "nl": "optimaal (binnen {gap} van het best mogelijke)"},
    "front_optimal": {"en": "optimal (the best possible)",
                      "nl": "optimaal (het best mogelijke)"},
    "front_stopped_gap": {"en": "stopped at the time limit, within {gap} of the best possible",
                          "nl": "gestopt bij de tijdslimiet, binnen {gap} van het best "
                                "mogelijke"},
    "front_stopped": {"en": "stopped at the time limit", "nl": "gestopt bij de tijdslimiet"},
    "front_index": {"en": "impact index {index}", "nl": "impactindex {index}"},
    "front_no_index": {"en": "impact index not defined", "nl": "impactindex niet bepaald"},
    "front_headline": {
        "en": "Allocation {status}; {index}; EUR {total} allocated. Run {started}.",
        "nl": "Toewijzing {status}; {index}; EUR {total} toegewezen. Berekend op {started}."},
    "front_years": {"en": "Totals per year (EUR)", "nl": "Totalen per jaar (EUR)"},
    "front_envelopes": {"en": "Envelope use per source and year (EUR)",
                        "nl": "Budgetgebruik per bron en jaar (EUR)"},
    "front_warnings": {"en": "Warnings", "nl": "Waarschuwingen"},
    "front_none": {"en": "None.", "nl": "Geen."},
    "price_meaning": {
        "en": "How many points the impact index would rise if that envelope held EUR 1M "
              "more (0: money left over there would add nothing).",
        "nl": "Hoeveel punten de impactindex zou stijgen als dat budget EUR 1 mln meer had "
              "(0: geld dat daar overblijft, voegt niets toe)."},
    "price_unavailable": {
        "en": "No marginal values could be computed for this run (see Run info).",
        "nl": "Voor deze berekening konden geen marginale waarden worden bepaald (zie "
              "Uitvoeringsgegevens)."},
    "price_held_note": {
        "en": "Computed with the choices of which programmes to fund held as they are (see "
              "the glossary on Run info).",
        "nl": "Berekend met de keuzes welke programma's worden gefinancierd vastgehouden (zie "
              "de begrippenlijst op Uitvoeringsgegevens)."},
    "price_see_binding": {
        "en": "All rules that hold the allocation back, and what easing each would add: "
              "sheet {sheet}.",
        "nl": "Alle regels die de toewijzing beperken, en wat het verruimen van elk zou "
              "opleveren: blad {sheet}."},
    # -- the table sheets' notes
    "matrix_all": {"en": "Money per country and instrument over all years (EUR).",
                   "nl": "Geld per land en instrument over alle jaren (EUR)."},
    "matrix_year": {"en": "Money per country and instrument in {year} (EUR): {why}.",
                    "nl": "Geld per land en instrument in {year} (EUR): {why}."},
    "matrix_chosen": {"en": "the year chosen with --matrix-year",
                      "nl": "het jaar gekozen met --matrix-year"},
    "matrix_default": {
        "en": "the year with the largest envelope; another year: allocate run --matrix-year "
              "YEAR",
        "nl": "het jaar met het grootste budget; een ander jaar: allocate run --matrix-year "
              "JAAR"},
    "chart_by_year": {"en": "Allocation by {what} and year (EUR)",
                      "nl": "Toewijzing per {what} en jaar (EUR)"},
    "chart_envelopes": {"en": "Envelope use per source and year",
                        "nl": "Budgetgebruik per bron en jaar"},
    "binding_1": {
        "en": "Every rule that binds in this allocation: the allocation sits at the rule's "
              "limit, or moving the limit would change the impact.",
        "nl": "Elke regel die bindend is in deze toewijzing: de toewijzing zit op de grens "
              "van de regel, of het verschuiven van de grens zou de impact veranderen."},
    "binding_2": {
        "en": "index points: how many points the impact index rises if the limit rises by "
              "EUR 1M (max_countries: by one country), all else equal; shadow price: the "
              "same in the impact's own units.",
        "nl": "indexpunten: hoeveel punten de impactindex stijgt als de grens met EUR 1 mln "
              "stijgt (max_countries: met één land), verder alles gelijk; marginale waarde: "
              "hetzelfde in de eigen eenheden van de impact."},
    "binding_3": {
        "en": "Positive: a maximum that holds the impact back. Negative: a minimum that costs "
              "impact. Zero: at its limit, but a small move would not change the impact.",
        "nl": "Positief: een maximum dat de impact beperkt. Negatief: een minimum dat impact "
              "kost. Nul: op de grens, maar een kleine verschuiving verandert de impact niet."},
    "binding_4": {
        "en": "Shadow prices hold for small moves; a larger move may make other rules bind.",
        "nl": "Marginale waarden gelden voor kleine verschuivingen; bij een grotere kunnen "
              "andere regels bindend worden."},
    "binding_5": {
        "en": "Rules at their limit only because nothing is allocated in them (an unfunded "
              "pair's ODA share) are listed only when their shadow price is not zero.",
        "nl": "Regels die alleen op hun grens zitten omdat er niets in is toegewezen (het "
              "ODA-aandeel van een combinatie zonder geld) staan er alleen als hun marginale "
              "waarde niet nul is."},
    "binding_none": {
        "en": "No marginal values could be computed for this run (see Run info); the columns "
              "are empty.",
        "nl": "Voor deze berekening konden geen marginale waarden worden bepaald (zie "
              "Uitvoeringsgegevens); de kolommen zijn leeg."},
    "binding_held": {
        "en": "This model has yes/no decisions (minimum programmes, max_countries); the values "
              "hold the base's choices of what is funded as they are (see Run info).",
        "nl": "Dit model heeft ja/nee-beslissingen (minimumprogramma's, max_countries); de "
              "waarden houden de keuzes van de basisvariant over wat wordt gefinancierd vast (zie "
              "Uitvoeringsgegevens)."},
    "binding_printed": {
        "en": "Printed: the {printed} rules worth the most (this order); all {count} are on "
              "the sheet.",
        "nl": "Afgedrukt: de {printed} regels met de grootste waarde (deze volgorde); alle "
              "{count} staan op het blad."},
    "binding_per": {"en": "impact per {per}", "nl": "impact per {per}"},
    "per_eur_1m": {"en": "extra EUR 1M", "nl": "extra EUR 1 mln"},
    "per_country_unit": {"en": "extra country", "nl": "extra land"},
    "priorities_1": {
        "en": "priority = Σ weight × score over the Criteria; each part column is one "
              "criterion's weight × the country's score.",
        "nl": "prioriteit = Σ gewicht × score over de Criteria; elke deelkolom is het gewicht "
              "van één criterium × de score van het land."},
    "priorities_2": {
        "en": "Highest priority first. allocated_eur: the country's money over all years.",
        "nl": "Hoogste prioriteit eerst. toegewezen (EUR): het geld van het land over alle "
              "jaren."},
    "pairs_1": {
        "en": "value_per_eur = priority × effectiveness × fit: what one euro for the "
              "instrument in the country adds to the impact",
        "nl": "waarde per euro = prioriteit × effectiviteit × geschiktheid: wat één euro voor "
              "het instrument in het land aan de impact toevoegt"},
    "pairs_2": {
        "en": "(times the Returns multiplier of the capacity tier the euro falls in). Pairs "
              "with fit 0 cannot receive money and are not listed.",
        "nl": "(maal de vermenigvuldiger uit Returns van de capaciteitsschijf waarin de euro "
              "valt). Combinaties met geschiktheid 0 kunnen geen geld krijgen en staan er "
              "niet in."},
    "pairs_3": {
        "en": "cap_eur: the pair's capacity (Fit), else the country's absorption; blank: none.",
        "nl": "plafond (EUR): de capaciteit van de combinatie (Fit), anders de absorptie van "
              "het land; leeg: geen."},
    "why_not_1": {
        "en": "One row per country and per instrument that gets no money over the horizon, "
              "and per envelope (year, source) with money left over.",
        "nl": "Eén rij per land en per instrument dat over de hele periode geen geld krijgt, "
              "en per budget (jaar, bron) waarvan geld overblijft."},
    "why_not_2": {
        "en": "excluded by a rule: a rule of the workbook keeps it out whatever the values. "
              "out-valued: its best line is worth less per euro than the money at the margin.",
        "nl": "uitgesloten door een regel: een regel van de werkmap houdt het buiten, wat de "
              "waarden ook zijn. minder waard dan de marge: de beste combinatie is per euro "
              "minder waard dan het geld aan de marge."},
    "why_not_3": {
        "en": "blocked by rules: binding rules keep it out; each binding rule is on the sheet "
              "{sheet}. Values at the margin are estimates (about): from the envelope shadow "
              "prices, else from the lowest value per euro the allocation funds by choice.",
        "nl": "tegengehouden door regels: bindende regels houden het buiten; elke bindende "
              "regel staat op het blad {sheet}. Waarden aan de marge zijn schattingen "
              "(about): uit de marginale waarden van de budgetten, anders uit de laagste "
              "waarde per euro die de toewijzing uit eigen keuze financiert."},
    "why_not_nothing": {
        "en": "Every country and instrument gets money and every envelope is spent: nothing "
              "to explain.",
        "nl": "Elk land en elk instrument krijgt geld en elk budget wordt besteed: er valt "
              "niets uit te leggen."},
    # -- Run info's notes column
    "info_sha": {"en": "SHA-256 of the input file as read",
                 "nl": "SHA-256 van het invoerbestand zoals gelezen"},
    "info_local_time": {"en": "local time", "nl": "lokale tijd"},
    "info_matrix_year": {"en": "the year with the largest envelope",
                         "nl": "het jaar met het grootste budget"},
    "info_status": {"en": "optimal, or feasible (stopped at the time limit)",
                    "nl": "optimal (optimaal), of feasible (gestopt bij de tijdslimiet)"},
    "info_gap": {"en": "relative gap between the impact and the best possible",
                 "nl": "relatieve marge tussen de impact en het best mogelijke"},
    "info_bound": {"en": "bound proven by the solver",
                   "nl": "door de rekenmethode bewezen bovengrens"},
    "info_size": {"en": "model size", "nl": "omvang van het model"},
    "info_binaries": {"en": "yes/no decisions", "nl": "ja/nee-beslissingen"},
    "info_none": {"en": "none", "nl": "geen"},
    "info_tie_break": {
        "en": "impact held, then steadiest country totals year to year, then sources and "
              "pairs in sheet order",
        "nl": "impact vastgehouden, dan de meest stabiele landtotalen van jaar tot jaar, dan "
              "bronnen en combinaties in de volgorde van de bladen"},
    "info_see_model": {"en": "see docs/model.md", "nl": "zie docs/model.md"},
    "info_phase": {"en": "time of the phase", "nl": "duur van de fase"},
    "info_about_input": {"en": "about the input workbook", "nl": "over de invoerwerkmap"},
    "info_settings_row": {"en": "Settings row {row}", "nl": "Instellingen, rij {row}"},
    "info_default": {"en": "default", "nl": "standaardwaarde"},
    "info_command_line": {"en": "command line {option}", "nl": "opdrachtregel {option}"},
}
