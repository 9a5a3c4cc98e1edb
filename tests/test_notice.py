from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document

from builders import Spec, docx_tables, docx_text, dti_spec
from conftest import SAMPLE
from generator import api, notice, scoring, validate, workbook
from generator.model import DocumentKind, IssueDate
from generator.notice import TemplateBroken, issue_date
from generator.texts import DRAFT_BLANK


def test_the_2014_sample_gives_the_same_bytes_as_before_version_2():
    """Version 2 changes nothing for a workbook that uses none of it (measured before it came in)."""
    assessment, report = validate.validate(workbook.read_bytes(SAMPLE.read_bytes(), SAMPLE.name))
    assert assessment is not None, report.lines()
    docx = notice.render(assessment, scoring.score(assessment), api.TEMPLATES[DocumentKind.NOTICE].read_bytes()).docx
    assert hashlib.sha256(docx).hexdigest() == "8c1f9efc9a811421fec902c08238da7b1bc32b8f239ee87779a27b47373f7242"


def test_the_date_pads_days_under_10_and_months_1_and_2_only():
    # The date line pads as the decree's examples do; in figures (an appendix's citation), always.
    assert issue_date(IssueDate(2015, 1, 8)) == {"day": "08", "month": "01", "year": "2015", "numeric": "08/01/2015"}
    assert issue_date(IssueDate(2015, 2, 28)) == {"day": "28", "month": "02", "year": "2015", "numeric": "28/02/2015"}
    assert issue_date(IssueDate(2015, 3, 5)) == {"day": "05", "month": "3", "year": "2015", "numeric": "05/03/2015"}
    assert issue_date(IssueDate(2015, 12, 15)) == {"day": "15", "month": "12", "year": "2015",
                                                   "numeric": "15/12/2015"}


def test_a_drafts_date_has_blanks_for_what_is_missing():
    assert issue_date(IssueDate(2015, 1)) == {"day": DRAFT_BLANK, "month": "01", "year": "2015",
                                              "numeric": f"{DRAFT_BLANK}/01/2015"}
    assert issue_date(IssueDate(2015)) == {"day": DRAFT_BLANK, "month": DRAFT_BLANK, "year": "2015",
                                           "numeric": f"{DRAFT_BLANK}/{DRAFT_BLANK}/2015"}


def test_markup_like_names_are_printed_literally(tmp_path):
    spec = Spec()
    odd = 'Sở A & B <"C"> \'{{ x }}\' {% if %}'
    spec.scores["Sở"][1] = (1, odd, 90, 40)
    spec.set_info("Trích yếu", "Kết quả & <xếp hạng> {{ năm }}")
    result = api.generate(spec.write(tmp_path / "odd.xlsx"), tmp_path)
    assert result.docx is not None
    Document(str(result.docx))  # still a valid document
    assert odd in [row[1] for row in docx_tables(result.docx)[0]]
    assert "Kết quả & <xếp hạng> {{ năm }}" in docx_text(result.docx)


def test_shared_ranks_add_a_rank_column_to_every_table(tmp_path):
    spec = Spec().set_info("Khi bằng điểm", "Đồng hạng")
    spec.scores["Sở"][1:] = [(1, "Sở A", 90, 40), (2, "Sở B", 95, 40), (3, "Sở C", 90, 45), (4, "Sở D", 80, 40)]
    result = api.generate(spec.write(tmp_path / "shared.xlsx"), tmp_path)
    overall, portal, details = docx_tables(result.docx)
    assert overall == [["TT", "Sở", "Tổng điểm", "Xếp loại", "Xếp hạng"],
                       ["1", "Sở B", "135", "Tốt", "1"], ["2", "Sở C", "135", "Tốt", "1"],
                       ["3", "Sở A", "130", "Tốt", "3"], ["4", "Sở D", "120", "Khá", "4"]]
    assert [row[-1] for row in portal[1:]] == ["1", "2", "2", "2"]
    assert details[0][-1] == "Xếp hạng" and [row[-1] for row in details[2:]] == ["1", "1", "3", "4"]


