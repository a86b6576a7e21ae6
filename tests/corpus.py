"""A corpus of malformed workbooks, built at test time (no binaries in the repository).

Each `Defect` starts from `minimal_sheets()` (a valid workbook), breaks one
thing, and says where the problem must be reported: the sheet title, the
cell, the value found, a phrase of the message, and how many problems the
workbook has in all (so a defect that causes a cascade of noise fails).
File-level defects build the file themselves (`make`).
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path

import msoffcrypto
from openpyxl.chart import BarChart, Reference
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from tests.workbooks import (
    Rows,
    edit_workbook,
    minimal_sheets,
    rewrite_member,
    sheet_member,
    write_workbook,
)

BOOK = "book.xlsx"


@dataclass(frozen=True)
class Defect:
    name: str
    sheet: str | None  # where the problem must be reported
    cell: str | None
    value: object
    says: str  # a phrase of the message
    cells: Mapping[str, object] = field(default_factory=dict)  # "Envelopes!C2" -> new value
    sheets: Mapping[str, Rows] = field(default_factory=dict)  # sheets added or replaced
    drop: tuple[str, ...] = ()  # sheets removed
    after: Callable | None = None  # change(book) applied with openpyxl after writing
    make: Callable[[Path], Path] | None = None  # builds the whole file instead
    count: int = 1  # problems the workbook has in all

    def build(self, folder: Path) -> Path:
        if self.make is not None:
            return self.make(folder)
        data = minimal_sheets()
        data.update({title: [list(row) for row in rows] for title, rows in self.sheets.items()})
        for title in self.drop:
            del data[title]
        for ref, value in self.cells.items():
            _put(data, ref, value)
        path = write_workbook(folder / BOOK, data)
        return edit_workbook(path, self.after) if self.after else path


def _put(data: dict[str, Rows], ref: str, value: object) -> None:
    title, _, cell = ref.partition("!")
    letters, row = coordinate_from_string(cell)
    column = column_index_from_string(letters)
    rows = data[title]
    while len(rows) < row:
        rows.append([])
    while len(rows[row - 1]) < column:
        rows[row - 1].append(None)
    rows[row - 1][column - 1] = value


def _valid(folder: Path) -> Path:
    return write_workbook(folder / BOOK, minimal_sheets())


# --- file-level defects ------------------------------------------------------------------


def _csv(folder: Path) -> Path:
    path = folder / BOOK
    path.write_text("country;dac_eligible\nMorocco;TRUE\n", encoding="utf-8")
    return path


def _unicode_text(folder: Path) -> Path:
    """Excel's "Unicode Text" export: UTF-16 with a byte-order mark, tab-separated."""
    path = folder / BOOK
    path.write_bytes("country\tdac_eligible\r\nMorocco\tTRUE\r\n".encode("utf-16"))
    return path


def _pdf(folder: Path) -> Path:
    path = folder / BOOK
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    return path


def _empty(folder: Path) -> Path:
    path = folder / BOOK
    path.write_bytes(b"")
    return path


def _absent(folder: Path) -> Path:
    return folder / "no-such-book.xlsx"


def _folder(folder: Path) -> Path:
    path = folder / BOOK
    path.mkdir()
    return path


def _oversized(folder: Path) -> Path:
    path = folder / BOOK
    with path.open("wb") as file:
        file.truncate(51 * 2**20)  # sparse: no time spent writing zeros
    return path


def _binary(folder: Path) -> Path:
    path = folder / BOOK
    path.write_bytes(bytes(range(256)) * 8)
    return path


HTML = "<html><body><table><tr><td>country</td></tr></table></body></html>"


def _html(folder: Path) -> Path:
    path = folder / BOOK
    path.write_text(HTML)
    return path


def _encrypted(folder: Path) -> Path:
    plain = _valid(folder)
    encrypted = BytesIO()
    with plain.open("rb") as source:
        msoffcrypto.OfficeFile(source).encrypt("secret", encrypted)
    plain.write_bytes(encrypted.getvalue())
    return plain


