"""Stage 3, score and rank: an `Assessment` into the tables of parts A and B, with pandas.

Every number is exact: scores and maxima are Decimals, a parent's score is the exact weighted sum
of its children's, a ratio is a Fraction (405/450 ties 450/500), and grades are compared exactly.
Nothing is rounded here; only printing rounds (`figures`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import texts
from .model import Assessment, Criterion, Display, GradeScale, Group, RankBy, Scored, TieRule, scored

if TYPE_CHECKING:
    from .layout import Column

# A unit without a rank last year: new since, or assessed then but not in that ranking (not ranked,
# or the criterion did not apply to it).
NEW, ABSENT = "new", "absent"


@dataclass(frozen=True)
class Ranking:
    """One ranking table of part A: a group's ranked units by one score, highest first."""

    title: str  # printed after "Xếp hạng "
    criterion: str | None  # None for the overall ranking (by total)
    maximum: Decimal  # the most a unit can score in it (all of it applying)
    # Columns position (TT: 1, 2, 3…), rank (what the notice prints: competition rank 1, 1, 3…
    # with `Đồng hạng`, else the TT), unit, score (exact points), maximum (the unit's applicable
    # maximum), ratio (score / maximum, a Fraction), grade (with a grade scale), previous (last
    # year's rank, or None) and change (previous - rank; without a rank last year, NEW or ABSENT)
    # with a history.
    table: pd.DataFrame
    has_previous: bool = False  # last year's ranks are known for this ranking
    rebased: bool = False  # last year's ranks are re-based on this year's units (merged units)

    @property
    def unranked_last_year(self) -> int:
        """How many of its units were in last year's results but not in last year's ranking of its
        title: their `Xếp hạng năm trước` and `Tăng/giảm` print blank."""
        return int((self.table["change"] == ABSENT).sum()) if "change" in self.table else 0


@dataclass(frozen=True)
class GroupResult:
    group: Group
    rankings: tuple[Ranking, ...]  # the overall ranking first, then each criterion's own, in code order
    # Part B: position, rank (None for a unit not ranked), unit, total, maximum, ratio, note (why a
    # unit is not ranked, or ""); ranked units in overall order, then those not ranked.
    details: pd.DataFrame
    # Part B's criteria, apart from its own columns whatever their names: one column per criterion
    # (every level), named as it, its own unweighted score (None where it does not apply); the
    # rows of `details`.
    scores: pd.DataFrame
    # unit -> criterion (every level; "" for the total) -> the unit's self-assessed score, where it gave
    # one for every component that applies to it (`own_scores`)
    own: dict[str, dict[str, Decimal]] = field(default_factory=dict)

    @property
    def varying_maxima(self) -> bool:
        """Units' applicable maxima differ (some criterion does not apply to some unit)."""
        return bool(self.details["maximum"].nunique() > 1)

    def column(self, column: Column) -> pd.Series:
        """Part B's column of `column` (`layout`): a criterion's from `scores`, the others from `details`."""
        return (self.scores if column.criterion else self.details)[column.key]


@dataclass(frozen=True)
class Results:
    groups: tuple[GroupResult, ...]
    tie_rule: TieRule
    graded: bool = True  # a grade scale: tables print a `Xếp loại` column
    display: Display = Display.POINTS
    decimals: int | None = None
    value_heading: str = ""  # part A's value column (`Tên cột điểm`); "" for the template's word
    detail_level: int = 1
    rank_by: RankBy = RankBy.POINTS
    grades: tuple[str, ...] = ()  # the grade scale's names, highest first (the page's charts colour by them)
    summary: bool = False  # `Bảng tổng hợp`, with a grade scale: part A ends each group with its units by grade
    self_detail: bool = False  # `Chi tiết tự đánh giá`: part B shows the self-assessed scores

    def shows_own(self, result: GroupResult) -> bool:
        """Part B prints the group's self-assessed scores, in brackets under the council's."""
        return self.self_detail and bool(result.own)

    @property
    def shared_ranks(self) -> bool:
        """`Đồng hạng` or `Xếp hạng liền`: equal values share a rank, and the tables print a
        `Xếp hạng` column."""
        return self.tie_rule is not TieRule.KEEP_ORDER


