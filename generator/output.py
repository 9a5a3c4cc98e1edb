"""Stage 5, write: the outputs on disk, every write atomic; the annotated copy, the PDF. (Besides
the outputs, only the failure log, `errors.log_failure`, and the outputs' lock files, `files`, are
written.)"""

from __future__ import annotations

import copy
import datetime
import html
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from . import ooxml, texts
from .errors import ConversionFailed, CopyUnreadable, LibreOfficeMissing, OutputLocked
from .problems import Problem, Report
from .workbook import cell_ref


def write_atomic(path: Path, data: bytes) -> None:
    """Writes `data` to a temporary file beside `path`, then replaces `path` with it in one step:
    a crash or Ctrl-C mid-write leaves the earlier file as it was.

    The temporary file is `.<name>.<pid>.<random>.tmp`; those a killed run left are removed here.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f"{_temp_prefix(path)}{os.getpid()}.", suffix=".tmp", dir=path.parent)
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


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


TEMP_REST = re.compile(r"(\d+)\.[a-z0-9_]+\.tmp")  # after the prefix: the writer's pid, mkstemp's random part


def _remove_stale_temps(path: Path) -> None:
    """Removes the temporary files of `path` whose writer is gone (a run killed mid-write)."""
    prefix = _temp_prefix(path)
    with os.scandir(path.parent) as entries:
        stale = [entry.path for entry in entries if entry.name.startswith(prefix)
                 and (rest := TEMP_REST.fullmatch(entry.name[len(prefix):])) and not _writer_alive(int(rest[1]))]
    for temp in stale:
        try:
            os.unlink(temp)
        except OSError:  # Windows: its writer still has it open; or another run removed it first
            pass


def _writer_alive(pid: int) -> bool:
    if os.name == "nt":
        # os.kill(pid, 0) would end that process there. Unlinking is safe instead: Windows
        # refuses to remove a file its live writer still has open.
        return False
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except (ProcessLookupError, OverflowError):  # OverflowError: no process can have that number
        return False
    except PermissionError:  # it exists, run by another user
        return True
    return True


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


# When a workbook made here says it was created and last modified: a fixed moment, since the
# same input must give the same bytes (openpyxl would write the clock's time).
NEW_BOOK_MOMENT = datetime.datetime(*ooxml.ZIP_DATE)
MODIFIED = re.compile(r"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)")


def saved(book: Any, edits: Callable[[], Mapping[str, Callable[[str], str]]] | None = None) -> bytes:
    """openpyxl's save of `book`, without the clock: openpyxl stamps `modified` with the time of
    saving, which becomes what it was before (a copy of a file keeps the file's; a new book's is
    NEW_BOOK_MOMENT); every entry's timestamp is fixed too. `edits()` gives further edits of its
    parts (`ooxml.repack`), once saved: openpyxl numbers the sheets' parts as it saves them."""
    moment = (book.properties.modified or NEW_BOOK_MOMENT).strftime("%Y-%m-%dT%H:%M:%SZ")
    buffer = io.BytesIO()
    book.save(buffer)
    return ooxml.repack(buffer.getvalue(), {
        "docProps/core.xml": lambda xml: MODIFIED.sub(lambda m: f"{m[1]}{moment}{m[2]}", xml),
        **(edits() if edits else {})})


def new_book() -> Any:
    """An empty openpyxl workbook, created at NEW_BOOK_MOMENT."""
    from openpyxl import Workbook

    book = Workbook()
    book.properties.created = book.properties.modified = NEW_BOOK_MOMENT
    return book


ERROR_FILL, WARNING_FILL = "FFC7CE", "FFEB9C"  # Excel's own "bad" red and "neutral" yellow
LINK_COLOR = "0563C1"  # Excel's hyperlink blue
# Excel comments are drawn shapes: tens of thousands make the copy slow to write and Excel slow to
# open, and past a few thousand nobody reads them. Beyond this many cells, the rest are filled
# and listed in `Lỗi` only, and `Lỗi` says so.
COMMENT_LIMIT = 2_000
LISTING_WIDTHS = (10, 18, 8, 30, 24, 14, 100)  # the columns of texts.ANNOTATED_HEADER


