"""Every malformed workbook of the corpus gets a clear error at the right place (exit 3)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import defusedxml.ElementTree
import openpyxl.xml.functions
import pytest
from defusedxml import DefusedXmlException
from openpyxl import load_workbook

from optimiser.errors import ExitCode, WorkbookInvalid
from optimiser.readers import guard
from optimiser.readers.validate import read_workbook
from tests.corpus import DEFECTS, Defect, _billion_laughs, _quadratic_blowup

ROOT = Path(__file__).resolve().parent.parent


def test_corpus_is_large_enough():
    assert len(DEFECTS) >= 40
    assert len({defect.name for defect in DEFECTS}) == len(DEFECTS)


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda defect: defect.name)
def test_defect_is_reported_where_it_is(defect: Defect, tmp_path: Path):
    path = defect.build(tmp_path)
    with pytest.raises(WorkbookInvalid) as caught:
        read_workbook(path)
    error = caught.value
    assert error.exit_code == ExitCode.INVALID
    assert error.source == path.name
    found = [(p.sheet, p.cell, p.value) for p in error.problems]
    assert (defect.sheet, defect.cell, defect.value) in found, str(error)
    here = [p for p in error.problems if (p.sheet, p.cell, p.value) ==
            (defect.sheet, defect.cell, defect.value)]
    assert any(defect.says in problem.message for problem in here), str(error)
    assert len(error.problems) == defect.count, str(error)


def test_openpyxl_parses_xml_with_defusedxml():
    """openpyxl picks defusedxml up when it is installed; the reader relies on it."""
    assert openpyxl.xml.functions.iterparse is defusedxml.ElementTree.iterparse
    assert openpyxl.xml.functions.fromstring is defusedxml.ElementTree.fromstring


@pytest.mark.parametrize("make", [_billion_laughs, _quadratic_blowup])
def test_openpyxl_alone_refuses_entity_bombs(make, tmp_path: Path):
    """Even without our prolog check, openpyxl's own (defused) parse refuses the bomb."""
    path = make(tmp_path)
    started = time.perf_counter()
    with pytest.raises((DefusedXmlException, ValueError)) as caught:
        load_workbook(path)  # openpyxl wraps the parser's error in a ValueError
    error = caught.value
    assert isinstance(error, DefusedXmlException) or isinstance(error.__context__,
                                                                DefusedXmlException)
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("make", [_billion_laughs, _quadratic_blowup])
def test_entity_bomb_fails_fast_with_bounded_memory(make, tmp_path: Path):
    """In a fresh process: refused in well under a second, peak memory barely above import."""
    path = make(tmp_path)
    script = textwrap.dedent(f"""
        import resource, time
        from optimiser.errors import WorkbookInvalid
        from optimiser.readers.validate import read_workbook
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        try:
            read_workbook({str(path)!r})
        except WorkbookInvalid as error:
            print(error.problems[0].message)
        print(time.perf_counter() - started)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    message, seconds, grown_kib = done.stdout.strip().splitlines()
    assert "declares a DTD" in message, done.stdout + done.stderr
    assert float(seconds) < 1.0
    assert int(grown_kib) < 50 * 1024


def test_limits_are_documented():
    """docs/workbook-errors.md states every limit as workbook_guard defines it."""
    doc = (ROOT / "docs" / "workbook-errors.md").read_text(encoding="utf-8")
    mib, kib = guard.MIB, guard.KIB
    stated = {
        "MAX_FILE_BYTES": f"{guard.MAX_FILE_BYTES // mib} MiB",
        "MAX_MEMBERS": f"{guard.MAX_MEMBERS:,} parts",
        "MAX_UNCOMPRESSED_BYTES": f"{guard.MAX_UNCOMPRESSED_BYTES // mib} MiB",
        "MAX_COMPRESSION_RATIO": f"{guard.MAX_COMPRESSION_RATIO} to 1",
        "MAX_SHEET_ROWS": f"{guard.MAX_SHEET_ROWS:,} rows",
        "MAX_SHEET_COLUMNS": f"{guard.MAX_SHEET_COLUMNS:,} columns",
        "XML_HEAD_BYTES": f"{guard.XML_HEAD_BYTES // kib} KiB",
    }
    for name, value in stated.items():
        assert f"| `{name}` | {value} |" in doc, name
    assert f"larger than {guard.RATIO_FROM_BYTES // mib} MiB (`RATIO_FROM_BYTES`)" in doc

