"""Labels: what each constraint means in workbook terms.

Every constraint the model builds carries a `Label` that names the rule as a
user would (sheet, row, meaning, amount), so that messages, infeasibility
explanations and the binding-limits report never show Pyomo names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.data import Origin
from models.phrases import Listed, RuleText, eur

__all__ = ["Conflict", "Label", "RuleKey", "eur"]


class RuleKey(StrEnum):
    """The one name of each constraint rule; `models.registry` holds what is known of it."""

    TOTAL = "total"
    ENVELOPE = "envelope"
    ODA_SHARE = "oda_share"
    CAPACITY = "capacity"
    ABSORPTION = "absorption"
    MIN_PROGRAMME = "min_programme"
    PROGRAMME_LINK = "programme_link"
    FOCUS = "focus"
    FOCUS_LINK = "focus_link"
    COMMITMENT = "commitment"
    LIMIT = "limit"
    LIMIT_BASE = "limit_base"
    RAMP = "ramp"
    DO_NO_HARM = "do_no_harm"
    DO_NO_HARM_LINK = "do_no_harm_link"
    LINE_ACTIVE = "line_active"
    RUN_START = "run_start"
    MIN_YEARS = "min_years"
    RUN = "run"
    COUNTRY_ACTIVE = "country_active"
    NO_RESTART = "no_restart"
    TIEBREAK = "tiebreak"


@dataclass(frozen=True)
class Label:
    """A constraint in the user's terms.

    `rule` is the constraint rule (its record is in `models.registry`);
    `origins` are the workbook rows it comes from; `text` describes it in one
    line (a `models.phrases.RuleText`, so a writer can say it in Dutch); `unit`
    is "eur" for money rows (the model holds EUR millions, reports convert) or
    "count" for the focus rule.
    """

    rule: RuleKey
    origins: tuple[Origin, ...]
    text: str
    unit: str = "eur"

    @property
    def where(self) -> str:
        return Listed(self.origins) if self.origins else "Settings"


@dataclass(frozen=True)
class Conflict:
    """A rule that cannot hold whatever the allocation, found while building.

    Example: a commitment on a pair whose fit is 0 (the pair has no
    allocation cell), or a minimum spend from a source no cell may use.
    """

    label: Label
    reason: str

    def said(self) -> RuleText:
        return RuleText("conflict", where=self.label.where, text=self.label.text,
                        reason=self.reason)

    def __str__(self) -> str:
        return str(self.said())
