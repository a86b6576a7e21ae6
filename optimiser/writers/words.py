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
