from __future__ import annotations

import hashlib
import re
from decimal import Decimal as D
from fractions import Fraction as F

import pandas as pd
import pytest
from seed_2014 import DETAILS, RANKINGS

from builders import Spec, read_file
from conftest import SAMPLE
from generator import api, layout, ooxml, scoring, texts, validate, workbook
from generator.changes import compare
from generator.model import (
    Assessment,
    Criterion,
    Display,
    Grade,
    GradeScale,
    Group,
    History,
    IssueDate,
    NoticeInfo,
    RankBy,
    TieRule,
)
from generator.results_book import GroupSnapshot, Snapshot, previous_snapshot, read_history, results_sheets, snapshot


def group(scores: dict[str, tuple[float, float]], positions: dict[str, int], grades: dict[str, str]) -> GroupSnapshot:
    details = pd.DataFrame.from_dict(scores, orient="index", columns=["total", "Hạ tầng"])
    standing = pd.DataFrame({"place": positions, "grade": grades})
    return GroupSnapshot(details[["Hạ tầng"]], {"Chung": standing}, details["total"])


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
                     "B.I Chi tiết - Sở, ban, ngành", "B.II Chi tiết - UBND cấp huyện", "Thống kê"]


def test_long_or_odd_titles_give_short_unique_legal_sheet_names(tmp_path):
    spec = Spec()
    spec.set_info("Tên xếp hạng chung", "Mức độ ứng dụng công nghệ thông tin: [tổng hợp]")
    spec.criteria[2] = ("Sở", "Cổng TTĐT", 50, "Mức độ ứng dụng công nghệ thông tin: [tổng hợp] *?\\")
    names = [name for name, _ in results_sheets(results_of(spec.write(tmp_path / "a.xlsx")))]
    assert names == ["A.I.1 Mức độ ứng dụng công nghệ", "A.I.2 Mức độ ứng dụng công nghệ", "B.I Chi tiết - Sở",
                     "Thống kê"]
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def read_back(results: scoring.Results, tmp_path) -> Snapshot:
    """The snapshot a later run reads from the results workbook this run writes."""
    path = tmp_path / "ketqua.xlsx"
    path.write_bytes(ooxml.xlsx(results_sheets(results)))
    return previous_snapshot(read_file(path, marks=False))


def assert_same_snapshot(read: Snapshot, expected: Snapshot) -> None:
    assert list(read) == list(expected)
    for group, g in expected.items():
        pd.testing.assert_frame_equal(read[group].scores, g.scores)
        pd.testing.assert_series_equal(read[group].total, g.total)
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
    for (_, rows), ranking in zip(rankings, [r for g in results.groups for r in g.rankings]):
        assert rows[2] == [c.label for c in layout.ranking_sheet(results, ranking)]
    assert rankings[0][1][2] == ["TT", "Đơn vị", "Điểm", "Xếp loại", "Xếp hạng"]
    for (_, rows), g in zip(details, results.groups):
        assert rows[2] == [c.label for c in layout.details(results, g).columns]
    assert details[0][1][2][:3] == ["TT", "Đơn vị", "Tổng điểm"] and details[0][1][2][-1] == "Xếp hạng"


def test_columns_moved_by_hand_read_back_and_a_sheet_without_its_units_is_left_out(tmp_path):
    results = results_of(SAMPLE)
    sheets = results_sheets(results)
    name, rows = sheets[1]
    sheets[1] = (name, [row[:1] + row[2:3] + row[1:2] + row[3:] for row in rows])  # Đơn vị and Điểm swapped
    name, rows = sheets[7]
    sheets[7] = (name, [row[:1] + row[2:] for row in rows])  # Đơn vị deleted
    path = tmp_path / "ketqua.xlsx"
    path.write_bytes(ooxml.xlsx(sheets))
    read, expected = previous_snapshot(read_file(path, marks=False)), snapshot(results)
    assert list(read) == ["Sở, ban, ngành"]
    assert_same_snapshot(read, {"Sở, ban, ngành": expected["Sở, ban, ngành"]})


