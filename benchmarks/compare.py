"""Compare the allocations of two checkouts of the tool on the same workbooks.

    python benchmarks/compare.py --base /tmp/base inputs/example.xlsx benchmarks/workbooks/S.xlsx

For each workbook, each checkout (`--base` and this one, or `--other`) solves
it in a fresh process (`optimiser.optimise.optimise`, no files written) and
hands back its Allocation table (whole euros) and impact. The script prints,
per workbook, whether the two allocations are the same cell for cell and, if
not, how many cells differ and by how much. A check for speed work that must
not change what users see; not a test (it needs two checkouts).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, sys
from optimiser.readers.validate import read_workbook
from optimiser.optimise import optimise
from optimiser.solve.solver import SolveOptions
data = read_workbook(sys.argv[1]).data
# A loaded machine must not stop an LP at the default time limit of 60 s.
result = optimise(data, SolveOptions.from_settings(data.settings, time_limit_s=3600))
cells = {"|".join(map(str, row[:5])): row[6] for row in result.allocation.itertuples(index=False)}
print(json.dumps({"impact": result.impact, "cells": cells}))
"""


def allocation(tree: Path, workbook: Path) -> dict:
    """The allocation of `workbook` as the checkout at `tree` computes it."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(workbook.resolve())], cwd=tree,
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def differences(one: dict, two: dict) -> dict:
    keys = set(one["cells"]) | set(two["cells"])
    moved = {k: two["cells"].get(k, 0.0) - one["cells"].get(k, 0.0) for k in keys}
    moved = {k: v for k, v in moved.items() if v != 0}
    return {
        "identical": not moved,
        "cells": len(keys),
        "cells_differing": len(moved),
        "largest_move_eur": max((abs(v) for v in moved.values()), default=0.0),
        "money_moved_eur": sum(abs(v) for v in moved.values()) / 2,
        "impact_base": one["impact"],
        "impact_this": two["impact"],
    }


def checkout_arguments(description: str, argv: list[str] | None) -> argparse.Namespace:
    """WORKBOOK... --base CHECKOUT [--other CHECKOUT]: the two checkouts to compare."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("workbooks", nargs="+", type=Path)
    parser.add_argument("--base", type=Path, required=True, help="the other checkout")
    parser.add_argument("--other", type=Path, default=ROOT, help="this checkout by default")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = checkout_arguments(__doc__.splitlines()[0], argv)
    same = True
    for workbook in args.workbooks:
        report = differences(allocation(args.base, workbook), allocation(args.other, workbook))
        same &= report["identical"]
        print(json.dumps({"workbook": workbook.name, **report}), flush=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
