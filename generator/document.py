"""The document's tables as data, built once from the scored results and the template's words.

Every header (with the rows and columns it spans) and every cell as printed (`figures`), with its
alignment: the notice draws it as WordprocessingML (`notice`), the page as HTML (`web`), so the two
can never print a table differently. How wide a column is on paper, and how a wide part B is shared
out among several tables, is the notice's own business.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction

from . import layout, stats, texts
from .figures import Figures, share
from .model import Display
from .scoring import GroupResult, Ranking, Results

# Names and sentences align left; numbers, grades and changes centre.
LEFT = (layout.UNIT, layout.NOTE)


@dataclass(frozen=True)
class Head:
    """A header cell: its text, and how many columns and header rows it spans (as HTML counts them:
    a row lists only the cells that start in it)."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, eq=False)
class Column:
    """A printed column: what it is (`layout`), its own header, its cells as printed (plain text)."""

    of: layout.Column
    head: str
    cells: list[str]

    @property
    def left(self) -> bool:
        return self.of in LEFT

    @property
    def text(self) -> bool:
        """Its cells are texts from the workbook (names, grades, notes), not figures."""
        return self.of.kind is layout.Kind.TEXT


@dataclass(frozen=True, eq=False)
class Block:
    """Criteria columns that stay together: a top-level criterion's, at level 2 with its
    children's, all headed by `head` (its code and name)."""

    head: str
    columns: tuple[Column, ...]


@dataclass(frozen=True, eq=False)
class Bars:
    """What the page's chart of a ranking draws, in its order: each unit's value as a length on
    an axis from 0 to `top` and as the document prints it, and the series it belongs to (its
    grade, or with no scale the one series named as the value's header, `names`)."""

    units: list[str]
    lengths: list[float]
    shown: list[str]
    top: float
    series: list[str]
    names: tuple[str, ...]
    graded: bool


@dataclass(frozen=True, eq=False)
class RankingTable:
    """Part A's table of one ranking: one header row; and its chart's bars."""

    ranking: Ranking
    columns: tuple[Column, ...]
    bars: Bars

    @property
    def head(self) -> list[list[Head]]:
        return _one_row(self.columns)


@dataclass(frozen=True, eq=False)
class SummaryTable:
    """Part A's table closing a group (`Bảng tổng hợp`): how many of its ranked units earned each
    grade and their share, then a row of their total; one header row."""

    columns: tuple[Column, ...]

    @property
    def head(self) -> list[list[Head]]:
        return _one_row(self.columns)


def _one_row(columns: tuple[Column, ...]) -> list[list[Head]]:
    return [[Head(c.head) for c in columns]]


@dataclass(frozen=True, eq=False)
class DetailsTable:
    """Part B's table of a group (or, in the notice, a share of its criteria): the columns before
    and after the criteria span every header row, `of_which` ("Trong đó") spans the criteria; at
    level 2 a main index heads its own score and its components' columns, a third header row."""

    before: tuple[Column, ...]
    blocks: tuple[Block, ...]
    after: tuple[Column, ...]
    of_which: str

    @property
    def criteria(self) -> tuple[Column, ...]:
        return tuple(c for b in self.blocks for c in b.columns)

    @property
    def columns(self) -> tuple[Column, ...]:
        return (*self.before, *self.criteria, *self.after)

    def part(self, blocks: list[Block]) -> DetailsTable:
        """The same table with only `blocks` of its criteria."""
        return replace(self, blocks=tuple(blocks))

    @property
    def head(self) -> list[list[Head]]:
        rows = 3 if any(len(b.columns) > 1 for b in self.blocks) else 2
        first = [Head(c.head, rowspan=rows) for c in self.before]
        first.append(Head(self.of_which, colspan=len(self.criteria)))
        first += [Head(c.head, rowspan=rows) for c in self.after]
        if rows == 2:
            return [first, [Head(c.head) for c in self.criteria]]
        middle: list[Head] = []
        last: list[Head] = []
        for b in self.blocks:
            if len(b.columns) == 1:
                middle.append(Head(b.columns[0].head, rowspan=2))
            else:
                middle.append(Head(b.head, colspan=len(b.columns)))
                last += [Head(c.head) for c in b.columns]
        return [first, middle, last]


@dataclass(frozen=True, eq=False)
class GroupTables:
    result: GroupResult
    number: str  # "I", "II"…: the group's place in each part
    rankings: tuple[RankingTable, ...]  # the overall ranking first, as `result.rankings`
    details: DetailsTable
    summary: SummaryTable | None = None  # where `summarised`


@dataclass(frozen=True, eq=False)
class Document:
    """Every table of the document, group by group, in its order."""

    results: Results
    groups: tuple[GroupTables, ...]


