"""Builds the Word templates from python-docx's blank document: generator/templates/thong-bao.docx,
a council's notice (Thông báo), generator/templates/quyet-dinh.docx, a People's Committee's
decision (Quyết định) with parts A and B as its appendices, and generator/templates/phieu-ket-qua.docx,
each unit's own result sheet (Phiếu kết quả).

Run once to (re)create them: `.venv/bin/python scripts/build_template.py` (or give another folder).
After that each template is a Word file like any other: the secretariat edits wording and styles in
Word. This script records how the layout of Nghị định 30/2020/NĐ-CP (A4, Times New Roman, the header
block, the signature and Nơi nhận blocks) was set up, so it can be rebuilt from scratch.

Ranking and detail tables are not in the template: their columns come from the data. Each is a
paragraph `{{ r.table(cot) }}` / `{{ g.details(cot) }}` that the generator replaces with the table,
which uses the template's table styles ("Bảng - …"), so their look is edited in Word too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

FONT = "Times New Roman"
TEXT_WIDTH = Mm(210 - 30 - 15)
HEADER_LEFT, HEADER_RIGHT = Twips(3855), Twips(5500)
CLOSING_LEFT, CLOSING_RIGHT = Twips(4255), Twips(5100)
DRAFT_BOX = Cm(3)  # wide enough for "DỰ THẢO" in bold 13 pt with room either side
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


# The words that head the tables' columns (the data heads the others: a group's name, a criterion's),
# given to the tables as `{{ r.table(cot) }}` and `{{ g.details(cot) }}`: edited in Word like any text.
# A paragraph tag can hold neither braces nor a percent sign: hence dict(…) and "\u0025" for "%".
COLUMN_WORDS = (
    '{%p set cot = dict(tt="TT", tong_diem="Tổng điểm", ty_le="Tỷ lệ (\\u0025)", chi_so="Chỉ số", '
    'xep_loai="Xếp loại", xep_hang="Xếp hạng", nam_truoc="Xếp hạng năm trước", tang_giam="Tăng/giảm", '
    'diem_danh_gia="Tổng điểm đánh giá", trong_do="Trong đó", diem_chi_so="Tổng điểm", toi_da="Điểm tối đa", '
    'ghi_chu="Ghi chú", diem_quy_doi="Điểm quy đổi", so_don_vi="Số đơn vị", tong_cong="Tổng cộng") %}'
)
# Parts A and B's headings: `Tiêu đề phần A` / `Tiêu đề phần B` from the workbook, else the 2014 wording.
PART_A_TITLE = (
    "{% if part_a_title %}{{ part_a_title|upper }}{% else %}KẾT QUẢ XẾP HẠNG {{ overall_title|upper }} CỦA CÁC CƠ "
    "QUAN HÀNH CHÍNH NHÀ NƯỚC TỈNH {{ place|upper }} NĂM {{ year }}{% endif %}"
)
PART_B_TITLE = (
    "{% if part_b_title %}{{ part_b_title|upper }}{% else %}KẾT QUẢ CHI TIẾT {{ overall_title|upper }} CỦA CÁC CƠ "
    "QUAN HÀNH CHÍNH NHÀ NƯỚC TỈNH {{ place|upper }} NĂM {{ year }}{% endif %}"
)


def new_document() -> Document:
    """python-docx's blank document with the decree's page, fonts and the styles, emptied; the
    column words first, and a draft's mark (before the văn thư gives the number and the day)."""
    doc = Document()
    _fonts_everywhere(doc)
    _styles(doc)
    _page(doc)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    para(doc, COLUMN_WORDS, "XH Body")
    para(doc, "{%p if draft %}", "XH Draft")
    para(doc, "DỰ THẢO", "XH Draft")
    para(doc, "{%p endif %}", "XH Draft")
    return doc


