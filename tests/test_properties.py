"""Properties over random valid workbooks: totals, order, grades and ranks are always right."""

from __future__ import annotations

import io
import tempfile
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from builders import Spec, merge
from generator import api, notice, ooxml, output, results_book, scoring, validate
from generator.model import DocumentKind, TieRule
from generator.workbook import UNSAFE, RawWorkbook, cell_ref

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def assessments(draw) -> Spec:
    spec = Spec()
    spec.set_info("Khi bằng điểm", draw(st.sampled_from(["Giữ thứ tự trong bảng", "Đồng hạng", "Xếp hạng liền"])))
    # 25, 50 and 75 % are also scores drawn below: a score exactly at a threshold earns its grade.
    percents = st.one_of(st.integers(1, 99), st.sampled_from([25, 50, 75]))
    thresholds = sorted(draw(st.sets(percents, min_size=0, max_size=4)), reverse=True) + [0]
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
    assessment, report = validate.validate(spec.raw())
    assert report.valid, report.lines()
    return assessment, scoring.score(assessment)


@SETTINGS
@given(assessments())
def test_rankings_totals_grades_and_ranks(spec):
    assessment, results = scored(spec)
    # Each grade's band of percentages, [its threshold, the threshold above it), the top one open.
    thresholds = [Fraction(g.threshold) for g in assessment.grades.grades]
    bands = [(g.name, low, high) for g, low, high in zip(assessment.grades.grades, thresholds, [None, *thresholds])]
    for result in results.groups:
        group = result.group
        maxima = {c.name: Fraction(c.maximum) for c in group.criteria}
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
            # The rank the notice prints: with `Đồng hạng` 1 + the number of better scores; with
            # `Xếp hạng liền` 1 + the number of distinct better scores; else the TT.
            competition = [1 + sum(s > score for s in scores) for score in scores]
            dense = [1 + len({s for s in scores if s > score}) for score in scores]
            expected = {TieRule.SHARED: competition, TieRule.DENSE: dense}.get(results.tie_rule, list(range(1, len(units) + 1)))
            assert list(table["rank"]) == expected
            maximum = maxima[ranking.criterion] if ranking.criterion else sum(maxima.values())
            for score, grade in zip(scores, table["grade"]):
                percent = Fraction(score) * 100 / maximum
                assert [name for name, low, high in bands if low <= percent and (high is None or percent < high)] == [grade]


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
    assessment, report = validate.validate(spec.raw())
    assert assessment is None
    assert report.flatten(["sheet", "cell", "unit", "criterion"]) == [[group, cell_ref(r, c), rows[r][1], rows[0][c]]]
    assert report.problems[0].code in ("score_above_maximum", "score_negative")


# --- no unit lost without a message -------------------------------------------------------

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad"]  # zero-width: none shows
SPACES = [" ", "\u00a0", "  ", " \u200b"]  # what may stand between two words and read as one space


@SETTINGS
@given(st.data())
def test_blank_rows_merged_cells_and_invisible_characters_never_lose_a_unit_silently(data):
    units = data.draw(st.integers(1, 12))
    names = [f"Đơn vị {u + 1}" for u in range(units)]
    spec = Spec()
    rows: list[tuple] = [spec.scores["Sở"][0]]
    unit_rows: dict[str, int] = {}  # name -> 0-based row
    blank_between = False
    for u, name in enumerate(names):
        blanks = data.draw(st.integers(0, 2)) if u else 0
        blank_between |= blanks > 0
        rows += [()] * blanks
        typed = "".join((data.draw(st.sampled_from(SPACES)) if ch == " " else ch)
                        + (data.draw(st.sampled_from(INVISIBLE)) if data.draw(st.booleans()) else "")
                        for ch in name)
        unit_rows[name] = len(rows)
        rows.append((u + 1, typed, 50, 25))
    rows += [()] * data.draw(st.integers(0, 3))
    spec.scores["Sở"] = rows
    merged = data.draw(st.lists(st.sampled_from(names), max_size=2, unique=True))
    with tempfile.TemporaryDirectory() as tmp:
        book = spec.write(Path(tmp) / "book.xlsx")
        for name in merged:  # a unit's two score cells merged, as "Miễn đánh giá" typed across them
            r = unit_rows[name] + 1
            merge(book, "Sở", {}, [f"C{r}:D{r}"])
        assessment, report = api.check(book)
    if merged:
        assert assessment is None
        # each merge one error, at its range (never "D… thiếu điểm" under it)
        assert {p.cell for p in report.errors} == {f"C{unit_rows[name] + 1}:D{unit_rows[name] + 1}" for name in merged}
    else:
        assert report.valid and assessment.groups[0].scores.index.tolist() == names
    assert any(p.code == "rows_blank" for p in report.warnings) == blank_between


# --- any text, anywhere: every output is a package Word and Excel open --------------------

# Any character at all, lone surrogates and non-characters included, in runs of a few.
ANY_TEXT = st.text(st.characters(codec=None, categories=None), min_size=1, max_size=12)


@SETTINGS
@given(st.data())
def test_any_unicode_in_any_text_field_gives_outputs_that_parse_strictly(data):
    spec = Spec()
    texts_of = lambda n: [data.draw(ANY_TEXT) for _ in range(n)]  # noqa: E731
    spec.info = [spec.info[0]] + [(label, text if isinstance(value, str) else value)
                                  for (label, value), text in zip(spec.info[1:], texts_of(len(spec.info) - 1))]
    spec.info = [(label, value) for label, value in spec.info if label != "Khi bằng điểm"]
    spec.groups[1] = ("Sở", data.draw(ANY_TEXT))
    first, second = texts_of(2)
    spec.criteria[1:] = [("Sở", "Hạ tầng" + first, 100, data.draw(ANY_TEXT)), ("Sở", "Cổng" + second, 50, None)]
    spec.grades[1:] = [(data.draw(ANY_TEXT), 50), ("Yếu" + data.draw(ANY_TEXT), 0)]
    units = [f"Sở {u}" + data.draw(ANY_TEXT) for u in range(3)]
    spec.scores["Sở"] = [("TT", "Đơn vị", "Hạ tầng" + first, "Cổng" + second)] + [
        (u + 1, name, data.draw(st.sampled_from([90, 100, 60, 120, "x"])), 20) for u, name in enumerate(units)]
    raw = RawWorkbook.of("b.xlsx", {
        "Thông tin": spec.info, "Khối": spec.groups, "Tiêu chí": spec.criteria, "Xếp loại": spec.grades,
        "Sở": spec.scores["Sở"]})
    run = stages(raw)
    for package in run:
        assert_strict(package)


def stages(raw: RawWorkbook) -> list[bytes]:
    """Every package a run can write for `raw`: the annotated copy, or the notice and results."""
    assessment, report = validate.validate(raw)
    if assessment is None:
        return [output.annotated_from_values([(s.name, s.rows) for s in raw.sheets], report)]
    results = scoring.score(assessment)
    rendered = notice.render(assessment, results, api.TEMPLATES[DocumentKind.NOTICE].read_bytes())
    return [rendered.docx, ooxml.xlsx(results_book.results_sheets(results))]


def assert_strict(package: bytes) -> None:
    """Every XML part parses with a strict parser, and holds no character Word refuses."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                data = archive.read(name)
                etree.fromstring(data, etree.XMLParser(recover=False, huge_tree=True))
                assert not UNSAFE.search(data.decode("utf-8")), name