def _ole_file(stream: str, payload: bytes) -> bytes:
    """A minimal OLE compound file (MS-CFB version 3) holding one stream, as a legacy .xls is."""
    free, end, fat_sector, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    payload = payload.ljust(4096, b"\0")  # >= the mini-stream cutoff: plain sectors
    sectors = -(-len(payload) // 512)
    fat = [fat_sector, end] + [3 + i for i in range(sectors - 1)] + [end]
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("d0cf11e0a1b11ae1"), bytes(16), 0x3E, 3, 0xFFFE,
        9, 6, bytes(6), 0, 1, 1, 0, 4096, end, 0, end, 0,
    ) + struct.pack("<109I", 0, *[free] * 108)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0" if name else b""
        return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, none, none,
                           child, bytes(16), 0, 0, 0, start, size)

    directory = (entry("Root Entry", 5, 1, end, 0) + entry(stream, 2, none, 2, len(payload))
                 + entry("", 0, none, 0, 0) * 2)
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    return header + fat_bytes + directory + payload.ljust(sectors * 512, b"\0")


def _legacy_xls(folder: Path) -> Path:
    path = folder / BOOK
    path.write_bytes(_ole_file("Workbook", b"\x09\x08\x10\x00\x00\x06\x05\x00"))
    return path


def _legacy_doc(folder: Path) -> Path:
    path = folder / BOOK
    path.write_bytes(_ole_file("WordDocument", b"\xec\xa5"))
    return path


def _zip_of(folder: Path, members: Mapping[str, bytes]) -> Path:
    path = folder / BOOK
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def _plain_zip(folder: Path) -> Path:
    return _zip_of(folder, {"notes.txt": b"not a workbook"})


def _xlsb(folder: Path) -> Path:
    return _zip_of(folder, {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\0"})


def _docx(folder: Path) -> Path:
    return _zip_of(folder, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})


def _bad_directory(folder: Path) -> Path:
    path = _valid(folder)
    data = path.read_bytes()
    start = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x05\x06"))
    path.write_bytes(data[:start] + b"XX" + data[start + 2:])  # break one directory entry
    return path


def _ods(folder: Path) -> Path:
    return _zip_of(folder, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})


def _truncated(folder: Path) -> Path:
    path = _valid(folder)
    path.write_bytes(path.read_bytes()[:1500])
    return path


def _with_countries_xml(folder: Path, change: Callable[[bytes], bytes]) -> Path:
    path = _valid(folder)
    return rewrite_member(path, sheet_member(path, "Countries"), change)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;")
                                      * 10)
        for level in range(1, 10)
    )
    + b"]>\n"
)
QUADRATIC = b'<?xml version="1.0"?>\n<!DOCTYPE q [<!ENTITY a "' + b"x" * 50_000 + b'">]>\n'


def _billion_laughs(folder: Path) -> Path:
    def bomb(xml: bytes) -> bytes:
        return BILLION_LAUGHS + xml.replace(b"<t>Morocco</t>", b"<t>&lol9;</t>")

    return _with_countries_xml(folder, bomb)


def _quadratic_blowup(folder: Path) -> Path:
    def bomb(xml: bytes) -> bytes:
        return QUADRATIC + xml.replace(b"<t>Morocco</t>", b"<t>" + b"&a;" * 50_000 + b"</t>")

    return _with_countries_xml(folder, bomb)


def _dtd_after_long_comment(folder: Path) -> Path:
    def bomb(xml: bytes) -> bytes:
        return b"<!--" + b" " * 70_000 + b"-->" + BILLION_LAUGHS.split(b"\n", 1)[1] + xml

    return _with_countries_xml(folder, bomb)


def _malformed_sheet(folder: Path) -> Path:
    return _with_countries_xml(folder, lambda xml: xml.replace(b"</sheetData>", b"</sheetDat>"))


def _malformed_sheet_with_formula(folder: Path) -> Path:
    def change(xml: bytes) -> bytes:
        xml = xml.replace(b"<v>4</v>", b"<f>2*2</f><v>4</v>")
        return xml.replace(b"</sheetData>", b"</sheetDat>")

    return _with_countries_xml(folder, change)


