"""Every bad input gets a clear answer at its exact cell; accepted oddities are accepted."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal as D

import pytest

from builders import DTI_TITLE, Spec, dti_spec, edited, extras_spec, merge, patched
from generator import api, validate
from generator.model import Display, Extra, Form, IssueDate, RankBy


def check(spec: Spec):
    """Validates `spec` in memory, its cells as reading the written file would give them."""
    return validate.validate(spec.raw())


def check_file(spec: Spec, tmp_path):
    """Validates `spec` written to an .xlsx and read back, for what only a file holds: formulas
    without cached values, date cells."""
    return api.check(spec.write(tmp_path / "book.xlsx"))


def problems(spec: Spec, *given: bytes | None | tuple[str, ...]) -> list[list]:
    """`spec`'s problems flattened by keys (code, sheet and cell unless a tuple of keys is given):
    `problems(spec[, keys])`; for version 2's workbooks `problems(spec, last[, keys])`, `last`
    the results workbook its `Kết quả năm trước` reads (at /thu-muc/<typed>), the warning that
    some of last year's units are not found left out."""
    keys = next((g for g in given if isinstance(g, tuple)), ("code", "sheet", "cell"))
    if not given or isinstance(given[0], tuple):
        assessment, report = check(spec)
        return report.flatten(list(keys))
    last = given[0]
    _, report = validate.validate(spec.raw(), lambda typed: (f"/thu-muc/{typed}", last))
    return [p for p in report.flatten(list(keys)) if "last_units_not_found" not in p]


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


@pytest.mark.parametrize("typed", ["K.A.D", "k a d", "KAD.", "Khong ap dung", "không áp dụng."])
def test_what_looks_like_kad_but_is_not_says_how_to_write_it(typed):
    assert problems(with_score(2, 2, typed), ("code", "cell")) == [["score_looks_not_applicable", "C3"]]
    _, report = check(with_score(2, 2, typed))
    assert report.problems[0].message().endswith(
        f"'{typed}' không phải là số; nếu tiêu chí không áp dụng cho đơn vị, hãy ghi đúng KAD (hoặc Không áp dụng).")


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


@pytest.mark.parametrize("typed, printed", [("7/TB-HĐTĐ", "07/TB-HĐTĐ"), (" 7 /TB-HĐTĐ", "07/TB-HĐTĐ"), (7, "07")])
def test_a_number_below_10_takes_a_leading_0_and_the_warning_says_so(typed, printed):
    # Nghị định 30/2020/NĐ-CP: "Số: 07/TB-HĐTĐ"
    spec = Spec().set_info("Số, ký hiệu", typed)
    assessment, report = check(spec)
    assert report.flatten(["severity", "code", "sheet", "cell"]) == [["warning", "number_padded", "Thông tin", "B4"]]
    assert f"'{printed}'" in report.problems[0].message() and "Nghị định 30" in report.problems[0].message()
    assert assessment.info.number == printed


@pytest.mark.parametrize("typed", ["07/TB-HĐTĐ", "10/TB-HĐTĐ", "125/QĐ-UBND", "/TB-HĐTĐ", "  /TB-HĐTĐ"])
def test_a_number_of_two_digits_or_none_yet_is_as_typed(typed):
    assessment, report = check(Spec().set_info("Số, ký hiệu", typed))
    assert report.problems == [] and assessment.info.number == typed.strip()


def electronic(number: object = None, date: object = None) -> Spec:
    """The default workbook for digital signature (contract: "A document for digital signature")."""
    spec = Spec().set_info("Số, ký hiệu", number).set_info("Ngày ban hành", date)
    spec.info.append(("Hình thức", "Bản điện tử"))
    return spec


@pytest.mark.parametrize("number, date, issued", [
    (None, None, IssueDate(2025)),
    ("/TB-HĐTD", "01/2025", IssueDate(2025, 1)),
])
def test_an_electronic_document_with_a_blank_number_and_day_is_no_draft(number, date, issued):
    assessment, report = check(electronic(number, date))
    assert report.problems == []
    assert assessment.info.form is Form.ELECTRONIC and not assessment.info.draft
    assert assessment.info.date == issued


