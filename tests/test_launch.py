"""The console script as a user meets it: Ctrl-C, a closed pipe, warnings and wrong usage, in a real process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builders import Spec
from conftest import ROOT, SAMPLE

XEPHANG = str(ROOT / ".venv" / "bin" / "xephang")
INTERRUPTED = "Đã dừng theo yêu cầu (Ctrl+C)."
ENGLISH = ("Traceback", "Aborted", "Usage", "Options", "Error", "Try", "No such", "Missing", "Invalid value",
           "does not exist", "Exception ignored", "BrokenPipe", "Warning")

posix_only = pytest.mark.skipif(os.name == "nt", reason="signals and pipes as POSIX has them")


@posix_only
@pytest.mark.parametrize("delay", [0, 0.1, 0.2, 0.3, 0.45, 0.6, 0.75, 0.9, 1.2, 1.5])
def test_ctrl_c_at_any_moment_is_one_vietnamese_line_and_exit_130(tmp_path, delay):
    process = subprocess.Popen([XEPHANG, "generate", str(SAMPLE), "-o", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    if process.returncode == -signal.SIGINT:  # before Python had its handler, or after it was done
        assert err == ""
    elif "Traceback" in err:
        # Only the interpreter's own start-up (site, the editable install's finder, the console
        # script's `from generator.launch import run`: some 40 ms, more on a busy machine) comes
        # before any line of ours, and there Python has its own words (a module it was importing
        # may be called warnings.py: its words are not ours to check).
        assert f"{os.sep}generator{os.sep}" not in err, err
    elif process.returncode == 130:
        assert err.strip() == INTERRUPTED
    else:  # it finished first
        assert process.returncode == 0 and err == "", err
    if "Traceback" not in err:
        assert not any(word in err for word in ENGLISH), err


@posix_only
def test_a_reader_that_goes_away_stops_nothing_and_nothing_is_said(tmp_path):
    folder = tmp_path / "vao"
    for name in ("a", "b", "c", "d"):
        Spec().write(folder / f"{name}.xlsx")
    process = subprocess.Popen([XEPHANG, "generate", str(folder), "-o", str(tmp_path / "ra")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().startswith("Đã tạo")  # as `| head -1` reads, then goes away
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0, err
    assert err == ""
    assert sorted(p.name for p in (tmp_path / "ra").glob("*.docx")) == ["a.docx", "b.docx", "c.docx", "d.docx"]


WARNING_IN_A_LIBRARY = """
import sys, warnings
from pandas.errors import PerformanceWarning
from generator import api, launch

generate = api.generate

def warns(*args, **kwargs):
    warnings.warn("DataFrame is highly fragmented.", PerformanceWarning)
    return generate(*args, **kwargs)

api.generate = warns
sys.argv = ["xephang", "generate", sys.argv[1], "-o", sys.argv[2]]
launch.run()
"""


def test_a_library_warning_never_reaches_the_user(tmp_path):
    done = subprocess.run([sys.executable, "-c", WARNING_IN_A_LIBRARY, str(SAMPLE), str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout == f"Đã tạo {tmp_path / 'khanh-hoa-2014.docx'}\n"


def test_wrong_usage_through_the_console_script_is_vietnamese_and_exits_2():
    done = subprocess.run([XEPHANG, "generate", "--khong-co"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == ("Cách dùng: xephang generate [TÙY_CHỌN] [ĐƯỜNG_DẪN]...\n"
                           "Xem hướng dẫn: xephang generate --help\n\n"
                           "Lỗi: Không có tùy chọn '--khong-co'.\n")


def test_version():
    done = subprocess.run([XEPHANG, "--version"], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "xephang, phiên bản 0.1.0\n", "")


def test_a_failure_outside_any_workbook_is_one_line_and_a_log(tmp_path, monkeypatch, capsys):
    from generator import cli, launch

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli.main, "main", broken)
    assert launch.execute(["generate"]) == 1
    log = Path("output", "xephang-loi.log")
    assert capsys.readouterr().err == (f"xephang: gặp lỗi không mong muốn (RuntimeError). Chi tiết đã ghi vào "
                                       f"{log}; hãy gửi tệp này cho bộ phận kỹ thuật.\n")
    assert "boom" in (tmp_path / log).read_text(encoding="utf-8")


def test_the_launcher_imports_the_cli_texts_and_nothing_of_the_library_but_its_import_free_failure_log():
    # Its crash handler must work when importing the library is what failed: `errors` (the log of
    # a failure nobody foresaw) imports nothing at run time, where `api` would import pandas again.
    import generator.errors
    import generator.launch
    from builders import package_imports

    assert package_imports(Path(generator.launch.__file__)) == {"cli", "texts", "errors"}
    assert package_imports(Path(generator.errors.__file__)) == set()
    source = Path(generator.errors.__file__).read_text(encoding="utf-8")
    assert [line for line in source.splitlines() if line.startswith(("import ", "from "))] == [
        "from __future__ import annotations"]


def test_a_ctrl_c_that_an_import_wrapped_in_another_error_is_still_an_interruption(monkeypatch, capsys):
    # Python turns a KeyboardInterrupt during a class's creation into "RuntimeError: Error calling
    # __set_name__" caused by it: numpy's finfo, hit while pandas is imported.
    from generator import launch

    def interrupted_import(args):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__ on 'cached_property' instance") from exc

    monkeypatch.setattr(launch, "_command_line", interrupted_import)
    assert launch.execute(["generate"]) == launch.INTERRUPTED
    assert "gặp lỗi không mong muốn" not in capsys.readouterr().err
