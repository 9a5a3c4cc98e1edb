from __future__ import annotations

from decimal import Decimal as D

import pandas as pd

from generator.model import Criterion, Grade, GradeScale, Group
from generator.scoring import rank, totals

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
