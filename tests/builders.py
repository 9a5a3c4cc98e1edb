"""Workbooks built by code, so each test shows exactly what it changes from a valid default."""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from openpyxl import Workbook

from generator.workbook import RawWorkbook


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

    def copy(self) -> Spec:
        return copy.deepcopy(self)

    def set_info(self, label: str, value: Any) -> Spec:
        self.info = [(k, value if k == label else v) for k, v in self.info]
        return self

    def sheets(self) -> list[tuple[str, list[tuple[Any, ...]]]]:
        """Each sheet's name and rows in the workbook's order; a sheet set to None is left out."""
        sheets = [("Thông tin", self.info), ("Khối", self.groups), ("Tiêu chí", self.criteria),
                  ("Xếp loại", self.grades), *self.scores.items()]
        return [(name, rows) for name, rows in sheets if rows is not None]

    def raw(self, source: str = "book.xlsx") -> RawWorkbook:
        """The workbook in memory, each cell as reading the written file gives it (numbers as
        floats, empty cells as ""), for the checks that are about values, not about reading."""
        return RawWorkbook.of(source, {name: [[_as_read(value) for value in row] for row in rows]
                                       for name, rows in self.sheets()})

    def write(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.write_bytes())
        return path

    def write_bytes(self) -> bytes:
        """The workbook as an .xlsx file's bytes."""
        import io

        wb = Workbook()
        wb.remove(wb.active)
        for name, rows in self.sheets():
            ws = wb.create_sheet(name)
            for row in rows:
                ws.append(row)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()


