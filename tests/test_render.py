"""The renderer on assessments built here: what input can and cannot do to the notice, line breaks,
wide part B, and the draft printed before the văn thư gives the number and the day."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import replace
from decimal import Decimal

import pandas as pd
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from generator import api, notice, scoring
from generator.model import (
    Assessment,
    Criterion,
    DocumentKind,
    Grade,
    GradeScale,
    Group,
    IssueDate,
    NoticeInfo,
    TieRule,
)

INFO = NoticeInfo(
    issuing_body="HỘI ĐỒNG THẨM ĐỊNH", number="29/TB-HĐTD", place="Khánh Hòa", date=IssueDate(2015, 1, 8),
    year=2014, subject="Kết quả xếp hạng năm 2014", intro="Hội đồng thông báo như sau:",
    overall_title="Mức độ ứng dụng CNTT", signer_title="CHỦ TỊCH", signer="Nguyễn Văn A",
    parent_body="UBND TỈNH KHÁNH HÒA", bases=("Căn cứ thứ nhất;",), authority="TM. HỘI ĐỒNG",
    recipients=("UBND tỉnh;",),
)
SCALE = GradeScale((Grade("Tốt", Decimal(85)), Grade("Khá", Decimal(70)), Grade("Yếu", Decimal(0))))


def assessment(units: list[str], criteria: list[str] | None = None, **info: object) -> Assessment:
    """One group "Sở" of `units`, scored 1, 2, 3… on every criterion (the first ranked on its own)."""
    criteria = criteria or ["Hạ tầng CNTT", "Cổng TTĐT"]
    scores = pd.DataFrame({c: [Decimal(i + 1) for i in range(len(units))] for c in criteria},
                          index=pd.Index(units, name="unit"), dtype=object)
    group = Group("Sở", "CÁC SỞ", tuple(Criterion(c, Decimal(100), "Riêng" if i == 0 else None)
                                        for i, c in enumerate(criteria)), scores)
    return Assessment(replace(INFO, **info), SCALE, (group,))


def render(a: Assessment) -> bytes:
    return notice.render(a, scoring.score(a), api.TEMPLATES[DocumentKind.NOTICE].read_bytes()).docx


def document_xml(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read("word/document.xml").decode("utf-8")


def body(docx: bytes) -> list[tuple[str, object]]:
    """The body in order: ("p", text) for a paragraph, ("table", rows of cell texts) for a data table."""
    doc = Document(io.BytesIO(docx))
    items: list[tuple[str, object]] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            items.append(("p", "".join(t.text or "" for t in child.iter(qn("w:t")))))
        elif child.tag == qn("w:tbl"):
            rows = [["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
                    for tr in child.iter(qn("w:tr"))]
            items.append(("table", rows))
    return items


def data_tables(docx: bytes) -> list[list[list[str]]]:
    return [rows for kind, rows in body(docx) if kind == "table" and rows[0][0] == "TT"]


def paragraph_texts(docx: bytes) -> list[str]:
    """Every paragraph's text, table cells included, a line break as "\\n"."""
    doc = Document(io.BytesIO(docx))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return texts


# --- input never steers the renderer ------------------------------------------------------


def test_text_like_the_table_markers_is_printed_literally_and_tables_stay_in_place():
    odd = ["\ue0000\ue000", "<?xephang-table 1?>", "{_{ x }_} {_% y %_}", "Sở \ue0002\ue000 B"]
    docx = render(assessment(odd, subject="\ue0000\ue000 và <?xephang-table 0?>", intro="\ue0001\ue000"))
    items = body(docx)
    texts = [text for kind, text in items if kind == "p"]
    assert "\ue0000\ue000 và <?xephang-table 0?>" in texts and "\ue0001\ue000" in texts
    after = [items[i - 1][1] for i, (kind, rows) in enumerate(items) if kind == "table" and rows[0][0] == "TT"]
    assert after == ["I.1. Xếp hạng Mức độ ứng dụng CNTT", "I.2. Xếp hạng Riêng", "I. CÁC SỞ"]
    overall, own, details = data_tables(docx)
    assert [row[1] for row in overall[1:]] == odd[::-1]
    assert [row[1] for row in details[2:]] == odd[::-1]


