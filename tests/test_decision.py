"""The decision (Quyết định) of a provincial People's Committee, made from
generator/templates/quyet-dinh.docx when `Loại văn bản` is Quyết định: its text in order, each
appendix on a page of its own, the appendices' tables row by row, the PDF as LibreOffice lays it
out, a draft.

The workbook is `builders.dti_spec()` published as a decision of Ủy ban nhân dân tỉnh Đồng Nai. Its
tables' values are worked out by hand in builders.dti_spec's docstring: the appendices hold the same
rows as the notice's parts A and B. At level 2 (`Chi tiết đến cấp`) the departments' part B has 10
narrow columns (percent, maximum, 7 criteria, note): more than a portrait page takes, so Phụ lục II
turns landscape; at level 1 it has 6 (percent, maximum, 3 criteria, note) and stays portrait.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from test_notice import UNRANKED_NOTE

from builders import docx_tables, dti_spec
from conftest import ROOT, pdf_pages, poppler, require_soffice
from generator import api
from generator.model import DocumentKind

SUBJECT = ("Về việc công bố kết quả đánh giá, xếp hạng Chỉ số chuyển đổi số năm 2025 của các cơ quan, đơn vị "
           "trên địa bàn tỉnh Đồng Nai")
BASES = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
         "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;"]
PROPOSAL = "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình số 38/TTr-SKHCN ngày 10/02/2026."
ARTICLES = ["Công bố kết quả đánh giá, xếp hạng Chỉ số chuyển đổi số năm 2025 (chi tiết tại Phụ lục I và Phụ lục "
            "II kèm theo).",
            "Giao Sở Khoa học và Công nghệ công khai kết quả trên Cổng thông tin điện tử tỉnh.",
            "Quyết định này có hiệu lực kể từ ngày ký./."]
PART_A = "KẾT QUẢ XẾP HẠNG CHỈ SỐ CHUYỂN ĐỔI SỐ NĂM 2025"
PART_B = "KẾT QUẢ CHI TIẾT CHỈ SỐ CHUYỂN ĐỔI SỐ NĂM 2025"
ATTACHED = "(Kèm theo Quyết định số 125/QĐ-UBND ngày 20/02/2026 của Ủy ban nhân dân tỉnh Đồng Nai)"
BLANK = "\u00a0" * 5  # where the văn thư writes the number and the day on a draft
# The settings of `dti_spec` a decision keeps; its notice's own lines (parent body, Nội dung…) go.
SETTINGS = ("Tên xếp hạng chung", "Khi bằng điểm", "Xếp hạng theo", "Hiển thị", "Chi tiết đến cấp",
            "Kết quả năm trước")


def decision_spec(level: int = 2, number: str = "125/QĐ-UBND", date: object = datetime.date(2026, 2, 20)):
    spec = dti_spec()
    spec.info = [
        ("Mục", "Nội dung"),
        ("Loại văn bản", "Quyết định"),
        ("Cơ quan ban hành", "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI"),  # two lines in the header block
        ("Số, ký hiệu", number),
        ("Địa danh", "Đồng Nai"),
        ("Ngày ban hành", date),
        ("Năm đánh giá", 2025),
        ("Trích yếu", SUBJECT),
        *(("Căn cứ", basis) for basis in BASES),
        ("Đề nghị", PROPOSAL),
        *(("Điều", article) for article in ARTICLES),
        ("Tiêu đề phần A", PART_A),
        ("Tiêu đề phần B", PART_B),
        *(row for row in spec.info if row[0] in SETTINGS),
        ("Quyền hạn ký", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"),  # two lines in one cell (Alt+Enter)
        ("Chức vụ người ký", "PHÓ CHỦ TỊCH"),
        ("Người ký", "Nguyễn Văn A"),
        ("Nơi nhận", "Như Điều 3;"),
        ("Nơi nhận", "Bộ Khoa học và Công nghệ (để báo cáo);"),
        ("Nơi nhận", "Lưu: VT, KGVX."),
    ]
    return spec.set_info("Chi tiết đến cấp", level)


@pytest.fixture(scope="module")
def make(last_results, tmp_path_factory):
    """The decision of a spec, written as a .docx."""
    folder = tmp_path_factory.mktemp("decision")

    def docx(spec, name: str) -> Path:
        run = api.build(spec.write_bytes(), f"{name}.xlsx", last_year=lambda typed: (typed, last_results))
        assert run.docx is not None, run.report.lines()
        path = folder / f"{name}.docx"
        path.write_bytes(run.docx)
        return path

    return docx


@pytest.fixture(scope="module")
def wide(make) -> Path:
    return make(decision_spec(level=2), "rong")


@pytest.fixture(scope="module")
def narrow(make) -> Path:
    return make(decision_spec(level=1), "hep")


TABLE = "[bảng]"


def body(path: Path) -> list[str]:
    """The document's body in order: each paragraph's text (empty ones left out), each cell's
    paragraphs in the header and closing blocks, and TABLE for a table of part A or B."""
    doc = Document(str(path))
    tables = iter(doc.tables)
    texts: list[str] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            texts.append(Paragraph(child, doc).text)
        elif child.tag == qn("w:tbl"):
            table = next(tables)
            if table.rows[0].cells[0].text == "TT":
                texts.append(TABLE)
            else:
                texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return [t for t in texts if t]


def paragraph(path: Path, text: str):
    return next(p for p in Document(str(path)).paragraphs if p.text == text)


def test_the_decision_reads_in_order(wide):
    assert body(wide) == [
        # The header block: the issuing body and the number, the nation and the place and date.
        "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 125/QĐ-UBND", "Đồng Nai, ngày 20 tháng 02 năm 2026",
        # The issuer's title line: the issuing body on one line.
        "QUYẾT ĐỊNH", SUBJECT, "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", *BASES, PROPOSAL, "QUYẾT ĐỊNH:",
        *(f"Điều {n}. {article}" for n, article in enumerate(ARTICLES, 1)),
        "Nơi nhận:", "- Như Điều 3;", "- Bộ Khoa học và Công nghệ (để báo cáo);", "- Lưu: VT, KGVX.",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A",
        "Phụ lục I", PART_A, ATTACHED,
        # Sở C: in last year's results, not in its ranking: the note says why its last year's rank is blank.
        "I. CÁC SỞ", "I.1. Xếp hạng Chỉ số chuyển đổi số", TABLE, UNRANKED_NOTE, "I.2. Xếp hạng Nhận thức số", TABLE,
        "I.3. Xếp hạng Dịch vụ công", TABLE, "II. CÁC XÃ", "II.1. Xếp hạng Chỉ số chuyển đổi số", TABLE,
        "Phụ lục II", PART_B, ATTACHED, "I. CÁC SỞ", TABLE, "II. CÁC XÃ", TABLE,
    ]


def test_without_a_proposal_the_bases_lead_to_the_decision(make):
    spec = decision_spec()
    spec.info = [row for row in spec.info if row[0] != "Đề nghị"]
    text = body(make(spec, "khong-de-nghi"))
    assert PROPOSAL not in text
    assert text[text.index(BASES[-1]) + 1] == "QUYẾT ĐỊNH:"


def test_the_preamble_in_italic_the_articles_numbered_in_bold(wide):
    for text in (*BASES, PROPOSAL):
        style = paragraph(wide, text).style
        assert style.font.italic and not style.font.bold
        assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert style.paragraph_format.first_line_indent > 0
    for text in ("QUYẾT ĐỊNH", SUBJECT, "QUYẾT ĐỊNH:", "Phụ lục I", PART_A):
        style = paragraph(wide, text).style
        assert style.font.bold and style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER, text
    assert paragraph(wide, "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI").style.font.bold
    attached = paragraph(wide, ATTACHED).style
    assert attached.font.italic and attached.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    first = paragraph(wide, f"Điều 1. {ARTICLES[0]}")
    assert [(r.text, bool(r.bold)) for r in first.runs] == [("Điều 1. ", True), (ARTICLES[0], False)]
    assert not first.style.font.bold


def sections(doc):
    """Each section's properties in order: those ending a paragraph, then the body's last."""
    return [*doc.element.body.iter(qn("w:sectPr"))]


def orientation(sect) -> str:
    size = sect.find(qn("w:pgSz"))
    return "landscape" if int(size.get(qn("w:w"))) > int(size.get(qn("w:h"))) else "portrait"


def test_each_appendix_starts_a_page_by_its_headings_page_break_before(wide, narrow):
    for path in (wide, narrow):
        doc = Document(str(path))
        for text in ("Phụ lục I", "Phụ lục II"):
            assert paragraph(path, text).style.paragraph_format.page_break_before is True
        # No page-break run: after a section break it would leave a blank page.
        assert not [br for br in doc.element.body.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]


def restarts(sect) -> bool:
    numbering = sect.find(qn("w:pgNumType"))
    return numbering is not None and numbering.get(qn("w:start")) == "1"


def test_a_wide_part_b_turns_appendix_ii_landscape_and_ends_the_document(wide):
    doc = Document(str(wide))
    decision, first, last = sections(doc)
    # The decision's section ends before "Phụ lục I", appendix I's right before "Phụ lục II".
    assert Paragraph(decision.getparent().getparent().getnext(), doc).text == "Phụ lục I"
    assert Paragraph(first.getparent().getparent().getnext(), doc).text == "Phụ lục II"
    assert all(s.find(qn("w:type")) is None or s.find(qn("w:type")).get(qn("w:val")) == "nextPage"
               for s in (first, last))
    assert [orientation(s) for s in (decision, first, last)] == ["portrait", "portrait", "landscape"]
    # The decision's first page has no number; each appendix numbers its pages from 1, its first unnumbered.
    assert all(s.find(qn("w:titlePg")) is not None for s in (decision, first, last))
    assert [restarts(s) for s in (decision, first, last)] == [False, True, True]
    assert last.getparent() is doc.element.body


def test_a_narrow_part_b_keeps_every_section_portrait(narrow):
    decision, first, last = sections(Document(str(narrow)))
    assert [orientation(s) for s in (decision, first, last)] == ["portrait"] * 3
    assert [restarts(s) for s in (decision, first, last)] == [False, True, True]


# --- the appendices' tables, worked out by hand in builders.dti_spec ---------------------------

OVERALL = [
    ["TT", "Sở", "Tỷ lệ (%)", "Xếp loại", "Xếp hạng", "Xếp hạng năm trước", "Tăng/giảm"],
    ["1", "Sở A", "91,67", "Xuất sắc", "1", "2", "Tăng 1"],  # 110/120; "Sở A cũ" was 2nd
    ["2", "Sở E", "91,67", "Xuất sắc", "1", "", "Mới"],  # 137,5/150, tied with A exactly
    ["3", "Sở B", "86,67", "Tốt", "3", "1", "Giảm 2"],  # 130/150
    ["4", "Sở C", "81,67", "Tốt", "4", "", ""],  # 122,5/150; assessed last year, not ranked
]
AWARENESS = [["TT", "Sở", "Tỷ lệ (%)", "Xếp loại", "Xếp hạng"],
             ["1", "Sở E", "100,00", "Xuất sắc", "1"], ["2", "Sở A", "90,00", "Xuất sắc", "2"],
             ["3", "Sở B", "90,00", "Xuất sắc", "2"], ["4", "Sở C", "60,00", "Trung bình", "4"]]
SERVICES = [["TT", "Sở", "Tỷ lệ (%)", "Xếp loại", "Xếp hạng"],
            ["1", "Sở B", "100,00", "Xuất sắc", "1"], ["2", "Sở E", "91,67", "Xuất sắc", "2"],
            ["3", "Sở C", "83,33", "Tốt", "3"]]  # 60/60, 55/60, 50/60; A: KAD
COMMUNES = [["TT", "Xã", "Tỷ lệ (%)", "Xếp loại", "Xếp hạng", "Xếp hạng năm trước", "Tăng/giảm"],
            ["1", "Xã X3", "90,00", "Xuất sắc", "1", "", "Mới"], ["2", "Xã X1", "75,00", "Khá", "2", "2", "Giữ nguyên"],
            ["3", "Xã X2", "60,00", "Trung bình", "3", "1", "Giảm 2"]]
BEFORE = ["TT", "Sở", "Tổng điểm đánh giá", "Tỷ lệ (%)", "Điểm tối đa"]
COMMUNE_DETAILS = [
    ["TT", "Xã", "Tổng điểm đánh giá", "Tỷ lệ (%)", "Trong đó", "Trong đó", "Xếp hạng"],
    ["TT", "Xã", "Tổng điểm đánh giá", "Tỷ lệ (%)", "Hạ tầng", "Dịch vụ", "Xếp hạng"],
    ["1", "Xã X3", "180", "90,00", "90", "90", "1"], ["2", "Xã X1", "150", "75,00", "80", "70", "2"],
    ["3", "Xã X2", "120", "60,00", "60", "60", "3"],
]


def test_the_appendices_tables_row_by_row(wide):
    overall, awareness, services, communes, departments, commune_details = docx_tables(wide)
    assert (overall, awareness, services, communes) == (OVERALL, AWARENESS, SERVICES, COMMUNES)
    assert departments == [
        BEFORE + ["Trong đó"] * 7 + ["Ghi chú", "Xếp hạng"],
        BEFORE + ["1 Nhận thức số"] * 3 + ["2 Hoạt động số"] * 3 + ["3 An toàn", "Ghi chú", "Xếp hạng"],
        BEFORE + ["Tổng điểm", "1.1 Lãnh đạo", "1.2 Tuyên truyền", "Tổng điểm", "2.1 Dịch vụ công",
                  "2.2 Văn bản điện tử", "3 An toàn", "Ghi chú", "Xếp hạng"],
        ["1", "Sở A", "110", "91,67", "120", "45", "30", "15", "40", "KAD", "40", "45", "", "1"],
        ["2", "Sở E", "137,5", "91,67", "150", "50", "30", "20", "95", "55", "40", "40", "", "1"],
        ["3", "Sở B", "130", "86,67", "150", "45", "25", "20", "90", "60", "30", "40", "", "3"],
        ["4", "Sở C", "122,5", "81,67", "150", "30", "20", "10", "85", "50", "35", "50", "", "4"],
        ["5", "Sở D", "60", "50,00", "120", "20", "10", "10", "20", "KAD", "20", "30", "Mới thành lập", ""],
    ]
    assert commune_details == COMMUNE_DETAILS


def test_at_level_1_appendix_ii_lists_the_main_indices_only(narrow):
    *part_a, departments, commune_details = docx_tables(narrow)
    assert part_a == [OVERALL, AWARENESS, SERVICES, COMMUNES]
    assert departments == [
        BEFORE + ["Trong đó"] * 3 + ["Ghi chú", "Xếp hạng"],
        BEFORE + ["1 Nhận thức số", "2 Hoạt động số", "3 An toàn", "Ghi chú", "Xếp hạng"],
        ["1", "Sở A", "110", "91,67", "120", "45", "40", "45", "", "1"],  # 2: KAD + 40
        ["2", "Sở E", "137,5", "91,67", "150", "50", "95", "40", "", "1"],
        ["3", "Sở B", "130", "86,67", "150", "45", "90", "40", "", "3"],
        ["4", "Sở C", "122,5", "81,67", "150", "30", "85", "50", "", "4"],
        ["5", "Sở D", "60", "50,00", "120", "20", "20", "30", "Mới thành lập", ""],
    ]
    assert commune_details == COMMUNE_DETAILS


# --- a draft ----------------------------------------------------------------------------------


def test_a_draft_decision_has_blanks_for_the_number_and_the_day(make):
    draft = make(decision_spec(number="/QĐ-UBND", date="02/2026"), "du-thao")
    text = body(draft)
    assert "DỰ THẢO" in text
    assert f"Số: {BLANK}/QĐ-UBND" in text
    assert f"Đồng Nai, ngày {BLANK} tháng 02 năm 2026" in text
    attached = f"(Kèm theo Quyết định số {BLANK}/QĐ-UBND ngày {BLANK}/02/2026 của Ủy ban nhân dân tỉnh Đồng Nai)"
    assert text.count(attached) == 2
    assert "DỰ THẢO" not in body(make(decision_spec(), "chinh-thuc"))


def signature_room(docx: Path) -> int:
    """The blank lines between the signer's title and name, where the signature goes."""
    return len(Document(str(docx)).element.body.xpath('.//w:p[w:pPr/w:pStyle/@w:val="XHSignerSpace"]'))


