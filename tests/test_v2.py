"""Version 2 of the contract, every feature at once (`builders.dti_spec`), checked table by table.

Every expected value below is worked out by hand from the workbook in `dti_spec`:

Sở (weights 1, 0,5, 1; maxima 1 = 30 + 20 = 50, 2 = 60 + 40 = 100, 3 = 50; total 50 + 50 + 50 = 150)
  A: 1 = 30 + 15 = 45; 2 = KAD + 40 = 40 of 40; 3 = 45; total 45 + 20 + 45 = 110 of 120 = 91,666…%
  B: 1 = 45; 2 = 60 + 30 = 90; 3 = 40; total 45 + 45 + 40 = 130 of 150 = 86,666…%
  C: 1 = 30; 2 = 50 + 35 = 85; 3 = 50; total 30 + 42,5 + 50 = 122,5 of 150 = 81,666…%
  D: not ranked; 1 = 20; 2 = KAD + 20 = 20 of 40; 3 = 30; total 20 + 10 + 30 = 60 of 120 = 50%
  E: 1 = 50; 2 = 55 + 40 = 95; 3 = 40; total 50 + 47,5 + 40 = 137,5 of 150 = 91,666…% (= A's exactly)
Xã (flat, 200 points): X1 150 (75%), X2 120 (60%), X3 180 (90%); typed last ranks X1 2, X2 1.
Last year (`last_year_spec`): B 1, "Sở A cũ" 2, Z 3 in "Chỉ số chuyển đổi số"; C assessed, not ranked.
"""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction as F

import pytest

from builders import DTI_TITLE, docx_tables, dti_spec, last_year_spec
from generator import api, scoring, validate
from generator.model import Display, RankBy
from generator.scoring import ABSENT, NEW


@pytest.fixture(scope="module")
def last_results() -> bytes:
    run = api.build(last_year_spec().write_bytes(), "nam-truoc.xlsx")
    assert run.results is not None, run.report.lines()
    return run.results


def checked(spec, last_results: bytes | None):
    def last_year(typed: str):
        return f"/thu-muc/{typed}", last_results

    return validate.validate(spec.raw(), last_year)


def test_the_workbook_reads_as_a_tree_with_kad_and_every_setting(last_results):
    assessment, report = checked(dti_spec(), last_results)
    assert report.flatten(["severity", "code", "sheet", "cell"]) == [
        # Sở Z was ranked last year and is not this year: said, so a rename gets its `Tên năm trước`.
        ["warning", "last_units_not_found", "Sở", "I1"],
    ]
    assert "Sở Z" in report.problems[0].message()
    info = assessment.info
    assert (info.rank_by, info.display, info.detail_level, info.decimals) == (RankBy.RATIO, Display.PERCENT, 2, None)
    so, xa = assessment.groups
    assert [(c.code, c.name, c.maximum, c.weight, [k.code for k in c.children]) for c in so.criteria] == [
        ("1", "Nhận thức số", D(50), D(1), ["1.1", "1.2"]),
        ("2", "Hoạt động số", D(100), D("0.5"), ["2.1", "2.2"]),
        ("3", "An toàn", D(50), D(1), []),
    ]
    assert so.maximum == D(150)
    assert so.scores.loc["Sở A"].tolist() == [D(30), D(15), None, D(40), D(45)]
    assert so.scores.loc["Sở D", "Dịch vụ công"] is None  # "Không áp dụng" is KAD too
    assert so.not_ranked == {"Sở D": "Mới thành lập"}
    assert so.previous_names == {"Sở A": "Sở A cũ"}
    assert xa.previous_ranks == {"Xã X1": 2, "Xã X2": 1}
    assert assessment.history.ranks[("sở", DTI_TITLE.casefold())] == {"sở b": 1, "sở a cũ": 2, "sở z": 3}


@pytest.fixture(scope="module")
def results(last_results) -> scoring.Results:
    assessment, report = checked(dti_spec(), last_results)
    assert assessment is not None, report.lines()
    return scoring.score(assessment)


def rows(frame, *columns):
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