def test_an_electronic_documents_typed_number_and_day_are_left_blank_and_the_warnings_say_so():
    assessment, report = check(electronic("125/TB-HĐTD", datetime.date(2025, 3, 5)))
    assert report.flatten(["severity", "code", "cell"]) == [["warning", "electronic_number_blank", "B4"],
                                                            ["warning", "electronic_day_blank", "B6"]]
    assert report.lines() == [
        "Cảnh báo: Sheet 'Thông tin', mục 'Số, ký hiệu' (ô B4): văn bản là 'Bản điện tử': số '125/TB-HĐTD' "
        "không được in mà để trống, hệ thống quản lý văn bản cấp số khi phát hành; văn bản chỉ in ký hiệu "
        "'/TB-HĐTD'.",
        "Cảnh báo: Sheet 'Thông tin', mục 'Ngày ban hành' (ô B6): văn bản là 'Bản điện tử': ngày '05/03/2025' "
        "không được in mà để trống, hệ thống quản lý văn bản ghi ngày khi phát hành; văn bản chỉ in tháng và năm.",
    ]
    assert (assessment.info.number, assessment.info.date) == ("/TB-HĐTD", IssueDate(2025, 3))
    assert not assessment.info.draft


@pytest.mark.parametrize("typed, form", [("Bản giấy", Form.PAPER), (None, Form.PAPER), ("bản  điện tử", Form.ELECTRONIC)])
def test_hình_thức_is_paper_unless_electronic(typed, form):
    spec = Spec().set_info("Số, ký hiệu", "/TB-HĐTD").set_info("Ngày ban hành", None)
    spec.info.append(("Hình thức", typed))
    assessment, report = check(spec)
    assert report.problems == [] and assessment.info.form is form


def test_hình_thức_of_another_word_is_an_error_naming_both():
    spec = Spec()
    spec.info.append(("Hình thức", "Điện tử"))
    _, report = check(spec)
    assert report.flatten(["code", "cell"]) == [["choice_invalid", "B17"]]
    assert "'Điện tử' không hợp lệ; hãy ghi 'Bản giấy' hoặc 'Bản điện tử'." in report.lines()[0]


def test_generate_on_an_unreadable_file_writes_nothing_and_keeps_the_last_notice(tmp_path):
    book, out = tmp_path / "nam.xlsx", tmp_path / "ra"
    Spec().write(book)
    last = api.generate(book, out).docx.read_bytes()
    book.write_bytes(b"PK\x03\x04 truncated zip")  # saved over by a program that stopped half-way
    result = api.generate(book, out)
    assert result.report.flatten(["code", "severity", "sheet", "cell"]) == [["file_unreadable", "error", None, None]]
    assert "tệp bị hỏng" in result.report.lines()[0]
    assert (result.docx, result.annotated, result.failure, result.ok) == (None, None, None, False)
    assert sorted(p.name for p in out.iterdir()) == ["nam", "nam.docx", "nam.ketqua.xlsx"]  # no copy to mark: no cells
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

# --- version 2 --------------------------------------------------------------------------------
# Version 2's problems, each at its cell: `builders.dti_spec` with one thing changed.
# 
# The criteria sheet's columns: A Khối, B Mã, C Tiêu chí, D Điểm tối đa, E Trọng số, F Xếp hạng
# riêng; its rows 2-8 are the departments' (3, 1, 1.1, 1.2, 2, 2.1, 2.2). The departments' score
# sheet: A TT, B Đơn vị, C 1.1, D 1.2, E Dịch vụ công (2.1), F 2.2, G 3, H Không xếp hạng, I Tên năm
# trước; units A-E in rows 2-6. `Kết quả năm trước` is in row 20 of `Thông tin`.


def criterion(spec: Spec, which: str, **changes) -> Spec:
    """`spec` with the departments' criterion coded `which` changed: code, maximum, weight."""
    columns = {"code": 1, "maximum": 3, "weight": 4}
    for i, row in enumerate(spec.criteria):
        if row[0] == "Sở" and row[1] == which:
            cells = list(row)
            for key, value in changes.items():
                cells[columns[key]] = value
            spec.criteria[i] = tuple(cells)
    return spec


