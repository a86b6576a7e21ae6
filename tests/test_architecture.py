"""The structure docs/architecture.md describes, held: layers, no cycles, a small top level."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

from models.data import Settings
from optimiser.readers import schema
from optimiser.solve.solver import SolveOptions

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("readers", "solve", "results", "writers", "whatif", "cli")


def test_import_contracts_hold():
    """The layers and forbidden imports declared in pyproject.toml ([tool.importlinter])."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "import-linter is a test dependency (pip install -e '.[test]')"
    done = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _cycles(graph: grimp.ImportGraph) -> list[tuple[str, ...]]:
    """Every import a -> b that closes a loop: b leads back to a."""
    loops = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                loops.append((importer, *back))
    return loops


def test_no_import_cycles():
    """Also through imports inside functions: the CLI had one (cli <-> cli_whatif)."""
    graph = grimp.build_graph("optimiser", "models")
    assert _cycles(graph) == []


def test_the_top_level_is_small_and_the_rest_lives_in_stage_packages():
    top = sorted(p.name for p in (ROOT / "optimiser").glob("*.py"))
    assert len(top) <= 8, top
    for stage in STAGES:
        assert (ROOT / "optimiser" / stage / "__init__.py").exists(), stage


def test_settings_defaults_live_in_one_place():
    """models.data.Settings holds the defaults; the schema and the solver read them."""
    fields = {f.name: f.default for f in dataclasses.fields(Settings) if f.name != "origins"}
    assert {s.key: s.default for s in schema.SETTING_KEYS} == fields
    options = SolveOptions()
    assert (options.mip_gap, options.time_limit_s) == (fields["mip_gap"],
                                                        fields["time_limit_s"])
