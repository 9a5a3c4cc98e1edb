"""The notice's tables as plain data for the page: the same columns (`layout`), headers (the
template's words, `cot`) and printed numbers (`figures`) as `notice` puts in the document.

Only the drawing differs: one HTML table per ranking and one per group's details, however wide
(the document shares a wide group's criteria out among several tables; the page scrolls).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from .. import layout, texts
from ..errors import TemplateBroken
from ..figures import Figures
from ..model import Assessment
from ..scoring import GroupResult, Ranking, Results


@dataclass(frozen=True)
class Head:
    """A header cell: its text and how many columns and header rows it spans."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Table:
    """One table as the page shows it: its header rows, its rows of printed cells, and for each
    column whether it aligns left (names and notes) or centred (numbers, grades, changes), as in
    the document."""

    kind: str  # "ranking" or "details"
    heading: str  # the heading above it, as the document numbers it ("I.2. Xếp hạng …")
    group: str  # the group's name
    title: str  # the ranking's title; the group's heading for its details
    head: list[list[Head]]
    rows: list[list[str]]
    left: list[bool]


@dataclass(frozen=True)
class RankingPreview:
    table: Table
    ranking: Ranking
    chart: Markup | None  # its chart as inline SVG; None when it has none (no units, too many)


@dataclass(frozen=True)
class GroupPreview:
    number: str  # "I", "II"…
    heading: str  # "I. CÁC SỞ, BAN, NGÀNH"
    name: str
    rankings: list[RankingPreview]
    details: Table


# Names and sentences align left; numbers, grades and changes centre (as `notice._LEFT`).
_LEFT = (layout.UNIT, layout.NOTE)


Chart = Callable[[Ranking, str], Markup | None]


def groups(results: Results, words: Mapping[str, str], chart: Chart) -> list[GroupPreview]:
    """Every group's ranking tables, each with its chart (`chart(ranking, the value column's
    header)`), and details table, in the document's order."""
    shown = []
    for i, result in enumerate(results.groups, start=1):
        number = texts.roman(i)
        rankings = []
        for n, ranking in enumerate(result.rankings, start=1):
            heading = texts.WEB_RANKING_HEADING.format(group=number, index=n, title=ranking.title)
            table = ranking_table(results, result, ranking, words, heading)
            rankings.append(RankingPreview(table, ranking, chart(ranking, table.head[0][2].text)))
        heading = texts.WEB_GROUP_HEADING.format(number=number, title=result.group.title)
        shown.append(GroupPreview(number, heading, result.group.name, rankings,
                                  details_table(results, result, words, heading)))
    return shown


def printed(columns: tuple[layout.Column, ...], shared: bool) -> list[layout.Column]:
    """The columns the document prints: the rank's only when equal scores share one."""
    return [c for c in columns if shared or not c.shared_only]


def cells(kind: layout.Kind, values: pd.Series, figures: Figures) -> list[str]:
    """A column's cells as the document prints them (`notice._cells`, as plain text)."""
    printer = figures.printer(kind)
    return [printer(v) for v in values.tolist()]


def ranking_table(
    results: Results, result: GroupResult, ranking: Ranking, words: Mapping[str, str], heading: str
) -> Table:
    columns = printed(layout.ranking(results, ranking), results.shared_ranks)
    figures = Figures(results.decimals)
    head = [[Head(c.heading(result.group.name, words)) for c in columns]]
    body = [cells(c.kind, ranking.table[c.key], figures) for c in columns]
    return Table("ranking", heading, result.group.name, ranking.title, head, [list(row) for row in zip(*body)],
                 [c in _LEFT for c in columns])


def details_table(results: Results, result: GroupResult, words: Mapping[str, str], heading: str) -> Table:
    """Part B's table of a group, headed as the document heads it: the columns before and after
    the criteria span every header row, "Trong đó" spans the criteria; at level 2 a main index
    heads its own score ("Tổng điểm") and its components' columns."""
    table = layout.details(results, result)
    group = result.group.name
    before, after = list(table.before), printed(table.after, results.shared_ranks)
    spans = table.spans or tuple((c.heading(group, words), 1) for c in table.criteria)
    blocks: list[tuple[str, list[tuple[layout.Column, str]]]] = []
    start = 0
    for label, count in spans:
        first, *rest = table.criteria[start:start + count]
        own = words[layout.PARENT_SCORE] if rest else first.heading(group, words)
        blocks.append((label, [(first, own), *((c, c.heading(group, words)) for c in rest)]))
        start += count
    rows = 3 if any(len(columns) > 1 for _, columns in blocks) else 2
    criteria = [c for _, columns in blocks for c, _ in columns]
    first_row = [Head(c.heading(group, words), rowspan=rows) for c in before]
    first_row.append(Head(words[layout.OF_WHICH], colspan=len(criteria)))
    first_row += [Head(c.heading(group, words), rowspan=rows) for c in after]
    head = [first_row]
    if rows == 2:
        head.append([Head(text) for _, columns in blocks for _, text in columns])
    else:
        middle: list[Head] = []
        last: list[Head] = []
        for label, columns in blocks:
            if len(columns) == 1:
                middle.append(Head(columns[0][1], rowspan=2))
            else:
                middle.append(Head(label, colspan=len(columns)))
                last += [Head(text) for _, text in columns]
        head += [middle, last]
    figures = Figures(results.decimals)
    shown = [*before, *criteria, *after]
    body = [cells(c.kind, result.column(c), figures) for c in shown]
    return Table("details", heading, group, result.group.title, head, [list(row) for row in zip(*body)],
                 [c in _LEFT for c in shown])


# --- the template's words for the columns' headers -----------------------------------------------

# The template's `{%p set cot = dict(tt="TT", …) %}`, in the text of its body (Word may split it
# among runs, and write its quotes curly).
_SET_WORDS = re.compile(r"\{%p?\s*set\s+cot\s*=\s*(.*?)%\}", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def column_words(template: bytes) -> dict[str, str]:
    """The words a Word template's `cot` gives the columns' headers, read as docxtpl would: the
    `set` statement evaluated by Jinja (sandboxed). Raises TemplateBroken without every word."""
    from jinja2 import TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    try:
        with zipfile.ZipFile(io.BytesIO(template)) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError) as exc:
        raise TemplateBroken(f"cot: {exc}") from None
    found = _SET_WORDS.search(html.unescape(_TAG.sub("", xml)))
    if found is None:
        raise TemplateBroken("cot")
    try:
        words = SandboxedEnvironment().from_string("{% set cot = " + found.group(1).translate(_STRAIGHT) + " %}").module
        given = getattr(words, "cot", None)
    except TemplateError as exc:
        raise TemplateBroken(f"cot: {exc}") from None
    if not isinstance(given, Mapping):
        raise TemplateBroken("cot")
    missing = sorted(layout.WORDS - set(given))
    if missing:
        raise TemplateBroken(f"cot: {', '.join(missing)}")
    return {str(k): str(v) for k, v in given.items()}


def grade_names(assessment: Assessment) -> tuple[str, ...]:
    """The grade scale's names, highest first; none without a scale."""
    return () if assessment.grades is None else tuple(g.name for g in assessment.grades.grades)
