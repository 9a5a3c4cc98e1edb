"""Workbooks built by code, so each test shows exactly what it changes from a valid default."""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from openpyxl import Workbook


def default_info() -> list[tuple[str, Any]]:
    return [
        ("Mục", "Nội dung"),
        ("Cơ quan chủ quản", "UBND TỈNH THỬ NGHIỆM"),
        ("Cơ quan ban hành", "HỘI ĐỒNG THẨM ĐỊNH"),
        ("Số, ký hiệu", "01/TB-HĐTD"),
        ("Địa danh", "Thử Nghiệm"),
        ("Ngày ban hành", datetime.date(2025, 3, 5)),
        ("Năm đánh giá", 2024),
        ("Trích yếu", "Kết quả xếp hạng năm 2024"),
        ("Căn cứ", "Căn cứ thứ nhất;"),
        ("Nội dung", "Hội đồng thông báo, cụ thể như sau:"),
        ("Tên xếp hạng chung", "Mức độ ứng dụng CNTT"),
        ("Khi bằng điểm", "Giữ thứ tự trong bảng"),
        ("Quyền hạn ký", "TM. HỘI ĐỒNG"),
        ("Chức vụ người ký", "CHỦ TỊCH"),
        ("Người ký", "Nguyễn Văn A"),
        ("Nơi nhận", "UBND tỉnh;"),
    ]


@dataclass
class Spec:
    """A workbook's content, sheet by sheet, as rows (header rows included)."""

    info: list[tuple[str, Any]] = field(default_factory=default_info)
    groups: list[tuple[Any, ...]] = field(default_factory=lambda: [("Khối", "Tiêu đề"), ("Sở", "CÁC SỞ")])
    criteria: list[tuple[Any, ...]] = field(default_factory=lambda: [
        ("Khối", "Tiêu chí", "Điểm tối đa", "Xếp hạng riêng"),
        ("Sở", "Hạ tầng", 100, None),
        ("Sở", "Cổng TTĐT", 50, "Cổng thông tin điện tử"),
    ])
    grades: list[tuple[Any, ...]] = field(default_factory=lambda: [
        ("Xếp loại", "Từ (% điểm tối đa)"), ("Tốt", 85), ("Khá", 70), ("Trung bình", 50), ("Yếu", 0),
    ])
    # score sheet name -> rows, header first
    scores: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {"Sở": [
        ("TT", "Đơn vị", "Hạ tầng", "Cổng TTĐT"),
        (1, "Sở A", 90, 40),
        (2, "Sở B", 100, 45),
        (3, "Sở C", 60, 20),
    ]})

    def copy(self) -> "Spec":
        return copy.deepcopy(self)

    def set_info(self, label: str, value: Any) -> "Spec":
        self.info = [(k, value if k == label else v) for k, v in self.info]
        return self

    def write(self, path: Path) -> Path:
        wb = Workbook()
        sheets = [("Thông tin", self.info), ("Khối", self.groups), ("Tiêu chí", self.criteria),
                  ("Xếp loại", self.grades), *self.scores.items()]
        wb.remove(wb.active)
        for name, rows in sheets:
            if rows is None:
                continue
            ws = wb.create_sheet(name)
            for row in rows:
                ws.append(row)
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
        return path


def docx_tables(path: Path) -> list[list[list[str]]]:
    """The notice's data tables (those headed "TT"), as rows of cell texts."""
    doc = Document(str(path))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return [t for t in tables if t and t[0][0] == "TT"]


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += [p.text for p in cell.paragraphs]
    return "\n".join(paragraphs)
