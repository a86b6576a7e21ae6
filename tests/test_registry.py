"""One record per constraint rule (models.registry): complete, and the only list there is."""

from __future__ import annotations

import dataclasses
import inspect

import pyomo.environ as pyo
import pytest

from models import constraints, objective, rules
from models.build import build_model
from models.labels import RuleKey
from models.registry import BY_KEY, RULES, Role, Rule, constraint_blocks
from optimiser.readers.validate import read_workbook
from optimiser.writers.template import example_path


@pytest.fixture(scope="module")
def example_model():
    """The example with every rule switched on: max_countries, no_restart, an
    instrument with min_years 3 and one without a minimum programme."""
    data = read_workbook(example_path()).data
    settings = dataclasses.replace(data.settings, max_countries=len(data.countries) - 1,
                                   no_restart=True)
    first, second, *rest = data.instruments
    instruments = (dataclasses.replace(first, min_years=3),
                   dataclasses.replace(second, min_programme_eur=0.0), *rest)
    return build_model(dataclasses.replace(data, settings=settings, instruments=instruments))


def test_every_rule_key_has_exactly_one_record():
    assert [rule.key for rule in RULES] == list(dict.fromkeys(rule.key for rule in RULES))
    assert set(BY_KEY) == set(RuleKey)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.key)
def test_every_record_has_every_field(rule: Rule):
    for field in dataclasses.fields(Rule):
        value = getattr(rule, field.name)
        if field.name not in ("lower_words", "raise_words"):
            assert value, f"{rule.key}: {field.name} is empty"
    assert inspect.getdoc(rule.block), f"{rule.key}: its block has no docstring (docs/model.md)"
    if rule.role is not Role.RULE:
        assert not any(rule.relaxable), f"{rule.key}: only user rules are eased"


def _blocks_defined_in(module) -> set:
    return {function for name, function in inspect.getmembers(module, inspect.isfunction)
            if name.startswith("add_") and function.__module__ == module.__name__}


def test_every_constraint_block_has_a_record():
    """Writing an add_<block> and forgetting its record fails here."""
    recorded = {rule.block for rule in RULES}
    for module in (constraints, rules):
        missing = _blocks_defined_in(module) - recorded
        assert not missing, f"blocks without a record in models.registry: {missing}"
    assert objective.add_tiebreak in recorded


def test_build_order_is_the_registry_order():
    blocks = constraint_blocks()
    assert blocks[0] is constraints.add_country_totals  # the others use T[y,c]
    assert len(blocks) == len(set(blocks))
    assert objective.add_tiebreak not in blocks  # the second stage comes after the objective


def test_every_component_and_label_of_a_built_model_has_its_record(example_model):
    model, labels = example_model.model, example_model.labels
    owner = {name: rule for rule in RULES for name in rule.components}
    built = [c.name for c in model.component_objects(pyo.Constraint)]
    assert set(built) <= set(owner), f"components without a record: {set(built) - set(owner)}"
    for component in model.component_objects(pyo.Constraint):
        for row in component.values():
            rule = labels[row].rule
            assert isinstance(rule, RuleKey)
            assert component.name in BY_KEY[rule].components, (component.name, rule)


def test_the_example_exercises_every_record(example_model):
    """Keeps the test above meaningful: every record's rows appear on the example."""
    model = example_model.model
    built = {c.name for c in model.component_objects(pyo.Constraint) if len(c)}
    for rule in RULES:
        assert set(rule.components) & built, f"{rule.key} has no rows on the example"
