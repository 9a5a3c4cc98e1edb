"""Every bad input gets a clear answer at its exact cell; accepted oddities are accepted."""

from __future__ import annotations

import datetime
import unicodedata

import pytest

from builders import Spec
from generator import api


def check(spec: Spec, tmp_path):
    return api.check(spec.write(tmp_path / "book.xlsx"))


def problems(spec: Spec, tmp_path, keys=("code", "sheet", "cell")):
    assessment, report = check(spec, tmp_path)
    return report.flatten(list(keys))


def with_score(row: int, col: int, value) -> Spec:
    """The default workbook with one score cell changed (row 1 = first unit, col 2 = first criterion)."""
    spec = Spec()
    cells = list(spec.scores["Sở"][row])
    cells[col] = value
    spec.scores["Sở"][row] = tuple(cells)
    return spec


def test_the_default_workbook_is_valid(tmp_path):
    assessment, report = check(Spec(), tmp_path)
    assert report.problems == [] and assessment is not None


def test_message_names_sheet_cell_unit_and_criterion(tmp_path):
    _, report = check(with_score(1, 3, 95), tmp_path)
    assert [p.message() for p in report.problems] == [
        "Sheet 'Sở', ô D2 (Sở A – Cổng TTĐT): 95 vượt điểm tối đa 50."]


@pytest.mark.parametrize("value, code", [
    (101, "score_above_maximum"), (-1, "score_negative"), ("chín mươi", "score_not_number"),
    (None, "score_missing"), ("", "score_missing"), (True, "score_not_number"),
])
def test_bad_scores_are_errors_at_their_cell(tmp_path, value, code):
    assert problems(with_score(2, 2, value), tmp_path, ("code", "sheet", "cell", "unit", "criterion")) == [
        [code, "Sở", "C3", "Sở B", "Hạ tầng"]]


@pytest.mark.parametrize("text, number", [("97", "97"), ("97,5", "97,5"), ("97.5", "97,5")])
def test_text_that_is_exactly_a_number_is_accepted_with_a_warning(tmp_path, text, number):
    assessment, report = check(with_score(1, 2, text), tmp_path)
    assert assessment is not None
    assert report.flatten(["severity", "code", "cell"]) == [["warning", "score_text_number", "C2"]]
    assert report.problems[0].message().endswith(f"đã hiểu là số {number}.")


def test_all_problems_are_reported_at_once(tmp_path):
    spec = with_score(1, 2, 101)
    spec.scores["Sở"][3] = (3, "Sở C", -5, "x")
    assert problems(spec, tmp_path) == [
        ["score_above_maximum", "Sở", "C2"], ["score_negative", "Sở", "C4"], ["score_not_number", "Sở", "D4"]]


def test_same_unit_twice_in_a_group(tmp_path):
    spec = Spec()
    spec.scores["Sở"][3] = (3, " sở  a ", 60, 20)
    assert problems(spec, tmp_path, ("code", "cell", "params")) == [["unit_repeated", "B4", {"first_cell": "B2"}]]


def test_criterion_column_missing(tmp_path):
    spec = Spec()
    spec.scores["Sở"] = [row[:3] for row in spec.scores["Sở"]]
    assert problems(spec, tmp_path, ("code", "sheet", "cell", "params")) == [
        ["column_missing", "Sở", "D1", {"column": "Cổng TTĐT"}]]


def test_group_score_sheet_missing(tmp_path):
    spec = Spec()
    spec.scores = {}
    assert problems(spec, tmp_path, ("code", "params")) == [["sheet_missing", {"sheet_name": "Sở"}]]


@pytest.mark.parametrize("sheet", ["info", "groups", "criteria", "grades"])
def test_required_sheet_missing(tmp_path, sheet):
    spec = Spec()
    setattr(spec, sheet, None)
    codes = problems(spec, tmp_path, ("code",))
    assert ["sheet_missing"] in codes


def test_group_in_criteria_not_declared(tmp_path):
    spec = Spec()
    spec.criteria.append(("Huyện", "Hạ tầng", 100, None))
    assert problems(spec, tmp_path) == [["criterion_group_unknown", "Tiêu chí", "A4"]]


@pytest.mark.parametrize("value", [0, -10, "một trăm", None])
def test_maximum_not_a_positive_number(tmp_path, value):
    spec = Spec()
    spec.criteria[1] = ("Sở", "Hạ tầng", value, None)
    assert ["maximum_invalid", "Tiêu chí", "C2"] in problems(spec, tmp_path)


def test_grade_scale_not_descending(tmp_path):
    spec = Spec()
    spec.grades[3] = ("Trung bình", 75)
    assert problems(spec, tmp_path) == [["thresholds_not_descending", "Xếp loại", "B4"]]


