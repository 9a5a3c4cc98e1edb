"""The library's front door: one workbook in, its notice out. The CLI and tests call this."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import changes, notice, ooxml, output, scoring, texts, validate, workbook
from .model import Assessment
from .problems import Report

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "thong-bao.docx"


@dataclass(frozen=True)
class Result:
    source: Path
    report: Report
    docx: Path | None = None  # None when the workbook has errors
    results: Path | None = None  # the results workbook, kept for the next run's comparison
    annotated: Path | None = None  # the annotated copy, when the workbook has errors
    changes: list[str] | None = None  # since the last run; None on a first run
    draft: bool = False  # the notice is a draft (DỰ THẢO): no number or day yet
    failure: str | None = None  # what kept an output from being written, in Vietnamese

    @property
    def ok(self) -> bool:
        return self.report.valid and self.failure is None


def check(workbook_path: Path) -> tuple[Assessment | None, Report]:
    """Reads and validates a workbook; an unreadable file is one problem, not an exception."""
    assessment, report, _ = _checked(workbook_path)
    return assessment, report


def _checked(workbook_path: Path) -> tuple[Assessment | None, Report, workbook.RawWorkbook | None]:
    try:
        raw = workbook.read_workbook(workbook_path)
    except workbook.UnreadableWorkbook as exc:
        report = Report(workbook_path.name)
        report.error("file_unreadable", params={"reason": str(exc)})
        return None, report, None
    return (*validate.validate(raw), raw)


def outputs(workbook_path: Path, out_dir: Path) -> dict[str, Path]:
    stem = workbook_path.stem
    return {
        "docx": out_dir / f"{stem}.docx",
        "results": out_dir / f"{stem}{texts.RESULTS_SUFFIX}",
        "annotated": out_dir / f"{stem}{texts.ANNOTATED_SUFFIX}",
    }


def generate(workbook_path: Path, out_dir: Path, template: Path = TEMPLATE) -> Result:
    """Checks the workbook, then writes its notice `<out_dir>/<name>.docx` and results workbook.

    A workbook with errors gets no notice, and earlier outputs stay as they were; it gets an
    annotated copy `<name>.loi.xlsx` instead. The input workbook is never modified. What keeps an
    output from being written (a locked file, a read-only folder, a full disk) is the result's
    `failure`, never an exception: the report of problems always comes back.
    """
    paths = outputs(workbook_path, out_dir)
    with ThreadPoolExecutor(1) as background:
        # The last run's results are read meanwhile: python-calamine parses outside the GIL.
        previous = background.submit(_previous_snapshot, paths["results"])
        assessment, report, raw = _checked(workbook_path)
        if assessment is None:
            if raw is None:
                return Result(workbook_path, report)
            try:
                annotated = _annotated(workbook_path, raw, report)
            except Exception as exc:  # noqa: BLE001 - a side product: the problems are listed anyway
                return Result(workbook_path, report, failure=texts.ANNOTATED_FAILED.format(kind=type(exc).__name__))
            failure = _written(paths["annotated"], annotated)
            return Result(workbook_path, report, annotated=None if failure else paths["annotated"], failure=failure)

        results = scoring.score(assessment)
        rendered = notice.render(assessment, results, template.read_bytes())
        sheets = changes.results_sheets(results)
        last = previous.result()  # before the results workbook is replaced below
    failure = (_written(paths["docx"], rendered.docx) or _written(paths["results"], ooxml.xlsx(sheets))
               or _written(paths["annotated"], None))
    if failure:
        return Result(workbook_path, report, draft=assessment.info.draft, failure=failure)
    changed = None if last is None else changes.compare(last, changes.snapshot(results))
    return Result(workbook_path, report, docx=paths["docx"], results=paths["results"], changes=changed,
                  draft=assessment.info.draft)


def _annotated(source: Path, raw: workbook.RawWorkbook, report: Report) -> bytes:
    """The annotated copy: of the file itself where openpyxl opens and saves it (its formatting
    kept), else (.xls, .ods, characters XML cannot hold) a workbook of the values read, cleaned."""
    try:
        return output.annotated_copy(source.read_bytes(), report)
    except Exception:  # noqa: BLE001 - openpyxl fails on odd files in many ways, at load or at save
        sheets = []
        for name in raw.names:
            try:
                sheets.append((name, raw.load(name).rows))
            except workbook.UnreadableWorkbook:
                continue
        return output.annotated_from_values(sheets, report)


def _written(path: Path, data: bytes | None) -> str | None:
    """Writes `data` to `path` (None: removes it); what stopped it, in words, or None."""
    try:
        if data is None:
            output.remove(path)
        else:
            output.write_atomic(path, data)
    except output.OutputLocked:
        return texts.CLI_LOCKED.format(path=path)
    except OSError as exc:
        template = texts.WRITE_FAILURES.get(errno.errorcode.get(exc.errno or 0, ""), texts.WRITE_FAILED)
        return template.format(path=path, folder=path.parent, detail=exc.strerror or exc)
    return None


def _previous_snapshot(path: Path) -> changes.Snapshot | None:
    if not path.exists():
        return None
    try:
        return changes.previous_snapshot(workbook.read_workbook(path, marks=False))
    except (workbook.UnreadableWorkbook, ValueError, KeyError, TypeError):
        return None  # a damaged or hand-edited results workbook only costs the comparison


def export_pdf(docx: Path) -> Path:
    """The notice as PDF beside it. Raises `output.LibreOfficeMissing` or `output.ConversionFailed`."""
    pdf = docx.with_suffix(".pdf")
    output.write_pdf(docx, pdf)
    return pdf


def init(path: Path, last: Path | None = None) -> Report:
    """Writes a new workbook at `new_workbook_path(path)`: the 2014 regulation's defaults, or next
    year's from `last`.

    Returns the report on `last` (empty without it); nothing is written if it has errors.
    Raises FileExistsError rather than overwrite a workbook.
    """
    from . import authoring

    path = new_workbook_path(path)
    if path.exists():
        raise FileExistsError(path)
    if last is None:
        draft, report = authoring.DEFAULT_DRAFT, Report(path.name)
    else:
        assessment, report = check(last)
        if assessment is None:
            return report
        draft = authoring.draft_from(assessment)
    output.write_atomic(path, authoring.new_workbook(draft))
    return report


def new_workbook_path(path: Path) -> Path:
    """Where `init` writes: `path`, with `.xlsx` added unless it ends so ("input/2015" -> "input/2015.xlsx")."""
    return path if path.suffix.lower() == ".xlsx" else path.with_name(f"{path.name}.xlsx")


# --- Which files are workbooks --------------------------------------------------------------

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")  # what python-calamine reads
OWN_SUFFIXES = (texts.ANNOTATED_SUFFIX, texts.RESULTS_SUFFIX)  # our outputs are not inputs


def is_workbook(path: Path) -> bool:
    """A workbook to process: not Excel's owner file (~$name.xlsx), a hidden file or our own output."""
    name = path.name.lower()
    return name.endswith(WORKBOOK_SUFFIXES) and not name.startswith(("~$", ".")) and not name.endswith(OWN_SUFFIXES)


def workbooks_in(paths: Iterable[Path]) -> list[Path]:
    """Each path as given, and for a folder every workbook in it by name; a workbook named twice
    (itself and by its folder) is there once."""
    found: dict[str, Path] = {}
    for path in paths:
        books = sorted(p for p in path.iterdir() if p.is_file() and is_workbook(p)) if path.is_dir() else [path]
        for book in books:
            found.setdefault(os.path.normcase(book.resolve()), book)
    return list(found.values())


def clashing(books: Iterable[Path]) -> list[list[Path]]:
    """The groups of workbooks whose outputs would have the same names, which one run cannot
    write: `2025.xlsx` in two folders, `x.xlsx` and `x.ods`. Names are compared ignoring case,
    as Windows does."""
    by_output: dict[str, list[Path]] = {}
    for book in books:
        by_output.setdefault(outputs(book, Path())["docx"].name.casefold(), []).append(book)
    return [group for group in by_output.values() if len(group) > 1]
