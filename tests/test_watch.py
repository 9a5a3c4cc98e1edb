from __future__ import annotations

import threading
import time

from builders import Spec
from generator import api
from generator.cli import is_workbook
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
