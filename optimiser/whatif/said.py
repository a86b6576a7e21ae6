"""Texts the what-if stage makes for readers (an alternative's aim and notes, why a point
has no allocation): in English, each a `Said` that keeps its catalogue key and values, so a
writer says it in the workbook's language (`optimiser.writers.words.localise`).

The results stage's `Said` takes its English from its own templates; these take theirs
from the catalogue (`words_alternatives.py`), which the what-if stage may read.
"""

from __future__ import annotations

from optimiser.results.texts import Said
from optimiser.writers.words import say


class Told(Said):
    """A `Said` whose English text is the catalogue's `key` filled in with `values`."""

    def __new__(cls, key: str, **values: object) -> Told:
        told = str.__new__(cls, say(key, "en", **values))
        told.key, told.values = key, values
        return told


def joined(parts: list | None) -> str:
    """Texts (a tornado point's two sides) as one, each still said in any language; "" for
    none."""
    if not isinstance(parts, list) or not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return Told("point_sides", first=parts[0], second=joined(parts[1:]))

