"""Each unit's result sheet as Word files (`result_sheets`, `wordchart`): one .docx per unit in a zip
and all of them in one, each with a native chart whose data are its table's."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from builders import Spec, docx_text, sheets_spec, template_edited
from conftest import require_soffice
from generator import api, errors

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def built(spec: Spec, **given) -> api.Run:
    run = api.build(spec.write_bytes(), "phieu.xlsx", **given)
    assert run.sheets is not None and run.sheets_docx is not None, run.report.lines()
    return run


def unit_docx(run: api.Run, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(run.sheets)) as archive:
        return archive.read(name)


def text_of(data: bytes, tmp_path: Path, name: str = "x.docx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return docx_text(path)


def chart_data(data: bytes, n: int = 1) -> tuple[list[str], list[list[float | None]]]:
    """A chart part's categories and each series' values, as its XML caches them."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        space = etree.fromstring(archive.read(f"word/charts/chart{n}.xml"))
    series = space.findall(f".//{C}ser")
    categories = [v.text for v in series[0].find(f"{C}cat").iter(f"{C}v")]

    def values(ser) -> list[float | None]:
        points = {int(p.get("idx")): float(p.find(f"{C}v").text) for p in ser.find(f"{C}val").iter(f"{C}pt")}
        return [points.get(i) for i in range(len(categories))]

    return categories, [values(s) for s in series]


def test_one_docx_per_unit_and_what_it_says(tmp_path):
    run = built(sheets_spec())
    with zipfile.ZipFile(io.BytesIO(run.sheets)) as archive:
        assert archive.namelist() == ["Sở A.docx", "Sở B.docx", "Sở C.docx", "Xã Một.docx"]
    text = text_of(unit_docx(run, "Sở A.docx"), tmp_path)
    for line in ("PHIẾU KẾT QUẢ ĐÁNH GIÁ", "(Kèm theo Thông báo số 01/TB-HĐTD ngày 05/03/2025)", "Đơn vị: Sở A",
                 "Tổng điểm: 210 / 250 điểm", "Tỷ lệ (%): 84,00", "Xếp loại: Khá", "Xếp hạng Mức độ ứng dụng CNTT: 2/2",
                 "Xếp hạng An toàn thông tin: 2/2", "- Cần cải thiện dịch vụ.", "- Dịch vụ: Chưa có DVC toàn trình."):
        assert line in text, line
    table = Document(io.BytesIO(unit_docx(run, "Sở A.docx"))).tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Tiêu chí", "Điểm tối đa", "Điểm đạt", "Tự đánh giá", "Chênh lệch", "Điểm chưa đạt",
                       "Trung bình khối", "Cao nhất khối"]
    assert rows[1] == ["Hạ tầng", "100", "90", "95", "5", "10", "83,33", "90"]
    assert rows[-1] == ["Tổng cộng", "250", "210", "225", "15", "40", "176,67", "210"]
    not_ranked = text_of(unit_docx(run, "Sở C.docx"), tmp_path)
    assert "Không xếp hạng: Mới thành lập" in not_ranked and "Xếp hạng Mức" not in not_ranked
    # A unit without its own scores: no self-assessed columns.
    rows_b = [[c.text for c in row.cells] for row in Document(io.BytesIO(unit_docx(run, "Sở B.docx"))).tables[-1].rows]
    assert rows_b[0] == ["Tiêu chí", "Điểm tối đa", "Điểm đạt", "Điểm chưa đạt", "Trung bình khối", "Cao nhất khối"]
    assert rows_b[2] == ["Dịch vụ", "KAD", "", "", "75", "80"]