SAMPLE_RESULTS_SHA256 = "41b9ac8a5ca9482cf14b9e967eeca23b82dd701ad4efc75965c9250c5cfbab3f"  # as version 1 wrote it


def sample_results(statistics: bool = True) -> bytes:
    sheets = results_sheets(results_of(SAMPLE))
    return ooxml.xlsx([s for s in sheets if statistics or s[0] != texts.RESULTS_STATISTICS_SHEET])


def test_the_samples_results_workbook_is_byte_for_byte_what_version_1_wrote_but_version_3s_statistics():
    assert hashlib.sha256(sample_results(statistics=False)).hexdigest() == SAMPLE_RESULTS_SHA256


# --- version 2: criteria in a tree, KAD, ratios, units not ranked, last year's ranks ----------

SCALE = GradeScale((Grade("Tốt", D(85)), Grade("Khá", D(70)), Grade("Trung bình", D(50)), Grade("Yếu", D(0))))
KAD = None
DTI_SCORES = {  # Lãnh đạo, Tuyên truyền (out of 30 each, under Nhận thức số), Dịch vụ công (out of 40)
    "Sở A": (30, 20, KAD), "Sở B": (25, 25, 40), "Sở C": (10, 20, 30), "Sở D": (30, 30, 40), "Sở E": (27, 27, 36)}


def dti(changed: dict[str, tuple[int | None, ...]] | None = None, grades: GradeScale | None = SCALE) -> Assessment:
    """A digital-transformation index of five departments, ranked by ratio with shared ranks,
    shown in percent with 2 decimals, part B at level 2. Sở D is not ranked; last year's overall
    ranks are typed in, the service ranking's come from last year's results, where Sở E was Sở E cũ."""
    scores = DTI_SCORES | (changed or {})
    leaves = ("Lãnh đạo", "Tuyên truyền", "Dịch vụ công")
    frame = pd.DataFrame({name: [None if row[i] is None else D(row[i]) for row in scores.values()]
                          for i, name in enumerate(leaves)}, index=pd.Index(list(scores), name="unit"), dtype=object)
    criteria = (
        Criterion("Nhận thức số", D(60), code="1",
                  children=(Criterion("Lãnh đạo", D(30), code="1.1"), Criterion("Tuyên truyền", D(30), code="1.2"))),
        Criterion("Dịch vụ công", D(40), own_ranking="Dịch vụ công trực tuyến", code="2"),
    )
    group = Group("Sở", "CÁC SỞ", criteria, frame, not_ranked={"Sở D": "Mới thành lập"},
                  previous_names={"Sở E": "Sở E cũ"}, previous_ranks={"Sở A": 1, "Sở B": 3, "Sở E": 1})
    info = NoticeInfo("HĐ", "01/TB", "Nơi", IssueDate(2025, 1, 2), 2024, "Trích yếu", "Nội dung",
                      "Chỉ số chuyển đổi số", "CT", "A", tie_rule=TieRule.SHARED, rank_by=RankBy.RATIO,
                      display=Display.PERCENT, decimals=2, detail_level=2)
    history = History({("sở", "dịch vụ công trực tuyến"): {"sở b": 2, "sở e cũ": 1}})
    return Assessment(info, grades, (group,), history)


def results_workbook(assessment: Assessment) -> workbook.RawWorkbook:
    """The results workbook of `assessment`'s run, as the next run (or next year's) reads it."""
    return workbook.read_bytes(ooxml.xlsx(results_sheets(scoring.score(assessment))), "dti.ketqua.xlsx", marks=False)


