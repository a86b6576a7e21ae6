"""The one message catalogue: every text a reader sees, in every language, and the glossary.

`say(key, lang, **values)` is the one lookup; `sheet_title` and `header` look up the names
of the sheets and columns the tool writes (`words_sheets.py`), the notes of the workbooks
stand in `words_result.py`, `words_whatif.py` and `words_alternatives.py`. All are filed
in `MESSAGES` here, and tests/test_words.py checks that every key has every language
with the same `{fields}`.

Readers meet plain words; the technical terms (LP, MIP, dual, basis, binaries, ...)
appear only on Run info sheets, which carry the glossary once, so a reader who meets a
term there can look it up.
"""

from __future__ import annotations

import re

from models.phrases import Listed
from optimiser.writers.words_alternatives import ALTERNATIVES_WORDS
from optimiser.writers.words_checks import CHECK_WORDS
from optimiser.writers.words_errors import CLI_WORDS, ERROR_WORDS, WORKBOOK_KINDS
from optimiser.writers.words_model import EASE_WORDS, JOINERS, MODEL_WORDS
from optimiser.writers.words_readers import READER_WORDS
from optimiser.writers.words_result import RESULT_WORDS
from optimiser.writers.words_sheets import HEADERS, SHEETS, VALUES
from optimiser.writers.words_whatif import WHATIF_WORDS

# (term, key of its explanation): the glossary, in the order Run info lists it.
# (English term, key of its explanation): the glossary, in the order Run info lists it;
# the term in each language is the catalogue's `term:<English term>`.
GLOSSARY: tuple[tuple[str, str], ...] = (
    ("LP", "glossary_lp"), ("MIP", "glossary_mip"), ("binaries", "glossary_binaries"),
    ("dual / shadow price", "glossary_dual"), ("funding decisions fixed", "glossary_fixed"),
    ("basis", "glossary_basis"), ("parametric ranging", "glossary_ranging"),
    ("warm start", "glossary_warm"), ("gap", "glossary_gap"),
)
_GLOSSARY_TERMS = {
    "LP": "LP", "MIP": "MIP", "binaries": "binaire variabelen (binaries)",
    "dual / shadow price": "duale waarde / schaduwprijs",
    "funding decisions fixed": "financieringskeuzes vastgehouden", "basis": "basis",
    "parametric ranging": "parametrische analyse", "warm start": "warme start",
    "gap": "marge (gap)",
}
_GLOSSARY_WORDS: dict[str, dict[str, str]] = {
    **{f"term:{en}": {"en": en, "nl": nl} for en, nl in _GLOSSARY_TERMS.items()},
    "glossary_key": {"en": "glossary: {term}", "nl": "begrippenlijst: {term}"},
    "glossary_lp": {
        "en": "linear programme: the model when every rule and the impact are sums of amounts "
              "times fixed numbers; solved exactly, and it gives marginal values.",
        "nl": "lineair programma: het model als elke regel en de impact sommen zijn van "
              "bedragen maal vaste getallen; wordt exact opgelost en geeft marginale waarden."},
    "glossary_mip": {
        "en": "mixed-integer programme: an LP with some yes/no decisions (fund a programme or "
              "not, a country in or out); solved to within the gap of the best possible.",
        "nl": "gemengd geheeltallig programma: een LP met ja/nee-beslissingen (een programma "
              "financieren of niet, een land erin of eruit); opgelost tot binnen de marge "
              "van het best mogelijke."},
    "glossary_binaries": {"en": "the yes/no decisions of a MIP.",
                          "nl": "de ja/nee-beslissingen van een MIP."},
    "glossary_dual": {
        "en": "what one more unit of a limit (EUR 1M, or one country) would add to the "
              "impact, the allocation free to adapt: the marginal value shown in index points "
              "per extra EUR 1M.",
        "nl": "wat één eenheid meer van een grens (EUR 1 mln, of één land) aan impact zou "
              "toevoegen als de toewijzing zich vrij kan aanpassen: de marginale waarde, "
              "getoond in indexpunten per extra EUR 1 mln."},
    "glossary_fixed": {
        "en": "for a MIP, marginal values and quick re-runs hold the yes/no decisions as in "
              "the base, leaving an LP.",
        "nl": "bij een MIP houden marginale waarden en snelle herberekeningen de "
              "ja/nee-beslissingen vast zoals in de basisvariant; wat overblijft is een LP."},
    "glossary_basis": {
        "en": "the set of rules and amounts that pin the optimal allocation down; while it "
              "stays the same, the allocation changes smoothly with the inputs.",
        "nl": "de verzameling regels en bedragen die de optimale toewijzing vastleggen; "
              "zolang die gelijk blijft, verandert de toewijzing geleidelijk met de invoer."},
    "glossary_ranging": {
        "en": "how far a number may move before the basis (and so the shape of the "
              "allocation) changes.",
        "nl": "hoe ver een getal mag bewegen voordat de basis (en dus de vorm van de "
              "toewijzing) verandert."},
    "glossary_warm": {
        "en": "a re-run that starts from the base's solution instead of from scratch.",
        "nl": "een herberekening die begint bij de oplossing van de basisvariant in plaats van "
              "opnieuw."},
    "glossary_gap": {
        "en": "how far the impact found may at most be below the best possible one.",
        "nl": "hoeveel de gevonden impact ten hoogste onder de best mogelijke mag liggen."},
}


