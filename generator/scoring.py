"""Stage 3, score and rank: an `Assessment` into the tables of parts A and B, with pandas.

Scores are exact Decimals: totals are exact sums and grade boundaries are compared exactly.
Sorting uses the totals as floats, which keeps their order and their ties exactly for any
number of 15 significant digits or fewer, far beyond what a score sheet holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from .model import Assessment, GradeScale, Group, TieRule


@dataclass(frozen=True)
class Ranking:
    """One ranking table of part A: a group's units by one score, highest first."""

    title: str  # printed after "Xếp hạng "
    criterion: str | None  # None for the overall ranking (by total)
    maximum: Decimal
    # Columns position (TT: 1, 2, 3…), rank (competition rank: 1, 1, 3…), unit, score, grade.
    table: pd.DataFrame


@dataclass(frozen=True)
class GroupResult:
    group: Group
    rankings: tuple[Ranking, ...]  # the overall ranking first, then each criterion's own
    # Part B: position, rank, unit, total, then one column per criterion; in overall order.
    details: pd.DataFrame


@dataclass(frozen=True)
class Results:
    groups: tuple[GroupResult, ...]
    shared_ranks: bool  # `Đồng hạng`: tables print a `Xếp hạng` column


def score(assessment: Assessment) -> Results:
    info = assessment.info
    shared = info.tie_rule is TieRule.SHARED
    return Results(
        groups=tuple(_score_group(g, assessment.grades, info.overall_title, shared) for g in assessment.groups),
        shared_ranks=shared,
    )


def totals(group: Group) -> pd.Series:
    """Each unit's total: the exact sum of its criteria's scores."""
    return sum((group.scores[c.name] for c in group.criteria), pd.Series(Decimal(0), index=group.scores.index))


def rank(scores: pd.Series, maximum: Decimal, scale: GradeScale, shared: bool = True) -> pd.DataFrame:
    """Units (the index) by score, highest first; equal scores keep their row order. Their rank
    is what the notice prints: shared by equal scores (1, 1, 3) with `Đồng hạng`, else the TT."""
    key = scores.astype(float).to_numpy()
    order = np.argsort(-key, kind="stable")
    positions = np.arange(1, len(order) + 1)
    ranks = pd.Series(-key[order]).rank(method="min").astype(int).to_numpy() if shared else positions
    ordered = scores.to_numpy()[order]
    return pd.DataFrame(
        {
            "position": positions,
            "rank": ranks,
            "unit": scores.index.to_numpy()[order],
            "score": ordered,
            "grade": [scale.grade_for(s, maximum) for s in ordered],
        }
    )


def _score_group(group: Group, scale: GradeScale, overall_title: str, shared: bool) -> GroupResult:
    total = totals(group)
    overall = Ranking(overall_title, None, group.maximum, rank(total, group.maximum, scale, shared))
    own = tuple(
        Ranking(c.own_ranking, c.name, c.maximum, rank(group.scores[c.name], c.maximum, scale, shared))
        for c in group.criteria
        if c.own_ranking
    )
    table = overall.table
    by_unit = group.scores.loc[table["unit"]]
    # Built in one piece: a column at a time fragments the frame (pandas warns past 100 criteria).
    details = pd.concat(
        [table[["position", "rank", "unit"]].assign(total=table["score"].to_numpy()),
         pd.DataFrame({c.name: by_unit[c.name].to_numpy() for c in group.criteria})],
        axis=1,
    )
    return GroupResult(group, (overall, *own), details)
