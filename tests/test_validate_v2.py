"""Version 2's problems, each at its cell: `builders.dti_spec` with one thing changed.

The criteria sheet's columns: A Khối, B Mã, C Tiêu chí, D Điểm tối đa, E Trọng số, F Xếp hạng
riêng; its rows 2-8 are the departments' (3, 1, 1.1, 1.2, 2, 2.1, 2.2). The departments' score
sheet: A TT, B Đơn vị, C 1.1, D 1.2, E Dịch vụ công (2.1), F 2.2, G 3, H Không xếp hạng, I Tên năm
trước; units A-E in rows 2-6. `Kết quả năm trước` is in row 20 of `Thông tin`.
"""

from __future__ import annotations

import pytest

from builders import Spec, dti_spec, last_year_spec
from generator import api, validate


@pytest.fixture(scope="module")
def last_results() -> bytes:
    run = api.build(last_year_spec().write_bytes(), "nam-truoc.xlsx")
    assert run.results is not None
    return run.results


def problems(spec: Spec, last: bytes | None, keys=("code", "sheet", "cell")):
    def last_year(typed: str):
        return f"/thu-muc/{typed}", last

    _, report = validate.validate(spec.raw(), last_year)
    return [p for p in report.flatten(list(keys)) if "last_units_not_found" not in p]


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
        "D6", "Sheet 'Tiêu chí', ô D6: điểm tối đa ghi 90 nhưng cộng điểm tối đa các chỉ số thành phần được 100; "
        "hãy sửa cho khớp hoặc để trống.")


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
        "Sheet 'Thông tin', mục 'Hiển thị' (ô B20): 'Phần nghìn' không hợp lệ; hãy ghi 'Điểm', 'Phần trăm' hoặc 'Chỉ số'.")


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