def _dtd_after_tricky_comments(folder: Path) -> Path:
    def bomb(xml: bytes) -> bytes:
        padding = b"<!-- <a -->" + b"<!--" + b" <b " * 20_000 + b"-->"
        return padding + BILLION_LAUGHS.split(b"\n", 1)[1] + xml

    return _with_countries_xml(folder, bomb)


def _rows_declared(folder: Path) -> Path:
    return _with_countries_xml(
        folder, lambda xml: xml.replace(b'<dimension ref="A1:D3"', b'<dimension ref="A1:D200000"'))


def _rows_undeclared(folder: Path) -> Path:
    far = b'<row r="100001"><c r="E100001" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'

    def change(xml: bytes) -> bytes:
        return xml.replace(b'<dimension ref="A1:D3" />', b"").replace(b"</sheetData>", far)

    return _with_countries_xml(folder, change)


def _zip_bomb(folder: Path) -> Path:
    path = _valid(folder)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(8 * 2**20))
    return path


def _too_many_members(folder: Path) -> Path:
    path = _valid(folder)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as archive:
        for index in range(10_001):
            archive.writestr(f"customXml/item{index}.txt", b"")
    return path


def _too_large(folder: Path) -> Path:
    path = _valid(folder)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for index in range(3):
            archive.writestr(f"xl/media/image{index}.bin", bytes(70 * 2**20))
    return path


def _hide(title: str) -> Callable:
    def change(book) -> None:
        book[title].sheet_state = "hidden"

    return change


def _merge(title: str, cells: str) -> Callable:
    def change(book) -> None:
        book[title].merge_cells(cells)

    return change


def _chart_sheet(book) -> None:
    chart = BarChart()
    chart.add_data(Reference(book["Envelopes"], min_col=3, min_row=1, max_row=3))
    book.create_chartsheet("Fit").add_chart(chart)


def _title_above_header(book) -> None:
    sheet = book["Countries"]
    sheet.insert_rows(1, 2)
    sheet["A1"] = "Country list 2027"


def _wide(book) -> None:
    book["Countries"].cell(row=1, column=1001, value="far note")


# --- the corpus ----------------------------------------------------------------------------

C = "Countries"
I = "Instruments"  # noqa: E741
E = "Envelopes"
RETURNS_HEADER = ["from_share", "to_share", "multiplier"]
LIMITS_HEADER = ["name", "year", "country", "theme", "min_eur", "max_eur", "min_share",
                 "max_share", "share_of"]
NUMBER_LIKE = "looks like a number"
FORMULA = "formula without a calculated value"


def _limits(*rows: list) -> dict[str, Rows]:
    return {"Limits": [LIMITS_HEADER, *rows]}


def _returns(*rows: list) -> dict[str, Rows]:
    return {"Returns": [RETURNS_HEADER, *rows]}