def score(assessment: Assessment) -> Results:
    info = assessment.info
    return Results(
        groups=tuple(_score_group(g, assessment, info.tie_rule) for g in assessment.groups),
        tie_rule=info.tie_rule,
        graded=assessment.grades is not None,
        display=info.display,
        decimals=info.decimals,
        value_heading=info.value_heading,
        detail_level=info.detail_level,
        rank_by=info.rank_by,
        grades=() if assessment.grades is None else tuple(g.name for g in assessment.grades.grades),
        summary=info.summary and assessment.grades is not None,
        self_detail=info.self_detail,
    )


def ratios(s: Scored) -> list[Fraction | None]:
    """Each unit's score as an exact share of its applicable maximum; None where nothing applies."""
    return [Fraction(v) / Fraction(m) if a else None for v, m, a in zip(s.score, s.maximum, s.applies)]


def rank(values: list[Any], tie_rule: TieRule = TieRule.SHARED) -> tuple[list[int], list[int], list[int]]:
    """The order of `values` (exact numbers) highest first, equal values keeping their row order;
    each one's position (1, 2, 3…) and the rank the notice prints: with `Đồng hạng` shared by equal
    values (1, 1, 3), with `Xếp hạng liền` too but the next value taking the next number (1, 1, 2),
    else the position. Returns (order, positions, ranks)."""
    order = sorted(range(len(values)), key=values.__getitem__, reverse=True)  # stable, also reversed
    positions = list(range(1, len(order) + 1))
    if tie_rule is TieRule.KEEP_ORDER:
        return order, positions, positions
    ranks: list[int] = []
    for n, i in enumerate(order):
        tied = n > 0 and values[i] == values[order[n - 1]]
        ranks.append(ranks[-1] if tied else (ranks[-1] + 1 if ranks and tie_rule is TieRule.DENSE else n + 1))
    return order, positions, ranks


def _score_group(group: Group, assessment: Assessment, tie_rule: TieRule) -> GroupResult:
    info = assessment.info
    by_name, total = scored(group)
    units = group.scores.index.to_numpy()
    ranked = np.array([u not in group.not_ranked for u in units], dtype=bool)

    def ranking(title: str, criterion: Criterion | None) -> Ranking:
        s = total if criterion is None else by_name[criterion.name]
        rows = np.flatnonzero(ranked & s.applies)
        shares = ratios(Scored(s.score[rows], s.maximum[rows], s.applies[rows]))
        keys = shares if info.rank_by is RankBy.RATIO else list(s.score[rows])
        order, positions, ranks = rank(keys, tie_rule)
        picked = rows[order]
        table = pd.DataFrame({
            "position": positions,
            "rank": ranks,
            "unit": units[picked],
            "score": s.score[picked],
            "maximum": s.maximum[picked],
            "ratio": [shares[i] for i in order],
        })
        maximum = group.maximum if criterion is None else criterion.maximum
        if info.display is Display.CONVERTED:
            table["converted"] = [None if r is None else r * Fraction(maximum) for r in table["ratio"]]
        if assessment.grades is not None:
            scale: GradeScale = assessment.grades
            table["grade"] = [scale.grade_for(v, m) for v, m in zip(table["score"], table["maximum"])]
        past, known = _past_ranks(group, assessment, title, criterion is None)
        values = assessment.history.values.get((texts.label_key(group.name), texts.label_key(title)))
        rebased = past is not None and bool(group.merged) and values is not None
        if past is not None:
            lasts = [[texts.label_key(n) for n in group.last_names(u)] for u in table["unit"]]
            if rebased:
                again = _rebased(group, values or {}, tie_rule)
                previous = [again.get(u) for u in table["unit"]]
            else:
                previous = [past.get(names[0]) for names in lasts]
            table["previous"] = pd.array(previous, dtype=object)
            table["change"] = pd.array([(ABSENT if any(k in known for k in names) else NEW) if p is None else p - r
                                        for names, p, r in zip(lasts, previous, ranks)], dtype=object)
        return Ranking(title, None if criterion is None else criterion.name, maximum, table, past is not None, rebased)

    overall = ranking(info.overall_title, None)
    own = tuple(ranking(c.own_ranking, c) for c in group.all_criteria if c.own_ranking)
    details, scores = _details(group, overall, by_name, total, units, ranked)
    if info.display is Display.CONVERTED:
        details["converted"] = [None if r is None else r * Fraction(group.maximum) for r in details["ratio"]]
    return GroupResult(group, (overall, *own), details, scores, own_scores(group, by_name))


