"""The correction loop: generate, fix a score, re-run; nothing is lost and changes are told."""

from __future__ import annotations

import hashlib
import shutil

from openpyxl import load_workbook

from builders import Spec
from conftest import SAMPLE
from generator import api


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_errors_keep_the_earlier_notice_and_annotate_a_copy(tmp_path):
    book = Spec().write(tmp_path / "nam.xlsx")
    out = tmp_path / "out"
    good = api.generate(book, out)
    before = digest(good.docx)

    spec = Spec()
    spec.scores["Sở"][2] = (2, "Sở B", 130, 45)
    spec.write(book)
    input_before = digest(book)
    bad = api.generate(book, out)

    assert bad.docx is None and not bad.ok
    assert digest(out / "nam.docx") == before  # the earlier good notice is untouched
    assert digest(book) == input_before  # the input is never modified
    annotated = load_workbook(bad.annotated)
    assert annotated.sheetnames[0] == "Lỗi"
    listing = [[c.value for c in row] for row in annotated["Lỗi"].iter_rows()]
    assert listing[1][:6] == ["Lỗi", "Sở", "C3", "Sở B", "Hạ tầng", "130"]
    assert annotated["Lỗi"]["C2"].hyperlink.location == "'Sở'!C3"
    cell = annotated["Sở"]["C3"]
    assert cell.fill.start_color.rgb.endswith("FFC7CE")
    assert "130 vượt điểm tối đa 100" in cell.comment.text

    fixed = api.generate(Spec().write(book), out)
    assert fixed.ok and not (out / "nam.loi.xlsx").exists()


def test_rerun_tells_each_changed_score_and_what_it_moved(tmp_path):
    out = tmp_path / "out"
    book = tmp_path / "khanh-hoa-2014.xlsx"
    shutil.copy(SAMPLE, book)
    first = api.generate(book, out)
    assert first.changes is None  # nothing to compare with on a first run

    workbook = load_workbook(book)
    sheet = workbook["Sở, ban, ngành"]
    row = next(r for r in sheet.iter_rows(min_row=4) if r[1].value == "Sở Y tế")
    row[7].value = 70
    workbook.save(book)
    second = api.generate(book, out)

    assert second.changes[0] == "Khối Sở, ban, ngành:"
    assert second.changes[1] == (
        "  Sở Y tế — An toàn thông tin số: 58 → 70; Tổng: 912 → 924; Xếp hạng Mức độ ứng dụng CNTT: 10 → 8; "
        "Xếp loại An toàn thông tin số: Khá → Tốt; Xếp hạng An toàn thông tin số: 7 → 2")
    assert "  Sở Kế hoạch và Đầu tư — Xếp hạng Mức độ ứng dụng CNTT: 8 → 9" in second.changes
    assert len(second.changes) == 1 + 1 + 2 + 5  # heading, Sở Y tế, two pushed down overall, five in ATTT

    assert api.generate(book, out).changes == []


def test_results_workbook_holds_every_ranking_table(tmp_path):
    result = api.generate(SAMPLE, tmp_path)
    book = load_workbook(result.results)
    assert book.sheetnames == ["A.I.1", "A.I.2", "A.I.3", "A.II.1", "A.II.2", "A.II.3", "B.I", "B.II"]
    rows = [[c.value for c in r] for r in book["A.I.3"].iter_rows()]
    assert rows[:4] == [["Khối", "Sở, ban, ngành", None, None, None], ["Xếp hạng", "An toàn thông tin số", None, None, None],
                        ["TT", "Đơn vị", "Điểm", "Xếp loại", "Xếp hạng"], [1, "Sở Giáo dục và Đào tạo", 76, "Tốt", 1]]
    assert len(rows) == 3 + 21
