"""Stage 5: atomic writes and the PDF made with LibreOffice, checked as a reader sees it."""

from __future__ import annotations

import datetime
import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from builders import Spec, merge, read_file, unscored
from conftest import SAMPLE, poppler, require_soffice
from generator import api, output
from generator.cli import main
from generator.problems import Code, Problem, Report


def page_text(pdf: Path, page: int) -> list[str]:
    text = poppler("pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-")
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_pdf_pages_are_a4(sample_pdf):
    info = poppler("pdfinfo", "-f", "1", "-l", "99", str(sample_pdf))
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) >= 4
    assert all(round(float(w)) == 595 and round(float(h)) == 842 for w, h in sizes)


def test_pdf_uses_only_times_new_roman_or_its_metric_twin(sample_pdf):
    lines = poppler("pdffonts", str(sample_pdf)).splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in lines}
    assert names and all(n.startswith(("LiberationSerif", "TimesNewRoman")) for n in names), names


def test_pdf_page_numbers_from_page_2_and_header_lines(sample_pdf):
    first, second = page_text(sample_pdf, 1), page_text(sample_pdf, 2)
    assert not first[0].isdigit()
    assert second[0] == "2"
    joined = " ".join(first)
    for line in ("UBND TỈNH KHÁNH HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Số: 29/TB-HĐTD", "Khánh Hòa, ngày 08 tháng 01 năm 2015", "THÔNG BÁO"):
        assert line in joined


