"""The `xephang` command: parses arguments, picks the templates, calls `api` for each workbook,
prints. What a run does is `api`'s; how the page works, `web`'s."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

from . import api, texts

DEFAULT_INPUT = Path("input")
DEFAULT_OUTPUT = Path(api.errors.OUTPUT_FOLDER)
# A secretariat's own edited templates, kept in the folder xephang runs from (README: Windows): by
# the packaged ones' names, templates/thong-bao.docx and templates/quyet-dinh.docx.
LOCAL_TEMPLATES = {kind: Path("templates", api.TEMPLATES[kind].name) for kind in api.DocumentKind}
LOCAL_SHEET_TEMPLATE = Path("templates", api.SHEET_TEMPLATE.name)  # templates/phieu-ket-qua.docx
Template = Path | dict[api.DocumentKind, Path] | None


class Sheets(NamedTuple):
    """Each unit's result sheet: asked for on the command line (else as the workbook says), and its
    template (None: the packaged one)."""

    asked: bool = False
    template: Path | None = None


def _vietnamese(message: str) -> str:
    return texts.CLICK_WORDS.get(message, message)


def _vietnamese_plural(singular: str, plural: str, count: int) -> str:
    return _vietnamese(singular if count == 1 else plural)


def _click_in_vietnamese() -> None:
    """click's own words (the usage line, help headings, usage errors) go through gettext's `_`
    and `ngettext`, which each of its modules binds for itself: they say it in Vietnamese instead."""
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        # setattr: the modules do not declare these names for type checkers
        setattr(module, "_", _vietnamese)  # noqa: B010
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", _vietnamese_plural)  # noqa: B010


_click_in_vietnamese()  # before the commands below are made: click takes some words when they are

CONTEXT = {"help_option_names": ["-h", "--help"]}
paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar=texts.METAVAR_PATHS)
out_option = click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                          default=DEFAULT_OUTPUT, metavar=texts.METAVAR_FOLDER, help=texts.CLI_OUT_HELP)
# Not click's exists=True: a missing template is told in Vietnamese, by `_template`.
template_option = click.option("--template", type=click.Path(path_type=Path), metavar=texts.METAVAR_FILE,
                               help=texts.CLI_TEMPLATE_HELP)
sheet_template_option = click.option("--template-phieu", "sheet_template", type=click.Path(path_type=Path),
                                     metavar=texts.METAVAR_FILE, help=texts.CLI_SHEET_TEMPLATE_HELP)


@click.group(name="xephang", help=texts.CLI_HELP, context_settings=CONTEXT, invoke_without_command=True,
             options_metavar=texts.METAVAR_OPTIONS, subcommand_metavar=texts.METAVAR_COMMAND)
@click.version_option(package_name="xephang", prog_name="xephang")
@click.pass_context
def main(context: click.Context) -> None:
    if context.invoked_subcommand is None:  # `xephang` alone: the everyday `xephang generate`
        context.invoke(generate)


def command(help_text: str) -> Callable[[Callable[..., None]], click.Command]:
    """A subcommand of `xephang`, its usage line in Vietnamese."""
    return main.command(help=help_text, context_settings=CONTEXT, options_metavar=texts.METAVAR_OPTIONS)


@command(texts.CLI_GENERATE_HELP)
@paths_argument
@out_option
@click.option("--pdf", is_flag=True, help=texts.CLI_PDF_HELP)
@click.option("--phieu", "sheets", is_flag=True, help=texts.CLI_SHEETS_HELP)
@template_option
@sheet_template_option
def generate(
    paths: tuple[Path, ...], out_dir: Path, pdf: bool, sheets: bool, template: Path | None, sheet_template: Path | None
) -> None:
    books = _books(paths, "generate")
    chosen, asked = _template(template), Sheets(sheets, _sheet_template(sheet_template))
    refused = _refuse_clashing(books)
    outcomes = [Outcome(book, False, refused=True) if book in refused
                else _guarded(book, out_dir, lambda b: _generate_one(b, out_dir, pdf, chosen, asked)) for book in books]
    if len(books) > 1:
        _summary(outcomes, texts.SUMMARY_OK)
    raise SystemExit(0 if all(o.ok for o in outcomes) else 1)


@command(texts.CLI_VALIDATE_HELP)
@paths_argument
def validate(paths: tuple[Path, ...]) -> None:
    books = _books(paths, "validate")
    outcomes = [_guarded(book, DEFAULT_OUTPUT, _validate_one) for book in books]
    if len(books) > 1:
        _summary(outcomes, texts.SUMMARY_VALID)
    raise SystemExit(0 if all(o.ok for o in outcomes) else 1)


@command(texts.CLI_WATCH_HELP)
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path),
                default=DEFAULT_INPUT, metavar=f"[{texts.METAVAR_FOLDER}]")
@out_option
@template_option
@sheet_template_option
def watch(folder: Path, out_dir: Path, template: Path | None, sheet_template: Path | None) -> None:
    chosen, asked = _template(template), Sheets(template=_sheet_template(sheet_template))
    click.echo(texts.CLI_WATCHING.format(path=folder))
    try:
        from .watch import watch_folder  # a front end of its own: watchdog is loaded by this command only

        watch_folder(folder, api.is_workbook,
                     lambda book: _guarded(book, out_dir, lambda b: _generate_one(b, out_dir, False, chosen, asked)))
    except KeyboardInterrupt:
        pass


@command(texts.CLI_INIT_HELP)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), metavar=texts.METAVAR_FILE)
@click.option("--from", "last", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar=texts.METAVAR_FILE, help=texts.CLI_INIT_FROM_HELP)
@click.option("--dti", is_flag=True, help=texts.CLI_INIT_DTI_HELP)
def init(path: Path, last: Path | None, dti: bool) -> None:
    if last is not None and dti:
        raise click.UsageError(texts.CLI_INIT_DTI_AND_FROM)
    path = api.new_workbook_path(path)
    try:
        report = api.init(path, last, dti)
    except FileExistsError:
        click.echo(texts.CLI_INIT_EXISTS.format(path=path), err=True)
        raise SystemExit(1) from None
    _print_report(report)
    if not report.valid:
        click.echo(texts.CLI_INIT_FROM_INVALID.format(source=report.source))
        raise SystemExit(1)
    click.echo(texts.CLI_INIT_WRITTEN.format(path=path))
    if last is not None:
        click.echo(texts.CLI_INIT_BASES_CARRIED)


class _Port(click.ParamType):  # type: ignore[type-arg]  # click's ParamType is generic in its stubs only
    """A port number, 0 to 65535 (0: any free port), refused in Vietnamese."""

    name = "port"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        port = int(value) if isinstance(value, str) and value.strip().isdigit() else -1
        if not 0 <= port <= 65535:
            self.fail(texts.CLI_PORT_INVALID.format(value=value), param, ctx)
        return port


@command(texts.CLI_SERVE_HELP)
@click.option("--port", type=_Port(), default=8000, metavar=texts.METAVAR_PORT, help=texts.CLI_PORT_HELP)
@click.option("--no-browser", is_flag=True, help=texts.CLI_NO_BROWSER_HELP)
@out_option
@template_option
@sheet_template_option
def serve(port: int, no_browser: bool, out_dir: Path, template: Path | None, sheet_template: Path | None) -> None:
    chosen, sheet = _template(template), _sheet_template(sheet_template)
    try:
        from .watch import watch_folder
        from .web import run  # the page, a front end of its own: flask, waitress and pygal load here only

        run(out_dir, port=port, browser=not no_browser, template=chosen, sheet_template=sheet, follow=watch_folder,
            ready=lambda url: click.echo(texts.CLI_SERVING.format(url=url, out=out_dir)))
    except OSError as exc:  # the port is taken, or not ours to open
        click.echo(texts.CLI_PORT_BUSY.format(port=port, detail=texts.os_reason(exc)), err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:  # before the server ran: it takes Ctrl+C itself, and returns
        pass
    click.echo(texts.CLI_STOPPED)


class Outcome(NamedTuple):
    """One workbook's line in the summary table."""

    book: Path
    ok: bool
    errors: int = 0
    warnings: int = 0
    written: tuple[Path, ...] = ()
    refused: bool = False  # not processed: another workbook would have written the same outputs


