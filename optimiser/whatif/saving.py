"""Keep a batch's results when its workbook cannot be written where asked.

An hour of Monte Carlo is never thrown away because the output was open in
Excel, its folder was read-only or its disk full at the end: the workbook is
written beside it as <name>-1.xlsx (-2, … when taken), else in outputs/ under
the current directory, else in the temporary folder, and the error says
where. An existing file is never replaced by a fallback.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from optimiser.errors import ErrorText, OutputError

FALLBACK_NAMES = 9  # <name>-1 … <name>-9 in each folder


class SavedElsewhere(OutputError):
    """The workbook could not be written where asked; the results were written to
    `path` instead (exit 1, so a script never reads a stale file at the asked path)."""

    def __init__(self, reason: OutputError, requested: Path, path: Path, report=None):
        self.requested, self.path, self.report = requested, path, report
        super().__init__(ErrorText("saved_elsewhere", reason=reason.args[0], path=path))


def fallback_paths(target: Path) -> Iterator[Path]:
    """Where else to write `target`, in order: beside it, outputs/, the temporary folder."""
    folders = dict.fromkeys((target.parent.absolute(), Path.cwd() / "outputs",
                             Path(tempfile.gettempdir())))
    for folder in folders:
        for n in range(1, FALLBACK_NAMES + 1):
            candidate = folder / f"{target.stem}-{n}{target.suffix}"
            if not candidate.exists():
                yield candidate


def save_keeping_results(write: Callable[[Path], None], target: Path
                         ) -> tuple[Path, OutputError | None]:
    """`write(target)`, or else `write` to the first fallback that works.

    Returns where it went and why `target` failed (None if it did not). Raises
    the first error if no place at all could be written.
    """
    try:
        write(target)
        return target, None
    except OutputError as error:
        reason = error
    for candidate in fallback_paths(target):
        try:
            write(candidate)
        except OutputError:
            continue
        return candidate, reason
    raise reason
