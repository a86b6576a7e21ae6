"""Typed errors of the library, each mapped to an exit status of SPEC §3.

The CLI turns these into messages and exit codes; library callers catch them.
"""

from __future__ import annotations

from dataclasses import dataclass


class ExitCode:
    OK = 0
    UNEXPECTED = 1
    USAGE = 2
    INVALID = 3
    INFEASIBLE = 4
    NO_SOLUTION = 5


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a workbook, located as precisely as possible.

    `cell` is an A1 reference on `sheet` ("C4"), or None where the problem
    concerns a whole sheet or column. `value` is what was found (None if the
    cell was empty or the problem is not about one value). `message` is English; the
    readers' messages keep their template key and values (`optimiser.readers.texts.Told`)
    so that another language can say them.
    """

    sheet: str | None
    cell: str | None
    value: object
    message: str

    @property
    def where(self) -> str:
        if self.sheet is None:
            return "workbook"
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def __str__(self) -> str:
        found = "" if self.value is None else f" (found {self.value!r})"
        return f"{self.where}: {self.message}{found}"


class AllocateError(Exception):
    """Base class of every error the tool reports to a user."""

    exit_code = ExitCode.UNEXPECTED


class WorkbookInvalid(AllocateError):
    """The workbook breaks the contract; every problem found is listed."""

    exit_code = ExitCode.INVALID

    def __init__(self, problems: list[Problem], source: str = "workbook", lang: str = "en"):
        self.problems = list(problems)
        self.source = source
        # The language the terminal says it in (optimiser.writers.problems): the Settings'
        # lang where they could be read; a command's --lang overrides it. The str is English.
        self.lang = lang
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{source} is not valid: {count} {noun} found"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class InfeasibleError(AllocateError):
    """The rules contradict each other: no allocation satisfies all of them."""

    exit_code = ExitCode.INFEASIBLE

    def __init__(self, message: str, conflicts: tuple = (), diagnosis=None):
        self.conflicts = tuple(conflicts)
        self.diagnosis = diagnosis  # optimiser.solve.explain.Diagnosis, when one was made
        self.diagnostics_path = None  # where the diagnostics workbook was written
        self.lang = "en"  # the language the diagnostics workbook was written in
        super().__init__(message)


class NoSolutionError(AllocateError):
    """The solver stopped (time limit, numerical trouble) without an allocation."""

    exit_code = ExitCode.NO_SOLUTION


class UsageError(AllocateError):
    """An option that does not fit the workbook (found once the workbook is read)."""

    exit_code = ExitCode.USAGE


class OutputError(AllocateError):
    """An output file could not be written (locked, unwritable, no space)."""

    exit_code = ExitCode.UNEXPECTED


class OutputRefused(AllocateError):
    """The output path asked for is refused before any work: a usage error (exit 2).

    It is the input workbook, or its type would drop the input's macros.
    """

    exit_code = ExitCode.USAGE