def score(spec: Spec, unit: int, col: int, value) -> Spec:
    """`spec` with one cell of the departments' sheet changed (unit 1 = row 2)."""
    cells = list(spec.scores["Sở"][unit])
    cells[col] = value
    spec.scores["Sở"][unit] = tuple(cells)
    return spec


def test_the_workbook_is_valid(last_results):
    assert problems(dti_spec(), last_results) == []


@pytest.mark.parametrize("code", ["1..2", "1.", "A B", ".2"])
def test_a_code_that_is_not_dotted_parts(code, last_results):
    assert ["code_invalid", "Tiêu chí", "B5"] in problems(criterion(dti_spec(), "1.2", code=code), last_results)


def test_a_code_given_twice(last_results):
    spec = criterion(dti_spec(), "2.2", code="2.1")
    assert problems(spec, last_results, ("code", "cell", "params"))[0] == [
        "code_repeated", "B8", {"group": "Sở", "first_cell": "B7", "first": "2.1"}]


def test_codes_that_sort_as_one_are_one_code(last_results):
    # "01" sorts as 1: two main indices 1 would be printed as one
    spec = criterion(dti_spec(), "3", code="01")
    assert problems(spec, last_results, ("code", "cell", "params"))[0] == [
        "code_repeated", "B3", {"group": "Sở", "first_cell": "B2", "first": "01"}]
    _, report = validate.validate(spec.raw(), lambda typed: (typed, last_results))
    assert "trùng với mã '01' ở ô B2" in report.problems[0].message()
    # and a code written otherwise is the one its column names: "01.02" heads as "1.2"
    assert problems(criterion(dti_spec(), "1.2", code="01.02"), last_results) == []


def test_a_child_whose_parent_is_missing(last_results):
    spec = dti_spec()
    spec.criteria.append(("Sở", "4.1", "Dữ liệu số", 10, None, None))
    assert problems(spec, last_results, ("code", "cell", "params")) == [
        ["code_parent_missing", "B11", {"group": "Sở", "parent": "4"}]]


def test_a_criterion_without_a_code_among_coded_ones(last_results):
    spec = criterion(dti_spec(), "1.2", code=None)
    found = problems(spec, last_results)
    assert found[0] == ["code_missing", "Tiêu chí", "B5"]
    # its column, headed by the code alone, now names no criterion: its scores would be lost
    assert ["column_code_unknown", "Sở", "D1"] in found


def test_a_parent_maximum_that_is_not_the_sum_of_its_children(last_results):
    spec = criterion(dti_spec(), "2", maximum=90)
    _, report = validate.validate(spec.raw(), lambda typed: (typed, last_results))
    [problem] = [p for p in report.problems if p.code == "parent_maximum_mismatch"]
    assert (problem.cell, problem.message()) == (
        "D6", "Sheet 'Tiêu chí', ô D6: điểm tối đa ghi 90 nhưng cộng điểm tối đa các chỉ số thành phần được 100 "
        "(không tính điểm thưởng, điểm trừ); hãy sửa cho khớp hoặc để trống.")


# --- version 3: bonus and penalty points --------------------------------------------------------


def extras_row(spec: Spec, code: str, extra: object) -> Spec:
    spec.criteria = [row[:-1] + (extra,) if row[1] == code else row for row in spec.criteria]
    return spec


def test_bonus_and_penalty_points_are_read_with_their_kind():
    assessment, report = check(extras_spec())
    assert report.problems == []
    (infrastructure, portal, breaches) = assessment.groups[0].criteria
    assert [c.extra for c in infrastructure.children] == [None, None, Extra.BONUS]
    assert (portal.extra, breaches.extra) == (None, Extra.PENALTY)
    # What counts in the maxima: 40 + 60 (not the bonus's 10); 100 + 2 × 50 (not the penalty's 20).
    assert infrastructure.maximum == 100 and assessment.groups[0].maximum == 200


