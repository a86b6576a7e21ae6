"""What every command shares: errors to messages and exit codes, progress lines.

No Python traceback reaches a user: a library error prints its message and
exits with its code (SPEC §3), anything else writes a log and exits 1.
"""

from __future__ import annotations

import atexit
import gc
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

import click

from optimiser.errors import AllocateError, ExitCode, InfeasibleError, WorkbookInvalid


def fail(error: AllocateError) -> None:
    if isinstance(error, InfeasibleError):
        from optimiser.writers.diagnostics import explanation_text

        click.echo(explanation_text(error), err=True)
    elif isinstance(error, WorkbookInvalid):
        from optimiser.writers.problems import invalid_text

        click.echo(invalid_text(error, asked_lang()), err=True)
    else:
        said = error.args[0] if len(error.args) == 1 else str(error)
        click.echo(_localise(said, error), err=True)
    for note in getattr(error, "__notes__", ()):  # e.g. an earlier output left as it was
        click.echo(_localise(note, error), err=True)
    sys.exit(error.exit_code)


def _localise(text: object, error: AllocateError) -> str:
    """`text` in the command's --lang, else in the language the error carries (the
    workbook's Settings lang, where it was read), else English."""
    from optimiser.writers.words import localise

    return str(localise(text, asked_lang() or getattr(error, "lang", "en")))


def _said(key: str, **values: object) -> str:
    from optimiser.writers.words import say

    return say(key, asked_lang() or "en", **values)


def asked_lang() -> str | None:
    """The command's --lang, if it was given: it wins over the workbook's Settings lang."""
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.params.get("lang"):
            return ctx.params["lang"]
        ctx = ctx.parent
    return None


def unexpected(error: BaseException) -> None:
    log = _write_log(error)
    click.echo(_said("cli_unexpected", error=f"{type(error).__name__}: {error}"), err=True)
    click.echo(_said("cli_log", log=log), err=True)
    sys.exit(ExitCode.UNEXPECTED)


def _write_log(error: BaseException) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    text = "".join(traceback.format_exception(error))
    for folder in (Path.cwd() / "outputs", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"allocate-error-{stamp}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return Path("(no writable folder for the log)")


_PROCESS = {"own": False}  # set by `entry`: this process is the `allocate` command


def own_process() -> None:
    """Mark this process as the `allocate` command itself (not a test or a notebook that
    calls the commands in-process)."""
    _PROCESS["own"] = True


def one_model_process() -> None:
    """For a command that builds one model and then ends the process (`run`, `explain`):
    Python's cyclic garbage collector stays off until the end, and the objects still
    alive then are left to the operating system. The model's millions of objects would
    otherwise be scanned and freed one by one, once after the solve and again at exit
    (size L: about 1 s of a 24 s run), while the process is about to return all its
    memory at once. Only in the command's own process: in-process callers keep their
    collector."""
    if _PROCESS["own"]:
        gc.disable()
        atexit.register(gc.freeze)  # runs before the interpreter's last collection


def guarded(action):
    """Run `action`, turning library errors into messages and exit codes."""
    try:
        return action()
    except AllocateError as error:
        fail(error)
    except KeyboardInterrupt:
        click.echo(_said("cli_interrupted"), err=True)
        sys.exit(130)
    except Exception as error:
        unexpected(error)


def progress(quiet: bool, lang: str | None = None):
    return (lambda _message: None) if quiet else Steps(lang)


class Steps:
    """Prints a run's progress on stderr in its language: `lang` (from --lang), or else
    the workbook's Settings lang, which the run says once it has read them
    (`optimiser.solve.steps.speak`); English until then."""

    def __init__(self, lang: str | None):
        self.lang = lang

    def __call__(self, message: object) -> None:
        from optimiser.writers.words import localise

        click.echo(f"{localise(message, self.lang or 'en')} ...", err=True)
