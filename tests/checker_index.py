"""The checker's part for SPEC v2 §5.3: the Summary's `impact_index`.

Written from SPEC.md alone (no `models`, no `optimiser`):
impact_index = 100 × impact / (E × a_max × m_1), E the sum of all envelope amounts,
a_max the highest a_ci over the pairs (fit_ci > 0), m_1 the multiplier of the first tier
of Returns (the tier that starts at share 0; 1 without the sheet). The impact is the one
the checker recomputed from the Allocation sheet, so a Summary that states a right index
for a wrong impact is caught too.
"""

from __future__ import annotations

from tests.checker_inputs import Inputs
from tests.checker_rules import Violation

INDEX_KEY = "impact_index"


def best_value(inputs: Inputs) -> float:
    """a_max: the highest value of a euro over the pairs (fit > 0); 0 without pairs."""
    return max((inputs.value(c, i) for c in inputs.countries for i in inputs.instruments
                if inputs.fit_of(c, i) > 0), default=0.0)


def index_scale(inputs: Inputs) -> float:
    """E × a_max × m_1 (the tiers are sorted by from_share, so m_1 is the first's)."""
    envelope = sum(e.amount_eur for e in inputs.envelopes.values())
    first = inputs.tiers[0][2] if inputs.tiers else 1.0
    return envelope * best_value(inputs) * first


MISSING = object()  # the Summary has no impact_index row at all


def check_index(stated: object, inputs: Inputs, impact: float, allowance: float,
                relative: float) -> list[Violation]:
    """The Summary's impact_index against 100 × impact / scale (blank when scale <= 0).

    `stated` is MISSING when the Summary has no impact_index row: nothing to check here
    (assert_valid_result, used on the tool's own workbooks, requires the row)."""
    if stated is MISSING:
        return []
    scale = index_scale(inputs)
    if scale <= 0:
        if stated is None:
            return []
        return [Violation("Summary impact_index", "Summary",
                          f"states {stated!r}, but the index is undefined (E × a_max × m_1 "
                          f"= {scale})")]
    if not isinstance(stated, int | float) or isinstance(stated, bool):
        return [Violation("Summary impact_index", "Summary", f"missing or not a number: "
                          f"{stated!r}")]
    expected = 100.0 * impact / scale
    tolerance = 100.0 * allowance / scale + relative * abs(expected)
    if abs(stated - expected) <= tolerance:
        return []
    return [Violation("Summary impact_index", "Summary",
                      f"states {stated:,.6f}, the allocation gives {expected:,.6f}",
                      abs(stated - expected))]