def test_control_characters_make_no_paragraphs_tabs_or_page_breaks():
    docx = render(assessment(["Sở\aA", "Sở\fB", "Sở\tC"], subject="Kết quả\a\f\tnăm 2014"))
    xml = document_xml(docx)
    assert "<w:tab/>" not in xml and 'w:type="page"' not in xml
    texts = paragraph_texts(docx)
    assert "Kết quả   năm 2014" in texts
    assert {"Sở A", "Sở B", "Sở C"} <= set(texts)


# --- line breaks typed in a cell ----------------------------------------------------------


def test_line_breaks_in_fields_and_unit_names_are_line_breaks():
    docx = render(assessment(
        ["Văn phòng Đoàn ĐBQH\nvà HĐND tỉnh", "Sở A & B"],
        issuing_body="Hội đồng thẩm định & đánh giá\nkết quả xếp hạng", parent_body="Ủy ban <nhân dân>\ntỉnh",
        subject="Kết quả\nnăm 2014", signer="Nguyễn\nVăn A",
    ))
    texts = paragraph_texts(docx)
    assert "HỘI ĐỒNG THẨM ĐỊNH & ĐÁNH GIÁ\nKẾT QUẢ XẾP HẠNG" in texts  # |upper in the template
    assert "ỦY BAN <NHÂN DÂN>\nTỈNH" in texts
    assert "Kết quả\nnăm 2014" in texts and "Nguyễn\nVăn A" in texts
    assert texts.count("Văn phòng Đoàn ĐBQH\nvà HĐND tỉnh") == 3  # part A's two tables and part B
    xml = document_xml(docx)
    assert xml.count("<w:br/>") == 4 + 3
    assert "&amp;lt;" not in xml and "&amp;amp;" not in xml


# --- part B's tables ----------------------------------------------------------------------


def grid(table) -> list[int]:
    return [int(col.get(qn("w:w"))) for col in table.find(qn("w:tblGrid")).iterchildren(qn("w:gridCol"))]


def test_many_criteria_split_into_landscape_tables_with_readable_columns():
    criteria = [f"Tiêu chí số {i}" for i in range(1, 121)]
    units = [f"Sở số {i}" for i in range(1, 6)]
    docx = render(assessment(units, criteria))
    doc = Document(io.BytesIO(docx))
    details = [t for t in data_tables(docx) if t[0][-1] == "Trong đó"]
    assert len(details) > 1
    seen = [name for t in details for name in t[1][3:]]
    assert sorted(seen) == sorted(criteria) and len(seen) == len(set(seen))
    for t in details:
        assert t[0][:4] == ["TT", "Sở", "Tổng điểm đánh giá", "Trong đó"]
        assert sorted(row[1] for row in t[2:]) == sorted(units)
    tables = [t._tbl for t in doc.tables if t.rows[0].cells[-1].text == "Trong đó"]
    for table in tables:
        span = int(table.tr_lst[0].tc_lst[3].tcPr.find(qn("w:gridSpan")).get(qn("w:val")))
        assert span == len(table.tr_lst[1].tc_lst) - 3  # "Trong đó" over its criteria
        assert min(grid(table)[3:3 + span]) >= 675  # 1.2 cm
        assert sum(grid(table)) == text_widths(api.TEMPLATES[DocumentKind.NOTICE].read_bytes())[1]
    landscape = [s for s in doc.sections if s.orientation == 1]
    assert len(landscape) == 1


def text_widths(template: bytes) -> tuple[int, int]:
    """The room between the side margins of the template's page (twips), upright and turned landscape."""
    page = Document(io.BytesIO(template)).sections[-1]
    margins = page.left_margin.twips + page.right_margin.twips
    return page.page_width.twips - margins, page.page_height.twips - margins


