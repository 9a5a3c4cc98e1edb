"""Writes the second sample beside the 2014 one: a synthetic 2025 digital-transformation index (DTI)
assessment of Đồng Nai that uses every feature of version 2 of the workbook contract.

    .venv/bin/python scripts/build_sample_2025.py

- input/dong-nai-2025.xlsx: the 2025 workbook. Departments (after the 2025 mergers) in a tree of
  six main indices, a few of them without online public services (KAD), one not ranked, renamed
  ones with `Tên năm trước`, an exact tie in ratio between units with different maxima; communes
  and wards (new in 2025) in a weighted tree, with last year's ranks typed in; ranked by ratio,
  shown in percent, shared ranks, a five-grade scale, part B to level 2.
- input/dong-nai-2024.ketqua.xlsx: last year's results, which the 2025 workbook names in `Kết quả
  năm trước`; made by the real pipeline from a 2024 workbook built here in memory (the departments
  before the mergers, the districts before the communes replaced them).
- input/dong-nai-2025-quyet-dinh.xlsx: the same assessment published as a decision (`Loại văn bản`
  Quyết định) of the provincial People's Committee: its preamble, proposal, articles and signer,
  the headings of its two appendices; the same groups and scores. Version 3 besides: each unit's
  result sheet (`Phiếu kết quả`), the departments' self-assessed scores (`Tự đánh giá - Sở, ban,
  ngành`), the council's remarks (`Nhận xét`) and part A's table of units by grade (`Bảng tổng hợp`).

Scores are random but seeded, so every run writes the same workbooks.
"""

from __future__ import annotations

import datetime
import io
import random
import re
import sys
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without the package installed too

from generator import api  # noqa: E402

WORKBOOK_2025 = ROOT / "input" / "dong-nai-2025.xlsx"
DECISION_2025 = ROOT / "input" / "dong-nai-2025-quyet-dinh.xlsx"
RESULTS_2024 = ROOT / "input" / "dong-nai-2024.ketqua.xlsx"

OVERALL = "Chỉ số chuyển đổi số"
OWN_MAIN = "Chỉ số Hoạt động chính quyền số"
OWN_LEAF = "Chỉ số Dịch vụ công trực tuyến"
DEPARTMENTS, DEPARTMENTS_TITLE = "Sở, ban, ngành", "CÁC SỞ, BAN, NGÀNH"
COMMUNES, COMMUNES_TITLE = "UBND xã, phường", "ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG"
DISTRICTS, DISTRICTS_TITLE = "UBND cấp huyện", "ỦY BAN NHÂN DÂN CẤP HUYỆN"
COUNCIL = "Hội đồng thẩm định Chỉ số chuyển đổi số của các cơ quan, đơn vị tỉnh Đồng Nai"


@dataclass(frozen=True)
class Index:
    """A row of `Tiêu chí`. A main index's maximum is None where the sheet leaves it empty."""

    code: str
    name: str
    maximum: int | None
    weight: Decimal | None = None
    own: str | None = None

    @property
    def main(self) -> bool:
        return "." not in self.code

    @property
    def head(self) -> str:
        return f"{self.code} {self.name}"


# Six main indices of 1,000 points in all. Parents' maxima: some left empty, some given as the sum.
DEPARTMENT_INDICES = (
    Index("1", "Nhận thức số", None),
    Index("1.1", "Lãnh đạo quan tâm, chỉ đạo chuyển đổi số", 50),
    Index("1.2", "Tuyên truyền, phổ biến về chuyển đổi số", 50),
    Index("2", "Thể chế số", 100),
    Index("2.1", "Kế hoạch chuyển đổi số hằng năm", 40),
    Index("2.2", "Quy chế, chính sách thúc đẩy chuyển đổi số", 30),
    Index("2.3", "Bố trí kinh phí cho chuyển đổi số", 30),
    Index("3", "Hạ tầng số", None),
    Index("3.1", "Máy tính, mạng nội bộ, kết nối mạng chuyên dùng", 60),
    Index("3.2", "Sử dụng các nền tảng số dùng chung của tỉnh", 60),
    Index("3.3", "Hội nghị truyền hình trực tuyến", 30),
    Index("4", "Nhân lực số", 100),
    Index("4.1", "Cán bộ chuyên trách chuyển đổi số", 40),
    Index("4.2", "Đào tạo, bồi dưỡng kỹ năng số", 30),
    Index("4.3", "Sử dụng chữ ký số", 30),
    Index("5", "An toàn thông tin mạng", None),
    Index("5.1", "Phê duyệt cấp độ an toàn hệ thống thông tin", 50),
    Index("5.2", "Bảo đảm an toàn thông tin theo mô hình 4 lớp", 50),
    Index("5.3", "Giám sát, ứng cứu sự cố an toàn thông tin mạng", 50),
    Index("6", "Hoạt động chính quyền số", 400, own=OWN_MAIN),
    Index("6.1", "Dịch vụ công trực tuyến", 150, own=OWN_LEAF),
    Index("6.2", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 100),
    Index("6.3", "Điều hành, xử lý văn bản trên môi trường số", 100),
    Index("6.4", "Chia sẻ, khai thác dữ liệu số", 50),
)
ONLINE_SERVICES = "6.1"  # the component a department without online public services is not scored on

