"""The Dutch names of the sheets and column headers the tool writes (`--lang nl`).

English name -> Dutch name. `optimiser.writers.words` files them in its one catalogue
(keys `sheet:<name>` and `header:<name>`); writers look them up through `sheet_title`
and `header` there, never here. Names from the user's data (countries, instruments,
sources, criteria, scenario names, years) are not in these tables and stay as they are.
"""

from __future__ import annotations

# Dutch sheet names: at most 31 characters, none of []:*?/\ and none equal to a Dutch
# input sheet name (SPEC §5.4), so a result never clashes with the sheets it copies.
SHEETS: dict[str, str] = {
    # the result workbook (SPEC §4 fixes Summary and Allocation; the English key of every
    # sheet is kept in the workbook's custom property, see docs/result-workbook.md)
    "Summary": "Samenvatting",
    "Allocation": "Toewijzing",
    "By country": "Per land",
    "By instrument": "Per instrument",
    "By theme": "Per thema",
    "Matrix all years": "Matrix alle jaren",
    "Envelope use": "Budgetgebruik",
    "Binding limits": "Bindende grenzen",
    "Why not": "Waarom niet",
    "Priorities": "Prioriteiten",
    "Pair values": "Waarde per combinatie",
    "Run info": "Uitvoeringsgegevens",
    # the scenarios workbook
    "By year and source": "Per jaar en bron",
    "By year and country": "Per jaar en land",
    "Input diff": "Gewijzigde invoer",
    "Messages": "Meldingen",
    # the sensitivity workbook
    "Envelope curve": "Budgetcurve",
    "Curve by country": "Curve per land",
    "Curve by instrument": "Curve per instrument",
    "Tornado": "Tornado",
    "Shadow prices": "Marginale waarden",
    "Ranging": "Bandbreedtes",
    "Monte Carlo": "Monte Carlo",
    "MC countries": "MC landen",
    "MC pairs": "MC combinaties",
    "MC draws": "MC trekkingen",
    # the diagnostics workbook
    "INFEASIBLE": "ONUITVOERBAAR",
    "Conflicting rules": "Tegenstrijdige regels",
    "Least change": "Kleinste wijziging",
    "Impossible rules": "Onmogelijke regels",
    # the alternatives workbook (its allocations: `Allocation best` and `Allocation A1`, ...
    # are `Toewijzing beste`, `Toewijzing A1`, ...: optimiser.whatif.alternatives_report)
    "Alternatives": "Alternatieven",
    "Alternatives by country": "Alternatieven per land",
    "Alternatives by instrument": "Alternatieven per instrument",
    "About alternatives": "Over de alternatieven",
}

# Column headers. The Allocation sheet's columns (SPEC §4) get the Dutch input names of
# SPEC §5.4 (jaar, land, bron, bedrag), so a Dutch Allocation sheet reads back by them.
HEADERS: dict[str, str] = {
    "year": "jaar", "country": "land", "instrument": "instrument", "theme": "thema",
    "source": "bron", "oda": "oda", "amount_eur": "bedrag",
    "key": "sleutel", "value": "waarde", "note": "toelichting",
    "Total": "Totaal", "total": "totaal", "ODA": "ODA", "non-ODA": "non-ODA",
    "ODA share": "aandeel ODA", "envelope": "budget", "committed": "verplicht",
    "newly allocated": "nieuw toegewezen", "unallocated": "niet toegewezen",
    "used": "gebruikt", "envelope_eur": "budget (EUR)", "committed_eur": "verplicht (EUR)",
    "newly_allocated_eur": "nieuw toegewezen (EUR)",
    "allocated_eur": "toegewezen (EUR)", "unallocated_eur": "niet toegewezen (EUR)",
    "use_share": "aandeel gebruikt", "sheet": "blad", "row": "rij", "rows": "rijen",
    "rule": "regel", "description": "omschrijving", "binds at": "bindt aan",
    "index points": "indexpunten", "shadow price": "marginale waarde",
    "shadow_price": "marginale waarde", "per": "per", "rank": "rang",
    "priority": "prioriteit", "effectiveness": "effectiviteit", "fit": "geschiktheid",
    "value_per_eur": "waarde per euro", "cap_eur": "plafond (EUR)",
    "what": "wat", "name": "naam", "reason": "reden", "explanation": "uitleg",
    "where in the workbook": "waar in de werkmap",
    "smallest change that would alter it": "kleinste wijziging die dit verandert",
    # the diagnostics workbook
    "change": "wijziging", "amount": "bedrag", "unit": "eenheid", "why": "waarom",
    # the scenarios workbook
    "scenario": "scenario", "status": "status", "money_moved_eur": "verschoven bedrag (EUR)",
    "index_vs_base": "index t.o.v. basisvariant",
    "index_vs_base_base_scoring": "index t.o.v. basisvariant, basisweging",
    "total_eur": "totaal (EUR)", "total_change_eur": "verschil totaal (EUR)",
    "oda_eur": "ODA (EUR)", "non_oda_eur": "non-ODA (EUR)", "impact": "impact",
    "impact_change": "verschil impact", "impact_change_share": "verschil impact (%)",
    "method": "methode", "cells_changed": "gewijzigde cellen", "message": "melding",
    "base_eur": "basisvariant (EUR)", "(base)": "(basisvariant)", "cell": "cel", "column": "kolom",
    "old": "oud", "new": "nieuw", "line": "regelnummer", "text": "tekst",
    # the sensitivity workbook
    "scale": "schaal", "marginal_impact_per_eur_1m": "marginale impact per EUR 1 mln",
    "index_points_per_eur_1m": "indexpunten per EUR 1 mln",
    "countries_funded": "landen gefinancierd", "countries_entering": "landen erbij",
    "countries_leaving": "landen eraf", "instruments_entering": "instrumenten erbij",
    "instruments_leaving": "instrumenten eraf", "moved": "gewijzigd",
    "parameter": "onderdeel", "largest_money_moved_eur": "grootste verschoven bedrag (EUR)",
    "largest_impact_change": "grootste verschil impact",
    "low_status": "laag: status", "low_money_moved_eur": "laag: verschoven bedrag (EUR)",
    "low_money_moved_share": "laag: aandeel verschoven",
    "low_impact_change": "laag: verschil impact", "high_status": "hoog: status",
    "high_money_moved_eur": "hoog: verschoven bedrag (EUR)",
    "high_money_moved_share": "hoog: aandeel verschoven",
    "high_impact_change": "hoog: verschil impact", "label": "korte naam", "where": "waar",
    "constraint": "beperking", "side": "kant", "kind": "soort",
    "may_fall_by": "mag dalen met", "may_rise_by": "mag stijgen met",
    "base_impact": "impact basisvariant", "solved": "opgelost", "not_solved": "niet opgelost",
    "impact_p10": "impact P10", "impact_p50": "impact P50", "impact_p90": "impact P90",
    "draws_other_countries": "trekkingen met andere landen",
    "draws_other_programmes": "trekkingen met andere programma's",
    "bin": "klasse", "from_impact": "impact vanaf", "to_impact": "impact tot",
    "draws": "trekkingen", "draw": "trekking", "p10_eur": "P10 (EUR)", "p50_eur": "P50 (EUR)",
    "p90_eur": "P90 (EUR)", "probability_funded": "kans op financiering",
    "pair": "combinatie", "countries_in_or_out": "landen erin of eruit",
    "programmes_in_or_out": "programma's erin of eruit",
    # the alternatives workbook (the allocations' names are columns too: Best, A1, ...)
    "allocation": "toewijzing", "aim": "doel", "impact_index": "impactindex",
    "impact_given_up": "impact ingeleverd", "moved_from_best_eur": "verschoven t.o.v. beste (EUR)",
    "difference_from_best_eur": "verschil met beste (EUR)",
    "least_difference_from_others_eur": "kleinste verschil met de andere (EUR)",
    "in_words": "in woorden", "Best": "Beste",
}