def test_an_electronic_decision_leaves_the_number_and_the_day_blank_and_is_no_draft(make):
    # contract: "A document for digital signature"; the e-office system stamps the number and the day.
    spec = decision_spec()
    spec.info.append(("Hình thức", "Bản điện tử"))
    electronic = make(spec, "dien-tu")
    text = body(electronic)
    assert "DỰ THẢO" not in text
    assert f"Số: {BLANK}/QĐ-UBND" in text
    assert f"Đồng Nai, ngày {BLANK} tháng 02 năm 2026" in text
    attached = f"(Kèm theo Quyết định số {BLANK}/QĐ-UBND ngày {BLANK}/02/2026 của Ủy ban nhân dân tỉnh Đồng Nai)"
    assert text.count(attached) == 2
    # The signature image's room, as on paper.
    assert signature_room(electronic) == signature_room(make(decision_spec(), "giay")) == 4


def test_the_template_is_a4_portrait_with_the_decrees_margins_and_its_title():
    doc = Document(str(ROOT / "generator" / "templates" / "quyet-dinh.docx"))
    decision, appendix = doc.sections  # the decision's, and the appendices' (the last numbering from 1)
    for section in (decision, appendix):
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                      section.left_margin, section.right_margin)] == [20, 20, 30, 15]
    assert restarts(appendix._sectPr) and not restarts(decision._sectPr)
    assert doc.core_properties.title == "Quyết định công bố kết quả đánh giá, xếp hạng"
    assert "{{ part_b_begins }}" in [p.text for p in doc.paragraphs]
    assert "{{ part_b_ends }}" not in "\n".join(p.text for p in doc.paragraphs)


