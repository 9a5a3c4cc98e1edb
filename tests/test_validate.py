"""Every bad input gets a clear answer at its exact cell; accepted oddities are accepted."""

from __future__ import annotations

import datetime
import re
import unicodedata

import pytest

from builders import Spec, edited, merge, patched
from generator import api, validate
from generator.model import IssueDate


def check(spec: Spec):
    """Validates `spec` in memory, its cells as reading the written file would give them."""
    return validate.validate(spec.raw())


def check_file(spec: Spec, tmp_path):
    """Validates `spec` written to an .xlsx and read back, for what only a file holds: formulas
    without cached values, date cells."""
    return api.check(spec.write(tmp_path / "book.xlsx"))


def problems(spec: Spec, keys=("code", "sheet", "cell")):
    assessment, report = check(spec)
    return report.flatten(list(keys))


def with_score(row: int, col: int, value) -> Spec:
    """The default workbook with one score cell changed (row 1 = first unit, col 2 = first criterion)."""
    spec = Spec()
    cells = list(spec.scores["Sở"][row])
    cells[col] = value
    spec.scores["Sở"][row] = tuple(cells)
    return spec


def test_the_default_workbook_is_valid():
    assessment, report = check(Spec())
    assert report.problems == [] and assessment is not None


def test_message_names_sheet_cell_unit_and_criterion():
    _, report = check(with_score(1, 3, 95))
    assert [p.message() for p in report.problems] == [
        "Sheet 'Sở', ô D2 (Sở A – Cổng TTĐT): 95 vượt điểm tối đa 50."]


@pytest.mark.parametrize("value, code", [
    (101, "score_above_maximum"), (-1, "score_negative"), ("chín mươi", "score_not_number"),
    (None, "score_missing"), ("", "score_missing"), (True, "score_boolean"),
])
def test_bad_scores_are_errors_at_their_cell(value, code):
    assert problems(with_score(2, 2, value), ("code", "sheet", "cell", "unit", "criterion")) == [
        [code, "Sở", "C3", "Sở B", "Hạ tầng"]]


@pytest.mark.parametrize("text, number", [("97", "97"), ("97,5", "97,5"), ("97.5", "97,5")])
def test_text_that_is_exactly_a_number_is_accepted_with_a_warning(text, number):
    assessment, report = check(with_score(1, 2, text))
    assert assessment is not None
    assert report.flatten(["severity", "code", "cell"]) == [["warning", "score_text_number", "C2"]]
    assert report.problems[0].message().endswith(f"đã hiểu là số {number}.")


def test_all_problems_are_reported_at_once():
    spec = with_score(1, 2, 101)
    spec.scores["Sở"][3] = (3, "Sở C", -5, "x")
    assert problems(spec) == [
        ["score_above_maximum", "Sở", "C2"], ["score_negative", "Sở", "C4"], ["score_not_number", "Sở", "D4"]]


def test_same_unit_twice_in_a_group():
    spec = Spec()
    spec.scores["Sở"][3] = (3, " sở  a ", 60, 20)
    assert problems(spec, ("code", "cell", "params")) == [["unit_repeated", "B4", {"first_cell": "B2"}]]


def test_criterion_column_missing():
    spec = Spec()
    spec.scores["Sở"] = [row[:3] for row in spec.scores["Sở"]]
    assert problems(spec, ("code", "sheet", "cell", "params")) == [
        ["column_missing", "Sở", "D1", {"column": "Cổng TTĐT"}]]


def test_group_score_sheet_missing():
    spec = Spec()
    spec.scores = {}
    assert problems(spec, ("code", "params")) == [["sheet_missing", {"sheet_name": "Sở"}]]


@pytest.mark.parametrize("sheet, name, then", [
    ("info", "Thông tin", []),
    # Without `Khối` no group is declared, so each criterion's group is unknown.
    ("groups", "Khối", [["criterion_group_unknown", "Tiêu chí", "A2", {}], ["criterion_group_unknown", "Tiêu chí", "A3", {}]]),
    ("criteria", "Tiêu chí", []),  # and no "khối chưa có tiêu chí" on top: the sheet is what is missing
])
def test_required_sheet_missing(sheet, name, then):
    spec = Spec()
    setattr(spec, sheet, None)
    assert problems(spec, ("code", "sheet", "cell", "params")) == [
        ["sheet_missing", None, None, {"sheet_name": name}], *then]


