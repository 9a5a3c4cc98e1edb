"""What the page takes from an upload: a name that is safe to write outputs under, and last year's
results.

An upload's name is never a path. Browsers send only the file's name, some old ones the whole
path ("C:\\Users\\…\\2015.xlsx"): the name is what follows the last "/" or "\\" (and a drive,
"C:"), and it must then
be a plain file name on every system (Windows' too, where the outputs may be copied): no "..",
no ":" (a drive, an alternate stream), no character Windows refuses, no device name (CON, NUL…),
not hidden and not Excel's owner file, not ending in a dot or a space, at most NAME_MOST
characters. Its letters are kept as they are, Vietnamese ones included (in NFC).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import api, texts
from ..api import errors

NAME_MOST = 150
_SEPARATORS = re.compile(r"[\\/]")
_DRIVE = re.compile(r"^[A-Za-z]:(?=.)")  # "C:x.xlsx": what a parser that unquotes "C:\\x.xlsx" leaves


def file_name(given: str) -> str:
    """The upload's name as the outputs are named after it: its last part, checked. Raises errors.UploadNameRefused."""
    name = _DRIVE.sub("", texts.nfc(_SEPARATORS.split(given)[-1]).strip())
    if not name or name in (".", ".."):
        raise errors.UploadNameRefused(texts.WEB_NAME_EMPTY)
    bad = sorted({c for c in name if c in api.WINDOWS_FORBIDDEN})
    if bad:
        raise errors.UploadNameRefused(texts.WEB_NAME_CHARACTERS.format(characters=" ".join(repr(c)[1:-1] for c in bad)))
    if name.startswith((".", "~$")):
        raise errors.UploadNameRefused(texts.WEB_NAME_HIDDEN)
    if name.endswith((".", " ")):
        raise errors.UploadNameRefused(texts.WEB_NAME_DOTS)
    if api.windows_device(name):
        raise errors.UploadNameRefused(texts.WEB_NAME_RESERVED)
    if len(name) > NAME_MOST:
        raise errors.UploadNameRefused(texts.WEB_NAME_LONG.format(most=NAME_MOST))
    return name


def inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or under it, once both are resolved."""
    return path.resolve().is_relative_to(folder.resolve())


@dataclass
class LastYear:
    """How an upload's `Kết quả năm trước` is read: the file of that name uploaded with it (its
    last part, ignoring case); else the path as typed, relative to `folder` (the input/ folder of
    the folder the page runs from, where `xephang generate` would find the workbook), as long as
    it stays in one of `allowed` (that folder's folder, the output folder). `used` says, for the
    page, where it was read from: an uploaded file's name, or the path."""

    uploaded: Mapping[str, bytes]  # casefolded name -> bytes
    folder: Path
    allowed: tuple[Path, ...]
    used: str | None = None
    from_upload: bool = False

    def __call__(self, typed: str) -> tuple[str, bytes | None]:
        typed = typed.strip()
        base = _SEPARATORS.split(typed)[-1]
        data = self.uploaded.get(texts.nfc(base).casefold())
        if data is not None:
            self.used, self.from_upload = base, True
            return base, data
        path = self.folder / typed
        self.used, self.from_upload = str(path), False
        if not any(inside(path, folder) for folder in self.allowed):
            return str(path), None
        try:
            return str(path), api.read_named(path)
        except (errors.NotAFile, errors.FileTooLarge):
            raise
        except OSError:
            return str(path), None