# --- as LibreOffice lays it out -------------------------------------------------------------


def pdf_of(docx: Path) -> Path:
    require_soffice()
    return api.export_pdf(docx)


@pytest.mark.parametrize("case", ["wide", "narrow"])
def test_each_appendix_on_its_own_pages_its_first_unnumbered(case, request):
    pdf = pdf_of(request.getfixturevalue(case))
    fonts = {line.split()[0].split("+")[-1] for line in poppler("pdffonts", str(pdf)).splitlines()[2:]}
    assert fonts and all(f.startswith(("LiberationSerif", "TimesNewRoman")) for f in fonts), fonts
    laid = pdf_pages(pdf)
    # This small decision fits page 1, signature block and all; each appendix then takes one page.
    assert len(laid) == 3
    (_, first), (second_orientation, second), (third_orientation, third) = laid
    assert first[:2] == ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # no page number
                         "TỈNH ĐỒNG NAI Độc lập - Tự do - Hạnh phúc"]
    assert first[-1].endswith("Nguyễn Văn A")
    assert second[0] == "Phụ lục I" and second_orientation == "portrait"
    assert third[0] == "Phụ lục II"
    assert third_orientation == ("landscape" if case == "wide" else "portrait")


def test_the_signature_goes_over_with_the_articles_never_alone(make):
    """A preamble too long for the decision to end on page 1: the signature block, never split,
    takes the articles' last lines along to page 2."""
    spec = decision_spec(level=1)
    spec.info[spec.info.index(("Căn cứ", BASES[-1])) + 1:1] = [("Căn cứ", f"Căn cứ văn bản số {n};") for n in range(14)]
    laid = pdf_pages(pdf_of(make(spec, "dai")))
    assert [lines[0] for _, lines in laid[2:]] == ["Phụ lục I", "Phụ lục II"]
    signed = " ".join(laid[1][1])
    assert "Nguyễn Văn A" in signed and "TM. ỦY BAN NHÂN DÂN" in signed
    assert "Quyết định này có hiệu lực kể từ ngày ký./." in signed
    assert "Nguyễn Văn A" not in " ".join(laid[0][1])