CELL_DEFECTS = (
    Defect("amount_thousands_text", E, "C2", "1.000.000", NUMBER_LIKE,
           cells={"Envelopes!C2": "1.000.000"}),
    Defect("score_decimal_comma_text", C, "D2", "12,5", NUMBER_LIKE,
           cells={"Countries!D2": "12,5"}),
    Defect("share_percent_text", I, "C3", "15%", NUMBER_LIKE, cells={"Instruments!C3": "15%"}),
    Defect("amount_formula_uncalculated", E, "C2", "=2000000*3", FORMULA,
           cells={"Envelopes!C2": "=2000000*3"}),
    Defect("year_formula_uncalculated", E, "A3", "=2026+1", FORMULA,
           cells={"Envelopes!A3": "=2026+1"}),
    Defect("boolean_in_number_column", E, "C2", True, "holds TRUE/FALSE",
           cells={"Envelopes!C2": True}),
    Defect("boolean_unreadable", C, "B2", "maybe", "must be TRUE or FALSE",
           cells={"Countries!B2": "maybe"}),
    Defect("boolean_blank", C, "B3", None, "dac_eligible is blank", cells={"Countries!B3": None}),
    Defect("share_above_one", I, "C3", 15, "15 — did you mean 0.15?",
           cells={"Instruments!C3": 15}),
    Defect("share_negative", E, "D2", -0.1, "must be a share from 0 to 1",
           sheets={E: [["year", "source", "amount_eur", "min_spend_share"],
                       [2027, "BHO ODA", 6e6, -0.1], [2027, "A&M non-ODA", 2e6, None]]}),
    Defect("amount_negative", E, "C3", -5, "amount_eur must be >= 0",
           cells={"Envelopes!C3": -5}),
    Defect("year_not_whole", E, "A2", 2027.5, "must be a whole number",
           cells={"Envelopes!A2": 2027.5}),
    Defect("year_as_text", E, "A2", "2027", NUMBER_LIKE, cells={"Envelopes!A2": "2027"}),
    Defect("amount_is_date", E, "C2", "2027-01-01 00:00:00", "date or time",
           cells={"Envelopes!C2": datetime(2027, 1, 1)}),
    Defect("score_error_value", C, "D2", "#DIV/0!", "shows the error #DIV/0!",
           cells={"Countries!D2": "#DIV/0!"}),
    Defect("name_blank", C, "A3", None, "country is blank", cells={"Countries!A3": None}),
    Defect("name_is_boolean", "Sources", "A3", True, "must be a name", count=2,
           cells={"Sources!A3": True}),  # and Envelopes!B3 names a source that is not there
    Defect("absorption_negative", C, "C2", -1, "must be >= 0", cells={"Countries!C2": -1}),
    Defect("risk_not_number", C, "E2", "high", "must be a number",
           cells={"Countries!E1": "human_rights_risk", "Countries!E2": "high"}),
    Defect("effectiveness_zero", I, "D2", 0, "must be > 0",
           cells={"Instruments!D1": "effectiveness", "Instruments!D2": 0}),
    Defect("oda_flag_blank", "Sources", "B2", None, "oda is blank", cells={"Sources!B2": None}),
    Defect("min_years_zero", I, "D2", 0, "must be >= 1",
           cells={"Instruments!D1": "min_years", "Instruments!D2": 0}),
    Defect("min_years_fraction", I, "D2", 1.5, "min_years must be a whole number",
           cells={"Instruments!D1": "min_years", "Instruments!D2": 1.5}),
    Defect("min_years_text", I, "D3", "three", "must be a whole number",
           cells={"Instruments!D1": "min_years", "Instruments!D3": "three"}),
)

NAME_DEFECTS = (
    Defect("country_duplicate_case", C, "A4", "morocco", "repeats row 2",
           cells={"Countries!A4": "morocco", "Countries!B4": True, "Countries!D4": 1}),
    Defect("instrument_duplicate", I, "A4", "Shelter", "repeats row 3",
           cells={"Instruments!A4": "Shelter", "Instruments!B4": "x", "Instruments!C4": 0}),
    Defect("source_unknown", E, "B3", "A&M non ODA", "did you mean 'A&M non-ODA'?",
           cells={"Envelopes!B3": "A&M non ODA"}),
    Defect("fit_country_unknown", "Fit", "A2", "Marocco", "did you mean 'Morocco'?",
           sheets={"Fit": [["country", "instrument", "fit"], ["Marocco", "shelter", 0.5]]}),
    Defect("fit_duplicate_pair", "Fit", "A3", ("morocco", "SHELTER"), "repeats row 2",
           sheets={"Fit": [["country", "instrument", "fit"], ["Morocco", "shelter", 0.5],
                           ["morocco", "SHELTER", 1]]}),
    Defect("envelope_duplicate", E, "A4", (2027, "bho oda"), "repeats row 2",
           cells={"Envelopes!A4": 2027, "Envelopes!B4": "bho oda", "Envelopes!C4": 1}),
    Defect("commitment_instrument_unknown", "Commitments", "D2", "shelters",
           "did you mean 'shelter'?",
           sheets={"Commitments": [["reference", "year", "country", "instrument", "amount_eur"],
                                   ["K-1", 2027, "Jordan", "shelters", 1000]]}),
    Defect("commitment_year_outside", "Commitments", "B2", 2031, "not a planning year",
           sheets={"Commitments": [["reference", "year", "country", "instrument", "amount_eur"],
                                   ["K-1", 2031, "Jordan", "shelter", 1000]]}),
    Defect("commitment_reference_blank", "Commitments", "A2", None, "reference is blank",
           sheets={"Commitments": [["reference", "year", "country", "instrument", "amount_eur"],
                                   [None, 2027, "Jordan", "shelter", 1000]]}),
    Defect("baseline_duplicate", "Baseline", "A3", "JORDAN", "repeats row 2",
           sheets={"Baseline": [["country", "amount_eur"], ["Jordan", 1], ["JORDAN", 2]]}),
    Defect("criterion_not_a_column", "Criteria", "A2", "relevanse", "did you mean 'relevance'?",
           cells={"Criteria!A2": "relevanse"}),
    Defect("criterion_not_numeric", "Criteria", "A2", "dac_eligible", "numeric column",
           cells={"Criteria!A2": "dac_eligible"}),
    Defect("criterion_duplicate", "Criteria", "A3", "Relevance", "repeats row 2",
           cells={"Criteria!A3": "Relevance", "Criteria!B3": 1}),
    Defect("criterion_weight_negative", "Criteria", "B2", -2, "must be >= 0",
           cells={"Criteria!B2": -2}),
    Defect("score_negative", C, "D3", -1, "relevance must be >= 0", cells={"Countries!D3": -1}),
    Defect("score_blank", C, "D3", None, "relevance is blank", cells={"Countries!D3": None}),
)

