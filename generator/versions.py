"""Every version of a workbook's document kept (the file layer: it reads the clock, the core never).

Each run that makes a document different from the last version keeps a copy of it and of its
results workbook in `<output>/<workbook's name>/<date>_<time>_<du-thao|chinh-thuc>/`. A version
marked "đã ban hành" (the file MARK in its folder) is never removed; of the others, only the last
KEEP are kept.
"""

from __future__ import annotations

import datetime
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import texts
from .output import write_atomic

KEEP = 20  # unmarked versions kept of each workbook
MARK = "da-ban-hanh"  # the file that marks a version issued
STAMP = "%Y-%m-%d_%H-%M-%S"
FOLDER = re.compile(r"(\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2})(?:-(\d+))?_(du-thao|chinh-thuc)")
STATES = {True: "du-thao", False: "chinh-thuc"}  # a folder's last part, by whether its document is a draft


@dataclass(frozen=True)
class Version:
    """One kept version: its folder, when it was made, whether a draft, whether marked issued."""

    folder: Path
    made: datetime.datetime  # to the second
    number: int  # 1, or 2, 3… for a second run in the same second
    draft: bool
    issued: bool

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def label(self) -> str:
        """How the page names it: "07/12/2026 12:40:05 – Dự thảo"."""
        state = texts.RESULTS_STATES['draft' if self.draft else 'final']
        return f"{self.made.strftime('%d/%m/%Y %H:%M:%S')} – {state}"

    def files(self) -> list[Path]:
        """Its document and results workbook (and whatever else was kept), by name."""
        return sorted(p for p in self.folder.iterdir() if p.is_file() and p.name != MARK)

    def file(self, suffix: str) -> Path | None:
        return next((p for p in self.files() if p.name.endswith(suffix)), None)


def folder_of(out_dir: Path, name: str) -> Path:
    """Where the versions of the workbook `name` (its file's name without `.xlsx`) are kept: a
    folder of the output folder named so, as its outputs are."""
    return out_dir / name


def listed(out_dir: Path, name: str) -> list[Version]:
    """The versions of the workbook `name`, the newest first."""
    root = folder_of(out_dir, name)
    if not root.is_dir():
        return []
    found: list[Version] = []
    for folder in root.iterdir():
        match = FOLDER.fullmatch(folder.name)
        if match and folder.is_dir():
            made = datetime.datetime.strptime(match[1], STAMP)
            found.append(Version(folder, made, int(match[2] or 1), match[3] == STATES[True], (folder / MARK).exists()))
    return sorted(found, key=lambda v: (v.made, v.number), reverse=True)


def kept(out_dir: Path, name: str, files: list[Path], draft: bool, now: datetime.datetime) -> Version | None:
    """Keeps `files` (a run's document and results workbook, just written) as a version of the
    workbook `name` made `now`, unless the last version holds the same bytes; then removes the unmarked
    versions beyond the last KEEP. The new version, or None when nothing changed."""
    versions = listed(out_dir, name)
    if versions and _same(versions[0], files):
        return None
    root = folder_of(out_dir, name)
    moment, n = now.replace(microsecond=0), 1
    while any((v.made, v.number) == (moment, n) for v in versions):  # two runs in one second
        n += 1
    base = moment.strftime(STAMP)
    folder = root / f"{base}{'' if n == 1 else f'-{n}'}_{STATES[draft]}"
    folder.mkdir(parents=True)
    for path in files:
        write_atomic(folder / path.name, path.read_bytes())
    pruned(out_dir, name)
    return listed(out_dir, name)[0]


def _same(version: Version, files: list[Path]) -> bool:
    held = {p.name: p for p in version.files()}
    return held.keys() == {p.name for p in files} and all(held[p.name].read_bytes() == p.read_bytes() for p in files)


def mark(version: Version) -> None:
    """Marks `version` issued ("đã ban hành"): it is never removed."""
    write_atomic(version.folder / MARK, b"")


def pruned(out_dir: Path, name: str, keep: int = KEEP) -> list[Version]:
    """Removes the workbook's unmarked versions beyond the last `keep`; the versions removed."""
    unmarked = [v for v in listed(out_dir, name) if not v.issued]
    removed = unmarked[keep:]
    for version in removed:
        shutil.rmtree(version.folder, ignore_errors=True)
    return removed
