"""The columns of the tables, defined once: the notice's ranking and detail tables, the results
workbook's sheets (and reading them back), and the score sheets `init` writes.

A column names the DataFrame column of `scoring` it reads, its header in the workbooks and its
header in the notice, which some columns word differently ("Điểm" in the results workbook,
"Tổng điểm" in the notice). Each table is its columns in order; a table with a group's criteria
keeps them apart from the columns before and after them, which the notice heads "Trong đó" and
may share out among several tables.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

from . import texts
from .model import Criterion, Display, RankBy

if TYPE_CHECKING:
    from .scoring import GroupResult, Ranking, Results


class Kind(Enum):
    """What a column's cells hold, which says how they print (`figures`)."""

    INTEGER = "integer"  # TT, rank, last year's rank (None: empty)
    NUMBER = "number"  # points: an exact Decimal, printed with a decimal comma (None: KAD)
    MAXIMUM = "maximum"  # a unit's applicable maximum: as typed, not a score to print with fixed decimals
    PERCENT = "percent"  # a ratio (a Fraction) printed as a percent
    INDEX = "index"  # a ratio printed as an index
    CONVERTED = "converted"  # a ratio times the nominal maximum (a Fraction), printed as points
    TEXT = "text"  # a unit's name, a grade, a note
    CHANGE = "change"  # places gained since last year (None: a new unit)


@dataclass(frozen=True)
class Column:
    key: str  # the column of the scoring DataFrame it reads
    label: str  # its header in the results workbook and in init's score sheets
    word: str | None  # its header in the notice: the template's word of that name (`cot` in the template)
    kind: Kind
    shared_only: bool = False  # in the notice only with `Đồng hạng`; the results workbook always has it
    printed: str | None = None  # a header from the workbook instead (a criterion's name, `Tên cột điểm`)
    # A criterion's column: its key is the criterion's name, read from `GroupResult.scores`, in a
    # key space of its own, so that no criterion's name can be taken for one of the other columns.
    criterion: bool = False
    code: str = ""  # a criterion's code in a tree ("1.1"), which may head its column where room is short

    def heading(self, group: str, words: Mapping[str, str]) -> str:
        """Its header in the notice, in a table of `group`; a column without a word or a header of
        its own is headed by the group's name ("Sở, ban, ngành")."""
        if self.printed:
            return self.printed
        return group if self.word is None else words[self.word]


@dataclass(frozen=True)
class Table:
    """A table's columns: those before the criteria, the criteria, those after them. In part B at
    level 2, `spans` says how the criteria are grouped under their top-level criterion: (its
    printed name, how many columns it heads), or nothing when each heads only its own."""

    before: tuple[Column, ...]
    criteria: tuple[Column, ...]
    after: tuple[Column, ...]
    spans: tuple[tuple[str, int], ...] = ()

    @property
    def columns(self) -> tuple[Column, ...]:
        return (*self.before, *self.criteria, *self.after)


# The words of the template (`cot`) that head columns: the word for "Trong đó" over the criteria,
# and for a main index's own score beside its components' (part B at level 2).
OF_WHICH, PARENT_SCORE = "trong_do", "diem_chi_so"
POSITION = Column("position", texts.COL_POSITION, "tt", Kind.INTEGER)
UNIT = Column("unit", texts.COL_UNIT, None, Kind.TEXT)
RANK = Column("rank", texts.RESULTS_RANK, "xep_hang", Kind.INTEGER, shared_only=True)
SCORE = Column("score", texts.RESULTS_SCORE, "tong_diem", Kind.NUMBER)
GRADE = Column("grade", texts.RESULTS_GRADE, "xep_loai", Kind.TEXT)
TOTAL = Column("total", texts.COL_TOTAL, "diem_danh_gia", Kind.NUMBER)
MAXIMUM = Column("maximum", texts.RESULTS_MAXIMUM, "toi_da", Kind.MAXIMUM)
PREVIOUS = Column("previous", texts.RESULTS_PREVIOUS, "nam_truoc", Kind.INTEGER)
CHANGE = Column("change", texts.RESULTS_CHANGE, "tang_giam", Kind.CHANGE)
NOTE = Column("note", texts.RESULTS_NOTE, "ghi_chu", Kind.TEXT)
# A ratio, by `Hiển thị`: a percent, an index, or points scaled to the nominal maximum.
RATIOS = {
    Display.PERCENT: Column("ratio", texts.RESULTS_PERCENT, "ty_le", Kind.PERCENT),
    Display.INDEX: Column("ratio", texts.RESULTS_INDEX, "chi_so", Kind.INDEX),
    Display.CONVERTED: Column("converted", texts.RESULTS_CONVERTED, "diem_quy_doi", Kind.CONVERTED),
}
# Part A's table closing a group with `Bảng tổng hợp` (version 3): its ranked units by grade, and
# their share; its last row, their total, headed by the template's word TOTAL_ROW.
UNITS = Column("units", texts.RESULTS_UNITS, "so_don_vi", Kind.INTEGER)
SHARE = Column("share", texts.RESULTS_PERCENT, "ty_le", Kind.PERCENT)
SUMMARY = (GRADE, UNITS, SHARE)
TOTAL_ROW = "tong_cong"
# Every column that is not a criterion's, as the results workbook heads them.
OWN = (POSITION, UNIT, SCORE, MAXIMUM, *RATIOS.values(), GRADE, RANK, PREVIOUS, CHANGE, TOTAL, NOTE)
# Displays version 3 added: a template must give their word only for a document that prints them
# (one made before has none).
LATER_DISPLAYS = frozenset({Display.CONVERTED})
# Every word a template's `cot` must give.
WORDS = frozenset(c.word for c in (POSITION, RANK, SCORE, GRADE, TOTAL, MAXIMUM, PREVIOUS, CHANGE, NOTE,
                                   *(c for d, c in RATIOS.items() if d not in LATER_DISPLAYS)) if c.word) | {
    OF_WHICH, PARENT_SCORE}


