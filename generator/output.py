"""Stage 5, write: files on disk. The only module that writes, and every write is atomic."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Writes `data` to a temporary file beside `path`, then replaces `path` with it in one step:
    a crash or Ctrl-C mid-write leaves the earlier file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class LibreOfficeMissing(Exception):
    """LibreOffice (soffice) is not installed, so no PDF can be made."""


class ConversionFailed(Exception):
    """LibreOffice ran but wrote no PDF; the message holds what it said."""


PDF_TIMEOUT = 900  # seconds; a national-size notice takes well under a minute


def write_pdf(docx: Path, pdf: Path) -> None:
    """Converts `docx` with LibreOffice headless into `pdf` (atomically).

    Each run gets its own LibreOffice profile, so two conversions at once don't collide on the
    user profile's lock.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise LibreOfficeMissing()
    with tempfile.TemporaryDirectory(prefix="xephang-pdf-") as tmp:
        work = Path(tmp)
        done = subprocess.run(
            [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
             "--norestore", "--convert-to", "pdf", "--outdir", str(work), str(docx.resolve())],
            capture_output=True, text=True, timeout=PDF_TIMEOUT, stdin=subprocess.DEVNULL,
        )
        produced = work / f"{docx.stem}.pdf"
        if not produced.exists():
            raise ConversionFailed((done.stderr or done.stdout).strip())
        write_atomic(pdf, produced.read_bytes())
