from __future__ import annotations

import pandas as pd

from builders import Spec
from conftest import SAMPLE
from generator import api, layout, ooxml, scoring, workbook
from generator.changes import GroupSnapshot, Snapshot, compare, previous_snapshot, results_sheets, snapshot


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


def read_back(results: scoring.Results, tmp_path) -> Snapshot:
    """The snapshot a later run reads from the results workbook this run writes."""
    path = tmp_path / "ketqua.xlsx"
    path.write_bytes(ooxml.xlsx(results_sheets(results)))
    return previous_snapshot(workbook.read_workbook(path, marks=False))


def assert_same_snapshot(read: Snapshot, expected: Snapshot) -> None:
    assert list(read) == list(expected)
    for group, g in expected.items():
        pd.testing.assert_frame_equal(read[group].details, g.details)
        assert list(read[group].standings) == list(g.standings)
        for title, standing in g.standings.items():
            pd.testing.assert_frame_equal(read[group].standings[title], standing)


def test_the_results_workbook_reads_back_as_the_snapshot_it_was_written_from(tmp_path):
    results = results_of(SAMPLE)
    assert_same_snapshot(read_back(results, tmp_path), snapshot(results))


def test_decimals_and_shared_ranks_read_back_too(tmp_path):
    spec = Spec().set_info("Khi bằng điểm", "Đồng hạng")
    spec.scores["Sở"][1:] = [(1, "Sở A", 92.5, 40.25), (2, "Sở B", 95, 37.75), (3, "Sở C", 0.1, 0.2)]
    results = results_of(spec.write(tmp_path / "a.xlsx"))
    assert_same_snapshot(read_back(results, tmp_path), snapshot(results))


def test_results_sheets_are_headed_by_the_layouts_labels():
    results = results_of(SAMPLE)
    sheets = results_sheets(results)
    rankings, details = sheets[:6], sheets[6:]
    assert all(rows[2] == [c.label for c in layout.RANKING] for _, rows in rankings)
    assert rankings[0][1][2] == ["TT", "Đơn vị", "Điểm", "Xếp loại", "Xếp hạng"]
    for (_, rows), g in zip(details, results.groups):
        assert rows[2] == [c.label for c in layout.details([c.name for c in g.group.criteria]).columns]
    assert details[0][1][2][:3] == ["TT", "Đơn vị", "Tổng điểm"] and details[0][1][2][-1] == "Xếp hạng"


def test_a_sheet_whose_columns_were_moved_by_hand_is_left_out_of_the_snapshot(tmp_path):
    results = results_of(SAMPLE)
    sheets = results_sheets(results)
    name, rows = sheets[1]
    sheets[1] = (name, [row[:1] + row[2:3] + row[1:2] + row[3:] for row in rows])  # Đơn vị and Điểm swapped
    path = tmp_path / "ketqua.xlsx"
    path.write_bytes(ooxml.xlsx(sheets))
    read, expected = previous_snapshot(workbook.read_workbook(path, marks=False)), snapshot(results)
    moved = results.groups[0].rankings[1].title
    assert list(read["Sở, ban, ngành"].standings) == [t for t in expected["Sở, ban, ngành"].standings if t != moved]
    pd.testing.assert_frame_equal(read["UBND cấp huyện"].details, expected["UBND cấp huyện"].details)