def test_a_version_2_results_workbook_holds_what_the_notice_prints():
    # Ratios: A 50/60, B 90/100, C 60/100, E 90/100 (B and E tie); in the service ranking
    # B 40/40, E 36/40, C 30/40, and A out (KAD). Percent cells as printed, with 2 decimals.
    sheets = results_sheets(scoring.score(dti()))
    assert [name for name, _ in sheets] == ["A.I.1 Chỉ số chuyển đổi số", "A.I.2 Dịch vụ công trực tuyến",
                                            "B.I Chi tiết - Sở", "Thống kê"]
    (_, overall), (_, service), (_, details), _ = sheets
    assert overall == [
        ["Khối", "Sở"], ["Xếp hạng", "Chỉ số chuyển đổi số"],
        ["TT", "Đơn vị", "Điểm", "Điểm tối đa", "Tỷ lệ (%)", "Xếp loại", "Xếp hạng", "Xếp hạng năm trước", "Tăng/giảm"],
        [1, "Sở B", D(90), D(100), D("90.00"), "Tốt", 1, 3, "Tăng 2"],
        [2, "Sở E", D(90), D(100), D("90.00"), "Tốt", 1, 1, "Giữ nguyên"],
        [3, "Sở A", D(50), D(60), D("83.33"), "Khá", 3, 1, "Giảm 2"],
        [4, "Sở C", D(60), D(100), D("60.00"), "Trung bình", 4, None, "Mới"],
    ]
    assert service == [
        ["Khối", "Sở"], ["Xếp hạng", "Dịch vụ công trực tuyến"],
        ["TT", "Đơn vị", "Điểm", "Điểm tối đa", "Tỷ lệ (%)", "Xếp loại", "Xếp hạng", "Xếp hạng năm trước", "Tăng/giảm"],
        [1, "Sở B", D(40), D(40), D("100.00"), "Tốt", 1, 2, "Tăng 1"],
        [2, "Sở E", D(36), D(40), D("90.00"), "Tốt", 2, 1, "Giảm 1"],
        [3, "Sở C", D(30), D(40), D("75.00"), "Khá", 3, None, "Mới"],
    ]
    assert details == [
        ["Khối", "Sở"], ["Chi tiết", ""],
        # Codes tell main indices from their components, as in the notice (issue 19).
        ["TT", "Đơn vị", "Tổng điểm", "Tỷ lệ (%)", "Điểm tối đa", "1 Nhận thức số", "1.1 Lãnh đạo", "1.2 Tuyên truyền",
         "2 Dịch vụ công", "Ghi chú", "Xếp hạng"],
        [1, "Sở B", D(90), D("90.00"), D(100), D(50), D(25), D(25), D(40), "", 1],
        [2, "Sở E", D(90), D("90.00"), D(100), D(54), D(27), D(27), D(36), "", 1],
        [3, "Sở A", D(50), D("83.33"), D(60), D(50), D(30), D(20), "KAD", "", 3],
        [4, "Sở C", D(60), D("60.00"), D(100), D(30), D(10), D(20), D(30), "", 4],
        [5, "Sở D", D(100), D("100.00"), D(100), D(60), D(30), D(30), D(40), "Mới thành lập", None],
    ]
    assert [str(row[3]) for row in details[3:]] == ["90.00", "90.00", "83.33", "60.00", "100.00"]  # as printed


def test_a_version_2_results_workbook_reads_back_as_excel_shows_it():
    sheet = results_workbook(dti()).load("B.I Chi tiết - Sở")
    assert sheet.rows[3:] == [
        [1.0, "Sở B", 90.0, 90.0, 100.0, 50.0, 25.0, 25.0, 40.0, "", 1.0],
        [2.0, "Sở E", 90.0, 90.0, 100.0, 54.0, 27.0, 27.0, 36.0, "", 1.0],
        [3.0, "Sở A", 50.0, 83.33, 60.0, 50.0, 30.0, 20.0, "KAD", "", 3.0],
        [4.0, "Sở C", 60.0, 60.0, 100.0, 30.0, 10.0, 20.0, 30.0, "", 4.0],
        [5.0, "Sở D", 100.0, 100.0, 100.0, 60.0, 30.0, 30.0, 40.0, "Mới thành lập", ""],
    ]