def test_the_charts_data_are_the_tables():
    run = built(sheets_spec())
    data = unit_docx(run, "Sở B.docx")
    categories, (unit, average) = chart_data(data)
    # The table's score over maximum: Hạ tầng 80/100, Dịch vụ KAD, An toàn 50/50; the group's average shares.
    assert (categories, unit, average) == (["Hạ tầng", "Dịch vụ", "An toàn"], [80.0, None, 100.0], [83.33, 75.0, 86.67])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        embedded = load_workbook(io.BytesIO(archive.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")))
        rels = archive.read("word/charts/_rels/chart1.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    sheet = embedded["Sheet1"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        [None, "Sở B", "Trung bình khối"], ["Hạ tầng", 80, 83.33], ["Dịch vụ", None, 75], ["An toàn", 100, 86.67]]
    assert "../embeddings/Microsoft_Excel_Worksheet1.xlsx" in rels
    assert 'PartName="/word/charts/chart1.xml"' in types and 'Extension="xlsx"' in types


def test_all_sheets_in_one_document_each_from_a_new_page_numbered_from_1():
    run = built(sheets_spec())
    with zipfile.ZipFile(io.BytesIO(run.sheets_docx)) as archive:
        body = archive.read("word/document.xml").decode()
        charts = sorted(n for n in archive.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n))
        rels = archive.read("word/_rels/document.xml.rels").decode()
    sections = re.findall(r"<w:sectPr\b.*?</w:sectPr>", body, re.S)
    assert len(sections) == 4 and all('<w:pgNumType w:start="1"/>' in s for s in sections)
    assert len(charts) == 4
    used = re.findall(r'<c:chart [^>]*r:id="([^"]+)"', body)
    assert len(used) == len(set(used)) == 4 and all(f'Id="{rid}"' in rels for rid in used)
    ids = re.findall(r'<wp:docPr id="(\d+)"', body)
    assert len(ids) == len(set(ids))
    document = Document(io.BytesIO(run.sheets_docx))
    assert [p.text for p in document.paragraphs if p.text.startswith("Đơn vị: ")] == [
        "Đơn vị: Sở A", "Đơn vị: Sở B", "Đơn vị: Sở C", "Đơn vị: Xã Một"]


def test_the_same_workbook_gives_the_same_bytes():
    first, again = built(sheets_spec()), built(sheets_spec())
    assert (first.sheets, first.sheets_docx) == (again.sheets, again.sheets_docx)


def test_sheets_only_where_asked_for():
    spec = sheets_spec()
    spec.info = [(k, v) for k, v in spec.info if k != "Phiếu kết quả"]
    assert api.build(spec.write_bytes(), "x.xlsx").sheets is None
    assert api.build(spec.write_bytes(), "x.xlsx", sheets=True).sheets is not None


def test_a_draft_leaves_the_number_and_day_of_what_it_accompanies_blank(tmp_path):
    spec = sheets_spec().set_info("Số, ký hiệu", "/TB-HĐTD").set_info("Ngày ban hành", "03/2025")
    text = text_of(unit_docx(built(spec), "Sở A.docx"), tmp_path)
    assert re.search(r"\(Kèm theo Thông báo số\s+/TB-HĐTD ngày\s+/03/2025\)", text)


def test_a_workbooks_text_stays_text(tmp_path):
    spec = sheets_spec()
    spec.scores["Nhận xét"].append(("Sở", "Sở B", None, "{{ 7*7 }} & <b>đậm</b> {% if 1 %}"))
    text = text_of(unit_docx(built(spec), "Sở B.docx"), tmp_path)
    assert "- {{ 7*7 }} & <b>đậm</b> {% if 1 %}" in text


def in_headers(text: str) -> bytes:
    """The sheet's template with `text` in both its headers (the first page's and the others')."""
    def edit(xml: str) -> str:
        return xml.replace("</w:p>", f"<w:r><w:t>{text}</w:t></w:r></w:p>", 1)

    return template_edited({"word/header1.xml": edit, "word/header2.xml": edit}, kind="phieu-ket-qua")


def test_a_template_that_fills_its_header_with_the_unit_gives_each_sheet_its_own():
    template = in_headers("Phiếu của {{ u.unit }}")
    run = built(sheets_spec(), sheet_template=template)
    with zipfile.ZipFile(io.BytesIO(run.sheets_docx)) as archive:
        headers = {n: archive.read(n).decode() for n in archive.namelist() if re.fullmatch(r"word/header\d+_\d+\.xml", n)}
    assert sorted(re.findall(r"Phiếu của ([^<]+)<", "".join(headers.values()))) == sorted(
        ["Sở A", "Sở B", "Sở C", "Xã Một"] * 2)


def test_a_sheet_template_that_uses_what_a_sheet_has_not_is_refused():
    template = in_headers("{{ u.hang }} {{ groups }}")
    with pytest.raises(errors.TemplateRefused) as refused:
        built(sheets_spec(), sheet_template=template)
    assert "u.hang" in refused.value.args[0] and "groups" in refused.value.args[0]
    assert refused.value.args[1] == api.SHEET_KIND


def test_libreoffice_draws_the_chart(tmp_path):
    require_soffice()
    path = tmp_path / "Sở A.docx"
    path.write_bytes(unit_docx(built(sheets_spec()), "Sở A.docx"))
    api.export_pdf(path)
    text = subprocess.run(["pdftotext", "-layout", str(path.with_suffix(".pdf")), "-"], capture_output=True,
                          text=True, check=True).stdout
    # The bars' values, with a decimal comma, and the legend: drawn by LibreOffice from the chart part.
    for label in ("90,00", "83,33", "86,67", "Trung bình khối"):
        assert label in text, label


def test_printed_all_together_each_sheet_numbers_its_pages_from_1(tmp_path):
    # LibreOffice numbered the sheets' pages on (1, 2, 3, 4…) while a sheet began with its header's table.
    require_soffice()
    spec = Spec()  # two units' sheets of 40 criteria: two pages each
    names = [f"Tiêu chí số {i}" for i in range(1, 41)]
    spec.criteria = [spec.criteria[0], *(("Sở", name, 10, None) for name in names)]
    spec.scores = {"Sở": [("TT", "Đơn vị", *names), (1, "Sở A", *[7] * 40), (2, "Sở B", *[8] * 40)]}
    path = tmp_path / "phieu.phieu.docx"
    path.write_bytes(built(spec, sheets=True).sheets_docx)
    pdf = api.export_pdf(path)
    pages = int(next(line.split()[-1] for line in subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                                    text=True, check=True).stdout.splitlines()
                     if line.startswith("Pages:")))
    firsts = [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout.split("\n", 1)[0] for p in range(1, pages + 1)]
    numbered, page = [], 0
    for first in firsts:
        page = 1 if first == "UBND TỈNH THỬ NGHIỆM" else page + 1  # a sheet's first page: its header, no number
        numbered.append(first == "UBND TỈNH THỬ NGHIỆM" or first == str(page))
    assert firsts.count("UBND TỈNH THỬ NGHIỆM") == 2 and pages > 2 and all(numbered), firsts
