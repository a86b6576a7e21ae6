"""Words shared by every workbook and the terminal: the glossary of technical terms.

Readers meet plain words; the technical terms (LP, MIP, dual, basis, binaries, ...)
appear only on Run info sheets, which carry these rows once, so a reader who meets a
term there can look it up.
"""

from __future__ import annotations

GLOSSARY: tuple[tuple[str, str], ...] = (
    ("LP", "linear programme: the model when every rule and the impact are sums of amounts "
           "times fixed numbers; solved exactly, and it gives marginal values."),
    ("MIP", "mixed-integer programme: an LP with some yes/no decisions (fund a programme or "
            "not, a country in or out); solved to within the gap of the best possible."),
    ("binaries", "the yes/no decisions of a MIP."),
    ("dual / shadow price", "what one more unit of a limit (EUR 1M, or one country) would "
                            "add to the impact, the allocation free to adapt: the marginal "
                            "value shown in index points per extra EUR 1M."),
    ("funding decisions fixed", "for a MIP, marginal values and quick re-runs hold the "
                                "yes/no decisions as in the base, leaving an LP."),
    ("basis", "the set of rules and amounts that pin the optimal allocation down; while it "
              "stays the same, the allocation changes smoothly with the inputs."),
    ("parametric ranging", "how far a number may move before the basis (and so the shape "
                           "of the allocation) changes."),
    ("warm start", "a re-run that starts from the base's solution instead of from scratch."),
    ("gap", "how far the impact found may at most be below the best possible one."),
)


def glossary_rows() -> list[tuple[str, str]]:
    """(key, explanation) rows for a Run info sheet."""
    return [(f"glossary: {term}", text) for term, text in GLOSSARY]


# -- the message catalogue ---------------------------------------------------------
# One entry per text a run prints, in every language: `say(key, lang, **values)`.
# tests/test_words.py checks that every key has every language with the same fields.

LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"

MESSAGES: dict[str, dict[str, str]] = {
    "status_optimal": {"en": "optimal", "nl": "optimaal"},
    "status_feasible": {"en": "feasible", "nl": "toelaatbaar"},
    "gap": {"en": ", gap {gap}", "nl": ", marge {gap}"},
    "headline": {
        "en": "Status: {status}{gap}   Impact index: {index}   "
              "Allocated: EUR {total} of {envelope}",
        "nl": "Status: {status}{gap}   Impactindex: {index}   "
              "Toegewezen: EUR {total} van {envelope}"},
    "index_sentence": {
        "en": "Impact index {index}: the average euro of the envelopes is worth that % of a "
              "euro spent on the best country and instrument at full effect (impact {impact} "
              "in the workbook's own scoring units).",
        "nl": "Impactindex {index}: de gemiddelde euro van de budgetten is zoveel % waard van "
              "een euro die met volle werking aan het beste land en instrument wordt besteed "
              "(impact {impact} in de eigen scoringseenheden van de werkmap)."},
    "index_undefined": {
        "en": "Impact index: not defined (no envelope money, or no pair with any value).",
        "nl": "Impactindex: niet bepaald (geen budget, of geen combinatie met enige waarde)."},
    "year_columns": {"en": "year|ODA|non-ODA|total|envelope|left",
                     "nl": "jaar|ODA|non-ODA|totaal|budget|over"},
    "top_countries": {"en": "Top countries (of {funded} funded), all years:",
                      "nl": "Grootste landen (van {funded} gefinancierd), alle jaren:"},
    "no_money": {"en": "No money allocated.", "nl": "Geen geld toegewezen."},
    "price_title": {
        "en": "Marginal value of money: index points per extra EUR 1M of envelope",
        "nl": "Marginale waarde van geld: indexpunten per extra EUR 1 mln budget"},
    "price_held": {"en": " (funding choices held)",
                   "nl": " (financieringskeuzes vastgehouden)"},
    "price_none": {"en": "Marginal value of money: not available for this run.",
                   "nl": "Marginale waarde van geld: niet beschikbaar voor deze run."},
    "source": {"en": "source", "nl": "bron"},
    "binding_count": {"en": "{count} rules bind (all on the sheet {sheet}).",
                      "nl": "{count} regels zijn bindend (alle op het blad {sheet})."},
    "binding_top": {
        "en": "{count} rules bind; the {top} that hold the impact back most, in index "
              "points per extra EUR 1M (all on the sheet {sheet}):",
        "nl": "{count} regels zijn bindend; de {top} die de impact het meest beperken, in "
              "indexpunten per extra EUR 1 mln (alle op het blad {sheet}):"},
    "per_country": {"en": " per extra country", "nl": " per extra land"},
    "warning": {"en": "Warning: {text}", "nl": "Waarschuwing: {text}"},
    "times": {"en": "Seconds per phase: {phases}.", "nl": "Seconden per fase: {phases}."},
    "backup": {"en": "Backup of the input: {path}", "nl": "Reservekopie van de invoer: {path}"},
    "written": {"en": "Result written to {path}", "nl": "Resultaat geschreven naar {path}"},
}


def say(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The catalogue's text for `key` in `lang`, filled in with `values`."""
    return MESSAGES[key][lang].format(**values)
