"""`xephang watch`: regenerate a workbook's outputs each time it is saved (watchdog)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

# Excel saves through a temporary file and a rename, in several events within some tens of
# milliseconds: wait until a workbook has been quiet this long before reading it. Each later event
# waits anew; a read that still catches a half-written file is told, and the next event reads again.
# The page shows a save within a second (`make bench`): this, the poll and the run.
SETTLE_SECONDS = 0.4
POLL_SECONDS = 0.1


class _Saved(FileSystemEventHandler):
    def __init__(self, accept: Callable[[Path], bool]) -> None:
        self.accept = accept
        self.pending: dict[Path, float] = {}
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("created", "modified", "moved", "closed"):
            return
        raw = getattr(event, "dest_path", "") or event.src_path
        path = Path(raw if isinstance(raw, str) else raw.decode())
        if not event.is_directory and self.accept(path):
            with self.lock:
                self.pending[path] = time.monotonic()

    def settled(self) -> list[Path]:
        now = time.monotonic()
        with self.lock:
            ready = [p for p, t in self.pending.items() if now - t >= SETTLE_SECONDS]
            for path in ready:
                del self.pending[path]
        return [p for p in ready if p.exists()]


def watch_folder(
    folder: Path,
    accept: Callable[[Path], bool],
    on_saved: Callable[[Path], object],
    stop: threading.Event | None = None,
) -> None:
    """Calls `on_saved(workbook)` after each save of an accepted file in `folder`, until `stop`."""
    stop = stop or threading.Event()
    handler = _Saved(accept)
    observer = Observer()
    observer.schedule(handler, str(folder), recursive=False)
    observer.start()
    try:
        while not stop.wait(POLL_SECONDS):
            for path in handler.settled():
                on_saved(path)
    finally:
        observer.stop()
        observer.join()