@pytest.mark.parametrize("grades", [None, [], [("Xếp loại", "Từ (% điểm tối đa)")]])
def test_without_a_grade_scale_there_are_no_grades(grades):
    # Version 2: the `Xếp loại` sheet is optional; missing, empty or with no grade, no scale.
    spec = Spec()
    spec.grades = grades
    assessment, report = check(spec)
    assert report.problems == [] and assessment is not None and assessment.grades is None


def test_group_in_criteria_not_declared():
    spec = Spec()
    spec.criteria.append(("Huyện", "Hạ tầng", 100, None))
    assert problems(spec) == [["criterion_group_unknown", "Tiêu chí", "A4"]]


@pytest.mark.parametrize("name", ["TT", "đơn vị", "Tổng điểm", "Tổng điểm đánh giá", "Không xếp hạng",
                                  "Tên năm trước", " XẾP HẠNG NĂM TRƯỚC "])
def test_a_criterion_named_as_a_score_sheets_own_column_is_an_error_at_its_name(name):
    # A score sheet's column headed so would be read as both; the criterion's name must differ.
    spec = Spec()
    spec.criteria[2] = ("Sở", name, 30, None)
    spec.scores["Sở"] = [("TT", "Đơn vị", "Hạ tầng", name), (1, "Sở A", 90, 0)]
    # first of all; the sheet's column then reads as what it is named (a total, a rank…)
    assert problems(spec)[0] == ["criterion_name_reserved", "Tiêu chí", "B3"]
    _, report = check(spec)
    assert "một cột của bảng điểm" in report.problems[0].message()


@pytest.mark.parametrize("value", [0, -10, "một trăm", None])
def test_maximum_not_a_positive_number(value):
    spec = Spec()
    spec.criteria[1] = ("Sở", "Hạ tầng", value, None)
    assert ["maximum_invalid", "Tiêu chí", "C2"] in problems(spec)


def test_grade_scale_not_descending():
    spec = Spec()
    spec.grades[3] = ("Trung bình", 75)
    assert problems(spec) == [["thresholds_not_descending", "Xếp loại", "B4"]]


def test_grade_scale_lowest_threshold_not_zero():
    spec = Spec()
    spec.grades[4] = ("Yếu", 10)
    assert problems(spec) == [["lowest_threshold_not_zero", "Xếp loại", "B5"]]


def test_total_column_that_disagrees_with_the_sum():
    spec = Spec()
    spec.scores["Sở"] = [spec.scores["Sở"][0] + ("Tổng điểm",), (1, "Sở A", 90, 40, 130), (2, "Sở B", 100, 45, 140)]
    _, report = check(spec)
    assert report.flatten(["code", "cell"]) == [["total_mismatch", "E3"]]
    assert report.problems[0].message() == "Sheet 'Sở', ô E3 (Sở B – Tổng điểm): tổng điểm ghi 140 nhưng cộng các tiêu chí được 145."


def test_total_column_of_formulas_without_cached_values_is_recomputed(tmp_path):
    # openpyxl, like any program, writes formulas with no cached value.
    spec = Spec()
    spec.scores["Sở"] = [spec.scores["Sở"][0] + ("Tổng điểm",)] + [
        row + (f"=SUM(C{i}:D{i})",) for i, row in enumerate(spec.scores["Sở"][1:], start=2)]
    assessment, report = check_file(spec, tmp_path)
    assert report.problems == [] and assessment is not None


@pytest.mark.parametrize("label", ["Số, ký hiệu", "Người ký", "Ngày ban hành"])
def test_required_information_missing(label):
    spec = Spec()
    spec.info = [row for row in spec.info if row[0] != label]
    assert problems(spec, ("code", "sheet", "label")) == [["info_missing", "Thông tin", label]]


@pytest.mark.parametrize("value", ["32/01/2015", "ngày 8 tháng 1", 12.5])
def test_date_that_is_not_a_date(value):
    spec = Spec().set_info("Ngày ban hành", value)
    assert problems(spec) == [["date_invalid", "Thông tin", "B6"]]