def test_pdf_is_pdf_a_2b_with_every_font_embedded(sample_pdf):
    # contract: "A document for digital signature" (every PDF: an archive's copy is one too)
    meta = poppler("pdfinfo", "-meta", str(sample_pdf))
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", meta) and re.search(r"<pdfaid:conformance>B<", meta)
    fonts = poppler("pdffonts", str(sample_pdf)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column


def test_two_conversions_at_once_do_not_collide(sample_docx, tmp_path):
    require_soffice()
    copies = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        copies.append(tmp_path / name / sample_docx.name)
        copies[-1].write_bytes(sample_docx.read_bytes())
    with ThreadPoolExecutor(2) as pool:
        pdfs = list(pool.map(api.export_pdf, copies))
    assert all(p.stat().st_size > 10_000 for p in pdfs)


def test_pdf_without_libreoffice_names_the_package_and_exits_1(tmp_path, monkeypatch):
    monkeypatch.setattr(output.shutil, "which", lambda name: None)
    result = CliRunner().invoke(main, ["generate", str(SAMPLE), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 1
    assert "libreoffice-writer" in result.output
    assert (tmp_path / "khanh-hoa-2014.docx").exists() and not (tmp_path / "khanh-hoa-2014.pdf").exists()


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a.docx"
    output.write_atomic(target, b"first")
    output.write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


INTERRUPTED_WRITE = """
import os, sys, time
from pathlib import Path
from generator import output

def stalled_fsync(fd):  # the new content is half-way to disk when the signal comes
    print("writing", flush=True)
    time.sleep(60)

output.os.fsync = stalled_fsync
output.write_atomic(Path(sys.argv[1]), b"new notice" * 100_000)
"""


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupting_a_write_leaves_the_earlier_output_intact(tmp_path, sig):
    target = tmp_path / "nam.docx"
    target.write_bytes(b"earlier good notice")
    process = subprocess.Popen([sys.executable, "-c", INTERRUPTED_WRITE, str(target)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "writing\n"
    process.send_signal(sig)
    process.wait(timeout=30)
    assert target.read_bytes() == b"earlier good notice"
    leftovers = [p.name for p in tmp_path.iterdir() if p != target]
    if sig == signal.SIGINT:  # Ctrl-C: the temporary file is cleaned up too
        assert leftovers == []


def test_written_files_get_ordinary_permissions(tmp_path):
    target = tmp_path / "a.docx"
    output.write_atomic(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


# --- the annotated copy (<name>.loi.xlsx) ---------------------------------------------------


def annotated(source: Path, report: Report):
    return load_workbook(io.BytesIO(output.annotated_copy(source.read_bytes(), report)))


def listing(book) -> list[list]:
    return [[c.value for c in row] for row in book["Lỗi"].iter_rows(min_row=2)]


def test_problems_inside_merged_cells_mark_the_ranges_top_left_cell(tmp_path):
    spec = Spec()
    spec.scores["Sở"].insert(0, ("", "", "Trong đó", None))  # a two-row header
    path = merge(spec.write(tmp_path / "gop.xlsx"), "Sở", {"C4": "Miễn đánh giá", "D4": None}, ["C1:D1", "C4:D4"])
    _, report = api.check(path)
    assert [p.cell for p in report.problems] == ["C4:D4", "C4"]  # the merge, and its first cell's value
    report.warning(Code.COLUMN_UNKNOWN, sheet="Sở", row=0, col=3, value="Trong đó")
    book = annotated(path, report)
    assert [row[2] for row in listing(book)] == ["C4:D4", "C4", "D1"]  # each problem listed where found
    links = [row[2].hyperlink.location for row in book["Lỗi"].iter_rows(min_row=2)]
    assert links == ["'Sở'!C4", "'Sở'!C4", "'Sở'!C1"]
    score = book["Sở"]["C4"]
    assert score.fill.start_color.rgb.endswith(output.ERROR_FILL)
    assert "'Miễn đánh giá' không phải là số" in score.comment.text and "ô C4:D4" in score.comment.text
    assert book["Sở"]["C1"].fill.start_color.rgb.endswith(output.WARNING_FILL)


def test_thousands_of_problems_fill_every_cell_list_every_problem_and_comment_the_first(tmp_path):
    path = unscored(2_000).write(tmp_path / "trong.xlsx")
    _, report = api.check(path)
    assert len(report.problems) == 12_000
    start = time.perf_counter()
    data = output.annotated_copy(path.read_bytes(), report)
    assert time.perf_counter() - start < 8  # quadratic, it took 16 s
    book = load_workbook(io.BytesIO(data))
    assert len(listing(book)) == 12_000
    cells = [c for row in book["Sở"].iter_rows(min_row=2, min_col=3) for c in row]
    assert all(c.fill.start_color.rgb.endswith(output.ERROR_FILL) for c in cells)
    commented = [c for c in cells if c.comment]
    assert len(commented) == output.COMMENT_LIMIT and commented[0].coordinate == "C2"
    assert f"{output.COMMENT_LIMIT:,}".replace(",", ".") in book["Lỗi"]["I1"].value


INJECTIONS = ('=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+SUM(1)", "@A1")


def test_texts_starting_with_equals_are_written_as_strings_never_formulas(tmp_path):
    path = Spec().write(tmp_path / "a.xlsx")
    report = Report("a.xlsx", [Problem(Code.SCORE_NOT_NUMBER, "error", sheet="Sở", row=1, col=2, value=text, unit=text,
                                       criterion=text) for text in INJECTIONS])
    for data in (output.annotated_copy(path.read_bytes(), report),
                 output.annotated_from_values(sheet_values(path), report)):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            first = package.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in first and "cmd|" in first
        book = load_workbook(io.BytesIO(data))
        for row in book["Lỗi"].iter_rows(min_row=2, max_col=7):
            assert all(c.data_type == "s" for c in row if c.value is not None)
        assert [row[3] for row in listing(book)] == list(INJECTIONS)


def test_problem_list_prints_on_a4_landscape_fitted_to_width(tmp_path):
    path = Spec().write(tmp_path / "a.xlsx")
    _, report = api.check(path)
    report.error(Code.SCORE_NOT_NUMBER, sheet="Sở", row=1, col=2, value="x")
    report.error(Code.SHEET_AMBIGUOUS, params={"sheet_name": "Sở", "names": "'Sở', 'Sở ' (đang ẩn), 'SỞ'"})
    sheet = annotated(path, report)["Lỗi"]
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    # A message longer than its column wraps, on a row tall enough for its lines, read from the top.
    message = sheet["G3"]
    assert len(message.value) > 100 and message.alignment.wrap_text and message.alignment.vertical == "top"
    assert sheet.row_dimensions[3].height >= 15 * 2


def sheet_values(path: Path) -> list[tuple[str, list[list]]]:
    return [(sheet.name, sheet.rows) for sheet in read_file(path).sheets]


def test_a_copy_built_from_values_marks_and_lists_the_same_problems(tmp_path):
    spec = Spec()
    spec.scores["Sở"][2] = (2, "Sở B", 130, None)
    path = spec.write(tmp_path / "nam.xlsx")
    _, report = api.check(path)
    report.warning(Code.INFO_UNKNOWN, sheet="Thông tin", row=19, col=0, value="Ghi chú")  # outside the values
    book = load_workbook(io.BytesIO(output.annotated_from_values(sheet_values(path), report)))
    assert book.sheetnames == ["Lỗi", "Thông tin", "Khối", "Tiêu chí", "Xếp loại", "Sở"]
    assert [row[:3] for row in listing(book)] == [["Lỗi", "Sở", "C3"], ["Lỗi", "Sở", "D3"],
                                                  ["Cảnh báo", "Thông tin", "A20"]]
    assert book["Lỗi"]["C2"].hyperlink.location == "'Sở'!C3"
    assert book["Sở"]["B3"].value == "Sở B" and book["Sở"]["C3"].value == 130
    assert book["Sở"]["D3"].fill.start_color.rgb.endswith(output.ERROR_FILL) and book["Sở"]["D3"].comment
    assert book["Thông tin"]["B6"].value.date() == datetime.date(2025, 3, 5)
    assert book["Thông tin"]["A20"].comment is not None


def test_libreoffice_is_found_in_its_usual_windows_folders_when_no_path_has_it(tmp_path, monkeypatch):
    # Its Windows installer puts it in Program Files and on no PATH.
    monkeypatch.setattr(output.shutil, "which", lambda name: None)
    program = tmp_path / "Program Files" / "LibreOffice" / "program"
    program.mkdir(parents=True)
    (program / "soffice.exe").write_bytes(b"")
    environ = {"ProgramFiles": str(tmp_path / "Program Files"), "ProgramFiles(x86)": str(tmp_path / "none")}
    assert output.find_soffice(environ, "nt") == str(program / "soffice.exe")
    assert output.find_soffice(environ, "posix") is None  # elsewhere only what the PATH has
    assert output.find_soffice({}, "nt") is None


def test_without_libreoffice_the_message_says_how_to_install_it_on_this_system():
    from generator import texts

    windows, linux = texts.soffice_missing("nt"), texts.soffice_missing("posix")
    assert "apt-get" not in windows and "libreoffice.org" in windows
    assert "apt-get install libreoffice-writer-nogui" in linux