# Words the tool writes in table cells from a short fixed list (a rule's side, a Why not
# reason); any other cell value is the user's data or a number and stays as it is.
VALUES: dict[str, str] = {
    "maximum": "maximum", "minimum": "minimum", "exact": "precies", "(base)": "(basisvariant)",
    "country": "land", "instrument": "instrument", "theme": "thema",
    "unallocated money": "niet toegewezen geld",
    "excluded by a rule": "uitgesloten door een regel", "out-valued": "minder waard dan de marge",
    "blocked by rules": "tegengehouden door regels",
    "weight": "gewicht", "envelope": "budget", "scores": "scores",  # the tornado's moves
    # what a Why not change raises or lifts
    "priority": "prioriteit", "effectiveness": "effectiviteit", "absorption": "absorptie",
    "pair capacity": "capaciteit van de combinatie", "ODA share": "ODA-aandeel",
    "Limits maximum": "maximum in Limits",
    # how a what-if point was solved (optimiser.whatif.resolve)
    "rebuilt (model built and solved afresh)": "opnieuw opgebouwd (model opnieuw gebouwd en "
                                               "berekend)",
    "quick re-run of the base model": "snelle herberekening van het basismodel",
    "re-run with the base's funding choices held": "herberekening met de financieringskeuzes "
                                                   "van de basisvariant vastgehouden",
    "full re-run, funding choices free": "volledige herberekening, financieringskeuzes vrij",
    "(Scenarios sheet)": "(blad Scenarios)",
    # how a point or an alternative solved (column status of the what-if workbooks)
    "optimal": "optimaal", "feasible": "toelaatbaar", "infeasible": "onuitvoerbaar",
    "invalid": "ongeldig", "no solution": "geen oplossing", "error": "fout",
    "failed": "mislukt", "Best": "Beste",
    "low": "laag", "high": "hoog",  # the side of a tornado point
    # the rules' titles (models.registry, column "rule" of Binding limits and diagnostics)
    **{
        "Country total": "Landtotaal", "Envelope": "Budget", "Pair capacity":
        "Capaciteit van de combinatie", "Absorption": "Absorptie", "Minimum programme":
        "Minimumprogramma", "Programme funded": "Programma gefinancierd", "max_countries":
        "max_landen", "Focus country": "Focusland", "Commitment": "Verplichting",
        "Limits row": "Regel in Grenzen (Limits)", "Share denominator": "Noemer van een aandeel",
        "Ramp": "Groeigrens", "Do-no-harm": "Do-no-harm", "Do-no-harm link":
        "Do-no-harm-koppeling", "Line running": "Combinatie loopt", "Start of a line":
        "Start van een combinatie", "Minimum duration": "Minimale looptijd", "Run of a line":
        "Looptijd van een combinatie", "Country receiving money": "Land ontvangt geld",
        "No restart": "Geen herstart", "Year-on-year change": "Verandering per jaar",
    },
}
