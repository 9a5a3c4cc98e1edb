"""Version 3's statistics: each criterion's spread over the units it applies to, the units by grade,
and the results workbook's `Thống kê` sheet that holds them (and that reading it back skips)."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction as F

import pandas as pd

from builders import Spec
from generator import ooxml, results_book, scoring, stats, texts, validate, workbook


def scored(spec: Spec) -> scoring.Results:
    assessment, report = validate.validate(spec.raw())
    assert assessment is not None, report.lines()
    return scoring.score(assessment)


def kad_and_not_ranked() -> Spec:
    """Hạ tầng out of 100, Cổng TTĐT out of 50; by hand:
      A: 90 + 40 = 130 of 150 (86,67 %: Tốt)
      B: 60 + KAD = 60 of 100 (60 %: Trung bình)
      C: not ranked, 70 + 20 = 90 of 150
    Hạ tầng: 3 units, (90 + 60 + 70) / 3 = 220/3, best 90, lowest 60; Cổng TTĐT: 2 units (not B),
    (40 + 20) / 2 = 30, best 40, lowest 20 (C's, not ranked, counts); total: 3 units, 280/3, 130, 60.
    Grades of the ranked units only: Tốt 1 of 2, Trung bình 1 of 2."""
    spec = Spec()
    spec.info += [("Xếp hạng theo", "Tỷ lệ")]
    spec.scores["Sở"] = [("TT", "Đơn vị", "Hạ tầng", "Cổng TTĐT", "Không xếp hạng"),
                         (1, "Sở A", 90, 40, None), (2, "Sở B", 60, "KAD", None), (3, "Sở C", 70, 20, "Mới thành lập")]
    return spec


def test_a_criterions_spread_is_over_the_units_it_applies_to_ranked_or_not():
    spreads = stats.spreads(scored(kad_and_not_ranked()).groups[0])
    assert [(s.criterion.name if s.criterion else None, s.maximum, s.applies, s.average, s.best, s.lowest)
            for s in spreads] == [
        ("Hạ tầng", D(100), 3, F(220, 3), D(90), D(60)),
        ("Cổng TTĐT", D(50), 2, F(30), D(40), D(20)),
        (None, D(150), 3, F(280, 3), D(130), D(60)),  # the total
    ]


def test_grades_are_counted_over_the_ranked_units_in_the_scales_order():
    results = scored(kad_and_not_ranked())
    counts = stats.grade_counts(results.groups[0], results.grades)
    assert [(c.grade, c.units, c.share) for c in counts] == [
        ("Tốt", 1, F(1, 2)), ("Khá", 0, F(0)), ("Trung bình", 1, F(1, 2)), ("Yếu", 0, F(0))]


def test_no_grades_are_counted_without_a_scale_or_a_ranked_unit():
    spec = Spec()
    spec.grades = None
    assert stats.grade_counts(scored(spec).groups[0], ()) == ()
    spec = Spec()
    spec.scores["Sở"] = [("TT", "Đơn vị", "Hạ tầng", "Cổng TTĐT", "Không xếp hạng"), (1, "Sở A", 90, 40, "Lý do")]
    results = scored(spec)
    assert stats.grade_counts(results.groups[0], results.grades) == ()


def statistics(spec: Spec) -> list[list[object]]:
    name, rows = results_book.results_sheets(scored(spec))[-1]
    assert name == "Thống kê"
    return rows


def test_the_statistics_sheet_writes_exact_numbers_and_shares_with_two_decimals():
    # The default units: A 90 + 40 = 130 (Tốt), B 100 + 45 = 145 (Tốt), C 60 + 20 = 80 (53,3 %: Trung
    # bình): Tốt 2/3 = 66,67 %, Trung bình 1/3 = 33,33 %; Hạ tầng's average 250/3.
    assert statistics(Spec()) == [
        ["Thống kê"],
        ["Điểm theo tiêu chí (các đơn vị được áp dụng, kể cả đơn vị không xếp hạng)"],
        ["Khối", "Tiêu chí", "Điểm tối đa", "Số đơn vị áp dụng", "Điểm trung bình", "Điểm cao nhất", "Điểm thấp nhất"],
        ["Sở", "Hạ tầng", D(100), 3, D("83.3333333333333"), D(100), D(60)],
        ["Sở", "Cổng TTĐT", D(50), 3, D(35), D(45), D(20)],
        ["Sở", "Tổng điểm", D(150), 3, D("118.333333333333"), D(145), D(80)],
        [],
        ["Số đơn vị theo xếp loại (các đơn vị được xếp hạng)"],
        ["Khối", "Xếp loại", "Số đơn vị", "Tỷ lệ (%)"],
        ["Sở", "Tốt", 2, D("66.67")], ["Sở", "Khá", 0, D(0)], ["Sở", "Trung bình", 1, D("33.33")],
        ["Sở", "Yếu", 0, D(0)],
    ]


def test_a_tree_lists_every_level_parents_first_in_code_order_and_no_grades_without_a_scale():
    spec = Spec()
    spec.grades = None
    spec.criteria = [("Khối", "Mã", "Tiêu chí", "Điểm tối đa", "Xếp hạng riêng"),
                     ("Sở", "2", "Cổng TTĐT", 50, None), ("Sở", "1", "Hạ tầng", None, None),
                     ("Sở", "1.2", "Mạng", 40, None), ("Sở", "1.1", "Máy tính", 60, None)]
    spec.scores["Sở"] = [("TT", "Đơn vị", "1.1", "1.2", "2"), (1, "Sở A", 60, 30, 50), (2, "Sở B", 40, 10, 30)]
    rows = statistics(spec)
    assert rows[3:] == [
        ["Sở", "1 Hạ tầng", D(100), 2, D(70), D(90), D(50)],
        ["Sở", "1.1 Máy tính", D(60), 2, D(50), D(60), D(40)],
        ["Sở", "1.2 Mạng", D(40), 2, D(20), D(30), D(10)],
        ["Sở", "2 Cổng TTĐT", D(50), 2, D(40), D(50), D(30)],
        ["Sở", "Tổng điểm", D(150), 2, D(110), D(140), D(80)],
    ]


def test_a_criterion_that_applies_to_no_unit_has_no_spread():
    spec = kad_and_not_ranked()
    spec.scores["Sở"][1] = (1, "Sở A", 90, "KAD", None)
    spec.scores["Sở"][3] = (3, "Sở C", 70, "KAD", "Mới thành lập")
    assert statistics(spec)[4] == ["Sở", "Cổng TTĐT", D(50), 0, None, None, None]


def test_reading_a_results_workbook_skips_the_statistics_and_one_without_them_reads_the_same():
    results = scored(kad_and_not_ranked())
    sheets = results_book.results_sheets(results, results_book.Issued("Chính thức", "01/TB", "05/03/2025"))
    assert [name for name, _ in sheets][-2:] == ["Thống kê", "Văn bản"]
    before = [s for s in sheets if s[0] != texts.RESULTS_STATISTICS_SHEET]  # as written before version 3
    read = [workbook.read_bytes(ooxml.xlsx(s), "r.ketqua.xlsx", marks=False) for s in (sheets, before)]
    for raw in read:
        assert results_book.read_issued(raw) == results_book.Issued("Chính thức", "01/TB", "05/03/2025")
        snapshot, expected = results_book.previous_snapshot(raw)["Sở"], results_book.snapshot(results)["Sở"]
        pd.testing.assert_frame_equal(snapshot.scores, expected.scores)
        pd.testing.assert_series_equal(snapshot.total, expected.total)
    with_them, without = (results_book.read_history(raw) for raw in read)
    assert with_them == without and with_them is not None
    assert set(with_them.units) == {"sở"}
