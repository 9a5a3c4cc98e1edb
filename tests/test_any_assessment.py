"""An assessment quite unlike Khánh Hòa 2014 — three groups with their own criteria, a 500-point
scale, three grades, decimals, shared ranks — comes out right with no code change."""

from __future__ import annotations

import datetime

import pytest
from docx import Document

from builders import Spec, docx_tables
from generator import api


def lam_vien() -> Spec:
    spec = Spec(
        groups=[("Khối", "Tiêu đề"), ("Cục, vụ", "CÁC CỤC, VỤ"), ("Xã", "CÁC XÃ"), ("Trường học", "CÁC TRƯỜNG HỌC")],
        criteria=[
            ("Khối", "Tiêu chí", "Điểm tối đa", "Xếp hạng riêng"),
            ("Cục, vụ", "Hạ tầng số", 200, None),
            ("Cục, vụ", "Dịch vụ công", 250, "Dịch vụ công trực tuyến"),
            ("Cục, vụ", "Nhân lực số", 50, None),
            ("Xã", "Ứng dụng", 300, None),
            ("Xã", "An toàn", 200, "An toàn thông tin"),
            ("Trường học", "Hạ tầng", 100, None),
            ("Trường học", "Học liệu số", 100, None),
            ("Trường học", "Quản trị số", 150, None),
            ("Trường học", "Kết nối", 150, None),
        ],
        grades=[("Xếp loại", "Từ (% điểm tối đa)"), ("Xuất sắc", 90), ("Đạt", 60), ("Chưa đạt", 0)],
        scores={
            "Cục, vụ": [("TT", "Đơn vị", "Hạ tầng số", "Dịch vụ công", "Nhân lực số"),
                        (1, "Cục Alpha", 180.5, 240, 29.5),  # 450 = 90 % exactly
                        (2, "Cục Beta", 200, 200.25, 49.75),  # 450, ties with Alpha
                        (3, "Cục Gamma", 150, 149.5, 0.5),  # 300 = 60 % exactly
                        (4, "Cục Delta", 199.9, 100, 0)],  # 299.9, just under
            "Xã": [("TT", "Đơn vị", "Ứng dụng", "An toàn"),
                   (1, "Xã Một", 270, 180), (2, "Xã Hai", 250.5, 199.5), (3, "Xã Ba", 270, 180),
                   (4, "Xã Bốn", 100, 80), (5, "Xã Năm", 280, 20.5)],
            "Trường học": [("TT", "Đơn vị", "Hạ tầng", "Học liệu số", "Quản trị số", "Kết nối"),
                           (1, "Trường Y", 0, 0, 0, 0), (2, "Trường X", 100, 100, 150, 150)],
        },
    )
    for label, value in [("Địa danh", "Lâm Viên"), ("Khi bằng điểm", "Đồng hạng"),
                         ("Tên xếp hạng chung", "Mức độ chuyển đổi số"), ("Ngày ban hành", datetime.date(2026, 2, 3))]:
        spec.set_info(label, value)
    return spec


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lam-vien")
    result = api.generate(lam_vien().write(folder / "lam-vien.xlsx"), folder)
    assert result.ok, result.report.lines()
    return result.docx


RANK_HEAD = ["TT", "{}", "Tổng điểm", "Xếp loại", "Xếp hạng"]


def ranking(group: str, *rows: str) -> list[list[str]]:
    return [[h.format(group) for h in RANK_HEAD]] + [row.split(" | ") for row in rows]


def test_every_ranking_table(notice):
    tables = docx_tables(notice)
    assert tables[:5] == [
        ranking("Cục, vụ", "1 | Cục Alpha | 450 | Xuất sắc | 1", "2 | Cục Beta | 450 | Xuất sắc | 1",
                "3 | Cục Gamma | 300 | Đạt | 3", "4 | Cục Delta | 299,9 | Chưa đạt | 4"),
        ranking("Cục, vụ", "1 | Cục Alpha | 240 | Xuất sắc | 1", "2 | Cục Beta | 200,25 | Đạt | 2",
                "3 | Cục Gamma | 149,5 | Chưa đạt | 3", "4 | Cục Delta | 100 | Chưa đạt | 4"),
        ranking("Xã", "1 | Xã Một | 450 | Xuất sắc | 1", "2 | Xã Hai | 450 | Xuất sắc | 1", "3 | Xã Ba | 450 | Xuất sắc | 1",
                "4 | Xã Năm | 300,5 | Đạt | 4", "5 | Xã Bốn | 180 | Chưa đạt | 5"),
        ranking("Xã", "1 | Xã Hai | 199,5 | Xuất sắc | 1", "2 | Xã Một | 180 | Xuất sắc | 2", "3 | Xã Ba | 180 | Xuất sắc | 2",
                "4 | Xã Bốn | 80 | Chưa đạt | 4", "5 | Xã Năm | 20,5 | Chưa đạt | 5"),
        ranking("Trường học", "1 | Trường X | 500 | Xuất sắc | 1", "2 | Trường Y | 0 | Chưa đạt | 2"),
    ]


