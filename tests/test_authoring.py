"""`xephang init`: a workbook that follows the contract, guards its score cells, and carries a
year's assessment over to the next."""

from __future__ import annotations

import datetime
import io
import os
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from builders import Spec, docx_tables, enter_scores_of, extras_spec
from conftest import SAMPLE, require_soffice
from generator import api, authoring, layout, texts
from generator.cli import main
from generator.model import Criterion
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
        assert len(units) < 150  # so the rule reaches the least 200 rows: Excel's 4 to 203
        for r in range(4, 204):
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
        groups=(authoring.DraftGroup("Sở", INJECTIONS[0], (Criterion(INJECTIONS[1], Decimal(10), INJECTIONS[0]),),
                                     (INJECTIONS[0], INJECTIONS[1])),),
        grades=authoring.DEFAULT_DRAFT.grades)
    data = authoring.new_workbook(draft)
    book = load_workbook(io.BytesIO(data))
    formulas = [(sheet.title, c.coordinate) for sheet in book for row in sheet.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == [("Sở", f"D{r}") for r in range(4, 4 + 200)]  # room for 200 units, a province's most
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
        columns = layout.score_sheet([c.name for c in group.criteria])
        assert [c.value for c in book[group.name][authoring.HEADER_ROW]] == [c.label for c in columns.columns]


# --- Version 2: trees, weights, KAD, settings, DTI ---------------------------------------

def sheet_rows(sheet, min_row: int = 1) -> list[list]:
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=min_row)]


def info_of(book) -> dict:
    return {row[0].value: row[1].value for row in book["Thông tin"].iter_rows(min_row=2)}


def fill_info(book, year: int = 2025) -> None:
    """The details a secretariat types into a new workbook's `Thông tin`, where it is empty."""
    details = {"Cơ quan ban hành": "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM", "Số, ký hiệu": "01/TB-UBND",
               "Địa danh": "Thử Nghiệm", "Ngày ban hành": datetime.date(year + 1, 3, 5), "Năm đánh giá": year,
               "Trích yếu": f"Kết quả Chỉ số chuyển đổi số năm {year}", "Căn cứ": "Căn cứ;",
               "Nội dung": "Thông báo như sau:", "Chức vụ người ký": "CHỦ TỊCH", "Người ký": "Nguyễn Văn A",
               "Nơi nhận": "Lưu: VT."}
    for row in book["Thông tin"].iter_rows(min_row=2):
        if row[1].value is None and row[0].value in details:
            row[1].value = details[row[0].value]


