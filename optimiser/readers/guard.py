"""Check a workbook file before openpyxl parses it: format, size and XML safety.

An .xlsx file is a ZIP archive of XML parts. A hostile or broken file can
claim to be one and be something else (a CSV, a PDF, an encrypted or legacy
Office file), decompress to gigabytes (a "zip bomb"), or declare XML entities
that expand exponentially ("billion laughs"). Everything here works from the
ZIP directory and the first bytes of each part, so a bad file is refused fast
and with bounded memory; the limits are documented in docs/workbook-errors.md.

openpyxl parses XML through defusedxml when it is installed (it is a
dependency), which forbids entity declarations; the prolog check below
refuses any part with a document type declaration before openpyxl sees it,
so the file is safe even if openpyxl were configured otherwise.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import NoReturn

import olefile
from defusedxml.ElementTree import fromstring, iterparse
from openpyxl.formula.translate import Translator, TranslatorError
from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries

from optimiser.errors import Problem, WorkbookInvalid
from optimiser.readers.texts import Told

KIB = 1024
MIB = 1024 * KIB

MAX_FILE_BYTES = 50 * MIB  # size of the .xlsx file itself
MAX_MEMBERS = 10_000  # parts (files) inside the ZIP archive
MAX_UNCOMPRESSED_BYTES = 200 * MIB  # all parts together, once decompressed
MAX_COMPRESSION_RATIO = 200  # decompressed : compressed, for parts above RATIO_FROM_BYTES
RATIO_FROM_BYTES = 1 * MIB
MAX_SHEET_ROWS = 100_000  # rows of an input sheet (its used range)
MAX_SHEET_COLUMNS = 1_000  # columns of an input sheet
XML_HEAD_BYTES = 64 * KIB  # an XML part's root element must start within this

WORKBOOK_TYPES = frozenset(
    f"application/vnd.{kind}.main+xml"
    for kind in (
        "openxmlformats-officedocument.spreadsheetml.sheet",
        "openxmlformats-officedocument.spreadsheetml.template",
        "ms-excel.sheet.macroEnabled",
        "ms-excel.template.macroEnabled",
    )
)
SAVE_AS_XLSX = Told("told_file_save_as")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EOCD = b"PK\x05\x06"
_ELEMENT_START = re.compile(r"<[A-Za-z_]")
_COMMENT_OR_PI = re.compile(r"<!--.*?-->|<\?.*?\?>", re.DOTALL)
_DIMENSION = re.compile(r"<(?:[\w.-]+:)?dimension\b[^>]*?\bref=\"([^\"]+)\"")
_FORMULA_OR_MERGE = re.compile(rb"<(?:[\w.-]+:)?(?:f|mergeCell)[\s/>]|\bhidden=\"(?:1|true)\"")
# A formula that adds up a column: its row is a totals row (=SUM(C2:C9), =SUBTOTAL(9,...)).
_SUM_FORMULA = re.compile(r"^=\s*(?:SUM|SUBTOTAL|AGGREGATE|_xlfn\.AGGREGATE)\s*\(", re.IGNORECASE)
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def fail(name: str, message: Told, *, sheet: str | None = None, value: object = None) -> NoReturn:
    raise WorkbookInvalid([Problem(sheet, None, value, message)], source=name)


def read_file(path: Path) -> bytes:
    """The file's bytes; refuses missing, empty, oversized and unreadable files."""
    name = path.name
    try:
        if not path.exists():
            fail(name, Told("told_file_absent", path=path))
        if path.is_dir():
            fail(name, Told("told_file_folder", path=path))
        size = path.stat().st_size
        if size == 0:
            fail(name, Told("told_file_empty"))
        if size > MAX_FILE_BYTES:
            fail(name, Told("told_file_size", size=f"{size / MIB:.1f}",
                            limit=MAX_FILE_BYTES // MIB))
        return path.read_bytes()
    except OSError as exc:
        fail(name, Told("told_file_unreadable", reason=exc.strerror))


def check_format(data: bytes, name: str) -> None:
    """Refuse anything that is not a ZIP archive, saying what the file is instead."""
    if data.startswith(b"PK"):
        return
    if data.startswith(_OLE_MAGIC):
        _refuse_ole(data, name)
    if data.startswith(b"%PDF"):
        fail(name, Told("told_file_pdf"))
    text = _as_text(data[:4096])
    if text is None:
        fail(name, Told("told_file_not_xlsx", save_as=SAVE_AS_XLSX))
    first_line = text.strip().splitlines()[0][:60] if text.strip() else ""
    if text.lstrip().startswith("<"):
        fail(name, Told("told_file_html", save_as=SAVE_AS_XLSX), value=first_line)
    fail(name, Told("told_file_text", save_as=SAVE_AS_XLSX), value=first_line)


def _as_text(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text" is UTF-16
        return head.decode("utf-16", errors="replace")
    if b"\x00" in head:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError:
        return None if sum(byte < 9 for byte in head) else head.decode("latin-1")


def _refuse_ole(data: bytes, name: str) -> NoReturn:
    """An OLE container is an encrypted .xlsx or a legacy .xls (or another old Office file)."""
    try:  # only stream names are looked at: EncryptionInfo's XML is never parsed
        with olefile.OleFileIO(BytesIO(data)) as ole:
            encrypted = ole.exists("EncryptionInfo")
            legacy = ole.exists("Workbook") or ole.exists("Book")
    except Exception:  # olefile raises several types on a damaged container
        encrypted = legacy = False
    if encrypted:
        fail(name, Told("told_file_encrypted"))
    if legacy:
        fail(name, Told("told_file_xls", save_as=SAVE_AS_XLSX))
    fail(name, Told("told_file_ole", save_as=SAVE_AS_XLSX))


def open_archive(data: bytes, name: str) -> zipfile.ZipFile:
    """The ZIP archive, once its directory is within the limits and its XML is safe."""
    _check_member_count(data, name)
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        fail(name, Told("told_file_damaged", reason=exc))
    infos = archive.infolist()
    _check_sizes(infos, name)
    for info in infos:
        _check_xml_head(archive, info, name)
    _check_kind(archive, name)
    return archive


def _check_member_count(data: bytes, name: str) -> None:
    """Read the count from the end-of-directory record, before zipfile parses the directory."""
    end = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        fail(name, Told("told_file_no_directory"))
    count = int.from_bytes(data[end + 10 : end + 12], "little")
    if count > MAX_MEMBERS:
        fail(name, Told("told_file_parts", count=count, limit=MAX_MEMBERS))


def _check_sizes(infos: list[zipfile.ZipInfo], name: str) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        fail(name, Told("told_file_unpacked", size=f"{total / MIB:.1f}",
                        limit=MAX_UNCOMPRESSED_BYTES // MIB))
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            fail(name, Told("told_file_ratio", part=info.filename, ratio=f"{ratio:.0f}",
                            limit=MAX_COMPRESSION_RATIO))


def _check_kind(archive: zipfile.ZipFile, name: str) -> None:
    members = set(archive.namelist())
    if "[Content_Types].xml" in members and workbook_part(archive):
        return
    if "xl/workbook.bin" in members:
        fail(name, Told("told_file_xlsb", save_as=SAVE_AS_XLSX))
    if "mimetype" in members and archive.read("mimetype").startswith(b"application/vnd.oasis"):
        fail(name, Told("told_file_ods"))
    if "word/document.xml" in members:
        fail(name, Told("told_file_word"))
    fail(name, Told("told_file_zip"))


def _check_xml_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Refuse XML that declares a DTD: Excel never writes one, and entity bombs need one.

    A DTD can only stand before the root element, so the root element must start
    within the head that is checked (comments and processing instructions aside).
    """
    with archive.open(info) as stream:
        head = _decode(stream.read(XML_HEAD_BYTES))
    if not head.lstrip("\ufeff \t\r\n").startswith("<"):
        return  # not XML (an image, say): no XML parser accepts it
    text = _COMMENT_OR_PI.sub("", head)
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        fail(name, Told("told_file_dtd", part=info.filename))
    start = _ELEMENT_START.search(text)
    open_comment = text.find("<!--")
    hidden = start is None or 0 <= open_comment < start.start()
    if hidden and info.file_size > XML_HEAD_BYTES:
        fail(name, Told("told_file_no_element", part=info.filename,
                        size=XML_HEAD_BYTES // KIB))


def _decode(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")


def workbook_part(archive: zipfile.ZipFile) -> str | None:
    """The path of the workbook part, from [Content_Types].xml."""
    types = fromstring(archive.read("[Content_Types].xml"))
    for override in types:
        if override.get("ContentType") in WORKBOOK_TYPES:
            return override.get("PartName", "").lstrip("/")
    return None


@dataclass(frozen=True)
class SheetPart:
    """One sheet as workbook.xml lists it."""

    title: str
    path: str | None  # the part inside the archive
    hidden: bool  # hidden or very hidden
    worksheet: bool  # False: a chart, dialog or macro sheet


def sheet_parts(archive: zipfile.ZipFile) -> tuple[SheetPart, ...]:
    """Every sheet in workbook order, with its part path, read from workbook.xml and its rels."""
    book_path = workbook_part(archive) or "xl/workbook.xml"
    folder, file = posixpath.split(book_path)
    rels_path = posixpath.join(folder, "_rels", f"{file}.rels")
    targets = {}
    if rels_path in archive.namelist():
        for rel in fromstring(archive.read(rels_path)):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            targets[rel.get("Id")] = (posixpath.normpath(path), rel.get("Type", ""))
    parts = []
    for sheet in fromstring(archive.read(book_path)).iter():
        if _local(sheet.tag) != "sheet":
            continue
        rel_id = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        path, kind = targets.get(rel_id, (None, ""))
        hidden = sheet.get("state", "visible") != "visible"
        parts.append(SheetPart(sheet.get("name", ""), path, hidden, kind.endswith("/worksheet")))
    return tuple(parts)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


@dataclass(frozen=True)
class SheetScan:
    """What openpyxl's values pass cannot tell: uncalculated formulas and merged ranges."""

    uncalculated: dict[str, str]  # A1 ref -> formula ("=A2*2") of cells without a cached value
    merged: tuple[str, ...]  # merged ranges ("A2:A3")
    sums: frozenset[int] = frozenset()  # rows with a formula that adds up cells (=SUM(...))
    hidden_rows: tuple[int, ...] = ()  # rows hidden by hand or by a filter


def scan_sheet(archive: zipfile.ZipFile, part: SheetPart, name: str) -> SheetScan:
    """Check the sheet's used range against the limits, then find formulas and merged cells."""
    try:
        with archive.open(part.path) as stream:
            head = stream.read(XML_HEAD_BYTES)
            _check_dimension(_decode(head), part.title, name)
            data = head + stream.read()
    except (KeyError, zipfile.BadZipFile) as exc:
        fail(name, Told("told_file_sheet_unreadable", sheet=part.title, reason=exc))
    if not (_FORMULA_OR_MERGE.search(data) or data.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return SheetScan({}, ())  # nothing to find; skip the parse
    return _scan_xml(data, part.title, name)


def _check_dimension(head: str, title: str, name: str) -> None:
    found = _DIMENSION.search(head)
    if found is None:
        return  # no declared range: the limits are enforced while reading
    try:
        _, _, columns, rows = range_boundaries(found.group(1))
    except (ValueError, TypeError):
        return
    check_size(rows or 0, columns or 0, title, name)


def check_size(rows: int, columns: int, title: str, name: str) -> None:
    if rows > MAX_SHEET_ROWS:
        fail(name, Told("told_file_rows", rows=rows, limit=MAX_SHEET_ROWS), sheet=title)
    if columns > MAX_SHEET_COLUMNS:
        fail(name, Told("told_file_columns", columns=columns, limit=MAX_SHEET_COLUMNS),
             sheet=title)


def _scan_xml(data: bytes, title: str, name: str) -> SheetScan:
    uncalculated: dict[str, str] = {}
    merged: list[str] = []
    shared: dict[str, tuple[str, str]] = {}  # shared-formula index -> (master ref, formula)
    sums: set[int] = set()
    hidden: list[int] = []
    row = 0
    try:
        for _, element in iterparse(BytesIO(data)):
            tag = _local(element.tag)
            if tag == "row":
                row = int(element.get("r") or row + 1)
                check_size(row, 0, title, name)
                if _scan_row(element, row, uncalculated, shared, (title, name)):
                    sums.add(row)
                if element.get("hidden") in ("1", "true"):
                    hidden.append(row)
                element.clear()
            elif tag == "mergeCell":
                merged.append(element.get("ref", ""))
    except WorkbookInvalid:
        raise
    except Exception as exc:  # defusedxml and expat errors, bad attributes: a damaged part
        fail(name, Told("told_file_sheet_xml", sheet=title, reason=exc))
    return SheetScan(uncalculated, tuple(merged), frozenset(sums), tuple(hidden))


def _scan_row(row_element, row: int, found: dict, shared: dict, where: tuple[str, str]) -> bool:
    """Record the row's formulas without a cached value; True if one of its formulas adds up
    cells (a totals row)."""
    sums = False
    column = 0
    for cell in row_element:
        ref = cell.get("r")
        matched = _CELL_REF.fullmatch(ref) if ref else None
        column = column_index_from_string(matched.group(1)) if matched else column + 1
        check_size(row, column, *where)
        children = {_local(child.tag): child for child in cell}
        formula = children.get("f")
        if formula is None:
            continue
        coordinate = ref or f"{get_column_letter(column)}{row}"
        text = _formula_text(formula, coordinate, shared)
        sums = sums or bool(_SUM_FORMULA.match(text))
        value = children.get("v")
        if value is None or (not value.text and cell.get("t", "n") not in ("str", "s")):
            found[coordinate] = text
    return sums


def _formula_text(formula, coordinate: str, shared: dict) -> str:
    """The formula as Excel shows it; a shared formula's dependents translate the master's."""
    text = f"={formula.text}" if formula.text else ""
    index = formula.get("si")
    if formula.get("t") != "shared" or index is None:
        return text or "="
    if text:
        shared[index] = (coordinate, text)
        return text
    master, master_text = shared.get(index, (coordinate, "="))
    try:
        return Translator(master_text, origin=master).translate_formula(coordinate)
    except TranslatorError:
        return master_text
