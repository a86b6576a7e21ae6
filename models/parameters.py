"""The re-solve contract: the numbers a built model may change without a rebuild.

Each `MutableParameter` is a mutable Pyomo Param that `add_parameters`
creates, with how to compute its values from any `AllocationData` and how to
blank those numbers out of the data (what remains is the model's structure).
The what-if engine (`optimiser.whatif.resolve`) derives everything else from
this declaration: which rows to refresh is read off the built model (the rows
whose bounds hold a declared Param), which objective costs to reset, and when
a variant must rebuild instead. A number not declared here is structure: a
change rebuilds. `tests/test_resolve_contract.py` checks, for every declared
parameter, that a re-solve after changing it equals a full rebuild.

To make a new number re-solvable: declare it here, use `b.model.<name>[key]`
in the block's bounds (or the objective), and add its case to that test.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from models.builder import Builder, to_unit
from models.data import AllocationData
from models.derived import pair_facts

Keys = Callable[[Builder], list]
Values = Callable[[AllocationData, Iterable], dict]


@dataclass(frozen=True)
class MutableParameter:
    """A number held as a mutable Param. `in_objective`: it enters only objective
    costs (else only row bounds); `sets_big_m`: the big-M values of the binary
    rules were derived from it at build time, with headroom (see ModelOptions)."""

    name: str
    doc: str
    keys: Keys  # its index on a model being built
    values: Values  # (data, keys) -> {key: value in model units}
    neutral: Callable[[AllocationData], AllocationData]  # data with these numbers blanked
    in_objective: bool = False
    sets_big_m: bool = False


def _envelopes(data: AllocationData) -> dict:
    return {(e.year, e.source): e for e in data.envelopes}


def _envelope_keys(b: Builder) -> list:
    return list(_envelopes(b.data))


def _blank_envelopes(amount: bool, share: bool):
    def neutral(data: AllocationData) -> AllocationData:
        return dataclasses.replace(data, envelopes=tuple(dataclasses.replace(
            e,
            amount_eur=0.0 if amount else e.amount_eur,
            min_spend_share=0.0 if share else e.min_spend_share,
        ) for e in data.envelopes))
    return neutral


def _blank_values(data: AllocationData) -> AllocationData:
    """Every input of a_ci = p_c × effectiveness_i × fit_ci blanked; fit > 0 is structure."""
    return dataclasses.replace(
        data,
        criteria=tuple(dataclasses.replace(k, weight=0.0) for k in data.criteria),
        countries=tuple(dataclasses.replace(c, scores={}) for c in data.countries),
        instruments=tuple(dataclasses.replace(i, effectiveness=1.0) for i in data.instruments),
        fits=tuple(dataclasses.replace(f, fit=float(f.fit > 0)) for f in data.fits),
    )


def _limit_keys(side: str) -> Keys:
    def keys(b: Builder) -> list:
        return [key for key, instance in b.limit_instances.items()
                if getattr(instance.limit, side) is not None]
    return keys


def _limit_values(side: str) -> Values:
    def values(data: AllocationData, keys: Iterable) -> dict:
        return {key: to_unit(getattr(data.limits[key[0]], side)) for key in keys}
    return values


def _blank_limits(side: str):
    """A bound's presence is structure (it decides whether a row exists); its amount is not."""
    def neutral(data: AllocationData) -> AllocationData:
        return dataclasses.replace(data, limits=tuple(dataclasses.replace(
            lim, **{side: None if getattr(lim, side) is None else 0.0}) for lim in data.limits))
    return neutral


MUTABLE_PARAMETERS: tuple[MutableParameter, ...] = (
    MutableParameter(
        "envelope_eur", "Envelope per year and source (EUR M): Envelopes.amount_eur",
        _envelope_keys,
        lambda data, keys: {k: to_unit(_envelopes(data)[k].amount_eur) for k in keys},
        _blank_envelopes(amount=True, share=False),
        sets_big_m=True,
    ),
    MutableParameter(
        "min_spend_share", "Least share of the envelope to spend: Envelopes.min_spend_share",
        _envelope_keys,
        lambda data, keys: {k: _envelopes(data)[k].min_spend_share for k in keys},
        _blank_envelopes(amount=False, share=True),
    ),
    MutableParameter(
        "value_per_eur", "a_ci = p_c × effectiveness_i × fit_ci (Criteria, Countries, "
        "Instruments, Fit)",
        lambda b: list(b.ix.pairs),
        lambda data, keys: _pair_values(pair_facts(data), keys),
        _blank_values,
        in_objective=True,
    ),
    MutableParameter(
        "limit_min_eur", "Limits.min_eur (EUR M)", _limit_keys("min_eur"),
        _limit_values("min_eur"), _blank_limits("min_eur"),
    ),
    MutableParameter(
        "limit_max_eur", "Limits.max_eur (EUR M)", _limit_keys("max_eur"),
        _limit_values("max_eur"), _blank_limits("max_eur"),
    ),
)
BY_NAME: dict[str, MutableParameter] = {p.name: p for p in MUTABLE_PARAMETERS}


def _pair_values(facts: Mapping, keys: Iterable) -> dict:
    return {pair: facts[pair].value_per_eur for pair in keys}


def structure(data: AllocationData) -> AllocationData:
    """`data` with every declared number blanked: two data sets with equal structure
    differ only in numbers a re-solve can change on the built model."""
    for parameter in MUTABLE_PARAMETERS:
        data = parameter.neutral(data)
    return data