@pytest.mark.parametrize("value", [datetime.date(2015, 1, 8), datetime.datetime(2015, 1, 8), "08/01/2015", "8/1/2015"])
def test_excel_date_or_dd_mm_yyyy_text(tmp_path, value):
    assessment, report = check_file(Spec().set_info("Ngày ban hành", value), tmp_path)
    assert report.problems == [] and assessment.info.date == IssueDate(2015, 1, 8)
    assert not assessment.info.draft


def test_decomposed_vietnamese_is_matched_and_stored_as_nfc():
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    spec = Spec()
    spec.info = [(nfd(k), nfd(v) if isinstance(v, str) else v) for k, v in spec.info]
    spec.criteria = [tuple(nfd(c) if isinstance(c, str) else c for c in row) for row in spec.criteria]
    spec.scores = {nfd("Sở"): [tuple(nfd(c) if isinstance(c, str) else c for c in row) for row in spec.scores["Sở"]]}
    assessment, report = check(spec)
    assert report.problems == []
    assert assessment.groups[0].scores.index.tolist() == ["Sở A", "Sở B", "Sở C"]
    assert assessment.info.signer == "Nguyễn Văn A"
    assert all(unicodedata.is_normalized("NFC", u) for u in assessment.groups[0].scores.index)


def test_title_rows_above_the_header():
    spec = Spec()
    spec.scores["Sở"] = [("BẢNG ĐIỂM KHỐI SỞ",), (), *spec.scores["Sở"]]
    assessment, report = check(spec)
    assert report.problems == [] and len(assessment.groups[0].scores) == 3


def test_unknown_information_label_is_a_warning():
    spec = Spec()
    spec.info.append(("Ghi chú", "x"))
    assessment, report = check(spec)
    assert assessment is not None
    assert report.flatten(["severity", "code", "cell"]) == [["warning", "info_unknown", "A17"]]


@pytest.mark.parametrize("content, reason", [
    (b"this is not a workbook", "không phải bảng tính Excel"),
    (b"PK\x03\x04 truncated zip", "tệp bị hỏng"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "mật khẩu"),
])
def test_unreadable_file_is_one_line_naming_the_file(tmp_path, content, reason):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(content)
    assessment, report = api.check(path)
    assert assessment is None
    assert len(report.lines()) == 1 and reason in report.lines()[0]
    assert report.source == "hong.xlsx"


def test_required_information_present_but_empty_points_at_the_cell_to_fill():
    spec = Spec().set_info("Người ký", None)
    assert problems(spec, ("code", "cell", "label")) == [["info_empty", "B15", "Người ký"]]


def test_score_problems_are_listed_row_by_row():
    spec = Spec()
    spec.scores["Sở"][1] = (1, "Sở A", 90, 99)
    spec.scores["Sở"][2] = (2, "Sở B", -1, 45)
    assert problems(spec, ("cell",)) == [["D2"], ["C3"]]


# --- nothing published wrong: every unit either printed or named in a problem ----------------


def units_of(assessment) -> list[str]:
    return assessment.groups[0].scores.index.tolist()


def test_a_blank_row_between_units_is_skipped_with_a_warning_not_the_end_of_the_table():
    spec = Spec()
    spec.scores["Sở"][2:2] = [(), (None, None, None, None)]  # rows 3 and 4 blank, Sở B moves to row 5
    assessment, report = check(spec)
    assert units_of(assessment) == ["Sở A", "Sở B", "Sở C"]
    assert report.flatten(["severity", "code", "cell"]) == [["warning", "rows_blank", "B3"]]
    assert report.problems[0].message() == "Sheet 'Sở', ô B3: các dòng 3–4 trống giữa các đơn vị, đã bỏ qua."


def test_a_row_with_scores_but_no_name_is_an_error_at_its_name_cell():
    spec = Spec()
    spec.scores["Sở"][2] = (2, None, 100, 45)
    assert problems(spec) == [["unit_missing", "Sở", "B3"]]


