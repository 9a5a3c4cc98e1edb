"""The correction loop: generate, fix a score, re-run; nothing is lost and changes are told."""

from __future__ import annotations

import datetime
import errno
import hashlib
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_properties import assert_strict

from builders import Spec, docx_tables, docx_text, dti_spec, edited, enter_scores_of, merge, ods
from conftest import SAMPLE, require_soffice
from generator import api, ooxml, output, texts
from generator.texts import format_number


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


def test_a_draft_become_final_is_told_as_a_change(tmp_path):
    # issue 19: it printed "Không có thay đổi so với lần chạy trước" and nothing of the draft
    out, book = tmp_path / "out", tmp_path / "nam.xlsx"
    draft = Spec().set_info("Số, ký hiệu", "/TB-HĐTD").set_info("Ngày ban hành", "03/2025")
    assert api.generate(draft.write(book), out).draft
    final = api.generate(Spec().write(book), out)  # the văn thư gave 01/TB-HĐTD, 05/03/2025
    assert not final.draft
    assert final.changes == ["Văn bản:", "  Bản: Dự thảo → Chính thức", "  Số, ký hiệu: /TB-HĐTD → 01/TB-HĐTD",
                             "  Ngày ban hành: …/03/2025 → 05/03/2025"]
    assert api.generate(book, out).changes == []  # re-run as it is: nothing changed
    electronic = Spec().set_info("Số, ký hiệu", "/TB-HĐTD").set_info("Ngày ban hành", "03/2025")
    electronic.info.append(("Hình thức", "Bản điện tử"))
    assert api.generate(electronic.write(book), out).changes == [
        "Văn bản:", "  Bản: Chính thức → Điện tử", "  Số, ký hiệu: 01/TB-HĐTD → /TB-HĐTD",
        "  Ngày ban hành: 05/03/2025 → …/03/2025"]