# The words only a document with `Bảng tổng hợp` needs (a template made before has none).
SUMMARY_WORDS = frozenset(c.word for c in SUMMARY if c.word) - WORDS | {TOTAL_ROW}


def words(results: Results) -> frozenset[str]:
    """The words of `cot` a template must give for this document."""
    later = RATIOS[results.display].word if results.display in LATER_DISPLAYS else None
    return WORDS | ({later} if later else set()) | (SUMMARY_WORDS if results.summary else set())

# Part A of a 2014 notice: a group's units by one score, highest first (`scoring.Ranking.table`).
RANKING = (POSITION, UNIT, SCORE, GRADE, RANK)


def ranking(results: Results, ranking: Ranking) -> tuple[Column, ...]:
    """Part A's columns in the notice: TT, unit, the value as `Hiển thị` shows it (headed by `Tên
    cột điểm` in the overall ranking only: an own ranking holds its criterion's value, under the
    template's word for the display), the grade (with a scale), the rank (with `Đồng hạng`), last
    year's rank and the change (where known)."""
    shown = SCORE if results.display is Display.POINTS else RATIOS[results.display]
    overall = ranking.criterion is None
    value = replace(shown, printed=(results.value_heading if overall else "") or None)
    return (POSITION, UNIT, value, *_graded(results), RANK, *_previous(ranking))


def ranking_sheet(results: Results, ranking: Ranking) -> tuple[Column, ...]:
    """Part A's columns in the results workbook: the notice's, with the points always and the
    unit's applicable maximum where it may vary (a 2014 workbook's are `RANKING`): next year's
    re-based ranks take each unit's value exactly from them."""
    maximum = (MAXIMUM,) if results.display is not Display.POINTS or results.rank_by is RankBy.RATIO else ()
    ratio = () if results.display is Display.POINTS else (RATIOS[results.display],)
    return (POSITION, UNIT, SCORE, *maximum, *ratio, *_graded(results), RANK, *_previous(ranking))


def _graded(results: Results) -> tuple[Column, ...]:
    return (GRADE,) if results.graded else ()


def _previous(ranking: Ranking) -> tuple[Column, ...]:
    return (PREVIOUS, CHANGE) if ranking.has_previous else ()


# A column header that starts with a code ("7.3 Dịch vụ số"): a code has a digit in it.
HEAD_CODE = re.compile(r"^([0-9A-Za-z]*[0-9][0-9A-Za-z]*(?:\.[0-9A-Za-z]+)*)(?=\s|$)")


def criteria(shown: Sequence[Criterion]) -> tuple[Column, ...]:
    """A group's criteria: each column named and read as the criterion, headed in the notice by
    its code and name in a tree, else by its name."""
    return tuple(_criterion(c.name, c.label, c.code) for c in shown)


def _criterion(name: str, printed: str | None = None, code: str = "") -> Column:
    """A criterion's column, read by its name, headed in the notice and the results workbook by
    `printed` (in a tree its code and name: the code tells a main index from its components)."""
    return Column(name, printed or name, None, Kind.NUMBER, printed=printed or name, criterion=True, code=code)


DETAILS_BEFORE, DETAILS_AFTER = (POSITION, UNIT, TOTAL), (RANK,)


def details(results: Results, result: GroupResult) -> Table:
    """Part B: a group's units with their total, their percent or index (when shown), their
    applicable maximum (when it varies), each top-level criterion's score and at level 2 its
    children's, why a unit is not ranked (when one is not) and the rank (`GroupResult.details`)."""
    shown: list[Criterion] = []
    spans: list[tuple[str, int]] = []
    for top in result.group.criteria:
        below = top.children if results.detail_level > 1 else ()
        shown += [top, *below]
        spans.append((top.label, 1 + len(below)))
    ratio = () if results.display is Display.POINTS else (RATIOS[results.display],)
    maximum = (MAXIMUM,) if result.varying_maxima else ()
    note = (NOTE,) if result.group.not_ranked else ()
    return Table(
        (*DETAILS_BEFORE, *ratio, *maximum),
        criteria(shown),
        (*note, *DETAILS_AFTER),
        tuple(spans) if any(n > 1 for _, n in spans) else (),
    )


def score_sheet(names: Sequence[str]) -> Table:
    """The header of a score sheet as `init` writes it: the total last, a formula."""
    return Table((POSITION, UNIT), tuple(_criterion(n) for n in names), (TOTAL,))
