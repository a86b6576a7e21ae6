"""`allocate scenarios` and `allocate sensitivity`: thin shells over `optimiser.whatif.commands`.

Both show a progress bar on stderr while the batch runs (hidden with
--quiet), stop cleanly on Ctrl-C without writing anything (exit 130; SIGTERM
alike, exit 143) and say how many points were done, and exit 0 once the
batch ran, even when some scenarios or points are invalid, infeasible or
failed: those are reported in the workbook. An invalid base workbook exits
3, an infeasible base case 4, a command-line mistake 2; an output that could
not be written at the end exits 1 and says where the results went instead.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from pathlib import Path

import click

from optimiser.cli.common import asked_lang, guarded, progress
from optimiser.writers.words import localise, say, term

SECTIONS = ("curve", "tornado", "ranging", "montecarlo")
DEFAULT_SCALES = "0.5:1.5:11"


class BatchBar:
    """A click progress bar on stderr, made when the batch says how long it is."""

    def __init__(self, quiet: bool, label: str):
        self.quiet, self.label = quiet, label
        self.bar = None
        self.shown = 0
        self.done, self.total = 0, None  # also when quiet: for the message on Ctrl-C

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self.quiet or self.shown >= total:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr,
                                         show_pos=True, show_eta=True)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done
        if done >= total:
            self.close()  # ends the line, so what is printed next starts afresh

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def batch_options(command):
    """--workers, --dask-scheduler and --quiet, shared by both commands."""
    command = click.option("-q", "--quiet", is_flag=True,
                           help="No progress, only errors.")(command)
    command = worker_options(command)
    command = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                           help="Output workbook.")(command)
    command = click.option("--lang", type=click.Choice(["en", "nl"]), default=None,
                           help="Language of the workbook and the summary printed "
                                "(overrides Settings lang; default en).")(command)
    return click.argument("input_path", type=click.Path(exists=True, dir_okay=False,
                                                         path_type=Path))(command)


def worker_options(command):
    """--workers and --dask-scheduler (also of `allocate alternatives`)."""
    command = click.option(
        "--dask-scheduler", metavar="ADDRESS",
        help="Send the batch to an existing Dask distributed scheduler "
             "(e.g. tcp://10.0.0.5:8786) instead of local workers.")(command)
    command = click.option(
        "--workers", type=click.IntRange(min=1), default=None,
        help="Most local worker processes (default: the cores available). Small or "
             "quick batches run in this process anyway: see docs/sensitivity.md.")(command)
    return command


def _stage(quiet: bool, lang: str | None):
    return progress(quiet, lang)


def _workers(workers: int | None) -> int:
    from optimiser.whatif.batch import default_workers

    return workers if workers is not None else default_workers()


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill`, a job scheduler's time limit): stopped as Ctrl-C stops."""


