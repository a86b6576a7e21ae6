"""The texts of the scenarios, sensitivity and diagnostics workbooks in every language.

Filed in the one catalogue of `optimiser.writers.words` (look them up with `say`).
"""

from __future__ import annotations

WHATIF_WORDS: dict[str, dict[str, str]] = {
    # -- the diagnostics workbook
    "diag_title": {"en": "NO ALLOCATION: the rules of {name} contradict each other.",
                   "nl": "GEEN TOEWIJZING: de regels van {name} zijn met elkaar in strijd."},
    "diag_not_result": {
        "en": "This is a diagnostics workbook, not a result. Fix the workbook and run "
              "allocate again.",
        "nl": "Dit is een diagnosewerkmap, geen resultaat. Pas de werkmap aan en voer "
              "allocate opnieuw uit."},
    "diag_countries": {"en": "countries", "nl": "landen"},
    "diag_change": {"en": "{direction} by", "nl": "{direction} met"},
    "diag_raise": {"en": "raise", "nl": "verhogen"},
    "diag_lower": {"en": "lower", "nl": "verlagen"},
    # -- shared by the what-if workbooks
    "method_note": {
        "en": "Each point is solved as its method column says ({method} unless rebuilt); see "
              "Run info.",
        "nl": "Elk punt is berekend zoals de kolom methode zegt ({method} tenzij opnieuw "
              "opgebouwd); zie Uitvoeringsgegevens."},
    # -- the scenarios workbook
    "scen_input_diff_1": {
        "en": "Every input cell each scenario changes, old -> new, in sheet order. A blank old "
              "value: the scenario added that row or column (it is not in your workbook).",
        "nl": "Elke invoercel die een scenario wijzigt, oud -> nieuw, in de volgorde van de "
              "bladen. Een lege oude waarde: het scenario voegde die rij of kolom toe (die "
              "staat niet in uw werkmap)."},
    "scen_input_diff_2": {
        "en": "A scenario that sets values equal to the base changes no cell and has no row "
              "here.",
        "nl": "Een scenario dat waarden gelijk aan de basisvariant zet, wijzigt geen cel en heeft "
              "hier geen rij."},
    "scen_messages": {
        "en": "Why each infeasible or invalid scenario has no allocation, one line per row: "
              "for an infeasible one, the rules that cannot hold together and the smallest "
              "change.",
        "nl": "Waarom een onuitvoerbaar of ongeldig scenario geen toewijzing heeft, één regel "
              "per rij: bij een onuitvoerbaar scenario de regels die niet samen kunnen gelden "
              "en de kleinste wijziging."},
    "scen_in_full": {"en": "{line} (in full on sheet {sheet})",
                     "nl": "{line} (volledig op blad {sheet})"},
    "scen_summary_1": {
        "en": "Scenarios of {name}. Each is applied to a fresh copy of the base inputs and "
              "validated like a workbook; amounts in euros over the whole horizon, changes "
              "against {base}.",
        "nl": "Scenario's van {name}. Elk wordt toegepast op een verse kopie van de "
              "basisinvoer en gecontroleerd als een werkmap; bedragen in euro's over de hele "
              "periode, verschillen ten opzichte van {base}."},
    "scen_summary_2": {
        "en": "money_moved_eur: the euros that stand in another year, country, instrument or "
              "budget line than in the base (a plain cut or top-up counts once). "
              "index_vs_base: the scenario's impact with {base} = 100; "
              "index_vs_base_base_scoring: its allocation scored with the base's weights and "
              "scores, so a scenario that changes the yardstick compares like with like.",
        "nl": "verschoven bedrag: de euro's die in een ander jaar, land, instrument of "
              "begrotingsartikel staan dan in de basisvariant (een gewone korting of ophoging telt "
              "één keer). index t.o.v. basisvariant: de impact van het scenario met {base} = 100; "
              "index t.o.v. basisvariant, basisweging: de toewijzing van het scenario gescoord met "
              "de gewichten en scores van de basisvariant, zodat een scenario dat de maatstaf "
              "verandert, eerlijk wordt vergeleken."},
    "scen_summary_3": {
        "en": "status: optimal or feasible = solved; infeasible = its rules contradict (the "
              "message names them and the least change); invalid = its rows or inputs are "
              "wrong (the message lists every problem); no solution, error or failed = the "
              "solver could not finish it (the message says why). Other scenarios are never "
              "affected.",
        "nl": "status: optimaal of toelaatbaar = berekend; onuitvoerbaar = de regels zijn "
              "met elkaar in strijd (de melding noemt ze en de kleinste wijziging); ongeldig "
              "= de rijen of invoer kloppen niet (de melding noemt elk probleem); geen "
              "oplossing, fout of mislukt = de berekening kon niet worden afgemaakt (de "
              "melding zegt waarom). Andere scenario's worden er nooit door geraakt."},
    "scen_chart_impact": {"en": "Impact per scenario", "nl": "Impact per scenario"},
    "scen_chart_change": {"en": "Change of impact against the base",
                          "nl": "Verschil in impact ten opzichte van de basisvariant"},
    "scen_by_year_source": {
        "en": "Per year and budget line (source) (EUR): the base's money, then each solved "
              "scenario's change against {base}. Rows where nothing is allocated in any case "
              "are left out.",
        "nl": "Per jaar en begrotingsartikel (bron) (EUR): het geld van de basisvariant, dan het "
              "verschil van elk berekend scenario ten opzichte van {base}. Rijen waarin in "
              "geen enkel geval iets is toegewezen, zijn weggelaten."},
    "scen_by_year_country": {
        "en": "Per year and country (EUR): the base's money, then each solved scenario's "
              "change against {base}. Rows where nothing is allocated in any case are left "
              "out.",
        "nl": "Per jaar en land (EUR): het geld van de basisvariant, dan het verschil van elk "
              "berekend scenario ten opzichte van {base}. Rijen waarin in geen enkel geval "
              "iets is toegewezen, zijn weggelaten."},
    "scen_side_country": {
        "en": "Money per country over the whole horizon (EUR): each solved scenario, then its "
              "change against {base}. Invalid and infeasible scenarios have no column.",
        "nl": "Geld per land over de hele periode (EUR): elk berekend scenario, dan het "
              "verschil ten opzichte van {base}. Ongeldige en onuitvoerbare scenario's hebben "
              "geen kolom."},
    "scen_side_instrument": {
        "en": "Money per instrument over the whole horizon (EUR): each solved scenario, then "
              "its change against {base}. Invalid and infeasible scenarios have no column.",
        "nl": "Geld per instrument over de hele periode (EUR): elk berekend scenario, dan het "
              "verschil ten opzichte van {base}. Ongeldige en onuitvoerbare scenario's hebben "
              "geen kolom."},
    "scen_chart_country": {"en": "Country totals per scenario",
                           "nl": "Totalen per land per scenario"},
    "scen_chart_instrument": {"en": "Instrument totals per scenario",
                              "nl": "Totalen per instrument per scenario"},
    "scen_chart_side_change": {"en": "Change against the base",
                               "nl": "Verschil ten opzichte van de basisvariant"},
    "scen_how": {
        "en": "A scenario that changes only numbers the model holds as parameters (envelopes, "
              "weights, scores, effectiveness, fit values, Limits EUR bounds) is re-solved on "
              "the built base model: {method}. Any other change (a setting, a capacity, an "
              "absorption, a new column) rebuilds and solves the model afresh. The method "
              "column of Summary says which, per scenario.",
        "nl": "Een scenario dat alleen getallen wijzigt die het model als parameters heeft "
              "(budgetten, gewichten, scores, effectiviteit, geschiktheid, EUR-grenzen van "
              "Limits) wordt opnieuw berekend op het gebouwde basismodel: {method}. Elke "
              "andere wijziging (een instelling, een capaciteit, een absorptie, een nieuwe "
              "kolom) bouwt het model opnieuw op en berekent het opnieuw. De kolom methode "
              "van Samenvatting zegt welke, per scenario."},
    "scen_base_row": {"en": "{base} is the base inputs solved the same way as the scenarios.",
                      "nl": "{base} is de basisinvoer, berekend op dezelfde manier als de "
                            "scenario's."},
    "scen_impact": {
        "en": "Sum of value per euro x euros over the horizon (SPEC §2), recomputed from the "
              "whole-euro allocation.",
        "nl": "Som van waarde per euro x euro's over de periode (SPEC §2), herberekend uit de "
              "toewijzing in hele euro's."},
    "scen_oda": {"en": "Money from the ODA sources (Sources sheet, oda TRUE).",
                 "nl": "Geld uit de ODA-bronnen (blad Sources, oda TRUE)."},
    "scen_infeasible": {
        "en": "Explained as `allocate explain` would: the conflicting rules and the least "
              "change that makes the scenario feasible (first line in Summary, in full on "
              "sheet {sheet}).",
        "nl": "Uitgelegd zoals `allocate explain` dat doet: de tegenstrijdige regels en de "
              "kleinste wijziging die het scenario uitvoerbaar maakt (eerste regel in "
              "Samenvatting, volledig op blad {sheet})."},
    # -- the sensitivity workbook
    "sens_curve_which_source": {"en": "the {source} envelopes", "nl": "de budgetten van {source}"},
    "sens_curve_which_all": {"en": "every envelope", "nl": "elk budget"},
    "sens_curve_1": {
        "en": "Impact as {which} scale(s) by the factor in `scale` (100% = the base). The "
              "minimum spend keeps its base euro amount (capped at the envelope), so more "
              "money never forces more spending.",
        "nl": "Impact als {which} geschaald wordt met de factor in schaal (100% = de "
              "basisvariant). De minimale besteding houdt haar bedrag in euro's uit de "
              "basisvariant "
              "(hooguit het budget), zodat meer geld nooit tot meer uitgaven dwingt."},
    "sens_curve_2": {
        "en": "money_moved_eur: euros in another year, country, instrument or budget line "
              "than in the base; index_vs_base: the impact with the base = 100; "
              "index_points_per_eur_1m: how many points of the impact index (on the base's "
              "scale) one more EUR 1M added since the previous solved step "
              "(marginal_impact_per_eur_1m: the same in impact units). Entering/leaving: "
              "countries and instruments that gain or lose all their money (at least EUR 1 "
              "over the horizon) since that step.",
        "nl": "verschoven bedrag: euro's in een ander jaar, land, instrument of "
              "begrotingsartikel dan in de basisvariant; index t.o.v. basisvariant: de impact met "
              "de basisvariant "
              "= 100; indexpunten per EUR 1 mln: hoeveel punten van de impactindex (op de "
              "schaal van de basisvariant) één extra EUR 1 mln opleverde sinds de vorige berekende "
              "stap (marginale impact per EUR 1 mln: hetzelfde in eenheden van impact). "
              "Erbij/eraf: landen en instrumenten die sinds die stap voor het eerst geld "
              "krijgen of al hun geld verliezen (ten minste EUR 1 over de periode)."},
    "sens_chart_curve": {"en": "Impact against the envelope", "nl": "Impact tegen het budget"},
    "sens_axis_envelope": {"en": "envelope over the horizon (EUR)",
                           "nl": "budget over de periode (EUR)"},
    "sens_chart_marginal": {"en": "Marginal value of money (impact per extra EUR 1M)",
                            "nl": "Marginale waarde van geld (impact per extra EUR 1 mln)"},
    "sens_axis_scale": {"en": "scale of the envelope", "nl": "schaal van het budget"},
    "sens_axis_per_1m": {"en": "impact per EUR 1M", "nl": "impact per EUR 1 mln"},
    "sens_axis_points": {"en": "index points per EUR 1M", "nl": "indexpunten per EUR 1 mln"},
    "sens_curve_country": {
        "en": "Money per country over the horizon (EUR) at each solved scale of the envelope "
              "(columns; infeasible steps have none).",
        "nl": "Geld per land over de periode (EUR) bij elke berekende schaal van het budget "
              "(kolommen; onuitvoerbare stappen hebben er geen)."},
    "sens_curve_instrument": {
        "en": "Money per instrument over the horizon (EUR) at each solved scale of the "
              "envelope (columns; infeasible steps have none).",
        "nl": "Geld per instrument over de periode (EUR) bij elke berekende schaal van het "
              "budget (kolommen; onuitvoerbare stappen hebben er geen)."},
    "sens_chart_rises_country": {"en": "Allocation by country as money rises",
                                 "nl": "Toewijzing per land als het geld toeneemt"},
    "sens_chart_rises_instrument": {"en": "Allocation by instrument as money rises",
                                    "nl": "Toewijzing per instrument als het geld toeneemt"},
    "sens_tornado_1": {
        "en": "Each criterion weight, source envelope and country's scores moved by -{swing} "
              "(low) and +{swing} (high), one at a time; ranked by the money moved (the "
              "change of impact beside it). Envelopes keep their minimum spend in euros.",
        "nl": "Elk gewicht van een criterium, elk budget van een bron en de scores van elk "
              "land verschoven met -{swing} (laag) en +{swing} (hoog), één tegelijk; "
              "gerangschikt naar verschoven bedrag (het verschil in impact ernaast). "
              "Budgetten houden hun minimale besteding in euro's."},
    "sens_tornado_2": {
        "en": "money_moved_eur: the euros that stand in another year, country, instrument or "
              "budget line than in the base; money_moved_share: the share of the base money "
              "(by year, country and instrument) that moves: 0 = nothing moves, 100% = "
              "everything. A weight rescales the yardstick: the impact changes although "
              "little money moves. A side that did not solve has no number; message says why.",
        "nl": "verschoven bedrag: de euro's die in een ander jaar, land, instrument of "
              "begrotingsartikel staan dan in de basisvariant; aandeel verschoven: het deel van "
              "het "
              "geld van de basisvariant (per jaar, land en instrument) dat verschuift: 0 = niets, "
              "100% = alles. Een gewicht verandert de maatstaf: de impact verandert terwijl "
              "weinig geld verschuift. Een kant die niet kon worden berekend heeft geen "
              "getal; melding zegt waarom."},
    "sens_chart_tornado": {"en": "Tornado: money moved, {rows} largest",
                           "nl": "Tornado: verschoven bedrag, de {rows} grootste"},
    "sens_axis_moved": {"en": "EUR moved", "nl": "EUR verschoven"},
    "sens_prices_1": {
        "en": "Index points gained per extra EUR 1M in each envelope (source x year), the "
              "rest of the base unchanged{held}",
        "nl": "Indexpunten die één extra EUR 1 mln in elk budget (bron x jaar) oplevert, de "
              "rest van de basisvariant gelijk{held}"},
    "sens_prices_held": {"en": ", the base's funding choices held (see Run info).",
                         "nl": ", met de financieringskeuzes van de basisvariant vastgehouden (zie "
                               "Uitvoeringsgegevens)."},
    "sens_prices_2": {
        "en": "0: money there is not scarce. Negative: the minimum spend binds (spending less "
              "of that line would raise the impact). Valid for small changes; the envelope "
              "curve shows larger ones. Blank: no pair may use that envelope.",
        "nl": "0: daar is geld niet schaars. Negatief: de minimale besteding is bindend "
              "(minder uitgeven op dat artikel zou de impact verhogen). Geldt voor kleine "
              "wijzigingen; de budgetcurve toont grotere. Leeg: geen combinatie mag dat "
              "budget gebruiken."},
    "sens_chart_prices": {"en": "Index points per extra EUR 1M",
                          "nl": "Indexpunten per extra EUR 1 mln"},
    "sens_axis_year": {"en": "year", "nl": "jaar"},
    "sens_binding": {
        "en": "Every rule that binds in the base allocation, with its marginal value: the "
              "index points the impact index would gain if its bound moved by EUR 1M (per "
              "extra country for max_countries), and the same in the workbook's impact units, "
              "largest first{held}",
        "nl": "Elke regel die bindend is in de toewijzing van de basisvariant, met haar "
              "marginale waarde: de indexpunten die de impactindex zou winnen als haar grens "
              "met EUR 1 mln verschuift (per extra land voor max_countries), en hetzelfde in de "
              "impacteenheden van de werkmap, grootste eerst{held}"},
    "sens_binding_held": {"en": ", the base's funding choices held.",
                          "nl": ", met de financieringskeuzes van de basisvariant vastgehouden."},
    "full_stop": {"en": ".", "nl": "."},
    "sens_chart_binding": {"en": "Shadow prices of the binding rules",
                           "nl": "Marginale waarden van de bindende regels"},
    "sens_ranging_1": {
        "en": "How far each country's (or instrument's) value per euro may move, all its "
              "pairs by the same percentage, before the allocation changes{held} (computed "
              "exactly; see Run info).",
        "nl": "Hoe ver de waarde per euro van elk land (of instrument) mag bewegen, al zijn "
              "combinaties met hetzelfde percentage, voordat de toewijzing verandert{held} "
              "(exact berekend; zie Uitvoeringsgegevens)."},
    "sens_ranging_held": {"en": ", the base's funding choices held",
                          "nl": ", met de financieringskeuzes van de basisvariant vastgehouden"},
    "sens_ranging_2": {
        "en": "'may rise by 12%': its value per euro (its scores' priority, or the "
              "instrument's effectiveness) can be up to 12% higher and the same allocation "
              "stays optimal; beyond that, money moves. Blank: no limit. 100% fall: it may "
              "fall to nothing.",
        "nl": "'mag stijgen met 12%': de waarde per euro (de prioriteit uit de scores, of de "
              "effectiviteit van het instrument) mag tot 12% hoger zijn en dezelfde "
              "toewijzing blijft de beste; daarboven verschuift geld. Leeg: geen grens. 100% "
              "dalen: het mag tot niets dalen."},
    "sens_ranging_3": {
        "en": "0%: the shape of the allocation changes at once, usually a tie with another "
              "use of the money; the allocation may still stay. The ranges hold one country "
              "or instrument at a time.",
        "nl": "0%: de vorm van de toewijzing verandert meteen, meestal een gelijke stand met "
              "een andere besteding van het geld; de toewijzing kan toch blijven. De "
              "bandbreedtes gelden voor één land of instrument tegelijk."},
    "sens_chart_ranging": {"en": "How far a country's value may move",
                           "nl": "Hoe ver de waarde van een land mag bewegen"},
    "sens_axis_share_value": {"en": "share of its value", "nl": "deel van de waarde"},
    "sens_mc_1": {
        "en": "{draws} draws of every country's scores, each uniform within ±uncertainty of "
              "its value (the Countries uncertainty column, else ±{uncertainty}), seed "
              "{seed}: the same seed gives the same draws and results on any number of "
              "workers.",
        "nl": "{draws} trekkingen van de scores van elk land, elk gelijkmatig binnen "
              "±onzekerheid van de waarde (de kolom uncertainty van Countries, anders "
              "±{uncertainty}), startgetal {seed}: hetzelfde startgetal geeft dezelfde "
              "trekkingen en uitkomsten, bij elk aantal rekenprocessen."},
    "sens_mc_changed": {
        "en": "In {countries} of the {solved} solved draws the countries funded differ from "
              "the plan's; in {programmes} the programmes (country x instrument) funded "
              "differ.",
        "nl": "In {countries} van de {solved} berekende trekkingen verschillen de "
              "gefinancierde landen van die in het plan; in {programmes} verschillen de "
              "gefinancierde programma's (land x instrument)."},
    "sens_mc_histogram": {"en": "Distribution of the impact over the solved draws:",
                          "nl": "Verdeling van de impact over de berekende trekkingen:"},
    "sens_chart_draws": {"en": "Impact over the draws", "nl": "Impact over de trekkingen"},
    "sens_axis_draws": {"en": "draws", "nl": "trekkingen"},
    "sens_mc_funded": {
        "en": "probability_funded: the share of solved draws in which it gets at least EUR 1 "
              "over the horizon; p10/p50/p90: percentiles of its amount (EUR).",
        "nl": "kans op financiering: het deel van de berekende trekkingen waarin het ten "
              "minste EUR 1 over de periode krijgt; P10/P50/P90: percentielen van het "
              "bedrag (EUR)."},
    "sens_mc_fixed": {
        "en": " With the base's funding choices held (--mip-mode fixed) programmes cannot "
              "start or stop, so this probability is 0 or 1: run with --mip-mode full for who "
              "is in or out.",
        "nl": " Met de financieringskeuzes van de basisvariant vastgehouden (--mip-mode fixed) "
              "kunnen programma's niet beginnen of stoppen, dus deze kans is 0 of 1: gebruik "
              "--mip-mode full om te zien wie erin of eruit gaat."},
    "sens_chart_mc_country": {"en": "Money per country over the draws (P10, P50, P90)",
                              "nl": "Geld per land over de trekkingen (P10, P50, P90)"},
    "sens_chart_mc_funded": {"en": "Probability a country is funded",
                             "nl": "Kans dat een land wordt gefinancierd"},
    "sens_axis_probability": {"en": "probability", "nl": "kans"},
    "sens_mc_pairs": {"en": "Pairs funded in no solved draw are not listed.",
                      "nl": "Combinaties die in geen enkele berekende trekking geld krijgen, "
                            "staan er niet in."},
    "sens_chart_mc_pair": {"en": "Probability a pair is funded",
                           "nl": "Kans dat een combinatie wordt gefinancierd"},
    "sens_mc_draws": {
        "en": "Every draw and how it solved; a draw that did not solve says why in message.",
        "nl": "Elke trekking en hoe die is berekend; een trekking die niet kon worden "
              "berekend, zegt waarom in melding."},
    # -- the sensitivity workbook's Run info (the technical sheet)
    "about_model_mip": {"en": "MIP (funding decisions are yes/no)",
                        "nl": "MIP (financieringsbeslissingen zijn ja/nee)"},
    "about_not_used": {"en": "not used (an LP)", "nl": "niet gebruikt (een LP)"},
    "about_how": {
        "en": "{method}: the base model is built once and each point changes only numbers it "
              "holds as parameters, then re-solves from the base optimum.",
        "nl": "{method}: het basismodel wordt één keer gebouwd en elk punt wijzigt alleen "
              "getallen die het als parameters heeft, en rekent dan verder vanaf het optimum "
              "van de basisvariant."},
    "about_how_fixed": {
        "en": " The base's yes/no decisions (which programmes and countries are funded) stay "
              "fixed, so these are local answers: programmes cannot start or stop. Run with "
              "--mip-mode full for full MIP re-solves (slower).",
        "nl": " De ja/nee-beslissingen van de basisvariant (welke programma's en landen geld "
              "krijgen) blijven vast, dus dit zijn lokale antwoorden: programma's kunnen niet "
              "beginnen of stoppen. Gebruik --mip-mode full voor volledige MIP-berekeningen "
              "(trager)."},
    "about_how_full": {
        "en": " Each point is a full MIP re-solve, warm-started from the base solution.",
        "nl": " Elk punt is een volledige MIP-berekening, met een warme start vanuit de "
              "oplossing van de basisvariant."},
    "about_how_rebuilt": {
        "en": " A point whose change is structural is rebuilt (method says so).",
        "nl": " Een punt waarvan de wijziging de opbouw raakt, wordt opnieuw opgebouwd "
              "(methode zegt het)."},
    "about_same_anywhere": {
        "en": "Every point starts from the base state (bounds, costs, basis of the base "
              "optimum), so serial runs, local workers and Dask give the same numbers.",
        "nl": "Elk punt begint bij de toestand van de basisvariant (grenzen, kosten, basis van "
              "het optimum), dus een berekening na elkaar, met lokale rekenprocessen of met Dask "
              "geeft dezelfde getallen."},
    "about_all_sources": {"en": "all sources together", "nl": "alle bronnen samen"},
    "about_minimum_spend": {
        "en": "The envelope curve keeps each envelope's minimum spend at its base euro amount "
              "(capped at the scaled envelope): more money never forces more spending.",
        "nl": "De budgetcurve houdt de minimale besteding van elk budget op het bedrag in "
              "euro's van de basisvariant (hooguit het geschaalde budget): meer geld dwingt nooit "
              "tot meer uitgaven."},
    "about_tornado_moves": {
        "en": "each criterion weight, each source's envelopes (minimum spend kept in euros), "
              "each country's scores (all criteria), x (1 - swing) and x (1 + swing), one at "
              "a time",
        "nl": "elk gewicht van een criterium, de budgetten van elke bron (minimale besteding "
              "in euro's behouden), de scores van elk land (alle criteria), x (1 - swing) en "
              "x (1 + swing), één tegelijk"},
    "about_basis_mip": {"en": "the LP with the binaries fixed at the base solution",
                        "nl": "de LP met de binaire variabelen vast op de oplossing van de "
                              "basisvariant"},
    "about_basis_lp": {"en": "the base LP", "nl": "de LP van de basisvariant"},
    "about_duals": {"en": "duals of {basis}", "nl": "duale waarden van {basis}"},
    "about_ranging": {
        "en": "exact parametric cost ranging on the optimal basis of {basis}: each country's "
              "or instrument's costs move together by one percentage",
        "nl": "exacte parametrische analyse van de kosten op de optimale basis van {basis}: "
              "de kosten van elk land of instrument bewegen samen met één percentage"},
    "about_distribution": {
        "en": "each score x a factor drawn uniformly in [1 - u, 1 + u], u the country's "
              "uncertainty column or the default; never below 0; drawn in sheet order from "
              "the seed",
        "nl": "elke score x een factor gelijkmatig getrokken uit [1 - u, 1 + u], u de kolom "
              "uncertainty van het land of de standaardwaarde; nooit onder 0; getrokken in "
              "de volgorde van het blad vanuit het startgetal"},
}
