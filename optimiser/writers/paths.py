"""Where outputs go, and which output paths are refused (SPEC §3).

The input workbook is never overwritten: an output that is the input (also
through a link) is a usage error, and `--in-place` keeps a backup first.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
from datetime import datetime
from pathlib import Path

from optimiser.errors import ErrorText, OutputError, OutputRefused

MACRO_SUFFIX = ".xlsm"  # here, not in report: paths are checked before the heavy imports

OUTPUT_DIR = "outputs"


def default_output_path(input_path: Path) -> Path:
    """outputs/<input name>-allocation.xlsx under the current directory (.xlsm kept)."""
    suffix = MACRO_SUFFIX if input_path.suffix.lower() == MACRO_SUFFIX else ".xlsx"
    return Path.cwd() / OUTPUT_DIR / f"{input_path.stem}-allocation{suffix}"


def diagnostics_path(input_path: Path, output_path: Path | None = None) -> Path:
    """<output folder>/<input name>-infeasible.xlsx (default folder: outputs/)."""
    folder = output_path.parent if output_path is not None else Path.cwd() / OUTPUT_DIR
    return folder / f"{input_path.stem}-infeasible.xlsx"


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    return a.exists() and b.exists() and os.path.samefile(a, b)  # links, case-blind disks


def check_output_path(input_path: Path, output_path: Path) -> None:
    """Refuse outputs that would overwrite the input or drop its macros (a usage error)."""
    if _same_file(output_path, input_path):
        raise OutputRefused(ErrorText("out_is_input", path=output_path))
    macros = input_path.suffix.lower() == MACRO_SUFFIX
    if macros and output_path.suffix.lower() != MACRO_SUFFIX:
        raise OutputRefused(ErrorText("out_macros", input=input_path.name,
                                      output=output_path.name))
    if output_path.suffix.lower() not in (".xlsx", MACRO_SUFFIX):
        raise OutputRefused(ErrorText("out_not_xlsx", name=output_path.name))


def check_new_workbook_path(input_path: Path, output_path: Path,
                            what: str = "diagnostics workbook") -> None:
    """A new .xlsx output (diagnostics, scenarios, sensitivity) is never the input."""
    if _same_file(output_path, input_path):
        raise OutputRefused(ErrorText("new_is_input", word=what, path=output_path))
    if output_path.suffix.lower() != ".xlsx":
        raise OutputRefused(ErrorText("new_not_xlsx", word=what, name=output_path.name))


def keep_backup(input_path: Path, now: datetime, sha256: str | None) -> Path:
    """Copy the input beside itself as <name>.backup-<time>[-n]<suffix>; return the copy.

    The copy holds exactly the bytes that were read and solved: if the file
    changed since, nothing is written, as the result would not match it. An
    earlier backup of the same second is never overwritten (it may be the
    only copy of the original).
    """
    data = input_path.read_bytes()
    if sha256 and hashlib.sha256(data).hexdigest() != sha256:
        raise OutputError(ErrorText("in_changed", name=input_path.name))
    stamp = now.strftime("%Y%m%d-%H%M%S")
    names = (f"{input_path.stem}.backup-{stamp}{f'-{n}' if n > 1 else ''}{input_path.suffix}"
             for n in itertools.count(1))
    for name in names:
        path = input_path.with_name(name)
        try:
            if _write_new(path, data):
                break
        except OSError as error:
            raise OutputError(ErrorText("no_backup", name=input_path.name,
                                        reason=error.strerror)) from error
    shutil.copystat(input_path, path)
    return path


def _write_new(path: Path, data: bytes) -> bool:
    """Write `data` to a new file; False if `path` exists (it is never replaced)."""
    try:
        with open(path, "xb") as handle:  # exclusive creation
            handle.write(data)
    except FileExistsError:
        return False
    except OSError:
        path.unlink(missing_ok=True)  # no half-written backup left behind
        raise
    return True