def test_rows_numbered_in_advance_and_spare_total_formulas_are_not_units(tmp_path):
    spec = Spec()
    spec.scores["Sở"][0] += ("Tổng điểm",)
    spec.scores["Sở"][1:] = [row + (f"=SUM(C{i}:D{i})",) for i, row in enumerate(spec.scores["Sở"][1:], 2)]
    spec.scores["Sở"] += [(n, None, None, None, f"=SUM(C{n + 1}:D{n + 1})") for n in range(4, 20)]
    assessment, report = check_file(spec, tmp_path)
    assert report.problems == [] and units_of(assessment) == ["Sở A", "Sở B", "Sở C"]


def test_a_hidden_unit_row_is_published_with_a_warning(tmp_path):
    def hide(book):
        book["Sở"].row_dimensions[3].hidden = True

    assessment, report = api.check(edited(Spec().write(tmp_path / "b.xlsx"), hide))
    assert units_of(assessment) == ["Sở A", "Sở B", "Sở C"]
    assert report.flatten(["severity", "code", "cell", "unit"]) == [["warning", "unit_row_hidden", "B3", "Sở B"]]


@pytest.mark.parametrize("other, hidden", [
    ("Sở ", False), (unicodedata.normalize("NFD", "sở"), False), ("Sở\u200b", True),
])
def test_two_sheets_for_one_group_are_an_error_naming_both(tmp_path, other, hidden):
    def copy_with_zeros(book):
        copy = book.copy_worksheet(book["Sở"])
        copy.title = other
        for row in copy.iter_rows(min_row=2, min_col=3):
            for cell in row:
                cell.value = 0
        copy.sheet_state = "hidden" if hidden else "visible"

    assessment, report = api.check(edited(Spec().write(tmp_path / "b.xlsx"), copy_with_zeros))
    assert assessment is None
    assert report.flatten(["code"]) == [["sheet_ambiguous"]]
    message = report.problems[0].message()
    shown = unicodedata.normalize("NFC", other).replace("\u200b", "")
    assert "'Sở'" in message and f"'{shown}'" + (" (đang ẩn)" if hidden else "") in message


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\ufeff", "\u00a0", "\u00ad"])
def test_names_that_differ_only_by_invisible_characters_are_the_same_unit(invisible):
    spec = Spec()
    spec.scores["Sở"][3] = (3, f"Sở{invisible} A{invisible}", 60, 20)
    assert problems(spec, ("code", "cell")) == [["unit_repeated", "B4"]]


@pytest.mark.parametrize("value, code, shown", [
    ("1.000", "score_thousands", "1.000"), ("12.500", "score_thousands", "12.500"),
    (False, "score_boolean", "FALSE"), (datetime.date(2025, 5, 9), "score_date", "09/05/2025"),
    (datetime.datetime(2025, 5, 9, 0, 0), "score_date", "09/05/2025"),
])
def test_what_is_not_a_score_is_an_error_that_says_what_was_found(tmp_path, value, code, shown):
    _, report = check_file(with_score(2, 2, value), tmp_path)
    assert report.flatten(["code", "cell", "value"]) == [[code, "C3", shown]]
    assert shown in report.problems[0].message()


@pytest.mark.parametrize("xml, code, shown", [
    ('<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>', "score_formula_error", "#DIV/0!"),
    ('<c r="C3" t="e"><v>#N/A</v></c>', "score_formula_error", "#N/A"),
    ('<c r="C3"><v>NaN</v></c>', "score_not_finite", "nan"),
])
def test_error_cells_and_nan_are_errors_at_their_cell(tmp_path, xml, code, shown):
    book = Spec().write(tmp_path / "b.xlsx")
    patched(book, "xl/worksheets/sheet5.xml", lambda text: re.sub(r'<c r="C3"[^>]*>.*?</c>', xml, text))
    _, report = api.check(book)
    assert report.flatten(["code", "cell", "unit", "criterion"]) == [[code, "C3", "Sở B", "Hạ tầng"]]
    assert shown in report.problems[0].message()


def test_the_notices_own_two_row_header_is_accepted(tmp_path):
    # TT and Đơn vị merged down over two rows, "Trong đó" merged across the criteria.
    spec = Spec()
    spec.scores["Sở"] = [("TT", "Đơn vị", "Tổng điểm đánh giá", "Trong đó", None),
                         (None, None, None, "Hạ tầng", "Cổng TTĐT"),
                         (1, "Sở A", 130, 90, 40), (2, "Sở B", 145, 100, 45)]
    book = merge(spec.write(tmp_path / "b.xlsx"), "Sở", {}, ["A1:A2", "B1:B2", "C1:C2", "D1:E1"])
    assessment, report = api.check(book)
    assert report.problems == [] and units_of(assessment) == ["Sở A", "Sở B"]
    assert assessment.groups[0].scores.loc["Sở B", "Cổng TTĐT"] == 45


