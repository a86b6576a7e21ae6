"""Start-up: the light commands load none of the heavy libraries (issue 13).

`allocate --help` and `allocate validate` must not import Pyomo, HiGHS,
pandas or scipy (together about 2 s of start-up on the 2-core machines);
`allocate run` must not import scipy (Pyomo then loads all of scipy.stats).
Checked on the modules a fresh interpreter holds, not on time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.workbooks import minimal_sheets, write_workbook

EXAMPLE = Path(__file__).resolve().parents[1] / "inputs" / "example.xlsx"
HEAVY = ("pyomo", "highspy", "pandas", "scipy")

PROBE = """
import json, sys
from click.testing import CliRunner
from optimiser.cli.main import main
result = CliRunner().invoke(main, sys.argv[1:])
loaded = sorted({name.split('.')[0] for name in sys.modules})
print(json.dumps({"exit": result.exit_code, "loaded": loaded}))
"""


def _loaded(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["--help"], ["validate", str(EXAMPLE)], ["run", "--help"]])
def test_light_commands_import_no_solver_stack(args):
    probe = _loaded(*args)
    assert probe["exit"] == 0
    assert not set(HEAVY) & set(probe["loaded"])


def test_run_reports_a_workbook_with_mistakes_before_loading_the_solver(tmp_path: Path):
    sheets = minimal_sheets()
    sheets["Criteria"][1][1] = "heavy"  # a weight that is not a number
    book = write_workbook(tmp_path / "book.xlsx", sheets)
    probe = _loaded("run", str(book), "-o", str(tmp_path / "out.xlsx"))
    assert probe["exit"] == 3
    assert not set(HEAVY) & set(probe["loaded"])


def test_the_run_path_imports_no_scipy():
    code = ("import sys, optimiser.api as api; from optimiser.optimise import optimise; "
            "import optimiser.results.extract, optimiser.writers.report; "
            "print('scipy' in sys.modules, 'pyomo' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False", "True"]