# Five main indices of 100 each, weighted to a total of 100.
COMMUNE_INDICES = (
    Index("1", "Nhận thức số", 100, Decimal("0.1")),
    Index("1.1", "Lãnh đạo quan tâm, chỉ đạo chuyển đổi số", 50),
    Index("1.2", "Tuyên truyền, phổ biến về chuyển đổi số", 50),
    Index("2", "Hạ tầng số", 100, Decimal("0.2")),
    Index("2.1", "Máy tính, mạng, kết nối Internet", 40),
    Index("2.2", "Sử dụng các nền tảng số dùng chung", 30),
    Index("2.3", "Hội nghị truyền hình trực tuyến cấp xã", 30),
    Index("3", "Hoạt động chính quyền số", 100, Decimal("0.3")),
    Index("3.1", "Dịch vụ công trực tuyến", 40),
    Index("3.2", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 30),
    Index("3.3", "Điều hành, xử lý văn bản trên môi trường số", 30),
    Index("4", "Kinh tế số", 100, Decimal("0.15")),
    Index("4.1", "Hộ kinh doanh bán hàng trên sàn thương mại điện tử", 50),
    Index("4.2", "Thanh toán không dùng tiền mặt", 50),
    Index("5", "Xã hội số", 100, Decimal("0.25")),
    Index("5.1", "Người dân có danh tính điện tử mức độ 2", 40),
    Index("5.2", "Tổ công nghệ số cộng đồng hoạt động hiệu quả", 30),
    Index("5.3", "Người dân sử dụng dịch vụ công trực tuyến", 30),
)

GRADES = (("Xuất sắc", 90), ("Tốt", 80), ("Khá", 65), ("Trung bình", 50), ("Kém", 0))


@dataclass(frozen=True)
class Department:
    name: str
    quality: float  # the share of the maximum its scores centre on
    previous: str | None = None  # `Tên năm trước`, where renamed or merged
    kad: bool = False  # no online public services
    not_ranked: str | None = None  # `Không xếp hạng`: the reason


# Before the 2025 mergers: Kế hoạch và Đầu tư went into Tài chính, Thông tin và Truyền thông into
# Khoa học và Công nghệ, Giao thông vận tải into Xây dựng, Lao động - Thương binh và Xã hội into
# Nội vụ, Tài nguyên và Môi trường and Nông nghiệp into Nông nghiệp và Môi trường.
DEPARTMENTS_2024 = (
    Department("Sở Kế hoạch và Đầu tư", 0.86),
    Department("Sở Tài chính", 0.84),
    Department("Sở Nội vụ", 0.82),
    Department("Sở Tư pháp", 0.80),
    Department("Sở Khoa học và Công nghệ", 0.78),
    Department("Sở Thông tin và Truyền thông", 0.93),
    Department("Sở Công Thương", 0.81),
    Department("Sở Xây dựng", 0.77),
    Department("Sở Giao thông vận tải", 0.83),
    Department("Sở Nông nghiệp và Phát triển nông thôn", 0.76),
    Department("Sở Tài nguyên và Môi trường", 0.85),
    Department("Sở Lao động - Thương binh và Xã hội", 0.79),
    Department("Sở Giáo dục và Đào tạo", 0.82),
    Department("Sở Y tế", 0.80),
    Department("Sở Văn hóa, Thể thao và Du lịch", 0.72),
    Department("Ban Dân tộc", 0.68, kad=True),
    Department("Sở Ngoại vụ", 0.74),
    Department("Thanh tra tỉnh", 0.70, kad=True),
    Department("Văn phòng Ủy ban nhân dân tỉnh", 0.88, kad=True),
    Department("Ban Quản lý các Khu công nghiệp", 0.79),
    Department("Văn phòng Đoàn ĐBQH và HĐND tỉnh", 0.71, kad=True),
)