def annotated_copy(source: bytes, report: Report) -> bytes:
    """A copy of the .xlsx `source` with each problem's cell filled and commented, and a first
    sheet listing every problem with a link to its cell. Raises CopyUnreadable if openpyxl
    cannot open it."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(source))
        with zipfile.ZipFile(io.BytesIO(source)) as archive:
            if "docProps/core.xml" not in archive.namelist():  # openpyxl would date it by the clock
                book.properties.created = book.properties.modified = NEW_BOOK_MOMENT
    except Exception as exc:  # openpyxl fails on odd files in many ways: KeyError, ValueError, zip errors…
        raise CopyUnreadable(str(exc) or type(exc).__name__) from exc
    return _annotated(book, report)


def annotated_from_values(sheets: list[tuple[str, list[list[Any]]]], report: Report) -> bytes:
    """The same annotated copy, built from the workbook's values (name, rows as python-calamine
    gives them, "" for empty), for what openpyxl cannot open: .xls, .ods, an odd .xlsx. The
    formatting and formulas are lost; the values, problems and links are all there."""
    book = new_book()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([literal_cell(sheet, value) for value in row])
    return _annotated(book, report)


def literal_cell(sheet: Any, value: Any) -> Any:
    """A cell of `sheet` holding `value`; text is always a string cell, so a unit named
    "=HYPERLINK(…)" or "=cmd|…" stays text in Excel: never a formula, never a DDE call."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

    cell = Cell(sheet)
    if isinstance(value, str):
        if value:  # set as openpyxl's reader does: its `value` setter would make "=…" a formula
            cell._value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters Excel refuses
            cell.data_type = "s"
    elif value is not None:
        cell.value = value
    return cell


