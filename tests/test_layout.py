"""The notice's layout follows Nghị định 30/2020/NĐ-CP: checked on the .docx of the sample."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from seed_2014 import CRITERIA, DETAILS

from conftest import closing_page, pdf_words, poppler

TNR = "Times New Roman"


@pytest.fixture(scope="module")
def doc(sample_docx):
    return Document(str(sample_docx))


def part(sample_docx, name: str) -> str:
    with zipfile.ZipFile(sample_docx) as z:
        return z.read(name).decode("utf-8")


def test_a4_portrait_with_the_decrees_margins(doc):
    assert len(doc.sections) == 1  # six criteria fit in portrait: no landscape part B
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                  section.left_margin, section.right_margin)] == [20, 20, 30, 15]


def test_times_new_roman_in_defaults_and_every_style_and_no_theme_fonts(doc, sample_docx):
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {defaults.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {TNR}
    fonts = {value for el in styles.iter(qn("w:rFonts")) for value in el.attrib.values()}
    assert fonts == {TNR}
    for name in ("word/styles.xml", "word/document.xml", "word/header1.xml", "word/header2.xml"):
        assert "theme=" not in part(sample_docx, name).lower(), name
    with zipfile.ZipFile(sample_docx) as z:
        assert not any("stylesWithEffects" in n for n in z.namelist())
    used = set(re.findall(r'<w:pStyle w:val="([^"]+)"/>', part(sample_docx, "word/document.xml")))
    by_id = {s.style_id: s for s in doc.styles}
    for style_id in used:
        style = by_id[style_id]
        while style is not None:  # no style on the chain names another font
            assert style.font.name in (None, TNR), style_id
            style = style.base_style


def looks(doc, paragraph) -> tuple:
    """(size pt, bold, italic, alignment) as the paragraph's style gives them."""
    font, fmt = paragraph.style.font, paragraph.style.paragraph_format
    return font.size.pt, bool(font.bold), bool(font.italic), fmt.alignment


def all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables[:1] + doc.tables[-1:]:  # the header and closing blocks
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def find(doc, text: str):
    return next(p for p in all_paragraphs(doc) if p.text == text)


C, J = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


@pytest.mark.parametrize("text, expected", [
    ("UBND TỈNH KHÁNH HÒA", (13, False, False, C)),
    ("HỘI ĐỒNG THẨM ĐỊNH KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG MỨC ĐỘ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN CỦA CÁC CƠ "
     "QUAN HÀNH CHÍNH NHÀ NƯỚC TỈNH KHÁNH HÒA", (13, True, False, C)),
    ("Số: 29/TB-HĐTD", (13, False, False, C)),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (13, True, False, C)),
    ("Độc lập - Tự do - Hạnh phúc", (14, True, False, C)),
    ("Khánh Hòa, ngày 08 tháng 01 năm 2015", (14, False, True, C)),
    ("THÔNG BÁO", (14, True, False, C)),
    ("Kết quả đánh giá, xếp hạng mức độ ứng dụng công nghệ thông tin của các cơ quan hành chính nhà "
     "nước tỉnh Khánh Hòa năm 2014", (14, True, False, C)),
    ("Nơi nhận:", (12, True, True, WD_ALIGN_PARAGRAPH.LEFT)),
    ("- Lưu: VT.", (11, False, False, WD_ALIGN_PARAGRAPH.LEFT)),
    ("TM. HỘI ĐỒNG THẨM ĐỊNH", (14, True, False, C)),
    ("CHỦ TỊCH", (14, True, False, C)),
    ("Nguyễn Kim Hòa", (14, True, False, C)),
])
def test_header_and_closing_lines(doc, text, expected):
    assert looks(doc, find(doc, text)) == expected


def test_header_and_closing_are_borderless_two_column_tables(doc):
    for table in (doc.tables[0], doc.tables[-1]):
        assert len(table.columns) == 2
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    recipients = [p.text for p in doc.tables[-1].rows[0].cells[0].paragraphs]
    assert recipients == ["Nơi nhận:", "- UBND tỉnh (để báo cáo);", "- Ban TĐKT tỉnh;", "- Các sở, ban, ngành;",
                          "- UBND các huyện, TX, TP;", "- TV HĐTĐ, Tổ giúp việc;", "- Lưu: VT."]
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature == ["TM. HỘI ĐỒNG THẨM ĐỊNH", "CHỦ TỊCH", "GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Nguyễn Kim Hòa"]


def test_rules_under_the_issuing_body_the_motto_and_the_subject(doc):
    ruled = [p for p in all_paragraphs(doc) if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None]
    assert len(ruled) == 3
    for p in ruled:
        assert p._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
        assert p.paragraph_format.left_indent > 0 and p.paragraph_format.right_indent > 0


def test_body_paragraphs_and_headings(doc):
    body = find(doc, "Căn cứ Biên bản cuộc họp thẩm định kết quả đánh giá, xếp hạng mức độ ứng dụng công nghệ "
                     "thông tin của các cơ quan hành chính nhà nước tỉnh Khánh Hòa ngày 06/01/2015;")
    fmt = body.style.paragraph_format
    assert looks(doc, body) == (14, False, False, J)
    assert fmt.first_line_indent == Cm(1.27) and fmt.space_after >= Pt(6) and 1.0 <= fmt.line_spacing <= 1.5
    headings = [p for p in doc.paragraphs if p.style.name in ("XH Part", "XH Group", "XH Ranking")]
    assert len(headings) == 2 + 4 + 6
    assert all(p.style.paragraph_format.keep_with_next for p in headings)