SETTINGS_HEADER = ["key", "value"]
SETTINGS_DEFECTS = (
    Defect("setting_unknown", "Settings", "A2", "ramp_shar", "did you mean 'ramp_share'",
           sheets={"Settings": [SETTINGS_HEADER, ["ramp_shar", 0.1]]}),
    Defect("setting_duplicate", "Settings", "A3", "Ramp_Share", "repeats row 2",
           sheets={"Settings": [SETTINGS_HEADER, ["ramp_share", 0.1], ["Ramp_Share", 0.2]]}),
    Defect("setting_not_whole", "Settings", "B2", 2.5, "max_countries must be a whole number",
           sheets={"Settings": [SETTINGS_HEADER, ["max_countries", 2.5]]}),
    Defect("setting_share_percent", "Settings", "B2", 20, "20 — did you mean 0.2?",
           sheets={"Settings": [SETTINGS_HEADER, ["high_risk_protection_share", 20]]}),
    Defect("setting_not_positive", "Settings", "B2", 0, "time_limit_s must be > 0",
           sheets={"Settings": [SETTINGS_HEADER, ["time_limit_s", 0]]}),
    Defect("setting_not_a_choice", "Settings", "B2", "cplex",
           "mip_solver should be one of: highs, scip",
           sheets={"Settings": [SETTINGS_HEADER, ["mip_solver", "cplex"]]}),
    Defect("setting_text_number", "Settings", "B2", "0,1", NUMBER_LIKE,
           sheets={"Settings": [SETTINGS_HEADER, ["ramp_share", "0,1"]]}),
    Defect("setting_not_boolean", "Settings", "B2", "sometimes", "no_restart must be TRUE",
           sheets={"Settings": [SETTINGS_HEADER, ["no_restart", "sometimes"]]}),
    Defect("setting_warning_share_percent", "Settings", "B2", 40, "40 — did you mean 0.4?",
           sheets={"Settings": [SETTINGS_HEADER, ["max_share_warning", 40]]}),
    Defect("setting_warning_share_text", "Settings", "B2", "high",
           "max_share_warning must be a number",
           sheets={"Settings": [SETTINGS_HEADER, ["max_share_warning", "high"]]}),
)