def _annotated(book: Any, report: Report) -> bytes:
    """`book` with the problems' cells filled and commented and the `Lỗi` sheet first, saved.

    Linear in the number of problems. openpyxl writes a cell in some 15 µs, so `Lỗi`, 7 cells a
    problem, would take about 6 of the 10 seconds allowed for 60,000 problems: openpyxl writes it
    with its settings (widths, frozen header, page) but no rows, and its rows and links are put
    in the saved file as XML, as `ooxml` writes the results workbook."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    by_key = {texts.label_key(name): name for name in book.sheetnames}
    sheets = {name: book[name] for name in book.sheetnames}
    listing = book.create_sheet(texts.ANNOTATED_SHEET, 0)
    fills = {severity: PatternFill("solid", start_color=color, end_color=color)
             for severity, color in (("error", ERROR_FILL), ("warning", WARNING_FILL))}
    filled: dict[Any, Any] = {}  # see _fill
    marked: dict[tuple[str, tuple[int, int]], list[Problem]] = {}  # in order of first problem
    anchors: dict[str, dict[tuple[int, int], tuple[int, int]]] = {}
    sheet_of: dict[str | None, str | None] = {}  # problem.sheet as written -> its name in the book
    listed: list[tuple[Any, ...]] = []
    links: list[str | None] = []
    for number, problem in enumerate(report.problems, 2):
        ref = problem.cell  # formatted once: it is listed, linked and shown
        listed.append((texts.SEVERITY_WORD[problem.severity], problem.sheet, ref, problem.unit,
                       problem.criterion, None if problem.value is None else str(problem.value), problem.message()))
        if problem.sheet not in sheet_of:
            sheet_of[problem.sheet] = by_key.get(texts.label_key(problem.sheet)) if problem.sheet else None
        sheet = sheet_of[problem.sheet]
        if sheet is None or ref is None:
            links.append(None)
            continue
        if sheet not in anchors:
            anchors[sheet] = _merged_anchors(sheets[sheet])
        position = problem.position()
        target = anchors[sheet].get(position, position)
        location = html.escape(f"{_quoted(sheet)}!{_ref(*target)}")
        links.append(f'<hyperlink ref="C{number}" location="{location}" display="{html.escape(ref)}"/>')
        marked.setdefault((sheet, target), []).append(problem)
    # A column at a time, as `ooxml` writes the results workbook: 420,000 cells for 60,000 problems.
    # Each row reads from its top line; the message wraps, so the list prints on the page's width.
    top, wrapped = (_style_id(listing, alignment=Alignment(vertical="top", wrap_text=wrap)) for wrap in (False, True))
    columns = [ooxml.column(values, wrapped if i == 6 else top) for i, values in enumerate(zip(*listed))]
    if columns:
        link = _style_id(listing, Font(color=LINK_COLOR, underline="single"), Alignment(vertical="top"))
        columns[2] = [ooxml.cell(row[2], link if on else top) for row, on in zip(listed, links)]
    rows = ["".join(cells) for cells in zip(*columns)]
    for n, ((sheet, (row_number, column)), problems) in enumerate(marked.items()):
        cell = sheets[sheet].cell(row_number, column)
        _fill(cell, fills["error" if any(p.severity == "error" for p in problems) else "warning"], filled)
        if n < COMMENT_LIMIT:
            cell.comment = Comment("\n".join(p.message() for p in problems), texts.ANNOTATED_AUTHOR,
                                   width=320, height=120)
    bold = _style_id(listing, Font(bold=True))
    header = "".join(ooxml.cell(text, bold) for text in texts.ANNOTATED_HEADER)
    if len(marked) > COMMENT_LIMIT:  # said beside the header, in the frozen row
        note = texts.ANNOTATED_COMMENTS_LIMITED.format(limit=f"{COMMENT_LIMIT:,}".replace(",", "."))
        header += ooxml.cell(None) + ooxml.cell(note, _style_id(listing, Font(bold=True, color="C00000")))
    for letter, width in zip("ABCDEFG", LISTING_WIDTHS):
        listing.column_dimensions[letter].width = width
    # Printed, the list fits an A4 page's width: landscape, as many pages down as it takes.
    listing.freeze_panes = "A2"
    listing.print_area = f"A1:{_ref(len(rows) + 1, len(LISTING_WIDTHS))}"  # without the note
    listing.page_setup.paperSize = listing.PAPERSIZE_A4
    listing.page_setup.orientation = "landscape"
    listing.sheet_properties.pageSetUpPr.fitToPage = True
    listing.page_setup.fitToWidth, listing.page_setup.fitToHeight = 1, 0
    book.active = 0
    # Heights set, not left to the program: LibreOffice does not fit wrapped rows on opening.
    heights = [_lines(row[6], LISTING_WIDTHS[6]) * ROW_POINTS for row in listed]
    data = f"<row>{header}</row>" + "".join(
        f'<row ht="{height}" customHeight="1">{cells}</row>' for cells, height in zip(rows, heights))
    hyperlinks = "".join(filter(None, links))
    hyperlinks = f"<hyperlinks>{hyperlinks}</hyperlinks>" if hyperlinks else ""
    return saved(book, lambda: {listing.path.lstrip("/"): lambda xml: _with_rows(xml, data, hyperlinks)})


def _with_rows(xml: str, rows: str, hyperlinks: str) -> str:
    """The saved `Lỗi` sheet with its rows and links: `<hyperlinks>` comes right after
    `<sheetData>` in a sheet with no protection, filter, merged cells or validation."""
    xml = re.sub(r'<dimension ref="[^"]*"/>', "", xml, count=1)  # optional; now it would be wrong
    return re.sub(r"<sheetData\s*/>|<sheetData>.*?</sheetData>", lambda _: f"<sheetData>{rows}</sheetData>{hyperlinks}",
                  xml, count=1, flags=re.S)


ROW_POINTS = 15  # one line of the default 11 pt font


def _lines(text: str, width: int) -> int:
    """How many lines `text` wraps to in a column `width` characters wide (a little narrower, for
    the proportional font)."""
    return max(1, -(-len(text) * 11 // (width * 10)))


def _style_id(sheet: Any, font: Any = None, alignment: Any = None) -> int:
    """The workbook's style id for cells in `font` and `alignment`, registered through a cell not
    in the sheet."""
    from openpyxl.cell.cell import Cell

    cell = Cell(sheet)
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return int(cell.style_id)


def _fill(cell: Any, fill: Any, models: dict[Any, Any]) -> None:
    """Fills `cell`, keeping the rest of its style (borders, number format). openpyxl hashes the
    fill at each assignment, seconds for 60,000 problems: so only the first cell of each (style
    before, fill) is filled through openpyxl, and the others copy its style ids, as openpyxl's
    own worksheet copy does."""
    key = (tuple(cell._style or ()), id(fill))  # id: hashing `fill` is what costs
    model = models.get(key)
    if model is None:
        cell.fill = fill
        models[key] = cell
    else:
        cell._style = copy.copy(model._style)


def _merged_anchors(sheet: Any) -> dict[tuple[int, int], tuple[int, int]]:
    """Each (row, column) covered by a merged range -> the range's top-left cell, the only one of
    the range that can hold a fill and a comment. As many entries as openpyxl already keeps
    MergedCells for."""
    return {cell: (merged.min_row, merged.min_col) for merged in sheet.merged_cells.ranges for cell in merged.cells}


def _ref(row: int, column: int) -> str:
    """1-based, as openpyxl counts: (4, 3) -> "C4"."""
    return cell_ref(row - 1, column - 1)


def _quoted(sheet: str) -> str:
    """A sheet name as a link's location spells it: quoted, its apostrophes doubled."""
    return "'{}'".format(sheet.replace("'", "''"))


