"""The columns of the tables, defined once: the notice's ranking and detail tables, the results
workbook's sheets (and reading them back), and the score sheets `init` writes.

A column names the DataFrame column of `scoring` it reads, its header in the workbooks and its
header in the notice, which some columns word differently ("Điểm" in the results workbook,
"Tổng điểm" in the notice). Each table is its columns in order; a table with a group's criteria
keeps them apart from the columns before and after them, which the notice heads "Trong đó" and
may share out among several tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from . import texts


class Kind(Enum):
    """What a column's cells hold, which says how they print."""

    INTEGER = "integer"  # TT, rank
    NUMBER = "number"  # a score: an exact Decimal, printed with a decimal comma
    TEXT = "text"  # a unit's name, a grade


@dataclass(frozen=True)
class Column:
    key: str  # the column of the scoring DataFrame it reads
    label: str  # its header in the results workbook and in init's score sheets
    printed: str | None  # its header in the notice; None: the group's name ("Sở, ban, ngành")
    kind: Kind
    shared_only: bool = False  # in the notice only with `Đồng hạng`; the results workbook always has it

    def heading(self, group: str) -> str:
        """Its header in the notice, in a table of `group`."""
        return group if self.printed is None else self.printed


@dataclass(frozen=True)
class Table:
    """A table's columns: those before the criteria, the criteria, those after them."""

    before: tuple[Column, ...]
    criteria: tuple[Column, ...]
    after: tuple[Column, ...]

    @property
    def columns(self) -> tuple[Column, ...]:
        return (*self.before, *self.criteria, *self.after)


POSITION = Column("position", texts.COL_POSITION, texts.COL_POSITION, Kind.INTEGER)
UNIT = Column("unit", texts.COL_UNIT, None, Kind.TEXT)
RANK = Column("rank", texts.TABLE_RANK, texts.TABLE_RANK, Kind.INTEGER, shared_only=True)
SCORE = Column("score", texts.RESULTS_SCORE, texts.TABLE_SCORE, Kind.NUMBER)
GRADE = Column("grade", texts.TABLE_GRADE, texts.TABLE_GRADE, Kind.TEXT)
TOTAL = Column("total", texts.COL_TOTAL, texts.TABLE_DETAIL_TOTAL, Kind.NUMBER)

# Part A: a group's units by one score, highest first (`scoring.Ranking.table`).
RANKING = (POSITION, UNIT, SCORE, GRADE, RANK)


def criteria(names: Sequence[str]) -> tuple[Column, ...]:
    """A group's criteria: each column named, read and headed as the criterion."""
    return tuple(Column(name, name, name, Kind.NUMBER) for name in names)


DETAILS_BEFORE, DETAILS_AFTER = (POSITION, UNIT, TOTAL), (RANK,)


def details(names: Sequence[str]) -> Table:
    """Part B: a group's units with their total and every criterion's score (`GroupResult.details`)."""
    return Table(DETAILS_BEFORE, criteria(names), DETAILS_AFTER)


def score_sheet(names: Sequence[str]) -> Table:
    """The header of a score sheet as `init` writes it: the total last, a formula."""
    return Table((POSITION, UNIT), criteria(names), (TOTAL,))