DEPARTMENTS_2025 = (
    Department("Sở Tài chính", 0.87),
    Department("Sở Nội vụ", 0.84),
    Department("Sở Tư pháp", 0.81),
    Department("Sở Khoa học và Công nghệ", 0.93),
    Department("Sở Công Thương", 0.83),
    Department("Sở Xây dựng", 0.80),
    Department("Sở Nông nghiệp và Môi trường", 0.82, previous="Sở Nông nghiệp và Phát triển nông thôn"),
    Department("Sở Giáo dục và Đào tạo", 0.85),
    Department("Sở Y tế", 0.83),
    Department("Sở Văn hóa, Thể thao và Du lịch", 0.76),
    Department("Sở Dân tộc và Tôn giáo", 0.74, previous="Ban Dân tộc"),
    Department("Sở Ngoại vụ", 0.78),
    Department("Thanh tra tỉnh", 0.75, kad=True),
    Department("Văn phòng Ủy ban nhân dân tỉnh", 0.90, kad=True),
    Department("Ban Quản lý các Khu công nghiệp", 0.81),
    Department("Văn phòng Đoàn ĐBQH và HĐND tỉnh", 0.77, kad=True),
    Department("Ban Quản lý Khu công nghệ cao công nghệ sinh học", 0.60,
               not_ranked="Được giao tiếp nhận nhiệm vụ từ tháng 10/2025, chưa đủ thời gian đánh giá"),
)
# Exactly tied by ratio across different maxima: 880 of 1,000 and 748 of 850 are both 88 %.
TIE = (("Sở Giáo dục và Đào tạo", Decimal(880)), ("Văn phòng Ủy ban nhân dân tỉnh", Decimal(748)))

DISTRICTS_2024 = (
    "UBND thành phố Biên Hòa", "UBND thành phố Long Khánh", "UBND huyện Long Thành", "UBND huyện Nhơn Trạch",
    "UBND huyện Trảng Bom", "UBND huyện Thống Nhất", "UBND huyện Cẩm Mỹ", "UBND huyện Xuân Lộc",
    "UBND huyện Định Quán", "UBND huyện Tân Phú", "UBND huyện Vĩnh Cửu",
)

# The communes and wards of 2025 (invented for the sample, in the style of the new names).
COMMUNES_2025 = (
    "Phường Trấn Biên", "Phường Biên Hòa", "Phường Tam Hiệp", "Phường Long Bình", "Phường Hố Nai",
    "Phường Tân Triều", "Phường Long Hưng", "Phường Phước Tân", "Phường Tam Phước", "Phường Long Khánh",
    "Phường Bình Lộc", "Phường Bảo Vinh", "Phường Xuân Lập", "Phường Hàng Gòn", "Phường Đồng Xoài",
    "Phường Bình Phước", "Phường Chơn Thành", "Phường Phước Long", "Xã Long Thành", "Xã An Phước",
    "Xã Bình An", "Xã Long Phước", "Xã Nhơn Trạch", "Xã Đại Phước", "Xã Phước An", "Xã Trảng Bom",
    "Xã Bàu Hàm", "Xã Hưng Thịnh", "Xã Dầu Giây", "Xã Gia Kiệm", "Xã Thống Nhất", "Xã Xuân Lộc",
    "Xã Xuân Đường", "Xã Cẩm Mỹ", "Xã Định Quán", "Xã La Ngà", "Xã Tân Phú", "Xã Nam Cát Tiên",
    "Xã Trị An", "Xã Lộc Ninh", "Xã Bù Đăng", "Xã Thọ Sơn",
)


