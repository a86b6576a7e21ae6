"""Run the installed `allocate` command in a folder, and read what it wrote.

Tests call the console script itself (as a user would), in a fresh process
with the test's temporary folder as the working directory.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from tests.workbooks import Rows, write_workbook

SCRIPT = Path(sys.executable).with_name("allocate")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "optimiser.cli"]
M = 1_000_000


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def allocate(cwd: Path, *args: object, timeout: float = 120) -> Ran:
    """`allocate ARGS...` run in `cwd`; its exit status, stdout and stderr."""
    done = subprocess.run([*COMMAND, *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, check=False)
    ran = Ran(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in ran.text, ran.text  # no Python traceback ever reaches a user
    return ran


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its sha256: to show that nothing changed."""
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*"))
            if p.is_file()}


def key_values(path: Path, sheet: str) -> dict[str, object]:
    """The key/value pairs of columns A and B of `sheet` (Summary, Run info)."""
    book = load_workbook(path, read_only=True)
    pairs = {row[0]: row[1] for row in book[sheet].iter_rows(min_row=2, max_col=2,
                                                            values_only=True) if row[0]}
    book.close()
    return pairs


def table(path: Path, sheet: str) -> list[dict[str, object]]:
    """A sheet with its header in row 1, as one dict per row."""
    book = load_workbook(path, read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    book.close()
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(row)]


def write_with_text(path: Path, sheets: dict[str, Rows], texts: dict[tuple[str, str], str]) -> Path:
    """Write `sheets`, then put `texts` {(sheet, "A2"): text} in as text cells, never formulas.

    openpyxl would take a string starting with "=" for a formula; a user who
    types a name like that in Excel as text gets a text cell, which is what
    this writes.
    """
    write_workbook(path, sheets)
    book = load_workbook(path)
    for (title, ref), text in texts.items():
        cell = book[title][ref]
        cell.value = text
        cell.data_type = "s"
    book.save(path)
    return path


VBA_CONTENT_TYPE = b"application/vnd.ms-office.vbaProject"
VBA_RELATIONSHIP = b"http://schemas.microsoft.com/office/2006/relationships/vbaProject"
XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def write_xlsm(path: Path, sheets: dict[str, Rows], vba: bytes) -> Path:
    """A macro-enabled workbook: `sheets` plus the part xl/vbaProject.bin holding `vba`.

    The part is wired in as Excel does it: a content type for .bin, the
    macro-enabled main content type, and a relationship from the workbook.
    """
    plain = path.with_name(path.stem + "-plain.xlsx")
    write_workbook(plain, sheets)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(XLSX_MAIN, XLSM_MAIN).replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="' + VBA_CONTENT_TYPE + b'"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdVba" Type="' + VBA_RELATIONSHIP
                    + b'" Target="vbaProject.bin"/></Relationships>')
            out.writestr(info, data)
        out.writestr("xl/vbaProject.bin", vba)
    plain.unlink()
    return path


def vba_part(path: Path) -> bytes | None:
    """The bytes of xl/vbaProject.bin in the workbook at `path`, or None."""
    with zipfile.ZipFile(path) as archive:
        if "xl/vbaProject.bin" not in archive.namelist():
            return None
        return archive.read("xl/vbaProject.bin")