def test_overall_ranking_by_exact_ratio_with_last_years_ranks(results):
    overall = results.groups[0].rankings[0]
    assert overall.title == DTI_TITLE and overall.has_previous
    # A and E tie exactly (110/120 = 137,5/150) and keep their row order; D is not ranked.
    assert rows(overall.table, "position", "rank", "unit", "score", "maximum", "ratio", "grade", "previous",
                "change") == [
        (1, 1, "Sở A", D(110), D(120), F(11, 12), "Xuất sắc", 2, 1),  # "Sở A cũ" was 2nd: up 1
        (2, 1, "Sở E", D("137.5"), D(150), F(11, 12), "Xuất sắc", None, NEW),  # new
        (3, 3, "Sở B", D(130), D(150), F(13, 15), "Tốt", 1, -2),
        (4, 4, "Sở C", D("122.5"), D(150), F(49, 60), "Tốt", None, ABSENT),  # not ranked last year: not new
    ]


def test_own_rankings_leave_out_units_a_criterion_does_not_apply_to(results):
    _, awareness, services = results.groups[0].rankings
    assert awareness.title == "Nhận thức số" and not awareness.has_previous
    assert rows(awareness.table, "rank", "unit", "score", "maximum", "grade") == [
        (1, "Sở E", D(50), D(50), "Xuất sắc"), (2, "Sở A", D(45), D(50), "Xuất sắc"),
        (2, "Sở B", D(45), D(50), "Xuất sắc"), (4, "Sở C", D(30), D(50), "Trung bình"),
    ]
    # Dịch vụ công does not apply to A (nor D, not ranked anyway).
    assert rows(services.table, "rank", "unit", "ratio") == [
        (1, "Sở B", F(1)), (2, "Sở E", F(11, 12)), (3, "Sở C", F(5, 6))]


def test_details_list_ranked_units_then_those_not_ranked(results):
    group = results.groups[0]
    assert group.varying_maxima
    details = group.details
    assert rows(details, "position", "rank", "unit", "total", "maximum", "note") == [
        (1, 1, "Sở A", D(110), D(120), ""), (2, 1, "Sở E", D("137.5"), D(150), ""),
        (3, 3, "Sở B", D(130), D(150), ""), (4, 4, "Sở C", D("122.5"), D(150), ""),
        (5, None, "Sở D", D(60), D(120), "Mới thành lập"),
    ]
    # Each criterion's own score, unweighted; None where it does not apply: apart, in the same rows.
    assert rows(group.scores, "Nhận thức số", "Hoạt động số", "Dịch vụ công", "An toàn") == [
        (D(45), D(40), None, D(45)), (D(50), D(95), D(55), D(40)), (D(45), D(90), D(60), D(40)),
        (D(30), D(85), D(50), D(50)), (D(20), D(20), None, D(30)),
    ]


def test_typed_last_ranks_give_the_communes_change(results):
    overall = results.groups[1].rankings[0]
    assert rows(overall.table, "rank", "unit", "ratio", "previous", "change") == [
        (1, "Xã X3", F(9, 10), None, NEW), (2, "Xã X1", F(3, 4), 2, 0), (3, "Xã X2", F(3, 5), 1, -2)]
    assert not results.groups[1].varying_maxima


@pytest.fixture(scope="module")
def built(last_results) -> api.Run:
    run = api.build(dti_spec().write_bytes(), "dti.xlsx", last_year=lambda typed: (typed, last_results))
    assert run.docx is not None, run.report.lines()
    return run


