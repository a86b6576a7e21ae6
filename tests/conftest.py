"""Checks that hold for every test: no workbook a test writes has a cell over 32,000
characters (Excel cuts longer text in mid-word, silently). Hostile inputs some tests
build on purpose (entity and zip bombs, broken archives) are not workbooks a tool
wrote: they are skipped."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest

MAX_CELL_CHARS = 32_000
MAX_PART_BYTES = 64 * 2**20
STRING_ITEM = re.compile(rb"<(?:si|is)>(.*?)</(?:si|is)>", re.S)  # shared or inline string
TEXT_RUN = re.compile(rb"<t(?:\s[^>]*)?>(.*?)</t>", re.S)


def long_cells(path: Path) -> list[tuple[str, int]]:
    """(part of the file, length) of every text longer than MAX_CELL_CHARS in a workbook."""
    found = []
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if not (name.endswith(".xml") and ("sharedStrings" in name or "worksheets/" in name)):
                continue
            if book.getinfo(name).file_size > MAX_PART_BYTES:
                continue  # a zip bomb some corpus test builds, not a workbook a tool wrote
            xml = book.read(name)
            if b"<!DOCTYPE" in xml[:4096]:
                continue  # a hostile input (an entity bomb): no tool writes a DTD
            for item in STRING_ITEM.finditer(xml):
                text = "".join(html.unescape(run.decode("utf-8"))
                               for run in TEXT_RUN.findall(item.group(1)))
                if len(text) > MAX_CELL_CHARS:
                    found.append((name, len(text)))
    return found


@pytest.fixture(autouse=True)
def no_cell_over_32000_characters(request):
    """After each test, scan the workbooks it wrote in its temporary folder."""
    if "tmp_path" not in request.fixturenames:
        yield
        return
    folder = request.getfixturevalue("tmp_path")  # now, so it outlives this check
    yield
    for path in sorted(folder.rglob("*.xlsx")):
        try:
            found = long_cells(path)
        except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
            continue  # a deliberately broken input of a test, not a workbook a tool wrote
        assert not found, f"{path.name} has cells over {MAX_CELL_CHARS} characters: {found}"
