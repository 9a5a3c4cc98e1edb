"""The library's front door: one workbook in, its notice out. The CLI and tests call this.

`build` is the whole work in memory, bytes in and bytes out; `generate` is the file layer around
it: it reads the workbook and the last run's results, and writes the outputs.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import (
    changes,
    document,
    errors,
    files,
    notice,
    ooxml,
    output,
    result_sheets,
    results_book,
    scoring,
    texts,
    validate,
    versions,
    workbook,
)
from .document import Bars, Column, Document, Head, RankingTable
from .files import WINDOWS_FORBIDDEN, windows_device
from .model import Assessment, DocumentKind
from .problems import Code, Problem, Report
from .sheets import Made, UnitSheet

# What the front ends (cli, web, watch, launch) and other programs may use: with `texts`, the
# package's only doors.
__all__ = [
    "TEMPLATES", "Templates", "Result", "Run", "DocumentKind", "Report", "Problem", "errors",
    "Document", "RankingTable", "Column", "Head", "Bars", "read_named",
    "Output", "XLSX", "DOCX", "RESULTS", "ANNOTATED", "SHEETS", "SHEETS_DOCX", "PDF", "WRITTEN", "OUTPUTS",
    "SHEET_TEMPLATE", "SHEET_KIND", "versions", "compared", "Made", "UnitSheet", "WINDOWS_FORBIDDEN", "windows_device",
    "build", "generate", "check", "beside", "outputs", "read_template", "template_failure",
    "export_pdf", "find_soffice", "init", "new_workbook", "NewWorkbook", "new_workbook_path", "results_path_from",
    "WORKBOOK_SUFFIXES", "OWN_SUFFIXES", "is_workbook", "workbooks_in", "clashing",
]

# The templates shipped inside the package, one for each kind of document (`Loại văn bản`); a
# secretariat's own edited copies replace them (`template`).
TEMPLATES = {kind: resources.files(__package__) / "templates" / texts.KINDS[kind.value].template for kind in DocumentKind}
# Templates given: one for every kind of document, or a secretariat's own for some kinds.
Templates = bytes | Mapping[DocumentKind, bytes] | None
# Each unit's result sheet's template (`Phiếu kết quả`), whatever the kind of document; what its
# failures name in place of a kind of document.
SHEET_TEMPLATE = resources.files(__package__) / "templates" / texts.SHEET_TEMPLATE_NAME
SHEET_KIND = "sheet"


@dataclass(frozen=True)
class Result:
    source: Path
    report: Report
    docx: Path | None = None  # None when the workbook has errors
    results: Path | None = None  # the results workbook, kept for the next run's comparison
    annotated: Path | None = None  # the annotated copy, when the workbook has errors
    sheets: Path | None = None  # each unit's result sheet, a .docx each in a zip, when asked for
    sheets_docx: Path | None = None  # all of them in one .docx, for printing
    sheet_data: Made | None = None  # the sheets as data, when they were written, for the page
    changed: list[changes.Changes] | None = None  # since the last run; None on a first run, or unreadable
    draft: bool = False  # the notice is a draft (DỰ THẢO): no number or day yet
    failure: str | None = None  # what kept an output from being written, in Vietnamese
    last_run_unreadable: bool = False  # the last run's results workbook is there but cannot be read
    tables: document.Document | None = None  # the document's tables as data, when it was written
    kind: DocumentKind = DocumentKind.NOTICE  # of the document written

    @property
    def ok(self) -> bool:
        return self.report.valid and self.failure is None

    @property
    def changes(self) -> list[str] | None:
        """What changed since the last run, as printed (`changes.lines`)."""
        return None if self.changed is None else changes.lines(self.changed)


def check(workbook_path: Path) -> tuple[Assessment | None, Report]:
    """Reads and validates a workbook; an unreadable file is one problem, not an exception."""
    data = _input(workbook_path)
    if isinstance(data, Report):
        return None, data
    assessment, report, _ = _checked(data, workbook_path.name, beside(workbook_path))
    return assessment, report


def beside(workbook_path: Path) -> validate.LastYear:
    """How the CLI reads `Kết quả năm trước`: a path relative to the workbook's folder, read bounded
    (`validate.LastYear` says what it may raise)."""

    def read(typed: str) -> tuple[str, bytes | None]:
        path = workbook_path.parent / typed.strip()
        try:
            return str(path), read_named(path)
        except (errors.NotAFile, errors.FileTooLarge):
            raise
        except OSError:
            return str(path), None

    return read


def read_named(path: Path) -> bytes:
    """A file a workbook names (`Kết quả năm trước`), read bounded (`files.read_bounded`)."""
    return files.read_bounded(path, files.NAMED_MOST)


def _input(workbook_path: Path) -> bytes | Report:
    """The workbook's bytes, or the report that there is no file to read."""
    try:
        return files.read_bounded(workbook_path, files.WORKBOOK_MOST)
    except errors.NotAFile:
        reason = texts.UNREADABLE_FOLDER if workbook_path.is_dir() else texts.UNREADABLE_NOT_FILE
    except errors.FileTooLarge:
        reason = texts.UNREADABLE_TOO_LARGE.format(most=files.WORKBOOK_MOST >> 20)
    except FileNotFoundError:
        reason = texts.UNREADABLE_MISSING
    except OSError as exc:
        reason = texts.os_reason(exc)
    return _unreadable(workbook_path.name, reason)


