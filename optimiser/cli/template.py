"""`allocate template PATH`: write an input workbook to start from.

An empty, documented template (every SPEC §1 sheet, a README sheet,
dropdowns, number checks and formats; `optimiser.writers.template.write_template`)
or, with `--example`, a copy of the shipped example. An existing file is
only replaced with `--force`.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from optimiser.cli.common import guarded

TEMPLATE_SUFFIX = ".xlsx"


@click.command("template")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--example", is_flag=True,
              help="Write the shipped (illustrative) example instead of an empty template.")
@click.option("-f", "--force", is_flag=True, help="Replace PATH if it exists.")
@click.option("--lang", type=click.Choice(["en", "nl"]), default="en", show_default=True,
              help="Language of the sheet names, headers and Settings keys (nl: Dutch).")
def template(path: Path, example: bool, force: bool, lang: str) -> None:
    """Write an empty input workbook to fill in (or the shipped example)."""
    if path.suffix.lower() != TEMPLATE_SUFFIX:
        raise click.UsageError(f"The template must be an {TEMPLATE_SUFFIX} file, not {path.name}.")
    if example and lang != "en":
        raise click.UsageError("The example is in English; --lang nl writes the empty template.")
    if path.exists() and not force:
        raise click.UsageError(f"{path} exists; it is left as it is. Use --force to replace it.")

    def action() -> Path:
        from optimiser.writers.template import write_example, write_template

        return write_example(path) if example else write_template(path, lang=lang)

    written = guarded(action)
    quoted = shlex.quote(str(written))
    from optimiser.writers.words import say

    if example:
        click.echo(say("cli_example_written", lang, path=written))
        click.echo(say("cli_example_next", lang, path=quoted))
    else:
        click.echo(say("cli_template_written", lang, path=written))
        click.echo(say("cli_template_next", lang, path=quoted))
