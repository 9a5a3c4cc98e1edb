"""The `xephang` command: parses arguments, calls `api`, prints. No other logic lives here."""

from __future__ import annotations

from pathlib import Path

import click

from . import api, output, texts

DEFAULT_INPUT = Path("input")
DEFAULT_OUTPUT = Path("output")


def workbooks_in(paths: tuple[Path, ...]) -> list[Path]:
    """Each path as given, and for a folder every .xlsx in it but Excel's owner and hidden files."""
    found: list[Path] = []
    for path in paths or (DEFAULT_INPUT,):
        if path.is_dir():
            found += sorted(
                p for p in path.iterdir()
                if p.suffix.lower() == ".xlsx" and not p.name.startswith(("~$", ".")) and p.is_file()
            )
        else:
            found.append(path)
    return found


@click.group(help=texts.CLI_HELP)
def main() -> None:
    pass


@main.command(help=texts.CLI_GENERATE_HELP)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUTPUT, show_default=True, help=texts.CLI_OUT_HELP)
@click.option("--pdf", is_flag=True, help=texts.CLI_PDF_HELP)
def generate(paths: tuple[Path, ...], out_dir: Path, pdf: bool) -> None:
    books = workbooks_in(paths)
    if not books:
        raise click.ClickException(texts.CLI_NO_WORKBOOKS.format(path=", ".join(map(str, paths or (DEFAULT_INPUT,)))))
    failed = 0
    for book in books:
        result = api.generate(book, out_dir)
        for line in result.report.lines():
            click.echo(f"{result.report.source}: {line}")
        if result.docx is not None:
            click.echo(texts.CLI_WRITTEN.format(path=result.docx))
            if pdf and not _export_pdf(result.docx):
                failed += 1
        else:
            failed += 1
            click.echo(texts.CLI_INVALID.format(source=result.report.source, errors=len(result.report.errors)))
    raise SystemExit(1 if failed else 0)


def _export_pdf(docx: Path) -> bool:
    try:
        click.echo(texts.CLI_WRITTEN.format(path=api.export_pdf(docx)))
    except output.LibreOfficeMissing:
        click.echo(texts.CLI_SOFFICE_MISSING, err=True)
    except output.ConversionFailed as exc:
        click.echo(texts.CLI_PDF_FAILED.format(path=docx.name, detail=exc), err=True)
    else:
        return True
    return False
