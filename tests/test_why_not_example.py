"""The shipped example through the real command: Why not covers every zero country and
instrument and every unallocated euro, and every portfolio check on the Summary names a
number and a rule (issue 9)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from openpyxl import load_workbook

from tests.checker import assert_valid_result
from tests.cli_helpers import allocate, table

EXAMPLE = Path(__file__).resolve().parents[1] / "inputs" / "example.xlsx"
CHECKS = ("Concentration:", "Stop–go:", "Ends with its commitment:", "Unallocated:",
          "Do-no-harm minimum:")
RULE_WORDS = ("Settings", "Limits", "Commitments", "Instruments", "Envelopes", "min_years",
              "no_restart", "max_share_warning", "min_spend_share", "Why not")


def totals(rows, key):
    out: dict = {}
    for row in rows:
        out[row[key]] = out.get(row[key], 0.0) + row["amount_eur"]
    return out


def test_the_example_explains_every_zero_and_every_left_euro(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "example.xlsx")
    ran = allocate(tmp_path, "run", "example.xlsx", "-o", "out.xlsx", timeout=600)
    assert ran.code == 0, ran.text
    out = tmp_path / "out.xlsx"
    allocation = table(out, "Allocation")
    inputs = load_workbook(EXAMPLE, read_only=True)
    countries = [r[0] for r in inputs["Countries"].iter_rows(min_row=2, values_only=True) if r[0]]
    instruments = [r[0] for r in inputs["Instruments"].iter_rows(min_row=2, values_only=True)
                   if r[0]]
    why = table(out, "Why not")
    named = {(row["what"], row["name"]) for row in why}
    by_country, by_instrument = totals(allocation, "country"), totals(allocation, "instrument")
    assert {c for c in countries if by_country.get(c, 0) < 0.5} == \
        {name for what, name in named if what == "country"}
    assert {i for i in instruments if by_instrument.get(i, 0) < 0.5} == \
        {name for what, name in named if what == "instrument"}
    spent: dict = {}
    for row in allocation:
        key = (row["year"], row["source"])
        spent[key] = spent.get(key, 0.0) + row["amount_eur"]
    envelopes = table(out, "Envelopes")
    left = {(e["year"], e["source"]): e["amount_eur"] - spent.get((e["year"], e["source"]), 0)
            for e in envelopes}
    explained = {(row["year"], row["source"]): row["amount_eur"] for row in why
                 if row["what"] == "unallocated money"}
    assert explained == {key: amount for key, amount in left.items() if amount >= 0.5}
    for row in why:
        assert row["reason"] and row["explanation"] and row["where in the workbook"]
        assert row["smallest change that would alter it"]
    summary = {row["key"]: row["value"] for row in table(out, "Summary") if row["key"]}
    checks = [v for k, v in summary.items() if k.startswith("warning_") and v.startswith(CHECKS)]
    for warning in checks:
        assert re.search(r"\d", warning) and any(w in warning for w in RULE_WORDS), warning
    assert 0 < summary["herfindahl_instruments"] <= 1
    assert "Why not (" in ran.out or not why
    # the example sets no_restart: the independent checker finds no line or country that
    # stops and comes back (nor any other broken rule)
    assert_valid_result(out, input_path=EXAMPLE)
    assert not any(str(v).startswith("Stop–go:") for v in summary.values())