def test_a_parents_maximum_counts_no_bonus():
    spec = extras_spec()
    spec.criteria[1] = ("Sở", "1", "Hạ tầng", 110, None, None, None)  # 40 + 60 + the bonus's 10
    _, report = check(spec)
    assert report.flatten(["code", "cell"]) == [["parent_maximum_mismatch", "D2"]]


def test_a_kind_neither_bonus_nor_penalty_is_an_error_at_its_cell():
    _, report = check(extras_row(extras_spec(), "2", "Điểm cộng"))
    assert report.flatten(["code", "cell"]) == [["extra_invalid", "G6"]]
    assert report.lines()[0].endswith("'Điểm cộng' không hợp lệ; hãy để trống (tiêu chí thường) hoặc ghi "
                                      "'Điểm thưởng' hoặc 'Điểm trừ'.")


def test_bonus_points_on_a_parent_are_an_error_at_its_cell():
    _, report = check(extras_row(extras_spec(), "1", "Điểm thưởng"))
    assert report.flatten(["code", "cell"]) == [["extra_parent", "G2"]]
    assert "'1 Hạ tầng' là chỉ số chính có chỉ số thành phần" in report.lines()[0]


def test_bonus_points_have_no_ranking_of_their_own():
    spec = extras_spec()
    spec.criteria[4] = ("Sở", "1.3", "Sáng kiến", 10, None, "Sáng kiến", "Điểm thưởng")
    _, report = check(spec)
    assert report.flatten(["code", "cell"]) == [["extra_own_ranking", "F5"]]


def test_a_penalty_is_typed_as_a_positive_number_up_to_its_maximum():
    spec = extras_spec()
    spec.scores["Sở"][2] = (2, "Sở B", 20, 30, 0, 40, -10)
    _, report = check(spec)
    assert report.flatten(["code", "cell"]) == [["score_negative", "G3"]]


@pytest.mark.parametrize("weight", [0, -1, "nửa"])
def test_a_weight_that_is_not_a_positive_number(weight, last_results):
    assert ["weight_invalid", "Tiêu chí", "E6"] in problems(criterion(dti_spec(), "2", weight=weight), last_results)


def test_a_parent_column_must_be_its_childrens_sum(last_results):
    spec = dti_spec()
    header, *units = spec.scores["Sở"]
    sums = [45, 50, 30, 20, 50]  # A, B, C, D right; E's 1 is 30 + 20 = 50: B's wrong (50, not 45)
    spec.scores["Sở"] = [header + ("1 Nhận thức số",), *(row + (s,) for row, s in zip(units, sums))]
    assert problems(spec, last_results, ("code", "cell", "unit", "criterion", "params")) == [
        ["parent_score_mismatch", "J3", "Sở B", "Nhận thức số", {"expected": "45"}]]


def test_the_total_column_is_the_weighted_sum(last_results):
    spec = dti_spec()
    header, *units = spec.scores["Sở"]
    totals = [110, 130, 122.5, 60, 150]  # E's is 137,5: 2 (95) counts half
    spec.scores["Sở"] = [header + ("Tổng điểm",), *(row + (t,) for row, t in zip(units, totals))]
    assert problems(spec, last_results, ("code", "cell", "value", "params")) == [
        ["total_mismatch", "J6", "150", {"expected": "137,5"}]]


def test_kad_in_a_group_ranked_by_points(last_results):
    spec = dti_spec().set_info("Xếp hạng theo", "Điểm")
    assert problems(spec, last_results, ("code", "sheet", "cell", "unit", "criterion")) == [
        ["not_applicable_needs_ratio", "Sở", "E2", "Sở A", "Dịch vụ công"]]


def test_a_unit_to_which_nothing_applies(last_results):
    spec = dti_spec()
    for col in range(2, 7):
        score(spec, 3, col, "KAD")
    assert problems(spec, last_results) == [["unit_nothing_applies", "Sở", "B4"]]


def test_a_leaf_without_its_column(last_results):
    spec = dti_spec()
    spec.scores["Sở"] = [row[:6] + row[7:] for row in spec.scores["Sở"]]
    assert problems(spec, last_results, ("code", "params")) == [["column_missing", {"column": "3 An toàn"}]]