def _as_read(value: Any) -> Any:
    """A value written by openpyxl as python-calamine reads it back: every number a float, an
    empty cell "". (Formulas are not: the file holds no value for them, so a test of them writes it.)"""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def template_edited(edits: dict[str, Any], kind: str = "thong-bao", added: dict[str, bytes] | None = None) -> bytes:
    """A packaged template (`kind`: thong-bao, quyet-dinh or phieu-ket-qua) as a secretary might have
    edited it: each part named in `edits` passed through `edit(xml) -> xml`, and the `added` parts put in."""
    import io
    import zipfile

    from generator import api, model

    source = api.SHEET_TEMPLATE if kind == "phieu-ket-qua" else api.TEMPLATES[
        model.DocumentKind.DECISION if kind == "quyet-dinh" else model.DocumentKind.NOTICE]
    with zipfile.ZipFile(io.BytesIO(source.read_bytes())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, edit in edits.items():
        parts[name] = edit(parts[name].decode()).encode()
    parts.update(added or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return buffer.getvalue()


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


CRITERIA_6 = ("Hạ tầng", "Nhân lực", "Phần mềm", "Đầu tư", "Cổng TTĐT", "An toàn")


def unscored(units: int, criteria: tuple[str, ...] = CRITERIA_6) -> Spec:
    """`units` units in one group, every score left empty: one problem per score cell."""
    spec = Spec()
    spec.criteria = [spec.criteria[0], *(("Sở", name, 100, None) for name in criteria)]
    spec.scores = {"Sở": [("TT", "Đơn vị", *criteria),
                          *((u, f"Sở số {u:05d}", *[None] * len(criteria)) for u in range(1, units + 1))]}
    return spec


def merge(path: Path, sheet: str, cells: dict[str, Any], ranges: list[str]) -> Path:
    """The workbook at `path` with `cells` set (None to clear) and then `ranges` merged, as a person
    merges cells in Excel (a two-row header, "Miễn đánh giá" typed across a unit's scores)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    for cell_range in ranges:
        book[sheet].merge_cells(cell_range)
    book.save(path)
    return path


def edited(path: Path, change) -> Path:
    """The workbook at `path` after `change(book)` on its openpyxl workbook: hide a row or a
    sheet, add a sheet, as a person would in Excel."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    change(book)
    book.save(path)
    return path


def package_imports(path: Path) -> set[str]:
    """What the module at `path` imports from the package, by name ("api", "texts", "charts"…)."""
    import ast

    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:  # from . import x, from .x import y
            imported |= {alias.name for alias in node.names} if node.module is None else {node.module}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names if alias.name.startswith("generator")}
    return imported


def read_file(path: Path, marks: bool = True):
    """The workbook at `path` as the core reads it (the core reads bytes, never a path)."""
    from generator import workbook

    return workbook.read_bytes(path.read_bytes(), path.name, marks)


def patched(path: Path, part: str, edit) -> Path:
    """The workbook at `path` with the XML of `part` passed through `edit(text) -> text`: cells that
    Excel writes but openpyxl will not (error values, characters XML cannot hold)."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = [(i, source.read(i.filename)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            target.writestr(info, edit(data.decode("utf-8")).encode("utf-8") if info.filename == part else data)
    return path


def ods(sheets: dict[str, list[list[Any]]]) -> bytes:
    """A minimal OpenDocument spreadsheet of `sheets` (strings and numbers), as LibreOffice saves one."""
    import html
    import io
    import zipfile

    def cell(value: Any) -> str:
        if isinstance(value, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{html.escape(str(value))}</text:p></table:table-cell>'

    tables = "".join(
        f'<table:table table:name="{html.escape(name)}">'
        + "".join(f"<table:table-row>{''.join(map(cell, row))}</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def enter_scores_of(last, book) -> None:
    """Types the 2014 sample's scores (openpyxl workbook `last`) into `book`, a workbook made by
    `init --from` it, unit by unit, as the secretariat would."""
    for name in ("Sở, ban, ngành", "UBND cấp huyện"):
        scores = {r[1].value: [c.value for c in r[2:8]] for r in last[name].iter_rows(min_row=4) if r[1].value}
        for row in book[name].iter_rows(min_row=4):
            if row[1].value:
                for cell, value in zip(row[2:8], scores[row[1].value]):
                    cell.value = value


# --- Version 2: a workbook that uses every feature at once -------------------------------
# Its expected tables are worked out by hand in the docstring of `dti_spec`.

DTI_TITLE = "Chỉ số chuyển đổi số"


def dti_spec() -> Spec:
    """Departments ("Sở") in a tree with a weight, KAD cells, a unit not ranked, one renamed since
    last year (`Tên năm trước`), ranked by ratio and shown as a percent, shared ranks, a five-grade
    scale, part B to level 2; communes ("Xã") flat, with last year's ranks typed in.

    Its values, worked out by hand (the tests' expected values come from here):

    Sở (weights 1, 0,5, 1; maxima 1 = 30 + 20 = 50, 2 = 60 + 40 = 100, 3 = 50; total 50 + 50 + 50 = 150)
      A: 1 = 30 + 15 = 45; 2 = KAD + 40 = 40 of 40; 3 = 45; total 45 + 20 + 45 = 110 of 120 = 91,666…%
      B: 1 = 45; 2 = 60 + 30 = 90; 3 = 40; total 45 + 45 + 40 = 130 of 150 = 86,666…%
      C: 1 = 30; 2 = 50 + 35 = 85; 3 = 50; total 30 + 42,5 + 50 = 122,5 of 150 = 81,666…%
      D: not ranked; 1 = 20; 2 = KAD + 20 = 20 of 40; 3 = 30; total 20 + 10 + 30 = 60 of 120 = 50%
      E: 1 = 50; 2 = 55 + 40 = 95; 3 = 40; total 50 + 47,5 + 40 = 137,5 of 150 = 91,666…% (= A's exactly)
    Xã (flat, 200 points): X1 150 (75%), X2 120 (60%), X3 180 (90%); typed last ranks X1 2, X2 1.
    Last year (`last_year_spec`): B 1, "Sở A cũ" 2, Z 3 in "Chỉ số chuyển đổi số"; C assessed, not ranked.
    """
    spec = Spec()
    for label, value in [("Tên xếp hạng chung", DTI_TITLE), ("Khi bằng điểm", "Đồng hạng")]:
        spec.set_info(label, value)
    spec.info += [("Xếp hạng theo", "Tỷ lệ"), ("Hiển thị", "Phần trăm"), ("Chi tiết đến cấp", 2),
                  ("Kết quả năm trước", "nam-truoc.ketqua.xlsx")]
    spec.groups = [("Khối", "Tiêu đề"), ("Sở", "CÁC SỞ"), ("Xã", "CÁC XÃ")]
    spec.criteria = [
        ("Khối", "Mã", "Tiêu chí", "Điểm tối đa", "Trọng số", "Xếp hạng riêng"),
        ("Sở", "3", "An toàn", 50, None, None),  # rows in any order: the notice uses code order
        ("Sở", "1", "Nhận thức số", None, None, "Nhận thức số"),
        ("Sở", "1.1", "Lãnh đạo", 30, None, None),
        ("Sở", "1.2", "Tuyên truyền", 20, None, None),
        ("Sở", "2", "Hoạt động số", 100, 0.5, None),
        ("Sở", "2.1", "Dịch vụ công", 60, None, "Dịch vụ công"),
        ("Sở", "2.2", "Văn bản điện tử", 40, None, None),
        ("Xã", None, "Hạ tầng", 100, None, None),
        ("Xã", None, "Dịch vụ", 100, None, None),
    ]
    spec.grades = [("Xếp loại", "Từ (% điểm tối đa)"), ("Xuất sắc", 90), ("Tốt", 80), ("Khá", 65),
                   ("Trung bình", 50), ("Kém", 0)]
    spec.scores = {
        "Sở": [
            ("TT", "Đơn vị", "1.1 Lãnh đạo", "1.2", "Dịch vụ công", "2.2 Văn bản điện tử", "3 An toàn",
             "Không xếp hạng", "Tên năm trước"),
            (1, "Sở A", 30, 15, "KAD", 40, 45, None, "Sở A cũ"),
            (2, "Sở B", 25, 20, 60, 30, 40, None, None),
            (3, "Sở C", 20, 10, 50, 35, 50, None, None),
            (4, "Sở D", 10, 10, "Không áp dụng", 20, 30, "Mới thành lập", None),
            (5, "Sở E", 30, 20, 55, 40, 40, None, None),
        ],
        "Xã": [
            ("TT", "Đơn vị", "Hạ tầng", "Dịch vụ", "Xếp hạng năm trước"),
            (1, "Xã X1", 80, 70, 2),
            (2, "Xã X2", 60, 60, 1),
            (3, "Xã X3", 90, 90, None),
        ],
    }
    return spec


def last_year_spec() -> Spec:
    """Last year's workbook of `dti_spec`: the departments ranked B, "A cũ", Z by points; C
    assessed but not ranked."""
    spec = Spec()
    spec.set_info("Tên xếp hạng chung", DTI_TITLE)
    spec.criteria = [("Khối", "Tiêu chí", "Điểm tối đa", "Xếp hạng riêng"), ("Sở", "Điểm", 100, None)]
    spec.scores = {"Sở": [("TT", "Đơn vị", "Điểm", "Không xếp hạng"), (1, "Sở B", 90, None), (2, "Sở A cũ", 80, None),
                          (3, "Sở Z", 70, None), (4, "Sở C", 60, "Mới sáp nhập")]}
    return spec


# --- Version 3: bonus and penalty points --------------------------------------------------------


def extras_spec() -> Spec:
    """Bonus and penalty points (contract version 3), at the top level and under a parent, weighted.

    Maxima: 1 = 40 + 60 = 100 (the bonus 1.3 not added); 2 = 50 × 2 = 100; the total 200 (the
    penalty 3 not added). Worked out by hand:
      A: 1 = 40 + 60 + 10 = 110; total 110 + 2 × 50 − 0,5 × 0 = 210 of 200 = 105 % (above 100 %)
      B: 1 = 20 + 30 + 0 = 50; total 50 + 2 × 40 − 0,5 × 10 = 125 of 200 = 62,5 %
      C: 1 = 0; total 0 + 0 − 0,5 × 20 = −10 (below 0) = −5 %
    """
    spec = Spec()
    spec.criteria = [
        ("Khối", "Mã", "Tiêu chí", "Điểm tối đa", "Trọng số", "Xếp hạng riêng", "Loại"),
        ("Sở", "1", "Hạ tầng", None, None, None, None),
        ("Sở", "1.1", "Máy tính", 40, None, None, None),
        ("Sở", "1.2", "Mạng", 60, None, None, None),
        ("Sở", "1.3", "Sáng kiến", 10, None, None, "Điểm thưởng"),
        ("Sở", "2", "Cổng TTĐT", 50, 2, None, None),
        ("Sở", "3", "Vi phạm", 20, 0.5, None, "Điểm trừ"),
    ]
    spec.scores["Sở"] = [
        ("TT", "Đơn vị", "1.1 Máy tính", "1.2 Mạng", "1.3 Sáng kiến", "2 Cổng TTĐT", "3 Vi phạm"),
        (1, "Sở A", 40, 60, 10, 50, 0),
        (2, "Sở B", 20, 30, 0, 40, 10),
        (3, "Sở C", 0, 0, 0, 0, 20),
    ]
    return spec


# --- Version 3: units merged into one -----------------------------------------------------------


def merged_last_year() -> Spec:
    """Last year's communes, by points out of 150, keeping the order: X1 140 (1), X2 120 (2), X3 100
    (3), X4 90 (4), X7 80 (5), X5 60 (6), X6 30 (7)."""
    spec = Spec()
    spec.groups = [("Khối", "Tiêu đề"), ("Xã", "CÁC XÃ")]
    spec.criteria = [spec.criteria[0], ("Xã", "Hạ tầng", 100, None), ("Xã", "Cổng TTĐT", 50, None)]
    spec.scores = {"Xã": [("TT", "Đơn vị", "Hạ tầng", "Cổng TTĐT"),
                          *((n, name, a, b) for n, (name, a, b) in enumerate(
                              [("X1", 100, 40), ("X2", 80, 40), ("X3", 60, 40), ("X4", 50, 40), ("X7", 40, 40),
                               ("X5", 20, 40), ("X6", 0, 30)], 1))]}
    return spec


def merged_this_year() -> Spec:
    """This year: Xã A merged from X1 and X5, Xã B from X2, X4 and X6; X3 kept; Xã Mới new; X7 gone.

    Last year re-based on this year's units (contract version 3): A (140 + 60) / 2 = 100, B (120 +
    90 + 30) / 3 = 80, X3 100; ranked keeping this year's order: A 1, X3 2, B 3 (X3 was 3rd).
    This year: Xã Mới 145 (1), B 140 (2), A 130 (3), X3 90 (4). Tăng/giảm: Mới; 3 − 2 = Tăng 1;
    1 − 3 = Giảm 2; 2 − 4 = Giảm 2.
    """
    spec = merged_last_year()
    spec.info += [("Kết quả năm trước", "nam-truoc.ketqua.xlsx")]
    spec.scores = {"Xã": [("TT", "Đơn vị", "Hạ tầng", "Cổng TTĐT", "Tên năm trước"),
                          (1, "Xã A", 90, 40, "X1; X5"), (2, "Xã B", 100, 40, "X2;X4 ; X6"),
                          (3, "X3", 50, 40, None), (4, "Xã Mới", 100, 45, None)]}
    return spec


def sheets_spec() -> Spec:
    """Each unit's own result (`Phiếu kết quả`, version 3): departments ranked by share and shown as a
    percent, with an own ranking; communes a group of one.

    Sở (Hạ tầng 100, Dịch vụ 100, An toàn 50, "An toàn thông tin" ranked on its own):
      A: 90, 80, 40 = 210 of 250 = 84 % (Khá); its own scores 95, 85, 45; two remarks
      B: 80, KAD, 50 = 130 of 150 = 86,67 % (Tốt)
      C: 80, 70, 40 = 190 of 250, not ranked (Mới thành lập)
    Xã: Xã Một alone, Hạ tầng 70 of 100.
    """
    spec = Spec()
    spec.info += [("Xếp hạng theo", "Tỷ lệ"), ("Hiển thị", "Phần trăm"), ("Phiếu kết quả", "Có")]
    spec.groups = [("Khối", "Tiêu đề"), ("Sở", "CÁC SỞ"), ("Xã", "CÁC XÃ")]
    spec.criteria = [("Khối", "Tiêu chí", "Điểm tối đa", "Xếp hạng riêng"), ("Sở", "Hạ tầng", 100, None),
                     ("Sở", "Dịch vụ", 100, None), ("Sở", "An toàn", 50, "An toàn thông tin"), ("Xã", "Hạ tầng", 100, None)]
    spec.scores = {
        "Sở": [("TT", "Đơn vị", "Hạ tầng", "Dịch vụ", "An toàn", "Không xếp hạng"), (1, "Sở A", 90, 80, 40, None),
               (2, "Sở B", 80, "KAD", 50, None), (3, "Sở C", 80, 70, 40, "Mới thành lập")],
        "Xã": [("TT", "Đơn vị", "Hạ tầng"), (1, "Xã Một", 70)],
        "Tự đánh giá - Sở": [("TT", "Đơn vị", "Hạ tầng", "Dịch vụ", "An toàn"), (1, "Sở A", 95, 85, 45)],
        "Nhận xét": [("Khối", "Đơn vị", "Tiêu chí", "Nhận xét"), ("Sở", "Sở A", "Dịch vụ", "Chưa có DVC toàn trình."),
                     ("Sở", "Sở A", None, "Cần cải thiện dịch vụ.")],
    }
    return spec
