"""The file layer's reading, and the lock that keeps one run's outputs together.

The core is a function of bytes; these are the only reads of files a user names: a workbook, the
file a workbook names (`Kết quả năm trước`), a Word template. Each is read bounded, as a regular
file: a path to a device (/dev/zero), a folder or a file far larger than any of them would otherwise
be read until memory runs out.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import FileTooLarge, NotAFile

WORKBOOK_MOST = 256 << 20  # a national workbook is a few MB; the page takes 64 MB an upload
NAMED_MOST = 64 << 20  # what a workbook names: last year's results workbook
TEMPLATE_MOST = 64 << 20
CHUNK = 1 << 20
LOCKS = "xephang-khoa"  # the folder of the outputs' locks, in the system's temporary folder
# What Windows refuses in a file's name (besides a name ending in a dot or a space): these characters,
# and its device names whatever follows them after a dot: the ports numbered with superscript digits
# too (COM¹), and the console's CONIN$ and CONOUT$. An upload's name is checked by them, each unit's
# result sheet is named by them.
WINDOWS_FORBIDDEN = frozenset('<>:"/\\|?*') | frozenset(chr(c) for c in range(32)) | {"\x7f"}
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$",
                             *(f"{port}{digit}" for port in ("com", "lpt") for digit in "0123456789¹²³")})


def windows_device(name: str) -> bool:
    """Whether Windows takes the file `name` for a device (`CON.docx`, `com1 .txt`)."""
    return name.split(".")[0].rstrip(" ").casefold() in WINDOWS_DEVICES


def read_bounded(path: Path, most: int) -> bytes:
    """The bytes of the regular file at `path`, of at most `most` bytes. Raises NotAFile (a
    folder, a device, a pipe), FileTooLarge, or OSError (missing, not readable)."""
    if not stat.S_ISREG(os.stat(path).st_mode):  # before opening it: opening a pipe waits for a writer
        raise NotAFile(str(path))
    with open(path, "rb") as stream:
        if os.fstat(stream.fileno()).st_size > most:
            raise FileTooLarge(str(path), most)
        chunks, size = [], 0
        while chunk := stream.read(CHUNK):  # never more than read: a file may grow, or lie (/proc)
            chunks.append(chunk)
            size += len(chunk)
            if size > most:
                raise FileTooLarge(str(path), most)
    return b"".join(chunks)


@contextlib.contextmanager
def outputs_locked(out_dir: Path, name: str) -> Iterator[None]:
    """Holds the lock of the outputs named `name` (a workbook's, ignoring case as Windows does) in
    `out_dir` while the block runs: two runs on one output folder at once, in two processes or two
    threads of one (the page), write their outputs one run after the other, never one run's
    document beside the other's results. filelock locks a file with the system's own lock (flock,
    or msvcrt on Windows), which a process that dies lets go of; the file is kept in the system's
    temporary folder, named after the folder and the outputs, so that the output folder holds
    only outputs. Where no lock file can be made, the block runs unlocked."""
    from filelock import FileLock

    where = f"{os.path.normcase(out_dir.resolve())}\0{name.casefold()}".encode("utf-8", "surrogatepass")
    folder = Path(tempfile.gettempdir(), LOCKS)
    lock = FileLock(folder / f"{hashlib.sha256(where).hexdigest()[:32]}.lock")
    try:
        folder.mkdir(exist_ok=True)
        lock.acquire()
    except OSError:
        yield
        return
    try:
        yield
    finally:
        lock.release()