def test_init_dti_writes_two_groups_of_main_indices_with_their_components(tmp_path):
    path = tmp_path / "dti.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), "--dti"])
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    assert book.sheetnames == ["Hướng dẫn", "Thông tin", "Khối", "Tiêu chí", "Xếp loại", "Sở, ban, ngành",
                               "UBND xã, phường"]
    assert sheet_rows(book["Khối"], 2) == [["Sở, ban, ngành", "CÁC SỞ, BAN, NGÀNH"],
                                           ["UBND xã, phường", "ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG"]]
    info = info_of(book)
    assert (info["Xếp hạng theo"], info["Hiển thị"], info["Chi tiết đến cấp"]) == ("Tỷ lệ", "Phần trăm", 2)
    assert info["Tên xếp hạng chung"] == "Chỉ số chuyển đổi số" and info["Kết quả năm trước"] is None
    assert sheet_rows(book["Xếp loại"]) == [["Xếp loại", "Từ (% điểm tối đa)"]]  # no grade scale
    criteria = sheet_rows(book["Tiêu chí"])
    assert criteria[0] == ["Khối", "Mã", "Tiêu chí", "Điểm tối đa", "Trọng số", "Xếp hạng riêng"]
    assert criteria[1:4] == [["Sở, ban, ngành", "1", "Nhận thức số", None, 1, None],
                             ["Sở, ban, ngành", "1.1", "Lãnh đạo quan tâm, chỉ đạo chuyển đổi số", 40, 1, None],
                             ["Sở, ban, ngành", "1.2", "Tuyên truyền, phổ biến về chuyển đổi số", 40, 1, None]]
    assert ["Sở, ban, ngành", "6", "Hoạt động chính quyền số", None, 1, "Chỉ số Hoạt động chính quyền số"] in criteria
    assert [r[1] for r in criteria if r[0] == "UBND xã, phường" and "." not in r[1]] == list("12345678")

    sheet = book["Sở, ban, ngành"]
    assert [c.value for c in sheet[3]] == [
        "TT", "Đơn vị", "1.1 Lãnh đạo quan tâm, chỉ đạo chuyển đổi số", "1.2 Tuyên truyền, phổ biến về chuyển đổi số",
        "2.1 Kế hoạch chuyển đổi số hằng năm", "2.2 Quy chế, chính sách thúc đẩy chuyển đổi số",
        "3.1 Hạ tầng kỹ thuật: máy tính, mạng, kết nối", "3.2 Sử dụng các nền tảng số dùng chung",
        "4.1 Cán bộ phụ trách chuyển đổi số", "4.2 Đào tạo, bồi dưỡng kỹ năng số",
        "5.1 Phê duyệt cấp độ an toàn hệ thống thông tin", "5.2 Giám sát, ứng cứu sự cố an toàn thông tin",
        "6.1 Dịch vụ công trực tuyến", "6.2 Điều hành, xử lý văn bản trên môi trường số",
        "6.3 Chia sẻ, khai thác dữ liệu số", "Tổng điểm", "Không xếp hạng", "Tên năm trước", "Xếp hạng năm trước"]
    # each main index over its components' columns, in the row above the header
    assert sorted(map(str, sheet.merged_cells.ranges)) == ["C2:D2", "E2:F2", "G2:H2", "I2:J2", "K2:L2", "M2:O2"]
    assert (sheet["C2"].value, sheet["M2"].value) == ("1 Nhận thức số", "6 Hoạt động chính quyền số")
    assert sheet["P4"].value == '=IF(B4="","",SUM(C4:O4))'  # every weight 1: one SUM
    assert all(sheet.cell(r, c).value is None for r in range(4, 204) for c in (1, 2, 17, 18, 19))
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert len(rules) == 13 and rules["C4:C203"].type == "custom"
    assert rules["C4:C203"].formula1 == ('OR(AND(ISNUMBER(C4),C4>=0,C4<=40),UPPER(TRIM(C4))="KAD",'
                                        'UPPER(TRIM(C4))="KHÔNG ÁP DỤNG")')
    assert rules["M4:M203"].formula1.startswith("OR(AND(ISNUMBER(M4),M4>=0,M4<=200),")
    assert "hoặc KAD" in rules["C4:C203"].error and rules["C4:C203"].allow_blank
    for rule in rules.values():  # Excel's limits, past which it "repairs" the file
        assert len(rule.promptTitle) <= 32 and len(rule.prompt) <= 255 and len(rule.error) <= 255
    assert rules["C4:C203"].promptTitle == "1.1 Lãnh đạo quan tâm, chỉ đạo …"


def test_init_takes_either_dti_or_from(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "moi.xlsx"), "--dti", "--from", str(SAMPLE)])
    assert result.exit_code == 2 and "chỉ dùng một trong hai tùy chọn --dti và --from." in result.output
    assert not (tmp_path / "moi.xlsx").exists()