def test_a_column_with_a_code_the_group_does_not_have(last_results):
    spec = dti_spec()
    spec.scores["Sở"] = [spec.scores["Sở"][0] + ("7.3 Dữ liệu",), *(r + (5,) for r in spec.scores["Sở"][1:])]
    assert problems(spec, last_results, ("code", "cell", "params")) == [
        ["column_code_unknown", "J1", {"code": "7.3"}]]


@pytest.mark.parametrize("label, value, code", [
    ("Số chữ số thập phân", 7, "decimals_invalid"), ("Số chữ số thập phân", 1.5, "decimals_invalid"),
    ("Số chữ số thập phân", "hai", "decimals_invalid"), ("Hiển thị", "Phần nghìn", "choice_invalid"),
    ("Xếp hạng theo", "Tổng", "choice_invalid"), ("Chi tiết đến cấp", 3, "choice_invalid"),
])
def test_a_setting_that_is_not_one_of_its_values(label, value, code, last_results):
    spec = dti_spec()
    spec.info = [(k, v) for k, v in spec.info if k != label] + [(label, value)]  # the last row
    assert problems(spec, last_results, ("code", "sheet", "cell", "label")) == [
        [code, "Thông tin", f"B{len(spec.info)}", label]]


def test_the_choices_are_named_in_the_message(last_results):
    spec = dti_spec()
    spec.info = [(k, v) for k, v in spec.info if k != "Hiển thị"] + [("Hiển thị", "Phần nghìn")]
    _, report = validate.validate(spec.raw(), lambda typed: (typed, last_results))
    assert report.problems[0].message() == (
        "Sheet 'Thông tin', mục 'Hiển thị' (ô B20): 'Phần nghìn' không hợp lệ; hãy ghi 'Điểm', 'Phần trăm', 'Chỉ số' hoặc 'Điểm quy đổi'.")


def test_last_years_results_not_found_says_where_it_looked():
    _, report = validate.validate(dti_spec().raw(), lambda typed: (f"/thu-muc/{typed}", None))
    assert report.flatten(["code", "sheet", "cell"]) == [["last_results_missing", "Thông tin", "B20"]]
    assert "/thu-muc/nam-truoc.ketqua.xlsx" in report.problems[0].message()


@pytest.mark.parametrize("data", [b"not a workbook", Spec().write_bytes()])
def test_last_years_results_that_are_not_a_results_workbook(data):
    _, report = validate.validate(dti_spec().raw(), lambda typed: (f"/thu-muc/{typed}", data))
    assert report.flatten(["code", "cell"]) == [["last_results_invalid", "B20"]]
    assert "/thu-muc/nam-truoc.ketqua.xlsx" in report.problems[0].message()


def test_last_years_units_not_found_are_listed(last_results):
    spec = score(dti_spec(), 1, 8, None)  # Sở A's `Tên năm trước` forgotten
    _, report = validate.validate(spec.raw(), lambda typed: (typed, last_results))
    assert report.flatten(["severity", "code", "sheet", "cell"]) == [["warning", "last_units_not_found", "Sở", "I1"]]
    assert "2 đơn vị" in report.problems[0].message() and "Sở A cũ; Sở Z" in report.problems[0].message()


def test_a_last_years_name_that_was_not_last_year(last_results):
    # An error since the contract's "What last year's results may not make ambiguous": Sở B would
    # silently print as "Mới".
    spec = score(dti_spec(), 2, 8, "Sở Q")
    assert problems(spec, last_results, ("severity", "code", "cell", "unit")) == [
        ["error", "previous_name_unknown", "I3", "Sở B"]]


def test_two_units_claiming_one_of_last_years_are_both_errors(last_results):
    # Sở A's `Tên năm trước` is "Sở A cũ"; Sở B says so too (spaces and case aside): both would print its rank
    spec = score(dti_spec(), 2, 8, "sở  a   CŨ")
    assert problems(spec, last_results, ("severity", "code", "cell", "unit")) == [
        ["error", "last_unit_claimed", "I2", "Sở A"], ["error", "last_unit_claimed", "I3", "Sở B"]]