def build(out: Path) -> None:
    """The notice (Thông báo) of a council."""
    doc = new_document()
    _header_block(doc)
    para(doc, "", "XH Body")
    para(doc, "THÔNG BÁO", "XH Title")
    para(doc, "{{ subject }}", "XH Subject")
    rule(para(doc, "", "XH Rule"), 1800, TEXT_WIDTH.twips)
    para(doc, "{%p for basis in bases %}", "XH Body")
    para(doc, "{{ basis }}", "XH Body")
    para(doc, "{%p endfor %}", "XH Body")
    para(doc, "{{ intro }}", "XH Body")

    para(doc, "A. " + PART_A_TITLE, "XH Part")
    _rankings(doc)

    # Where part B's pages begin: nothing in portrait, a section break when it turns landscape;
    # the closing block then follows part B's last table on its landscape page.
    para(doc, "{{ part_b_begins }}", "XH Body")
    para(doc, "B. " + PART_B_TITLE, "XH Part")
    _details(doc)
    _closing_block(doc)
    doc.core_properties.author = "xephang"
    doc.core_properties.title = "Thông báo kết quả đánh giá, xếp hạng mức độ ứng dụng CNTT"
    _only_what_is_used(doc)
    doc.save(out)


# A decision's own paragraphs, added to its template only (the notice's styles stay as they are):
# the issuer's title line, the preamble in italic, "QUYẾT ĐỊNH:", the articles, and each appendix's
# heading, title and "(Kèm theo …)" line. Same fields as PARAGRAPH_STYLES. The articles keep with
# the signature block: when it does not fit on the page, the articles' last lines go over with it,
# never the signature alone on a page.
DECISION_STYLES = [
    ("XH Issuer", "XHIssuer", 14, True, False, CENTER, None, True, 6, None),
    ("XH Preamble", "XHPreamble", 14, False, True, JUSTIFY, Cm(1.27), False, 6, None),
    ("XH Decides", "XHDecides", 14, True, False, CENTER, None, True, 6, None),
    ("XH Article", "XHArticle", 14, False, False, JUSTIFY, Cm(1.27), True, 6, None),
    ("XH Appendix", "XHAppendix", 14, True, False, CENTER, None, True, 0, 0),
    ("XH Appendix Title", "XHAppendixTitle", 14, True, False, CENTER, None, True, 0, None),
    ("XH Appendix Note", "XHAppendixNote", 14, False, True, CENTER, None, True, 0, None),
]
# How the appendices cite their decision; "Ủy ban nhân dân tỉnh" is the template's word.
ATTACHED = "(Kèm theo Quyết định số {{ number }} ngày {{ date.numeric }} của Ủy ban nhân dân tỉnh {{ place }})"


def build_decision(out: Path) -> None:
    """The decision (Quyết định) of a provincial People's Committee: its articles announce the
    results, part A is Phụ lục I and part B Phụ lục II, each starting a page."""
    doc = new_document()
    for spec in DECISION_STYLES:
        _paragraph_style(doc, spec)
    doc.styles["XH Decides"].paragraph_format.space_before = Pt(6)
    # Each appendix starts a page by its heading's pageBreakBefore, not by a page-break run: when
    # part B turns landscape, Phụ lục II opens a section that already starts a page, where a
    # pageBreakBefore adds none (as LibreOffice lays it out, and Word) but a page-break run would
    # leave a blank page.
    appendix = doc.styles["XH Appendix"].paragraph_format
    appendix.page_break_before = True
    appendix.space_before = Pt(0)
    _header_block(doc)
    para(doc, "", "XH Body")
    para(doc, "QUYẾT ĐỊNH", "XH Title")
    para(doc, "{{ subject }}", "XH Subject")
    rule(para(doc, "", "XH Rule"), 1800, TEXT_WIDTH.twips)
    # On one line, though the header block may break it in two ("ỦY BAN NHÂN DÂN" / "TỈNH ĐỒNG NAI").
    para(doc, '{{ issuing_body.split()|join(" ")|upper }}', "XH Issuer")
    para(doc, "{%p for basis in bases %}", "XH Preamble")
    para(doc, "{{ basis }}", "XH Preamble")
    para(doc, "{%p endfor %}", "XH Preamble")
    para(doc, "{%p if proposal %}", "XH Preamble")
    para(doc, "{{ proposal }}", "XH Preamble")
    para(doc, "{%p endif %}", "XH Preamble")
    para(doc, "QUYẾT ĐỊNH:", "XH Decides")
    para(doc, "{%p for article in articles %}", "XH Article")
    article = para(doc, "Điều {{ loop.index }}. ", "XH Article")
    article.runs[0].bold = True
    article.add_run("{{ article }}")
    para(doc, "{%p endfor %}", "XH Article")
    _closing_block(doc)
    # Each appendix a section of its own, numbering its pages from 1 (its first page unnumbered,
    # like the decision's): the decision's section ends here, appendix I's where part B begins
    # (`part_b_begins`, turning landscape when part B is wide), appendix II's with the document.
    _section_end(doc)
    _appendix_heading(doc, "Phụ lục I", PART_A_TITLE)
    _rankings(doc)
    para(doc, "{{ part_b_begins }}", "XH Body")
    _appendix_heading(doc, "Phụ lục II", PART_B_TITLE)
    _details(doc)
    _tiny(para(doc, "", "XH Body"))
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    doc.sections[-1]._sectPr.append(numbering)
    doc.core_properties.author = "xephang"
    doc.core_properties.title = "Quyết định công bố kết quả đánh giá, xếp hạng"
    _only_what_is_used(doc)
    doc.save(out)


