"""Checks that hold for every test: no workbook a test writes has a cell over 32,000
characters (Excel cuts longer text in mid-word, silently)."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest

MAX_CELL_CHARS = 32_000
STRING_ITEM = re.compile(rb"<(?:si|is)>(.*?)</(?:si|is)>", re.S)  # shared or inline string
TEXT_RUN = re.compile(rb"<t(?:\s[^>]*)?>(.*?)</t>", re.S)


def long_cells(path: Path) -> list[tuple[str, int]]:
    """(part of the file, length) of every text longer than MAX_CELL_CHARS in a workbook."""
    found = []
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if not (name.endswith(".xml") and ("sharedStrings" in name or "worksheets/" in name)):
                continue
            for item in STRING_ITEM.finditer(book.read(name)):
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
        if path.name.startswith((".", "~$")) or not zipfile.is_zipfile(path):
            continue
        assert not long_cells(path), f"{path.name} has cells over {MAX_CELL_CHARS} characters"
