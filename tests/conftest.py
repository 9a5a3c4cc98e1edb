from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def serving(out_dir: Path) -> tuple[str, Any]:
    """The page served by waitress, as `xephang serve` serves it, on a free port of 127.0.0.1: its
    address, and the server (to close)."""
    from waitress.server import create_server

    from generator import web

    server = create_server(web.create_app(out_dir), host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}", server


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The page's address and its output folder."""
    out_dir = tmp_path / "output"
    address, server = serving(out_dir)
    yield address, out_dir
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
