"""Stage 5, write: files on disk. The only module that writes, and every write is atomic."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from . import ooxml, texts
from .problems import Report


class OutputLocked(Exception):
    """The output file is open in another program (Word, Excel) that keeps it from being replaced."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def write_atomic(path: Path, data: bytes) -> None:
    """Writes `data` to a temporary file beside `path`, then replaces `path` with it in one step:
    a crash or Ctrl-C mid-write leaves the earlier file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _mode(path))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.replace(tmp, path)
        except PermissionError:  # Windows: the file is open in Word or Excel
            raise OutputLocked(path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    """The file's permissions as an ordinary write would leave them (mkstemp's are owner-only)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def remove(path: Path) -> None:
    """Removes an output that no longer holds (an annotated copy once the workbook is fixed)."""
    try:
        path.unlink(missing_ok=True)
    except PermissionError:
        raise OutputLocked(path) from None


def write_sheets(path: Path, sheets: list[tuple[str, list[list[Any]]]]) -> None:
    """A plain workbook of `sheets` (name, rows)."""
    write_atomic(path, ooxml.xlsx(sheets))


def _saved(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ERROR_FILL, WARNING_FILL = "FFC7CE", "FFEB9C"  # Excel's own "bad" red and "neutral" yellow


def write_annotated(source: Path, report: Report, path: Path) -> None:
    """A copy of the workbook with each problem's cell filled and commented, and a first sheet
    listing every problem with a link to its cell. The source itself is never modified."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    book = load_workbook(source)
    by_key = {texts.label_key(name): name for name in book.sheetnames}
    listing = book.create_sheet(texts.ANNOTATED_SHEET, 0)
    listing.append(texts.ANNOTATED_HEADER)
    for cell in listing[1]:
        cell.font = Font(bold=True)
    notes: dict[tuple[str, str], list[str]] = {}
    for problem in report.problems:
        sheet = by_key.get(texts.label_key(problem.sheet)) if problem.sheet else None
        listing.append([texts.SEVERITY_WORD[problem.severity], problem.sheet, problem.cell, problem.unit,
                        problem.criterion, None if problem.value is None else str(problem.value), problem.message()])
        if sheet is None or problem.cell is None:
            continue
        link = listing.cell(listing.max_row, 3)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet}'!{problem.cell}")
        link.font = Font(color="0563C1", underline="single")
        target = book[sheet][problem.cell]
        color = ERROR_FILL if problem.severity == "error" else WARNING_FILL
        if problem.severity == "error" or (sheet, problem.cell) not in notes:
            target.fill = PatternFill("solid", start_color=color, end_color=color)
        notes.setdefault((sheet, problem.cell), []).append(problem.message())
        target.comment = Comment("\n".join(notes[(sheet, problem.cell)]), texts.ANNOTATED_AUTHOR, width=320, height=120)
    for column, width in zip("ABCDEFG", (10, 18, 8, 30, 24, 14, 100)):
        listing.column_dimensions[column].width = width
    # Printed, the list fits the page's width: landscape, as many pages down as it takes.
    listing.freeze_panes = "A2"
    listing.page_setup.orientation = "landscape"
    listing.sheet_properties.pageSetUpPr.fitToPage = True
    listing.page_setup.fitToWidth, listing.page_setup.fitToHeight = 1, 0
    book.active = 0
    write_atomic(path, _saved(book))


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