def test_every_detail_table(notice):
    tables = docx_tables(notice)[5:]
    assert len(tables) == 3
    of = "Trong đó"  # merged over the criteria; python-docx repeats a merged cell's text
    assert tables[0] == [
        ["TT", "Cục, vụ", "Tổng điểm đánh giá", of, of, of, "Xếp hạng"],
        ["TT", "Cục, vụ", "Tổng điểm đánh giá", "Hạ tầng số", "Dịch vụ công", "Nhân lực số", "Xếp hạng"],
        ["1", "Cục Alpha", "450", "180,5", "240", "29,5", "1"],
        ["2", "Cục Beta", "450", "200", "200,25", "49,75", "1"],
        ["3", "Cục Gamma", "300", "150", "149,5", "0,5", "3"],
        ["4", "Cục Delta", "299,9", "199,9", "100", "0", "4"],
    ]
    assert tables[1][2:] == [["1", "Xã Một", "450", "270", "180", "1"], ["2", "Xã Hai", "450", "250,5", "199,5", "1"],
                             ["3", "Xã Ba", "450", "270", "180", "1"], ["4", "Xã Năm", "300,5", "280", "20,5", "4"],
                             ["5", "Xã Bốn", "180", "100", "80", "5"]]
    assert tables[2] == [
        ["TT", "Trường học", "Tổng điểm đánh giá", of, of, of, of, "Xếp hạng"],
        ["TT", "Trường học", "Tổng điểm đánh giá", "Hạ tầng", "Học liệu số", "Quản trị số", "Kết nối", "Xếp hạng"],
        ["1", "Trường X", "500", "100", "100", "150", "150", "1"],
        ["2", "Trường Y", "0", "0", "0", "0", "0", "2"],
    ]


def test_headings_come_from_the_workbook(notice):
    doc = Document(str(notice))
    headings = [p.text for p in doc.paragraphs if p.style.name in ("XH Part", "XH Group", "XH Ranking")]
    assert headings == [
        "A. KẾT QUẢ XẾP HẠNG MỨC ĐỘ CHUYỂN ĐỔI SỐ CỦA CÁC CƠ QUAN HÀNH CHÍNH NHÀ NƯỚC TỈNH LÂM VIÊN NĂM 2024",
        "I. CÁC CỤC, VỤ", "I.1. Xếp hạng Mức độ chuyển đổi số", "I.2. Xếp hạng Dịch vụ công trực tuyến",
        "II. CÁC XÃ", "II.1. Xếp hạng Mức độ chuyển đổi số", "II.2. Xếp hạng An toàn thông tin",
        "III. CÁC TRƯỜNG HỌC", "III.1. Xếp hạng Mức độ chuyển đổi số",
        "B. KẾT QUẢ CHI TIẾT MỨC ĐỘ CHUYỂN ĐỔI SỐ CỦA CÁC CƠ QUAN HÀNH CHÍNH NHÀ NƯỚC TỈNH LÂM VIÊN NĂM 2024",
        "I. CÁC CỤC, VỤ", "II. CÁC XÃ", "III. CÁC TRƯỜNG HỌC",
    ]
    date = next(p.text for t in doc.tables[:1] for row in t.rows for c in row.cells for p in c.paragraphs
                if p.text.startswith("Lâm Viên"))
    assert date == "Lâm Viên, ngày 03 tháng 02 năm 2026"


def test_ten_groups_of_twenty_criteria(tmp_path):
    spec = Spec(groups=[("Khối", "Tiêu đề")], criteria=[("Khối", "Tiêu chí", "Điểm tối đa", "Xếp hạng riêng")], scores={})
    for g in range(1, 11):
        names = [f"Tiêu chí số {c}" for c in range(1, 21)]
        spec.groups.append((f"Khối {g}", f"KHỐI THỨ {g}"))
        spec.criteria += [(f"Khối {g}", n, 10, "Riêng" if c == 20 else None) for c, n in enumerate(names, 1)]
        spec.scores[f"Khối {g}"] = [("TT", "Đơn vị", *names)] + [
            (u, f"Đơn vị {g}.{u}", *[(u * c) % 11 for c in range(1, 21)]) for u in range(1, 4)]
    result = api.generate(spec.write(tmp_path / "rong.xlsx"), tmp_path)
    assert result.ok, result.report.lines()
    tables = docx_tables(result.docx)
    # Part B's 20 criteria of a group print as two tables of 10, each with TT, unit and total.
    assert len(tables) == 10 * 2 + 10 * 2
    assert [len(t[1]) for t in tables[20:]] == [13] * 20
    assert [t[1][3:] for t in tables[20:22]] == [names[:10], names[10:]]
    doc = Document(str(result.docx))
    # Part B turns landscape for its 20 columns, to the end: the closing block follows its last
    # table (issue 19); the pages before stay portrait, every page after the first numbered.
    assert [s.orientation.name for s in doc.sections] == ["PORTRAIT", "LANDSCAPE"]
    assert [round(s.page_width.mm) for s in doc.sections] == [210, 297]
    assert [s.different_first_page_header_footer for s in doc.sections] == [True, False]
    groups = [p.text for p in doc.paragraphs if p.style.name == "XH Group"]
    assert groups[:10] == [f"{n}. KHỐI THỨ {g}" for g, n in zip(range(1, 11), "I II III IV V VI VII VIII IX X".split())]
