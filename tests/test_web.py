"""`xephang serve`: the local page, through Flask's test client (the browser tests drive a real one)."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook
from seed_2014 import DETAILS, RANKINGS

from builders import Spec, docx_tables
from conftest import ROOT, SAMPLE, require_soffice
from generator import api, errors, texts
from generator.web import create_app, uploads

HTMX = {"HX-Request": "true"}
SAMPLE_2025 = ROOT / "input" / "dong-nai-2025.xlsx"
LAST_2024 = ROOT / "input" / "dong-nai-2024.ketqua.xlsx"


@pytest.fixture
def out(tmp_path) -> Path:
    return tmp_path / "ra"


@pytest.fixture
def client(out):
    return create_app(out, soffice=None).test_client()


def post(client, *files: tuple[str, bytes], htmx: bool = True):
    data = {"bang_tinh": [(io.BytesIO(content), name) for name, content in files]}
    return client.post("/kiem-tra", data=data, headers=HTMX if htmx else {}, content_type="multipart/form-data")


def tree(response):
    return lxml_html.fromstring(response.get_data(as_text=True))


def block(response, name: str):
    """The result block of workbook `name`."""
    found = tree(response).xpath(f'//article[@data-ten="{name}"]')
    assert len(found) == 1, response.get_data(as_text=True)[:2000]
    return found[0]


def rows(table) -> list[list[str]]:
    return [[cell.text_content() for cell in row.xpath("./td")] for row in table.xpath("./tbody/tr")]


def heads(table) -> list[list[str]]:
    return [[cell.text_content() for cell in row.xpath("./th")] for row in table.xpath("./thead/tr")]


def messages(response) -> list[str]:
    return [li.text_content() for li in tree(response).xpath('//ul[@id="thong-bao"]/li')]


def link(element, kind: str) -> str:
    found = element.xpath(f'.//a[@data-loai="{kind}"]/@href')
    assert len(found) == 1, kind
    return found[0]


# --- the page ------------------------------------------------------------------------------


def test_the_page_is_vietnamese_and_needs_nothing_from_the_internet(client):
    response = client.get("/")
    assert response.status_code == 200
    page = tree(response)
    assert page.xpath("/html/@lang") == ["vi"]
    assert page.xpath("//h1")[0].text_content() == "Kiểm tra bảng điểm và tạo văn bản"
    scripts = page.xpath("//script/@src") + page.xpath('//link[@rel="stylesheet"]/@href')
    assert scripts == ["/static/htmx.min.js", "/static/xephang.js", "/static/xephang.css"]
    for path in scripts:
        assert client.get(path).status_code == 200
    assert b"htmx" in client.get("/static/htmx.min.js").data
    form = page.xpath('//form[@id="form-kiem-tra"]')[0]
    # The same form posts without JavaScript; htmx only swaps its answer into #ket-qua.
    assert (form.get("method"), form.get("action"), form.get("enctype")) == ("post", "/kiem-tra", "multipart/form-data")
    assert (form.get("hx-post"), form.get("hx-target")) == ("/kiem-tra", "#ket-qua")
    file_input = page.xpath('//input[@id="tep-bang-tinh"]')[0]
    assert file_input.get("name") == "bang_tinh" and file_input.get("multiple") is not None
    assert page.xpath('//section[@id="ket-qua"]') and page.xpath('//form[@id="form-tao-moi"]')


def test_a_plain_post_gets_the_whole_page_and_htmx_only_the_result(client):
    plain, swapped = post(client, (SAMPLE.name, SAMPLE.read_bytes()), htmx=False), post(client, (SAMPLE.name, SAMPLE.read_bytes()))
    assert plain.status_code == swapped.status_code == 200
    assert plain.get_data(as_text=True).startswith("<!doctype html>")
    assert tree(plain).xpath('//form[@id="form-kiem-tra"]') and block(plain, SAMPLE.name) is not None
    assert "<html" not in swapped.get_data(as_text=True) and block(swapped, SAMPLE.name) is not None


# --- the 2014 sample ---------------------------------------------------------------------------


def test_the_2014_sample_is_valid_and_previews_the_seeds_tables(client):
    response = post(client, (SAMPLE.name, SAMPLE.read_bytes()))
    result = block(response, SAMPLE.name)
    status = result.xpath('.//p[@class="trang-thai"]')[0]
    assert result.get("data-trang-thai") == status.get("data-trang-thai") == "hop-le"
    assert (status.get("data-loi"), status.get("data-canh-bao")) == ("0", "0")
    assert status.text_content() == "Hợp lệ — đã tạo văn bản"
    assert not result.xpath('.//table[contains(@class, "bang-van-de")]')
    # A first run: nothing to compare with yet.
    assert "Lần đầu tạo văn bản" in result.text_content() and not result.xpath('.//ul[@class="thay-doi"]')

    rankings = result.xpath('.//table[@data-bang="xep-hang"]')
    assert [(t.get("data-khoi"), t.get("data-tieu-de")) for t in rankings] == [
        ("Sở, ban, ngành", title) for (n, title) in RANKINGS if n.startswith("I.")] + [
        ("UBND cấp huyện", title) for (n, title) in RANKINGS if n.startswith("II.")]
    for table, expected in zip(rankings, RANKINGS.values()):
        assert heads(table) == [["TT", table.get("data-khoi"), "Tổng điểm", "Xếp loại"]]
        assert rows(table) == [[str(x) for x in row] for row in expected]
    details = result.xpath('.//table[@data-bang="chi-tiet"]')
    assert len(details) == 2
    for table, expected in zip(details, DETAILS.values()):
        assert rows(table) == [[str(x) for x in row] for row in expected]
    assert heads(details[0]) == [
        ["TT", "Sở, ban, ngành", "Tổng điểm đánh giá", "Trong đó"],
        ["Hạ tầng CNTT", "Nhân lực CNTT", "Sử dụng các PM ứng dụng", "Chính sách và đầu tư", "Trang/Cổng TTĐT",
         "An toàn thông tin số"],
    ]
    assert details[0].xpath("./thead/tr[1]/th[4]/@colspan") == ["6"]


def test_each_ranking_has_a_chart_with_a_bar_per_unit_coloured_by_grade(client):
    result = block(post(client, (SAMPLE.name, SAMPLE.read_bytes())), SAMPLE.name)
    charts = result.xpath('.//figure[contains(@class, "bieu-do")]')
    assert [c.get("data-tieu-de") for c in charts] == [title for _, title in RANKINGS]
    for chart, expected in zip(charts, RANKINGS.values()):
        svg = chart.xpath("./svg")
        assert len(svg) == 1  # inline, made on the server
        bars = svg[0].xpath('.//rect[contains(@class, "tooltip-trigger")]')
        assert len(bars) == len(expected) == int(chart.get("data-don-vi"))
        # Labelled from the top down in the ranking's order: its first unit is the top bar.
        labels = svg[0].xpath('.//g[contains(@class, "axis y")]//text')
        assert [t.text_content() for t in sorted(labels, key=lambda t: float(t.get("y")))] == [r[1] for r in expected]
        # One series per grade of the scale, in its order: the legend.
        legend = [t.text_content() for t in svg[0].xpath('.//g[contains(@class, "legend")]//text')]
        assert legend == ["Tốt", "Khá", "Trung bình", "Yếu"]
        grades = {row[3] for row in expected}
        drawn = {legend[int(re.search(r"serie-(\d+)", s.get("class")).group(1))]
                 for s in svg[0].xpath('.//g[contains(@class, "series")]') if s.xpath('.//rect')}
        assert drawn == grades
    assert "http" not in "".join(result.xpath('.//figure//script/@src'))  # no pygal script from a CDN


def test_without_a_grade_scale_the_bars_are_one_series_named_as_the_value_column(client):
    spec = Spec()
    spec.grades = None
    result = block(post(client, ("nam.xlsx", spec.write_bytes())), "nam.xlsx")
    svg = result.xpath('.//figure[contains(@class, "bieu-do")]/svg')[0]
    assert [t.text_content() for t in svg.xpath('.//g[contains(@class, "legend")]//text')] == ["Tổng điểm"]
    assert len(svg.xpath('.//rect[contains(@class, "tooltip-trigger")]')) == 3


def test_long_unit_names_are_shortened_on_the_chart_whole_on_hover_and_leave_room_for_the_bars(client):
    long = "Ủy ban nhân dân xã Phước Thiền, huyện Nhơn Trạch (sáp nhập từ xã Phước Thiền, Phú Thạnh, Long Tân)"
    spec = Spec()
    spec.scores["Sở"][1] = (1, long, 90, 40)
    result = block(post(client, ("nam.xlsx", spec.write_bytes())), "nam.xlsx")
    svg = result.xpath('.//figure[contains(@class, "bieu-do")]/svg')[0]
    labels = [t.text_content() for t in svg.xpath('.//g[contains(@class, "axis y")]//text')]
    shortened = [label for label in labels if label.endswith("…")]
    assert len(shortened) == 1 and long.startswith(shortened[0][:-1]) and len(shortened[0]) <= 40
    assert long in [t.text_content() for t in svg.xpath('.//g[contains(@class, "axis y")]//title')]
    # two fifths of the chart at least for the bars, and every bar has a width within the chart
    plot_x = float(re.search(r"translate\(([\d.]+)", svg.xpath('.//g[@class="plot"]')[0].get("transform")).group(1))
    width = float(svg.get("viewbox").split()[2])  # lxml's HTML parser lowers the attribute's name
    assert width - plot_x >= 0.4 * width
    for bar in svg.xpath('.//rect[contains(@class, "tooltip-trigger")]'):
        assert float(bar.get("width")) > 0 and plot_x + float(bar.get("x")) + float(bar.get("width")) <= width
    # the scale's numbers 40 pixels apart at least, and each grade of the legend whole within the chart
    scale = sorted(float(t.get("x")) for t in svg.xpath('.//g[contains(@class, "axis x")]//text'))
    assert len(scale) >= 3 and min(b - a for a, b in zip(scale, scale[1:])) >= 40
    legend = re.search(r"translate\(([\d.]+)", svg.xpath('.//g[@class="legends"]')[0].get("transform")).group(1)
    for text in svg.xpath('.//g[contains(@class, "legend")]//text'):
        # as pygal reckons a text's width: 0.6 of its 13-pixel font a character
        assert float(legend) + float(text.get("x")) + 0.6 * 13 * len(text.text_content()) <= width


def test_a_ranking_too_long_to_draw_says_so(out, monkeypatch):
    from generator.web import charts

    monkeypatch.setattr(charts, "MOST_UNITS", 2)
    client = create_app(out, soffice=None).test_client()
    result = block(post(client, ("nam.xlsx", Spec().write_bytes())), "nam.xlsx")
    assert not result.xpath('.//figure[contains(@class, "bieu-do")]')
    said = [p.text_content() for p in result.xpath('.//p[@class="khong-bieu-do"]')]
    assert said[0] == "3 đơn vị: quá nhiều để vẽ biểu đồ (chỉ vẽ khi có tới 2 đơn vị)."


def test_the_downloads_are_the_notice_and_the_results_workbook(client, out):
    result = block(post(client, (SAMPLE.name, SAMPLE.read_bytes())), SAMPLE.name)
    assert not result.xpath('.//a[@data-loai="tao-pdf"]')  # no LibreOffice given to this page
    docx = client.get(link(result, "docx"))
    assert docx.status_code == 200 and docx.data[:2] == b"PK"
    assert "khanh-hoa-2014.docx" in docx.headers["Content-Disposition"]
    assert docx.data == (out / "khanh-hoa-2014.docx").read_bytes()
    results = client.get(link(result, "ketqua"))
    assert results.status_code == 200
    assert load_workbook(io.BytesIO(results.data)).sheetnames[0] == "A.I.1 Mức độ ứng dụng CNTT"
    assert sorted(p.name for p in out.iterdir()) == ["khanh-hoa-2014", "khanh-hoa-2014.docx", "khanh-hoa-2014.ketqua.xlsx"]


def test_the_outputs_are_the_clis(client, out, tmp_path):
    post(client, (SAMPLE.name, SAMPLE.read_bytes()))
    cli = api.generate(SAMPLE, tmp_path / "cli")
    assert (out / "khanh-hoa-2014.docx").read_bytes() == cli.docx.read_bytes()


def test_the_preview_prints_what_the_document_prints(out):
    # The DTI sample: percents, shared ranks, last year's rank and the change, a decimal comma.
    client = create_app(out, input_dir=ROOT / "input", soffice=None).test_client()
    result = block(post(client, (SAMPLE_2025.name, SAMPLE_2025.read_bytes())), SAMPLE_2025.name)
    document = [t for t in docx_tables(out / "dong-nai-2025.docx") if len(t[0]) == len(set(t[0]))]
    shown = [heads(t) + rows(t) for t in result.xpath('.//table[@data-bang="xep-hang"]')]
    assert shown and shown == document[:len(shown)]
    assert shown[0][0] == ["TT", "Sở, ban, ngành", "Chỉ số DTI (%)", "Xếp loại", "Xếp hạng", "Xếp hạng năm trước",
                           "Tăng/giảm"]
    assert shown[0][1] == ["1", "Sở Khoa học và Công nghệ", "90,90", "Xuất sắc", "1", "11", "Tăng 10"]


def test_criteria_named_as_the_tables_columns_are_criteria_on_the_page_too(client):
    from test_changes import COLLIDING, colliding_spec

    result = block(post(client, ("nam.xlsx", colliding_spec().write_bytes())), "nam.xlsx")
    details = result.xpath('.//table[@data-bang="chi-tiet"]')
    assert details, "no detail table"
    assert heads(details[0])[-1][-len(COLLIDING):] == list(COLLIDING)
    assert rows(details[0]) == [["1", "Sở A", "21", "1", "2", "3", "4", "5", "6"],
                                ["2", "Sở B", "21", "6", "5", "4", "3", "2", "1"]]


# --- re-runs and problems ----------------------------------------------------------------------


def test_posting_again_after_a_correction_shows_what_changed(client):
    post(client, ("nam.xlsx", Spec().write_bytes()))
    spec = Spec()
    spec.scores["Sở"][1] = (1, "Sở A", 90, 50)  # Cổng TTĐT 40 -> 50
    result = block(post(client, ("nam.xlsx", spec.write_bytes())), "nam.xlsx")
    changes = result.xpath('.//ul[@class="thay-doi"]/li')
    assert [(li.get("class"), li.text_content()) for li in changes] == [
        ("khoi", "Khối Sở:"),
        ("dong", "Sở A — Cổng TTĐT: 40 → 50; Tổng: 130 → 140; Xếp loại Cổng thông tin điện tử: Khá → Tốt; "
                 "Xếp hạng Cổng thông tin điện tử: 2 → 1"),
        ("dong", "Sở B — Xếp hạng Cổng thông tin điện tử: 1 → 2"),
    ]
    titles = [h.text_content() for h in result.xpath('.//section[@class="thay-doi-khung"]/h3')]
    assert titles == [f"Thay đổi so với lần chạy trước ({Path('ra') / 'nam.ketqua.xlsx'}):"] or titles[0].endswith(
        f"{os.sep}ra{os.sep}nam.ketqua.xlsx):")
    again = block(post(client, ("nam.xlsx", spec.write_bytes())), "nam.xlsx")
    assert "Không có thay đổi so với lần chạy trước." in again.text_content()


def test_merged_score_cells_are_named_as_such_at_their_range(client, tmp_path):
    from builders import merge

    book = merge(Spec().write(tmp_path / "nam.xlsx"), "Sở", {"C3": "Miễn đánh giá", "D3": None}, ["C3:D3"])
    result = block(post(client, ("nam.xlsx", book.read_bytes())), "nam.xlsx")
    table = result.xpath('.//table[contains(@class, "bang-van-de")]')[0]
    merged = rows(table)[0]
    assert merged[:3] == ["Lỗi", "Sở", "C3:D3"] and "gộp ô" in merged[-1]


def test_last_runs_results_replaced_by_garbage_are_said_to_be_unreadable_not_a_first_run(client, out):
    post(client, ("nam.xlsx", Spec().write_bytes()))
    (out / "nam.ketqua.xlsx").write_bytes(b"not a workbook")
    result = block(post(client, ("nam.xlsx", Spec().write_bytes())), "nam.xlsx")
    titles = [h.text_content() for h in result.xpath('.//section[@class="thay-doi-khung"]/h3')]
    assert titles == [texts.CHANGES_LAST_RUN_UNREADABLE.format(path=out / "nam.ketqua.xlsx")]
    assert texts.WEB_CHANGES_FIRST not in result.text_content()
    assert load_workbook(out / "nam.ketqua.xlsx")  # written again from this run


def test_a_template_that_runs_code_or_misspells_a_field_is_each_uploads_message_and_writes_nothing(out, tmp_path):
    from builders import template_edited

    evil = tmp_path / "mau.docx"
    evil.write_bytes(template_edited({"word/document.xml": lambda xml: xml.replace(
        "{{ signer }}", "{{ lipsum.__globals__['os'].system('touch /tmp/xephang-pwned') }}")}))
    client = create_app(out, template=evil, soffice=None).test_client()
    response = post(client, ("nam.xlsx", Spec().write_bytes()))
    assert response.status_code == 200
    failure = block(response, "nam.xlsx").xpath('.//*[@class="that-bai"]') or block(response, "nam.xlsx")
    text = " ".join(failure[0].text_content().split()) if isinstance(failure, list) else failure.text_content()
    assert f"Mẫu Word {evil} chưa dùng được nên chưa tạo văn bản" in text and "'lipsum'" in text
    assert not out.exists() or not any(out.iterdir())
    assert not Path("/tmp/xephang-pwned").exists()


def test_a_score_above_its_maximum_is_shown_at_its_cell_and_annotated(client, out):
    spec = Spec()
    spec.scores["Sở"][2] = (2, "Sở B", 130, 45)
    result = block(post(client, ("nam.xlsx", spec.write_bytes())), "nam.xlsx")
    status = result.xpath('.//p[@class="trang-thai"]')[0]
    assert (result.get("data-trang-thai"), status.get("data-loi")) == ("co-loi", "1")
    assert status.text_content() == "1 lỗi, 0 cảnh báo — chưa tạo văn bản"
    table = result.xpath('.//table[contains(@class, "bang-van-de")]')[0]
    assert heads(table) == [["Mức độ", "Sheet ⇅", "Ô", "Đơn vị", "Tiêu chí", "Giá trị", "Nội dung"]]
    assert table.xpath(".//button[@data-sap-xep='sheet']")
    assert rows(table) == [["Lỗi", "Sở", "C3", "Sở B", "Hạ tầng", "130",
                            "Sheet 'Sở', ô C3 (Sở B – Hạ tầng): 130 vượt điểm tối đa 100."]]
    assert not result.xpath('.//a[@data-loai="docx"]') and not result.xpath('.//table[@data-bang]')
    annotated = client.get(link(result, "loi"))
    assert annotated.status_code == 200
    book = load_workbook(io.BytesIO(annotated.data))
    assert book.sheetnames[0] == "Lỗi" and book["Sở"]["C3"].comment is not None
    assert not (out / "nam.docx").exists()


def test_a_file_that_is_no_workbook_gets_a_message_and_the_next_request_works(client):
    response = post(client, ("ghi-chu.txt", b"hello"))
    assert response.status_code == 400
    assert messages(response) == ["ghi-chu.txt: không phải bảng tính (.xlsx, .xlsm, .xls, .ods); chưa kiểm tra tệp này."]
    broken = block(post(client, ("hong.xlsx", b"PK\x03\x04 not a zip at all")), "hong.xlsx")
    assert broken.get("data-trang-thai") == "khong-doc-duoc"
    assert "Không đọc được tệp này như một bảng tính" in broken.text_content()
    assert client.get("/").status_code == 200
    assert block(post(client, ("nam.xlsx", Spec().write_bytes())), "nam.xlsx").get("data-trang-thai") == "hop-le"


def test_an_unforeseen_failure_is_one_uploads_message_and_logged(client, out, monkeypatch):
    real = api.generate

    def failing(path, *args, **kwargs):
        if path.name == "hong.xlsx":
            raise RuntimeError("boom")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(api, "generate", failing)
    response = post(client, ("hong.xlsx", Spec().write_bytes()), ("tot.xlsx", Spec().write_bytes()))
    failed = block(response, "hong.xlsx")
    assert failed.get("data-trang-thai") == "that-bai"
    assert "hong.xlsx: gặp lỗi không mong muốn (RuntimeError)" in failed.text_content()
    assert "RuntimeError: boom" in (out / "xephang-loi.log").read_text(encoding="utf-8")
    assert block(response, "tot.xlsx").get("data-trang-thai") == "hop-le"
    summary = tree(response).xpath('//table[@id="tong-hop"]//tr[@data-ten]/@data-ten')
    assert summary == ["hong.xlsx", "tot.xlsx"]


def test_a_failure_outside_any_upload_is_a_page_in_vietnamese_and_logged(client, out, monkeypatch):
    def failing(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "new_workbook", failing)
    response = client.post("/tao-moi", data={"mau": "trong"})
    assert response.status_code == 500
    assert messages(response)[0].startswith("Gặp lỗi không mong muốn. Chi tiết đã ghi vào ")
    assert "RuntimeError: boom" in (out / "xephang-loi.log").read_text(encoding="utf-8")
    assert client.get("/").status_code == 200


# --- what an upload may not do ---------------------------------------------------------------


@pytest.mark.parametrize(("given", "name"), [
    ("bảng điểm 2015.xlsx", "bảng điểm 2015.xlsx"),  # Vietnamese letters kept
    ("Ba\u0309ng.xlsx", "Bảng.xlsx"),  # decomposed (macOS) made NFC
    ("../../x.xlsx", "x.xlsx"),
    ("C:\\Users\\a\\x.xlsx", "x.xlsx"),
    ("/etc/x.ods", "x.ods"),
    ("..\\..\\x.xlsm", "x.xlsm"),
    ("C:x.xlsx", "x.xlsx"),  # "C:\\x.xlsx" once a multipart parser has unquoted it
    (" x.xlsx ", "x.xlsx"),
])
def test_an_uploads_name_is_its_last_part(given, name):
    assert uploads.file_name(given) == name


@pytest.mark.parametrize("given", ["..", "../", "C:", "ab:c.xlsx", "a<b.xlsx", "a?.xlsx", "a\x00.xlsx", ".an.xlsx", "~$x.xlsx",
                                   "con.xlsx", "NUL.ods", "x.xlsx.", "x. .", "", "a" * 200 + ".xlsx",
                                   # every form Windows reserves: ports with superscript digits, the console's
                                   "COM¹.xlsx", "LPT².xlsx", "com³.ods", "CONIN$.xlsx", "conout$.xlsx", "Com1 .xlsx",
                                   "LPT0.xlsx", "aux.tar.xlsx"])
def test_names_that_cannot_name_files_are_refused(given):
    with pytest.raises(errors.UploadNameRefused):
        uploads.file_name(given)


def test_an_upload_never_writes_outside_the_output_folder(client, out, tmp_path):
    for given in ("../../x.xlsx", "C:\\x.xlsx", "/tmp/z.xlsx"):
        response = post(client, (given, Spec().write_bytes()))
        assert response.status_code == 200, messages(response)
    # werkzeug unquotes the backslashes of a quoted name: what is left starts with dots, and is refused.
    dots = post(client, ("..\\..\\y.xlsx", Spec().write_bytes()))
    assert dots.status_code == 400 and "tên bắt đầu bằng dấu chấm" in messages(dots)[0]
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    # The outputs, and their versions kept in a folder of each (`versions`): nothing elsewhere.
    assert [w for w in written if w.count("/") == 1] == ["ra/x.docx", "ra/x.ketqua.xlsx", "ra/z.docx", "ra/z.ketqua.xlsx"]
    assert all(re.fullmatch(r"ra/[xz]/[^/]+_chinh-thuc/[xz]\.(docx|ketqua\.xlsx)", w) for w in written if w.count("/") > 1)
    refused = post(client, ("ab:c.xlsx", Spec().write_bytes()), ("CON.xlsx", Spec().write_bytes()))
    assert refused.status_code == 400
    assert messages(refused) == [
        "ab:c.xlsx: tên tệp không dùng được (có ký tự không dùng được trong tên tệp: :); hãy đổi tên tệp rồi tải lên lại.",
        "CON.xlsx: tên tệp không dùng được (là tên dành riêng của Windows); hãy đổi tên tệp rồi tải lên lại.",
    ]


def test_downloads_come_from_the_output_folder_only(client, out, tmp_path):
    (tmp_path / "bi-mat.docx").write_bytes(b"secret")
    post(client, ("nam.xlsx", Spec().write_bytes()))
    for path in ("/tai-ve/..%2Fbi-mat.docx", "/tai-ve/../bi-mat.docx", "/tai-ve/nam.xlsx", "/tai-ve/%2Fetc%2Fpasswd",
                 "/tai-ve/khong-co.docx", "/pdf/..%2Fbi-mat.docx"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"secret" not in response.data
    assert client.get("/tai-ve/nam.docx").status_code == 200


def test_two_workbooks_with_the_same_outputs_are_both_refused(client, out):
    response = post(client, ("nam.xlsx", Spec().write_bytes()), ("NAM.ods", b"x"))
    assert response.status_code == 400
    assert messages(response) == ["nam.xlsx, NAM.ods: trùng tên nên kết quả sẽ ghi đè lên nhau (nam.docx…); chưa xử "
                                  "lý các bảng tính này. Hãy đổi tên một bảng tính rồi chạy lại."]
    assert not out.exists()


def test_too_many_or_too_large_uploads_are_refused_with_a_message(out):
    client = create_app(out, max_files=2, max_bytes=200_000, soffice=None).test_client()
    book = Spec().write_bytes()
    many = post(client, *[(f"nam{i}.xlsx", book) for i in range(3)])
    assert many.status_code == 400
    assert messages(many) == ["Mỗi lần chỉ tải lên được tối đa 2 tệp (đã chọn 3); hãy chia thành nhiều lần."]
    large = post(client, ("lon.xlsx", b"x" * 300_000))
    assert large.status_code == 413
    assert messages(large) == ["Tệp tải lên quá lớn: mỗi lần tối đa 1 MB. Một bảng điểm thường chỉ vài trăm KB; "
                               "hãy kiểm tra lại tệp."]
    assert not out.exists()
    assert block(post(client, ("nam.xlsx", book)), "nam.xlsx").get("data-trang-thai") == "hop-le"


def test_nothing_chosen_is_told(client):
    response = client.post("/kiem-tra", data={}, headers=HTMX)
    assert response.status_code == 400
    assert messages(response) == ["Chưa chọn bảng tính nào: hãy chọn hoặc kéo thả ít nhất một tệp."]


def test_requests_another_site_could_make_are_refused(client):
    assert client.get("/", headers={"Host": "ke-xau.example"}).status_code == 403
    response = client.post("/kiem-tra", data={}, headers={"Origin": "https://ke-xau.example"})
    assert response.status_code == 403
    assert "chỉ mở được từ chính máy này" in response.get_data(as_text=True)
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200


# --- Kết quả năm trước -------------------------------------------------------------------------


def test_last_years_results_uploaded_with_the_workbook_are_read(out, tmp_path):
    client = create_app(out, input_dir=tmp_path / "trong", soffice=None).test_client()
    response = post(client, (SAMPLE_2025.name, SAMPLE_2025.read_bytes()), (LAST_2024.name, LAST_2024.read_bytes()))
    result = block(response, SAMPLE_2025.name)
    assert result.get("data-trang-thai") == "canh-bao"  # last year's merged departments, as the CLI says
    assert "Kết quả năm trước: đọc từ tệp dong-nai-2024.ketqua.xlsx tải lên cùng." in result.text_content()
    assert heads(result.xpath('.//table[@data-bang="xep-hang"]')[0])[0][-2:] == ["Xếp hạng năm trước", "Tăng/giảm"]
    assert len(tree(response).xpath("//article")) == 1  # last year's results are no workbook to check


def test_else_last_years_results_are_read_from_the_input_folder(out, tmp_path):
    found = create_app(out, input_dir=ROOT / "input", soffice=None).test_client()
    result = block(post(found, (SAMPLE_2025.name, SAMPLE_2025.read_bytes())), SAMPLE_2025.name)
    assert f"Kết quả năm trước: đọc từ {ROOT / 'input' / 'dong-nai-2024.ketqua.xlsx'}." in result.text_content()
    missing = create_app(tmp_path / "ra2", input_dir=tmp_path / "trong", soffice=None).test_client()
    result = block(post(missing, (SAMPLE_2025.name, SAMPLE_2025.read_bytes())), SAMPLE_2025.name)
    assert result.get("data-trang-thai") == "co-loi"
    assert "không tìm thấy tệp kết quả năm trước" in result.text_content()


# --- init ------------------------------------------------------------------------------------


def test_init_gives_a_new_workbook_to_download(client, out):
    blank = client.post("/tao-moi", data={"mau": "trong"})
    assert blank.status_code == 200 and blank.mimetype.endswith("spreadsheetml.sheet")
    assert "bang-tinh-moi.xlsx" in blank.headers["Content-Disposition"]
    assert load_workbook(io.BytesIO(blank.data)).sheetnames[:3] == ["Hướng dẫn", "Thông tin", "Khối"]
    dti = client.post("/tao-moi", data={"mau": "dti", "ten_tep": "2025"})
    assert "2025.xlsx" in dti.headers["Content-Disposition"]
    assert "UBND xã, phường" in load_workbook(io.BytesIO(dti.data)).sheetnames
    data = {"mau": "nam-sau", "bang_tinh_nam_truoc": (io.BytesIO(SAMPLE.read_bytes()), SAMPLE.name)}
    following = client.post("/tao-moi", data=data, content_type="multipart/form-data")
    assert following.status_code == 200
    assert "khanh-hoa-2015.xlsx" in following.headers["Content-Disposition"]
    info = {row[0]: row[1] for row in load_workbook(io.BytesIO(following.data))["Thông tin"].iter_rows(values_only=True)}
    assert info["Năm đánh giá"] == 2015
    assert not out.exists()  # nothing written: the new workbook is downloaded


def test_init_from_a_workbook_with_errors_or_none_says_why(client):
    missing = client.post("/tao-moi", data={"mau": "nam-sau"})
    assert missing.status_code == 400
    assert "Hãy chọn bảng tính năm trước" in tree(missing).xpath('//ul[@id="thong-bao-tao-moi"]')[0].text_content()
    spec = Spec()
    spec.scores["Sở"][2] = (2, "Sở B", 130, 45)
    data = {"mau": "nam-sau", "bang_tinh_nam_truoc": (io.BytesIO(spec.write_bytes()), "nam.xlsx")}
    invalid = client.post("/tao-moi", data=data, content_type="multipart/form-data")
    assert invalid.status_code == 422
    said = tree(invalid).xpath('//ul[@id="thong-bao-tao-moi"]')[0].text_content()
    assert "130 vượt điểm tối đa 100" in said and "bảng tính năm trước có lỗi" in said


# --- at once ---------------------------------------------------------------------------------


def test_two_posts_of_one_workbook_at_once_both_succeed(out):
    app = create_app(out, soffice=None)
    answers: list = []
    start = threading.Barrier(2)

    def upload():
        client = app.test_client()
        start.wait()
        answers.append(post(client, (SAMPLE.name, SAMPLE.read_bytes())))

    threads = [threading.Thread(target=upload) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [block(a, SAMPLE.name).get("data-trang-thai") for a in answers] == ["hop-le", "hop-le"]
    # One of them ran first, the other compared with it.
    said = sorted("Lần đầu" in block(a, SAMPLE.name).text_content() for a in answers)
    assert said == [False, True]
    assert sorted(p.name for p in out.iterdir()) == ["khanh-hoa-2014", "khanh-hoa-2014.docx", "khanh-hoa-2014.ketqua.xlsx"]
    tables = docx_tables(out / "khanh-hoa-2014.docx")
    assert [[row[1] for row in t[1:]] for t in tables[:1]] == [[r[1] for r in RANKINGS[("I.1", "Mức độ ứng dụng CNTT")]]]
    zipfile.ZipFile(out / "khanh-hoa-2014.ketqua.xlsx").testzip()


# --- the PDF ---------------------------------------------------------------------------------


def test_the_pdf_is_made_on_demand_with_a_link_that_works_without_javascript(out):
    soffice = require_soffice()
    client = create_app(out, soffice=soffice).test_client()
    result = block(post(client, ("nam.xlsx", Spec().write_bytes())), "nam.xlsx")
    make = result.xpath('.//a[@data-loai="tao-pdf"]')[0]
    assert make.get("href") == make.get("hx-post") == "/pdf/nam.docx"
    assert result.xpath(f'.//*[@id="{make.get("hx-indicator")[1:]}"]')  # shown while it converts
    swapped = client.post("/pdf/nam.docx", headers=HTMX)
    ready = tree(swapped).xpath('//a[@data-loai="pdf"]/@href')
    assert ready == ["/tai-ve/nam.pdf"]
    assert client.get(ready[0]).data[:5] == b"%PDF-"
    # Its pages shown in the page, in the browser's own PDF view (issue 22): inline, not downloaded.
    view = tree(swapped).xpath('//iframe[contains(@class, "xem-pdf")]/@src')
    assert view == ["/xem/nam.pdf"]
    shown = client.get(view[0])
    assert shown.mimetype == "application/pdf" and "attachment" not in shown.headers.get("Content-Disposition", "")
    plain = client.get("/pdf/nam.docx")  # the plain link: the file itself
    assert plain.status_code == 200 and plain.data[:5] == b"%PDF-"


# --- the command -----------------------------------------------------------------------------


def test_xephang_serve_serves_the_page_on_this_machine_until_ctrl_c(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--no-browser", "--port", "0",
                                "-o", str(tmp_path / "ra")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line + process.stderr.read()
        with urllib.request.urlopen(url.group(0), timeout=10) as page:
            assert "Kiểm tra bảng điểm và tạo văn bản" in page.read().decode("utf-8")
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Đã dừng trang xephang." in out and "Traceback" not in err


def test_a_port_in_use_is_told_in_vietnamese(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "generator", "serve", "--no-browser", "--port", str(port)],
                              capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith(f"Không mở được cổng {port} (")
    assert "xephang serve --port 8001" in done.stderr


def test_the_page_imports_nothing_from_the_package_but_api_texts_and_its_own_modules():
    import generator.web
    from builders import package_imports

    own = {"charts", "folder", "preview", "uploads"}
    for module in Path(generator.web.__file__).parent.glob("*.py"):
        assert package_imports(module) <= {"api", "texts"} | own, module.name


def test_điểm_quy_đổi_shows_on_the_page_as_in_the_document(client, out):
    from test_notice import converted_spec

    result = block(post(client, ("quy-doi.xlsx", converted_spec().write_bytes())), "quy-doi.xlsx")
    shown = [heads(t) + rows(t) for t in result.xpath('.//table[@data-bang="xep-hang"]')]
    assert shown[0] == [["TT", "Sở", "Điểm quy đổi", "Xếp loại"], ["1", "Sở Z", "48,00", "Tốt"],
                        ["2", "Sở X", "44,41", "Tốt"], ["3", "Sở Y", "42,00", "Khá"]]
    assert "44,41" in "".join(result.xpath('.//svg//text()'))  # the chart's bar says it too


def test_bonus_and_penalty_points_show_on_the_page_a_total_below_0_too(client):
    from builders import extras_spec

    result = block(post(client, ("thuong.xlsx", extras_spec().write_bytes())), "thuong.xlsx")
    shown = [heads(t) + rows(t) for t in result.xpath('.//table[@data-bang="xep-hang"]')]
    assert shown[0][1:] == [["1", "Sở A", "210", "Tốt"], ["2", "Sở B", "125", "Trung bình"], ["3", "Sở C", "−10", "Yếu"]]
    assert "−10" in "".join(result.xpath('.//svg//text()'))


def test_merged_units_rebased_ranks_and_their_note_show_on_the_page(out):
    # `builders.merged_this_year`: the page says what the document's note says, under the table.
    from builders import merged_last_year, merged_this_year

    last = api.build(merged_last_year().write_bytes(), "nam-truoc.xlsx")
    (out.parent / "vao").mkdir(exist_ok=True)
    (out.parent / "vao" / "nam-truoc.ketqua.xlsx").write_bytes(last.results)
    client = create_app(out, input_dir=out.parent / "vao", soffice=None).test_client()
    result = block(post(client, ("nam.xlsx", merged_this_year().write_bytes())), "nam.xlsx")
    ranking = result.xpath('.//table[@data-bang="xep-hang"]')[0]
    assert rows(ranking)[1] == ["2", "Xã B", "140", "Tốt", "3", "Tăng 1"]
    assert [p.text_content() for p in result.xpath('.//p[@class="ghi-chu-bang"]')] == [texts.WEB_NOTE_REBASED]


def test_bảng_tổng_hợp_shows_under_part_as_group_as_in_the_document(client):
    from test_notice import summary_spec

    result = block(post(client, ("tong-hop.xlsx", summary_spec("Thông báo").write_bytes())), "tong-hop.xlsx")
    summary = result.xpath('.//section[@class="tong-hop"]')
    assert len(summary) == 1 and summary[0].xpath("./h5")[0].text_content() == "I.3. Tổng hợp số đơn vị theo xếp loại"
    table = summary[0].xpath('.//table[@data-bang="tong-hop"]')[0]
    assert heads(table) + rows(table) == [["Xếp loại", "Số đơn vị", "Tỷ lệ (%)"], ["Tốt", "2", "66,67"], ["Khá", "0", "0,00"],
                                          ["Trung bình", "1", "33,33"], ["Yếu", "0", "0,00"], ["Tổng cộng", "3", "100,00"]]
    plain = block(post(client, ("nam.xlsx", summary_spec("Thông báo", None).write_bytes())), "nam.xlsx")
    assert not plain.xpath('.//section[@class="tong-hop"]')


def test_the_page_makes_the_result_sheets_when_asked_and_previews_one(client, out):
    from builders import sheets_spec

    spec = sheets_spec()
    spec.info = [(k, v) for k, v in spec.info if k != "Phiếu kết quả"]
    data = {"bang_tinh": [(io.BytesIO(spec.write_bytes()), "phieu.xlsx")], "phieu": "co"}
    response = client.post("/kiem-tra", data=data, headers=HTMX, content_type="multipart/form-data")
    result = block(response, "phieu.xlsx")
    assert client.get(link(result, "phieu")).data == (out / "phieu.phieu.zip").read_bytes()
    assert client.get(link(result, "phieu-in")).data == (out / "phieu.phieu.docx").read_bytes()
    sheet = result.xpath('.//details[@data-don-vi="Sở A"]')[0]
    assert "1 trong 4 phiếu" in sheet.xpath(".//summary")[0].text_content()
    table = sheet.xpath('.//table[@data-bang="phieu"]')[0]
    assert heads(table)[0][:4] == ["Tiêu chí", "Điểm tối đa", "Điểm đạt", "Tự đánh giá"]
    assert rows(table)[0] == ["Hạ tầng", "100", "90", "95", "5", "10", "83,33", "90"]
    assert "Chưa có DVC toàn trình." in sheet.text_content() and sheet.xpath(".//svg")
    # Not asked: none.
    plain = block(post(client, ("phieu.xlsx", spec.write_bytes())), "phieu.xlsx")
    assert not plain.xpath('.//a[@data-loai="phieu"]') and not (out / "phieu.phieu.zip").exists()


def test_where_libreoffice_is_installed_the_result_sheets_get_their_pdf_button(out):
    from builders import sheets_spec

    client = create_app(out, soffice="/usr/bin/soffice").test_client()
    result = block(post(client, ("phieu.xlsx", sheets_spec().write_bytes())), "phieu.xlsx")
    assert link(result, "tao-pdf-phieu") == "/pdf/phieu.phieu.docx"
    assert link(result, "tao-pdf") == "/pdf/phieu.docx"


# --- issue 22: the page follows its working folder; readable --------------------------------------


def test_the_page_shows_its_working_folders_workbooks_and_tells_each_change_by_an_event(tmp_path):
    folder = tmp_path / "input"
    folder.mkdir()
    Spec().write(folder / "nam.xlsx")
    started = threading.Event()

    def follow(where, accept, on_saved, stop):  # the saves, told by the test instead of watchdog
        started.set()
        stop.wait()

    app = create_app(tmp_path / "ra", input_dir=folder, soffice=None, follow=follow)
    following = app.extensions["xephang"].following
    try:
        assert started.wait(30)
        client = app.test_client()
        page = tree(client.get("/"))
        assert page.xpath('//section[@id="thu-muc"]//article[@data-ten="nam.xlsx"]/@data-trang-thai') == ["hop-le"]
        events = following.events(following.changes)
        spec = Spec()
        spec.scores["Sở"][1] = (1, "Sở A", 120, 40)
        spec.write(folder / "nam.xlsx")
        following.update(folder / "nam.xlsx")  # as watchdog would, once the save settled
        assert next(events) == f"event: thu-muc\ndata: {following.changes}\n\n"
        part = lxml_html.fromstring(client.get("/thu-muc").get_data(as_text=True))
        assert part.xpath('//article[@data-ten="nam.xlsx"]/@data-trang-thai') == ["co-loi"]
        assert "120 vượt điểm tối đa 100" in part.text_content()
    finally:
        following.close()


def test_without_a_working_folder_there_are_no_events(client):
    assert client.get("/su-kien").status_code == 404


def two_versions(client, name: str) -> list[str]:
    """The default workbook uploaded as `name`, then again with Sở A 130 → 100: its two versions' names,
    the newest first, as its block lists them."""
    spec = Spec()
    post(client, (name, spec.write_bytes()))
    spec.scores["Sở"][1] = (1, "Sở A", 60, 40)
    kept = block(post(client, (name, spec.write_bytes())), name).xpath('.//li[@data-ban]/@data-ban')
    assert len(kept) == 2
    return kept


def test_versions_are_listed_compared_and_marked_through_the_page(client, out):
    kept = two_versions(client, "nam.xlsx")
    compared = lxml_html.fromstring(client.post("/so-sanh", data={"ten": "nam", "truoc": kept[1], "sau": kept[0]},
                                                headers=HTMX).get_data(as_text=True))
    assert any("130 → 100" in li.text_content() for li in compared.xpath('//ul[contains(@class, "so-sanh-ket-qua")]/li'))
    marked = lxml_html.fromstring(client.post("/ban-hanh", data={"ten": "nam", "ban": kept[1]},
                                              headers=HTMX).get_data(as_text=True))
    assert marked.xpath('//li[@data-ban-hanh]/@data-ban') == [kept[1]]
    download = client.get(f"/phien-ban/nam/{kept[1]}/nam.docx")
    assert download.status_code == 200 and download.data[:2] == b"PK"
    assert client.get(f"/phien-ban/nam/{kept[1]}/..%2Fnam.docx").status_code == 404
    assert client.post("/ban-hanh", data={"ten": "nam", "ban": "../x"}).status_code == 404


def test_the_page_speaks_vietnamese_for_its_file_boxes_has_a_favicon_and_says_how_to_get_pdfs(client):
    page = client.get("/").get_data(as_text=True)
    assert "Chọn tệp…" in page and "Chưa chọn tệp nào" in page
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
    result = block(post(client, ("nam.xlsx", Spec().write_bytes())), "nam.xlsx")
    assert "LibreOffice" in result.xpath('.//p[contains(@class, "khong-pdf")]')[0].text_content()


def test_the_kind_of_new_workbook_chosen_is_kept_after_an_error(client):
    page = tree(client.post("/tao-moi", data={"mau": "nam-sau", "ten_tep": "2026.xlsx"}))
    assert page.xpath('//input[@name="mau"][@checked]/@value') == ["nam-sau"]
    assert page.xpath('//input[@id="ten-tep-moi"]/@value') == ["2026.xlsx"]


@pytest.mark.parametrize("values, top, low", [
    ([600.0, 985.0, 820.0], 1000.0, 500.0),  # the 2014 scale: 820 and 985 drawn apart, not from 0
    ([73.95, 90.9], 100.0, 60.0),
    ([5.0, 50.0], 100.0, 0.0),  # values down near 0: from 0
])
def test_a_charts_scale_starts_near_its_lowest_value_and_its_labels_never_collide(values, top, low):
    from generator.web import charts

    for plot in (200.0, 300.0, 540.0):
        start, ticks = charts.scale(values, top, plot)
        assert start == low and ticks[0] == low and ticks[-1] <= top and min(values) >= start
        # Each label has SCALE_STEP pixels at least: room for "1000" and a gap (the "0 100200300…").
        assert (plot / (len(ticks) - 1)) >= charts.SCALE_STEP


def test_the_versions_of_a_workbook_whose_name_has_dots_are_its_own(client):
    kept = two_versions(client, "tinh.2025.xlsx")
    compared = client.post("/so-sanh", data={"ten": "tinh.2025", "truoc": kept[1], "sau": kept[0]}, headers=HTMX)
    assert compared.status_code == 200 and "130 → 100" in compared.get_data(as_text=True)