def _tiny(paragraph) -> None:
    """A paragraph of 1 pt after a table or a block that may end at a page's foot (Word adds one
    after a last table if missing): it pushes nothing onto a blank page of its own."""
    paragraph.paragraph_format.space_after, paragraph.paragraph_format.line_spacing = Pt(0), Pt(1)


def _section_end(doc) -> None:
    """A (tiny) paragraph ending a section set up as the document's page."""
    from copy import deepcopy

    paragraph = para(doc, "", "XH Body")
    _tiny(paragraph)
    paragraph._p.get_or_add_pPr().append(deepcopy(doc.sections[-1]._sectPr))


def _appendix_heading(doc, heading: str, title: str) -> None:
    para(doc, heading, "XH Appendix")
    para(doc, title, "XH Appendix Title")
    para(doc, ATTACHED, "XH Appendix Note")
    rule(para(doc, "", "XH Rule"), 1800, TEXT_WIDTH.twips)


def _only_what_is_used(doc) -> None:
    """Drops what python-docx's blank document carries and the notice never uses: 300 KB of
    built-in and latent styles (every run parses them), a thumbnail of some other document,
    numbering and custom XML parts."""
    styles = doc.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    keep = {i for i, s in by_id.items() if s.get(qn("w:default")) == "1" or i.startswith("XH") or i == "Header"}
    pending = list(keep)
    while pending:  # and every style those are based on or linked to
        style = by_id[pending.pop()]
        for ref in ("w:basedOn", "w:link", "w:next"):
            target = style.find(qn(ref))
            if target is not None and target.get(qn("w:val")) in by_id and target.get(qn("w:val")) not in keep:
                keep.add(target.get(qn("w:val")))
                pending.append(target.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles.remove(style)
    unused = ("/numbering", "/customXml")
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(unused):
            doc.part.drop_rel(rel_id)
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rel_id)


# --- fonts and styles ---------------------------------------------------------------------


def _fonts_everywhere(doc) -> None:
    """Times New Roman in the defaults and every style, with no theme fonts left to override it."""
    # Word 2010's copy of the styles, with theme fonts; Word rebuilds it from styles.xml.
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(defaults)
    size = defaults.find(qn("w:sz"))
    if size is None:
        size = OxmlElement("w:sz")
        defaults.append(size)
    size.set(qn("w:val"), "28")
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in list(fonts.attrib):
            if attr.lower().endswith("theme"):  # asciiTheme, hAnsiTheme, eastAsiaTheme, cstheme
                del fonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


