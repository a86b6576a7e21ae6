"""The conflict search: complete with yes/no decisions, bounded by work, with progress."""

from __future__ import annotations

import dataclasses

import pytest

from models.build import build_model
from models.data import Settings
from models.labels import RuleKey
from optimiser.errors import InfeasibleError
from optimiser.optimise import optimise
from optimiser.solve.conflict import WorkLimits
from optimiser.solve.explain import diagnose
from optimiser.solve.highs import CompiledModel
from tests.factory import M, commitment, country, fit, instrument, one_year


def _committed_above_capacity(max_countries: int | None = 1):
    """Egypt × t has capacity 6M and a 30M commitment; t has a minimum programme of 2M
    and at most one country may receive money: the yes/no decisions are in play.

    By hand: the commitment needs X >= 30M, the capacity allows X <= 6M; dropping
    either rule makes the plan feasible (envelope 40M, Egypt alone funded), so the
    minimal conflict is {capacity, commitment} and the least change lowers the
    commitment by 30M − 6M = 24M."""
    return one_year(
        [country("Egypt"), country("Jordan", row=3)],
        [instrument("t", min_programme=2 * M), instrument("u", row=3)],
        amount=40 * M,
        fits=[fit("Egypt", "t", capacity=6 * M)],
        commitments=[commitment(2027, "Egypt", "t", 30 * M)],
        settings=Settings(max_countries=max_countries),
    )


def _diagnosis(data, **kwargs):
    form = build_model(data)
    compiled = CompiledModel(form.model)
    assert compiled.run(None, None).infeasible
    return form, compiled, diagnose(form, compiled, **kwargs)


def test_a_conflict_with_yes_no_decisions_names_the_pair_capacity_too():
    _, compiled, diagnosis = _diagnosis(_committed_above_capacity())
    assert compiled.is_mip
    assert {label.rule for label in diagnosis.conflicting} == {RuleKey.CAPACITY,
                                                               RuleKey.COMMITMENT}
    assert diagnosis.minimal and diagnosis.least
    (change,) = diagnosis.relaxations
    assert change.label.rule == RuleKey.COMMITMENT
    assert change.amount == pytest.approx(24 * M, abs=1.0)


def test_the_lp_twin_names_the_same_two_rules():
    data = dataclasses.replace(_committed_above_capacity(max_countries=None),
                               instruments=(instrument("t"), instrument("u", row=3)))
    _, compiled, diagnosis = _diagnosis(data)
    assert not compiled.is_mip
    assert {label.rule for label in diagnosis.conflicting} == {RuleKey.CAPACITY,
                                                               RuleKey.COMMITMENT}


def test_the_search_reports_progress_in_counts_of_rules():
    messages: list[str] = []
    with pytest.raises(InfeasibleError):
        optimise(_committed_above_capacity(), progress=messages.append)
    searching = [m for m in messages if m.startswith("Searching for the conflicting rules")]
    assert searching[0].endswith(f"(0 of {_total(searching[0])} checked)")
    assert searching[-1] == (f"Searching for the conflicting rules ({_total(searching[0])} of "
                             f"{_total(searching[0])} checked)")
    assert messages.index("The rules conflict: finding the smallest change that makes them "
                          "hold") < messages.index(searching[0])


def _total(message: str) -> int:
    return int(message.rsplit(" of ", 1)[1].split()[0])


def test_when_the_work_budget_runs_out_it_says_so_and_still_gives_the_least_change():
    *_, diagnosis = _diagnosis(_committed_above_capacity(), limits=WorkLimits(checks=1))
    assert diagnosis.checks == 1 and not diagnosis.minimal
    # Nothing could be ruled out: every rule is kept, so the list still conflicts.
    assert {RuleKey.CAPACITY, RuleKey.COMMITMENT} <= {label.rule
                                                      for label in diagnosis.conflicting}
    message = diagnosis.message()
    assert "the search stopped at its work limit: the list may hold rules that are not " \
           "needed" in message
    assert "lower the commitment by EUR 24.0M" in message


def test_a_least_change_the_budget_did_not_prove_is_called_a_change_not_the_smallest():
    *_, diagnosis = _diagnosis(_committed_above_capacity())
    unproven = dataclasses.replace(diagnosis, least=False).message()
    assert "The smallest change" in diagnosis.message()
    assert "The smallest change" not in unproven
    assert "A change that makes the workbook feasible (the search stopped at its work " \
           "limit: a smaller one may exist):" in unproven


def test_without_a_least_change_within_the_budget_the_rules_are_still_named():
    *_, diagnosis = _diagnosis(_committed_above_capacity())
    stopped = dataclasses.replace(diagnosis, relaxations=(), least=False).message()
    assert "The search for the smallest change stopped at its work limit before it found " \
           "one." in stopped
    assert "Fit row 2: Egypt × t 2027: at most EUR 6.0M (pair capacity)" in stopped
