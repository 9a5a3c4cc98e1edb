"""Files a user names are read as regular files of a bounded size; one run's outputs under one lock."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from builders import Spec
from conftest import ROOT
from generator import api, errors, files, texts


def test_a_regular_file_is_read_whole(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"x" * (3 * files.CHUNK + 5))
    assert files.read_bounded(tmp_path / "a.xlsx", 4 * files.CHUNK) == b"x" * (3 * files.CHUNK + 5)


@pytest.mark.parametrize("path", ["folder", "/dev/zero", "fifo"])
def test_a_folder_a_device_or_a_pipe_is_not_a_file(tmp_path, path):
    (tmp_path / "folder").mkdir()
    if path == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes on this system")
        os.mkfifo(tmp_path / "fifo")  # opened, it would wait for a writer forever
    if not Path(tmp_path, path).exists():
        pytest.skip(f"{path} does not exist here")
    with pytest.raises(errors.NotAFile):
        files.read_bounded(tmp_path / path, files.NAMED_MOST)


def test_a_file_larger_than_its_kind_or_that_grows_past_it_is_refused(tmp_path):
    (tmp_path / "big.xlsx").write_bytes(b"x" * 1001)
    with pytest.raises(errors.FileTooLarge):
        files.read_bounded(tmp_path / "big.xlsx", 1000)
    status = Path("/proc/self/status")  # a file whose size says 0, with more than 10 bytes in it
    if status.exists() and status.stat().st_size == 0:
        with pytest.raises(errors.FileTooLarge):
            files.read_bounded(status, 10)


@pytest.mark.parametrize("where, reason", [
    ("folder", texts.UNREADABLE_FOLDER), ("/dev/zero", texts.UNREADABLE_NOT_FILE),
    ("big", texts.UNREADABLE_TOO_LARGE.format(most=1)),
])
def test_a_workbook_that_is_no_file_or_too_large_is_one_problem_in_vietnamese(tmp_path, monkeypatch, where, reason):
    (tmp_path / "folder").mkdir()
    (tmp_path / "big").write_bytes(b"x" * ((1 << 20) + 1))
    monkeypatch.setattr(files, "WORKBOOK_MOST", 1 << 20)
    result = api.generate(tmp_path / where, tmp_path / "out")
    assert result.report.flatten(["code"]) == [["file_unreadable"]]
    assert result.report.problems[0].params["reason"] == reason
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("where, reason", [
    ("thu-muc", texts.LAST_RESULTS_NOT_FILE), ("/dev/zero", texts.LAST_RESULTS_NOT_FILE),
    ("lon.ketqua.xlsx", texts.LAST_RESULTS_TOO_LARGE.format(most=1)),
])
def test_last_years_results_that_are_no_file_or_too_large_are_an_error_at_their_cell(
        tmp_path, monkeypatch, where, reason):
    (tmp_path / "thu-muc").mkdir()
    (tmp_path / "lon.ketqua.xlsx").write_bytes(b"x" * ((1 << 20) + 1))
    monkeypatch.setattr(files, "NAMED_MOST", 1 << 20)
    spec = Spec()
    spec.info.append(("Kết quả năm trước", where))
    result = api.generate(spec.write(tmp_path / "nam.xlsx"), tmp_path / "out")
    at = f"B{len(spec.info)}"  # the sheet's last row (the header is its first)
    assert result.report.flatten(["code", "sheet", "cell"]) == [["last_results_invalid", "Thông tin", at]]
    assert result.report.problems[0].params["reason"] == reason and result.docx is None


# --- one run's outputs together ---------------------------------------------------------------

HOLDER = """
import sys
from pathlib import Path
from generator import files
with files.outputs_locked(Path(sys.argv[1]), sys.argv[2]):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes it
"""


def holding(out_dir: Path, name: str) -> subprocess.Popen[str]:
    """Another process holding the lock of `name`'s outputs in `out_dir` until its stdin closes."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(out_dir), name], cwd=ROOT, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_a_run_waits_for_another_process_writing_the_same_outputs(tmp_path):
    workbook = Spec().write(tmp_path / "nam.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    holder = holding(out, "NAM.docx")  # Windows' names ignore case: one output
    done = threading.Event()
    runner = threading.Thread(target=lambda: (api.generate(workbook, out), done.set()))
    runner.start()
    try:
        assert not done.wait(1.5) and not (out / "nam.docx").exists()  # waits: nothing written
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(30)
    runner.join(60)
    assert done.is_set() and (out / "nam.docx").exists() and (out / "nam.ketqua.xlsx").exists()


def test_runs_on_other_outputs_do_not_wait(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = holding(out, "khac.docx")
    try:
        assert api.generate(Spec().write(tmp_path / "nam.xlsx"), out).ok
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(30)


def test_two_threads_take_the_lock_one_after_the_other(tmp_path):
    inside: list[int] = []
    most = [0]

    def run() -> None:
        with files.outputs_locked(tmp_path, "nam.docx"):
            inside.append(1)
            most[0] = max(most[0], len(inside))
            threading.Event().wait(0.05)
            inside.pop()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert most == [1]


def test_without_a_place_for_the_lock_the_run_goes_on_unlocked(tmp_path, monkeypatch):
    (tmp_path / "tep").write_text("")
    monkeypatch.setattr(files.tempfile, "gettempdir", lambda: str(tmp_path / "tep"))  # a file, no folder
    with files.outputs_locked(tmp_path, "nam.docx"):
        pass
