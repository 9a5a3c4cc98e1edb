"""Properties over random valid workbooks: totals, order, grades and ranks are always right."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import Spec
from generator import api, scoring
from generator.workbook import cell_ref

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def assessments(draw) -> Spec:
    spec = Spec()
    spec.set_info("Khi bằng điểm", draw(st.sampled_from(["Giữ thứ tự trong bảng", "Đồng hạng"])))
    thresholds = sorted(draw(st.sets(st.integers(1, 99), min_size=0, max_size=4)), reverse=True) + [0]
    spec.grades = [("Xếp loại", "Từ (% điểm tối đa)")] + [(f"Mức {i}", t) for i, t in enumerate(thresholds)]
    spec.groups, spec.criteria, spec.scores = [("Khối", "Tiêu đề")], [("Khối", "Tiêu chí", "Điểm tối đa", "Xếp hạng riêng")], {}
    for g in range(draw(st.integers(1, 3))):
        group = f"Khối {g + 1}"
        spec.groups.append((group, group.upper()))
        maxima = draw(st.lists(st.sampled_from([Decimal(m) for m in ("10", "20", "80", "100", "120.5", "500")]),
                               min_size=1, max_size=5))
        names = [f"Tiêu chí {c + 1}" for c in range(len(maxima))]
        for name, maximum in zip(names, maxima):
            spec.criteria.append((group, name, float(maximum), draw(st.sampled_from([None, f"riêng {name}"]))))
        units = draw(st.integers(1, 25))
        rows = [("TT", "Đơn vị", *names)]
        for u in range(units):
            # Scores from a small set of halves and quarters: many ties, exact decimals.
            scores = [float(draw(st.sampled_from([m, m / 2, m / 4, Decimal(0), m * 3 / 4]))) for m in maxima]
            rows.append((u + 1, f"Đơn vị {u + 1}", *scores))
        spec.scores[group] = rows
    return spec


def scored(spec: Spec):
    with tempfile.TemporaryDirectory() as tmp:
        assessment, report = api.check(spec.write(Path(tmp) / "book.xlsx"))
    assert report.valid, report.lines()
    return assessment, scoring.score(assessment)


@SETTINGS
@given(assessments())
def test_rankings_totals_grades_and_ranks(spec):
    assessment, results = scored(spec)
    scale = assessment.grades.grades
    for result in results.groups:
        group = result.group
        units = list(group.scores.index)
        totals = {u: sum(group.scores.loc[u]) for u in units}
        assert dict(zip(result.details["unit"], result.details["total"])) == totals
        for ranking in result.rankings:
            table = ranking.table
            by = group.scores[ranking.criterion] if ranking.criterion else totals
            scores = [by[u] for u in table["unit"]]
            assert sorted(table["unit"]) == sorted(units)  # a permutation of the units
            assert list(table["score"]) == scores
            assert all(a >= b for a, b in zip(scores, scores[1:]))  # highest first
            for a, b in zip(table.itertuples(), table.iloc[1:].itertuples()):
                if a.score == b.score:  # equal scores keep row order
                    assert units.index(a.unit) < units.index(b.unit)
            assert list(table["position"]) == list(range(1, len(units) + 1))
            assert list(table["rank"]) == [1 + sum(s > score for s in scores) for score in scores]
            for score, grade in zip(scores, table["grade"]):
                expected = next(g.name for g in scale if score * 100 >= g.threshold * ranking.maximum)
                assert grade == expected


@SETTINGS
@given(assessments(), st.data())
def test_out_of_range_values_are_reported_at_exactly_their_cell(spec, data):
    group = data.draw(st.sampled_from(sorted(spec.scores)))
    rows = spec.scores[group]
    r = data.draw(st.integers(1, len(rows) - 1))
    c = data.draw(st.integers(2, len(rows[0]) - 1))
    maximum = next(m for g, name, m, _ in spec.criteria[1:] if g == group and name == rows[0][c])
    value = data.draw(st.one_of(st.floats(maximum + 0.01, maximum * 10), st.floats(-1000, -0.01)))
    row = list(rows[r])
    row[c] = value
    rows[r] = tuple(row)
    with tempfile.TemporaryDirectory() as tmp:
        assessment, report = api.check(spec.write(Path(tmp) / "book.xlsx"))
    assert assessment is None
    assert report.flatten(["sheet", "cell", "unit", "criterion"]) == [[group, cell_ref(r, c), rows[r][1], rows[0][c]]]
    assert report.problems[0].code in ("score_above_maximum", "score_negative")
