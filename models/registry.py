"""One record per constraint rule: everything the tool knows about it, in one place.

The model builder calls the blocks in this order, `explain` reads which side
of a rule a user may ease and how to say so, the Binding limits sheet reads
the titles, and `scripts/model_doc.py` writes docs/model.md from the blocks'
docstrings in this order. `tests/test_registry.py` fails when a block, a
constraint component or a label has no record, or a record lacks a field.

To add a rule: write its `add_<block>(b)` in `models/constraints.py` or
`models/rules.py` (maths in the docstring, a `Label` with a new `RuleKey` on
every row), add its record here, and a test that makes it bind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from models.builder import Builder
from models.constraints import (
    add_capacity,
    add_commitments,
    add_country_totals,
    add_envelope,
    add_focus,
    add_min_programme,
    add_oda_share,
)
from models.continuity import add_line_activity, add_min_years, add_no_restart
from models.labels import RuleKey
from models.objective import add_tiebreak
from models.rules import add_do_no_harm, add_do_no_harm_link, add_limits, add_ramp

Block = Callable[[Builder], None]


class Role(Enum):
    """What a rule's rows are to a user."""

    RULE = "a rule of the workbook"  # explained, eased by `explain`, listed when binding
    DEFINITION = "defines a helper amount"  # a country's total, a share's denominator
    LINK = "ties a yes/no decision to money"  # serves a RULE (min_programme, focus)
    AID = "implied by the rules, stated for the solver"  # never part of an explanation
    TIEBREAK = "second stage only"  # picks among allocations of best impact


@dataclass(frozen=True)
class Rule:
    """A constraint rule: its block, its rows in the model, and how people see it.

    `lower_words` / `raise_words` say how a user eases the rule's lower bound
    (lower it) or upper bound (raise it); "" where that side may not be eased
    (a capacity is never lowered to make room). Only RULE records have them.
    """

    key: RuleKey
    block: Block
    components: tuple[str, ...]  # the Pyomo constraint components it adds
    section: str  # heading in docs/model.md, shared by the rules of one block
    title: str  # in reports, explanations and the diagnostics workbook
    role: Role
    lower_words: str
    raise_words: str

    @property
    def relaxable(self) -> tuple[bool, bool]:
        """(its lower bound may be lowered, its upper bound may be raised)."""
        return bool(self.lower_words), bool(self.raise_words)

    @property
    def bounds_money(self) -> bool:
        """A user's rule on amounts. The rules on the yes/no decisions (min_years,
        no_restart) have no euro side to ease: `explain` names them in a conflict,
        but the Binding limits sheet leaves them out, as their rows sit at their
        bound whenever a line runs, whether or not they hold anything back."""
        return self.role is Role.RULE and any(self.relaxable)


def _rule(key, block, components, section, title, lower="", upper="") -> Rule:
    return Rule(key, block, components, section, title, Role.RULE, lower, upper)


def _helper(key, block, components, section, title, role) -> Rule:
    return Rule(key, block, components, section, title, role, "", "")


K = RuleKey
RULES: tuple[Rule, ...] = (
    _helper(K.TOTAL, add_country_totals, ("total_link",), "Country totals",
            "Country total", Role.DEFINITION),
    _rule(K.ENVELOPE, add_envelope, ("envelope",), "1. Envelopes", "Envelope",
          lower="lower the minimum spend", upper="raise the envelope"),
    _rule(K.ODA_SHARE, add_oda_share, ("oda_share_max",), "2. ODA share", "ODA share",
          upper="allow more ODA money"),
    _rule(K.CAPACITY, add_capacity, ("capacity_tiers",), "3. Capacity and absorption",
          "Pair capacity", upper="raise the capacity"),
    _rule(K.ABSORPTION, add_capacity, ("absorption_max",), "3. Capacity and absorption",
          "Absorption", upper="raise the absorption"),
    _rule(K.MIN_PROGRAMME, add_min_programme, ("programme_min",),
          "4. Minimum programme size", "Minimum programme",
          lower="lower the minimum programme"),
    _helper(K.PROGRAMME_LINK, add_min_programme, ("programme_link",),
            "4. Minimum programme size", "Programme funded", Role.LINK),
    _rule(K.FOCUS, add_focus, ("focus_max",), "5. Focus (max_countries)", "max_countries",
          upper="allow more countries"),
    _helper(K.FOCUS_LINK, add_focus, ("focus_link",), "5. Focus (max_countries)",
            "Focus country", Role.LINK),
    _rule(K.COMMITMENT, add_commitments, ("commitment_cell", "commitment_item"),
          "6. Commitments", "Commitment", lower="lower the commitment"),
    _rule(K.LIMIT, add_limits, ("limit_eur", "limit_share_min", "limit_share_max"),
          "7. Limits", "Limits row", lower="lower its minimum", upper="raise its maximum"),
    _helper(K.LIMIT_BASE, add_limits, ("limit_base_link",), "7. Limits",
            "Share denominator", Role.DEFINITION),
    _rule(K.RAMP, add_ramp, ("ramp_up", "ramp_down"), "8. Ramp", "Ramp",
          lower="widen the ramp band", upper="widen the ramp band"),
    _rule(K.DO_NO_HARM, add_do_no_harm, ("do_no_harm",), "9. Do-no-harm", "Do-no-harm",
          lower="lower the required protection"),
    _helper(K.DO_NO_HARM_LINK, add_do_no_harm_link, ("do_no_harm_link",),
            "9b. Do-no-harm link (a solver aid, implied by 4 and 9)", "Do-no-harm link",
            Role.AID),
    _helper(K.LINE_ACTIVE, add_line_activity, ("active_floor", "active_link"),
            "10. Line activity (for the continuity rules)", "Line running", Role.LINK),
    _helper(K.RUN_START, add_min_years, ("line_start_link",),
            "10b. Minimum duration (min_years)", "Start of a line", Role.DEFINITION),
    _rule(K.MIN_YEARS, add_min_years, ("min_years",), "10b. Minimum duration (min_years)",
          "Minimum duration"),
    _helper(K.RUN, add_no_restart, ("line_run_link",), "11. No restart (no_restart)",
            "Run of a line", Role.DEFINITION),
    _helper(K.COUNTRY_ACTIVE, add_no_restart, ("country_run_min", "country_run_max"),
            "11. No restart (no_restart)", "Country receiving money", Role.DEFINITION),
    _rule(K.NO_RESTART, add_no_restart, ("line_no_restart", "country_no_restart"),
          "11. No restart (no_restart)", "No restart"),
    _helper(K.TIEBREAK, add_tiebreak, ("change_link",), "Tie-break (second stage)",
            "Year-on-year change", Role.TIEBREAK),
)
BY_KEY: dict[RuleKey, Rule] = {rule.key: rule for rule in RULES}


def rule_of(key: RuleKey | str) -> Rule:
    return BY_KEY[RuleKey(key)]


def constraint_blocks() -> list[Block]:
    """The first-stage blocks in build order, each once (a block may add several rules)."""
    blocks = (rule.block for rule in RULES if rule.role is not Role.TIEBREAK)
    return list(dict.fromkeys(blocks))


def keys_with(role: Role) -> frozenset[RuleKey]:
    return frozenset(rule.key for rule in RULES if rule.role is role)
