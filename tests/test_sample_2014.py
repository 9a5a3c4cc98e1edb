"""The sample workbook reproduces every table of notice 29/TB-HĐTD, row for row and in order."""

from __future__ import annotations

import hashlib
import subprocess

from docx import Document
from seed_2014 import CRITERIA, DETAILS, RANKINGS

from builders import docx_tables
from conftest import require_soffice

# The 2014 sample's notice and results workbook as issue 19 left them (measured at 1200aa1):
# version 3's rules change nothing for a workbook that uses none of them (contract, issue 20), but
# the results workbook's new sheet `Thống kê` (its other sheets as before: test_changes).
SHA256 = {
    ".docx": "c7184db6b40d8b45bab374d14851dd7aa7ffece8521c79a66a88686f7fdbe8fb",
    ".ketqua.xlsx": "5eefc0ed5c5b6183a912ebe267af608d6fdfc6f0351d531fb2991d8ab5768f59",
}


def test_version_3_leaves_the_2014_samples_bytes_as_they_were(sample_docx):
    results = sample_docx.with_name(sample_docx.stem + ".ketqua.xlsx")
    assert {".docx": hashlib.sha256(sample_docx.read_bytes()).hexdigest(),
            ".ketqua.xlsx": hashlib.sha256(results.read_bytes()).hexdigest()} == SHA256


def test_part_a_rankings_equal_the_seed(sample_docx):
    tables = docx_tables(sample_docx)
    rankings = [t for t in tables if t[0][-1] == "Xếp loại"]
    assert len(rankings) == 6
    rows = 0
    for table, expected in zip(rankings, RANKINGS.values()):
        got = [tuple(row) for row in table[1:]]
        assert got == [(str(tt), unit, str(score), grade) for tt, unit, score, grade in expected]
        rows += len(got)
    assert rows == 87


def test_part_a_headings_and_unit_columns(sample_docx):
    doc = Document(str(sample_docx))
    headings = [p.text for p in doc.paragraphs if p.style.name == "XH Ranking"]
    assert headings == [f"{number}. Xếp hạng {title}" for number, title in RANKINGS]
    groups = [p.text for p in doc.paragraphs if p.style.name == "XH Group"]
    assert groups == ["I. CÁC SỞ, BAN, NGÀNH", "II. ỦY BAN NHÂN DÂN CẤP HUYỆN"] * 2
    heads = [t[0] for t in docx_tables(sample_docx)[:6]]
    assert heads == [["TT", "Sở, ban, ngành", "Tổng điểm", "Xếp loại"]] * 3 + [
        ["TT", "UBND cấp huyện", "Tổng điểm", "Xếp loại"]] * 3


def test_part_b_details_equal_the_seed(sample_docx):
    details = [t for t in docx_tables(sample_docx) if t[0][-1] == "Trong đó"]
    assert len(details) == 2
    rows = 0
    for table, (group, expected) in zip(details, DETAILS.items()):
        assert table[0][:4] == ["TT", table[0][1], "Tổng điểm đánh giá", "Trong đó"]
        assert table[1][3:] == CRITERIA[group]
        got = [tuple(row) for row in table[2:]]
        assert got == [tuple(str(v) for v in row) for row in expected]
        rows += len(got)
    assert rows == 29


def test_converts_with_libreoffice(sample_docx, tmp_path):
    soffice = require_soffice()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(sample_docx)],
        capture_output=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / f"{sample_docx.stem}.pdf").stat().st_size > 10_000
