from __future__ import annotations

import pandas as pd

from builders import Spec
from conftest import SAMPLE
from generator import api, scoring
from generator.changes import GroupSnapshot, compare, results_sheets


def group(scores: dict[str, tuple[float, float]], positions: dict[str, int], grades: dict[str, str]) -> GroupSnapshot:
    details = pd.DataFrame.from_dict(scores, orient="index", columns=["total", "Hạ tầng"])
    standing = pd.DataFrame({"position": positions, "grade": grades})
    return GroupSnapshot(details, {"Chung": standing})


def test_corrected_units_first_then_those_moved_then_added_and_removed():
    old = {"Sở": group({"A": (90, 90), "B": (80, 80), "C": (70, 70)}, {"A": 1, "B": 2, "C": 3},
                       {"A": "Tốt", "B": "Khá", "C": "Khá"})}
    new = {"Sở": group({"A": (90, 90), "B": (95.5, 95.5), "D": (10, 10)}, {"B": 1, "A": 2, "D": 3},
                       {"A": "Tốt", "B": "Tốt", "D": "Yếu"})}
    assert compare(old, new) == [
        "Khối Sở:",
        "  B — Hạ tầng: 80 → 95,5; Tổng: 80 → 95,5; Xếp loại Chung: Khá → Tốt; Xếp hạng Chung: 2 → 1",
        "  A — Xếp hạng Chung: 1 → 2",
        "  D — đơn vị mới",
        "  C — không còn trong bảng tính",
    ]


def test_nothing_changed_says_nothing():
    same = {"Sở": group({"A": (1, 1)}, {"A": 1}, {"A": "Yếu"})}
    assert compare(same, same) == []


def results_of(path) -> scoring.Results:
    assessment, report = api.check(path)
    assert assessment is not None, report.lines()
    return scoring.score(assessment)


def test_results_sheets_are_named_by_what_they_hold_within_excels_rules():
    names = [name for name, _ in results_sheets(results_of(SAMPLE))]
    assert names == ["A.I.1 Mức độ ứng dụng CNTT", "A.I.2 Cổng-Trang thông tin điện", "A.I.3 An toàn thông tin số",
                     "A.II.1 Mức độ ứng dụng CNTT", "A.II.2 Cổng thông tin điện tử", "A.II.3 An toàn thông tin số",
                     "B.I Chi tiết - Sở, ban, ngành", "B.II Chi tiết - UBND cấp huyện"]


def test_long_or_odd_titles_give_short_unique_legal_sheet_names(tmp_path):
    spec = Spec()
    spec.set_info("Tên xếp hạng chung", "Mức độ ứng dụng công nghệ thông tin: [tổng hợp]")
    spec.criteria[2] = ("Sở", "Cổng TTĐT", 50, "Mức độ ứng dụng công nghệ thông tin: [tổng hợp] *?\\")
    names = [name for name, _ in results_sheets(results_of(spec.write(tmp_path / "a.xlsx")))]
    assert names == ["A.I.1 Mức độ ứng dụng công nghệ", "A.I.2 Mức độ ứng dụng công nghệ", "B.I Chi tiết - Sở"]
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
