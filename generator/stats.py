"""The results' statistics (contract version 3): per group and criterion, every level and the total,
its maximum and how its units scored; per group, how many units earned each grade.

Exact, like `scoring`: an average is a Fraction, the best and lowest are the Decimals scored. The
results workbook's `Thống kê` sheet writes them, the document's `Bảng tổng hợp` prints the grades.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .model import Criterion
from .scoring import GroupResult


@dataclass(frozen=True)
class Spread:
    """How a group's units scored on one criterion (or the total), over those it applies to,
    ranked or not."""

    criterion: Criterion | None  # None for the total
    maximum: Decimal  # the criterion's own (the group's for the total), as if it applied to all
    applies: int  # the units it applies to
    average: Fraction | None  # None (and best and lowest too) where it applies to none
    best: Decimal | None
    lowest: Decimal | None


@dataclass(frozen=True)
class GradeCount:
    grade: str
    units: int
    share: Fraction  # of the group's ranked units


def spreads(result: GroupResult) -> tuple[Spread, ...]:
    """Every criterion's spread, parents before their children in code order, then the total's."""
    group = result.group
    return (*(_spread(c, c.maximum, result.scores[c.name].tolist()) for c in group.all_criteria),
            _spread(None, group.maximum, result.details["total"].tolist()))


def _spread(criterion: Criterion | None, maximum: Decimal, scores: Sequence[Decimal | None]) -> Spread:
    applying = [s for s in scores if s is not None]  # a penalty's negative, as it counts: its best is the least
    if not applying:
        return Spread(criterion, maximum, 0, None, None, None)
    # Summed as Decimals, then divided exactly: a Fraction a score would cost a second at 3,321 units.
    average = Fraction(sum(applying, Decimal(0))) / len(applying)
    return Spread(criterion, maximum, len(applying), average, max(applying), min(applying))


def grade_counts(result: GroupResult, grades: Sequence[str]) -> tuple[GradeCount, ...]:
    """How many of the group's ranked units earned each grade of the scale (`grades`, highest first),
    and their share of them: the grades of the overall ranking. Nothing without a scale, or without
    a ranked unit to share out."""
    overall = result.rankings[0].table
    if not grades or overall.empty:
        return ()
    counts = Counter(overall["grade"])
    return tuple(GradeCount(g, counts[g], Fraction(counts[g], len(overall))) for g in grades)
