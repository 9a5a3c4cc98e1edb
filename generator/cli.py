"""The `xephang` command: parses arguments, calls `api`, prints. No other logic lives here."""

from __future__ import annotations

import datetime
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import click

from . import api, notice, output, texts
from .problems import Report

DEFAULT_INPUT = Path("input")
DEFAULT_OUTPUT = Path("output")
LOG_NAME = "xephang-loi.log"
OWN_SUFFIXES = (texts.ANNOTATED_SUFFIX, texts.RESULTS_SUFFIX)  # our outputs are not inputs


def is_workbook(path: Path) -> bool:
    """An .xlsx to process: not Excel's owner file (~$name.xlsx), a hidden file or our own output."""
    name = path.name.lower()
    return name.endswith(".xlsx") and not name.startswith(("~$", ".")) and not name.endswith(OWN_SUFFIXES)


def workbooks_in(paths: tuple[Path, ...]) -> list[Path]:
    """Each path as given, and for a folder every workbook in it."""
    found: list[Path] = []
    for path in paths or (DEFAULT_INPUT,):
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and is_workbook(p))
        else:
            found.append(path)
    return found


# click's own help option says "Show this message and exit."; ours says it in Vietnamese.
NO_DEFAULT_HELP = {"help_option_names": []}
help_option = click.help_option("--help", "-h", help=texts.CLI_HELP_OPTION)
paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
out_option = click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                          default=DEFAULT_OUTPUT, help=texts.CLI_OUT_HELP)


@click.group(help=texts.CLI_HELP, context_settings=NO_DEFAULT_HELP)
@help_option
def main() -> None:
    pass


def command(help_text: str) -> Callable[[Callable[..., None]], click.Command]:
    """A subcommand of `xephang`, with the Vietnamese help option."""
    return lambda function: main.command(help=help_text, context_settings=NO_DEFAULT_HELP)(help_option(function))


def run() -> None:
    """The console script: `main`, with any failure outside a workbook's work also kept to one line."""
    try:
        main()
    except Exception as exc:  # noqa: BLE001
        log = _log_failure(Path("xephang"), DEFAULT_OUTPUT)
        click.echo(texts.CLI_UNEXPECTED.format(source="xephang", kind=type(exc).__name__, log=log), err=True)
        raise SystemExit(1) from None


@command(texts.CLI_GENERATE_HELP)
@paths_argument
@out_option
@click.option("--pdf", is_flag=True, help=texts.CLI_PDF_HELP)
def generate(paths: tuple[Path, ...], out_dir: Path, pdf: bool) -> None:
    books = _books(paths)
    outcomes = [_guarded(book, out_dir, lambda b: _generate_one(b, out_dir, pdf)) for book in books]
    if len(books) > 1:
        _summary(outcomes, texts.SUMMARY_OK)
    raise SystemExit(0 if all(o.ok for o in outcomes) else 1)


@command(texts.CLI_VALIDATE_HELP)
@paths_argument
def validate(paths: tuple[Path, ...]) -> None:
    books = _books(paths)
    outcomes = [_guarded(book, DEFAULT_OUTPUT, _validate_one) for book in books]
    if len(books) > 1:
        _summary(outcomes, texts.SUMMARY_VALID)
    raise SystemExit(0 if all(o.ok for o in outcomes) else 1)


@command(texts.CLI_WATCH_HELP)
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path),
                default=DEFAULT_INPUT)
@out_option
def watch(folder: Path, out_dir: Path) -> None:
    from .watch import watch_folder

    click.echo(texts.CLI_WATCHING.format(path=folder))
    try:
        watch_folder(folder, is_workbook, lambda book: _guarded(book, out_dir, lambda b: _generate_one(b, out_dir, False)))
    except KeyboardInterrupt:
        pass


@command(texts.CLI_INIT_HELP)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "last", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=texts.CLI_INIT_FROM_HELP)
def init(path: Path, last: Path | None) -> None:
    try:
        report = api.init(path, last)
    except FileExistsError:
        click.echo(texts.CLI_INIT_EXISTS.format(path=path), err=True)
        raise SystemExit(1) from None
    _print_report(report)
    if not report.valid:
        click.echo(texts.CLI_INIT_FROM_INVALID.format(source=report.source))
        raise SystemExit(1)
    click.echo(texts.CLI_INIT_WRITTEN.format(path=path))


class Outcome(NamedTuple):
    """One workbook's line in the summary table."""

    book: Path
    ok: bool
    errors: int = 0
    warnings: int = 0
    written: tuple[Path, ...] = ()