def template_with_margins(left: Mm, right: Mm) -> bytes:
    """The template as a secretary may leave it after changing its side margins in Word."""
    doc = Document(io.BytesIO(api.TEMPLATES[DocumentKind.NOTICE].read_bytes()))
    section = doc.sections[-1]
    section.left_margin, section.right_margin = left, right
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def table_widths(docx: bytes) -> set[tuple[int, int]]:
    """(tblW, sum of the grid) of every ranking and detail table."""
    doc = Document(io.BytesIO(docx))
    return {(int(t._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w"))), sum(grid(t._tbl)))
            for t in doc.tables if t.rows[0].cells[0].text == "TT"}


def test_tables_take_the_text_width_of_the_templates_own_margins():
    a = assessment([f"Sở số {i}" for i in range(1, 6)], tie_rule=TieRule.SHARED)
    template = template_with_margins(Mm(40), Mm(25))
    width, _ = text_widths(template)
    assert width < text_widths(api.TEMPLATES[DocumentKind.NOTICE].read_bytes())[0]
    assert table_widths(notice.render(a, scoring.score(a), template).docx) == {(width, width)}


def test_landscape_tables_take_the_landscape_text_width_of_the_templates_margins():
    a = assessment(["Sở A", "Sở B"], [f"Tiêu chí số {i}" for i in range(1, 31)])
    template = template_with_margins(Mm(20), Mm(20))
    portrait, landscape = text_widths(template)
    assert table_widths(notice.render(a, scoring.score(a), template).docx) == {(portrait, portrait),
                                                                               (landscape, landscape)}


def test_many_criteria_keep_the_rank_column_in_every_table():
    criteria = [f"Tiêu chí số {i}" for i in range(1, 31)]
    docx = render(assessment(["Sở A", "Sở B"], criteria, tie_rule=TieRule.SHARED))
    details = [t for t in data_tables(docx) if t[0][-1] == "Xếp hạng"][2:]
    assert len(details) > 1
    assert all(t[0][3] == "Trong đó" and t[1][-1] == "" for t in details)


# --- a draft ------------------------------------------------------------------------------


def header_lines(docx: bytes) -> tuple[str, str]:
    """The number line and the date line, non-breaking spaces read as spaces."""
    texts = [t.replace("\u00a0", " ") for t in paragraph_texts(docx)]
    return next(t for t in texts if t.startswith("Số:")), next(t for t in texts if t.startswith("Khánh Hòa, "))


def test_a_complete_notice_is_not_marked_as_a_draft():
    docx = render(assessment(["Sở A"]))
    assert "DỰ THẢO" not in paragraph_texts(docx)
    assert header_lines(docx) == ("Số: 29/TB-HĐTD", "Khánh Hòa, ngày 08 tháng 01 năm 2015")


def test_a_draft_without_number_and_day_is_marked_and_leaves_blanks():
    docx = render(assessment(["Sở A"], number="/TB-HĐTD", date=IssueDate(2015, 1)))
    items = body(docx)
    assert items[0] == ("p", "DỰ THẢO")  # above the header block
    number, date = header_lines(docx)
    assert re.fullmatch(r"Số: {4,}/TB-HĐTD", number)
    assert re.fullmatch(r"Khánh Hòa, ngày {4,}tháng 01 năm 2015", date)
    doc = Document(io.BytesIO(docx))
    moment = datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC)  # never the clock
    assert doc.core_properties.created == doc.core_properties.modified == moment


def test_a_draft_with_no_symbol_and_no_month():
    docx = render(assessment(["Sở A"], number="", date=IssueDate(2015)))
    assert "DỰ THẢO" in paragraph_texts(docx)
    number, date = header_lines(docx)
    assert re.fullmatch(r"Số: {4,}", number)
    assert re.fullmatch(r"Khánh Hòa, ngày {4,}tháng {4,}năm 2015", date)


def test_a_numbered_notice_still_undated_is_a_draft():
    docx = render(assessment(["Sở A"], date=IssueDate(2015, 3)))
    assert "DỰ THẢO" in paragraph_texts(docx)
    number, date = header_lines(docx)
    assert number == "Số: 29/TB-HĐTD" and re.fullmatch(r"Khánh Hòa, ngày {4,}tháng 3 năm 2015", date)


def test_a_draft_is_byte_identical_on_every_run():
    a = assessment(["Sở A"], number="", date=IssueDate(2015))
    assert render(a) == render(a)