def _books(paths: tuple[Path, ...], command_name: str) -> list[Path]:
    missing = [p for p in paths if not p.exists()]
    if missing:  # checked here rather than by click, to say it in Vietnamese
        for path in missing:
            click.echo(texts.CLI_PATH_MISSING.format(path=path), err=True)
        raise SystemExit(2)
    if not paths and not DEFAULT_INPUT.is_dir():
        click.echo(texts.CLI_NO_INPUT_FOLDER.format(cwd=Path.cwd(), command=command_name), err=True)
        raise SystemExit(2)
    books = api.workbooks_in(paths or (DEFAULT_INPUT,))
    if not books:
        click.echo(texts.CLI_NO_WORKBOOKS.format(path=", ".join(map(str, paths or (DEFAULT_INPUT,)))), err=True)
        raise SystemExit(1)
    return books


def _refuse_clashing(books: list[Path]) -> set[Path]:
    """The workbooks that would overwrite each other's outputs, each group told in one line."""
    refused: set[Path] = set()
    for group in api.clashing(books):
        output_name = api.outputs(group[0], Path())[api.DOCX].name
        click.echo(texts.CLI_SAME_OUTPUTS.format(paths=", ".join(map(str, group)), output=output_name), err=True)
        refused.update(group)
    return refused


