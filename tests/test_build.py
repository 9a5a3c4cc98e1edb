"""The in-memory core, `api.build`: bytes in, bytes out; no file written, no clock read."""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import zipfile

import pytest

from builders import Spec, template_edited
from conftest import SAMPLE
from generator import api
from generator.model import DocumentKind


def invalid(path):
    spec = Spec()
    spec.scores["Sở"][2] = (2, "Sở B", 130, 45)
    return spec.write(path)


def test_build_gives_exactly_the_bytes_generate_writes(tmp_path):
    out = tmp_path / "out"
    first = api.generate(SAMPLE, out)
    previous = first.results.read_bytes()
    second = api.generate(SAMPLE, out)  # compared with the first run's results

    built = api.build(SAMPLE.read_bytes(), SAMPLE.name, last_run=previous)
    assert built.docx == second.docx.read_bytes() and built.results == second.results.read_bytes()
    assert built.annotated is None and built.report.valid and built.changes == second.changes == []
    assert api.build(SAMPLE.read_bytes(), SAMPLE.name).changes is None  # nothing to compare with

    book = invalid(tmp_path / "nam.xlsx")
    bad = api.generate(book, out)
    built = api.build(book.read_bytes(), "nam.xlsx")
    assert built.annotated == bad.annotated.read_bytes()
    assert built.docx is None and built.results is None and built.report.lines() == bad.report.lines()


def test_build_of_what_is_no_workbook_is_one_problem():
    built = api.build(b"not a workbook", "bang.xlsx")
    assert [p.code for p in built.report.errors] == ["file_unreadable"]
    assert (built.docx, built.results, built.annotated, built.failure) == (None, None, None, None)


def test_a_damaged_previous_results_workbook_only_costs_the_comparison():
    built = api.build(SAMPLE.read_bytes(), SAMPLE.name, last_run=b"PK\x03\x04 not a results workbook")
    assert built.docx is not None and built.changes is None


def test_build_fills_the_template_it_is_given():
    template = edited_template(lambda xml: xml.replace(">THÔNG BÁO<", ">THÔNG CÁO<"))
    built = api.build(SAMPLE.read_bytes(), SAMPLE.name, template=template)
    assert "THÔNG CÁO" in document_xml(built.docx) and "THÔNG CÁO" not in document_xml(
        api.build(SAMPLE.read_bytes(), SAMPLE.name).docx)


def edited_template(edit) -> bytes:
    """The packaged template with `edit` applied to its document.xml."""
    return template_edited({"word/document.xml": edit})


def document_xml(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml").decode()


# Only recorded while `recording` holds True: an audit hook cannot be removed once added.
recording: list[bool] = [False]
events: list[tuple[str, tuple[object, ...]]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if recording[0] and (event in ("open", "os.remove", "os.unlink", "os.rename", "os.replace", "os.mkdir",
                                   "os.rmdir", "shutil.rmtree", "tempfile.mkstemp", "tempfile.mkdtemp")):
        events.append((event, args))


sys.addaudithook(_audit)


def recorded(work):
    """The file events of `work()`, and what it returned."""
    events.clear()
    recording[0] = True
    try:
        return work(), list(events)
    finally:
        recording[0] = False


def test_build_opens_no_file_but_the_packaged_template_and_writes_none():
    data, previous = SAMPLE.read_bytes(), api.build(SAMPLE.read_bytes(), SAMPLE.name).results
    api.build(data, SAMPLE.name, last_run=previous)  # every module it imports lazily is imported now
    built, seen = recorded(lambda: api.build(data, SAMPLE.name, last_run=previous))
    assert built.docx is not None and built.changes == []
    assert seen == [("open", (os.fspath(api.TEMPLATES[DocumentKind.NOTICE]), "r", seen[0][1][2]))], seen


def test_the_annotated_copy_writes_only_openpyxl_s_own_passing_files_in_the_temporary_folder(tmp_path):
    # openpyxl saves each sheet through a temporary file of its own, removed at once: the one
    # exception to "build writes nothing" (output._saved would need another writer to avoid it).
    data = invalid(tmp_path / "nam.xlsx").read_bytes()
    api.build(data, "nam.xlsx")
    built, seen = recorded(lambda: api.build(data, "nam.xlsx"))
    assert built.annotated is not None
    temporary = os.path.join(tempfile.gettempdir(), "openpyxl.")
    assert all(event in ("open", "tempfile.mkstemp", "os.remove") and str(args[0]).startswith(tempfile.gettempdir())
               for event, args in seen), seen
    made = {args[0] for event, args in seen if event == "tempfile.mkstemp"}
    assert made and all(path.startswith(temporary) for path in made)
    assert made == {args[0] for event, args in seen if event == "os.remove"}


@pytest.mark.parametrize("make", [lambda tmp: SAMPLE, lambda tmp: DRAFT.write(tmp / "nam.xlsx")])
def test_build_reads_no_clock(tmp_path, monkeypatch, make):
    book = make(tmp_path)
    data = book.read_bytes()
    first = api.build(data, book.name)
    time.sleep(1.1)
    second = api.build(data, book.name)
    in_another_year = time.time() + 3 * 365 * 86400
    monkeypatch.setattr(time, "time", lambda: in_another_year)
    third = api.build(data, book.name)
    assert first.docx is not None and first.docx == second.docx == third.docx
    assert first.results == second.results == third.results


# No number or date yet: the draft, whose blanks a clock could have been tempted to fill.
DRAFT = Spec().set_info("Ngày ban hành", None).set_info("Số, ký hiệu", None)
