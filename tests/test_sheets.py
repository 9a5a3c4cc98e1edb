"""Each unit's own result as data (`sheets`): every value worked out by hand here."""

from __future__ import annotations

from builders import Spec, merged_last_year, merged_this_year, sheets_spec
from generator import api, scoring, sheets, validate
from generator.sheets import Bar, Line, Standing


def made(spec: Spec, last_year=None) -> list[sheets.UnitSheet]:
    assessment, report = validate.validate(spec.raw(), last_year)
    assert assessment is not None, report.lines()
    return sheets.build(scoring.score(assessment))


def by_unit(spec: Spec, last_year=None) -> dict[str, sheets.UnitSheet]:
    return {s.unit: s for s in made(spec, last_year)}


def test_a_unit_with_its_own_scores_and_the_councils_remarks():
    a = by_unit(sheets_spec())["Sở A"]
    assert (a.group, a.total, a.maximum, a.value, a.grade, a.not_ranked) == ("Sở", "210", "250", "84,00", "Khá", "")
    # Ranked by share: B 130/150 = 86,67 % first, A 210/250 = 84 % second; in An toàn B 50/50, A 40/50.
    assert a.standings == (Standing("Mức độ ứng dụng CNTT", "2/2"), Standing("An toàn thông tin", "2/2"))
    assert a.self_assessed and not a.coded
    # Averages over the units each criterion applies to, ranked or not: Hạ tầng (90 + 80 + 80) / 3 = 250/3,
    # Dịch vụ (80 + 70) / 2 (B: KAD), An toàn (40 + 50 + 40) / 3, the total (210 + 130 + 190) / 3.
    assert a.lines == (
        Line("", "Hạ tầng", 1, "100", "90", "95", "5", "10", "83,33", "90"),
        Line("", "Dịch vụ", 1, "100", "80", "85", "5", "20", "75", "80"),
        Line("", "An toàn", 1, "50", "40", "45", "5", "10", "43,33", "50"),
        Line("", "", 1, "250", "210", "225", "15", "40", "176,67", "210"),
    )
    assert a.remarks == (("", "Cần cải thiện dịch vụ."), ("Dịch vụ", "Chưa có DVC toàn trình."))


def test_a_unit_to_which_a_criterion_does_not_apply():
    b = by_unit(sheets_spec())["Sở B"]
    assert (b.total, b.maximum, b.value, b.grade) == ("130", "150", "86,67", "Tốt")
    assert b.standings[0].rank == "1/2" and not b.self_assessed and b.remarks == ()
    assert b.lines[1] == Line("", "Dịch vụ", 1, "KAD", "", "", "", "", "75", "80")
    assert b.lines[3] == Line("", "", 1, "150", "130", "", "", "20", "176,67", "210")
    # The chart: each top-level criterion's share of the maximum, the group's average share beside it:
    # Hạ tầng (90 % + 80 % + 80 %) / 3, Dịch vụ (80 % + 70 %) / 2, An toàn (80 % + 100 % + 80 %) / 3.
    assert b.bars == (Bar("Hạ tầng", 80.0, 83.33), Bar("Dịch vụ", None, 75.0), Bar("An toàn", 100.0, 86.67))


def test_a_unit_not_ranked_has_no_standing_nor_grade():
    c = by_unit(sheets_spec())["Sở C"]
    assert (c.not_ranked, c.grade, c.value, c.standings) == ("Mới thành lập", "", "76,00", ())
    assert c.lines[3].score == "190" and c.lines[3].average == "176,67"


def test_a_group_of_one_unit():
    one = by_unit(sheets_spec())["Xã Một"]
    assert one.standings == (Standing("Mức độ ứng dụng CNTT", "1/1"),)
    assert one.lines[0] == Line("", "Hạ tầng", 1, "100", "70", "", "", "30", "70", "70")


def test_a_merged_unit_gets_its_re_based_rank_and_change():
    # `builders.merged_this_year`: Xã B 140 (2nd), last year re-based 3rd: Tăng 1.
    last = api.build(merged_last_year().write_bytes(), "nam-truoc.xlsx")
    sheet = by_unit(merged_this_year(), lambda typed: (typed, last.results))["Xã B"]
    assert sheet.standings == (Standing("Mức độ ứng dụng CNTT", "2/4", "3", "Tăng 1"),)


def test_a_tree_to_level_2_lists_each_component_under_its_main_index():
    from builders import dti_spec

    spec = dti_spec()
    spec.info = [(k, v) for k, v in spec.info if k != "Kết quả năm trước"]
    b = by_unit(spec)["Sở B"]
    assert b.coded
    assert [(line.code, line.level, line.score, line.maximum) for line in b.lines] == [
        ("1", 1, "45", "50"), ("1.1", 2, "25", "30"), ("1.2", 2, "20", "20"),
        ("2", 1, "90", "100"), ("2.1", 2, "60", "60"), ("2.2", 2, "30", "40"),
        ("3", 1, "40", "50"), ("", 1, "130", "150")]
    # The weighted total: 45 + 90 × 0,5 + 40; the group's average total (110 + 130 + 122,5 + 60 + 137,5) / 5.
    assert b.lines[-1].average == "112"


def test_names_in_the_zip_are_safe_on_windows_and_unique():
    names = sheets.unique_names(["Sở A", "sở a", "UBND xã: A/B?", "CON", "Xã.", "Sở A", "com¹"],
                                ["Sở", "Sở", "Xã", "Xã", "Xã", "Phòng", "Xã"])
    assert names == ["Sở A (Sở).docx", "sở a (Sở) (2).docx", "UBND xã_ A_B_.docx", "_CON.docx", "Xã.docx",
                     "Sở A (Phòng).docx", "_com¹.docx"]
