"""`allocate alternatives`: a thin shell over `optimiser.api.alternatives` (SPEC §5.2).

Progress lines go to stderr (hidden with --quiet), with a bar counting the
steered alternatives, which run as a batch like the points of `allocate
scenarios` (--workers, --dask-scheduler); the comparison, one line per
allocation, to stdout. Exit statuses as for `allocate run`; Ctrl-C (130) and
SIGTERM (143) stop it as they stop `allocate scenarios`, writing nothing.
"""

from __future__ import annotations

from pathlib import Path

import click

from optimiser.cli.common import progress
from optimiser.cli.whatif import BatchBar, _lost_workers, _run, _workers, worker_options
from optimiser.writers.words import localise, say


@click.command("alternatives")
@click.argument("input_path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output workbook (default: outputs/<input name>-alternatives.xlsx).")
@click.option("--within", type=click.FloatRange(0, 1, max_open=True), default=0.02,
              show_default=True, help="Share of the best impact an alternative may give up.")
@click.option("--count", type=click.IntRange(min=0), default=4, show_default=True,
              help="Alternatives that spread money differently (on top of any --favour "
                   "and --avoid).")
@click.option("--favour", multiple=True, metavar="KIND=NAME",
              help="One more alternative with as much money as possible for this country, "
                   "instrument or theme, e.g. --favour country=Libya. Repeatable.")
@click.option("--avoid", multiple=True, metavar="KIND=NAME",
              help="One more alternative with as little money as possible for this country, "
                   "instrument or theme, e.g. --avoid instrument=\"Border management\".")
@worker_options
@click.option("--lang", type=click.Choice(["en", "nl"]), default=None,
              help="Language of the workbook and the summary printed (overrides Settings "
                   "lang; default en).")
@click.option("-q", "--quiet", is_flag=True, help="No progress, only errors.")
def alternatives(input_path, output, within, count, favour, avoid, workers, dask_scheduler,
                 lang, quiet):
    """Allocations nearly as good as the best that spread money differently.

    Solves the best allocation, then finds up to COUNT allocations that reach at
    least (1 - WITHIN) x its impact, meet every rule, and differ as much as
    possible from the best and from each other in money per country and
    instrument. Writes outputs/<input name>-alternatives.xlsx (or -o): a
    comparison in plain words, money per country and instrument side by side,
    charts, and each one's own sheet 'Allocation A1', ... . Default input: the
    shipped example. The --favour and --avoid alternatives are independent of
    each other and may run in parallel (--workers, --dask-scheduler); the
    others are found one after another. See docs/alternatives.md.
    """
    if input_path is not None and not input_path.exists():
        raise click.UsageError(f"No such workbook: {input_path}")
    bar = BatchBar(quiet, "Steered alternatives")

    def action():
        from optimiser.api import alternatives as find

        return find(input_path, output, within=within, count=count, favour=favour,
                    avoid=avoid, workers=_workers(workers), scheduler=dask_scheduler,
                    stage=progress(quiet, lang), progress=bar, lang=lang)

    report = _run(action, bar)
    if not quiet:
        click.echo(alternatives_summary(report))


def alternatives_summary(report) -> str:
    from optimiser.whatif.alternatives_report import comparison_table

    result, lang = report.result, report.lang
    lines = [say("alt_count", lang, count=len(result.alternatives),
                 name=report.input_path.name, within=f"{result.within:.1%}")]
    for row in comparison_table(result, lang).itertuples(index=False):
        lines.append(say("alt_row", lang, name=row.allocation, index=row.impact_index,
                         words=row.in_words))
    lines += _lost_workers(result.stats, lang)
    lines += [say("note", lang, text=localise(note, lang)) for note in result.notes]
    lines += [say("warning", lang, text=warning) for warning in report.warnings]
    lines.append(say("alt_written", lang, path=report.output_path))
    return "\n".join(lines)