TABLE_DEFECTS = (
    Defect("envelopes_empty", E, None, None, "has 0 rows below its header; it needs at least 1",
           sheets={E: [["year", "source", "amount_eur"]]}),
    Defect("returns_gap", "Returns", "A3", 0.6, "there is a gap",
           sheets=_returns([0, 0.5, 1], [0.6, 1, 0.5])),
    Defect("returns_overlap", "Returns", "A2", 0.4, "the tiers overlap",
           sheets=_returns([0.4, 1, 0.5], [0, 0.5, 1])),
    Defect("returns_not_from_zero", "Returns", "A2", 0.1, "must be 0",
           sheets=_returns([0.1, 1, 1])),
    Defect("returns_not_to_one", "Returns", "B3", 0.9, "of the last tier must be 1",
           sheets=_returns([0, 0.5, 1], [0.5, 0.9, 0.5])),
    Defect("returns_zero_width", "Returns", "B3", 0.5, "equals from_share",
           sheets=_returns([0, 0.5, 1], [0.5, 0.5, 1], [0.5, 1, 0.5])),
    Defect("returns_multiplier_increases", "Returns", "C3", 1.2, "must not increase",
           sheets=_returns([0, 0.5, 1], [0.5, 1, 1.2])),
    Defect("returns_multiplier_zero", "Returns", "C2", 0, "multiplier must be > 0",
           sheets=_returns([0, 1, 0])),
    Defect("returns_empty", "Returns", None, None, "0 rows below its header",
           sheets=_returns()),
    Defect("limits_no_bound", "Limits", "A2", None, "sets no bound",
           sheets=_limits(["cap", None, "EACH"])),
    Defect("limits_min_above_max", "Limits", "E2", 10, "min_eur is above max_eur (5)",
           sheets=_limits(["cap", None, None, None, 10, 5])),
    Defect("limits_min_share_above_max", "Limits", "G2", 0.5, "min_share is above max_share",
           sheets=_limits(["cap", None, None, None, None, None, 0.5, 0.2])),
    Defect("limits_theme_unknown", "Limits", "D2", "protecton", "did you mean 'protection'?",
           sheets=_limits(["p", None, "EACH", "protecton", None, None, 0.2, None, "country"])),
    Defect("limits_country_list_unknown", "Limits", "C2", "Jordon", "did you mean 'Jordan'?",
           sheets=_limits(["p", None, "Morocco, Jordon", None, None, 5e6])),
    Defect("limits_each_with_names", "Limits", "C2", "EACH, Morocco", "cannot combine EACH",
           sheets=_limits(["p", None, "EACH, Morocco", None, None, 5e6])),
    Defect("limits_share_of_unknown", "Limits", "I2", "countries", "must be blank, total",
           sheets=_limits(["p", None, "EACH", "protection", None, None, 0.2, None,
                           "countries"])),
    Defect("limits_years_semicolons", "Limits", "B2", "2027; 2028", "must be blank, ALL",
           sheets=_limits(["p", "2027; 2028", None, None, None, 5e6])),
    Defect("limits_year_outside", "Limits", "B2", 2030, "not a planning year",
           sheets=_limits(["p", 2030, None, None, None, 5e6])),
    Defect("limits_year_list_outside", "Limits", "B2", 2029, "not a planning year",
           sheets=_limits(["p", "2027, 2029", None, None, None, 5e6])),
)

STRUCTURE_DEFECTS = (
    Defect("sheet_missing", "Sources", None, None, "the sheet is missing", drop=("Sources",)),
    Defect("sheet_misspelt", C, None, None, "did you mean 'Country'?",
           sheets={"Country": minimal_sheets()[C]}, drop=(C,)),
    Defect("column_missing", I, None, None, "column 'theme' is missing",
           sheets={I: [["instrument", "oda_share"], ["dialogue", 0], ["shelter", 1]]}),
    Defect("column_misspelt", C, "B1", "dac eligible", "meant to be 'dac_eligible'",
           cells={"Countries!B1": "dac eligible"}),
    Defect("column_twice", "Sources", "C1", "ODA", "appears twice (also in B1)",
           cells={"Sources!C1": "ODA"}),
    Defect("cells_merged", C, "A2:A3", None, "cells A2:A3 are merged", count=2,
           after=_merge(C, "A2:A3")),
    Defect("header_below_row_1", C, "A3", None, "found in row 3", after=_title_above_header),
    Defect("sheet_hidden", "Sources", None, None, "the sheet is hidden",
           after=_hide("Sources")),
    Defect("only_scenarios", "Criteria", None, None, "the sheet is missing", count=5,
           drop=("Criteria", C, I, "Sources", E),
           sheets={"Scenarios": [["scenario", "sheet", "match", "column", "operation", "value"],
                                 ["more", "Envelopes", None, "amount_eur", "scale", 1.1]]}),
    Defect("chart_sheet", "Fit", None, None, "is a chart or macro sheet", after=_chart_sheet),
    Defect("sheet_twice", "fit ", None, None, "two sheets are named 'Fit' and 'fit '",
           sheets={"Fit": [["country", "instrument"]], "fit ": [["country", "instrument"]]}),
)