def own_scores(group: Group, by_name: dict[str, Scored]) -> dict[str, dict[str, Decimal]]:
    """Each unit's self-assessed scores by criterion, every level: a main index's (and the total's,
    by "") where the unit gave one for every component of it that applies to it; a penalty's
    negative, as it counts."""
    found: dict[str, dict[str, Decimal]] = {}
    for i, unit in enumerate(group.scores.index):
        given = group.self_scores.get(unit)
        if given:
            applies = {name: bool(s.applies[i]) for name, s in by_name.items()}
            scores: dict[str, Decimal] = {}
            total = _own_sum(group.criteria, given, applies, scores)
            if total is not None:
                scores[""] = total
            found[unit] = scores
    return found


def _own_sum(
    criteria: tuple[Criterion, ...], given: dict[str, Decimal], applies: dict[str, bool], into: dict[str, Decimal]
) -> Decimal | None:
    """The weighted sum of the own scores of `criteria` that apply, each one put `into`; None unless
    every one of them that applies has one."""
    total, complete, counted = Decimal(0), True, False
    for c in criteria:
        if not applies[c.name]:
            continue
        counted = True
        own = (given[c.name] * c.sign if c.name in given else None) if c.leaf else _own_sum(c.children, given, applies, into)
        if own is None:
            complete = False
        else:
            into[c.name] = own
            total += c.weight * own
    return total if complete and counted else None


def _rebased(group: Group, values: dict[str, Fraction], tie_rule: TieRule) -> dict[str, int]:
    """Last year's ranking re-based on this year's units (contract version 3), by unit: each one's
    last year's value, a merged unit's the exact average of its predecessors' (those ranked then),
    ranked with this year's tie rule, ties in this year's row order."""
    last: dict[str, Fraction] = {}
    for unit in group.scores.index:
        found = [values[k] for k in (texts.label_key(n) for n in group.last_names(unit)) if k in values]
        if found:
            last[unit] = sum(found, Fraction(0)) / len(found)
    units = list(last)
    order, _, ranks = rank([last[u] for u in units], tie_rule)
    return {units[i]: r for i, r in zip(order, ranks)}


def _past_ranks(
    group: Group, assessment: Assessment, title: str, overall: bool
) -> tuple[dict[str, int] | None, frozenset[str]]:
    """Last year's ranks in this ranking by unit (label_key), or None where none are known: typed
    in the score sheet for the overall ranking, else from last year's results workbook; and the
    units last year's results hold (none known for typed ranks)."""
    if overall and group.previous_ranks:
        return {texts.label_key(group.previous_names.get(u, u)): r for u, r in group.previous_ranks.items()}, frozenset()
    key = texts.label_key(group.name)
    known = frozenset(texts.label_key(u) for u in assessment.history.units.get(key, ()))
    return assessment.history.ranks.get((key, texts.label_key(title))), known


def _details(
    group: Group, overall: Ranking, by_name: dict[str, Scored], total: Scored, units: np.ndarray, ranked: np.ndarray
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Part B's own columns, and its criteria's (`GroupResult`)."""
    row_of = {u: i for i, u in enumerate(units)}
    rows = [row_of[u] for u in overall.table["unit"]] + [i for i in range(len(units)) if not ranked[i]]
    count = len(overall.table)
    shares = ratios(total)
    details = pd.DataFrame({
        "position": range(1, len(rows) + 1),
        "rank": pd.array([*overall.table["rank"].tolist(), *[None] * (len(rows) - count)], dtype=object),
        "unit": units[rows],
        "total": total.score[rows],
        "maximum": total.maximum[rows],
        "ratio": [shares[i] for i in rows],
        "note": [group.not_ranked.get(units[i], "") for i in rows],
    })
    # Built in one piece: a column at a time fragments the frame (pandas warns past 100 criteria).
    scores = pd.DataFrame({c.name: [s.score[i] if s.applies[i] else None for i in rows]
                           for c in group.all_criteria for s in (by_name[c.name],)})
    return details, scores