def test_a_dti_workbook_filled_in_is_valid_and_gives_its_notice(tmp_path):
    path = tmp_path / "dti.xlsx"
    api.init(path, dti=True)
    book = load_workbook(path)
    fill_info(book)
    for name in ("Sở, ban, ngành", "UBND xã, phường"):
        sheet = book[name]
        leaves = [c.column for c in sheet[3] if c.value and c.value[0].isdigit()]
        for i, unit in enumerate(("Đơn vị A", "Đơn vị B", "Đơn vị C")):
            sheet.cell(4 + i, 2).value = unit
            for n, col in enumerate(leaves):
                sheet.cell(4 + i, col).value = "KAD" if (i, n) == (1, 0) else 10 + i + n
    book["Sở, ban, ngành"]["Q6"] = "Mới thành lập"  # Không xếp hạng
    book.save(path)
    assessment, report = api.check(path)
    assert assessment is not None, report.lines()
    departments, communes = assessment.groups
    assert [c.code for c in departments.criteria] == list("123456")
    assert [c.code for c in communes.criteria] == list("12345678")
    assert len(departments.leaves) == 13 and departments.maximum == communes.maximum == 1000
    assert departments.scores.loc["Đơn vị B", "Lãnh đạo quan tâm, chỉ đạo chuyển đổi số"] is None
    assert departments.not_ranked == {"Đơn vị C": "Mới thành lập"}
    result = api.generate(path, tmp_path / "out")
    assert result.ok, result.report.lines()
    ranking = docx_tables(result.docx)[0]
    assert ranking[0] == ["TT", "Sở, ban, ngành", "Tỷ lệ (%)"] and len(ranking) == 3  # Đơn vị C is not ranked


def test_init_dti_leaves_room_for_200_units_and_init_from_for_50_more_than_last_year(tmp_path):
    api.init(tmp_path / "dti.xlsx", dti=True)
    sheet = load_workbook(tmp_path / "dti.xlsx")["UBND xã, phường"]
    assert sheet["A203"].value is None and sheet.max_row == 203  # rows 4 to 203: 200 units
    assert all(str(rule.sqref).endswith("203") for rule in sheet.data_validations.dataValidation)
    last = Spec()
    last.scores["Sở"] = [last.scores["Sở"][0], *((u, f"Xã {u}", 50, 25) for u in range(1, 181))]
    api.init(tmp_path / "sau.xlsx", last.write(tmp_path / "truoc.xlsx"))
    sheet = load_workbook(tmp_path / "sau.xlsx")["Sở"]
    assert sheet["B183"].value == "Xã 180" and sheet.max_row == 3 + 180 + 50
    assert sheet["E233"].value == '=IF(B233="","",SUM(C233:D233))'


def recalculated(path: Path, tmp_path: Path) -> Path:
    """`path` as LibreOffice saves it after computing its formulas, as a spreadsheet program does."""
    soffice = require_soffice()
    run = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                          "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo"), str(path)],
                         capture_output=True, text=True, timeout=180)
    done = tmp_path / "lo" / path.name
    if not done.exists():
        # .ci/run installs Calc: there a missing one fails the test
        reason = f"LibreOffice could not open a spreadsheet (is Calc installed?): {run.stderr.strip()}"
        pytest.fail(reason) if os.environ.get("CI") else pytest.skip(reason)
    return done


def test_the_dti_workbook_edited_as_its_guide_invites_still_gives_its_document(tmp_path):
    # A weight changed, a score typed as "45,5", KAD, 180 communes; LibreOffice stores its formulas' values.
    path = tmp_path / "dti.xlsx"
    api.init(path, dti=True)
    book = load_workbook(path)
    fill_info(book)
    criteria = book["Tiêu chí"]
    row = next(r for r in criteria.iter_rows(min_row=2) if (r[0].value, r[1].value) == ("Sở, ban, ngành", "2"))
    row[4].value = 0.5  # `Trọng số` of 2 Thể chế số (components 2.1 and 2.2: columns E and F)
    for name, units in (("Sở, ban, ngành", 3), ("UBND xã, phường", 180)):
        sheet = book[name]
        leaves = [c.column for c in sheet[3] if c.value and c.value[0].isdigit()]
        for i in range(units):
            sheet.cell(4 + i, 2).value = f"Đơn vị {i + 1}"
            for col in leaves:
                sheet.cell(4 + i, col).value = 10
    departments = book["Sở, ban, ngành"]
    departments["C5"] = "12,5"  # 1.1 of Đơn vị 2, typed as text
    departments["G6"] = "KAD"  # 3.1 of Đơn vị 3
    book.save(path)
    result = api.generate(recalculated(path, tmp_path), tmp_path / "out")
    assert result.ok, result.report.lines()
    unseen = [(p.cell, p.params["causes"]) for p in result.report.problems if p.code == "sum_formula_unseen"]
    weight, text = texts.SUM_CAUSE_WEIGHT, texts.SUM_CAUSE_TEXT.format(cells="C5")
    # 13 components of 10; 2.1 and 2.2 count half: xephang's 120, the formula's 130
    assert unseen == [("P4", weight), ("P5", f"{text}; {weight}"), ("P6", weight)]
    assert [p.code for p in result.report.problems if p.code != "sum_formula_unseen"] == ["score_text_number"]
    communes = docx_tables(result.docx)[2]  # after the departments' overall and own rankings
    assert communes[0][1] == "UBND xã, phường" and len(communes) == 1 + 180