def test_each_information_problem_names_its_field():
    _, report = check(Spec().set_info("Ngày ban hành", "32/13/2015"))
    assert report.lines() == ["Lỗi: Sheet 'Thông tin', mục 'Ngày ban hành' (ô B6): '32/13/2015' không phải là "
                              "ngày; hãy nhập ngày dạng dd/mm/yyyy, ví dụ 08/01/2015 (bản dự thảo: để trống, "
                              "hoặc chỉ tháng và năm, ví dụ 01/2015)."]


@pytest.mark.parametrize("number, date, issued", [
    (None, None, IssueDate(2025)),
    ("/TB-HĐTD", "01/2025", IssueDate(2025, 1)),
    ("01/TB-HĐTD", None, IssueDate(2025)),
    ("  /TB-HĐTD", datetime.date(2025, 1, 8), IssueDate(2025, 1, 8)),
])
def test_a_draft_before_the_number_is_given_is_valid(number, date, issued):
    spec = Spec().set_info("Số, ký hiệu", number).set_info("Ngày ban hành", date)
    assessment, report = check(spec)
    assert report.problems == []
    assert assessment.info.draft and assessment.info.date == issued


def test_generate_on_an_unreadable_file_writes_nothing_and_keeps_the_last_notice(tmp_path):
    book, out = tmp_path / "nam.xlsx", tmp_path / "ra"
    Spec().write(book)
    last = api.generate(book, out).docx.read_bytes()
    book.write_bytes(b"PK\x03\x04 truncated zip")  # saved over by a program that stopped half-way
    result = api.generate(book, out)
    assert result.report.flatten(["code", "severity", "sheet", "cell"]) == [["file_unreadable", "error", None, None]]
    assert "tệp bị hỏng" in result.report.lines()[0]
    assert (result.docx, result.annotated, result.failure, result.ok) == (None, None, None, False)
    assert sorted(p.name for p in out.iterdir()) == ["nam.docx", "nam.ketqua.xlsx"]  # no copy to mark: no cells
    assert (out / "nam.docx").read_bytes() == last


# --- a decision (Quyết định) --------------------------------------------------------------


def decision() -> Spec:
    """The default workbook as a decision: articles where a notice has its introductory sentence."""
    spec = Spec()
    spec.info = [(k, v) for k, v in spec.info if k != "Nội dung"]
    spec.info += [("Loại văn bản", "Quyết định"), ("Đề nghị", "Theo đề nghị của Giám đốc Sở."),
                  ("Điều", "Công bố kết quả."), ("Điều", "Quyết định có hiệu lực từ ngày ký.")]
    return spec


def test_a_decision_needs_its_articles_not_an_introductory_sentence():
    assessment, report = check(decision())
    assert report.problems == []
    info = assessment.info
    assert (info.kind.value, info.proposal, info.articles, info.intro) == (
        "decision", "Theo đề nghị của Giám đốc Sở.", ("Công bố kết quả.", "Quyết định có hiệu lực từ ngày ký."), "")


def test_a_decision_without_articles():
    spec = decision()
    spec.info = [(k, v) for k, v in spec.info if k != "Điều"]
    assert problems(spec, ("code", "label")) == [["info_missing", "Điều"]]
    spec.info.append(("Điều", None))
    assert problems(spec, ("code", "cell", "label")) == [["info_empty", f"B{len(spec.info)}", "Điều"]]


def test_a_kind_of_document_that_is_neither():
    spec = Spec()
    spec.info.append(("Loại văn bản", "Công văn"))
    _, report = check(spec)
    assert [p.message() for p in report.problems] == [
        f"Sheet 'Thông tin', mục 'Loại văn bản' (ô B{len(spec.info)}): 'Công văn' không hợp lệ; hãy ghi 'Thông báo' "
        "hoặc 'Quyết định'."]
