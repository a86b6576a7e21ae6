"""The result workbook keeps the input sheets' formulas AND their saved values (SPEC §4).

The workbook is built the way people build it: formulas typed in a spreadsheet
(=6*1000000, LibreOffice's =TRUE() for booleans), saved by LibreOffice so the
values are calculated and saved. `allocate run` copies those sheets; other
programs read the copies' values only, so `allocate validate` on the result
must read the same numbers.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from optimiser.writers.office import convert, soffice
from tests.cli_helpers import M, allocate, table
from tests.workbooks import minimal_sheets, write_workbook

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not on the PATH"),
]


def formula_sheets():
    sheets = minimal_sheets()
    countries, sources, envelopes = (sheets[n] for n in ("Countries", "Sources", "Envelopes"))
    countries[1][1:3] = ["=TRUE()", "=10*1000000"]
    countries[2][1] = "=TRUE()"
    sources[1][1], sources[2][1] = "=TRUE()", "=FALSE()"
    envelopes[1][2], envelopes[2][2] = "=6*1000000", "=C2/3"
    sheets["Instruments"][1][0] = '="dia"&"logue"'
    return sheets


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formulas")
    write_workbook(folder / "typed.xlsx", formula_sheets())
    convert(folder / "typed.xlsx", "xlsx", folder / "saved")
    return folder / "saved" / "typed.xlsx"


def test_result_keeps_formulas_and_their_values(saved_by_libreoffice):
    folder = saved_by_libreoffice.parent
    ran = allocate(folder, "run", saved_by_libreoffice.name, "-o", "result.xlsx")
    assert ran.code == 0, ran.text
    result = folder / "result.xlsx"
    formulas = load_workbook(result)
    assert formulas["Envelopes"]["C3"].value == "=C2/3"
    assert formulas["Countries"]["B2"].value == "=TRUE()"
    values = load_workbook(result, data_only=True)
    assert [c.value for c in values["Countries"][2]][:3] == ["Morocco", True, 10 * M]
    assert values["Envelopes"]["C3"].value == 2 * M
    assert values["Sources"]["B3"].value is False
    assert values["Instruments"]["A2"].value == "dialogue"
    # Re-read by the tool itself: the same data, so the same allocation.
    checked = allocate(folder, "validate", "result.xlsx")
    assert checked.code == 0, checked.text
    again = allocate(folder, "run", "result.xlsx", "-o", "again.xlsx")
    assert again.code == 0, again.text
    assert table(folder / "again.xlsx", "Allocation") == table(result, "Allocation")
