"""Put the saved values of formula cells back into the copied input sheets.

openpyxl keeps a formula but writes it without its saved (cached) value, so a
program that reads values only (pandas, a viewer, `allocate validate` on the
result) would see a blank. The result workbook copies the input sheets
unchanged (SPEC §4): after openpyxl has written the package, each formula cell
of a copied sheet gets back the value the input file had saved for it, taken
from the input's own sheet XML. Cells are matched by sheet title and A1
reference; a cell the input had no saved value for is left as openpyxl wrote it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from io import BytesIO
from xml.sax.saxutils import escape

from defusedxml.ElementTree import iterparse

from optimiser.readers import guard

# A formula cell as openpyxl writes it: <c r="B2" s="3"><f>A2*2</f><v /></c>
_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3}\d+)"([^>]*)>(<f(?:\s[^>]*)?(?:/>|>[^<]*</f>))<v\s*/>(</c>)'
)
_TYPE_ATTRIBUTE = re.compile(rb'\st="[^"]*"')
# Cached value types that stand in the cell itself (shared strings do not occur for
# formula results in files Excel or LibreOffice write).
_KEPT_TYPES = {"n", "b", "str", "e"}

Cached = dict[str, tuple[str, str]]  # A1 ref -> (cell type, saved value text)


def saved_values(data: bytes, titles: Iterable[str]) -> dict[str, Cached]:
    """Title -> the saved value of every formula cell of that sheet in the input package."""
    wanted = set(titles)
    found: dict[str, Cached] = {}
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for part in guard.sheet_parts(archive):
            if part.title in wanted and part.worksheet and part.path in archive.namelist():
                cached = _sheet_values(archive.read(part.path))
                if cached:
                    found[part.title] = cached
    return found


def _sheet_values(xml: bytes) -> Cached:
    if b"<f" not in xml and b":f" not in xml:
        return {}
    cached: Cached = {}
    for _, element in iterparse(BytesIO(xml)):
        if _local(element.tag) != "c":
            continue
        children = {_local(child.tag): child for child in element}
        kind = element.get("t", "n")
        value = children.get("v")
        if "f" in children and value is not None and value.text and kind in _KEPT_TYPES:
            cached[element.get("r", "")] = (kind, value.text)
        element.clear()
    return cached


def restore(package: bytes, values: dict[str, Cached]) -> bytes:
    """The package with each copied sheet's formula cells given their saved values."""
    if not values:
        return package
    source = zipfile.ZipFile(BytesIO(package))
    paths = {part.path: values[part.title] for part in guard.sheet_parts(source)
             if part.title in values and part.path}
    target = BytesIO()
    with source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in paths:
                data = _fill(data, paths[info.filename])
            out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return target.getvalue()


def _fill(xml: bytes, cached: Cached) -> bytes:
    def put_value(match: re.Match) -> bytes:
        saved = cached.get(match.group(1).decode())
        if saved is None:
            return match.group(0)
        kind, text = saved
        attributes = _TYPE_ATTRIBUTE.sub(b"", match.group(2))
        if kind != "n":
            attributes += f' t="{kind}"'.encode()
        value = escape(text).encode()
        return (b'<c r="' + match.group(1) + b'"' + attributes + b">" + match.group(3)
                + b"<v>" + value + b"</v>" + match.group(4))

    return _FORMULA_CELL.sub(put_value, xml)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]
