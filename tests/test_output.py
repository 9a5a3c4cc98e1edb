"""Stage 5: atomic writes and the PDF made with LibreOffice, checked as a reader sees it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLE, require_soffice
from generator import api, output
from generator.cli import main


@pytest.fixture(scope="module")
def sample_pdf(sample_docx) -> Path:
    require_soffice()
    return api.export_pdf(sample_docx)


def poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


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