def test_the_results_workbook_says_which_document_it_is_of(tmp_path):
    result = api.generate(Spec().write(tmp_path / "nam.xlsx"), tmp_path / "out")
    sheet = load_workbook(result.results)["Văn bản"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Bản", "Chính thức"], ["Số, ký hiệu", "01/TB-HĐTD"], ["Ngày ban hành", "05/03/2025"]]


def test_results_workbook_holds_every_ranking_table(tmp_path):
    result = api.generate(SAMPLE, tmp_path)
    book = load_workbook(result.results)
    # Named by what they hold, within Excel's 31 characters ("/" is not allowed in a sheet's name).
    assert book.sheetnames == [
        "A.I.1 Mức độ ứng dụng CNTT", "A.I.2 Cổng-Trang thông tin điện", "A.I.3 An toàn thông tin số",
        "A.II.1 Mức độ ứng dụng CNTT", "A.II.2 Cổng thông tin điện tử", "A.II.3 An toàn thông tin số",
        "B.I Chi tiết - Sở, ban, ngành", "B.II Chi tiết - UBND cấp huyện", "Thống kê", "Văn bản"]  # last, the document's
    rows = [[c.value for c in r] for r in book["A.I.3 An toàn thông tin số"].iter_rows()]
    assert rows[:4] == [["Khối", "Sở, ban, ngành", None, None, None], ["Xếp hạng", "An toàn thông tin số", None, None, None],
                        ["TT", "Đơn vị", "Điểm", "Xếp loại", "Xếp hạng"], [1, "Sở Giáo dục và Đào tạo", 76, "Tốt", 1]]
    assert len(rows) == 3 + 21


@pytest.mark.parametrize("tie_rule", ["Giữ thứ tự trong bảng", "Đồng hạng"])
def test_the_results_workbook_says_exactly_what_the_notice_says(tmp_path, tie_rule):
    book = tmp_path / "khanh-hoa-2014.xlsx"
    shutil.copy(SAMPLE, book)

    def set_tie_rule(workbook):
        info = workbook["Thông tin"]
        next(row for row in info.iter_rows() if row[0].value == "Khi bằng điểm")[1].value = tie_rule

    result = api.generate(edited(book, set_tie_rule), tmp_path / "out")
    shared = tie_rule == "Đồng hạng"
    printed = docx_tables(result.docx)
    *sheets, statistics, issued = load_workbook(result.results).worksheets
    assert len(printed) == len(sheets) == 8  # 2 groups of 3 rankings, and 2 detail tables
    assert (statistics.title, issued.title) == ("Thống kê", "Văn bản")
    for table, sheet in zip(printed, sheets):
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
        body = [row for row in table if row[0].isdigit()]
        assert len(body) == len(rows) > 0
        for shown, kept in zip(body, rows):
            kept_text = [str(kept[0]), kept[1]] + [
                v if isinstance(v, str) else format_number(Decimal(str(v))) for v in kept[2:-1]]
            # Without `Đồng hạng` the notice prints no rank column: the TT is the rank.
            assert shown == kept_text + [str(kept[-1])] if shared else (shown == kept_text and kept[-1] == kept[0])


@pytest.mark.parametrize("error, words", [
    (PermissionError(errno.EACCES, "Permission denied"), "không có quyền ghi vào thư mục"),
    (OSError(errno.ENOSPC, "No space left on device"), "đã đầy"),
    (OSError(errno.EROFS, "Read-only file system"), "chỉ cho đọc"),
])
def test_an_output_that_cannot_be_written_is_a_message_and_the_problems_still_come_back(
        tmp_path, monkeypatch, error, words):
    def refuse(path, data):
        raise error

    monkeypatch.setattr(output, "write_atomic", refuse)
    bad = api.generate(with_empty_score(tmp_path / "nam.xlsx"), tmp_path / "out")
    assert [p.code for p in bad.report.errors] == ["score_missing"]
    assert bad.annotated is None and words in bad.failure and "out" in bad.failure
    good = api.generate(Spec().write(tmp_path / "tot.xlsx"), tmp_path / "out")
    assert good.docx is None and not good.ok and words in good.failure


def test_an_output_path_taken_by_a_folder_is_said_in_vietnamese(tmp_path):
    (tmp_path / "out" / "nam.docx").mkdir(parents=True)  # a folder where the document goes
    result = api.generate(Spec().write(tmp_path / "nam.xlsx"), tmp_path / "out")
    assert not result.ok and result.failure is not None
    assert result.failure.endswith(": đây là một thư mục.") and "directory" not in result.failure.casefold()


def test_a_system_error_without_vietnamese_words_is_named_not_told_in_english():
    refused = OSError(errno.ENOTCONN, "Transport endpoint is not connected")  # a network drive gone
    assert texts.os_reason(refused) == "lỗi hệ thống ENOTCONN"
    assert texts.os_reason(OSError("no errno")) == "lỗi hệ thống OSError"


def with_empty_score(path):
    spec = Spec()
    spec.scores["Sở"][2] = (2, "Sở B", None, 45)
    return spec.write(path)


def test_merged_score_cells_get_their_problems_and_an_annotated_copy(tmp_path):
    # "Miễn đánh giá" typed across a unit's merged score cells.
    book = merge(Spec().write(tmp_path / "nam.xlsx"), "Sở", {"C3": "Miễn đánh giá", "D3": None}, ["C3:D3"])
    result = api.generate(book, tmp_path / "out")
    # The merge at its range, never "D3 thiếu điểm" for the cell under it; and C3's own value.
    assert result.report.flatten(["code", "cell"]) == [["cells_merged", "C3:D3"], ["score_not_number", "C3"]]
    annotated = load_workbook(result.annotated)
    comment = annotated["Sở"]["C3"].comment.text
    assert "ô C3:D3" in comment and "gộp ô" in comment and "'Miễn đánh giá' không phải là số" in comment


def test_an_opendocument_workbook_with_errors_gets_an_annotated_copy_of_its_values(tmp_path):
    spec = Spec()
    spec.scores["Sở"][2] = (2, "Sở B", 130, 45)
    sheets = {"Thông tin": spec.info, "Khối": spec.groups, "Tiêu chí": spec.criteria, "Xếp loại": spec.grades,
              "Sở": spec.scores["Sở"]}
    book = tmp_path / "nam.ods"
    book.write_bytes(ods({name: [["" if v is None else str(v) if isinstance(v, datetime.date) else v for v in row]
                                 for row in rows] for name, rows in sheets.items()}))
    result = api.generate(book, tmp_path / "out")
    assert result.report.flatten(["code", "cell"]) == [["date_invalid", "B6"], ["score_above_maximum", "C3"]]
    annotated = load_workbook(result.annotated)
    assert annotated.sheetnames[0] == "Lỗi" and "vượt điểm tối đa 100" in annotated["Sở"]["C3"].comment.text


@pytest.mark.parametrize("score", [45, 999])  # a valid workbook, and one with an error
def test_characters_xml_cannot_hold_never_reach_an_output(tmp_path, score):
    # Written by our own plain writer: openpyxl refuses these characters, Excel's XML may hold them.
    spec = Spec().set_info("Trích yếu", "Kết quả\ufffe năm\uffff 2024\x01")
    spec.scores["Sở"][2] = (2, "Sở\ufffe B\U0001ffff", 100, score)
    sheets = [("Thông tin", spec.info), ("Khối", spec.groups), ("Tiêu chí", spec.criteria),
              ("Xếp loại", spec.grades), ("Sở", spec.scores["Sở"])]
    book = tmp_path / "nam.xlsx"
    book.write_bytes(ooxml.xlsx([(name, [["" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, datetime.date)
                                          else v for v in row] for row in rows]) for name, rows in sheets]))
    result = api.generate(book, tmp_path / "out")
    written = [p for p in (result.docx, result.results, result.annotated) if p is not None]
    assert len(written) == (2 if score == 45 else 1)
    for path in written:
        assert_strict(path.read_bytes())
    assert "Sở B" in (docx_text(result.docx) if result.docx else load_workbook(result.annotated)["Lỗi"]["D2"].value)