@pytest.mark.parametrize("grades", [SCALE, None], ids=["graded", "without grades"])
def test_a_version_2_results_workbook_reads_back_as_the_snapshot_it_was_written_from(grades):
    read = previous_snapshot(results_workbook(dti(grades=grades)))
    assert_same_snapshot(read, snapshot(scoring.score(dti(grades=grades))))
    assert list(read["Sở"].standings["Chỉ số chuyển đổi số"].columns) == ["place", *(["grade"] if grades else [])]


def test_a_results_workbook_of_before_the_codes_reads_back_by_the_criteria_names():
    """A results workbook written before part B's headers had codes: the change lines still match
    its criteria with this run's."""
    raw = results_workbook(dti())
    sheet = raw.load("B.I Chi tiết - Sở")
    sheet.rows[2] = [re.sub(r"^[\d.]+ ", "", head) for head in sheet.rows[2]]
    assert sheet.rows[2][5:9] == ["Nhận thức số", "Lãnh đạo", "Tuyên truyền", "Dịch vụ công"]
    assert_same_snapshot(previous_snapshot(raw), snapshot(scoring.score(dti())))


def test_a_score_leaving_or_entering_kad_and_the_ranks_it_moves_are_told():
    # A: Dịch vụ công KAD -> 12 (62/100); B: 40 -> 20 (70/100). Overall E 0.9, B 0.7, A 0.62, C 0.6
    # (was B, E, A, C); services E 36/40, C 30/40, B 20/40, A 12/40 (was B, E, C; A out).
    before, after = dti(), dti({"Sở A": (30, 20, 12), "Sở B": (25, 25, 20)})
    told = compare(previous_snapshot(results_workbook(before)), snapshot(scoring.score(after)))
    assert told == [
        "Khối Sở:",
        "  Sở B — Dịch vụ công: 40 → 20; Tổng: 90 → 70; Xếp loại Chỉ số chuyển đổi số: Tốt → Khá; "
        "Xếp hạng Chỉ số chuyển đổi số: 1 → 2; Xếp loại Dịch vụ công trực tuyến: Tốt → Trung bình; "
        "Xếp hạng Dịch vụ công trực tuyến: 1 → 3",
        "  Sở A — Dịch vụ công: KAD → 12; Tổng: 50 → 62; Xếp loại Chỉ số chuyển đổi số: Khá → Trung bình; "
        "Xếp hạng Dịch vụ công trực tuyến: không xếp hạng → 4",
        # E tied B last time (shared rank 1, TT 2): its printed rank has not moved, only its TT
        "  Sở E — Xếp hạng Dịch vụ công trực tuyến: 2 → 1",
        "  Sở C — Xếp hạng Dịch vụ công trực tuyến: 3 → 2",
    ]
    back = compare(previous_snapshot(results_workbook(after)), snapshot(scoring.score(before)))
    assert ("  Sở A — Dịch vụ công: 12 → KAD; Tổng: 62 → 50; Xếp loại Chỉ số chuyển đổi số: Trung bình → Khá; "
            "Xếp hạng Dịch vụ công trực tuyến: 4 → không xếp hạng") in back


def test_a_grade_scale_added_since_the_last_run_is_no_change():
    assert compare(previous_snapshot(results_workbook(dti(grades=None))), snapshot(scoring.score(dti()))) == []


# --- last year's results, for `Kết quả năm trước` -------------------------------------------


