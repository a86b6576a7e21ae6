"""Texts the model says of its rules, in English, each keeping its template key and values.

A `Phrase` is an English str, so every reader that wants English uses it as it is; a
writer that wants another language looks the key up in the message catalogue
(`optimiser.writers.words.localise`) and fills in the same values. The constraint
labels (`models.labels.Label.text`) and the reasons a rule can never hold
(`models.labels.Conflict.reason`) are Phrases; other stages subclass Phrase with their
own templates (`optimiser.results.texts.Said`). This module imports nothing.
"""

from __future__ import annotations

from typing import ClassVar


class Phrase(str):
    """A text in English (it is the str), with the template key and the values it was
    made from. A value may itself be a Phrase or a `Listed` (a part of a longer text)."""

    templates: ClassVar[dict[str, str]]
    key: str
    values: dict[str, object]

    def __new__(cls, key: str, **values: object) -> Phrase:
        phrase = super().__new__(cls, cls.templates[key].format(**values))
        phrase.key, phrase.values = key, values
        return phrase

    def __reduce__(self):  # pickled (to a worker) as what makes it, not as a plain str
        return _remake, (type(self), self.key, self.values)


def _remake(cls: type[Phrase], key: str, values: dict[str, object]) -> Phrase:
    return cls(key, **values)


class Listed(str):
    """Parts joined in English ("a, b", "a and b"), each part kept for another language:
    `joiner` names the separator in the catalogue ("join:and", ...)."""

    JOINERS: ClassVar[dict[str, str]] = {"comma": ", ", "semicolon": "; ", "and": " and ",
                                         "newline": "\n"}
    items: tuple[object, ...]
    joiner: str

    def __new__(cls, items, joiner: str = "comma") -> Listed:
        items = tuple(items)
        listed = super().__new__(cls, cls.JOINERS[joiner].join(map(str, items)))
        listed.items, listed.joiner = items, joiner
        return listed

    def __reduce__(self):
        return Listed, (self.items, self.joiner)


