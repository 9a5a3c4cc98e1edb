"""The document's tables (`document`) as the page draws them: the same headers, spans, printed
cells and alignment as the notice, from the one model `api.build` made while filling the template.

Only the drawing differs: one HTML table per ranking and one per group's details, however wide
(the document shares a wide group's criteria out among several tables; the page scrolls).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from .. import texts
from ..api import Column, Document, Head, Made, RankingTable, UnitSheet


@dataclass(frozen=True)
class Table:
    """One table as the page shows it: its header rows, its rows of printed cells, and for each
    column whether it aligns left (names and notes) or centred (numbers, grades, changes)."""

    kind: str  # "ranking", "details" or "summary"
    heading: str  # the heading above it, as the document numbers it ("I.2. Xếp hạng …")
    group: str  # the group's name
    title: str  # the ranking's title; the group's heading for its details
    head: list[list[Head]]
    rows: list[list[str]]
    left: list[bool]


@dataclass(frozen=True)
class RankingPreview:
    table: Table
    chart: Markup | None  # its chart as inline SVG; None when it has none (no units, too many)
    notes: list[str]  # under the table, as the document's: why last year's ranks are as they are


@dataclass(frozen=True)
class GroupPreview:
    number: str  # "I", "II"…
    heading: str  # "I. CÁC SỞ, BAN, NGÀNH"
    name: str
    rankings: list[RankingPreview]
    details: Table
    summary: Table | None  # `Bảng tổng hợp`, after the rankings, where the document prints it
    details_notes: list[str]  # under the details, as the document's template notes: the own scores in brackets


Chart = Callable[[RankingTable], Markup | None]


def groups(tables: Document, chart: Chart) -> list[GroupPreview]:
    """Every group's ranking tables, each with its chart, and details table, in the document's order."""
    shown = []
    for g in tables.groups:
        name = g.result.group.name
        rankings = [
            RankingPreview(_table("ranking", texts.WEB_RANKING_HEADING.format(group=g.number, index=n, title=r.ranking.title),
                                  name, r.ranking.title, r.head, r.columns), chart(r), _notes(r))
            for n, r in enumerate(g.rankings, start=1)
        ]
        heading = texts.WEB_GROUP_HEADING.format(number=g.number, title=g.result.group.title)
        summary = None if g.summary is None else _table(
            "summary", texts.WEB_SUMMARY_HEADING.format(group=g.number, index=len(rankings) + 1), name,
            g.result.group.title, g.summary.head, g.summary.columns)
        shown.append(GroupPreview(g.number, heading, name, rankings,
                                  _table("details", heading, name, g.result.group.title, g.details.head, g.details.columns),
                                  summary,
                                  [texts.WEB_NOTE_SELF_ASSESSED] if tables.results.shows_own(g.result) else []))
    return shown


def _notes(table: RankingTable) -> list[str]:
    ranking = table.ranking
    return ([texts.WEB_NOTE_UNRANKED_LAST_YEAR] if ranking.unranked_last_year else []) + (
        [texts.WEB_NOTE_REBASED] if ranking.rebased else [])


def _table(kind: str, heading: str, group: str, title: str, head: list[list[Head]], columns: tuple[Column, ...]) -> Table:
    return Table(kind, heading, group, title, head, [list(row) for row in zip(*(c.cells for c in columns))],
                 [c.left for c in columns])


@dataclass(frozen=True)
class SheetPreview:
    """One unit's result sheet as the page shows it: what it says of the unit, line by line (label,
    value), its table, its chart and the council's remarks, and how many sheets were made."""

    sheet: UnitSheet
    lines: list[tuple[str, str]]
    table: Table
    chart: Markup
    count: int


def sheet(made: Made, chart: Callable[[UnitSheet, str], Markup], tables: Document) -> SheetPreview:
    """The first unit's sheet, as the document prints it: the words of its template for its table,
    its ranked value under the header of part A's value column for its group (`tables`)."""
    first = made.sheets[0]
    value_head = next((g.rankings[0].columns[2].head for g in tables.groups if g.result.group.name == first.group),
                      texts.WEB_SHEET_VALUE)
    lines = [(texts.WEB_SHEET_UNIT, first.unit), (texts.WEB_SHEET_GROUP, first.group),
             (texts.WEB_SHEET_TOTAL, f"{first.total} / {first.maximum}")]
    lines += [(label, value) for label, value in ((value_head, first.value), (texts.WEB_SHEET_GRADE, first.grade),
                                                  (texts.WEB_SHEET_NOT_RANKED, first.not_ranked)) if value]
    lines += [(texts.WEB_SHEET_RANK.format(title=s.title),
               s.rank + (f" ({', '.join(filter(None, (s.previous and f'{texts.WEB_SHEET_LAST_YEAR} {s.previous}', s.change)))})"
                         if s.previous or s.change else "")) for s in first.standings]
    head = [[Head(made.words[word]) for _, word in first.columns]]
    table = Table("sheet", first.unit, first.group, first.unit, head, first.rows(made.words),
                  [key == "name" for key, _ in first.columns])
    return SheetPreview(first, lines, table, chart(first, made.average), len(made.sheets))
