"""`allocate template`: an empty template a person fills in and validates, or the example."""

from __future__ import annotations

from click.testing import CliRunner
from openpyxl import load_workbook

from optimiser.cli.main import main
from optimiser.readers import schema
from optimiser.writers.template import README, example_path


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def fill_in(path):
    """What a person does: type a few rows into the template and add a criterion column."""
    book = load_workbook(path)
    book[schema.CRITERIA.name].append(["relevance", 1])
    countries = book[schema.COUNTRIES.name]
    score = countries.max_column + 1
    countries.cell(1, score, "relevance")
    for row, (name, dac, absorption, points) in enumerate(
            [("Morocco", True, 8_000_000, 4), ("Jordan", True, None, 2)], start=2):
        for column, value in enumerate((name, dac, absorption), start=1):
            countries.cell(row, column, value)
        countries.cell(row, score, points)
    book[schema.INSTRUMENTS.name].append(["shelter", "protection", 1])
    book[schema.SOURCES.name].append(["BHO ODA", True])
    book[schema.ENVELOPES.name].append([2027, "BHO ODA", 5_000_000])
    book.save(path)


def test_the_template_filled_in_passes_validate_and_solves(tmp_path):
    path = tmp_path / "plan.xlsx"
    written = invoke("template", path)
    assert written.exit_code == 0, written.output
    assert f"Template written to {path}" in written.stdout
    assert f"allocate validate {path}" in written.stdout
    book = load_workbook(path)
    assert book.sheetnames == [README, *(sheet.name for sheet in schema.INPUT_SHEETS)]

    fill_in(path)
    checked = invoke("validate", path)
    assert checked.exit_code == 0, checked.output
    assert "plan.xlsx is valid: 1 year, 2 countries, 1 instrument, 1 source." in (
        checked.stdout)
    solved = invoke("run", path, "-o", tmp_path / "out.xlsx", "--quiet")
    assert solved.exit_code == 0, solved.output


def test_the_empty_template_is_not_yet_valid(tmp_path):
    path = tmp_path / "plan.xlsx"
    invoke("template", path)
    checked = invoke("validate", path)
    assert checked.exit_code == 3


def test_example_writes_the_shipped_example(tmp_path):
    path = tmp_path / "example.xlsx"
    result = invoke("template", "--example", path)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == example_path().read_bytes()
    assert f"allocate run {path}" in result.stdout


def test_an_existing_file_is_kept_unless_forced(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"my work")
    refused = invoke("template", path)
    assert refused.exit_code == 2
    assert "exists" in refused.stderr and "--force" in refused.stderr
    assert path.read_bytes() == b"my work"
    forced = invoke("template", "--force", path)
    assert forced.exit_code == 0
    assert load_workbook(path).sheetnames[0] == README


def test_only_xlsx_files(tmp_path):
    result = invoke("template", tmp_path / "plan.xlsm")
    assert result.exit_code == 2
    assert ".xlsx" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_template_is_listed_in_the_help():
    result = invoke("--help")
    assert "template" in result.stdout
