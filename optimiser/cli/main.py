"""The `allocate` command: a thin shell over `optimiser.api`.

It parses arguments, calls one library function, prints, and maps errors to
the exit codes of SPEC §3. `allocate BOOK.xlsx` is short for `allocate run BOOK.xlsx`.
"""

from __future__ import annotations

from pathlib import Path

import click

from optimiser.cli.alternatives import alternatives
from optimiser.cli.common import fail, guarded, one_model_process, own_process, progress, unexpected
from optimiser.cli.template import template
from optimiser.cli.whatif import scenarios, sensitivity
from optimiser.errors import AllocateError

WORKBOOK_HELP = """\
Split budget envelopes across countries and instruments, optimally, under rules.

\b
Typical use:
  allocate BOOK.xlsx            solve; result in outputs/BOOK-allocation.xlsx
  allocate validate BOOK.xlsx   check the workbook only
  allocate run                  solve the shipped example
  allocate template BOOK.xlsx   an empty, documented workbook to fill in
  allocate scenarios BOOK.xlsx  compare the what-ifs of the Scenarios sheet
  allocate sensitivity BOOK.xlsx  envelope curve, tornado, shadow prices, Monte Carlo
  allocate alternatives BOOK.xlsx  options nearly as good that spread money otherwise

\b
The workbook (header in row 1; names match case-insensitively):
  Criteria      criterion, weight        priority = sum of weight x score
  Countries     country, dac_eligible, [absorption_eur], [human_rights_risk],
                one score column per criterion
  Instruments   instrument, theme, oda_share, [effectiveness], [min_programme_eur],
                [min_years]
  Sources       source, oda, [chapter]
  Envelopes     year, source, amount_eur, [min_spend_share]   (the years = horizon)
  Optional: Settings (key, value), Fit, Returns, Commitments, Baseline, Limits,
  Scenarios. Unknown sheets and columns are kept as notes.

\b
Exit status: 0 solved, 2 usage error, 3 invalid workbook (every problem listed
with sheet, cell and value), 4 infeasible rules (the conflicts are named),
5 no allocation within the time limit.
Full reference: docs/workbook.md.
"""


class DefaultRunGroup(click.Group):
    """A group where an unknown first argument (a workbook path) means `run`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["run", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        """Guard every command, also past its own `guarded` call (printing, say): no
        Python traceback reaches a user."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort,
                SystemExit, KeyboardInterrupt):
            raise
        except AllocateError as error:
            fail(error)
        except Exception as error:
            unexpected(error)


@click.group(cls=DefaultRunGroup, help=WORKBOOK_HELP,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 88})
@click.version_option(package_name="allocate", prog_name="allocate")
def main() -> None:
    pass


@main.command()
@click.argument("input_path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Result workbook (default: outputs/<input name>-allocation.xlsx).")
@click.option("--in-place", is_flag=True,
              help="Write the result sheets into the input workbook (a timestamped backup "
                   "is kept beside it).")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True),
              help="Solver time limit in seconds (overrides Settings time_limit_s).")
@click.option("--mip-gap", type=click.FloatRange(min=0),
              help="Relative MIP gap (overrides Settings mip_gap).")
@click.option("--matrix-year", type=int, help="Year of the country x instrument matrix "
              "sheet (default: the year with the largest envelope).")
@click.option("--export-model", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the model the solver is given to this .mps or .lp file "
                   "(to check it with another solver).")
@click.option("--mip-solver", type=click.Choice(["highs", "scip"], case_sensitive=False),
              help="Solver for the yes/no funding decisions (overrides Settings mip_solver); "
                   "scip needs pip install 'allocate[scip]'.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@click.option("-v", "--verbose", is_flag=True, help="Also print the seconds of each phase.")
@click.option("--lang", type=click.Choice(["en", "nl"]), default=None,
              help="Language of the result workbook and the summary printed (overrides "
                   "Settings lang; default en).")
def run(input_path, output, in_place, time_limit, mip_gap, matrix_year, export_model,
        mip_solver, quiet, as_json, verbose, lang):
    """Solve the workbook and write the result workbook (default: the shipped example)."""
    if in_place and output is not None:
        raise click.UsageError("--in-place and -o exclude each other.")
    if input_path is not None and not input_path.exists():
        raise click.UsageError(f"No such workbook: {input_path}")

    def action():
        from optimiser.api import run as run_workbook

        return run_workbook(input_path, output, time_limit_s=time_limit, mip_gap=mip_gap,
                            in_place=in_place, progress=progress(quiet or as_json, lang),
                            matrix_year=matrix_year, export_model=export_model,
                            mip_solver=mip_solver and mip_solver.lower(), lang=lang)

    one_model_process()
    report = guarded(action)
    from optimiser.writers.terminal import run_json, run_summary

    if as_json:
        click.echo(run_json(report))
    elif not quiet:
        click.echo(run_summary(report, verbose=verbose,
                               lang=lang or report.result.data.settings.lang))


@main.command()
@click.argument("input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["en", "nl"]), default=None,
              help="Language of the problems, warnings and notes printed (overrides Settings "
                   "lang; default en).")
def validate(input_path, lang):
    """Check a workbook against the contract; list every problem (exit 3) or say it is valid."""

    def action():
        from optimiser.api import validate as read_workbook

        return read_workbook(input_path)

    workbook = guarded(action)
    from optimiser.writers.problems import valid_summary
    from optimiser.writers.words import localise, say

    lang = lang or workbook.data.settings.lang
    click.echo(valid_summary(input_path.name, workbook.data, lang))
    for warning in workbook.warnings:
        click.echo(say("warning", lang, text=localise(warning, lang)))
    for note in workbook.notes:
        click.echo(say("note", lang, text=localise(note, lang)))


@main.command()
@click.argument("input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Diagnostics workbook (default: outputs/<input name>-infeasible.xlsx).")
@click.option("--lang", type=click.Choice(["en", "nl"]), default=None,
              help="Language of the diagnostics workbook and of the answer printed "
                   "(overrides Settings lang; default en).")
def explain(input_path, output, lang):
    """Say why a workbook's rules conflict: the conflicting rules and the least change."""

    def action():
        from optimiser.api import explain as explain_workbook

        return explain_workbook(input_path, output, progress=progress(False, lang), lang=lang)

    one_model_process()
    error = guarded(action)
    if error is None:
        from optimiser.api import validate
        from optimiser.writers.words import say

        chosen = lang or validate(input_path).data.settings.lang
        click.echo(say("feasible_workbook", chosen, name=input_path.name))
        return
    fail(error)


main.add_command(template)
main.add_command(alternatives)
main.add_command(scenarios)
main.add_command(sensitivity)


def entry() -> None:
    """The `allocate` command as a process (its console script and `python -m
    optimiser.cli`): `main`, in a process that ends when the command does."""
    own_process()
    main()


if __name__ == "__main__":
    entry()