def test_the_notice_tables_row_by_row(built, tmp_path_factory):
    path = tmp_path_factory.mktemp("v2") / "dti.docx"
    path.write_bytes(built.docx)
    overall, awareness, services, communes, so_details, xa_details = docx_tables(path)
    assert overall == [
        ["TT", "Sở", "Tỷ lệ (%)", "Xếp loại", "Xếp hạng", "Xếp hạng năm trước", "Tăng/giảm"],
        ["1", "Sở A", "91,67", "Xuất sắc", "1", "2", "Tăng 1"],
        ["2", "Sở E", "91,67", "Xuất sắc", "1", "", "Mới"],
        ["3", "Sở B", "86,67", "Tốt", "3", "1", "Giảm 2"],
        ["4", "Sở C", "81,67", "Tốt", "4", "", ""],
    ]
    # No ranking of that title last year: no columns for it.
    assert awareness == [["TT", "Sở", "Tỷ lệ (%)", "Xếp loại", "Xếp hạng"],
                         ["1", "Sở E", "100,00", "Xuất sắc", "1"], ["2", "Sở A", "90,00", "Xuất sắc", "2"],
                         ["3", "Sở B", "90,00", "Xuất sắc", "2"], ["4", "Sở C", "60,00", "Trung bình", "4"]]
    assert services[1:] == [["1", "Sở B", "100,00", "Xuất sắc", "1"], ["2", "Sở E", "91,67", "Xuất sắc", "2"],
                            ["3", "Sở C", "83,33", "Tốt", "3"]]  # 50/60; A: KAD
    assert communes[1:] == [["1", "Xã X3", "90,00", "Xuất sắc", "1", "", "Mới"],
                            ["2", "Xã X1", "75,00", "Khá", "2", "2", "Giữ nguyên"],
                            ["3", "Xã X2", "60,00", "Trung bình", "3", "1", "Giảm 2"]]
    before = ["TT", "Sở", "Tổng điểm đánh giá", "Tỷ lệ (%)", "Điểm tối đa"]
    assert so_details[:3] == [
        before + ["Trong đó"] * 7 + ["Ghi chú", "Xếp hạng"],
        before + ["1 Nhận thức số"] * 3 + ["2 Hoạt động số"] * 3 + ["3 An toàn", "Ghi chú", "Xếp hạng"],
        before + ["Tổng điểm", "1.1 Lãnh đạo", "1.2 Tuyên truyền", "Tổng điểm", "2.1 Dịch vụ công",
                  "2.2 Văn bản điện tử", "3 An toàn", "Ghi chú", "Xếp hạng"],
    ]
    assert so_details[3:] == [
        ["1", "Sở A", "110", "91,67", "120", "45", "30", "15", "40", "KAD", "40", "45", "", "1"],
        ["2", "Sở E", "137,5", "91,67", "150", "50", "30", "20", "95", "55", "40", "40", "", "1"],
        ["3", "Sở B", "130", "86,67", "150", "45", "25", "20", "90", "60", "30", "40", "", "3"],
        ["4", "Sở C", "122,5", "81,67", "150", "30", "20", "10", "85", "50", "35", "50", "", "4"],
        ["5", "Sở D", "60", "50,00", "120", "20", "10", "10", "20", "KAD", "20", "30", "Mới thành lập", ""],
    ]
    # The communes' maxima are all 200: no maximum column; nobody unranked: no note.
    assert xa_details == [
        ["TT", "Xã", "Tổng điểm đánh giá", "Tỷ lệ (%)", "Trong đó", "Trong đó", "Xếp hạng"],
        ["TT", "Xã", "Tổng điểm đánh giá", "Tỷ lệ (%)", "Hạ tầng", "Dịch vụ", "Xếp hạng"],
        ["1", "Xã X3", "180", "90,00", "90", "90", "1"], ["2", "Xã X1", "150", "75,00", "80", "70", "2"],
        ["3", "Xã X2", "120", "60,00", "60", "60", "3"],
    ]


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


def test_the_files_last_year_is_read_beside_the_workbook(last_results, tmp_path):
    (tmp_path / "nam-truoc.ketqua.xlsx").write_bytes(last_results)
    result = api.generate(dti_spec().write(tmp_path / "dti.xlsx"), tmp_path / "ra")
    assert result.ok and result.docx is not None
    (tmp_path / "nam-truoc.ketqua.xlsx").unlink()
    missing = api.generate(tmp_path / "dti.xlsx", tmp_path / "ra")
    assert [p.code for p in missing.report.errors] == ["last_results_missing"]
    assert str(tmp_path / "nam-truoc.ketqua.xlsx") in missing.report.errors[0].message()