def test_grade_scale_lowest_threshold_not_zero(tmp_path):
    spec = Spec()
    spec.grades[4] = ("Yếu", 10)
    assert problems(spec, tmp_path) == [["lowest_threshold_not_zero", "Xếp loại", "B5"]]


def test_total_column_that_disagrees_with_the_sum(tmp_path):
    spec = Spec()
    spec.scores["Sở"] = [spec.scores["Sở"][0] + ("Tổng điểm",), (1, "Sở A", 90, 40, 130), (2, "Sở B", 100, 45, 140)]
    _, report = check(spec, tmp_path)
    assert report.flatten(["code", "cell"]) == [["total_mismatch", "E3"]]
    assert report.problems[0].message() == "Sheet 'Sở', ô E3 (Sở B – Tổng điểm): tổng điểm ghi 140 nhưng cộng các tiêu chí được 145."


def test_total_column_of_formulas_without_cached_values_is_recomputed(tmp_path):
    # openpyxl, like any program, writes formulas with no cached value.
    spec = Spec()
    spec.scores["Sở"] = [spec.scores["Sở"][0] + ("Tổng điểm",)] + [
        row + (f"=SUM(C{i}:D{i})",) for i, row in enumerate(spec.scores["Sở"][1:], start=2)]
    assessment, report = check(spec, tmp_path)
    assert report.problems == [] and assessment is not None


@pytest.mark.parametrize("label", ["Số, ký hiệu", "Người ký", "Ngày ban hành"])
def test_required_information_missing(tmp_path, label):
    spec = Spec()
    spec.info = [row for row in spec.info if row[0] != label]
    assert problems(spec, tmp_path, ("code", "sheet", "params")) == [["info_missing", "Thông tin", {"label": label}]]


@pytest.mark.parametrize("value", ["32/01/2015", "ngày 8 tháng 1", 12.5])
def test_date_that_is_not_a_date(tmp_path, value):
    spec = Spec().set_info("Ngày ban hành", value)
    assert problems(spec, tmp_path) == [["date_invalid", "Thông tin", "B6"]]


@pytest.mark.parametrize("value", [datetime.date(2015, 1, 8), datetime.datetime(2015, 1, 8), "08/01/2015", "8/1/2015"])
def test_excel_date_or_dd_mm_yyyy_text(tmp_path, value):
    assessment, report = check(Spec().set_info("Ngày ban hành", value), tmp_path)
    assert report.problems == [] and assessment.info.date == datetime.date(2015, 1, 8)


def test_decomposed_vietnamese_is_matched_and_stored_as_nfc(tmp_path):
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    spec = Spec()
    spec.info = [(nfd(k), nfd(v) if isinstance(v, str) else v) for k, v in spec.info]
    spec.criteria = [tuple(nfd(c) if isinstance(c, str) else c for c in row) for row in spec.criteria]
    spec.scores = {nfd("Sở"): [tuple(nfd(c) if isinstance(c, str) else c for c in row) for row in spec.scores["Sở"]]}
    assessment, report = check(spec, tmp_path)
    assert report.problems == []
    assert assessment.groups[0].scores.index.tolist() == ["Sở A", "Sở B", "Sở C"]
    assert assessment.info.signer == "Nguyễn Văn A"
    assert all(unicodedata.is_normalized("NFC", u) for u in assessment.groups[0].scores.index)


def test_title_rows_above_the_header(tmp_path):
    spec = Spec()
    spec.scores["Sở"] = [("BẢNG ĐIỂM KHỐI SỞ",), (), *spec.scores["Sở"]]
    assessment, report = check(spec, tmp_path)
    assert report.problems == [] and len(assessment.groups[0].scores) == 3


def test_unknown_information_label_is_a_warning(tmp_path):
    spec = Spec()
    spec.info.append(("Ghi chú", "x"))
    assessment, report = check(spec, tmp_path)
    assert assessment is not None
    assert report.flatten(["severity", "code", "cell"]) == [["warning", "info_unknown", "A17"]]


@pytest.mark.parametrize("content, reason", [
    (b"this is not a workbook", "không phải định dạng .xlsx"),
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


def test_required_information_present_but_empty_points_at_the_cell_to_fill(tmp_path):
    spec = Spec().set_info("Số, ký hiệu", None)
    assert problems(spec, tmp_path, ("code", "cell", "params")) == [["info_empty", "B4", {"label": "Số, ký hiệu"}]]


def test_score_problems_are_listed_row_by_row(tmp_path):
    spec = Spec()
    spec.scores["Sở"][1] = (1, "Sở A", 90, 99)
    spec.scores["Sở"][2] = (2, "Sở B", -1, 45)
    assert problems(spec, tmp_path, ("cell",)) == [["D2"], ["C3"]]