def test_decimals_print_with_a_decimal_comma(tmp_path):
    spec = Spec()
    spec.scores["Sở"][1] = (1, "Sở A", 92.5, 40.25)
    result = api.generate(spec.write(tmp_path / "dec.xlsx"), tmp_path)
    overall = docx_tables(result.docx)[0]
    assert ["2", "Sở A", "132,75", "Tốt"] in overall


def test_same_workbook_gives_byte_identical_notice(tmp_path):
    book = Spec().write(tmp_path / "same.xlsx")
    first = api.generate(book, tmp_path / "a").docx.read_bytes()
    second = api.generate(book, tmp_path / "b").docx.read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a" / "same.docx") as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_tables_over_1000_rows_are_cut_into_tables_of_1000_with_their_headers(tmp_path):
    spec = Spec()
    spec.scores["Sở"][1:] = [(i, f"Đơn vị {i:04d}", i % 101, i % 51) for i in range(1, 2501)]
    result = api.generate(spec.write(tmp_path / "big.xlsx"), tmp_path)
    tables = docx_tables(result.docx)
    assert [len(t) for t in tables] == [1001, 1001, 501] * 2 + [1002, 1002, 502]
    overall = [row for t in tables[:3] for row in t[1:]]
    assert [row[0] for row in overall] == [str(i) for i in range(1, 2501)]


def test_section_numbers_are_roman_numerals_for_any_number_of_groups():
    from generator.texts import roman

    assert [roman(n) for n in (1, 2, 3, 4, 9, 10, 14, 40)] == ["I", "II", "III", "IV", "IX", "X", "XIV", "XL"]


def edited_template(tmp_path, edit) -> Path:
    """The template with `edit` applied to its document.xml, as a careless edit in Word might."""
    with zipfile.ZipFile(api.TEMPLATES[DocumentKind.NOTICE]) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/document.xml"] = edit(parts["word/document.xml"].decode()).encode()
    path = tmp_path / "mau.docx"
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_a_template_missing_a_tables_paragraph_is_refused(tmp_path):
    template = edited_template(tmp_path, lambda xml: xml.replace("{{ g.details(cot) }}", "bảng chi tiết"))
    with pytest.raises(TemplateBroken):
        api.generate(Spec().write(tmp_path / "nam.xlsx"), tmp_path, template=template)
    assert not (tmp_path / "nam.docx").exists()


def test_a_template_with_a_broken_tag_is_refused(tmp_path):
    template = edited_template(tmp_path, lambda xml: xml.replace("{{ subject }}", "{% if %}{{ subject }}"))
    with pytest.raises(TemplateBroken):
        api.generate(Spec().write(tmp_path / "nam.xlsx"), tmp_path, template=template)


def test_every_word_over_a_column_comes_from_the_template(tmp_path):
    # Each of the template's words (`cot`) replaced by a word of its own: every header cell of
    # every table is then one of them, or data (the group's name, a criterion's, a title typed).
    def renamed(xml: str) -> str:
        start = xml.index("{%p set cot = dict(")
        end = xml.index(") %}", start)
        pairs = re.findall(r'(\w+)="[^"]*"', xml[start:end])
        return xml[:start] + "{%p set cot = dict(" + ", ".join(f'{k}="W-{k}"' for k in pairs) + xml[end:]

    template = edited_template(tmp_path, renamed)
    spec = dti_this_year()
    result = api.generate(spec.write(tmp_path / "dti.xlsx"), tmp_path / "ra", template=template)
    assert result.docx is not None, result.report.lines()
    data = {"Sở", "Xã"} | {c[2] if c[1] is None else f"{c[1]} {c[2]}" for c in spec.criteria[1:]}
    heads = set()
    for table in Document(str(result.docx)).tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows[0][0] == "W-tt":  # not the header and closing blocks
            heads |= {cell for row in rows[:3] if not row[0].isdigit() for cell in row}
    words = {h for h in heads if h.startswith("W-")}
    assert heads - words <= data
    assert words == {"W-tt", "W-ty_le", "W-xep_loai", "W-xep_hang", "W-diem_danh_gia", "W-trong_do", "W-diem_chi_so",
                     "W-toi_da", "W-ghi_chu"}


