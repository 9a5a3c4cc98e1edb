"""The library's front door: one workbook in, its notice out. The CLI and tests call this."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import notice, output, scoring, validate, workbook
from .problems import Report

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "thong-bao.docx"


@dataclass(frozen=True)
class Result:
    source: Path
    report: Report
    docx: Path | None = None  # None when the workbook has errors

    @property
    def ok(self) -> bool:
        return self.report.valid


def check(workbook_path: Path) -> tuple[validate.Assessment | None, Report]:
    """Reads and validates a workbook; an unreadable file is one problem, not an exception."""
    try:
        raw = workbook.read_workbook(workbook_path)
    except workbook.UnreadableWorkbook as exc:
        report = Report(workbook_path.name)
        report.error("file_unreadable", params={"reason": str(exc)})
        return None, report
    return validate.validate(raw)


def generate(workbook_path: Path, out_dir: Path, template: Path = TEMPLATE) -> Result:
    """Writes `<out_dir>/<workbook name>.docx` if the workbook is valid; never touches it otherwise."""
    assessment, report = check(workbook_path)
    if assessment is None:
        return Result(workbook_path, report)
    results = scoring.score(assessment)
    rendered = notice.render(assessment, results, template.read_bytes())
    docx = out_dir / f"{workbook_path.stem}.docx"
    output.write_atomic(docx, rendered.docx)
    return Result(workbook_path, report, docx)


def export_pdf(docx: Path) -> Path:
    """The notice as PDF beside it. Raises `output.LibreOfficeMissing` or `output.ConversionFailed`."""
    pdf = docx.with_suffix(".pdf")
    output.write_pdf(docx, pdf)
    return pdf
