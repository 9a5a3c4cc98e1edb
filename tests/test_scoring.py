"""Scoring: exact totals at every level of a tree, exact ratios, grades and ranks.

The properties compute what they expect with Fractions, recursively over the tree, independently
of the numpy sums in `scoring`.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from decimal import Decimal as D
from fractions import Fraction as F

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import DTI_TITLE, dti_spec
from generator import ooxml, results_book, scoring, texts, validate, workbook
from generator.model import (
    Assessment,
    Criterion,
    Extra,
    Grade,
    GradeScale,
    Group,
    History,
    IssueDate,
    NoticeInfo,
    RankBy,
    TieRule,
    scored,
)
from generator.scoring import ABSENT, NEW, Results, rank, score

SCALE = GradeScale((Grade("Tốt", D(85)), Grade("Khá", D(70)), Grade("Trung bình", D(50)), Grade("Yếu", D(0))))
INFO = NoticeInfo("HĐ", "01/TB", "Nơi", IssueDate(2025, 1, 2), 2024, "Trích yếu", "Nội dung", "Chung", "CT", "A")


def one_group(scores: dict[str, list[str]], maxima: dict[str, int], scale: GradeScale | None = SCALE,
              **info) -> Assessment:
    frame = pd.DataFrame({k: [D(v) for v in vs] for k, vs in scores.items()},
                         index=pd.Index([f"U{i}" for i in range(len(next(iter(scores.values()))))], name="unit"),
                         dtype=object)
    group = Group("G", "G", tuple(Criterion(k, D(m)) for k, m in maxima.items()), frame)
    return Assessment(INFO.__class__(**{**INFO.__dict__, **info}), scale, (group,))


def test_equal_scores_keep_row_order_and_share_a_competition_rank():
    values = [D(90), D(95), D(90), D(95), D(80)]
    order, positions, ranks = rank(values)
    assert order == [1, 3, 0, 2, 4]
    assert positions == [1, 2, 3, 4, 5]
    assert ranks == [1, 1, 3, 3, 5]


def test_without_shared_ranks_the_rank_is_the_position_the_notice_prints():
    _, positions, ranks = rank([D(90), D(95), D(90), D(95), D(80)], TieRule.KEEP_ORDER)
    assert ranks == positions == [1, 2, 3, 4, 5]


def test_dense_ranks_share_a_rank_and_the_next_value_takes_the_next_number():
    # contract version 3, "A third tie rule" (Tây Ninh 2019: the last of 20 departments 13th):
    # 95 95 | 90 90 90 | 85 | 80 80 | 70 -> 1 1 2 2 2 3 4 4 5
    values = [D(90), D(95), D(80), D(90), D(95), D(85), D(90), D(70), D(80)]
    order, positions, ranks = rank(values, TieRule.DENSE)
    assert order == [1, 4, 0, 3, 6, 5, 2, 8, 7]
    assert positions == list(range(1, 10))
    assert ranks == [1, 1, 2, 2, 2, 3, 4, 4, 5]


def test_grade_is_the_first_whose_threshold_the_score_reaches_exactly():
    # 68/80 is exactly 85 %: Tốt (seed, I.3). 55.999/80 is just under 70 %: Trung bình.
    a = one_group({"x": ["68", "67.99", "56", "55.999", "40", "39.9"]}, {"x": 80})
    table = score(a).groups[0].rankings[0].table
    assert table["grade"].tolist() == ["Tốt", "Khá", "Khá", "Trung bình", "Trung bình", "Yếu"]


def test_totals_are_exact_decimal_sums():
    a = one_group({"x": ["0.1", "97.5"], "y": ["0.2", "2.5"]}, {"x": 100, "y": 100})
    assert score(a).groups[0].details["total"].tolist() == [D("100.0"), D("0.3")]


def test_ratios_tie_exactly_across_different_maxima():
    # 405/450 and (400 + 50)/500 are both exactly 9/10: a tie, kept in row order.
    frame = pd.DataFrame({"a": [D(405), D(400), D(300)], "b": [None, D(50), None]},
                         index=pd.Index(["U0", "U1", "U2"], name="unit"), dtype=object)
    group = Group("G", "G", (Criterion("a", D(450)), Criterion("b", D(50))), frame)
    info = NoticeInfo(**{**INFO.__dict__, "rank_by": RankBy.RATIO, "tie_rule": TieRule.SHARED})
    table = score(Assessment(info, None, (group,))).groups[0].rankings[0].table
    assert table[["unit", "rank", "ratio"]].values.tolist() == [["U0", 1, F(9, 10)], ["U1", 1, F(9, 10)],
                                                               ["U2", 3, F(2, 3)]]
    assert "grade" not in table  # no grade scale, no grades


def test_a_hundred_and_twenty_criteria_raise_no_library_warning():
    names = [f"Tiêu chí {c}" for c in range(120)]
    a = one_group({n: ["1", "2"] for n in names}, {n: 10 for n in names})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pandas' PerformanceWarning for a fragmented frame included
        results = score(a)
    # part B's own columns, then its criteria apart
    assert results.groups[0].details.columns.tolist() == ["position", "rank", "unit", "total", "maximum", "ratio", "note"]
    assert results.groups[0].scores.columns.tolist() == names


# --- properties over random trees ---------------------------------------------------------

WEIGHTS = [D(1), D(1), D("0.5"), D("0.25"), D("0.4"), D(2)]
MAXIMA = [D(10), D(20), D(30), D("12.5"), D(100)]


@st.composite
def trees(draw, code: str = "", depth: int = 0) -> list[Criterion]:
    """Criteria under `code`: up to three levels, each a leaf or a parent of one to three."""
    count = draw(st.integers(1, 3))
    found = []
    for n in range(1, count + 1):
        child = f"{code}.{n}" if code else str(n)
        weight = draw(st.sampled_from(WEIGHTS))
        own = draw(st.sampled_from([None, f"riêng {child}"]))
        if depth < 2 and draw(st.booleans()):
            kids = tuple(draw(trees(child, depth + 1)))
            found.append(Criterion(f"C{child}", sum((k.weight * k.maximum for k in kids), D(0)), own, child, weight,
                                   kids))
        else:
            found.append(Criterion(f"C{child}", draw(st.sampled_from(MAXIMA)), own, child, weight))
    return found


@st.composite
def assessments(draw) -> Assessment:
    top = tuple(draw(trees()))
    leaves = [c for t in top for c in t.walk() if c.leaf]
    units = [f"Đơn vị {u}" for u in range(draw(st.integers(1, 12)))]
    columns: dict[str, list[D | None]] = {}
    for leaf in leaves:
        # halves and quarters of the maximum: many ties; KAD (None) now and then
        columns[leaf.name] = [draw(st.sampled_from([leaf.maximum, leaf.maximum / 2, leaf.maximum / 4, D(0), None]))
                              for _ in units]
    frame = pd.DataFrame(columns, index=pd.Index(units, name="unit"), dtype=object)
    # every unit keeps something that applies to it, as validation requires
    for u in units:
        if frame.loc[u].isna().all():
            frame.loc[u, leaves[0].name] = D(0)
    not_ranked = {u: "lý do" for u in units[1:] if draw(st.integers(0, 5)) == 0}
    group = Group("G", "G", top, frame, not_ranked=not_ranked)
    last = {u.casefold(): draw(st.integers(1, 15)) for u in units if draw(st.booleans())}
    info = NoticeInfo(**{**INFO.__dict__, "rank_by": RankBy.RATIO,
                         "tie_rule": draw(st.sampled_from(list(TieRule)))})
    scale = draw(st.sampled_from([None, SCALE]))
    return Assessment(info, scale, (group,), History({("g", "chung"): last}))


def reference(c: Criterion, row: pd.Series) -> tuple[F, F, bool]:
    """A criterion's (score, applicable maximum, applies) for a unit, by the contract's words."""
    if c.leaf:
        value = row[c.name]
        return (F(0), F(0), False) if value is None else (F(value), F(c.maximum), True)
    parts = [(F(k.weight), *reference(k, row)) for k in c.children]
    return (sum((w * s for w, s, _, a in parts if a), F(0)), sum((w * m for w, _, m, a in parts if a), F(0)),
            any(a for *_, a in parts))


def full_maximum(c: Criterion, path: F = F(1)) -> F:
    return path * F(c.maximum) if c.leaf else sum((full_maximum(k, path * F(k.weight)) for k in c.children), F(0))


PROPERTIES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTIES
@given(assessments())
def test_totals_are_weighted_sums_at_every_level(assessment):
    group = assessment.groups[0]
    total_node = Criterion("total", group.maximum, children=group.criteria)
    by_name, total = scored(group)
    for i, (_, row) in enumerate(group.scores.iterrows()):
        for c in group.all_criteria:
            s, m, a = reference(c, row)
            assert (F(by_name[c.name].score[i]), F(by_name[c.name].maximum[i]), bool(by_name[c.name].applies[i])) \
                == (s, m, a)
        s, m, _ = reference(total_node, row)
        assert (F(total.score[i]), F(total.maximum[i])) == (s, m)


@PROPERTIES
@given(assessments())
def test_kad_removes_exactly_its_maxima(assessment):
    group = assessment.groups[0]
    details = score(assessment).groups[0].details.set_index("unit")

    def removed(c: Criterion, row: pd.Series, path: F) -> F:
        if c.leaf:
            return path * F(c.maximum) if row[c.name] is None else F(0)
        return sum((removed(k, row, path * F(k.weight)) for k in c.children), F(0))

    everything = sum((full_maximum(c, F(c.weight)) for c in group.criteria), F(0))
    assert everything == F(group.maximum)
    for unit, row in group.scores.iterrows():
        taken = sum((removed(c, row, F(c.weight)) for c in group.criteria), F(0))
        assert F(details.loc[unit, "maximum"]) == everything - taken


@PROPERTIES
@given(assessments())
def test_ratios_ordered_exactly_and_rank_change_is_last_minus_this(assessment):
    group = assessment.groups[0]
    results = score(assessment)
    last = assessment.history.ranks[("g", "chung")]
    for ranking in results.groups[0].rankings:
        table = ranking.table
        criterion = next((c for c in group.all_criteria if c.name == ranking.criterion), None)
        node = criterion or Criterion("total", group.maximum, children=group.criteria)
        expected = {}
        for unit, row in group.scores.iterrows():
            s, m, applies = reference(node, row)
            if applies and unit not in group.not_ranked:
                expected[unit] = s / m
        assert sorted(table["unit"]) == sorted(expected)  # exactly the ranked units it applies to
        ratios = [expected[u] for u in table["unit"]]
        assert list(table["ratio"]) == ratios
        assert all(a >= b for a, b in zip(ratios, ratios[1:]))
        units = list(group.scores.index)
        for a, b in zip(table.itertuples(), table.iloc[1:].itertuples()):
            if a.ratio == b.ratio:
                assert units.index(a.unit) < units.index(b.unit)  # ties keep row order
        competition = [1 + sum(r > x for r in ratios) for x in ratios]
        dense = [1 + len({r for r in ratios if r > x}) for x in ratios]  # distinct better values
        expected_ranks = {TieRule.SHARED: competition, TieRule.DENSE: dense}
        assert list(table["rank"]) == expected_ranks.get(assessment.info.tie_rule, list(range(1, len(ratios) + 1)))
        if ranking.criterion is None:  # last year's ranks are the overall ranking's ("Chung")
            for unit, this, previous, change in zip(table["unit"], table["rank"], table["previous"], table["change"]):
                was = last.get(unit.casefold())
                assert previous == was
                assert change == (NEW if was is None else was - this)  # no units known: all new


# --- version 2, every feature at once (`builders.dti_spec`, its values worked out there) ---------


@pytest.fixture(scope="module")
def results(last_results) -> Results:
    assessment, report = validate.validate(dti_spec().raw(), lambda typed: (f"/thu-muc/{typed}", last_results))
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


@PROPERTIES
@given(assessments(), st.data())
def test_bonus_and_penalty_points_never_change_a_maximum(assessment, data):
    """Extra points added anywhere in a tree (contract version 3): every maximum as without them;
    the total moves by exactly each bonus (weighted on its path) added and each penalty subtracted."""
    group = assessment.groups[0]
    added: dict[str, tuple[Extra, F]] = {}  # leaf name -> its kind and what it counts on its path

    def with_extras(level: tuple[Criterion, ...], code: str, path: F) -> tuple[Criterion, ...]:
        kept = tuple(replace(c, children=with_extras(c.children, c.code, path * F(c.weight))) if c.children else c
                     for c in level)
        extra = data.draw(st.sampled_from([None, Extra.BONUS, Extra.PENALTY]))
        if extra is None:
            return kept
        new = Criterion(f"Thêm {code or 'gốc'}", D(10), code=f"{code}.9" if code else "9",
                        weight=data.draw(st.sampled_from(WEIGHTS)), extra=extra)
        added[new.name] = (extra, path * F(new.weight))
        return (*kept, new)

    tree = with_extras(group.criteria, "", F(1))
    points = {name: [data.draw(st.sampled_from([D(0), D(5), D(10), None])) for _ in group.scores.index] for name in added}
    frame = group.scores.assign(**points)
    extended = replace(group, criteria=tree, scores=frame)
    before, before_total = scored(group)
    after, after_total = scored(extended)
    assert extended.maximum == group.maximum
    for name, s in before.items():
        assert list(after[name].maximum) == list(s.maximum), name
    assert list(after_total.maximum) == list(before_total.maximum)
    for i in range(len(frame)):
        moved = sum(((1 if extra is Extra.BONUS else -1) * path * F(points[name][i] or 0)
                     for name, (extra, path) in added.items()), F(0))
        assert F(after_total.score[i]) == F(before_total.score[i]) + moved


@PROPERTIES
@given(assessments())
def test_without_merged_units_the_rebased_ranks_are_the_published_ones(assessment):
    """Last year's ranking re-based on the same units (contract version 3): the ranks its notice
    printed, from the exact values its results workbook keeps."""
    results = score(assessment)
    raw = workbook.read_bytes(ooxml.xlsx(results_book.results_sheets(results)), "r.ketqua.xlsx", marks=False)
    history = results_book.read_history(raw)
    assert history is not None
    group = assessment.groups[0]
    for ranking in results.groups[0].rankings:
        values = history.values[("g", texts.label_key(ranking.title))]
        published = dict(zip(ranking.table["unit"], ranking.table["rank"]))
        assert scoring._rebased(group, values, assessment.info.tie_rule) == published