def glossary_rows(lang: str = "en") -> list[tuple[str, str]]:
    """(key, explanation) rows for a Run info sheet."""
    return [(say("glossary_key", lang, term=say(f"term:{term}", lang)), say(key, lang))
            for term, key in GLOSSARY]


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
    "why_not_title": {"en": "Why not ({count} on the sheet {sheet}):",
                      "nl": "Waarom niet ({count} op het blad {sheet}):"},
    "why_not_more": {"en": "  … and {count} more.", "nl": "  … en nog {count}."},
    # the terminal of explain, scenarios and sensitivity
    "feasible_workbook": {"en": "{name} is feasible: its rules do not conflict.",
                          "nl": "{name} is uitvoerbaar: de regels zijn niet met elkaar in "
                                "strijd."},
    "scen_count": {"en": "{count} scenario(s) of {name}:", "nl": "{count} scenario('s) van "
                                                              "{name}:"},
    "scen_change": {"en": "  impact {share}", "nl": "  impact {share}"},
    "scen_none": {"en": "  (the workbook has no scenarios; see docs/scenarios.md)",
                  "nl": "  (de werkmap heeft geen scenario's; zie docs/scenarios.md)"},
    "scen_written": {"en": "Comparison written to {path}",
                     "nl": "Vergelijking geschreven naar {path}"},
    "sens_head": {"en": "Sensitivity of {name}: base impact {impact}; {points} points in "
                        "{seconds} s.",
                  "nl": "Gevoeligheid van {name}: impact van de basisvariant {impact}; {points} "
                        "punten in {seconds} s."},
    "sens_held": {"en": "  The base's funding choices held: programmes cannot start or stop; "
                        "--mip-mode full re-runs with them free.",
                  "nl": "  De financieringskeuzes van de basisvariant vastgehouden: programma's "
                        "kunnen niet beginnen of stoppen; --mip-mode full rekent opnieuw met "
                        "die keuzes vrij."},
    "sens_unsolved": {"en": "  {count} point(s) did not solve; the sheets say which and why.",
                      "nl": "  {count} punt(en) konden niet worden berekend; de bladen zeggen "
                            "welke en waarom."},
    "lost_workers": {"en": "  {count} worker process(es) stopped unexpectedly; their points "
                           "were run again (the workbook names any that failed).",
                     "nl": "  {count} rekenproces(sen) stopten onverwacht; hun punten zijn "
                           "opnieuw berekend (de werkmap noemt punten die mislukten)."},
    "note": {"en": "Note: {text}", "nl": "Opmerking: {text}"},
    "sens_written": {"en": "Sensitivity written to {path}",
                     "nl": "Gevoeligheid geschreven naar {path}"},
    "header_change": {"en": "{name} change", "nl": "{name} verschil"},
    "header_part": {"en": "{name} (weight {weight} × score)",
                    "nl": "{name} (gewicht {weight} × score)"},
}