# (display name, style id, size pt, bold, italic, alignment, first-line indent, keep with next,
#  space after pt, outline level); headings (those with an outline level) also get 6 pt before,
#  so a heading that follows a table stands clear of it.
PARAGRAPH_STYLES = [
    ("XH Body", "XHBody", 14, False, False, JUSTIFY, Cm(1.27), False, 6, None),
    ("XH Part", "XHPart", 14, True, False, JUSTIFY, Cm(1.27), True, 6, 0),
    ("XH Group", "XHGroup", 14, True, False, JUSTIFY, Cm(1.27), True, 6, 1),
    ("XH Ranking", "XHRanking", 14, True, False, JUSTIFY, Cm(1.27), True, 6, 2),
    ("XH Title", "XHTitle", 14, True, False, CENTER, None, True, 0, None),
    ("XH Note", "XHNote", 13, False, True, JUSTIFY, Cm(1.27), False, 6, None),  # under a table
    ("XH Draft", "XHDraft", 13, True, False, CENTER, None, True, 12, None),
    ("XH Subject", "XHSubject", 14, True, False, CENTER, None, True, 0, None),
    ("XH Rule", "XHRule", 2, False, False, CENTER, None, True, 6, None),
    ("XH Header Body", "XHHeaderBody", 13, False, False, CENTER, None, False, 0, None),
    ("XH Header Body Bold", "XHHeaderBodyBold", 13, True, False, CENTER, None, False, 0, None),
    ("XH Header Nation", "XHHeaderNation", 13, True, False, CENTER, None, False, 0, None),
    ("XH Header Motto", "XHHeaderMotto", 14, True, False, CENTER, None, False, 0, None),
    ("XH Header Number", "XHHeaderNumber", 13, False, False, CENTER, None, False, 0, None),
    ("XH Header Date", "XHHeaderDate", 14, False, True, CENTER, None, False, 0, None),
    ("XH Recipients Title", "XHRecipientsTitle", 12, True, True, LEFT, None, False, 0, None),
    ("XH Recipient", "XHRecipient", 11, False, False, LEFT, None, False, 0, None),
    ("XH Signer Authority", "XHSignerAuthority", 14, True, False, CENTER, None, False, 0, None),
    ("XH Signer Title", "XHSignerTitle", 14, True, False, CENTER, None, False, 0, None),
    ("XH Signer Space", "XHSignerSpace", 14, False, False, CENTER, None, False, 0, None),
    ("XH Signer Name", "XHSignerName", 14, True, False, CENTER, None, False, 0, None),
    # Table cells: part A at 13, part B at 12 (its criteria columns are narrow).
    ("Bảng - tiêu đề", "XHTableHeader", 13, True, False, CENTER, None, False, 0, None),
    ("Bảng - số", "XHTableNumber", 13, False, False, CENTER, None, False, 0, None),
    ("Bảng - tên", "XHTableText", 13, False, False, LEFT, None, False, 0, None),
    ("Bảng chi tiết - tiêu đề", "XHDetailHeader", 12, True, False, CENTER, None, False, 0, None),
    ("Bảng chi tiết - số", "XHDetailNumber", 12, False, False, CENTER, None, False, 0, None),
    ("Bảng chi tiết - tên", "XHDetailText", 12, False, False, LEFT, None, False, 0, None),
]


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    for spec in PARAGRAPH_STYLES:
        _paragraph_style(doc, spec)
    _draft_box(doc.styles["XH Draft"])
    header = doc.styles["Header"]
    header.font.name = FONT
    header.font.size = Pt(13)
    header.paragraph_format.alignment = CENTER


def _paragraph_style(doc, spec):
    name, style_id, size, bold, italic, align, indent, keep, after, outline = spec
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    _set_fonts(style.element.get_or_add_rPr())
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = indent
    fmt.keep_with_next = keep
    fmt.space_before = Pt(6 if outline is not None else 0)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0
    fmt.widow_control = True
    if outline is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        style.element.get_or_add_pPr().append(level)
    return style


def _draft_box(style) -> None:
    """"DỰ THẢO" in a box at the right of the text: a bordered paragraph indented from the left."""
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for edge, space in (("top", "1"), ("left", "4"), ("bottom", "1"), ("right", "4")):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", space), ("w:color", "000000")):
            element.set(qn(key), value)
        borders.append(element)
    ppr.insert(0, borders)
    style.paragraph_format.left_indent = TEXT_WIDTH - DRAFT_BOX - Pt(4)
    style.paragraph_format.right_indent = Pt(4)


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.start_type = WD_SECTION.NEW_PAGE
    # Page numbers top centre from page 2 on: page 1 gets its own, empty, header.
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    _page_field(header)
    section.first_page_header.paragraphs[0].text = ""


def _page_field(paragraph) -> None:
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


# --- blocks -------------------------------------------------------------------------------


def para(container, text: str, style: str):
    p = container.add_paragraph(style=style)
    if text:
        p.add_run(text)
    return p