RULE_TEMPLATES: dict[str, str] = {
    # money: the size word is the template's, so another language may say it its way
    "eur_bn": "EUR {amount}bn",
    "eur_m": "EUR {amount}M",
    "eur_k": "EUR {amount}k",
    "eur_units": "EUR {amount}",
    # -- the labels of the constraint rules (models/constraints.py, rules.py, continuity.py)
    "rule_total": "{country} {year}: total of the country",
    "rule_envelope": "{source} {year}: spend at most {amount}",
    "rule_envelope_min": "{source} {year}: spend at most {amount} and at least {share} of it",
    "rule_oda_share": "{country} × {instrument} {year}: ODA money at most {share} of the total",
    "rule_capacity_pair": "{country} × {instrument} {year}: at most {amount} (pair capacity)",
    "rule_capacity_absorption": "{country} × {instrument} {year}: at most {amount} (absorption)",
    "rule_absorption": "{country} {year}: at most {amount} (absorption)",
    "rule_min_programme": "{country} × {instrument} {year}: 0 or at least {amount}",
    "rule_focus_link": "{country} {year}: money only if {country} is a focus country",
    "rule_focus_one": "at most 1 country receives money",
    "rule_focus": "at most {count} countries receive money",
    "rule_commitment": "{country} × {instrument} {year}: at least {amount} committed ({refs})",
    "rule_commitment_source": ("{country} × {instrument} {year} from {source}: at least "
                               "{amount} committed ({refs})"),
    "rule_limit": "{name} ({selection}): {bounds}",
    "rule_limit_base": "denominator of share limits ({selection})",
    "limit_at_least": "at least {amount}",
    "limit_at_most": "at most {amount}",
    "limit_share_at_least": "at least {share} of {of}",
    "limit_share_at_most": "at most {share} of {of}",
    "limit_of_total": "total",
    "limit_column": "{column}",
    "selection_all_years": "all years",
    "selection_part": "{column} {names}",
    "rule_ramp": "{country} {before}→{year}: total may change by at most {share}{plus}",
    "rule_ramp_plus": " plus {amount}",
    "rule_ramp_baseline": ("{country} {year}: total between {low} and {high} ({share}{plus} "
                           "around its baseline of {amount})"),
    "rule_do_no_harm": "{country} {year} (high risk): at least {share} of the total to {theme}",
    "rule_do_no_harm_link": ("{country} {year} (high risk): money only with a funded {theme} "
                             "programme"),
    "rule_line_active": "{country} × {instrument} {year}: runs when it has money",
    "rule_run_start": "{country} × {instrument} {year}: starts this year",
    "rule_min_years": ("{country} × {instrument} {year}: runs if it started in the {before} "
                       "years before (min_years {years})"),
    "rule_run": "{country} × {instrument} {year}: runs in its chosen run",
    "rule_line_no_restart": "{country} × {instrument}: once it stops, it does not start again",
    "rule_country_active": "{country} {year}: receives money exactly when one of its lines runs",
    "rule_country_no_restart": "{country}: once it receives nothing, it receives nothing later",
    "rule_country_no_restart_baseline": ("{country}: once it receives nothing, it receives "
                                         "nothing later (its Baseline year counts)"),
    "rule_tiebreak": "{country} {before}→{year}: change of the total (tie-break)",
    # -- why a rule can never hold (Conflict.reason), and the two said together
    "conflict": "{where}: {text} — {reason}",
    "conflict_sum_zero": "no allocation cell can count towards it, so the sum is 0",
    "conflict_below_zero": "its bound is below 0",
    "conflict_no_pair_source": "no country–instrument pair may use {source}, {reason}",
    "conflict_ramp_no_cell": "{country} has no allocation cell in {year}, so its total is 0",
    "conflict_unfundable": ("{instrument} needs at least {amount} wherever it is funded "
                            "({origin}), but {tightest}"),
    "bound_envelopes": "the envelopes that may fund it in {year} ({sources}) total {amount}",
    "bound_capacity": "{country} × {instrument} can take at most {amount} ({origin})",
    "bound_absorption": "{country} can absorb at most {amount} ({origin})",
    "conflict_fit_zero": "{instrument} is not available in {country} (fit 0)",
    "conflict_no_envelope": "{source} has no Envelopes row for {year}",
    "conflict_not_dac": ("{country} is not DAC-eligible, so it cannot receive ODA money "
                         "({source})"),
    "conflict_oda_zero": "{instrument} has oda_share 0, so it cannot receive ODA money ({source})",
    "conflict_no_source": "no source may fund {instrument} in {country} in {year}",
}


def paired(english: dict[str, str], dutch: dict[str, str]) -> dict[str, dict[str, str]]:
    """A catalogue part from English templates and their Dutch: each key in both languages.
    A key missing in Dutch, or Dutch left for a template that is gone, is refused."""
    if english.keys() != dutch.keys():
        raise KeyError(f"not in both languages: {sorted(english.keys() ^ dutch.keys())}")
    return {key: {"en": text, "nl": dutch[key]} for key, text in english.items()}


class RuleText(Phrase):
    """What a constraint says, or why it can never hold, in the workbook's terms."""

    templates: ClassVar[dict[str, str]] = RULE_TEMPLATES


def eur(amount: float) -> RuleText:
    """Money for messages: EUR 12.5M, EUR 300k, EUR 120 (the size word kept for Dutch)."""
    size = abs(amount)
    if size >= 1e9:
        return RuleText("eur_bn", amount=f"{amount / 1e9:,.2f}")
    if size >= 1e6:
        return RuleText("eur_m", amount=f"{amount / 1e6:,.1f}")
    if size >= 1e3:
        return RuleText("eur_k", amount=f"{amount / 1e3:,.0f}")
    return RuleText("eur_units", amount=f"{amount:,.0f}")