FILE_DEFECTS = (
    Defect("csv_renamed", None, None, "country;dac_eligible", "is a text file", make=_csv),
    Defect("unicode_text_renamed", None, None, "country\tdac_eligible", "is a text file",
           make=_unicode_text),
    Defect("pdf_renamed", None, None, None, "is a PDF document", make=_pdf),
    Defect("empty_file", None, None, None, "empty (0 bytes)", make=_empty),
    Defect("no_such_file", None, None, None, "does not exist", make=_absent),
    Defect("folder", None, None, None, "is a folder", make=_folder),
    Defect("file_too_large", None, None, None, "51.0 MiB; the limit is 50 MiB", make=_oversized),
    Defect("binary_not_workbook", None, None, None, "not an Excel workbook (.xlsx)",
           make=_binary),
    Defect("html_renamed", None, None, HTML[:60], "HTML or XML file", make=_html),
    Defect("legacy_word", None, None, None, "old-style Office document", make=_legacy_doc),
    Defect("word_document", None, None, None, "is a Word document", make=_docx),
    Defect("zip_directory_broken", None, None, None, "damaged or not an Excel workbook",
           make=_bad_directory),
    Defect("sheet_xml_malformed", None, None, None, "damaged and cannot be read",
           make=_malformed_sheet),
    Defect("sheet_xml_malformed_scanned", None, None, None, "is not valid XML",
           make=_malformed_sheet_with_formula),
    Defect("password_protected", None, None, None, "password-protected", make=_encrypted),
    Defect("legacy_xls", None, None, None, "Excel 97-2003 workbook (.xls)", make=_legacy_xls),
    Defect("zip_not_workbook", None, None, None, "ZIP archive but not an Excel", make=_plain_zip),
    Defect("xlsb", None, None, None, "binary Excel workbook (.xlsb)", make=_xlsb),
    Defect("ods", None, None, None, "OpenDocument spreadsheet", make=_ods),
    Defect("truncated", None, None, None, "damaged", make=_truncated),
    Defect("billion_laughs", None, None, None, "declares a DTD", make=_billion_laughs),
    Defect("quadratic_blowup", None, None, None, "declares a DTD", make=_quadratic_blowup),
    Defect("dtd_after_long_comment", None, None, None, "no XML element in its first",
           make=_dtd_after_long_comment),
    Defect("dtd_after_tricky_comments", None, None, None, "no XML element in its first",
           make=_dtd_after_tricky_comments),
    Defect("zip_bomb", None, None, None, "compressed", make=_zip_bomb),
    Defect("too_many_members", None, None, None, "parts inside; the limit is 10000",
           make=_too_many_members),
    Defect("too_large_uncompressed", None, None, None, "decompresses to 210.0 MiB",
           make=_too_large),
    Defect("rows_declared_over_limit", C, None, None, "down to row 200000; the limit is 100000",
           make=_rows_declared),
    Defect("rows_over_limit", C, None, None, "down to row 100001; the limit is 100000",
           make=_rows_undeclared),
    Defect("columns_over_limit", C, None, None, "1001 columns; the limit is 1000", after=_wide),
)

DEFECTS = CELL_DEFECTS + NAME_DEFECTS + SETTINGS_DEFECTS + TABLE_DEFECTS + STRUCTURE_DEFECTS
DEFECTS += FILE_DEFECTS