def test_a_last_years_name_that_is_another_unit_of_this_year_is_an_error_at_both(last_results):
    # Sở B was assessed last year as Sở B; Sở C saying it was "Sở B" would take Sở B's rank
    spec = score(dti_spec(), 3, 8, "Sở B")
    assert problems(spec, last_results, ("severity", "code", "cell", "unit")) == [
        ["error", "last_unit_claimed", "B3", "Sở B"], ["error", "last_unit_claimed", "I4", "Sở C"]]
    _, report = validate.validate(spec.raw(), lambda typed: (typed, last_results))
    assert "'Sở B' của năm trước cũng được nhận ở I4" in report.errors[0].message()


def test_last_years_results_with_a_unit_twice_in_a_ranking(last_results):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(last_results))
    ranking = book.worksheets[0]
    assert ranking["B5"].value == "Sở A cũ"
    ranking["B6"] = "Sở A cũ"  # Sở Z's row renamed: which rank did Sở A cũ have?
    edited = io.BytesIO()
    book.save(edited)
    _, report = validate.validate(dti_spec().raw(), lambda typed: (typed, edited.getvalue()))
    assert report.flatten(["severity", "code", "cell"]) == [["error", "last_results_repeated", "B20"]]
    assert "Sở A cũ" in report.problems[0].message()


@pytest.mark.parametrize("value", ["hai", 0, 1.5])
def test_a_typed_last_rank_that_is_not_a_rank(value, last_results):
    spec = dti_spec()
    spec.scores["Xã"][1] = (1, "Xã X1", 80, 70, value)
    assert problems(spec, last_results, ("code", "sheet", "cell")) == [["previous_rank_invalid", "Xã", "E2"]]


def test_last_years_results_edited_by_hand_into_a_rank_that_is_no_rank(last_results):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(last_results))
    ranking = book.worksheets[0]
    rank_column = [c.value for c in ranking[3]].index("Xếp hạng") + 1
    ranking.cell(4, rank_column).value = "nhất"
    edited = io.BytesIO()
    book.save(edited)
    _, report = validate.validate(dti_spec().raw(), lambda typed: (typed, edited.getvalue()))
    assert report.flatten(["code", "cell"]) == [["last_results_invalid", "B20"]]
    assert "'nhất'" in report.problems[0].message()


@pytest.mark.parametrize("change, expected", [
    ({"maximum": 90}, ["parent_maximum_mismatch", "Tiêu chí", "D6"]),  # parent 2: 60 + 40
    ({"weight": "nửa"}, ["weight_invalid", "Tiêu chí", "E6"]),
])
def test_one_wrong_cell_of_a_parent_is_one_problem_not_one_per_column_below_it(change, expected, last_results):
    assert problems(criterion(dti_spec(), "2", **change), last_results) == [expected]


def test_a_leaf_with_a_wrong_maximum_is_one_problem_its_column_not_called_unknown(last_results):
    assert problems(criterion(dti_spec(), "2.1", maximum="sáu mươi"), last_results) == [
        ["maximum_invalid", "Tiêu chí", "D7"]]


def test_an_own_ranking_whose_criterion_applies_to_no_ranked_unit_is_a_warning_at_its_column(last_results):
    spec = dti_spec()
    for unit in (2, 3, 5):  # Sở A is KAD already, Sở D not ranked
        score(spec, unit, 4, "KAD")
    assert problems(spec, last_results, ("severity", "code", "cell", "criterion")) == [
        ["warning", "ranking_empty", "E1", "Dịch vụ công"]]
    _, report = validate.validate(spec.raw(), lambda typed: (typed, last_results))
    assert "(tiêu chí không áp dụng (KAD) cho mọi đơn vị được xếp hạng)" in report.warnings[0].message()


def checked(spec, last_results: bytes | None):
    def last_year(typed: str):
        return f"/thu-muc/{typed}", last_results

    return validate.validate(spec.raw(), last_year)


