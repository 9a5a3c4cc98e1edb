"""A score sheet's own sums (`validate/sums`): a typed sum that disagrees is an error; a formula's
value that differs only because the formula cannot see what xephang reads is a warning naming why.

The workbooks are `builders.Spec`'s (A TT, B Đơn vị, C Hạ tầng out of 100, D Cổng TTĐT out of 50)
with a `Tổng điểm` column E of formulas, and the values a spreadsheet program stored for them
patched in, as Excel and LibreOffice save them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from builders import Spec, patched
from generator import api, texts
from generator.validate import sums

SCORES = "xl/worksheets/sheet5.xml"  # the score sheet: the fifth after Thông tin, Khối, Tiêu chí, Xếp loại


def computed(tmp_path, rows, stored: dict[str, str], spec: Spec | None = None):
    """Validates `spec` with the score rows `rows` (TT, unit, C, D, E) where each formula's stored
    value is `stored[cell]`: a number, or an error such as "#VALUE!"."""
    spec = spec or Spec()
    spec.scores["Sở"] = [("TT", "Đơn vị", "Hạ tầng", "Cổng TTĐT", "Tổng điểm"), *rows]

    def store(xml: str) -> str:
        def one(match: re.Match[str]) -> str:
            cell, formula = match.group(1), match.group(2)
            value = stored[cell]
            kind = ' t="e"' if value.startswith("#") else ""
            return f'<c r="{cell}"{kind}><f>{formula}</f><v>{value}</v></c>'
        return re.sub(r'<c r="([A-Z]+\d+)"><f>(.*?)</f><v></v></c>', one, xml)

    path = patched(spec.write(tmp_path / "nam.xlsx"), SCORES, store)
    return api.check(path)[1]


def test_a_number_typed_as_text_that_the_formula_skipped_is_a_warning_naming_the_cell(tmp_path):
    report = computed(tmp_path, [(1, "Sở A", "45,5", 40, "=SUM(C2:D2)"), (2, "Sở B", 100, 45, "=SUM(C3:D3)")],
                      {"E2": "40", "E3": "145"})
    assert report.flatten(["severity", "code", "cell"]) == [
        ["warning", "score_text_number", "C2"], ["warning", "sum_formula_unseen", "E2"]]
    message = report.problems[1].message()
    # 45.5 + 40 = 85.5, where SUM skipped the text: 40
    assert "công thức của ô tính được 40, xephang tính được 85,5" in message
    assert texts.SUM_CAUSE_TEXT.format(cells="C2") in message


def test_a_kad_that_broke_the_formulas_arithmetic_is_a_warning(tmp_path):
    spec = Spec()
    spec.info.append(("Xếp hạng theo", "Tỷ lệ"))  # KAD is allowed in version 2's settings
    report = computed(tmp_path, [(1, "Sở A", "KAD", 40, "=C2+D2"), (2, "Sở B", 100, 45, "=C3+D3")],
                      {"E2": "#VALUE!", "E3": "145"}, spec)
    assert report.flatten(["severity", "code", "cell"]) == [["warning", "sum_formula_unseen", "E2"]]
    assert texts.SUM_CAUSE_KAD.format(cells="C2") in report.problems[0].message()


def test_a_formulas_value_nothing_explains_is_an_error(tmp_path):
    report = computed(tmp_path, [(1, "Sở A", 90, 40, "=SUM(C2:D2)+5")], {"E2": "135"})
    assert report.flatten(["severity", "code", "cell"]) == [["error", "total_mismatch", "E2"]]


def test_a_formula_over_other_columns_than_the_criteria_is_an_error(tmp_path):
    # it adds TT in: 1 + 90 + 40 = 131, and the text "45,5" cannot explain that
    report = computed(tmp_path, [(1, "Sở A", 90, 40, "=SUM(A2:D2)")], {"E2": "131"})
    assert report.flatten(["severity", "code", "cell"]) == [["error", "total_mismatch", "E2"]]


def test_a_typed_total_that_disagrees_is_an_error_even_where_a_text_number_would_explain_it(tmp_path):
    report = computed(tmp_path, [(1, "Sở A", "45,5", 40, 40)], {})
    assert report.flatten(["severity", "code", "cell"]) == [
        ["warning", "score_text_number", "C2"], ["error", "total_mismatch", "E2"]]


def test_a_wrong_total_is_reported_beside_every_other_error_of_the_sheet(tmp_path):
    # Every problem at once: Sở A's score error, and Sở B's total besides it.
    report = computed(tmp_path, [(1, "Sở A", -5, 40, 35), (2, "Sở B", 100, 45, 140)], {})
    assert report.flatten(["code", "cell"]) == [["score_negative", "C2"], ["total_mismatch", "E3"]]


def test_a_sum_formula_subtracting_a_penalty_reads_as_its_signed_terms():
    # what `init` writes for `builders.extras_spec`: columns C:E, F twice, G's penalty halved and subtracted
    assert sums._terms('=IF(B4="","",SUM(C4:E4)+SUM(F4)*2-SUM(G4)*0.5)') == [
        (range(2, 5), 1), (range(5, 6), 2), (range(6, 7), Decimal("-0.5"))]
    assert sums._terms("=SUM(C4)--SUM(D4)") is None  # not a sum of runs