def rule(paragraph, width, available) -> None:
    """A short solid line, centred: the bottom border of an almost empty paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    side = Twips((available - width) // 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side


def _borderless_table(doc, widths):
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    for child in list(tbl_pr):
        if child.tag == qn("w:tblStyle"):
            tbl_pr.remove(child)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    # No cell margins: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (bold 13, 5386 twips) must fit on one line.
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    for col, width in zip(table._tbl.tblGrid.iterchildren(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(width.twips))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    return table


def _fill(cell, lines, rule_width: int = 0) -> None:
    """Replaces the cell's paragraphs by `lines`; a "XH Rule" line is `rule_width` twips long."""
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for text, style in lines:
        p = para(cell, text, style)
        if style == "XH Rule":
            rule(p, rule_width, cell.width.twips)


def _header_block(doc, numbered: bool = True) -> None:
    """The issuing body and the national motto; under them, the number and the date line (none on a
    unit's result sheet, which has no number of its own)."""
    table = _borderless_table(doc, (HEADER_LEFT, HEADER_RIGHT))
    left, right = table.rows[0].cells
    # The issuing body's rule: about 40% of its column; the motto's: as long as the motto
    # (3423 twips: "Độc lập - Tự do - Hạnh phúc" in Times New Roman bold 14).
    _fill(left, [
        ("{%p if parent_body %}", "XH Header Body"),
        ("{{ parent_body|upper }}", "XH Header Body"),
        ("{%p endif %}", "XH Header Body"),
        ("{{ issuing_body|upper }}", "XH Header Body Bold"),
        ("", "XH Rule"),
    ], rule_width=1400)
    _fill(right, [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "XH Header Nation"),
        ("Độc lập - Tự do - Hạnh phúc", "XH Header Motto"),
        ("", "XH Rule"),
    ], rule_width=3423)
    if not numbered:
        table._tbl.remove(table.rows[1]._tr)
        return
    number, date = table.rows[1].cells
    _fill(number, [("Số: {{ number }}", "XH Header Number")])
    _fill(date, [("{{ place }}, ngày {{ date.day }} tháng {{ date.month }} năm {{ date.year }}", "XH Header Date")])


def _rankings(doc) -> None:
    """Part A: each group's heading, then each of its rankings' heading and table, then (with
    `Bảng tổng hợp`) its units by grade."""
    para(doc, "{%p for g in groups %}", "XH Body")
    para(doc, "{{ g.number }}. {{ g.title }}", "XH Group")
    para(doc, "{%p for r in g.rankings %}", "XH Body")
    para(doc, "{{ g.number }}.{{ loop.index }}. Xếp hạng {{ r.title }}", "XH Ranking")
    # A ranking left with no unit (none ranked, or its criterion applying to none) prints no empty table.
    para(doc, "{%p if r.units %}", "XH Body")
    para(doc, "{{ r.table(cot) }}", "XH Body")
    # A blank "Xếp hạng năm trước" beside "Mới" elsewhere: the note says why.
    para(doc, "{%p if r.unranked_last_year %}", "XH Note")
    para(doc, "Ô để trống ở cột Xếp hạng năm trước: năm trước đơn vị có trong kết quả nhưng không được "
              "xếp hạng ở bảng này.", "XH Note")
    para(doc, "{%p endif %}", "XH Note")
    # Merged units (version 3): last year's ranks re-based on this year's units.
    para(doc, "{%p if r.rebased %}", "XH Note")
    para(doc, "Xếp hạng năm trước của bảng này được tính lại trên các đơn vị năm nay: giá trị năm trước của "
              "đơn vị hợp nhất là trung bình của các đơn vị trước hợp nhất.", "XH Note")
    para(doc, "{%p endif %}", "XH Note")
    para(doc, "{%p else %}", "XH Body")
    para(doc, "Không có đơn vị nào được xếp hạng.", "XH Body")
    para(doc, "{%p endif %}", "XH Body")
    para(doc, "{%p endfor %}", "XH Body")
    # `Bảng tổng hợp` (version 3): the group's ranked units by grade, after its last ranking.
    para(doc, "{%p if g.summary %}", "XH Body")
    para(doc, "{{ g.number }}.{{ g.rankings|length + 1 }}. Tổng hợp số đơn vị theo xếp loại", "XH Ranking")
    para(doc, "{{ g.summary(cot) }}", "XH Body")
    para(doc, "{%p endif %}", "XH Body")
    para(doc, "{%p endfor %}", "XH Body")


