"""The catalogue of problem codes and a problem's place: every message renders from exactly the
parameters its code declares, and a cell is kept as numbers and shown as Excel names it."""

from __future__ import annotations

import string

import pytest

from generator import texts
from generator.problems import Code, Problem, Report


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_message_has_a_code_and_every_code_a_message():
    assert set(texts.MESSAGES) == {code.value for code in Code}


@pytest.mark.parametrize("code", list(Code), ids=lambda code: code.name)
def test_each_code_declares_exactly_the_parameters_its_message_uses(code):
    assert fields(code.template) - {"value"} == code.params
    samples = {name: f"<{name}>" for name in code.params}
    text = Problem(code, "error", value="<value>", params=samples).message()
    assert all(sample in text for sample in samples.values())
    assert "{" not in text and "}" not in text


@pytest.mark.parametrize("params", [{}, {"maximum": "50", "minimum": "0"}, {"maxmum": "50"}])
def test_a_problem_made_with_other_parameters_than_its_code_declares_is_refused_where_it_is_made(params):
    with pytest.raises(TypeError, match="SCORE_ABOVE_MAXIMUM"):
        Report("a.xlsx").error(Code.SCORE_ABOVE_MAXIMUM, sheet="Sở", row=1, col=2, value=95, params=params)


def test_a_code_is_its_string_where_tests_and_the_cli_compare_it():
    report = Report("a.xlsx")
    report.warning(Code.ROWS_BLANK, sheet="Sở", row=2, col=1, params={"rows": "dòng 3"})
    assert report.problems[0].code == "rows_blank" and f"{report.problems[0].code}" == "rows_blank"
    assert report.flatten(["code", "severity"]) == [["rows_blank", "warning"]]


@pytest.mark.parametrize("row, col, cell, position", [
    (0, 0, "A1", (1, 1)), (9, 7, "H10", (10, 8)), (99, 25, "Z100", (100, 26)), (0, 26, "AA1", (1, 27)),
    (1_048_575, 16_383, "XFD1048576", (1_048_576, 16_384)),  # Excel's last cell
])
def test_a_cell_kept_as_numbers_is_shown_as_excel_names_it(row, col, cell, position):
    problem = Problem(Code.SCORE_MISSING, "error", sheet="Sở", row=row, col=col, unit="Sở A", criterion="Hạ tầng")
    assert (problem.cell, problem.position()) == (cell, position)
    assert problem.message() == f"Sheet 'Sở', ô {cell} (Sở A – Hạ tầng): thiếu điểm."


def test_a_problem_with_no_cell_names_no_cell_and_comes_first():
    report = Report("a.xlsx")
    report.error(Code.SCORE_NEGATIVE, sheet="Sở", row=0, col=2, value="-1")
    report.error(Code.INFO_MISSING, sheet="Thông tin", label="Người ký")
    report.error(Code.SHEET_MISSING, params={"sheet_name": "Khối"})
    assert report.flatten(["cell"]) == [["C1"], [None], [None]]
    assert sorted(p.position() for p in report.problems) == [(0, 0), (0, 0), (1, 3)]
    assert report.lines()[1:] == ["Lỗi: Sheet 'Thông tin', mục 'Người ký': chưa có dòng của mục này (cột A là tên "
                                  "mục, cột B là nội dung).", "Lỗi: Thiếu sheet 'Khối'."]