def test_last_years_ranks_are_the_ones_its_notice_printed_and_its_units_part_bs():
    # Shared ranks: Sở E is second in the table but ranked 1 with Sở B.
    assert read_history(results_workbook(dti())) == History(
        ranks={("sở", "chỉ số chuyển đổi số"): {"sở b": 1, "sở e": 1, "sở a": 3, "sở c": 4},
               ("sở", "dịch vụ công trực tuyến"): {"sở b": 1, "sở e": 2, "sở c": 3}},
        units={"sở": ("Sở B", "Sở E", "Sở A", "Sở C", "Sở D")},
        # what each was ranked by, exact: its share of its own maximum (A 50/60, B 90/100…)
        values={("sở", "chỉ số chuyển đổi số"): {"sở b": F(90, 100), "sở e": F(90, 100), "sở a": F(50, 60),
                                                  "sở c": F(60, 100)},
                ("sở", "dịch vụ công trực tuyến"): {"sở b": F(1), "sở e": F(36, 40), "sở c": F(30, 40)}},
    )


def test_a_version_1_results_workbook_gives_the_2014_notices_ranks():
    history = read_history(workbook.read_bytes(sample_results(), "khanh-hoa-2014.ketqua.xlsx", marks=False))
    groups = {"I": "sở, ban, ngành", "II": "ubnd cấp huyện"}
    assert history == History(
        ranks={(groups[number.split(".")[0]], texts.label_key(title)): {texts.label_key(unit): tt for tt, unit, *_ in rows}
               for (number, title), rows in RANKINGS.items()},
        units={groups[number]: tuple(unit for _, unit, *_ in rows) for number, rows in DETAILS.items()},
        # ranked by points, and the table has no maximum: the points
        values={(groups[number.split(".")[0]], texts.label_key(title)): {texts.label_key(unit): F(score)
                                                                          for _, unit, score, *_ in rows}
                for (number, title), rows in RANKINGS.items()},
    )


def test_a_ranking_whose_rank_column_was_deleted_by_hand_gives_the_tt_its_notice_printed():
    sheets = results_sheets(results_of(SAMPLE))
    name, rows = sheets[0]
    sheets[0] = (name, [row[:4] for row in rows])  # TT, Đơn vị, Điểm, Xếp loại
    history = read_history(workbook.read_bytes(ooxml.xlsx(sheets), "k.xlsx", marks=False))
    assert history is not None
    assert history.ranks[("sở, ban, ngành", "mức độ ứng dụng cntt")] == {
        texts.label_key(unit): tt for tt, unit, *_ in RANKINGS[("I.1", "Mức độ ứng dụng CNTT")]}


def test_a_score_workbook_is_no_results_workbook(tmp_path):
    assert read_history(read_file(Spec().write(tmp_path / "bang-diem.xlsx"), marks=False)) is None


def test_a_rank_that_is_not_a_whole_number_is_refused():
    sheets = results_sheets(scoring.score(dti()))
    sheets[0][1][3][6] = "nhất"
    with pytest.raises(ValueError):
        read_history(workbook.read_bytes(ooxml.xlsx(sheets), "k.xlsx", marks=False))


# --- a criterion may bear any name: the tables' own columns never take its place ----------------

COLLIDING = ("total", "note", "Ghi chú", "Điểm", "Chỉ số", "Xếp loại")


def colliding_spec(correction: int = 0) -> Spec:
    """Six criteria named as the tables' own columns are (their keys and their words), out of 10
    each; Sở B's `Ghi chú` corrected by `correction`."""
    spec = Spec()
    spec.criteria = [spec.criteria[0], *(("Sở", name, 10, None) for name in COLLIDING)]
    spec.scores["Sở"] = [("TT", "Đơn vị", *COLLIDING),
                         (1, "Sở A", 1, 2, 3, 4, 5, 6),
                         (2, "Sở B", 6, 5, 4 + correction, 3, 2, 1)]
    return spec