def test_the_workbook_reads_as_a_tree_with_kad_and_every_setting(last_results):
    assessment, report = checked(dti_spec(), last_results)
    assert report.flatten(["severity", "code", "sheet", "cell"]) == [
        # Sở Z was ranked last year and is not this year: said, so a rename gets its `Tên năm trước`.
        ["warning", "last_units_not_found", "Sở", "I1"],
    ]
    assert "Sở Z" in report.problems[0].message()
    info = assessment.info
    assert (info.rank_by, info.display, info.detail_level, info.decimals) == (RankBy.RATIO, Display.PERCENT, 2, None)
    so, xa = assessment.groups
    assert [(c.code, c.name, c.maximum, c.weight, [k.code for k in c.children]) for c in so.criteria] == [
        ("1", "Nhận thức số", D(50), D(1), ["1.1", "1.2"]),
        ("2", "Hoạt động số", D(100), D("0.5"), ["2.1", "2.2"]),
        ("3", "An toàn", D(50), D(1), []),
    ]
    assert so.maximum == D(150)
    assert so.scores.loc["Sở A"].tolist() == [D(30), D(15), None, D(40), D(45)]
    assert so.scores.loc["Sở D", "Dịch vụ công"] is None  # "Không áp dụng" is KAD too
    assert so.not_ranked == {"Sở D": "Mới thành lập"}
    assert so.previous_names == {"Sở A": "Sở A cũ"}
    assert xa.previous_ranks == {"Xã X1": 2, "Xã X2": 1}
    assert assessment.history.ranks[("sở", DTI_TITLE.casefold())] == {"sở b": 1, "sở a cũ": 2, "sở z": 3}


# --- version 3: units merged into one ---------------------------------------------------------


@pytest.fixture(scope="module")
def merged_results() -> bytes:
    from builders import merged_last_year

    run = api.build(merged_last_year().write_bytes(), "nam-truoc.xlsx")
    assert run.results is not None
    return run.results


def merged_problems(spec: Spec, results: bytes | None) -> list[list[object]]:
    _, report = validate.validate(spec.raw(), None if results is None else (lambda typed: (typed, results)))
    return report.flatten(["severity", "code", "cell", "value"])


def test_merged_units_are_read_as_their_predecessors(merged_results):
    from builders import merged_this_year

    assessment, report = validate.validate(merged_this_year().raw(), lambda typed: (typed, merged_results))
    assert [p.code for p in report.problems] == ["last_units_not_found"]  # X7, gone
    group = assessment.groups[0]
    assert group.merged == {"Xã A": ("X1", "X5"), "Xã B": ("X2", "X4", "X6")} and group.previous_names == {}


def test_a_merged_name_not_in_last_years_results_and_a_predecessor_claimed_twice(merged_results):
    from builders import merged_this_year

    spec = merged_this_year()
    spec.scores["Xã"][2] = (2, "Xã B", 100, 40, "X2; X9; X1")  # X9 unknown; X1 is Xã A's too
    assert merged_problems(spec, merged_results) == [
        ["warning", "last_units_not_found", "E1", None],  # X4, X6 (no longer claimed) and X7
        ["error", "last_unit_claimed", "E2", "X1; X5"], ["error", "previous_name_unknown", "E3", "X9"],
        ["error", "last_unit_claimed", "E3", "X2; X9; X1"]]


def test_merged_units_without_last_years_results_are_an_error_at_their_cell():
    from builders import merged_this_year

    spec = merged_this_year()
    spec.info = [row for row in spec.info if row[0] != "Kết quả năm trước"]
    assert merged_problems(spec, None) == [["error", "merged_without_results", "E2", "X1; X5"],
                                           ["error", "merged_without_results", "E3", "X2;X4 ; X6"]]


# --- version 3: self-assessed scores and the council's remarks ----------------------------------


def with_own(self_rows=None, remarks=None) -> Spec:
    """The default workbook with `Tự đánh giá - Sở` and `Nhận xét` sheets (header first) where given."""
    spec = Spec()
    if self_rows is not None:
        spec.scores["Tự đánh giá - Sở"] = [("TT", "Đơn vị", "Hạ tầng", "Cổng TTĐT"), *self_rows]
    if remarks is not None:
        spec.scores["Nhận xét"] = [("Khối", "Đơn vị", "Tiêu chí", "Nhận xét"), *remarks]
    return spec


