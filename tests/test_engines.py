"""The MIP engines (HiGHS, the optional SCIP) and `run --export-model` (issue 13).

SCIP chooses the funding decisions only; HiGHS then solves the LP with them
fixed and the tie-break, so both engines must give the same allocation
wherever the optimum is unique.
"""

from __future__ import annotations

from pathlib import Path

import highspy
import pytest

from models.data import Settings
from optimiser.api import optimise, validate
from optimiser.errors import ExitCode, UsageError
from optimiser.solve import scip
from optimiser.solve.solver import SolveOptions
from tests.cli_helpers import allocate, key_values, sha256
from tests.factory import M, country, instrument, one_year
from tests.workbooks import minimal_sheets, write_workbook


def _lumpy(engine: str):
    # min programme 3M; envelope 5M; A 2/EUR absorbs 4M, B 1.5/EUR absorbs 4M.
    # Both cannot reach 3M within 5M: A 4M alone = 8M beats B 4M alone = 6M.
    countries = [country("A", score=2, absorption=4 * M),
                 country("B", score=1.5, absorption=4 * M)]
    d = one_year(countries, [instrument("t", min_programme=3 * M)], amount=5 * M,
                 settings=Settings(mip_solver=engine))
    return optimise(d)


@pytest.mark.parametrize("engine", ["highs", "scip"])
def test_each_engine_finds_the_hand_computed_optimum(engine):
    result = _lumpy(engine)
    assert result.impact == pytest.approx(8 * M)
    table = result.allocation.groupby("country")["amount_eur"].sum()
    assert dict(table) == {"A": pytest.approx(4 * M, abs=2)}
    assert result.gap is not None and result.gap <= 1e-4


def test_scip_where_it_is_not_installed_is_a_usage_error(monkeypatch):
    monkeypatch.setattr(scip, "available", lambda: False)
    with pytest.raises(UsageError, match=r"pip install 'allocate\[scip\]', or choose highs"):
        _lumpy("scip")


def test_the_command_line_engine_overrides_the_settings():
    settings = Settings(mip_solver="scip")
    assert SolveOptions.from_settings(settings).mip_solver == "scip"
    assert SolveOptions.from_settings(settings, mip_solver="highs").mip_solver == "highs"


def _solve_file(path: Path) -> float:
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    assert highs.readModel(str(path)) == highspy.HighsStatus.kOk
    highs.run()
    assert highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return highs.getInfo().objective_function_value


@pytest.mark.parametrize("suffix", [".mps", ".lp"])
def test_the_exported_model_solves_to_the_reported_impact(tmp_path: Path, suffix: str):
    # minimal_sheets: Morocco 8/EUR up to 10M, Jordan 2/EUR; envelopes 6M + 2M, one year,
    # dialogue (non-ODA) and shelter (ODA): Morocco takes all 8M -> impact 64M,
    # 64 in the model's unit of EUR M.
    book = write_workbook(tmp_path / "book.xlsx", minimal_sheets())
    before = sha256(book)
    model = tmp_path / f"model{suffix}"
    ran = allocate(tmp_path, "run", book, "-q", "--export-model", model, "--mip-solver", "scip")
    assert ran.code == 0, ran.text
    assert _solve_file(model) == pytest.approx(64.0)
    assert "total_link(2027_Morocco)" in model.read_text()  # named, so it can be audited
    assert sha256(book) == before
    info = key_values(tmp_path / "outputs" / "book-allocation.xlsx", "Run info")
    assert info["setting_mip_solver"] == "scip"
    assert info["impact"] == pytest.approx(64 * M)


def test_an_export_of_another_format_is_refused_before_solving(tmp_path: Path):
    book = write_workbook(tmp_path / "book.xlsx", minimal_sheets())
    ran = allocate(tmp_path, "run", book, "--export-model", tmp_path / "model.txt")
    assert ran.code == ExitCode.USAGE
    assert "--export-model writes .mps or .lp files, not model.txt." in ran.text
    assert not (tmp_path / "outputs").exists()


def test_settings_choose_the_engine_case_insensitively(tmp_path: Path):
    sheets = minimal_sheets()
    sheets["Settings"] = [["key", "value"], ["mip_solver", " SCIP "]]
    book = write_workbook(tmp_path / "book.xlsx", sheets)
    assert validate(book).data.settings.mip_solver == "scip"


def test_each_stage_gets_its_own_time_limit():
    # HiGHS's clock runs on over an instance's runs: a stage given 5 s must be
    # allowed 5 s beyond what the earlier stages used, not stop at once.
    from models.build import build_model
    from optimiser.solve.highs import CompiledModel

    compiled = CompiledModel(build_model(one_year([country("A")])).model)
    compiled.run(5.0, None)
    used = compiled.highs.getRunTime()
    compiled.run(5.0, None)
    assert compiled.highs.getOptionValue("time_limit")[1] == pytest.approx(used + 5.0)
