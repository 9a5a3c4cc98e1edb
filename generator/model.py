"""The domain: what a validated workbook says, as plain data shared by every stage."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

import pandas as pd


class TieRule(Enum):
    """What equal scores do in a ranking table (`Khi bằng điểm`)."""

    KEEP_ORDER = "keep_order"  # equal scores keep the workbook's row order, TT 1, 2, 3…
    SHARED = "shared"  # same, plus a `Xếp hạng` column: 1, 1, 1, 4 (competition ranking)


@dataclass(frozen=True)
class Criterion:
    name: str
    maximum: Decimal
    own_ranking: str | None = None  # title of its own ranking table in part A, if any


@dataclass(frozen=True)
class Grade:
    name: str
    threshold: Decimal  # lowest score that earns this grade, in % of the maximum


@dataclass(frozen=True)
class GradeScale:
    grades: tuple[Grade, ...]  # highest threshold first; the last one is 0

    def grade_for(self, score: Decimal, maximum: Decimal) -> str:
        # Compared as score * 100 >= threshold * maximum, exact in Decimal: no float rounding
        # may move a unit across a grade boundary.
        for grade in self.grades:
            if score * 100 >= grade.threshold * maximum:
                return grade.name
        return self.grades[-1].name


@dataclass(frozen=True)
class Group:
    """A group of units (khối), ranked separately, with its own criteria."""

    name: str  # short name: the score sheet's name and the unit column's header
    title: str  # section heading in parts A and B
    criteria: tuple[Criterion, ...]
    # One row per unit in the workbook's row order; column "unit" then one Decimal column per
    # criterion, named as the criterion.
    scores: pd.DataFrame

    @property
    def maximum(self) -> Decimal:
        return sum((c.maximum for c in self.criteria), Decimal(0))


@dataclass(frozen=True)
class IssueDate:
    """`Ngày ban hành` as far as it is known: the full date, or in a draft before the văn thư
    dates it, month and year ("01/2015") or only the year (the assessed year + 1)."""

    year: int
    month: int | None = None
    day: int | None = None  # None: a draft, printed with a blank for the day


@dataclass(frozen=True)
class NoticeInfo:
    """The `Thông tin` sheet: the notice's own details."""

    issuing_body: str
    number: str  # "29/TB-HĐTD"; in a draft "" or only the symbol ("/TB-HĐTD")
    place: str
    date: IssueDate
    year: int
    subject: str
    intro: str
    overall_title: str
    signer_title: str
    signer: str
    parent_body: str = ""
    bases: tuple[str, ...] = ()
    tie_rule: TieRule = TieRule.KEEP_ORDER
    authority: str = ""
    signer_other_title: str = ""
    recipients: tuple[str, ...] = ()

    @property
    def draft(self) -> bool:
        """A draft (DỰ THẢO) until the văn thư gives the number and the day."""
        return self.date.day is None or not self.number.split("/")[0].strip()


@dataclass(frozen=True)
class Assessment:
    """Everything one notice is made from: the validated workbook."""

    info: NoticeInfo
    grades: GradeScale
    groups: tuple[Group, ...]
