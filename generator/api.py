"""The library's front door: one workbook in, its notice out. The CLI and tests call this."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import changes, notice, output, scoring, texts, validate, workbook
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

    @property
    def ok(self) -> bool:
        return self.report.valid


def check(workbook_path: Path) -> tuple[Assessment | None, Report]:
    """Reads and validates a workbook; an unreadable file is one problem, not an exception."""
    try:
        raw = workbook.read_workbook(workbook_path)
    except workbook.UnreadableWorkbook as exc:
        report = Report(workbook_path.name)
        report.error("file_unreadable", params={"reason": str(exc)})
        return None, report
    return validate.validate(raw)


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
    annotated copy `<name>.loi.xlsx` instead. The input workbook is never modified.
    """
    paths = outputs(workbook_path, out_dir)
    with ThreadPoolExecutor(1) as background:
        # The last run's results are read meanwhile: python-calamine parses outside the GIL.
        previous = background.submit(_previous_snapshot, paths["results"])
        assessment, report = check(workbook_path)
        if assessment is None:
            if any(p.code == "file_unreadable" for p in report.errors):
                return Result(workbook_path, report)
            output.write_annotated(workbook_path, report, paths["annotated"])
            return Result(workbook_path, report, annotated=paths["annotated"])

        results = scoring.score(assessment)
        rendered = notice.render(assessment, results, template.read_bytes())
        sheets = changes.results_sheets(results)
        last = previous.result()  # before the results workbook is replaced below
    output.write_atomic(paths["docx"], rendered.docx)
    output.write_sheets(paths["results"], sheets)
    output.remove(paths["annotated"])
    changed = None if last is None else changes.compare(last, changes.snapshot(results))
    return Result(workbook_path, report, docx=paths["docx"], results=paths["results"], changes=changed)


def _previous_snapshot(path: Path) -> changes.Snapshot | None:
    if not path.exists():
        return None
    try:
        return changes.previous_snapshot(workbook.read_workbook(path))
    except (workbook.UnreadableWorkbook, ValueError, KeyError, TypeError):
        return None  # a damaged or hand-edited results workbook only costs the comparison


def export_pdf(docx: Path) -> Path:
    """The notice as PDF beside it. Raises `output.LibreOfficeMissing` or `output.ConversionFailed`."""
    pdf = docx.with_suffix(".pdf")
    output.write_pdf(docx, pdf)
    return pdf


def init(path: Path, last: Path | None = None) -> Report:
    """Writes a new workbook at `path`: the 2014 regulation's defaults, or next year's from `last`.

    Returns the report on `last` (empty without it); nothing is written if it has errors.
    Raises FileExistsError rather than overwrite a workbook.
    """
    from . import authoring

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