def test_next_years_workbook_from_init_gives_a_draft_before_the_number_is_given(tmp_path):
    # The README's steps 1 to 4: init --from last year's, enter the scores, generate.
    path = tmp_path / "2015.xlsx"
    api.init(path, SAMPLE)

    result = api.generate(edited(path, lambda book: enter_scores_of(load_workbook(SAMPLE), book)), tmp_path / "out")
    assert result.ok and result.draft and result.docx is not None
    text = docx_text(result.docx)
    assert "DỰ THẢO" in text and "năm 2016" in text  # the date line: assessed year 2015, issued in 2016


def test_an_old_xls_workbook_is_read(tmp_path):
    soffice = require_soffice()
    book = Spec().write(tmp_path / "nam.xlsx")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "xls", "--outdir", str(tmp_path / "xls"), str(book)],
                   check=True, capture_output=True, timeout=180)
    result = api.generate(tmp_path / "xls" / "nam.xls", tmp_path / "out")
    assert result.ok, result.report.lines()
    assert [row[1] for row in docx_tables(result.docx)[0][1:]] == ["Sở B", "Sở A", "Sở C"]


def test_an_upload_is_generated_from_its_bytes_under_its_name(tmp_path):
    # A page's upload has a name and bytes, no file: the outputs are named after it all the same.
    result = api.generate(Path("tải lên.xlsx"), tmp_path, data=Spec().write_bytes())
    assert result.ok and result.docx == tmp_path / "tải lên.docx" and result.docx.exists()
    assert not Path("tải lên.xlsx").exists()


def test_the_files_last_year_is_read_beside_the_workbook(last_results, tmp_path):
    (tmp_path / "nam-truoc.ketqua.xlsx").write_bytes(last_results)
    result = api.generate(dti_spec().write(tmp_path / "dti.xlsx"), tmp_path / "ra")
    assert result.ok and result.docx is not None
    (tmp_path / "nam-truoc.ketqua.xlsx").unlink()
    missing = api.generate(tmp_path / "dti.xlsx", tmp_path / "ra")
    assert [p.code for p in missing.report.errors] == ["last_results_missing"]
    assert str(tmp_path / "nam-truoc.ketqua.xlsx") in missing.report.errors[0].message()


# --- each unit's result sheet (version 3) ---------------------------------------------------------


def test_result_sheets_are_written_where_asked_and_removed_once_no_longer(tmp_path):
    from builders import sheets_spec

    spec = sheets_spec()
    book = spec.write(tmp_path / "phieu.xlsx")
    out = tmp_path / "out"
    result = api.generate(book, out)
    assert (result.sheets, result.sheets_docx) == (out / "phieu.phieu.zip", out / "phieu.phieu.docx")
    assert result.sheets.read_bytes()[:2] == b"PK" and result.sheet_data is not None
    (out / "phieu.phieu.pdf").write_bytes(b"%PDF- of the sheets before")
    spec.info = [(k, v) for k, v in spec.info if k != "Phiếu kết quả"]
    spec.write(book)
    again = api.generate(book, out)
    assert again.sheets is None and again.sheets_docx is None
    assert sorted(p.name for p in out.iterdir()) == ["phieu", "phieu.docx", "phieu.ketqua.xlsx"]
    assert api.generate(book, out, sheets=True).sheets == out / "phieu.phieu.zip"  # asked on the command line


def test_a_broken_sheet_template_is_named_by_its_path(tmp_path):
    from builders import sheets_spec

    broken = tmp_path / "phieu-ket-qua.docx"
    broken.write_bytes(b"no docx")
    with pytest.raises(api.errors.TemplateUnreadable) as refused:
        api.generate(sheets_spec().write(tmp_path / "p.xlsx"), tmp_path / "out", sheet_template=broken)
    assert str(broken) in str(refused.value)
    assert not (tmp_path / "out" / "p.docx").exists()