@contextlib.contextmanager
def _sigterm_as_ctrl_c():
    """Only the main thread may set signal handlers (CliRunner in a thread may not)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum, _frame):
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(action, bar: BatchBar):
    def closing():
        try:
            with _sigterm_as_ctrl_c():
                return action()
        except KeyboardInterrupt as stop:
            bar.close()
            stopped(stop, bar)
        finally:
            bar.close()  # before any message, so it starts on a fresh line

    return guarded(closing)


def stopped(stop: KeyboardInterrupt, bar: BatchBar) -> None:
    """Say how far the batch got; exit 130 (Ctrl-C) or 143 (SIGTERM). Nothing is written."""
    done = getattr(stop, "points_done", bar.done)
    total = getattr(stop, "points_total", bar.total)
    lang = asked_lang() or "en"
    what = say("cli_what_terminated" if isinstance(stop, Terminated) else "cli_what_interrupted",
               lang)
    click.echo(say("cli_stopped_after", lang, what=what, done=done, total=total) if total
               else say("cli_stopped_before", lang, what=what), err=True)
    sys.exit(143 if isinstance(stop, Terminated) else 130)


@click.command("scenarios")
@batch_options
def scenarios(input_path, output, workers, dask_scheduler, quiet, lang):
    """Solve the base and every scenario of the Scenarios sheet; compare them.

    Writes outputs/<input name>-scenarios.xlsx (or -o): a summary per scenario,
    totals by country and instrument side by side, the input cells each scenario
    changes, and charts. An invalid or infeasible scenario is reported, with its
    explanation, and never stops the others.
    """
    bar = BatchBar(quiet, "Scenarios")

    def action():
        from optimiser.api import scenarios as run

        return run(input_path, output, workers=_workers(workers), scheduler=dask_scheduler,
                   stage=_stage(quiet, lang), progress=bar, lang=lang)

    report = _run(action, bar)
    if not quiet:
        click.echo(scenarios_summary(report))


def scenarios_summary(report) -> str:
    comparison, lang = report.result, report.lang
    lines = [say("scen_count", lang, count=len(comparison.outcomes) - 1,
                 name=report.input_path.name)]
    for row in comparison.summary.itertuples(index=False):
        name = term(row.scenario, lang)
        status = term(row.status, lang)
        lines.append(f"  {name:<40} {status:<12}{_change(row.impact_change_share, lang)}")
        if row.status not in ("optimal", "feasible") and row.message:
            # An infeasible one in full (its rules and the least change), as `explain` prints.
            shown = str(localise(row.message, lang)).splitlines()
            lines += [f"      {line.strip()}"
                      for line in (shown if row.status == "infeasible" else shown[:2])]
    if len(comparison.outcomes) == 1:
        lines.append(say("scen_none", lang))
    lines += _lost_workers(comparison.stats, lang)
    lines += [say("warning", lang, text=localise(warning, lang)) for warning in report.warnings]
    lines.append(say("scen_written", lang, path=report.output_path))
    return "\n".join(lines)


def _change(share, lang: str = "en") -> str:
    if share is None or share != share:  # None or NaN: not solved, or a base impact of 0
        return ""
    return say("scen_change", lang, share=f"{share:+.2%}")


def parse_scales(text: str) -> tuple[float, ...]:
    """`0.5:1.5:11` (from, to, steps) or a comma list `0.8,1,1.2`; factors > 0."""
    try:
        if ":" in text:
            low, high, steps = text.split(":")
            count = int(steps)
            if count < 2:
                raise ValueError
            start, stop = float(low), float(high)
            scales = [start + (stop - start) * k / (count - 1) for k in range(count)]
        else:
            scales = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter("write FROM:TO:STEPS (0.5:1.5:11) or a comma list "
                                 "(0.8,1,1.2)") from None
    if not scales or min(scales) <= 0:
        raise click.BadParameter("scales must be numbers above 0")
    return tuple(sorted({round(s, 6) for s in scales}))


def parse_sections(text: str) -> tuple[str, ...]:
    chosen = [part.strip().casefold() for part in text.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in SECTIONS]
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {', '.join(SECTIONS)} (comma-separated)")
    return tuple(section for section in SECTIONS if section in chosen)


@click.command("sensitivity")
@batch_options
@click.option("--source", metavar="NAME", help="Scale only this source's envelopes on the "
              "envelope curve (default: all sources together).")
@click.option("--scales", default=DEFAULT_SCALES, show_default=True,
              help="Envelope factors: FROM:TO:STEPS or a comma list.")
@click.option("--swing", type=click.FloatRange(0, 1, min_open=True, max_open=True),
              default=0.2, show_default=True, help="Tornado: move each parameter by ± this.")
@click.option("--uncertainty", type=click.FloatRange(0, 1), default=0.1, show_default=True,
              help="Monte Carlo: ± share of a score for countries without an uncertainty.")
@click.option("--draws", type=click.IntRange(min=1), default=200, show_default=True,
              help="Monte Carlo draws.")
@click.option("--seed", type=int, default=0, show_default=True, help="Monte Carlo seed.")
@click.option("--mip-mode", type=click.Choice(["fixed", "full"]), default="fixed",
              show_default=True, help="For a MIP: keep the base's funding decisions fixed "
              "(fast, local) or re-solve the full MIP at each point (slower).")
@click.option("--sections", default=",".join(SECTIONS), show_default=True,
              help="Which analyses to run.")
def sensitivity(input_path, output, workers, dask_scheduler, quiet, source, scales, swing,
                uncertainty, draws, seed, mip_mode, sections, lang):
    """Envelope curve, tornado, shadow prices and ranging, Monte Carlo: one workbook.

    Writes outputs/<input name>-sensitivity.xlsx (or -o), each section a sheet
    and a chart, and an About sheet saying how each number was computed.
    """
    from optimiser.whatif.sensitivity import SensitivityOptions

    options = SensitivityOptions(
        scales=_parsed(parse_scales, scales, "--scales"), source=source, swing=swing,
        uncertainty=uncertainty, draws=draws, seed=seed, mip_mode=mip_mode,
        sections=_parsed(parse_sections, sections, "--sections"))
    bar = BatchBar(quiet, "Sensitivity")

    def action():
        from optimiser.api import sensitivity as run

        return run(input_path, output, options=options, workers=_workers(workers),
                   scheduler=dask_scheduler, stage=_stage(quiet, lang), progress=bar, lang=lang)

    report = _run(action, bar)
    if not quiet:
        click.echo(sensitivity_summary(report))


def _parsed(parse, text: str, name: str):
    try:
        return parse(text)
    except click.BadParameter as error:
        raise click.BadParameter(error.message, param_hint=name) from None


def sensitivity_summary(report) -> str:
    result, lang = report.result, report.lang
    lines = [say("sens_head", lang, name=report.input_path.name,
                 impact=f"{result.base.impact:,.0f}", points=result.stats.points,
                 seconds=f"{result.stats.seconds:.1f}")]
    lines += [f"  {count:>5} x {term(method, lang)}" for method, count in result.methods.items()]
    if result.is_mip and result.options.mip_mode == "fixed":
        lines.append(say("sens_held", lang))
    unsolved = _unsolved(result)
    if unsolved:
        lines.append(say("sens_unsolved", lang, count=unsolved))
    lines += _lost_workers(result.stats, lang)
    lines += [say("note", lang, text=localise(note, lang)) for note in result.notes]
    lines += [say("warning", lang, text=localise(warning, lang)) for warning in report.warnings]
    lines.append(say("sens_written", lang, path=report.output_path))
    return "\n".join(lines)


def _lost_workers(stats, lang: str = "en") -> list[str]:
    if not stats.workers_lost:
        return []
    return [say("lost_workers", lang, count=stats.workers_lost)]


def _unsolved(result) -> int:
    count = 0
    for table, column in ((result.curve, "status"), (result.mc_draws, "status")):
        if table is not None:
            count += int((~table[column].isin(["optimal", "feasible"])).sum())
    if result.tornado is not None:
        for side in ("low_status", "high_status"):
            count += int((~result.tornado[side].isin(["optimal", "feasible"])).sum())
    return count