def _template(given: Path | None) -> Template:
    """The Word template to fill: the one given, else the folder's own of each kind it has, else
    None (the packaged ones). One that cannot be read, or is refused by its check, stops the
    command before any workbook is read (exit 2)."""
    template: Template = given
    if template is None:
        template = {kind: path for kind, path in LOCAL_TEMPLATES.items() if path.exists()} or None
    for path in [template] if isinstance(template, Path) else (template or {}).values():
        _checked(path)
    return template


def _sheet_template(given: Path | None) -> Path | None:
    """The result sheets' Word template: the one given, else the folder's own if it has one, else
    None (the packaged one); checked as `_template` checks the document's."""
    template = given if given is not None else LOCAL_SHEET_TEMPLATE if LOCAL_SHEET_TEMPLATE.exists() else None
    if template is not None:
        _checked(template, sheet=True)
    return template


def _checked(path: Path, sheet: bool = False) -> None:
    """Stops the command (exit 2) if the template at `path` cannot be read or is refused by its check."""
    try:
        api.read_template(path, sheet=sheet)
    except (api.errors.TemplateUnreadable, api.errors.TemplateBroken, api.errors.TemplateRefused) as exc:
        click.echo(api.template_failure(exc), err=True)
        raise SystemExit(2) from None


def _guarded(book: Path, out_dir: Path, work: Callable[[Path], Outcome]) -> Outcome:
    """Runs one workbook's work; a failure nobody foresaw is one line and a log, never a traceback.

    Python's cyclic garbage collector is paused meanwhile: a national workbook makes some 10^6
    objects and no cycles worth collecting mid-run, and the collector's passes over them cost up to
    a fifth of the run (`make bench`). It resumes after each workbook."""
    gc.disable()
    try:
        return work(book)
    except api.errors.OutputLocked as exc:
        click.echo(texts.CLI_LOCKED.format(path=exc.path), err=True)
    except Exception as exc:  # noqa: BLE001 - the one place that turns any failure into a message
        log = api.errors.log_failure(book, out_dir)
        click.echo(texts.CLI_UNEXPECTED.format(source=book.name, kind=type(exc).__name__, log=log), err=True)
    finally:
        gc.enable()
    return Outcome(book, False)