def build(results: Results, words: Mapping[str, str]) -> Document:
    """The document's tables, headed with the template's `words` for the columns (`cot`)."""
    figures = Figures(results.decimals)
    return Document(results, tuple(
        GroupTables(result, texts.roman(i), tuple(ranking_table(results, result, r, words, figures) for r in result.rankings),
                    details_table(results, result, words, figures),
                    summary_table(results, result, words) if summarised(results, result) else None)
        for i, result in enumerate(results.groups, start=1)
    ))


def summarised(results: Results, result: GroupResult) -> bool:
    """Whether part A ends the group with its units by grade: `Bảng tổng hợp` with a grade scale
    (`Results.summary`), and a ranked unit to count."""
    return results.summary and not result.rankings[0].table.empty


def summary_table(results: Results, result: GroupResult, words: Mapping[str, str]) -> SummaryTable:
    """The group's ranked units by grade (`stats.grade_counts`), in the scale's order, each grade's
    share with 2 decimals; the last row their total, headed by the template's word."""
    counts = stats.grade_counts(result, results.grades)
    cells = ([c.grade for c in counts] + [words[layout.TOTAL_ROW]],
             [str(c.units) for c in counts] + [str(sum(c.units for c in counts))],
             [share(c.share) for c in counts] + [share(Fraction(1))])
    return SummaryTable(tuple(Column(c, c.heading(result.group.name, words), column)
                              for c, column in zip(layout.SUMMARY, cells)))


def printed(columns: tuple[layout.Column, ...], shared: bool) -> list[layout.Column]:
    """The columns the document prints: the rank's only when equal scores share one."""
    return [c for c in columns if shared or not c.shared_only]


def ranking_table(
    results: Results, result: GroupResult, ranking: Ranking, words: Mapping[str, str], figures: Figures
) -> RankingTable:
    group = result.group.name
    columns = tuple(Column(c, c.heading(group, words), _cells(c, ranking.table[c.key].tolist(), figures))
                    for c in printed(layout.ranking(results, ranking), results.shared_ranks))
    return RankingTable(ranking, columns, _bars(results, ranking, columns[2].head, figures))


def _bars(results: Results, ranking: Ranking, value_head: str, figures: Figures) -> Bars:
    table = ranking.table
    if results.display is Display.POINTS:
        lengths = [float(v) for v in table["score"]]
        shown = [figures.points(v) for v in table["score"]]
        top = float(ranking.maximum)
    elif results.display is Display.CONVERTED:
        lengths = [float(v) for v in table["converted"]]
        shown = [figures.converted(v) for v in table["converted"]]
        top = float(ranking.maximum)
    else:
        scale = 100 if results.display is Display.PERCENT else 1
        lengths = [float(Fraction(r) * scale) for r in table["ratio"]]
        shown = [figures.ratio(r, results.display) for r in table["ratio"]]
        top = float(scale)
    graded = results.graded and layout.GRADE.key in table and bool(results.grades)
    series = [str(g) for g in table[layout.GRADE.key]] if graded else [value_head] * len(table)
    return Bars([str(u) for u in table["unit"]], lengths, shown, max([top, *lengths]), series,
                results.grades if graded else (value_head,), graded)


def details_table(results: Results, result: GroupResult, words: Mapping[str, str], figures: Figures) -> DetailsTable:
    table = layout.details(results, result)
    group = result.group.name
    units = result.details["unit"].tolist()
    self_assessed = result.own if results.shows_own(result) else {}

    def column(c: layout.Column, head: str | None = None) -> Column:
        cells = _cells(c, result.column(c).tolist(), figures)
        if self_assessed and (c.criterion or c == layout.TOTAL):  # the unit's own score under the council's
            key = c.key if c.criterion else ""
            cells = [cell if (mine := self_assessed.get(u, {}).get(key)) is None
                     else f"{cell}\n({figures.points(mine)})" for cell, u in zip(cells, units)]
        return Column(c, c.heading(group, words) if head is None else head, cells)

    spans = table.spans or tuple((c.heading(group, words), 1) for c in table.criteria)
    blocks: list[Block] = []
    start = 0
    for label, count in spans:
        first, *rest = table.criteria[start:start + count]
        own = column(first, words[layout.PARENT_SCORE] if rest else None)
        blocks.append(Block(label, (own, *(column(c) for c in rest))))
        start += count
    return DetailsTable(tuple(column(c) for c in table.before), tuple(blocks),
                        tuple(column(c) for c in printed(table.after, results.shared_ranks)), words[layout.OF_WHICH])


def _cells(column: layout.Column, values: list[object], figures: Figures) -> list[str]:
    """A column's cells as printed: once per column, a national document has 40,000 rows of them."""
    printer = figures.printer(column.kind)
    return [printer(v) for v in values]
