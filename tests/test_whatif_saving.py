"""The what-if commands keep their results when the output cannot be written at the end,
and stop on SIGTERM as on Ctrl-C, saying how far they got."""

from __future__ import annotations

import os
import re
import signal

import pytest
from openpyxl import load_workbook

from optimiser.cli import whatif as cli_whatif
from optimiser.errors import OutputError
from optimiser.whatif.saving import fallback_paths, save_keeping_results
from optimiser.whatif.sensitivity_report import MC_DRAWS, MONTE_CARLO
from tests.test_whatif_cli import invoke
from tests.workbooks import minimal_sheets, write_workbook

MC = ("--sections", "montecarlo", "--draws", 5, "--workers", 1)


@pytest.fixture
def book(tmp_path):
    return write_workbook(tmp_path / "book.xlsx", minimal_sheets())


def values(path, title):
    return [list(row) for row in load_workbook(path, read_only=True)[title].iter_rows(
        values_only=True)]


def test_an_output_opened_in_excel_at_the_end_keeps_the_results_beside_it(
        book, tmp_path, monkeypatch):
    out = tmp_path / "out.xlsx"
    real_call = cli_whatif.BatchBar.__call__

    def lock_at_the_end(self, done, total):  # Excel opens the file while the batch runs
        real_call(self, done, total)
        if done == total:
            (tmp_path / "~$out.xlsx").write_text("")

    monkeypatch.setattr(cli_whatif.BatchBar, "__call__", lock_at_the_end)
    run = invoke("sensitivity", book, "-o", out, *MC)
    assert run.exit_code == 1, run.output
    fallback = tmp_path / "out-1.xlsx"
    assert f"Cannot write {out}: it is open in Excel" in run.output
    assert f"The results were kept: they were written to {fallback} instead." in run.output
    assert not out.exists()
    monkeypatch.undo()
    again = invoke("sensitivity", book, "-o", tmp_path / "again.xlsx", *MC)
    assert again.exit_code == 0, again.output
    for title in (MONTE_CARLO, MC_DRAWS):
        assert values(fallback, title) == values(tmp_path / "again.xlsx", title)


def test_an_output_locked_before_the_run_fails_at_once(book, tmp_path, monkeypatch):
    (tmp_path / "~$out.xlsx").write_text("")
    started = []
    monkeypatch.setattr(cli_whatif.BatchBar, "__call__", lambda *args: started.append(1))
    run = invoke("scenarios", book, "-o", tmp_path / "out.xlsx")
    assert run.exit_code == 1
    assert "it is open in Excel" in run.output and not started


def test_fallbacks_skip_taken_names_then_leave_an_unwritable_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "run-1.xlsx").write_text("someone's file")
    target = shared / "run.xlsx"
    assert next(fallback_paths(target)) == shared / "run-2.xlsx"

    def write(path):  # the shared folder refuses every file (read-only, or its disk full)
        if path.parent == shared:
            raise OutputError(f"Cannot write {path}: No space left on device.")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("results")

    written, reason = save_keeping_results(write, target)
    assert written == tmp_path / "outputs" / "run-1.xlsx"
    assert "No space left" in str(reason)
    assert (shared / "run-1.xlsx").read_text() == "someone's file"


def test_nowhere_to_write_raises_the_first_error(tmp_path):
    def write(path):
        raise OutputError(f"Cannot write {path}: disk full.")

    with pytest.raises(OutputError, match=re.escape(f"Cannot write {tmp_path / 'x.xlsx'}")):
        save_keeping_results(write, tmp_path / "x.xlsx")


@pytest.mark.parametrize("command", ["scenarios", "sensitivity"])
def test_sigterm_stops_like_ctrl_c_and_says_how_far_it_got(book, tmp_path, monkeypatch,
                                                          command):
    def terminate(self, done, total):
        if done >= 1:
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(cli_whatif.BatchBar, "__call__", terminate)
    out = tmp_path / "out" / "never.xlsx"
    run = invoke(command, book, "-o", out)
    assert run.exit_code == 143, run.output
    assert re.search(r"Stopped \(terminated\) after \d+ of \d+ points; nothing was written\.",
                     run.output)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # put back as it was
