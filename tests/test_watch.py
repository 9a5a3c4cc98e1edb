from __future__ import annotations

import threading
import time

import pytest
from click.testing import CliRunner
from watchdog.events import DirModifiedEvent, FileClosedEvent, FileCreatedEvent, FileModifiedEvent, FileMovedEvent

from builders import Spec
from generator import api, watch
from generator.api import is_workbook
from generator.cli import main
from generator.watch import watch_folder


def test_each_save_regenerates_that_workbooks_outputs(tmp_path):
    folder, out = tmp_path / "vao", tmp_path / "ra"
    folder.mkdir()
    stop = threading.Event()
    seen: list[str] = []

    def regenerate(book):
        seen.append(book.name)
        api.generate(book, out)

    watcher = threading.Thread(target=watch_folder, args=(folder, is_workbook, regenerate, stop))
    watcher.start()
    try:
        time.sleep(0.5)
        Spec().write(folder / "nam.xlsx")
        (folder / "~$nam.xlsx").write_bytes(b"Excel's owner file")
        deadline = time.monotonic() + 15
        while not (out / "nam.docx").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert (out / "nam.docx").exists()
        first = (out / "nam.docx").stat().st_mtime_ns

        spec = Spec()
        spec.scores["Sở"][1] = (1, "Sở A", 10, 40)
        spec.write(folder / "nam.xlsx")
        while (out / "nam.docx").stat().st_mtime_ns == first and time.monotonic() < deadline:
            time.sleep(0.1)
        assert (out / "nam.docx").stat().st_mtime_ns != first
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert set(seen) == {"nam.xlsx"}


class Clock:
    """`time.monotonic` for the watcher, moved by hand."""

    def __init__(self) -> None:
        self.now = 0.0  # from 0: the settling time added to it stays exact

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(watch.time, "monotonic", clock)
    return clock


def test_a_workbook_is_read_once_it_has_been_quiet_for_the_settling_time(tmp_path, clock):
    book = Spec().write(tmp_path / "nam.xlsx")
    saved = watch._Saved(is_workbook)
    saved.on_any_event(FileCreatedEvent(str(book)))
    clock.now += watch.SETTLE_SECONDS * 0.9
    saved.on_any_event(FileModifiedEvent(str(book)))  # Excel writes a save in several events
    clock.now += watch.SETTLE_SECONDS * 0.9
    assert saved.settled() == []  # still being written: quiet for less than the settling time
    clock.now += watch.SETTLE_SECONDS * 0.1
    assert saved.settled() == [book]
    assert saved.settled() == []  # once per save


def test_excels_save_through_a_temporary_file_renamed_is_the_workbooks_save(tmp_path, clock):
    book = Spec().write(tmp_path / "nam.xlsx")
    saved = watch._Saved(is_workbook)
    saved.on_any_event(FileModifiedEvent(str(tmp_path / "8A3F2C10")))  # Excel's temporary file
    saved.on_any_event(FileMovedEvent(str(tmp_path / "8A3F2C10"), str(book)))
    saved.on_any_event(FileClosedEvent(str(tmp_path / "~$nam.xlsx")))  # Excel's owner file
    saved.on_any_event(DirModifiedEvent(str(tmp_path)))
    clock.now += watch.SETTLE_SECONDS
    assert saved.settled() == [book]


def test_a_workbook_gone_before_it_settled_is_not_read(tmp_path, clock):
    book = Spec().write(tmp_path / "nam.xlsx")
    saved = watch._Saved(is_workbook)
    saved.on_any_event(FileModifiedEvent(str(book)))
    book.unlink()
    clock.now += watch.SETTLE_SECONDS
    assert saved.settled() == []


def test_watch_marks_a_bad_save_then_writes_the_notice_once_fixed_and_ctrl_c_ends_it_quietly(tmp_path, monkeypatch):
    folder, out = tmp_path / "vao", tmp_path / "ra"
    folder.mkdir()
    book = folder / "nam.xlsx"
    bad = Spec()
    bad.scores["Sở"][1] = (1, "Sở A", 101, 40)

    def two_saves_then_ctrl_c(watched, accept, on_saved, stop=None):
        assert watched == folder and accept(book) and not accept(folder / "~$nam.xlsx")
        on_saved(bad.write(book))
        assert (out / "nam.loi.xlsx").exists() and not (out / "nam.docx").exists()
        on_saved(Spec().write(book))
        raise KeyboardInterrupt

    monkeypatch.setattr(watch, "watch_folder", two_saves_then_ctrl_c)
    result = CliRunner().invoke(main, ["watch", str(folder), "-o", str(out)])
    assert result.exit_code == 0 and result.exception is None
    lines = result.output.splitlines()
    assert lines[0] == f"Đang theo dõi {folder} (Ctrl+C để dừng)…"
    assert lines[1] == "nam.xlsx: Lỗi: Sheet 'Sở', ô C2 (Sở A – Hạ tầng): 101 vượt điểm tối đa 100."
    assert lines[-1] == f"Đã tạo {out / 'nam.docx'}"
    assert sorted(p.name for p in out.iterdir()) == ["nam", "nam.docx", "nam.ketqua.xlsx"]  # the marked copy removed