def data_tables(doc):
    return [t for t in doc.tables if t.rows[0].cells[0].text == "TT"]


def test_table_header_rows_repeat_and_no_row_splits(doc):
    tables = data_tables(doc)
    assert len(tables) == 8
    for table in tables:
        header_rows = 2 if table.rows[0].cells[-1].text == "Trong đó" else 1
        for i, row in enumerate(table.rows):
            tr_pr = row._tr.trPr
            assert tr_pr.find(qn("w:cantSplit")) is not None
            assert (tr_pr.find(qn("w:tblHeader")) is not None) == (i < header_rows)


def test_table_text_numbers_centred_headers_bold(doc):
    ranking, detail = data_tables(doc)[0], data_tables(doc)[6]
    header = ranking.rows[0].cells[0].paragraphs[0]
    assert looks(doc, header) == (13, True, False, C)
    number, name = ranking.rows[1].cells[2].paragraphs[0], ranking.rows[1].cells[1].paragraphs[0]
    assert looks(doc, number)[0] == 13 and looks(doc, number)[3] == C and not looks(doc, number)[1]
    assert looks(doc, name)[3] == WD_ALIGN_PARAGRAPH.LEFT
    assert looks(doc, detail.rows[2].cells[3].paragraphs[0]) == (12, False, False, C)
    of_which = detail._tbl.tr_lst[0].tc_lst[3]
    assert of_which.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "6"


def test_page_numbers_top_centre_from_page_2(doc):
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert section.header.paragraphs[0].style.font.size == Pt(13)
    assert section.header.paragraphs[0].style.paragraph_format.alignment == C
    assert "PAGE" not in section.first_page_header._element.xml


# --- part B as LibreOffice lays it out ------------------------------------------------------


def part_b_lines(pdf: Path) -> list[str]:
    text = poppler("pdftotext", "-layout", str(pdf), "-")
    return text[text.index("B. KẾT QUẢ CHI TIẾT"):].splitlines()


def wrapped_names(pdf: Path) -> set[str]:
    """Part B's unit names that do not appear whole on one line."""
    lines = part_b_lines(pdf)
    names = {row[1] for rows in DETAILS.values() for row in rows}
    return {name for name in names if not any(name in " ".join(line.split()) for line in lines)}


def header_lines(pdf: Path, group: int, header: str) -> int:
    """How many lines a criterion's header takes in part B's table of the `group`-th group (0, 1)."""
    words = pdf_words(pdf)
    start = next(i for i, w in enumerate(words) if w.text == "CHI" and words[i + 1].text == "TIẾT")
    of_which = [i for i in range(start, len(words) - 1) if words[i].text == "Trong" and words[i + 1].text == "đó"]
    top = words[of_which[group]]
    page = [w for w in words if w.page == top.page and w.y0 > top.y0]
    first_row = min(w.y0 for w in page if w.text.isdigit())  # no header holds a number
    band = [w for w in page if w.y0 < first_row]  # the criteria's header row
    phrases: list[tuple[float, float, float, list[str]]] = []  # a cell's line: (y, x0, x1, words)
    for w in sorted(band, key=lambda w: (round(w.y0), w.x0)):
        if phrases and round(phrases[-1][0]) == round(w.y0) and w.x0 - phrases[-1][2] < 5:  # a space apart
            y, x0, _, line = phrases[-1]
            phrases[-1] = (y, x0, w.x1, line + [w.text.strip("/")])
        else:
            phrases.append((w.y0, w.x0, w.x1, [w.text.strip("/")]))
    head = re.split(r"[\s/]+", header)  # a line may break at the slash of "Trang/Cổng"
    centre = next((x0 + x1) / 2 for _, x0, x1, words in phrases if words[0] == head[0])
    mine = [words for _, x0, x1, words in phrases if abs((x0 + x1) / 2 - centre) < 10]
    assert sorted(w for words in mine for w in words) == sorted(head)
    return len(mine)


# The 2014 sample: 21 names beside six criteria in portrait, 12 pt. Header words whole and every
# name on one line cannot both be had in 16.5 cm: "Sở Nông nghiệp và Phát triển nông thôn" alone
# takes 6.9 cm. Only the four names that long wrap (seven did at fixed widths).
TOO_LONG = {"Sở Nông nghiệp và Phát triển nông thôn", "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
            "Sở Lao động, Thương binh và Xã hội", "Ban Quản lý Khu kinh tế Vân Phong"}


def test_part_b_names_take_one_line_unless_too_long_for_the_page(sample_pdf):
    assert wrapped_names(sample_pdf) == TOO_LONG


def test_part_b_headers_keep_their_words_whole_and_take_few_lines(sample_pdf):
    lines = part_b_lines(sample_pdf)
    assert not any(re.search(r"\b(CNT|Tran|Côn)\b", line) for line in lines)  # no word split mid-way
    # The header row's height is its tallest header's: group I's "Sử dụng các PM ứng dụng" cannot
    # have three lines without wrapping another name, so it has five (was six); group II's all fit
    # in three (some took four).
    (first, second) = CRITERIA.values()
    assert max(header_lines(sample_pdf, 0, header) for header in first) <= 5
    assert max(header_lines(sample_pdf, 1, header) for header in second) <= 3


def test_the_closing_block_shares_the_last_page_with_the_tables_last_rows(sample_pdf):
    rows, closing = closing_page(sample_pdf)
    assert len(rows) >= 2 and rows[-1].startswith("8 UBND huyện Khánh Sơn")  # part B's last row
    assert "TM. HỘI ĐỒNG THẨM ĐỊNH" in closing[0] and closing[-1] == "Nguyễn Kim Hòa"