def dti_this_year():
    """`dti_spec` without last year's ranks (which need a file beside it)."""
    spec = dti_spec()
    spec.info = [(k, v) for k, v in spec.info if k != "Kết quả năm trước"]
    spec.scores["Xã"] = [row[:4] for row in spec.scores["Xã"]]
    return spec


def test_a_template_whose_words_lack_one_is_refused(tmp_path):
    template = edited_template(tmp_path, lambda xml: xml.replace(' ghi_chu="Ghi chú"', ""))
    with pytest.raises(TemplateBroken, match="ghi_chu"):
        api.generate(dti_this_year().write(tmp_path / "nam.xlsx"), tmp_path, template=template)


def test_part_headings_from_the_workbook_else_the_templates_2014_wording(tmp_path):
    spec = Spec()
    spec.info += [("Tiêu đề phần A", "KẾT QUẢ XẾP HẠNG CHỈ SỐ CHUYỂN ĐỔI SỐ NĂM 2024")]
    text = docx_text(api.generate(spec.write(tmp_path / "a.xlsx"), tmp_path).docx)
    assert "A. KẾT QUẢ XẾP HẠNG CHỈ SỐ CHUYỂN ĐỔI SỐ NĂM 2024" in text
    assert ("B. KẾT QUẢ CHI TIẾT MỨC ĐỘ ỨNG DỤNG CNTT CỦA CÁC CƠ QUAN HÀNH CHÍNH NHÀ NƯỚC TỈNH THỬ NGHIỆM NĂM 2024"
            in text)


def test_the_archive_line_once_whether_the_workbook_gives_it_or_not(tmp_path):
    with_it = Spec()
    with_it.info.append(("Nơi nhận", "Lưu: VT, KGVX."))
    for spec, archive in ((Spec(), "- Lưu: VT."), (with_it, "- Lưu: VT, KGVX.")):
        text = docx_text(api.generate(spec.write(tmp_path / "a.xlsx"), tmp_path).docx)
        assert [line for line in text.split("\n") if line.startswith("- Lưu")] == [archive]


@pytest.mark.parametrize("template", ["thong-bao.docx", "quyet-dinh.docx"])
def test_a_ranking_of_no_unit_is_warned_and_said_under_its_heading_with_no_table(tmp_path, template):
    # Every unit `Không xếp hạng`: both rankings (the overall one, Cổng thông tin điện tử's) are empty.
    spec = Spec()
    spec.scores["Sở"] = [("TT", "Đơn vị", "Hạ tầng", "Cổng TTĐT", "Không xếp hạng"),
                         (1, "Sở A", 90, 40, "Mới thành lập"), (2, "Sở B", 100, 45, "Mới sáp nhập")]
    if template == "quyet-dinh.docx":
        spec.info = [row for row in spec.info if row[0] != "Nội dung"] + [
            ("Loại văn bản", "Quyết định"), ("Điều", "Điều 1. Công bố kết quả."), ("Điều", "Điều 2. Thi hành.")]
    result = api.generate(spec.write(tmp_path / "nam.xlsx"), tmp_path / "out")
    assert result.ok, result.report.lines()
    assert ("QUYẾT ĐỊNH" in docx_text(result.docx)) is (template == "quyet-dinh.docx")
    assert result.report.flatten(["severity", "code"]) == [["warning", "ranking_empty"]] * 2
    lines = docx_text(result.docx).split("\n")
    said = [i for i, line in enumerate(lines) if line == "Không có đơn vị nào được xếp hạng."]
    assert len(said) == 2 and all(lines[i - 1].endswith(("CNTT", "Cổng thông tin điện tử")) for i in said)
    assert [t[2][:2] for t in docx_tables(result.docx)] == [["1", "Sở A"]]  # part B alone lists the units