# --- the sample -----------------------------------------------------------------------------


def test_the_samples_decision_keeps_its_signature_on_page_1(tmp_path):
    """input/dong-nai-2025-quyet-dinh.xlsx (scripts/build_sample_2025.py): the decision's page,
    then Phụ lục I in portrait, Phụ lục II landscape to the end, each numbering its own pages."""
    result = api.generate(ROOT / "input" / "dong-nai-2025-quyet-dinh.xlsx", tmp_path)
    assert result.docx is not None, result.report.lines()
    assert [p.code for p in result.report.problems] == ["last_units_not_found"]  # the 2025 mergers
    laid = pdf_pages(pdf_of(result.docx))
    first = laid[0][1]
    assert first[:2] == ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "TỈNH ĐỒNG NAI Độc lập - Tự do - Hạnh phúc"]
    assert "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI" in first and "QUYẾT ĐỊNH:" in first
    assert first[-1].endswith("Võ Thành Trung")
    assert laid[1][1][0] == "Phụ lục I"
    start = next(n for n, (_, lines) in enumerate(laid) if lines[0] == "Phụ lục II")
    assert [o for o, _ in laid] == ["portrait"] * start + ["landscape"] * (len(laid) - start)
    # Each appendix numbers its pages afresh, its first page unnumbered.
    assert all(lines[0] == str(n) for n, (_, lines) in enumerate(laid[2:start], 2))
    assert all(lines[0] == str(n) for n, (_, lines) in enumerate(laid[start + 1:], 2))


def test_a_decisions_appendix_notes_re_based_ranks_as_the_notice_does():
    # version 3 everywhere it applies: the merged units of `builders.merged_this_year` as a decision
    from test_notice import REBASED_NOTE

    from builders import merged_last_year, merged_this_year

    spec = merged_this_year()
    spec.info += [("Loại văn bản", "Quyết định"), ("Điều", "Công bố kết quả.")]
    last = api.build(merged_last_year().write_bytes(), "nam-truoc.xlsx")
    run = api.build(spec.write_bytes(), "qd.xlsx", last_year=lambda typed: (typed, last.results))
    assert run.docx is not None and run.kind is DocumentKind.DECISION, run.report.lines()
    path = Path(tempfile.mkdtemp()) / "qd.docx"
    path.write_bytes(run.docx)
    text = body(path)
    assert text[text.index("Phụ lục I"):].count(REBASED_NOTE) == 1
    assert docx_tables(path)[0][2] == ["2", "Xã B", "140", "Tốt", "3", "Tăng 1"]
