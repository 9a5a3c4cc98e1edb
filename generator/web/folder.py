"""The working folder the page follows (`xephang serve` started where `input/` is): every workbook
in it generated at once, then again after each save (watchdog, settling while Excel writes, as
`xephang watch` does); each open page hears of it by server-sent events (`/su-kien`) and fetches
the folder's part of the page again.

Generating goes through `api.generate` into the output folder, as an upload's does; the results
are kept here, the latest of each workbook, for the page to draw.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from .. import api

Generate = Callable[[Path], "api.Result | str"]  # a workbook's result, or what kept it from being made
# How saves are followed: `watch.watch_folder(folder, accept, on_saved, stop)`, given by the command
# that starts the page (watchdog is the watch's, a front end of its own).
Follow = Callable[[Path, Callable[[Path], bool], Callable[[Path], object], threading.Event], None]
KEEPALIVE_SECONDS = 15  # a comment line on a quiet stream, so that a proxy or the browser keeps it open


class Folder:
    """The latest result of each workbook of `folder`, and a count of the changes, which a page
    waits on."""

    def __init__(self, folder: Path, generate: Generate, follow: Follow) -> None:
        self.folder, self.generate, self.follow = folder, generate, follow
        self.results: dict[Path, api.Result | str] = {}
        self.changes = 0
        self.changed = threading.Condition()
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        """Generates every workbook of the folder, then follows its saves, in a thread of its own."""
        self.thread = threading.Thread(target=self._follow, name="xephang-thu-muc", daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        with self.changed:
            self.changed.notify_all()
        if self.thread is not None:
            self.thread.join(timeout=5)

    def _follow(self) -> None:
        for book in api.workbooks_in([self.folder]) if self.folder.is_dir() else []:
            self.update(book)
        if self.folder.is_dir() and not self.stop.is_set():
            self.follow(self.folder, api.is_workbook, self.update, self.stop)

    def update(self, book: Path) -> None:
        """Generates `book` and tells the waiting pages; a workbook removed since is forgotten."""
        if not book.exists():
            self.results.pop(book, None)
        else:
            self.results[book] = self.generate(book)
        with self.changed:
            self.changes += 1
            self.changed.notify_all()

    def books(self) -> list[tuple[Path, api.Result | str]]:
        """The workbooks generated so far, by name."""
        return sorted(self.results.items(), key=lambda item: item[0].name.casefold())

    def events(self, after: int) -> Iterator[str]:
        """The server-sent events of a page that has seen `after` changes: one each time the folder
        changes (its data the count), a comment line while nothing does; until the server stops."""
        seen = after
        while not self.stop.is_set():
            with self.changed:
                if self.changes <= seen and not self.stop.is_set():  # else it is there already
                    self.changed.wait(timeout=KEEPALIVE_SECONDS)
                now = self.changes
            if now > seen:
                seen = now
                yield f"event: thu-muc\ndata: {now}\n\n"
            else:
                yield ": \n\n"
