"""`allocate run` and `explain` as a process leave their model to the operating system
(issue 13).

The run's few million model objects are neither scanned nor freed by Python's
cyclic garbage collector (size L: about 1 s of a 24 s run); a test or
notebook that calls the command in-process keeps its collector. Checked on the
collector's state at the very end of a fresh interpreter, not on time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.workbooks import minimal_sheets, write_workbook

PROBE = """
import atexit, gc, json, sys
book, out, how, command = sys.argv[1:]
args = [command, book, "-o", out] + (["-q"] if command == "run" else [])
# registered before the command's own handler, so it runs after it (last in, first out)
atexit.register(lambda: print(json.dumps(
    {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()})))
if how == "process":
    from optimiser.cli.main import entry
    sys.argv = ["allocate", *args]
    try:
        entry()
    except SystemExit as done:
        assert done.code in (0, None), done.code
else:
    from click.testing import CliRunner
    from optimiser.cli.main import main
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
"""


def _collector_at_exit(tmp_path: Path, how: str, command: str = "run") -> dict:
    book = write_workbook(tmp_path / "book.xlsx", minimal_sheets())
    out = tmp_path / "out.xlsx"
    done = subprocess.run([sys.executable, "-c", PROBE, str(book), str(out), how, command],
                          capture_output=True, text=True, check=True)
    assert out.exists() == (command == "run")  # explain writes nothing for a feasible book
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("command", ["run", "explain"])
def test_the_command_leaves_its_objects_to_the_operating_system(tmp_path: Path, command: str):
    state = _collector_at_exit(tmp_path, "process", command)
    assert state["enabled"] is False  # no collection during the run ...
    assert state["frozen"] > 100_000  # ... nor at exit: everything left is frozen


def test_a_run_called_in_process_keeps_the_collector(tmp_path: Path):
    assert _collector_at_exit(tmp_path, "in-process") == {"enabled": True, "frozen": 0}