def test_self_assessed_scores_are_read_as_far_as_given():
    spec = with_own([(1, "Sở A", 95, None), (2, "sở  b", "KAD", 48)])  # a unit's name as labels match
    assessment, report = check(spec)
    assert report.valid, report.lines()
    assert assessment.groups[0].self_scores == {"Sở A": {"Hạ tầng": D(95)}, "Sở B": {"Cổng TTĐT": D(48)}}


def test_self_assessed_unknown_unit_and_score_above_maximum_are_errors_at_their_cells():
    spec = with_own([(1, "Sở A", 101, 40), (2, "Sở Z", 50, 40)])
    assert problems(spec) == [["score_above_maximum", "Tự đánh giá - Sở", "C2"],
                              ["unit_unknown", "Tự đánh giá - Sở", "B3"]]


def test_remarks_by_code_or_name_and_on_the_whole_unit():
    spec = with_own(remarks=[("Sở", "Sở A", None, "Cần cố gắng hơn."), ("Sở", "Sở A", "Cổng TTĐT", "Cổng chậm."),
                             ("sở", "Sở B", "Hạ tầng", "Tốt."), ("Sở", "Sở C", None, None)])
    assessment, report = check(spec)
    assert report.valid, report.lines()
    remarks = assessment.groups[0].remarks
    assert [(r.criterion, r.text) for r in remarks["Sở A"]] == [(None, "Cần cố gắng hơn."), ("Cổng TTĐT", "Cổng chậm.")]
    assert [(r.criterion, r.text) for r in remarks["Sở B"]] == [("Hạ tầng", "Tốt.")]
    assert "Sở C" not in remarks  # a row without a remark


def test_a_remark_by_code_in_a_tree():
    spec = dti_spec()
    spec.scores["Nhận xét"] = [("Khối", "Đơn vị", "Tiêu chí", "Nhận xét"), ("Sở", "Sở B", "2.1", "DVC tốt."),
                               ("Sở", "Sở B", "02.2 Văn bản điện tử", "Ổn.")]
    _, report = validate.validate(spec.raw(), lambda typed: (typed, None))
    remarks = [p for p in report.problems if p.sheet == "Nhận xét"]
    assert remarks == []


def test_remarks_naming_what_the_workbook_has_not_are_errors_at_their_cells():
    spec = with_own(remarks=[("Phòng", "Sở A", None, "x"), ("Sở", "Sở Z", None, "x"), ("Sở", "Sở A", "9.9", "x")])
    assert problems(spec, ("code", "cell", "value")) == [["remark_group_unknown", "A2", "Phòng"],
                                                         ["unit_unknown", "B3", "Sở Z"],
                                                         ["remark_criterion_unknown", "C4", "9.9"]]
    message = check(spec)[1].problems[2].message()
    assert "Sheet 'Nhận xét', ô C4 (Sở A)" in message and "không có tiêu chí '9.9'" in message


@pytest.mark.parametrize("label, field", [("Phiếu kết quả", "result_sheets"), ("Chi tiết tự đánh giá", "self_detail")])
def test_yes_or_no_fields(label, field):
    assessment, _ = check(Spec())
    assert getattr(assessment.info, field) is False
    spec = Spec()
    spec.info.append((label, "có"))
    assessment, _ = check(spec)
    assert getattr(assessment.info, field) is True
    spec.info[-1] = (label, "Vâng")
    assert problems(spec, ("code", "label")) == [["choice_invalid", label]]
    assert "'Có' hoặc 'Không'" in check(spec)[1].problems[0].message()


def test_a_self_assessed_sheet_of_no_group_is_said_not_silently_left_out():
    spec = with_own()
    spec.scores["Tự đánh giá - Sở ban"] = [("TT", "Đơn vị", "Hạ tầng"), (1, "Sở A", 90)]
    assert problems(spec) == [["self_sheet_unknown", "Tự đánh giá - Sở ban", None]]
    assert "'Tự đánh giá - Sở'" in check(spec)[1].problems[0].message()
