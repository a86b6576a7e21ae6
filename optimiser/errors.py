"""Typed errors of the library, each mapped to an exit status of SPEC §3.

The CLI turns these into messages and exit codes; library callers catch them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from models.phrases import Listed, Phrase

# The messages of the errors below, in English; optimiser/writers/words_errors.py has
# them in Dutch, and the command line prints them in the run's language.
ERROR_TEMPLATES: dict[str, str] = {
    "out_is_input": ("The output {path} is the input workbook; the input is never "
                     "overwritten. Choose another -o path, or use --in-place (keeps a backup)."),
    "out_macros": ("{input} holds macros; they would be lost in {output}. Write to an .xlsm "
                   "file (the default) so they are kept."),
    "out_not_xlsx": "The output must be an .xlsx file, not {name}.",
    "new_is_input": ("The {word} {path} is the input workbook; the input is never "
                     "overwritten. Choose another -o path."),
    "new_not_xlsx": "The {word} must be an .xlsx file, not {name}.",
    "in_changed": ("{name} changed while it was being solved, so the result was not written "
                   "into it. Run again."),
    "no_backup": ("Cannot keep a backup of {name} beside it ({reason}); the input was not "
                  "modified."),
    "in_place_example": ("--in-place needs a workbook path: the shipped example is never "
                         "changed."),
    "write_folder": "Cannot write {path}: it is a folder.",
    "write_open": ("Cannot write {path}: it is open in Excel or LibreOffice ({lock} is beside "
                   "it). Close it and run again; the file is unchanged."),
    "write_read_only": ("Cannot write {path}: the file is read-only. Make it writable or "
                        "choose another output; the file is unchanged."),
    "write_no_folder": "Cannot write to {parent}: {folder} is not a writable folder.",
    "write_parent": "Cannot write to {parent}: {reason}.",
    "write_failed": ("Cannot write {path}: {reason}. If the file is open in Excel, close it "
                     "and run again; any earlier version of the file is unchanged."),
    "export_suffix": "--export-model writes .mps or .lp files, not {name}.",
    "export_failed": "The model could not be written to {path}: {error}",
    "matrix_year_unknown": ("--matrix-year {year} is not a planning year; the Envelopes sheet has "
                    "{shown}."),
    "sheet_clash": ("The input workbook has a sheet of its own called '{name}', the name the "
                    "result sheet must have; rename that sheet and run again."),
    "no_sheet_name": "No free sheet name for the result sheet '{name}'.",
    "alternatives_clash": ("The input workbook has sheets named {names}, the names the "
                           "alternatives workbook writes; rename them (or use the original "
                           "workbook, not an earlier alternatives workbook)."),
    "steer_syntax": ("--{kind} {text}: write country=NAME, instrument=NAME or theme=NAME, "
                     "e.g. --favour country=Libya."),
    "steer_unknown": ("--{kind} {option}: the workbook has no {column} of that name (one of "
                      "{known})."),
    "within": "--within {within}: give a share from 0 up to 1, e.g. 0.02 for 2%.",
    "source_unknown": "--source {name} names no source of the workbook (one of {known}).",
    "dask_missing": "--dask-scheduler needs Dask: pip install 'allocate[dask]' ({error}).",
    "dask_unreachable": "Cannot reach the Dask scheduler at {scheduler}: {error}.",
    "scip_missing": ("The MIP solver is set to scip ({origin}) but SCIP is not installed: run "
                     "{extra}, or choose highs."),
    "no_solution_status": ("No allocation: the solver stopped ({status}) before it found one. "
                           "Check the workbook for extreme amounts, or report this with the "
                           "workbook."),
    "no_solution_time": (
        "No allocation: the solver reached the time limit of {limit} s ({origin}) before it "
        "found any allocation that meets every rule. Allow more time: time_limit_s in the "
        "Settings sheet, or --time-limit SECONDS.{hard}"),
    "note_not_written": "The diagnostics workbook was not written. {failure}",
    "note_earlier_output": ("{target} was left as it was: it is from an earlier run, not a "
                            "result of this one."),
    "saved_elsewhere": "{reason}\nThe results were kept: they were written to {path} instead.",
    # a workbook's problems (WorkbookInvalid, Problem)
    "invalid_head_one": "{source} is not valid: {count} problem found",
    "invalid_head": "{source} is not valid: {count} problems found",
    "invalid_item": "  - {problem}",
    "invalid_problem": "{where}: {message}{found}",
    "invalid_found": " (found {value})",
    "invalid_workbook": "workbook",
    "invalid_where_note": "{where} ({note})",
    "invalid_scenarios_sheet": "the Scenarios sheet of {name}",
    "no_solution_hard": (" Minimum programme sizes and max_countries make the search hard; "
                         "easing them helps too."),
}


class ErrorText(Phrase):
    """An error's message in English, keeping its key and values for another language."""

    templates: ClassVar[dict[str, str]] = ERROR_TEMPLATES


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
        return str(self.place())

    def place(self) -> object:
        """Where it is: "Envelopes!B3", a sheet, or the workbook (kept for a language)."""
        if self.sheet is None:
            return ErrorText("invalid_workbook")
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def said(self) -> ErrorText:
        """The problem as a user reads it, each part kept for the run's language."""
        found = "" if self.value is None else ErrorText("invalid_found", value=repr(self.value))
        return ErrorText("invalid_problem", where=self.place(), message=self.message,
                         found=found)

    def __str__(self) -> str:
        return str(self.said())


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
        super().__init__(str(self.said()))

    def said(self) -> Listed:
        """Every problem under a head line, each part kept for the run's language."""
        count = len(self.problems)
        head = ErrorText("invalid_head_one" if count == 1 else "invalid_head",
                         source=self.source, count=count)
        return Listed([head, *(ErrorText("invalid_item", problem=problem.said())
                               for problem in self.problems)], "newline")


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
