"""Open a workbook in LibreOffice headless: to PDF, to one CSV per sheet, a page to PNG.

Used by the LibreOffice check of the result workbook (tests/test_libreoffice.py)
and by scripts/render_summary.py for the picture in the docs. Each call runs
`soffice` with a private, throw-away profile, so parallel runs do not clash,
and with a timeout.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE = "soffice"
PDFTOPPM = "pdftoppm"
TIMEOUT_S = 180
# CSV export (LibreOffice ≥ 7.2): comma, double quote, UTF-8, from line 1, cell
# values not as shown, every sheet to <name>-<sheet>.csv (the last token, -1).
CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'


class OfficeError(RuntimeError):
    """LibreOffice or pdftoppm failed, or is not installed."""


def soffice() -> str | None:
    """The LibreOffice command, or None if it is not on the PATH."""
    return shutil.which(SOFFICE)


def convert(workbook: Path, target: str, folder: Path, timeout_s: float = TIMEOUT_S) -> str:
    """Run `soffice --headless --convert-to target`; return what it printed."""
    command = soffice()
    if command is None:
        raise OfficeError("LibreOffice (soffice) is not on the PATH.")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="allocate-lo-profile-") as profile:
        args = [command, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                "--norestore", "--convert-to", target, "--outdir", str(folder), str(workbook)]
        try:
            done = subprocess.run(args, capture_output=True, text=True, timeout=timeout_s,
                                  check=False)
        except subprocess.TimeoutExpired as error:
            raise OfficeError(f"LibreOffice did not finish within {timeout_s:g} s.") from error
    output = done.stdout + done.stderr
    failed = any(line.startswith("Error") for line in output.splitlines())
    if done.returncode != 0 or failed:  # "Error: source file could not be loaded" exits 0
        raise OfficeError(f"LibreOffice failed (exit {done.returncode}): {output.strip()}")
    return output


def to_pdf(workbook: Path, folder: Path) -> Path:
    convert(workbook, "pdf", folder)
    pdf = folder / f"{workbook.stem}.pdf"
    if not pdf.is_file():
        raise OfficeError(f"LibreOffice wrote no PDF for {workbook.name}.")
    return pdf


def to_csv(workbook: Path, folder: Path) -> dict[str, Path]:
    """One CSV per sheet; sheet title -> file (LibreOffice names them <stem>-<sheet>.csv)."""
    output = convert(workbook, CSV_FILTER, folder)
    found = {}
    for line in output.splitlines():  # "Writing sheet Summary -> /path/book-Summary.csv"
        if line.startswith("Writing sheet ") and " -> " in line:
            title, path = line[len("Writing sheet "):].rsplit(" -> ", 1)
            found[title] = Path(path)
    return found


def page_png(pdf: Path, target: Path, page: int = 1, dpi: int = 110) -> Path:
    """Render one page of a PDF to `target` (.png) with pdftoppm."""
    command = shutil.which(PDFTOPPM)
    if command is None:
        raise OfficeError("pdftoppm (poppler-utils) is not on the PATH.")
    stem = target.with_suffix("")
    args = [command, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
            str(pdf), str(stem)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise OfficeError(f"pdftoppm failed: {done.stderr.strip()}")
    return stem.with_suffix(".png")