WEIGHTED = authoring.DraftGroup("Sở", "CÁC SỞ", (
    Criterion("Nhận thức số", Decimal(100), code="1", weight=Decimal("0.4"), children=(
        Criterion("Lãnh đạo", Decimal(40), code="1.1"), Criterion("Tuyên truyền", Decimal(60), code="1.2"))),
    Criterion("Thể chế số", Decimal(200), code="2", weight=Decimal("0.35"), children=(
        Criterion("Kế hoạch", Decimal(50), code="2.1", weight=Decimal(2)), Criterion("Quy chế", Decimal(100), code="2.2"))),
    Criterion("Hạ tầng số", Decimal(100), code="3", weight=Decimal("0.25")),
), ("Sở A", "Sở B"))


def weighted_workbook() -> bytes:
    return authoring.new_workbook(authoring.Draft(authoring.DEFAULT_DRAFT.info, (WEIGHTED,), (), 2025, True))


def test_the_total_is_the_weighted_sum_of_the_leaves_a_sum_per_run_of_one_weight():
    sheet = load_workbook(io.BytesIO(weighted_workbook()))["Sở"]
    assert [c.value for c in sheet[3]] == ["TT", "Đơn vị", "1.1 Lãnh đạo", "1.2 Tuyên truyền", "2.1 Kế hoạch",
                                          "2.2 Quy chế", "3 Hạ tầng số", "Tổng điểm"]
    # 1.1 and 1.2 count 0.4; 2.1 counts its weight 2 times its parent's 0.35; 3 is a top-level leaf
    assert sheet["H4"].value == '=IF(B4="","",SUM(C4:D4)*0.4+SUM(E4)*0.7+SUM(F4)*0.35+SUM(G4)*0.25)'
    assert sorted(map(str, sheet.merged_cells.ranges)) == ["C2:D2", "E2:F2"]
    assert sheet["G2"].value is None  # a top-level leaf has nothing above it


def test_libreoffice_computes_the_weighted_total_past_kad_and_applies_the_score_rule(tmp_path):
    # What a spreadsheet makes of the formulas: LibreOffice recalculates a file that holds no values.
    soffice = require_soffice()
    book = load_workbook(io.BytesIO(weighted_workbook()))
    sheet = book["Sở"]
    for col, a, b in zip("CDEFG", (30, "KAD", 40, 80, 90), (40, 60, 50, 100, 100)):
        sheet[f"{col}4"], sheet[f"{col}5"] = a, b
    # The rule of the 1.1 column (0 to 40, or KAD), evaluated in a cell beside each value tried.
    rule = next(r for r in sheet.data_validations.dataValidation if str(r.sqref).startswith("C4:"))
    tried = (0, 40, 41, -1, 40.5, "KAD", " kad ", "Không áp dụng", "abc")
    for i, value in enumerate(tried):
        sheet.cell(70 + i, 3).value = value
        sheet.cell(70 + i, 10).value = "=" + re.sub(r"\bC4\b", f"C{70 + i}", rule.formula1)
    book.save(tmp_path / "tinh.xlsx")
    run = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                          "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo"), str(tmp_path / "tinh.xlsx")],
                         capture_output=True, text=True, timeout=180)
    if not (tmp_path / "lo" / "tinh.xlsx").exists():
        # .ci/run installs Calc: there a missing one fails the test
        reason = f"LibreOffice could not open a spreadsheet (is Calc installed?): {run.stderr.strip()}"
        pytest.fail(reason) if os.environ.get("CI") else pytest.skip(reason)
    computed = load_workbook(tmp_path / "lo" / "tinh.xlsx", data_only=True)["Sở"]
    assert computed["H4"].value == 30 * 0.4 + 40 * 0.7 + 80 * 0.35 + 90 * 0.25 == 90.5
    assert computed["H5"].value == 135  # the group's maximum: 0.4 * 100 + 0.35 * 200 + 0.25 * 100
    assert computed["H6"].value is None  # a spare row
    allowed = [computed.cell(70 + i, 10).value for i in range(len(tried))]
    assert allowed == [True, True, False, False, False, True, True, True, False]


