from __future__ import annotations

import warnings
from decimal import Decimal as D

import pandas as pd

from generator.model import Assessment, Criterion, Grade, GradeScale, Group, IssueDate, NoticeInfo
from generator.scoring import rank, score, totals

SCALE = GradeScale((Grade("Tốt", D(85)), Grade("Khá", D(70)), Grade("Trung bình", D(50)), Grade("Yếu", D(0))))


def series(**scores: str) -> pd.Series:
    return pd.Series([D(v) for v in scores.values()], index=list(scores), dtype=object)


def test_equal_scores_keep_row_order_and_share_a_competition_rank():
    table = rank(series(A="90", B="95", C="90", D="95", E="80"), D(100), SCALE)
    assert table["unit"].tolist() == ["B", "D", "A", "C", "E"]
    assert table["position"].tolist() == [1, 2, 3, 4, 5]
    assert table["rank"].tolist() == [1, 1, 3, 3, 5]


def test_grade_is_the_first_whose_threshold_the_score_reaches_exactly():
    # 68/80 is exactly 85 %: Tốt (seed, I.3). 55.999/80 is just under 70 %: Trung bình.
    table = rank(series(a="68", b="67.99", c="56", d="55.999", e="40", f="39.9"), D(80), SCALE)
    assert table.set_index("unit")["grade"].to_dict() == {
        "a": "Tốt", "b": "Khá", "c": "Khá", "d": "Trung bình", "e": "Trung bình", "f": "Yếu"}


def test_totals_are_exact_decimal_sums():
    scores = pd.DataFrame({"x": [D("0.1"), D("97.5")], "y": [D("0.2"), D("2.5")]}, index=["A", "B"], dtype=object)
    group = Group("G", "G", (Criterion("x", D(100)), Criterion("y", D(100))), scores)
    assert totals(group).tolist() == [D("0.3"), D("100.0")]


def test_without_shared_ranks_the_rank_is_the_position_the_notice_prints():
    table = rank(series(A="90", B="95", C="90", D="95", E="80"), D(100), SCALE, shared=False)
    assert table["rank"].tolist() == table["position"].tolist() == [1, 2, 3, 4, 5]


def test_a_hundred_and_twenty_criteria_raise_no_library_warning():
    names = [f"Tiêu chí {c}" for c in range(120)]
    scores = pd.DataFrame({n: [D(1), D(2)] for n in names}, index=pd.Index(["A", "B"], name="unit"), dtype=object)
    group = Group("Sở", "CÁC SỞ", tuple(Criterion(n, D(10)) for n in names), scores)
    info = NoticeInfo("HĐ", "01/TB", "Nơi", IssueDate(2025, 1, 2), 2024, "Trích yếu", "Nội dung", "Chung", "CT", "A")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pandas' PerformanceWarning for a fragmented frame included
        results = score(Assessment(info, SCALE, (group,)))
    assert results.groups[0].details.columns.tolist() == ["position", "rank", "unit", "total", *names]