def info_2025() -> list[tuple[str, Any]]:
    place = "tỉnh Đồng Nai"
    return [
        ("Mục", "Nội dung"),
        ("Cơ quan chủ quản", "UBND TỈNH ĐỒNG NAI"),
        ("Cơ quan ban hành", COUNCIL.upper()),
        ("Số, ký hiệu", "06/TB-HĐTĐ"),
        ("Địa danh", "Đồng Nai"),
        ("Ngày ban hành", datetime.date(2026, 1, 16)),
        ("Năm đánh giá", 2025),
        ("Trích yếu", f"Kết quả đánh giá, xếp hạng Chỉ số chuyển đổi số của các sở, ban, ngành và Ủy ban nhân "
         f"dân các xã, phường {place} năm 2025"),
        ("Căn cứ", "Căn cứ Quyết định số 922/QĐ-BTTTT ngày 20/5/2022 của Bộ trưởng Bộ Thông tin và Truyền thông "
         "phê duyệt Đề án “Xác định Bộ chỉ số đánh giá chuyển đổi số của các bộ, cơ quan ngang bộ, cơ quan thuộc "
         "Chính phủ, các tỉnh, thành phố trực thuộc trung ương và của quốc gia”;"),
        ("Căn cứ", f"Căn cứ Quyết định số 1875/QĐ-UBND ngày 22/9/2025 của Ủy ban nhân dân {place} ban hành Bộ chỉ "
         f"số đánh giá chuyển đổi số của các sở, ban, ngành và Ủy ban nhân dân các xã, phường trên địa bàn {place};"),
        ("Căn cứ", f"Căn cứ Quyết định số 2960/QĐ-UBND ngày 05/12/2025 của Ủy ban nhân dân {place} về việc thành "
         f"lập {COUNCIL} năm 2025;"),
        ("Căn cứ", f"Căn cứ Biên bản cuộc họp {COUNCIL} ngày 12/01/2026;"),
        ("Nội dung", "Hội đồng thẩm định Chỉ số chuyển đổi số thông báo kết quả đánh giá, xếp "
         f"hạng Chỉ số chuyển đổi số của các sở, ban, ngành và Ủy ban nhân dân các xã, phường {place} năm 2025, "
         "cụ thể như sau:"),
        ("Tên xếp hạng chung", OVERALL),
        ("Xếp hạng theo", "Tỷ lệ"),
        ("Hiển thị", "Phần trăm"),
        ("Số chữ số thập phân", 2),
        ("Tên cột điểm", "Chỉ số DTI (%)"),
        ("Chi tiết đến cấp", 2),
        ("Khi bằng điểm", "Đồng hạng"),
        ("Kết quả năm trước", RESULTS_2024.name),
        ("Quyền hạn ký", "TM. HỘI ĐỒNG THẨM ĐỊNH"),
        ("Chức vụ người ký", "CHỦ TỊCH"),
        ("Chức danh khác", "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
        ("Người ký", "Trần Minh Khoa"),
        ("Nơi nhận", "Bộ Khoa học và Công nghệ (để báo cáo);"),
        ("Nơi nhận", "Thường trực Tỉnh ủy (để báo cáo);"),
        ("Nơi nhận", "UBND tỉnh (để báo cáo);"),
        ("Nơi nhận", "Các sở, ban, ngành;"),
        ("Nơi nhận", "UBND các xã, phường;"),
        ("Nơi nhận", "Thành viên Hội đồng, Tổ giúp việc;"),
        ("Nơi nhận", "Lưu: VT, CĐS."),
    ]


def info_decision_2025() -> list[tuple[str, Any]]:
    """The 2025 results as the People's Committee's decision: settings as in `info_2025`."""
    place = "tỉnh Đồng Nai"
    settings = [row for row in info_2025() if row[0] in (
        "Năm đánh giá", "Tên xếp hạng chung", "Xếp hạng theo", "Hiển thị", "Số chữ số thập phân", "Tên cột điểm",
        "Chi tiết đến cấp", "Khi bằng điểm", "Kết quả năm trước")]
    return [
        ("Mục", "Nội dung"),
        ("Loại văn bản", "Quyết định"),
        # Two lines in the header block, as the committee writes its name there (Alt+Enter in the cell).
        ("Cơ quan ban hành", "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI"),
        ("Số, ký hiệu", "125/QĐ-UBND"),
        ("Địa danh", "Đồng Nai"),
        ("Ngày ban hành", datetime.date(2026, 2, 20)),
        ("Trích yếu", "Về việc công bố kết quả đánh giá, xếp hạng Chỉ số chuyển đổi số năm 2025 của các cơ quan, "
         f"đơn vị trên địa bàn {place}"),
        ("Căn cứ", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
        ("Căn cứ", "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;"),
        ("Căn cứ", "Căn cứ Quyết định số 922/QĐ-BTTTT ngày 20 tháng 5 năm 2022 của Bộ trưởng Bộ Thông tin và Truyền "
         "thông phê duyệt Đề án “Xác định Bộ chỉ số đánh giá chuyển đổi số của các bộ, cơ quan ngang bộ, cơ quan "
         "thuộc Chính phủ, các tỉnh, thành phố trực thuộc trung ương và của quốc gia”;"),
        ("Căn cứ", f"Căn cứ Quyết định số 1875/QĐ-UBND ngày 22 tháng 9 năm 2025 của Ủy ban nhân dân {place} ban hành "
         f"Bộ chỉ số đánh giá chuyển đổi số của các sở, ban, ngành và Ủy ban nhân dân các xã, phường trên địa bàn "
         f"{place};"),
        ("Đề nghị", "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình số 38/TTr-SKHCN ngày 10 tháng "
         "02 năm 2026."),
        ("Điều", "Công bố kết quả đánh giá, xếp hạng Chỉ số chuyển đổi số năm 2025 của các cơ quan, đơn vị trên "
         f"địa bàn {place} (chi tiết tại Phụ lục I và Phụ lục II kèm theo)."),
        ("Điều", "Giao Sở Khoa học và Công nghệ công khai kết quả trên Cổng thông tin điện tử tỉnh, hướng dẫn "
         "các cơ quan, đơn vị khắc phục hạn chế."),
        ("Điều", "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Khoa học và "
         "Công nghệ, Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường và các cơ quan, đơn vị có liên "
         "quan chịu trách nhiệm thi hành Quyết định này./."),
        ("Tiêu đề phần A", "KẾT QUẢ XẾP HẠNG CHỈ SỐ CHUYỂN ĐỔI SỐ NĂM 2025"),
        ("Tiêu đề phần B", "KẾT QUẢ CHI TIẾT CHỈ SỐ CHUYỂN ĐỔI SỐ NĂM 2025"),
        *settings,
        ("Phiếu kết quả", "Có"),
        ("Bảng tổng hợp", "Có"),
        # Two authorities, one line each (Alt+Enter in the cell): on behalf of the committee, for its chairman.
        ("Quyền hạn ký", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"),
        ("Chức vụ người ký", "PHÓ CHỦ TỊCH"),
        ("Người ký", "Võ Thành Trung"),
        ("Nơi nhận", "Như Điều 3;"),
        ("Nơi nhận", "Bộ Khoa học và Công nghệ (để báo cáo);"),
        ("Nơi nhận", "Thường trực Tỉnh ủy (để báo cáo);"),
        ("Nơi nhận", "Thường trực HĐND tỉnh;"),
        ("Nơi nhận", "Chủ tịch, các Phó Chủ tịch UBND tỉnh;"),
        ("Nơi nhận", "Lưu: VT, KGVX."),
    ]


def info_2024() -> list[tuple[str, Any]]:
    place = "tỉnh Đồng Nai"
    return [
        ("Mục", "Nội dung"),
        ("Cơ quan chủ quản", "UBND TỈNH ĐỒNG NAI"),
        ("Cơ quan ban hành", COUNCIL.upper()),
        ("Số, ký hiệu", "04/TB-HĐTĐ"),
        ("Địa danh", "Đồng Nai"),
        ("Ngày ban hành", datetime.date(2025, 1, 17)),
        ("Năm đánh giá", 2024),
        ("Trích yếu", f"Kết quả đánh giá, xếp hạng Chỉ số chuyển đổi số của các sở, ban, ngành và Ủy ban nhân "
         f"dân cấp huyện {place} năm 2024"),
        ("Căn cứ", "Căn cứ Quyết định số 922/QĐ-BTTTT ngày 20/5/2022 của Bộ trưởng Bộ Thông tin và Truyền thông "
         "phê duyệt Đề án “Xác định Bộ chỉ số đánh giá chuyển đổi số của các bộ, cơ quan ngang bộ, cơ quan thuộc "
         "Chính phủ, các tỉnh, thành phố trực thuộc trung ương và của quốc gia”;"),
        ("Căn cứ", f"Căn cứ Biên bản cuộc họp {COUNCIL} ngày 14/01/2025;"),
        ("Nội dung", "Hội đồng thẩm định Chỉ số chuyển đổi số thông báo kết quả đánh giá, xếp "
         f"hạng Chỉ số chuyển đổi số của các sở, ban, ngành và Ủy ban nhân dân cấp huyện {place} năm 2024, "
         "cụ thể như sau:"),
        ("Tên xếp hạng chung", OVERALL),
        ("Xếp hạng theo", "Tỷ lệ"),
        ("Hiển thị", "Phần trăm"),
        ("Khi bằng điểm", "Đồng hạng"),
        ("Quyền hạn ký", "TM. HỘI ĐỒNG THẨM ĐỊNH"),
        ("Chức vụ người ký", "CHỦ TỊCH"),
        ("Chức danh khác", "GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
        ("Người ký", "Lê Văn Hòa"),
        ("Nơi nhận", "UBND tỉnh (để báo cáo);"),
        ("Nơi nhận", "Các sở, ban, ngành;"),
        ("Nơi nhận", "UBND các huyện, thành phố;"),
        ("Nơi nhận", "Lưu: VT."),
    ]


# --- Scores ---------------------------------------------------------------------------------

HALF = Decimal("0.5")


def leaves(indices: tuple[Index, ...]) -> list[Index]:
    return [i for i in indices if not i.main]


def draw(rng: random.Random, indices: tuple[Index, ...], quality: float) -> dict[str, Decimal]:
    """A unit's score on each component: near `quality` of its maximum, in halves."""
    scores = {}
    for leaf in leaves(indices):
        share = min(1.0, max(0.25, rng.gauss(quality, 0.09)))
        scores[leaf.code] = (Decimal(leaf.maximum or 0) * Decimal(repr(share)) / HALF).quantize(Decimal(1)) * HALF
    return scores


def retarget(scores: dict[str, Decimal], indices: tuple[Index, ...], target: Decimal) -> None:
    """Moves the unit's scores (those that apply) half a point at a time, in turn and within
    bounds, until they add up to `target`: an exact tie is made, not hoped for."""
    maxima = {i.code: Decimal(i.maximum or 0) for i in leaves(indices)}
    codes = list(scores)
    turn = 0
    while (gap := target - sum(scores.values())) != 0:
        code = codes[turn % len(codes)]
        step = HALF if gap > 0 else -HALF
        if 0 <= scores[code] + step <= maxima[code]:
            scores[code] += step
        turn += 1


def department_rows(rng: random.Random, units: tuple[Department, ...]) -> list[dict[str, Decimal | None]]:
    """Each unit's score by component, None where it does not apply."""
    rows = []
    targets = dict(TIE)
    for unit in units:
        scores = draw(rng, DEPARTMENT_INDICES, unit.quality)
        if unit.kad:
            del scores[ONLINE_SERVICES]
        if unit.name in targets:
            retarget(scores, DEPARTMENT_INDICES, targets[unit.name])
        rows.append({leaf.code: scores.get(leaf.code) for leaf in leaves(DEPARTMENT_INDICES)})
    return rows


def main_scores(scores: dict[str, Decimal], indices: tuple[Index, ...]) -> dict[str, Decimal]:
    return {i.code: sum((s for c, s in scores.items() if c.startswith(i.code + ".")), Decimal(0))
            for i in indices if i.main}


def weighted_total(scores: dict[str, Decimal], indices: tuple[Index, ...]) -> Decimal:
    weights = {i.code: i.weight or Decimal(1) for i in indices if i.main}
    return sum((weights[c] * s for c, s in main_scores(scores, indices).items()), Decimal(0))


# --- Workbooks ------------------------------------------------------------------------------


def criteria_rows(group: str, indices: tuple[Index, ...]) -> list[tuple[Any, ...]]:
    return [(group, i.code, i.name, i.maximum, None if i.weight is None else float(i.weight), i.own)
            for i in indices]


def department_sheet(year: int, units: tuple[Department, ...], rng: random.Random) -> list[tuple[Any, ...]]:
    """Title rows, the header by code and name, one row per unit; `Tổng điểm` as Excel's SUM
    (which skips the KAD text), as a secretariat's sheet has it. `Tên năm trước` and `Không xếp
    hạng` only where a unit fills them."""
    heads = [i.head for i in leaves(DEPARTMENT_INDICES)]
    last = get_column_letter(2 + len(heads))
    extras = [(head, get) for head, get in (("Tên năm trước", lambda u: u.previous),
                                            ("Không xếp hạng", lambda u: u.not_ranked))
              if any(get(u) for u in units)]
    rows: list[tuple[Any, ...]] = [
        (f"BẢNG ĐIỂM ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ KHỐI SỞ, BAN, NGÀNH NĂM {year}",), (),
        ("TT", "Đơn vị", *heads, "Tổng điểm", *(head for head, _ in extras)),
    ]
    for n, (unit, scores) in enumerate(zip(units, department_rows(rng, units)), start=1):
        excel_row = len(rows) + 1
        cells = ["KAD" if s is None else float(s) for s in scores.values()]
        rows.append((n, unit.name, *cells, f"=SUM(C{excel_row}:{last}{excel_row})", *(get(unit) for _, get in extras)))
    return rows


def commune_sheet(
    year: int, group: str, names: tuple[str, ...], rng: random.Random, last_ranks: bool
) -> list[tuple[Any, ...]]:
    """Each main index's column, then its components'; `Tổng điểm` the weighted total as a value,
    so that validation checks the weights. With `last_ranks`, last year's ranks typed in for the
    two thirds of the units whose predecessor was ranked (the others are new): near this year's."""
    heads = [i.head for i in COMMUNE_INDICES]
    rows: list[tuple[Any, ...]] = [
        (f"BẢNG ĐIỂM ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ KHỐI {group.upper()} NĂM {year}",), (),
        ("TT", "Đơn vị", *heads, "Tổng điểm", *(["Xếp hạng năm trước"] if last_ranks else [])),
    ]
    # Wards a little ahead of rural communes; a few remote communes well behind.
    qualities = [rng.uniform(0.62, 0.95) if name.startswith("Phường") else rng.uniform(0.42, 0.9) for name in names]
    last_year = sorted(range(len(names)), key=lambda u: -(qualities[u] + rng.gauss(0, 0.06)))
    kept = set(rng.sample(range(len(names)), k=2 * len(names) // 3))
    typed = {u: rank for rank, u in enumerate(last_year, start=1) if u in kept}
    for n, (name, quality) in enumerate(zip(names, qualities), start=1):
        scores = draw(rng, COMMUNE_INDICES, quality)
        mains = main_scores(scores, COMMUNE_INDICES)
        cells = [float(mains[i.code] if i.main else scores[i.code]) for i in COMMUNE_INDICES]
        rows.append((n, name, *cells, float(weighted_total(scores, COMMUNE_INDICES)),
                     *([typed.get(n - 1)] if last_ranks else [])))
    return rows


def workbook(info: list[tuple[str, Any]], groups: list[tuple[str, str]], criteria: list[tuple[Any, ...]],
             scores: dict[str, list[tuple[Any, ...]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    sheets = {
        "Thông tin": info,
        "Khối": [("Khối", "Tiêu đề"), *groups],
        "Tiêu chí": [("Khối", "Mã", "Tiêu chí", "Điểm tối đa", "Trọng số", "Xếp hạng riêng"), *criteria],
        "Xếp loại": [("Xếp loại", "Từ (% điểm tối đa)"), *GRADES],
        **scores,
    }
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        _format(sheet, name in scores)
    out = io.BytesIO()
    book.save(out)
    return _timeless(out.getvalue())


def _timeless(xlsx: bytes) -> bytes:
    """The file without the moment it was saved (in its properties and in the archive's entries),
    so that running the script again writes the same bytes and leaves git with nothing to commit."""
    stamp = "2026-01-16T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            target.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 16, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _format(sheet: Any, score_sheet: bool) -> None:
    """Enough layout to read the sheet on screen: bold, wrapped headers and sensible widths."""
    header = 3 if score_sheet else 1
    for cell in sheet[header]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    if score_sheet:
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.freeze_panes = "C4"
        sheet.row_dimensions[header].height = 75
        sheet.column_dimensions["A"].width = 5
        sheet.column_dimensions["B"].width = 38
        for col in range(3, sheet.max_column + 1):
            sheet.column_dimensions[get_column_letter(col)].width = 13
        for row in sheet.iter_rows(min_row=header + 1):
            for cell in row[2:]:
                if isinstance(cell.value, float):
                    cell.number_format = "0.0##"
    else:
        sheet.column_dimensions["A"].width = 24
        sheet.column_dimensions["B"].width = 100 if sheet.title == "Thông tin" else 50
        if sheet.title == "Tiêu chí":
            sheet.column_dimensions["A"].width = 18
            sheet.column_dimensions["C"].width = 55
            sheet.column_dimensions["F"].width = 36
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in sheet["B"]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "dd/mm/yyyy"


def results_2024() -> bytes:
    """Last year's results workbook, as `xephang generate` wrote it from the 2024 workbook."""
    rng = random.Random(2024)
    data = workbook(
        info_2024(), [(DEPARTMENTS, DEPARTMENTS_TITLE), (DISTRICTS, DISTRICTS_TITLE)],
        criteria_rows(DEPARTMENTS, DEPARTMENT_INDICES) + criteria_rows(DISTRICTS, COMMUNE_INDICES),
        {DEPARTMENTS: department_sheet(2024, DEPARTMENTS_2024, rng),
         DISTRICTS: commune_sheet(2024, DISTRICTS, DISTRICTS_2024, rng, last_ranks=False)},
    )
    run = api.build(data, "dong-nai-2024.xlsx")
    if run.results is None:
        raise SystemExit("the 2024 workbook has errors:\n" + "\n".join(run.report.lines()))
    return run.results


def workbook_2025(info: list[tuple[str, Any]], own: bool = False) -> bytes:
    """The 2025 assessment with `info` as its `Thông tin`: the notice's, or the decision's; with
    `own`, the departments' self-assessed scores and the council's remarks too."""
    rng = random.Random(2025)
    departments = department_sheet(2025, DEPARTMENTS_2025, rng)
    scores = {DEPARTMENTS: departments, COMMUNES: commune_sheet(2025, COMMUNES, COMMUNES_2025, rng, last_ranks=True)}
    if own:
        scores[f"Tự đánh giá - {DEPARTMENTS}"] = self_assessed_sheet(departments, random.Random(20251))
        scores["Nhận xét"] = REMARKS
    return workbook(
        info, [(DEPARTMENTS, DEPARTMENTS_TITLE), (COMMUNES, COMMUNES_TITLE)],
        criteria_rows(DEPARTMENTS, DEPARTMENT_INDICES) + criteria_rows(COMMUNES, COMMUNE_INDICES), scores,
    )


def self_assessed_sheet(appraised: list[tuple[Any, ...]], rng: random.Random) -> list[tuple[Any, ...]]:
    """The departments' own scores before appraisal, laid out as their score sheet: as appraised or a
    little above (units seldom mark themselves down), within each component's maximum; a third of
    the departments sent none."""
    title, blank, header, *units = appraised
    leaf_columns = range(2, 2 + len(leaves(DEPARTMENT_INDICES)))
    maxima = [float(i.maximum) for i in leaves(DEPARTMENT_INDICES)]
    rows: list[tuple[Any, ...]] = [("BẢNG ĐIỂM TỰ ĐÁNH GIÁ CỦA CÁC SỞ, BAN, NGÀNH NĂM 2025",), (),
                                   (*header[:2], *(header[c] for c in leaf_columns))]
    for row in units:
        if rng.random() < 1 / 3:
            continue
        own = [cell if isinstance(cell, str) else min(most, cell + rng.choice((0, 0, 0.5, 1, 2)))
               for cell, most in zip((row[c] for c in leaf_columns), maxima)]
        rows.append((*row[:2], *own))
    return rows


# The council's remarks: on a unit as a whole (no criterion), or on one criterion by its code.
REMARKS: list[tuple[Any, ...]] = [
    ("Khối", "Đơn vị", "Tiêu chí", "Nhận xét"),
    (DEPARTMENTS, "Sở Tài chính", None, "Đơn vị triển khai đồng bộ; cần duy trì tiến độ số hóa hồ sơ sau hợp nhất."),
    (DEPARTMENTS, "Sở Tài chính", "6", "Cần tăng tỷ lệ hồ sơ xử lý trực tuyến toàn trình."),
    (DEPARTMENTS, "Sở Khoa học và Công nghệ", None, "Hoàn thiện kế hoạch chuyển đổi số sau hợp nhất trong quý I."),
    (COMMUNES, "Phường Trấn Biên", None, "Đề nghị tiếp tục mở rộng thanh toán trực tuyến và số hóa kết quả giải quyết thủ tục."),
]


def main() -> None:
    RESULTS_2024.write_bytes(results_2024())
    WORKBOOK_2025.write_bytes(workbook_2025(info_2025()))
    DECISION_2025.write_bytes(workbook_2025(info_decision_2025(), own=True))
    for path in (RESULTS_2024, WORKBOOK_2025, DECISION_2025):
        print(f"Đã ghi {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