def version2_last_year(folder) -> Spec:
    """Last year's version-2 workbook: a weighted tree, KAD, a unit not ranked, no grade scale and
    every setting other than its default."""
    spec = Spec()
    spec.info += [("Xếp hạng theo", "Tỷ lệ"), ("Hiển thị", "Chỉ số"), ("Số chữ số thập phân", 3),
                  ("Tên cột điểm", "Chỉ số DTI"), ("Chi tiết đến cấp", 2)]
    spec.set_info("Khi bằng điểm", "Đồng hạng")
    spec.criteria = [("Khối", "Mã", "Tiêu chí", "Điểm tối đa", "Trọng số", "Xếp hạng riêng"),
                     ("Sở", "1", "Nhận thức số", None, 0.4, None),
                     ("Sở", "1.1", "Lãnh đạo", 40, None, None),
                     ("Sở", "1.2", "Tuyên truyền", 60, None, None),
                     ("Sở", "2", "Chính quyền số", None, 0.6, "Chỉ số chính quyền số"),
                     ("Sở", "2.1", "Dịch vụ công", 100, None, None)]
    spec.grades = None
    spec.scores = {"Sở": [("TT", "Đơn vị", "1.1 Lãnh đạo", "1.2 Tuyên truyền", "2.1 Dịch vụ công", "Không xếp hạng"),
                          (1, "Sở A", 30, 50, 90, None),
                          (2, "Sở B", 40, 60, "KAD", None),
                          (3, "Sở C", 20, 30, 50, "Mới thành lập")]}
    return spec


