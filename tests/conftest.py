from __future__ import annotations

import errno
import html
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "input" / "khanh-hoa-2014.xlsx"


def required(found: str | None, what: str, install: str) -> str:
    """The path of a program some tests need. CI installs it (.ci/run), so there a missing one fails
    the test; elsewhere (a Windows PC) the test is skipped, saying why."""
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing: .ci/run should have installed it")
        pytest.skip(f"{what} is not installed ({install})")
    return found


def require_soffice() -> str:
    return required(shutil.which("soffice"), "LibreOffice (soffice)", "apt-get install libreoffice-writer-nogui")


@pytest.fixture(scope="session")
def sample_docx(tmp_path_factory) -> Path:
    from generator import api

    result = api.generate(SAMPLE, tmp_path_factory.mktemp("sample"))
    assert result.docx is not None, result.report.lines()
    return result.docx


# --- PDFs as LibreOffice lays them out, read by poppler ---------------------------------------


@pytest.fixture(scope="session")
def sample_pdf(sample_docx: Path) -> Path:
    """The 2014 sample's notice as PDF."""
    from generator import api

    require_soffice()
    return api.export_pdf(sample_docx)


def poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: Path) -> list[tuple[str, list[str]]]:
    """Each A4 page's orientation and its lines of text, each line's words one space apart."""
    count = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", poppler("pdfinfo", "-f", "1", "-l", str(count), str(pdf)))
    assert len(sizes) == count
    assert all(sorted((round(float(w)), round(float(h)))) == [595, 842] for w, h in sizes)  # A4
    return [("landscape" if float(w) > float(h) else "portrait",
             [" ".join(line.split()) for line in poppler("pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf),
                                                         "-").splitlines() if line.strip()])
            for n, (w, h) in enumerate(sizes, 1)]


# A table's data row as pdftotext prints it: its number, the unit's name, then its figures.
DATA_ROW = re.compile(r"\d+ \D+( [\d,]+)+")


def closing_page(pdf: Path) -> tuple[list[str], list[str]]:
    """The last page's data rows above its closing block (from "Nơi nhận:"), and that block's lines."""
    _, lines = pdf_pages(pdf)[-1]
    at = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận:"))
    return [line for line in lines[:at] if DATA_ROW.fullmatch(line)], lines[at:]


class Word(NamedTuple):
    """A word of a PDF where poppler finds it: its page (from 1), its box in points from the top left."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def pdf_words(pdf: Path) -> list[Word]:
    """Every word of the PDF in reading order."""
    text = poppler("pdftotext", "-bbox", str(pdf), "-")
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [Word(page, float(x0), float(y0), float(x1), float(y1), html.unescape(word))
            for page, content in enumerate(text.split("<page")[1:], 1)
            for x0, y0, x1, y1, word in re.findall(pattern, content)]


# --- the browser tests: Debian's Chromium driven by Playwright, the page served for real ---------

# Looked at by a person; in build/, ignored by git, never in output/, which holds the user's documents.
SCREENSHOTS = ROOT / "build" / "screenshots"
OFFICE_SCREEN = {"width": 1366, "height": 768}


def require_chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return required(found, "Chromium (for the browser tests)", "Debian: apt-get install chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    chromium = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=OFFICE_SCREEN, locale="vi-VN", accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()


def serving(out_dir: Path, input_dir: Path | None = None) -> tuple[str, Any]:
    """The page served by waitress, as `xephang serve` serves it, on a free port of 127.0.0.1: its
    address, and the server (to close). With `input_dir`, the page follows that working folder."""
    from waitress.server import create_server

    from generator import web
    from generator.watch import watch_folder

    app = web.create_app(out_dir, input_dir=input_dir, follow=None if input_dir is None else watch_folder)
    server = create_server(app, host="127.0.0.1", port=0, threads=12)
    server.following = app.extensions["xephang"].following  # closed with the server (`following_site`)
    threading.Thread(target=_served, args=(server,), daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}", server


def _served(server: Any) -> None:
    """Runs `server` until the test closes it from its own thread: the loop's `select` may then meet
    the closed socket (EBADF), which is that end, not a failure."""
    try:
        server.run()
    except OSError as exc:
        if exc.errno != errno.EBADF:
            raise


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The page's address and its output folder."""
    out_dir = tmp_path / "output"
    address, server = serving(out_dir)
    yield address, out_dir
    server.close()


@pytest.fixture
def following_site(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """The page following a working folder (`xephang serve` run where `input/` is): its address, the
    folder and the output folder. A test writes its workbooks into the folder."""
    folder, out_dir = tmp_path / "input", tmp_path / "output"
    folder.mkdir()
    address, server = serving(out_dir, folder)
    yield address, folder, out_dir
    server.following.close()
    server.close()


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


@pytest.fixture(scope="session")
def last_results() -> bytes:
    """Last year's results workbook of `builders.dti_spec` (`builders.last_year_spec`, built)."""
    from builders import last_year_spec
    from generator import api

    run = api.build(last_year_spec().write_bytes(), "nam-truoc.xlsx")
    assert run.results is not None, run.report.lines()
    return run.results


@pytest.fixture(scope="session")
def built(last_results: bytes) -> Any:
    """`builders.dti_spec` built, its last year's results read from `last_results`."""
    from builders import dti_spec
    from generator import api

    run = api.build(dti_spec().write_bytes(), "dti.xlsx", last_year=lambda typed: (typed, last_results))
    assert run.docx is not None, run.report.lines()
    return run
