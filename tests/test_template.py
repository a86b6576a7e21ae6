"""The input template (optimiser.writers.template): structure, help, checks, reading back."""

from __future__ import annotations

import os
import stat

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.errors import OutputError
from optimiser.readers import schema
from optimiser.readers.validate import read_workbook
from optimiser.writers.template import README, example_path, write_example, write_template
from optimiser.writers.template_sheets import LIST_SUFFIX, MEANING
from tests.workbooks import minimal_sheets


def template_rows(sheets: dict[str, list[list[object]]]) -> tuple[dict, dict]:
    """Turn test sheets (header row first, any column order) into write_template arguments.

    Columns are put in schema order; columns the schema does not declare
    (criterion scores, notes) become extra columns in their given order.
    """
    rows, extras = {}, {}
    for name, (header, *records) in sheets.items():
        declared = [column.name for column in _sheet(name).columns]
        extra = [title for title in header if title not in declared]
        order = declared + extra
        rows[name] = [[dict(zip(header, record, strict=True)).get(title) for title in order]
                      for record in records]
        if extra:
            extras[name] = extra
    return rows, extras


def _sheet(name: str) -> schema.Sheet:
    return next(sheet for sheet in schema.INPUT_SHEETS if sheet.name == name)


def _header(sheet: Worksheet) -> list[object]:
    return [cell.value for cell in sheet[1]]


def _checks(sheet: Worksheet) -> dict[str, object]:
    """Column letter -> the data validation that covers row 2 of that column."""
    found = {}
    for check in sheet.data_validations.dataValidation:
        for cell_range in check.sqref.ranges:
            if cell_range.min_row <= 2 <= cell_range.max_row:
                found[cell_range.coord.split(":")[0].rstrip("0123456789")] = check
    return found


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    path = write_template(tmp_path_factory.mktemp("template") / "template.xlsx")
    return load_workbook(path)


def test_sheets_come_in_contract_order_after_the_readme(blank):
    assert blank.sheetnames == [README, *(sheet.name for sheet in schema.INPUT_SHEETS)]
    text = " ".join(str(cell.value) for row in blank[README].iter_rows() for cell in row
                    if cell.value)
    for step in ("allocate validate", "allocate run", "Summary", "ignored"):
        assert step in text


@pytest.mark.parametrize("declared", schema.INPUT_SHEETS, ids=lambda sheet: sheet.name)
def test_every_sheet_has_bold_frozen_filtered_commented_headers(blank, declared):
    sheet = blank[declared.name]
    names = [column.name for column in declared.columns]
    assert _header(sheet)[: len(names)] == names
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    for column, cell in zip(declared.columns, sheet[1], strict=False):
        assert cell.font.bold
        assert column.help in cell.comment.text
        assert sheet.column_dimensions[cell.column_letter].width >= len(column.name)


def test_settings_lists_every_key_blank_with_its_meaning(blank):
    sheet = blank[schema.SETTINGS.name]
    assert _header(sheet) == [*(column.name for column in schema.SETTINGS.columns), MEANING]
    records = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [record[0] for record in records] == [s.key for s in schema.SETTING_KEYS]
    assert all(record[1] is None for record in records)
    for setting, record in zip(schema.SETTING_KEYS, records, strict=True):
        assert record[2].startswith(setting.help)
    assert sheet["C1"].comment is not None


def test_blank_returns_sheet_holds_the_neutral_tier(blank):
    records = list(blank[schema.RETURNS.name].iter_rows(min_row=2, values_only=True))
    assert records == [(0.0, 1.0, 1.0)]


def test_dropdowns_refer_to_the_name_ranges(blank):
    names = blank.defined_names
    assert names["country" + LIST_SUFFIX].attr_text == "'Countries'!$A$2:$A$1001"
    assert names["source" + LIST_SUFFIX].attr_text == "'Sources'!$A$2:$A$1001"
    assert names["theme" + LIST_SUFFIX].attr_text == "'Instruments'!$B$2:$B$1001"
    fit = _checks(blank[schema.FIT.name])
    assert (fit["A"].type, fit["A"].formula1) == ("list", "country" + LIST_SUFFIX)
    assert fit["B"].formula1 == "instrument" + LIST_SUFFIX
    assert _checks(blank[schema.ENVELOPES.name])["B"].formula1 == "source" + LIST_SUFFIX
    # The defining sheets do not pick from their own list.
    assert "A" not in _checks(blank[schema.COUNTRIES.name])