def test_criteria_named_as_the_tables_columns_are_criteria_everywhere(tmp_path):
    from builders import docx_tables

    result = api.generate(colliding_spec().write(tmp_path / "nam.xlsx"), tmp_path / "out")
    assert result.ok, result.report.lines()
    overall, details = docx_tables(result.docx)
    assert overall[1:] == [["1", "Sở A", "21", "Yếu"], ["2", "Sở B", "21", "Yếu"]]  # 1+2+…+6, 6+5+…+1
    assert details[0][3:] == ["Trong đó"] * 6  # one merged cell over the six criteria
    assert details[1] == ["TT", "Sở", "Tổng điểm đánh giá", *COLLIDING]
    assert details[2:] == [["1", "Sở A", "21", "1", "2", "3", "4", "5", "6"],
                           ["2", "Sở B", "21", "6", "5", "4", "3", "2", "1"]]
    # the results workbook reads back with every criterion, and a correction is told
    again = api.generate(colliding_spec(correction=3).write(tmp_path / "nam.xlsx"), tmp_path / "out")
    assert again.changes == ["Khối Sở:", "  Sở B — Ghi chú: 4 → 7; Tổng: 21 → 24; Xếp hạng Mức độ ứng dụng CNTT: 2 → 1",
                             "  Sở A — Xếp hạng Mức độ ứng dụng CNTT: 1 → 2"]


def test_a_criterions_header_in_the_results_workbook_is_marked_only_where_it_would_read_as_a_column():
    from generator import results_book

    assert results_book.criterion_header("Hạ tầng") == "Hạ tầng"
    assert results_book.criterion_header("Ghi chú") == "Tiêu chí: Ghi chú"
    assert results_book.criterion_header("tiêu chí: x") == "Tiêu chí: tiêu chí: x"


def test_this_years_results_give_next_year_every_ranking_and_rank(built):
    from generator import results_book, workbook

    history = results_book.read_history(workbook.read_bytes(built.results, "dti.ketqua.xlsx", marks=False))
    assert history.ranks == {
        ("sở", "chỉ số chuyển đổi số"): {"sở a": 1, "sở e": 1, "sở b": 3, "sở c": 4},
        ("sở", "nhận thức số"): {"sở e": 1, "sở a": 2, "sở b": 2, "sở c": 4},
        ("sở", "dịch vụ công"): {"sở b": 1, "sở e": 2, "sở c": 3},
        ("xã", "chỉ số chuyển đổi số"): {"xã x3": 1, "xã x1": 2, "xã x2": 3},
    }
    assert history.units == {"sở": ("Sở A", "Sở E", "Sở B", "Sở C", "Sở D"), "xã": ("Xã X3", "Xã X1", "Xã X2")}


def test_a_sheet_name_too_long_for_excel_is_cut_after_a_whole_word():
    # issue 19: "A.I.2 Chỉ số Hoạt động chính qu" was cut mid-word at Excel's 31 characters
    from generator import results_book

    name = results_book._sheet_name("A.I.2", "Chỉ số Hoạt động chính quyền số")
    assert name == "A.I.2 Chỉ số Hoạt động chính"  # the whole words that fit
    assert results_book._sheet_name("A.I.1", "Mức độ ứng dụng CNTT") == "A.I.1 Mức độ ứng dụng CNTT"
    # one word longer than the room: cut, as it must be
    assert results_book._sheet_name("A.II.10", "X" * 40) == "A.II.10 " + "X" * 23


def test_bonus_and_penalty_points_read_back_as_written_and_a_changed_penalty_is_told():
    from builders import extras_spec

    def assessed(spec: Spec) -> Assessment:
        assessment, report = validate.validate(spec.raw())
        assert assessment is not None, report.lines()
        return assessment

    spec = extras_spec()
    read = previous_snapshot(results_workbook(assessed(spec)))
    assert_same_snapshot(read, snapshot(scoring.score(assessed(spec))))
    assert read["Sở"].scores.loc["Sở C", "Vi phạm"] == -20  # the penalty as it counts, as part B prints it
    spec.scores["Sở"][2] = (2, "Sở B", 20, 30, 0, 40, 16)  # B's penalty 10 -> 16: 125 -> 122
    assert compare(read, snapshot(scoring.score(assessed(spec)))) == [
        "Khối Sở:", "  Sở B — Vi phạm: -10 → -16; Tổng: 125 → 122"]
