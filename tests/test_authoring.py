"""`xephang init`: a workbook that follows the contract, guards its score cells, and carries a
year's assessment over to the next."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from decimal import Decimal

from click.testing import CliRunner
from openpyxl import load_workbook

from builders import docx_tables, enter_scores_of
from conftest import SAMPLE
from generator import api, authoring, layout
from generator.cli import main
from generator.texts import GUIDE_LINES, INFO_LABELS


def score_validations(sheet) -> dict[str, tuple[str, str, str]]:
    """Each validated cell -> (type, lower bound, upper bound)."""
    cells = {}
    for rule in sheet.data_validations.dataValidation:
        for cell_range in rule.sqref.ranges:
            for row in sheet.iter_rows(min_row=cell_range.min_row, max_row=cell_range.max_row,
                                       min_col=cell_range.min_col, max_col=cell_range.max_col):
                for cell in row:
                    cells[cell.coordinate] = (rule.type, rule.formula1, rule.formula2)
    return cells


def test_init_writes_the_contracts_sheets_with_the_2014_defaults(tmp_path):
    path = tmp_path / "moi.xlsx"
    result = CliRunner().invoke(main, ["init", str(path)])
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    assert book.sheetnames == ["Hướng dẫn", "Thông tin", "Khối", "Tiêu chí", "Xếp loại", "Sở, ban, ngành", "UBND cấp huyện"]
    assert "HƯỚNG DẪN" in book["Hướng dẫn"]["A1"].value
    info = [[c.value for c in row] for row in book["Thông tin"].iter_rows()]
    assert info[0] == ["Mục", "Nội dung"] and [r[0] for r in info[1:]] == list(INFO_LABELS)
    assert all(r[1] is None for r in info[1:])
    grades = [[c.value for c in row] for row in book["Xếp loại"].iter_rows(min_row=2)]
    assert grades == [["Tốt", 85], ["Khá", 70], ["Trung bình", 50], ["Yếu", 0]]
    criteria = [[c.value for c in row] for row in book["Tiêu chí"].iter_rows(min_row=2)]
    assert len(criteria) == 12 and criteria[5] == ["Sở, ban, ngành", "An toàn thông tin số", 80, "An toàn thông tin số"]
    sheet = book["Sở, ban, ngành"]
    assert [c.value for c in sheet[3]] == ["TT", "Đơn vị", "Hạ tầng CNTT", "Nhân lực CNTT", "Sử dụng các PM ứng dụng",
                                          "Chính sách và đầu tư", "Trang/Cổng TTĐT", "An toàn thông tin số", "Tổng điểm"]
    assert sheet["I4"].value == '=IF(B4="","",SUM(C4:H4))'  # a spare row shows no 0 until it has a unit
    assert sheet.freeze_panes == "C4"


def test_every_score_cell_carries_its_criterions_bounds(tmp_path):
    path = tmp_path / "moi.xlsx"
    api.init(path, SAMPLE)
    book = load_workbook(path)
    for name, maxima in {"Sở, ban, ngành": [120, 165, 400, 135, 100, 80],
                         "UBND cấp huyện": [120, 150, 400, 150, 100, 80]}.items():
        sheet = book[name]
        rules = score_validations(sheet)
        units = [row[1].value for row in sheet.iter_rows(min_row=4) if row[1].value]
        for r in range(4, 4 + len(units) + 50):
            for col, maximum in zip("CDEFGH", maxima):
                assert rules[f"{col}{r}"] == ("decimal", "0", str(maximum)), (name, col, r)
        rule = sheet.data_validations.dataValidation[0]
        assert rule.showErrorMessage and "phải là số từ 0 đến 120" in rule.error


def test_init_from_last_year_carries_everything_but_scores_number_and_date(tmp_path):
    path = tmp_path / "2015.xlsx"
    api.init(path, SAMPLE)
    book, last = load_workbook(path), load_workbook(SAMPLE)
    info = {row[0].value: row[1].value for row in book["Thông tin"].iter_rows(min_row=2)}
    assert info["Năm đánh giá"] == 2015 and info["Số, ký hiệu"] is None and info["Ngày ban hành"] is None
    assert info["Trích yếu"].endswith("tỉnh Khánh Hòa năm 2015")
    assert info["Người ký"] == "Nguyễn Kim Hòa" and info["Khi bằng điểm"] == "Giữ thứ tự trong bảng"
    for name in ("Sở, ban, ngành", "UBND cấp huyện"):
        old = [row[1].value for row in last[name].iter_rows(min_row=4) if row[1].value]
        new = [row[1].value for row in book[name].iter_rows(min_row=4) if row[1].value]
        assert new == old
        assert all(c.value is None for row in book[name].iter_rows(min_row=4, min_col=3, max_col=8) for c in row)


def test_a_workbook_from_init_filled_by_a_program_gives_the_samples_tables(tmp_path):
    path = tmp_path / "2014-lai.xlsx"
    api.init(path, SAMPLE)
    book, last = load_workbook(path), load_workbook(SAMPLE)
    for row in book["Thông tin"].iter_rows(min_row=2):
        if row[0].value == "Số, ký hiệu":
            row[1].value = "29/TB-HĐTD"
        elif row[0].value == "Ngày ban hành":
            row[1].value = datetime.date(2015, 1, 8)
        elif row[0].value == "Năm đánh giá":
            row[1].value = 2014
    enter_scores_of(last, book)
    book.save(path)  # formulas in Tổng điểm, no cached values
    result = api.generate(path, tmp_path)
    assert result.ok, result.report.lines()
    sample = api.generate(SAMPLE, tmp_path / "sample")
    assert docx_tables(result.docx) == docx_tables(sample.docx)


def test_init_never_overwrites_a_workbook(tmp_path):
    path = tmp_path / "co-roi.xlsx"
    path.write_bytes(b"precious")
    result = CliRunner().invoke(main, ["init", str(path)])
    assert result.exit_code == 1 and "Đã có tệp" in result.output
    assert path.read_bytes() == b"precious"


INJECTIONS = ('=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0")


def test_every_text_is_written_as_text_only_the_totals_are_formulas():
    draft = authoring.Draft(
        info=(("Người ký", INJECTIONS[1]), ("Căn cứ", INJECTIONS[0])),
        groups=(authoring.DraftGroup("Sở", INJECTIONS[0], ((INJECTIONS[1], Decimal(10), INJECTIONS[0]),),
                                     (INJECTIONS[0], INJECTIONS[1])),),
        grades=authoring.DEFAULT_DRAFT.grades)
    data = authoring.new_workbook(draft)
    book = load_workbook(io.BytesIO(data))
    formulas = [(sheet.title, c.coordinate) for sheet in book for row in sheet.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == [("Sở", f"D{r}") for r in range(4, 4 + 2 + 50)]
    assert book["Sở"]["B4"].value == INJECTIONS[0] and book["Thông tin"]["B2"].value == INJECTIONS[1]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        written = [re.findall("<f>(.*?)</f>", package.read(name).decode()) for name in package.namelist()
                   if name.startswith("xl/worksheets/")]
    assert all(f.startswith("IF(B") for formulas in written for f in formulas)


def test_the_guide_wraps_its_lines_in_a_readable_column_with_room_for_them():
    sheet = load_workbook(io.BytesIO(authoring.new_workbook(authoring.DEFAULT_DRAFT)))["Hướng dẫn"]
    assert 90 <= sheet.column_dimensions["A"].width <= 110
    for number, line in enumerate(GUIDE_LINES, 1):
        cell = sheet.cell(number, 1)
        assert cell.value == (line or None) and cell.alignment.wrap_text
        lines = -(-len(line) // authoring.GUIDE_WIDTH) if line else 1
        assert sheet.row_dimensions[number].height >= 15 * lines, (number, line)


def test_a_score_sheets_header_is_the_layouts_with_the_groups_criteria(tmp_path):
    path = tmp_path / "2015.xlsx"
    api.init(path, SAMPLE)
    book = load_workbook(path)
    for group in authoring.draft_from(api.check(SAMPLE)[0]).groups:
        columns = layout.score_sheet([name for name, _, _ in group.criteria])
        assert [c.value for c in book[group.name][authoring.HEADER_ROW]] == [c.label for c in columns.columns]