def _file(part: dict[str, dict[str, str]]) -> None:
    """File a part of the catalogue; a key filed twice would silently replace a text."""
    twice = sorted(set(part) & set(MESSAGES))
    if twice:
        raise KeyError(f"catalogue keys filed twice: {twice}")
    MESSAGES.update(part)


for _part in (_GLOSSARY_WORDS, RESULT_WORDS, CHECK_WORDS, WHATIF_WORDS, MODEL_WORDS,
              ALTERNATIVES_WORDS, READER_WORDS, ERROR_WORDS, CLI_WORDS):
    _file(_part)
_file({f"sheet:{en}": {"en": en, "nl": nl} for en, nl in SHEETS.items()})
_file({f"header:{en}": {"en": en, "nl": nl} for en, nl in HEADERS.items()})
_file({f"value:{en}": {"en": en, "nl": nl}
       for en, nl in (VALUES | EASE_WORDS | WORKBOOK_KINDS).items()})
# Headers built from the user's names: a scenario's change, a criterion's part.
_BUILT_HEADERS = ((re.compile(r"(?P<name>.+) change"), "header_change"),
                  (re.compile(r"(?P<name>.+) \(weight (?P<weight>\S+) × score\)"),
                   "header_part"))


def say(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The catalogue's text for `key` in `lang`, filled in with `values`."""
    return MESSAGES[key][lang].format(**values)


def sheet_title(name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The title in `lang` of a sheet the tool writes, named `name` in English."""
    return say(f"sheet:{name}", lang)


def header(name: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A column's header in `lang`; a name from the user's data (a country, a year, a
    source) stays as it is."""
    text = str(name)
    if lang == DEFAULT_LANGUAGE:
        return text
    if f"header:{text}" in MESSAGES:
        return say(f"header:{text}", lang)
    for pattern, key in _BUILT_HEADERS:
        match = pattern.fullmatch(text)
        if match:
            return say(key, lang, **match.groupdict())
    return text


def term(value: object, lang: str = DEFAULT_LANGUAGE) -> object:
    """A cell value from one of the tool's short fixed lists (VALUES) in `lang`; any
    other value as it is."""
    key = f"value:{value}"
    return say(key, lang) if isinstance(value, str) and key in MESSAGES else value


# Values of a stage's text that are words from a fixed list (an instrument or a theme,
# a rule, a priority), said in the language too.
TERM_FIELDS = ("column", "rule", "word")


def localise(text: object, lang: str = DEFAULT_LANGUAGE) -> object:
    """A text a lower stage made (a rule's description, a portfolio check's warning, a Why
    not explanation: a `models.phrases.Phrase`, a str with a catalogue `key` and its
    `values`; or a `Listed` of such parts) in `lang`; anything else as it is."""
    if lang == DEFAULT_LANGUAGE:
        return text
    if isinstance(text, Listed):
        joiner = JOINERS[text.joiner][lang]
        return places(joiner.join(str(localise(item, lang)) for item in text.items), lang)
    key = getattr(text, "key", None)
    if key not in MESSAGES:
        return text
    values = {name: localise(value, lang) if name not in TERM_FIELDS else term(value, lang)
              for name, value in text.values.items()}
    return places(say(key, lang, **values), lang)


_PLACE = re.compile(r"\b(rows?) (?=\d)")


def places(text: object, lang: str = DEFAULT_LANGUAGE) -> object:
    """A text that names workbook rows ("Instruments row 13", "rows 4, 5") with the word
    for row in `lang`; the sheet names stay as the workbook has them."""
    if lang == DEFAULT_LANGUAGE or not isinstance(text, str):
        return text
    return _PLACE.sub(lambda match: say(f"place:{match.group(1)}", lang) + " ", str(text))