def test_init_from_a_version_2_workbook_carries_its_tree_weights_settings_and_last_years_results(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where `generate` writes by default: output/ of the folder it runs in
    last = version2_last_year(tmp_path).write(Path("input", "2024.xlsx"))
    api.init(Path("input", "truoc-khi-tao-ket-qua.xlsx"), last)
    assert info_of(load_workbook("input/truoc-khi-tao-ket-qua.xlsx"))["Kết quả năm trước"] is None
    assert api.generate(last, Path("output")).ok

    report = api.init(Path("input", "2025"), last)
    assert report.valid
    book = load_workbook("input/2025.xlsx")
    info = info_of(book)
    assert info["Năm đánh giá"] == 2025 and info["Số, ký hiệu"] is None
    assert [info[label] for label in ("Xếp hạng theo", "Hiển thị", "Số chữ số thập phân", "Tên cột điểm",
                                      "Chi tiết đến cấp", "Khi bằng điểm", "Kết quả năm trước")] == [
        "Tỷ lệ", "Chỉ số", 3, "Chỉ số DTI", 2, "Đồng hạng", "../output/2024.ketqua.xlsx"]
    assert sheet_rows(book["Tiêu chí"]) == [
        ["Khối", "Mã", "Tiêu chí", "Điểm tối đa", "Trọng số", "Xếp hạng riêng"],
        ["Sở", "1", "Nhận thức số", None, 0.4, None],
        ["Sở", "1.1", "Lãnh đạo", 40, 1, None],
        ["Sở", "1.2", "Tuyên truyền", 60, 1, None],
        ["Sở", "2", "Chính quyền số", None, 0.6, "Chỉ số chính quyền số"],
        ["Sở", "2.1", "Dịch vụ công", 100, 1, None]]
    assert sheet_rows(book["Xếp loại"]) == [["Xếp loại", "Từ (% điểm tối đa)"]]
    sheet = book["Sở"]
    assert sheet_rows(sheet, 3)[:4] == [
        ["TT", "Đơn vị", "1.1 Lãnh đạo", "1.2 Tuyên truyền", "2.1 Dịch vụ công", "Tổng điểm", "Không xếp hạng",
         "Tên năm trước"],
        [1, "Sở A", None, None, None, '=IF(B4="","",SUM(C4:D4)*0.4+SUM(E4)*0.6)', None, None],
        [2, "Sở B", None, None, None, '=IF(B5="","",SUM(C5:D5)*0.4+SUM(E5)*0.6)', None, None],
        [3, "Sở C", None, None, None, '=IF(B6="","",SUM(C6:D6)*0.4+SUM(E6)*0.6)', None, None]]

    # This year: Sở C renamed, its scores in; the notice ranks against last year's results.
    for row, unit, scores in ((4, "Sở A", (35, 55, 95)), (5, "Sở B", (38, 58, "KAD")), (6, "Sở Cờ", (40, 60, 100))):
        sheet.cell(row, 2).value = unit
        for col, score in enumerate(scores, 3):
            sheet.cell(row, col).value = score
    sheet["H6"] = "Sở C"  # Tên năm trước
    book.save("input/2025.xlsx")
    assessment, report = api.check(Path("input", "2025.xlsx"))
    assert assessment is not None, report.lines()
    assert assessment.groups[0].criteria == api.check(last)[0].groups[0].criteria
    assert assessment.groups[0].previous_names == {"Sở Cờ": "Sở C"}
    result = api.generate(Path("input", "2025.xlsx"), Path("output"))
    assert result.ok, result.report.lines()
    assert docx_tables(result.docx)[0][0][-2:] == ["Xếp hạng năm trước", "Tăng/giảm"]


def test_init_from_a_2014_workbook_writes_it_as_it_was_even_beside_its_results(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert api.generate(SAMPLE, Path("output")).ok  # output/khanh-hoa-2014.ketqua.xlsx is there
    api.init(Path("2015.xlsx"), SAMPLE)
    book = load_workbook("2015.xlsx")
    assert info_of(book)["Kết quả năm trước"] is None
    assert [c.value for c in book["Tiêu chí"][1]] == ["Khối", "Tiêu chí", "Điểm tối đa", "Xếp hạng riêng"]
    assert [c.value for c in book["Sở, ban, ngành"][3]][-1] == "Tổng điểm"
    assert all(rule.type == "decimal" for rule in book["Sở, ban, ngành"].data_validations.dataValidation)
    assert not authoring.uses_version2(api.check(SAMPLE)[0])


def test_the_guide_tells_the_version_2_columns_and_labels():
    guide = " ".join(GUIDE_LINES)
    for words in ("'Mã'", "'Trọng số'", "KAD", "'Không xếp hạng'", "'Tên năm trước'", "'Xếp hạng năm trước'",
                  "'Kết quả năm trước'", "'Xếp hạng theo'", "'Hiển thị'", "'Số chữ số thập phân'", "'Tên cột điểm'",
                  "'Chi tiết đến cấp'"):
        assert words in guide, words


def test_the_guide_spells_the_councils_symbol_as_written():
    # Hội đồng Thẩm định: HĐTĐ, as the 2025 notice writes it; "HĐTD" dropped the Đ's stroke.
    guide = " ".join(GUIDE_LINES)
    assert "'/TB-HĐTĐ'" in guide and "HĐTD" not in guide


def test_each_choice_of_thong_tin_is_picked_from_a_list(tmp_path):
    # issue 19: the workbook had no lists to pick `Khi bằng điểm`, `Xếp hạng theo`, `Hiển thị`, `Loại văn bản`,
    # `Hình thức`
    api.init(tmp_path / "dti.xlsx", dti=True)
    sheet = load_workbook(tmp_path / "dti.xlsx")["Thông tin"]
    row_of = {row[0].value: row[1].coordinate for row in sheet.iter_rows(min_row=2)}
    lists = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    expected = {"Khi bằng điểm": '"Giữ thứ tự trong bảng,Đồng hạng,Xếp hạng liền"', "Xếp hạng theo": '"Điểm,Tỷ lệ"',
                "Hiển thị": '"Điểm,Phần trăm,Chỉ số,Điểm quy đổi"', "Loại văn bản": '"Thông báo,Quyết định"',
                "Chi tiết đến cấp": '"1,2"', "Hình thức": '"Bản giấy,Bản điện tử"', "Phiếu kết quả": '"Có,Không"',
                "Chi tiết tự đánh giá": '"Có,Không"', "Bảng tổng hợp": '"Có,Không"'}
    for label, formula in expected.items():
        rule = lists[row_of[label]]
        assert (rule.type, rule.formula1, rule.allow_blank) == ("list", formula, True), label
    assert len(lists) == len(expected)


def test_the_dti_workbook_has_a_column_for_last_years_names():
    sheet = load_workbook(io.BytesIO(authoring.new_workbook(authoring.DTI_DRAFT)))["Sở, ban, ngành"]
    assert [c.value for c in sheet[3]][-3:] == ["Không xếp hạng", "Tên năm trước", "Xếp hạng năm trước"]


@pytest.mark.parametrize("form, carried", [("Bản điện tử", "Bản điện tử"), ("Bản giấy", None)])
def test_init_from_keeps_an_electronic_form_and_leaves_the_default_empty(form, carried, tmp_path):
    spec = Spec().set_info("Số, ký hiệu", "/TB-HĐTD").set_info("Ngày ban hành", None)
    spec.info.append(("Hình thức", form))
    api.init(tmp_path / "2025.xlsx", spec.write(tmp_path / "2024.xlsx"))
    assert info_of(load_workbook(tmp_path / "2025.xlsx"))["Hình thức"] == carried
    assert "'Hình thức'" in " ".join(GUIDE_LINES)


def test_init_from_carries_bonus_and_penalty_points_and_subtracts_the_penalty_in_the_total(tmp_path):
    # contract version 3 (`builders.extras_spec`): `Loại` carried; the total's formula adds the
    # bonus 1.3 with its parent's children and subtracts the penalty 3, weighted 0,5.
    api.init(tmp_path / "2025.xlsx", extras_spec().write(tmp_path / "2024.xlsx"))
    book = load_workbook(tmp_path / "2025.xlsx")
    assert [row[-1] for row in sheet_rows(book["Tiêu chí"])] == [
        "Loại", None, None, None, "Điểm thưởng", None, "Điểm trừ"]
    total = sheet_rows(book["Sở"], 3)[1][7]
    assert total == '=IF(B4="","",SUM(C4:E4)+SUM(F4)*2-SUM(G4)*0.5)'


def test_a_total_typed_or_summed_with_a_penalty_subtracted_is_checked_as_such(tmp_path):
    spec = extras_spec()
    spec.scores["Sở"] = [(*row, "Tổng điểm" if i == 0 else total)
                         for i, (row, total) in enumerate(zip(spec.scores["Sở"], [None, 210, 135, -10]))]
    _, report = api.check(spec.write(tmp_path / "nam.xlsx"))
    # B: 50 + 2 × 40 − 0,5 × 10 = 125, not the 135 that adds the penalty
    assert report.flatten(["code", "cell"]) == [["total_mismatch", "H3"]]
    assert "tổng điểm ghi 135 nhưng cộng các tiêu chí được 125" in report.lines()[0]