def _details(doc) -> None:
    """Part B: each group's heading and detail table."""
    para(doc, "{%p for g in groups %}", "XH Body")
    para(doc, "{{ g.number }}. {{ g.title }}", "XH Group")
    para(doc, "{{ g.details(cot) }}", "XH Body")
    # `Chi tiết tự đánh giá` (version 3): the units' own scores under the council's.
    para(doc, "{%p if g.self_assessed %}", "XH Note")
    para(doc, "Số trong ngoặc đơn là điểm đơn vị tự đánh giá.", "XH Note")
    para(doc, "{%p endif %}", "XH Note")
    para(doc, "{%p endfor %}", "XH Body")


def _closing_block(doc):
    """Nơi nhận and the signature, after a blank line that keeps with them (and the table or
    article before keeps with it: the block is never alone on a page), whole on one page."""
    para(doc, "", "XH Body").paragraph_format.keep_with_next = True
    table = _borderless_table(doc, (CLOSING_LEFT, CLOSING_RIGHT))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    table._tbl.remove(table.rows[1]._tr)
    recipients, signature = table.rows[0].cells
    _fill(recipients, [
        ("Nơi nhận:", "XH Recipients Title"),
        ("{%p for recipient in recipients %}", "XH Recipient"),
        ("- {{ recipient }}", "XH Recipient"),
        ("{%p endfor %}", "XH Recipient"),
        # The archive's line, unless the workbook's recipients end with it.
        ("{%p if not archived %}", "XH Recipient"),
        ("- Lưu: VT.", "XH Recipient"),
        ("{%p endif %}", "XH Recipient"),
    ])
    _fill(signature, [
        ("{%p if authority %}", "XH Signer Authority"),
        ("{{ authority|upper }}", "XH Signer Authority"),
        ("{%p endif %}", "XH Signer Authority"),
        ("{{ signer_title|upper }}", "XH Signer Title"),
        ("", "XH Signer Space"),
        ("", "XH Signer Space"),
        ("", "XH Signer Space"),
        ("", "XH Signer Space"),
        ("{%p if signer_other_title %}", "XH Signer Title"),
        ("{{ signer_other_title }}", "XH Signer Title"),
        ("{%p endif %}", "XH Signer Title"),
        ("{{ signer }}", "XH Signer Name"),
    ])
    return table


# The result sheet's words for its table's columns and its chart's series of the group's average.
SHEET_WORDS = (
    '{%p set cot = dict(ma="Mã", tieu_chi="Tiêu chí", toi_da="Điểm tối đa", diem="Điểm đạt", '
    'tu_danh_gia="Tự đánh giá", chenh_lech="Chênh lệch", chua_dat="Điểm chưa đạt", '
    'trung_binh="Trung bình khối", cao_nhat="Cao nhất khối", tong_cong="Tổng cộng") %}'
)
# What the document the sheet accompanies is; blank in a draft, as the number and day are.
ACCOMPANIES = ("(Kèm theo {% if decision %}Quyết định{% else %}Thông báo{% endif %} số {{ number }} "
               "ngày {{ date.numeric }})")
# The ranked value as the document prints it, under the document's word for it.
VALUE = ('{% if value_heading %}{{ value_heading }}{% elif display == "percent" %}Tỷ lệ (%){% elif '
         'display == "index" %}Chỉ số{% else %}Điểm quy đổi{% endif %}: ')
SHEET_STYLES = [
    ("XH Sheet Line", "XHSheetLine", 13, False, False, LEFT, None, False, 3, None),
    ("XH Remark", "XHRemark", 13, False, False, JUSTIFY, Cm(0.63), False, 3, None),
]