def _books(paths: tuple[Path, ...]) -> list[Path]:
    missing = [p for p in paths if not p.exists()]
    if missing:  # checked here rather than by click, to say it in Vietnamese
        for path in missing:
            click.echo(texts.CLI_PATH_MISSING.format(path=path), err=True)
        raise SystemExit(2)
    books = workbooks_in(paths)
    if not books:
        click.echo(texts.CLI_NO_WORKBOOKS.format(path=", ".join(map(str, paths or (DEFAULT_INPUT,)))), err=True)
        raise SystemExit(1)
    return books


def _guarded(book: Path, out_dir: Path, work: Callable[[Path], Outcome]) -> Outcome:
    """Runs one workbook's work; a failure nobody foresaw is one line and a log, never a traceback."""
    try:
        return work(book)
    except output.OutputLocked as exc:
        click.echo(texts.CLI_LOCKED.format(path=exc.path), err=True)
    except notice.TemplateBroken as exc:
        click.echo(texts.CLI_TEMPLATE_BROKEN.format(path=api.TEMPLATE, detail=exc), err=True)
    except Exception as exc:  # noqa: BLE001 - the one place that turns any failure into a message
        log = _log_failure(book, out_dir)
        click.echo(texts.CLI_UNEXPECTED.format(source=book.name, kind=type(exc).__name__, log=log), err=True)
    return Outcome(book, False)


def _log_failure(book: Path, out_dir: Path) -> Path:
    """Appends the current traceback to a log in `out_dir`, or the system's temporary folder."""
    entry = f"--- {datetime.datetime.now().isoformat(timespec='seconds')} {book}\n{traceback.format_exc()}\n"
    for folder in (out_dir, Path(tempfile.gettempdir())):
        log = folder / LOG_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as f:
                f.write(entry)
            return log
        except OSError:
            continue
    return log


SHOWN_PROBLEMS = 30  # on screen; the annotated copy lists them all


def _print_report(report: Report, full_list: Path | None = None) -> None:
    lines = report.lines()
    shown = lines if full_list is None else lines[:SHOWN_PROBLEMS]
    for line in shown:
        click.echo(f"{report.source}: {line}")
    if len(shown) < len(lines):
        click.echo(texts.CLI_MORE_PROBLEMS.format(source=report.source, count=len(lines) - len(shown), path=full_list))


def _generate_one(book: Path, out_dir: Path, pdf: bool) -> Outcome:
    result = api.generate(book, out_dir)
    report = result.report
    _print_report(report, result.annotated)
    written: list[Path] = []
    if result.docx is None:
        click.echo(texts.CLI_INVALID.format(source=report.source, errors=len(report.errors)))
        if result.annotated is not None:
            click.echo(texts.CLI_ANNOTATED.format(path=result.annotated))
            written.append(result.annotated)
        return Outcome(book, False, len(report.errors), len(report.warnings), tuple(written))
    written.append(result.docx)
    click.echo(texts.CLI_WRITTEN.format(path=result.docx))
    ok = True
    if pdf:
        pdf_path = _export_pdf(result.docx)
        ok = pdf_path is not None
        written += [pdf_path] if pdf_path else []
    if result.changes is not None:
        click.echo(texts.CHANGES_TITLE.format(path=result.results) if result.changes else texts.CHANGES_NONE)
        for line in result.changes:
            click.echo(f"  {line}")
    return Outcome(book, ok, 0, len(report.warnings), tuple(written))


def _validate_one(book: Path) -> Outcome:
    _, report = api.check(book)
    _print_report(report)
    if report.valid:
        click.echo(texts.CLI_VALID.format(source=report.source))
    return Outcome(book, report.valid, len(report.errors), len(report.warnings))


def _export_pdf(docx: Path) -> Path | None:
    try:
        pdf = api.export_pdf(docx)
    except output.LibreOfficeMissing:
        click.echo(texts.CLI_SOFFICE_MISSING, err=True)
    except output.ConversionFailed as exc:
        click.echo(texts.CLI_PDF_FAILED.format(path=docx.name, detail=exc), err=True)
    else:
        click.echo(texts.CLI_WRITTEN.format(path=pdf))
        return pdf
    return None


def _summary(outcomes: list[Outcome], ok_word: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=texts.SUMMARY_TITLE)
    for column in texts.SUMMARY_COLUMNS:
        table.add_column(column)
    for book, ok, errors, warnings, written in outcomes:
        table.add_row(book.name, ok_word if ok else texts.SUMMARY_FAILED, str(errors), str(warnings),
                      "\n".join(p.name for p in written))
    Console(width=120).print(table)