def _unreadable(name: str, reason: str) -> Report:
    report = Report(name)
    report.error(Code.FILE_UNREADABLE, params={"reason": reason})
    return report


def _checked(
    data: bytes, name: str, last_year: validate.LastYear | None
) -> tuple[Assessment | None, Report, workbook.RawWorkbook | None]:
    try:
        raw = workbook.read_bytes(data, name)
    except errors.UnreadableWorkbook as exc:
        return None, _unreadable(name, str(exc)), None
    return (*validate.validate(raw, last_year), raw)


@dataclass(frozen=True)
class Output:
    """A file made from a workbook, named after it in the output folder: `key` is its field in
    `Result` (and its key in `texts.WEB_DOWNLOAD`)."""

    key: str
    suffix: str  # after the workbook's stem
    media_type: str


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = Output("docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
RESULTS = Output("results", texts.RESULTS_SUFFIX, XLSX)  # the next run's comparison, next year's ranks
ANNOTATED = Output("annotated", texts.ANNOTATED_SUFFIX, XLSX)  # the workbook with its problems marked
SHEETS = Output("sheets", texts.SHEETS_SUFFIX, "application/zip")  # each unit's result sheet, one .docx each
SHEETS_DOCX = Output("sheets_docx", texts.SHEETS_DOCX_SUFFIX, DOCX.media_type)  # all of them, for printing
PDF = Output("pdf", ".pdf", "application/pdf")  # made from a .docx on demand (`export_pdf`)
WRITTEN = (DOCX, RESULTS, ANNOTATED, SHEETS, SHEETS_DOCX)  # what `generate` writes, in this order
OUTPUTS = (*WRITTEN, PDF)


def outputs(workbook_path: Path, out_dir: Path) -> dict[Output, Path]:
    """Where each file `generate` writes from `workbook_path` goes in `out_dir`."""
    return {o: out_dir / f"{workbook_path.stem}{o.suffix}" for o in WRITTEN}


@dataclass(frozen=True)
class Run:
    """One workbook's outputs as bytes: what `build` makes and `generate` writes."""

    report: Report
    docx: bytes | None = None  # the notice; None when the workbook has errors
    results: bytes | None = None  # the results workbook, the next run's `last_run`
    annotated: bytes | None = None  # the annotated copy, when the workbook has errors
    sheets: bytes | None = None  # each unit's result sheet, a .docx each in a zip, when asked for
    sheets_docx: bytes | None = None  # all of them in one .docx
    sheet_data: Made | None = None  # the sheets as data, as they print
    changed: list[changes.Changes] | None = None  # since `last_run`; None without one, or when unreadable
    draft: bool = False  # the notice is a draft (DỰ THẢO): no number or day yet
    failure: str | None = None  # why the annotated copy could not be made, in Vietnamese
    last_run_unreadable: bool = False  # `last_run` was given but does not read as a results workbook
    tables: document.Document | None = None  # the document's tables as data, as it prints them
    kind: DocumentKind = DocumentKind.NOTICE  # of the document made

    @property
    def changes(self) -> list[str] | None:
        """What changed since `last_run`, as printed (`changes.lines`)."""
        return None if self.changed is None else changes.lines(self.changed)


def build(
    workbook: bytes, name: str, *, last_run: bytes | None = None, template: Templates = None,
    last_year: validate.LastYear | None = None, sheets: bool = False, sheet_template: bytes | None = None,
) -> Run:
    """Checks the workbook `workbook` (its file's bytes; `name` is what messages call it) and
    makes its document, a notice or a decision by its `Loại văn bản`, from `template`: a .docx's
    bytes, or those of some kinds; the packaged one of its kind without it. A template is checked
    before it fills anything (`notice.check`): one that cannot be filled raises
    errors.TemplateBroken(what, the document's kind), one that uses what the document does not
    provide errors.TemplateRefused(why, the kind), one that is no .docx or would inflate beyond
    reason errors.TemplateUnreadable(message).

    `last_run` is the last run's results workbook, to tell what changed; one that cannot be read
    only costs that. `last_year` gives the file that `Kết quả năm trước` names, last year's
    results workbook (without it, a workbook that names one is an error). Each unit's result
    sheet is made where `Phiếu kết quả` is `Có` or `sheets` asks for it, from `sheet_template`
    (default: the packaged one; its failures raise as the document's do, of the kind SHEET_KIND). No clock is read: the same bytes always give the same outputs.
    The packaged templates are the only files read, and nothing is written but, for an annotated
    copy, the temporary files openpyxl saves each sheet through (removed at once).
    """
    with ThreadPoolExecutor(1) as background:
        # The last run's results are parsed meanwhile: python-calamine parses outside the GIL.
        last = None if last_run is None else background.submit(_last_run_snapshot, last_run, name)
        assessment, report, raw = _checked(workbook, name, last_year)
        if assessment is None:
            if raw is None:
                return Run(report)
            try:
                return Run(report, annotated=_annotated(workbook, raw, report))
            except Exception as exc:  # noqa: BLE001 - a side product: the problems are listed anyway
                return Run(report, failure=texts.ANNOTATED_FAILED.format(kind=type(exc).__name__))
        results = scoring.score(assessment)
        kind = assessment.info.kind
        chosen = template.get(kind) if isinstance(template, Mapping) else template
        with _template_of(kind, texts.KINDS[kind.value].word):
            rendered = notice.render(assessment, results, TEMPLATES[kind].read_bytes() if chosen is None else chosen)
        units = None
        if sheets or assessment.info.result_sheets:
            with _template_of(SHEET_KIND, texts.SHEET_WORD):
                units = result_sheets.render(assessment, results, (SHEET_TEMPLATE.read_bytes() if sheet_template is None
                                                                   else sheet_template))
        issued = results_book.Issued.of(assessment.info)
        book = results_book.results_sheets(results, issued)
        snapshot, last_issued = (None, None) if last is None else last.result()
    changed = None if snapshot is None else (
        changes.issued(last_issued, issued) + changes.grouped(snapshot, results_book.snapshot(results)))
    return Run(report, rendered.docx, ooxml.xlsx(book), changed=changed, draft=assessment.info.draft,
               last_run_unreadable=last_run is not None and snapshot is None, tables=rendered.tables, kind=kind,
               sheets=None if units is None else units.zip, sheets_docx=None if units is None else units.docx,
               sheet_data=None if units is None else units.made)


@contextlib.contextmanager
def _template_of(kind: DocumentKind | str, word: str) -> Iterator[None]:
    """A template's failures as `build` raises them: naming its `kind` (the generate layer names its
    path instead), or in words, "the template of `word`"."""
    try:
        yield
    except (errors.TemplateBroken, errors.TemplateRefused) as exc:
        raise type(exc)(exc.args[0], kind) from None
    except errors.TemplateUnreadable as exc:
        raise errors.TemplateUnreadable(texts.TEMPLATE_UNREADABLE.format(
            path=texts.TEMPLATE_OF_KIND.format(kind=word), reason=exc.args[0])) from None


def generate(
    workbook_path: Path, out_dir: Path, template: Path | Mapping[DocumentKind, Path] | None = None, *,
    data: bytes | None = None, last_year: validate.LastYear | None = None, sheets: bool = False,
    sheet_template: Path | None = None, now: Callable[[], datetime.datetime] | None = None,
) -> Result:
    """Checks the workbook, then writes its document `<out_dir>/<name>.docx` and results workbook;
    `template` is a secretariat's own Word template, or their own for some kinds of document
    (default: the packaged ones). `data` is the workbook's bytes where they do not come from the
    file `workbook_path` (an upload, which has only its name); `last_year` reads the file that
    `Kết quả năm trước` names (default: relative to the workbook's folder). Each unit's result
    sheet is written where the workbook or `sheets` asks for it (`build`), from `sheet_template`,
    and removed where neither does. Each document unlike the last version's is kept, with its results
    workbook, as a version (`versions`), made at `now()` (default: the clock's time).

    A workbook with errors gets no notice, and earlier outputs stay as they were; it gets an
    annotated copy `<name>.loi.xlsx` instead. The input workbook is never modified. What keeps an
    output from being written (a locked file, a read-only folder, a full disk) is the result's
    `failure`, never an exception: the report of problems always comes back. One run's outputs are
    written together: a run on the same output folder at the same time, in another process or
    thread, waits for this one (`files.outputs_locked`). A template is read and checked as
    `read_template` says; the other errors of `build` name its path.
    """
    paths = outputs(workbook_path, out_dir)
    if data is None:
        read = _input(workbook_path)
        if isinstance(read, Report):
            return Result(workbook_path, read)
        data = read
    given: Templates = (None if template is None else read_template(template) if isinstance(template, Path)
                        else {kind: read_template(path) for kind, path in template.items()})
    sheet_given = None if sheet_template is None else read_template(sheet_template, sheet=True)
    with files.outputs_locked(out_dir, paths[DOCX].name):
        try:
            run = build(data, workbook_path.name, last_run=_last_run(paths[RESULTS]), template=given,
                        last_year=last_year or beside(workbook_path), sheets=sheets, sheet_template=sheet_given)
        except (errors.TemplateBroken, errors.TemplateRefused) as exc:
            what, kind = exc.args
            used = ((sheet_template or SHEET_TEMPLATE) if kind == SHEET_KIND else template
                    if isinstance(template, Path) else (template or {}).get(kind, TEMPLATES[kind]))
            raise type(exc)(what, str(used)) from None
        if run.docx is None:
            if run.annotated is None:
                return Result(workbook_path, run.report, failure=run.failure)
            failure = _written(paths[ANNOTATED], run.annotated)
            return Result(workbook_path, run.report, annotated=None if failure else paths[ANNOTATED],
                          failure=failure)
        failure = (_written(paths[DOCX], run.docx) or _written(paths[RESULTS], run.results)
                   or _written(paths[ANNOTATED], None) or _written(paths[SHEETS], run.sheets)
                   or _written(paths[SHEETS_DOCX], run.sheets_docx)
                   or (None if run.sheets is not None else _written(paths[SHEETS_DOCX].with_suffix(PDF.suffix), None)))
    if failure:
        return Result(workbook_path, run.report, draft=run.draft, failure=failure)
    failure = _versioned(out_dir, workbook_path, [paths[DOCX], paths[RESULTS]], run.draft, now or datetime.datetime.now)
    made = run.sheets is not None
    return Result(workbook_path, run.report, docx=paths[DOCX], results=paths[RESULTS], changed=run.changed,
                  draft=run.draft, last_run_unreadable=run.last_run_unreadable, tables=run.tables, kind=run.kind,
                  sheets=paths[SHEETS] if made else None, sheets_docx=paths[SHEETS_DOCX] if made else None,
                  sheet_data=run.sheet_data, failure=failure)


def _versioned(out_dir: Path, workbook_path: Path, files: list[Path], draft: bool,
               now: Callable[[], datetime.datetime]) -> str | None:
    """Keeps the run's outputs as a version (`versions.kept`); what stopped it, in words, or None:
    the outputs themselves are written."""
    try:
        versions.kept(out_dir, workbook_path.stem, files, draft, now())
    except OSError as exc:
        return texts.VERSION_FAILED.format(folder=versions.folder_of(out_dir, workbook_path.stem), reason=texts.os_reason(exc))
    return None


def compared(older: versions.Version, newer: versions.Version) -> list[changes.Changes] | None:
    """What changed from the version `older` to `newer` (`changes`), from the results workbooks they
    keep; None where one cannot be read."""
    found = []
    for version in (older, newer):
        kept = version.file(RESULTS.suffix)
        snapshot, issued = (None, None) if kept is None else _last_run_snapshot(_last_run(kept) or b"", kept.name)
        if snapshot is None:
            return None
        found.append((snapshot, issued))
    (before, before_issued), (after, after_issued) = found
    told = [] if after_issued is None else changes.issued(before_issued, after_issued)
    return told + changes.grouped(before, after)


def template_failure(exc: errors.TemplateUnreadable | errors.TemplateBroken | errors.TemplateRefused) -> str:
    """What a template's failure says: why it cannot be read, or which template cannot fill a
    document, and why."""
    if isinstance(exc, errors.TemplateUnreadable):
        return str(exc)
    what, path = exc.args
    said = texts.CLI_TEMPLATE_REFUSED if isinstance(exc, errors.TemplateRefused) else texts.CLI_TEMPLATE_BROKEN
    return said.format(path=path, detail=what)


def read_template(path: Path, sheet: bool = False) -> bytes:
    """The Word template at `path`, read bounded and checked (`notice.check`, or for a unit's result
    sheet `result_sheets.check`), so that a template that cannot fill a document stops before any
    output is written. Raises
    errors.TemplateUnreadable, saying why in Vietnamese, if it is missing, a folder, not readable,
    too large, no .docx or an archive beyond reason; errors.TemplateBroken(what, path) if its Jinja
    does not parse; errors.TemplateRefused(why, path) if it uses what the document does not provide."""
    try:
        data = files.read_bounded(path, files.TEMPLATE_MOST)
    except (errors.NotAFile, errors.FileTooLarge, OSError) as exc:
        reason = (texts.TEMPLATE_IS_FOLDER if path.is_dir() else texts.TEMPLATE_NOT_FILE
                  if isinstance(exc, errors.NotAFile) else texts.TEMPLATE_TOO_LARGE.format(most=files.TEMPLATE_MOST >> 20)
                  if isinstance(exc, errors.FileTooLarge) else texts.TEMPLATE_MISSING
                  if isinstance(exc, FileNotFoundError) else texts.TEMPLATE_NOT_READABLE)
        raise errors.TemplateUnreadable(texts.TEMPLATE_UNREADABLE.format(path=path, reason=reason)) from None
    try:
        (result_sheets.check if sheet else notice.check)(data)
    except errors.TemplateUnreadable as exc:
        raise errors.TemplateUnreadable(texts.TEMPLATE_UNREADABLE.format(path=path, reason=exc.args[0])) from None
    except (errors.TemplateBroken, errors.TemplateRefused) as exc:
        raise type(exc)(exc.args[0], str(path)) from None
    return data


def _annotated(source: bytes, raw: workbook.RawWorkbook, report: Report) -> bytes:
    """The annotated copy: of the file itself where openpyxl opens and saves it (its formatting
    kept), else (.xls, .ods, characters XML cannot hold) a workbook of the values read, cleaned."""
    try:
        return output.annotated_copy(source, report)
    except Exception:  # noqa: BLE001 - openpyxl fails on odd files in many ways, at load or at save
        sheets = []
        for name in raw.names:
            try:
                sheets.append((name, raw.load(name).rows))
            except errors.UnreadableWorkbook:
                continue
        return output.annotated_from_values(sheets, report)


def _written(path: Path, data: bytes | None) -> str | None:
    """Writes `data` to `path` (None: removes it); what stopped it, in words, or None."""
    try:
        if data is None:
            output.remove(path)
        else:
            output.write_atomic(path, data)
    except errors.OutputLocked:
        return texts.CLI_LOCKED.format(path=path)
    except OSError as exc:
        template = texts.WRITE_FAILURES.get(errno.errorcode.get(exc.errno or 0, ""), texts.WRITE_FAILED)
        return template.format(path=path, folder=path.parent, reason=texts.os_reason(exc))
    return None


def _last_run(path: Path) -> bytes | None:
    """The last run's results workbook, None if there is none; b"" (which reads as no results
    workbook: said so) for one that cannot be read."""
    try:
        return files.read_bounded(path, files.NAMED_MOST)
    except FileNotFoundError:
        return None
    except (errors.NotAFile, errors.FileTooLarge, OSError):
        return b""


def _last_run_snapshot(data: bytes, name: str) -> tuple[results_book.Snapshot | None, results_book.Issued | None]:
    """The last run's results, and the document they were of, from its results workbook."""
    try:
        raw = workbook.read_bytes(data, name, marks=False)
        return results_book.previous_snapshot(raw), results_book.read_issued(raw)
    except (errors.UnreadableWorkbook, ValueError, KeyError, TypeError):
        return None, None  # a damaged or hand-edited results workbook only costs the comparison


def find_soffice() -> str | None:
    """LibreOffice's program, for the PDF (`output.find_soffice`); None if it is not installed."""
    return output.find_soffice()


def export_pdf(docx: Path) -> Path:
    """The notice as PDF beside it, made while no run writes its outputs (`generate`). Raises
    errors.LibreOfficeMissing or errors.ConversionFailed."""
    pdf = docx.with_suffix(PDF.suffix)
    with files.outputs_locked(docx.parent, docx.name):
        output.write_pdf(docx, pdf)
    return pdf


def init(path: Path, last: Path | None = None, dti: bool = False) -> Report:
    """Writes a new workbook at `new_workbook_path(path)`: the 2014 regulation's defaults, a
    digital-transformation index's two groups with their main indices (`dti`), or next year's from
    `last`. That one's `Kết quả năm trước` (where `last` used version 2) is last year's results
    workbook where `generate` writes it by default, output/<name>.ketqua.xlsx in the folder this
    runs in, relative to the new workbook's folder ("../output/2024.ketqua.xlsx" from input/); it
    is left empty if that file is not there, since a missing one is an error.

    Returns the report on `last` (empty without it); nothing is written if it has errors.
    Raises FileExistsError rather than overwrite a workbook, ValueError for both `last` and `dti`.
    """
    from . import authoring

    if last is not None and dti:
        raise ValueError("init: either last or dti")
    path = new_workbook_path(path)
    if path.exists():
        raise FileExistsError(path)
    if last is None:
        draft, report = authoring.DTI_DRAFT if dti else authoring.DEFAULT_DRAFT, Report(path.name)
    else:
        assessment, report = check(last)
        if assessment is None:
            return report
        results = outputs(last, Path(errors.OUTPUT_FOLDER))[RESULTS]
        draft = authoring.draft_from(assessment, authoring.path_from(path.parent, results))
    output.write_atomic(path, authoring.new_workbook(draft))
    return report


def new_workbook_path(path: Path) -> Path:
    """Where `init` writes: `path`, with `.xlsx` added unless it ends so ("input/2015" -> "input/2015.xlsx")."""
    return path if path.suffix.lower() == ".xlsx" else path.with_name(f"{path.name}.xlsx")


# --- Which files are workbooks --------------------------------------------------------------

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")  # what python-calamine reads
OWN_SUFFIXES = tuple(o.suffix for o in OUTPUTS if o.media_type == XLSX)  # our outputs are not inputs


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
        by_output.setdefault(outputs(book, Path())[DOCX].name.casefold(), []).append(book)
    return [group for group in by_output.values() if len(group) > 1]


# --- The local page, `xephang serve` ----------------------------------------------------------


@dataclass(frozen=True)
class NewWorkbook:
    """What `new_workbook` made: the .xlsx's bytes (None when `last` has errors), the report on
    `last`, and the year the new workbook is for (None for a blank one)."""

    report: Report
    data: bytes | None = None
    year: int | None = None


def new_workbook(
    last: bytes | None = None, name: str = "", *, dti: bool = False, last_year: validate.LastYear | None = None,
    last_results: str = "",
) -> NewWorkbook:
    """`init` in memory, for the page: a blank workbook (the 2014 regulation's defaults, or a
    digital-transformation index's with `dti`), or next year's from `last`, a workbook's bytes
    (`name` is what messages call it; `last_year` reads the file its `Kết quả năm trước` names),
    whose `Kết quả năm trước` becomes `last_results` where `last` used version 2."""
    from . import authoring

    if last is None:
        return NewWorkbook(Report(name), authoring.new_workbook(authoring.DTI_DRAFT if dti else authoring.DEFAULT_DRAFT))
    assessment, report, _ = _checked(last, name, last_year)
    if assessment is None:
        return NewWorkbook(report)
    draft = authoring.draft_from(assessment, last_results)
    return NewWorkbook(report, authoring.new_workbook(draft), draft.year)


def results_path_from(folder: Path, results: Path) -> str:
    """`Kết quả năm trước` for a new workbook kept in `folder`: the results workbook `results` as
    that folder reaches it, or "" if there is no such file (see `init`)."""
    from . import authoring

    return authoring.path_from(folder, results)