SHOWN_PROBLEMS = 30  # on screen; the annotated copy lists them all


def _print_report(report: api.Report, full_list: Path | None = None) -> None:
    lines = report.lines()
    shown = lines if full_list is None else lines[:SHOWN_PROBLEMS]
    for line in shown:
        click.echo(f"{report.source}: {line}")
    if len(shown) < len(lines):
        click.echo(texts.CLI_MORE_PROBLEMS.format(source=report.source, count=len(lines) - len(shown), path=full_list))


def _generate_one(book: Path, out_dir: Path, pdf: bool, template: Template, sheets: Sheets) -> Outcome:
    try:
        result = api.generate(book, out_dir, template, sheets=sheets.asked, sheet_template=sheets.template)
    except (api.errors.TemplateUnreadable, api.errors.TemplateBroken, api.errors.TemplateRefused) as exc:
        # read when the command began: since removed or changed, or unable to fill this document
        click.echo(api.template_failure(exc), err=True)
        return Outcome(book, False)
    report = result.report
    # The problems first, always: whatever happens to the outputs, the cells to fix are on screen.
    _print_report(report, result.annotated)
    if result.failure is not None:
        click.echo(result.failure, err=True)
    written: list[Path] = []
    if result.docx is None:
        if report.valid:
            return Outcome(book, False, 0, len(report.warnings))
        if not report.unreadable:
            click.echo(texts.CLI_INVALID.format(source=report.source, errors=len(report.errors)))
        if result.annotated is not None:
            click.echo(texts.CLI_ANNOTATED.format(path=result.annotated))
            written.append(result.annotated)
        return Outcome(book, False, len(report.errors), len(report.warnings), tuple(written))
    written.append(result.docx)
    click.echo((texts.CLI_WRITTEN_DRAFT if result.draft else texts.CLI_WRITTEN).format(path=result.docx))
    for path in (result.sheets, result.sheets_docx):
        if path is not None:
            click.echo(texts.CLI_WRITTEN.format(path=path))
            written.append(path)
    ok = True
    for docx in (result.docx, result.sheets_docx) if pdf else ():
        if docx is not None:
            pdf_path = _export_pdf(docx)
            ok = ok and pdf_path is not None
            written += [pdf_path] if pdf_path else []
    if result.last_run_unreadable:
        click.echo(texts.CHANGES_LAST_RUN_UNREADABLE.format(path=result.results))
    elif result.changes is not None:
        click.echo(texts.CHANGES_TITLE.format(path=result.results) if result.changes else texts.CHANGES_NONE)
        for line in result.changes:
            click.echo(f"  {line}")
    return Outcome(book, ok, 0, len(report.warnings), tuple(written))


def _validate_one(book: Path) -> Outcome:
    assessment, report = api.check(book)
    _print_report(report)
    errors, warnings = len(report.errors), len(report.warnings)
    if not report.valid and not report.unreadable:
        click.echo(texts.CLI_COUNTED.format(source=report.source, errors=errors, warnings=warnings))
    if report.valid:
        click.echo((texts.CLI_VALID_WARNED if warnings else texts.CLI_VALID).format(
            source=report.source, warnings=warnings))
        if assessment is not None and assessment.info.draft:
            click.echo(texts.CLI_VALID_DRAFT.format(source=report.source))
    return Outcome(book, report.valid, errors, warnings)


def _export_pdf(docx: Path) -> Path | None:
    try:
        pdf = api.export_pdf(docx)
    except api.errors.LibreOfficeMissing:
        click.echo(texts.soffice_missing(os.name), err=True)
    except api.errors.ConversionFailed as exc:
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
    for book, ok, errors, warnings, written, refused in outcomes:
        result = texts.SUMMARY_REFUSED if refused else ok_word if ok else texts.SUMMARY_FAILED
        table.add_row(book.name, result, str(errors), str(warnings), "\n".join(p.name for p in written))
    Console(width=120).print(table)
