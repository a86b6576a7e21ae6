"""Render the Summary sheet of the example's result workbook to docs/summary.png.

Solves the shipped example (about 50 s), opens the result workbook in
LibreOffice headless, exports it to PDF and renders the first page (the
Summary, printed on one page) with pdftoppm. Needs `soffice` and `pdftoppm`
on the PATH (apt-get install libreoffice-calc-nogui poppler-utils).

    .venv/bin/python scripts/render_summary.py [--out docs/summary.png]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from optimiser.api import run  # noqa: E402
from optimiser.writers.office import OfficeError, page_png, to_pdf  # noqa: E402

DPI = 110


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "summary.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="allocate-summary-") as folder:
        folder = Path(folder)
        report = run(output_path=folder / "example-allocation.xlsx",
                     progress=lambda message: print(f"{message} ...", file=sys.stderr))
        try:
            pdf = to_pdf(report.output_path, folder)
            png = page_png(pdf, folder / "summary.png", page=1, dpi=DPI)
        except OfficeError as error:
            print(error, file=sys.stderr)
            return 1
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(png.read_bytes())
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