def test_booleans_offer_true_and_false(blank):
    for declared, letter in ((schema.COUNTRIES, "B"), (schema.SOURCES, "B")):
        check = _checks(blank[declared.name])[letter]
        assert (check.type, check.formula1) == ("list", '"TRUE,FALSE"')


def test_limits_selectors_warn_rather_than_refuse(blank):
    checks = _checks(blank[schema.LIMITS.name])
    for letter, list_name in (("C", "country"), ("D", "instrument"), ("E", "theme"),
                              ("F", "source")):
        assert checks[letter].formula1 == list_name + LIST_SUFFIX
        assert checks[letter].errorStyle == "warning"
        assert schema.EACH in checks[letter].prompt
    assert checks["K"].formula1 == '"total,country,instrument,theme,source"'
    assert checks["B"].showInputMessage  # year: a prompt explains ALL and lists


def test_numbers_are_checked_and_formatted(blank):
    envelopes = blank[schema.ENVELOPES.name]
    checks = _checks(envelopes)
    assert (checks["A"].type, checks["C"].type) == ("whole", "decimal")
    assert (checks["D"].operator, checks["D"].formula1, checks["D"].formula2) == (
        "between", "0", "1")
    assert checks["C"].errorStyle == "stop"
    formats = {letter: envelopes.column_dimensions[letter].number_format for letter in "ACD"}
    assert formats == {"A": "0", "C": "#,##0", "D": "0%"}
    assert _checks(blank[schema.INSTRUMENTS.name])["D"].operator == "greaterThan"


def test_filled_template_reads_back_as_valid_data(tmp_path):
    rows, extras = template_rows(minimal_sheets())
    rows[schema.SETTINGS.name] = [["high_risk_threshold", 3, "why: a note"]]
    extras[schema.SETTINGS.name] = ["note"]
    extras[schema.COUNTRIES.name] += ["rationale"]
    rows[schema.COUNTRIES.name][0].append("a note column")
    path = write_template(tmp_path / "filled.xlsx", rows, extra_columns=extras)

    data = read_workbook(path).data

    assert [country.name for country in data.countries] == ["Morocco", "Jordan"]
    assert data.countries[0].scores == {"relevance": 4}
    assert [envelope.amount_eur for envelope in data.envelopes] == [6_000_000, 2_000_000]
    assert data.settings.high_risk_threshold == 3
    countries = load_workbook(path)[schema.COUNTRIES.name]
    header = _header(countries)
    assert header[-2:] == ["relevance", "rationale"]
    relevance, rationale = (countries.cell(1, len(header) - k) for k in (1, 0))
    assert "Criteria" in relevance.comment.text  # a criterion, not a note
    assert "ignored" in rationale.comment.text
    assert countries["C2"].number_format == "#,##0"


def test_settings_rows_are_matched_to_their_keys(tmp_path):
    rows = {schema.SETTINGS.name: [["unknown_key", 1], ["RAMP_SHARE", 0.25]]}
    sheet = load_workbook(write_template(tmp_path / "s.xlsx", rows))[schema.SETTINGS.name]
    records = list(sheet.iter_rows(min_row=2, values_only=True))
    assert records[0][:2] == ("RAMP_SHARE", 0.25)
    assert sheet["B2"].number_format == "0%"
    assert records[-1][:3] == ("unknown_key", 1, None)  # kept, for the validator to report
    assert len(records) == len(schema.SETTING_KEYS) + 1


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown sheet"):
        write_template(tmp_path / "a.xlsx", {"Countrys": []})
    with pytest.raises(ValueError, match=r"Sources row 2: 4 values for 3 columns"):
        write_template(tmp_path / "a.xlsx", {schema.SOURCES.name: [["a", True, "x", "y"]]})
    with pytest.raises(ValueError, match=r"\.xlsx"):
        write_template(tmp_path / "a.xlsm")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = write_template(tmp_path / "t.xlsx")
    before = path.read_bytes()

    def fail(self, filename):
        raise OSError("disk full")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", fail)
    with pytest.raises(OutputError, match="disk full"):
        write_template(path)
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_written_files_get_the_usual_permissions(tmp_path):
    mask = os.umask(0)
    os.umask(mask)
    path = write_template(tmp_path / "t.xlsx")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_write_example_copies_the_shipped_example(tmp_path):
    source = example_path()
    assert source.is_file()
    copy = write_example(tmp_path / "mine.xlsx")
    assert copy.read_bytes() == source.read_bytes()