def build_sheet(out: Path) -> None:
    """A unit's own result sheet (Phiếu kết quả): the issuing body's header, what it accompanies, the
    unit's results and standings, its criteria's table, its chart against the group's average, and
    the council's remarks."""
    doc = Document()
    _fonts_everywhere(doc)
    _styles(doc)
    for spec in [*DECISION_STYLES, *SHEET_STYLES]:
        _paragraph_style(doc, spec)
    _page(doc)
    # Vietnamese: Word's proofing, and the chart's numbers with a decimal comma where LibreOffice draws it.
    doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(
        qn("w:lang")).set(qn("w:val"), "vi-VN")
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    doc.sections[-1]._sectPr.find(qn("w:cols")).addprevious(numbering)  # where the schema orders it
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    para(doc, SHEET_WORDS, "XH Body")
    # A sheet starts with a paragraph, not the header's table: where the sheets follow one another
    # in one document, LibreOffice numbers a section's pages from 1 only when it does.
    _tiny(para(doc, "", "XH Body"))
    _header_block(doc, numbered=False)
    para(doc, "", "XH Body")
    para(doc, "PHIẾU KẾT QUẢ ĐÁNH GIÁ", "XH Title")
    para(doc, "{{ overall_title|upper }} NĂM {{ year }}", "XH Subject")
    para(doc, ACCOMPANIES, "XH Appendix Note")
    rule(para(doc, "", "XH Rule"), 1800, TEXT_WIDTH.twips)
    _labelled(doc, "Đơn vị: ", "{{ u.unit }}")
    _labelled(doc, "Khối: ", "{{ u.group }}")
    _labelled(doc, "Tổng điểm: ", "{{ u.total }} / {{ u.maximum }} điểm")
    para(doc, "{%p if u.value %}", "XH Sheet Line")
    _labelled(doc, VALUE, "{{ u.value }}")
    para(doc, "{%p endif %}", "XH Sheet Line")
    para(doc, "{%p if u.grade %}", "XH Sheet Line")
    _labelled(doc, "Xếp loại: ", "{{ u.grade }}")
    para(doc, "{%p endif %}", "XH Sheet Line")
    para(doc, "{%p if u.not_ranked %}", "XH Sheet Line")
    _labelled(doc, "Không xếp hạng: ", "{{ u.not_ranked }}")
    para(doc, "{%p endif %}", "XH Sheet Line")
    para(doc, "{%p for r in u.rankings %}", "XH Sheet Line")
    _labelled(doc, "Xếp hạng {{ r.title }}: ", "{{ r.rank }}{% if r.previous %} (năm trước: {{ r.previous }}"
                   "{% if r.change %}, {{ r.change|lower }}{% endif %}){% elif r.change %} ({{ r.change|lower }})"
                   "{% endif %}")
    para(doc, "{%p endfor %}", "XH Sheet Line")
    para(doc, "1. Kết quả theo từng chỉ số", "XH Group")
    para(doc, "{{ u.table(cot) }}", "XH Body")
    para(doc, "Điểm chưa đạt là điểm tối đa trừ điểm đạt; trung bình và cao nhất tính trên các đơn vị của khối "
              "có áp dụng chỉ số.{% if u.self_assessed %} Chênh lệch là điểm tự đánh giá trừ điểm đạt.{% endif %}",
         "XH Note")
    para(doc, "2. So sánh với trung bình khối (tỷ lệ điểm đạt trên điểm tối đa, %)", "XH Group")
    para(doc, "{{ u.chart(cot) }}", "XH Body")
    para(doc, "{%p if u.remarks %}", "XH Group")
    para(doc, "3. Nhận xét của Hội đồng", "XH Group")
    para(doc, "{%p for n in u.remarks %}", "XH Remark")
    _labelled(doc, "{% if n.criterion %}- {{ n.criterion }}: {% else %}- {% endif %}", "{{ n.text }}", "XH Remark")
    para(doc, "{%p endfor %}", "XH Remark")
    para(doc, "{%p endif %}", "XH Group")
    doc.core_properties.author = "xephang"
    doc.core_properties.title = "Phiếu kết quả đánh giá của đơn vị"
    _only_what_is_used(doc)
    doc.save(out)


def _labelled(doc, label: str, value: str, style: str = "XH Sheet Line"):
    """A line of the sheet: its label in bold, then the value."""
    p = para(doc, label, style)
    p.runs[0].bold = True
    p.add_run(value)
    return p


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "generator" / "templates"
    build(folder / "thong-bao.docx")
    build_decision(folder / "quyet-dinh.docx")
    build_sheet(folder / "phieu-ket-qua.docx")
