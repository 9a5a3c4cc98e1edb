from __future__ import annotations

import pandas as pd

from generator.changes import GroupSnapshot, compare


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