PDF_TIMEOUT = 900  # seconds; a national-size notice takes well under a minute
# LibreOffice's PDF export as PDF/A-2b, which embeds every font: an archive's copy, and what an
# electronic document is signed as (PDF/A-1 forbids the transparency of signature images). Options
# as JSON need LibreOffice 7.4 or later; measured, it converts as fast as plain PDF.
PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
# The fresh profile's settings: the locale Vietnamese, which prints a chart's numbers (a result
# sheet's) with a decimal comma, as Word does on a Vietnamese Windows. Set in the profile, not by
# LC_ALL: a system without that locale would read the file's name as ASCII and not find it.
PROFILE_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
    "<value>vi-VN</value></prop></item></oor:items>"
)
# Where LibreOffice's Windows installer puts it, on no PATH: under these folders of the environment.
WINDOWS_FOLDERS = ("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA")
WINDOWS_SOFFICE = ("LibreOffice", "program", "soffice.exe")


def find_soffice(environ: Mapping[str, str] = os.environ, system: str = os.name) -> str | None:
    """LibreOffice's program: on the PATH, or on Windows in the folders its installer uses."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is not None or system != "nt":
        return found
    for folder in WINDOWS_FOLDERS:
        if environ.get(folder):
            candidate = Path(environ[folder], *WINDOWS_SOFFICE)
            if candidate.is_file():
                return str(candidate)
    return None


def write_pdf(docx: Path, pdf: Path) -> None:
    """Converts `docx` with LibreOffice headless into `pdf` (atomically), PDF/A-2b.

    Each run gets its own LibreOffice profile, so two conversions at once don't collide on the
    user profile's lock.
    """
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing()
    with tempfile.TemporaryDirectory(prefix="xephang-pdf-") as tmp:
        work = Path(tmp)
        settings = work / "profile" / "user" / "registrymodifications.xcu"
        settings.parent.mkdir(parents=True)
        settings.write_text(PROFILE_SETTINGS, encoding="utf-8")
        done = subprocess.run(
            [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
             "--norestore", "--convert-to", PDF_A, "--outdir", str(work), str(docx.resolve())],
            capture_output=True, text=True, timeout=PDF_TIMEOUT, stdin=subprocess.DEVNULL,
        )
        produced = work / f"{docx.stem}.pdf"
        if not produced.exists():
            raise ConversionFailed((done.stderr or done.stdout).strip())
        write_atomic(pdf, produced.read_bytes())
