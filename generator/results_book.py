"""The results workbook (`<name>.ketqua.xlsx`): written from a run's results, read back as the
last run's `Snapshot` (which `changes` compares with this run's) and as next year's `History`
(`Kết quả năm trước`).

It is for people too (the portal, the emulation board): one sheet per ranking
table of part A ("A.I.1 Mức độ ứng dụng CNTT"…) and per detail table of part B ("B.I Chi tiết -
Sở, ban, ngành"…), each headed by its group and title. The same sheets, read back by their
headers, are the previous run's `Snapshot`, and next year's `History` (`Kết quả năm trước`). A last
sheet, `Văn bản`, says which document they are of (`Issued`): the next run tells a draft become final.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Context, Decimal
from fractions import Fraction
from typing import Any

import pandas as pd

from . import figures, layout, stats, texts
from .cells import is_empty, text_of, to_decimal
from .layout import Kind
from .model import Form, History, NoticeInfo
from .scoring import Results
from .workbook import RawWorkbook

Rows = list[list[Any]]


@dataclass(frozen=True)
class GroupSnapshot:
    """One group's results, as plain numbers for comparing, indexed by unit in notice order."""

    scores: pd.DataFrame  # one column per criterion, named as it, as floats; NaN where it does not apply
    standings: dict[str, pd.DataFrame]  # ranking title -> columns "place" (the rank printed) and, with grades, "grade"
    total: pd.Series  # each unit's total, as a float


Snapshot = dict[str, GroupSnapshot]  # by group name


@dataclass(frozen=True)
class Issued:
    """The document the results are of, as its `Thông tin` gave it: whether it was a draft, final
    or electronic (`texts.RESULTS_STATES`), and its number and date as the workbook had them."""

    state: str
    number: str
    date: str

    @classmethod
    def of(cls, info: NoticeInfo) -> Issued:
        state = "electronic" if info.form is Form.ELECTRONIC else "draft" if info.draft else "final"
        return cls(texts.RESULTS_STATES[state], info.number, info.date.numeric("…"))

    def values(self) -> tuple[str, str, str]:
        """Its values in the order of ISSUED_LABELS, which head them in the results workbook."""
        return self.state, self.number, self.date


ISSUED_LABELS = (texts.RESULTS_STATE, texts.INFO_FIELD_LABELS["number"], texts.INFO_FIELD_LABELS["date"])


# --- the results workbook -----------------------------------------------------------------


def results_sheets(results: Results, issued: Issued | None = None) -> list[tuple[str, Rows]]:
    """The results workbook's sheets as (name, rows): the group and the table's title, the header
    row, then the rows with the values the notice prints; then the statistics; last, the document
    they are of."""
    printing = figures.Figures(results.decimals)
    sheets: list[tuple[str, Rows]] = []
    for n, g in enumerate(results.groups, 1):
        for i, ranking in enumerate(g.rankings, 1):
            rows: Rows = [[texts.RESULTS_GROUP, g.group.name], [texts.RESULTS_RANKING, ranking.title],
                          *_table(_in(ranking.table), layout.ranking_sheet(results, ranking), printing)]
            sheets.append((_sheet_name(f"A.{texts.roman(n)}.{i}", ranking.title), rows))
    for n, g in enumerate(results.groups, 1):
        rows = [[texts.RESULTS_GROUP, g.group.name], [texts.RESULTS_DETAILS, ""],
                *_table(g.column, layout.details(results, g).columns, printing)]
        sheets.append((_sheet_name(f"B.{texts.roman(n)}", f"{texts.RESULTS_DETAILS} - {g.group.name}"), rows))
    sheets.append((texts.RESULTS_STATISTICS_SHEET, statistics_rows(results)))
    if issued is not None:
        sheets.append((texts.RESULTS_ISSUED_SHEET, [list(row) for row in zip(ISSUED_LABELS, issued.values())]))
    return sheets


def statistics_rows(results: Results) -> Rows:
    """The `Thống kê` sheet: its title; each group's criteria (a tree's in code order, parents
    first, as "1.1 Lãnh đạo") and total, with the spread of their scores (`stats.Spread`); with a
    grade scale, each group's units by grade and their share in percent as the document prints it
    (2 decimals). Every value a number, exact but the average's (15 significant digits, as many as
    Excel keeps); empty where a criterion applies to no unit."""
    rows: Rows = [[texts.RESULTS_STATISTICS_SHEET], [texts.RESULTS_SPREADS], list(texts.RESULTS_SPREAD_HEADER)]
    for g in results.groups:
        for s in stats.spreads(g):
            average = None if s.average is None else AVERAGE.divide(Decimal(s.average.numerator),
                                                                    Decimal(s.average.denominator))
            rows.append([g.group.name, texts.COL_TOTAL if s.criterion is None else s.criterion.label, s.maximum,
                         s.applies, average, s.best, s.lowest])
    counts = [(g.group.name, c) for g in results.groups for c in stats.grade_counts(g, results.grades)]
    if counts:
        rows += [[], [texts.RESULTS_GRADE_COUNTS], [texts.RESULTS_GROUP, *(c.label for c in layout.SUMMARY)]]
        rows += [[group, c.grade, c.units, figures.as_number(figures.share(c.share))] for group, c in counts]
    return rows


AVERAGE = Context(prec=15)


def read_issued(raw: RawWorkbook) -> Issued | None:
    """The document the last run's results are of; None from a results workbook without it (one
    written before it was kept) or with it edited out of shape."""
    sheet = next((s for s in raw.sheets if texts.label_key(s.name) == texts.label_key(texts.RESULTS_ISSUED_SHEET)), None)
    if sheet is None or len(sheet.rows) < len(ISSUED_LABELS):
        return None
    if [texts.label_key(sheet.value(r, 0)) for r in range(len(ISSUED_LABELS))] != [texts.label_key(x) for x in ISSUED_LABELS]:
        return None
    return Issued(*(text_of(sheet.value(r, 1)) for r in range(len(ISSUED_LABELS))))


SHEET_NAME_LENGTH = 31  # Excel's limit
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(prefix: str, what: str) -> str:
    """What the sheet holds ("A.I.2 Cổng-Trang thông tin điện"), within Excel's 31 characters and
    without the characters Excel refuses in a sheet name. The prefix, the table's number in the
    notice, is kept whole, which keeps the names unique."""
    name = " ".join(f"{prefix} {NOT_IN_SHEET_NAMES.sub('-', what)}".split())
    if len(name) > SHEET_NAME_LENGTH:
        cut = name[:SHEET_NAME_LENGTH]
        # after the last whole word that fits, never mid-word; a single word too long is cut
        whole = cut if name[SHEET_NAME_LENGTH] == " " else cut.rsplit(" ", 1)[0]
        name = whole if len(whole) > len(prefix) else cut
    return name.rstrip(" -,.;'")


def _table(values: Callable[[layout.Column], pd.Series], columns: tuple[layout.Column, ...],
           printing: figures.Figures) -> Rows:
    """A sheet's table: the header row of the columns' labels (a criterion's as `criterion_header`
    says), then each column's `values`, converted a column at a time (a national notice's results
    hold 400,000 cells)."""
    cells = [_cells(c.kind, values(c).tolist(), printing) for c in columns]
    heads = [criterion_header(c.label) if c.criterion else c.label for c in columns]
    return [heads, *(list(row) for row in zip(*cells))]


def _in(frame: pd.DataFrame) -> Callable[[layout.Column], pd.Series]:
    """A ranking's columns, read from its table."""
    return lambda column: frame[column.key]


def criterion_header(name: str) -> str:
    """A criterion's header in the results workbook: its name, marked as a criterion's where the
    name alone would read back as one of the tables' own columns ("Ghi chú", "Điểm")."""
    key = texts.label_key(name)
    if key in KNOWN or key.startswith(CRITERION_MARK):
        return texts.RESULTS_CRITERION + name
    return name


RATIO_DISPLAYS = {column.kind: display for display, column in layout.RATIOS.items()}  # a ratio's kind: how it prints


def _cells(kind: Kind, values: list[Any], printing: figures.Figures) -> list[Any]:
    """A column's cells: points exact; a percent or an index as the notice prints it, so that the
    two never disagree by a rounding; `KAD` where a criterion does not apply; the change since
    last year in words; ranks (empty where there is none) and texts as they are."""
    if kind is Kind.NUMBER:
        return [texts.NOT_APPLICABLE if v is None else v for v in values]
    if kind in RATIO_DISPLAYS:
        display = RATIO_DISPLAYS[kind]
        return [texts.NOT_APPLICABLE if v is None else printing.shown(v, display) for v in values]
    if kind is Kind.CHANGE:
        return [figures.change(v) for v in values]
    return values


# --- reading it back ----------------------------------------------------------------------

# Every column a results workbook may hold, by its header; any other header of a detail table
# is a criterion's name, or a criterion's marked so (`criterion_header`).
KNOWN = {texts.label_key(c.label): c for c in layout.OWN}
CRITERION_MARK = texts.label_key(texts.RESULTS_CRITERION)
GROUP_MARK, RANKING_MARK, DETAILS_MARK = (
    texts.label_key(t) for t in (texts.RESULTS_GROUP, texts.RESULTS_RANKING, texts.RESULTS_DETAILS))


@dataclass(frozen=True)
class ReadTable:
    """A table of a results workbook, read back."""

    sheet: str
    group: str
    title: str | None  # the ranking's title; None for a detail table
    frame: pd.DataFrame  # its rows with a unit, as read, under the layout's keys
    criteria: pd.DataFrame  # a detail table's criteria, named as they are, in its order and its rows


def _tables(raw: RawWorkbook) -> Iterator[ReadTable]:
    """Every sheet that reads as a table of a results workbook, written by any version: `Khối`
    and the group, `Xếp hạng` and the title or `Chi tiết`, then a header row holding at least TT,
    Đơn vị and the points (`Điểm` in a ranking, `Tổng điểm` in a detail table). Columns are found
    by their headers, so a column moved or added by hand is no obstacle."""
    for sheet in raw.sheets:
        if len(sheet.rows) < 3 or texts.label_key(sheet.value(0, 0)) != GROUP_MARK:
            continue
        kind = texts.label_key(sheet.value(1, 0))
        if kind not in (RANKING_MARK, DETAILS_MARK):
            continue
        title = text_of(sheet.value(1, 1)) if kind == RANKING_MARK else None
        found: dict[str, int] = {}  # key -> its column; the first, should a header repeat
        criteria: dict[str, int] = {}  # a detail table's criteria, by name
        for i, cell in enumerate(sheet.rows[2]):
            head = text_of(cell)
            column = KNOWN.get(texts.label_key(head))
            if column is not None:
                found.setdefault(column.key, i)
            elif title is None and head:
                marked = texts.label_key(head).startswith(CRITERION_MARK)
                criteria.setdefault(head[len(texts.RESULTS_CRITERION):].strip() if marked else head, i)
        # Criteria headed by their codes (a tree's, as written since issue 19) read back as their names.
        if criteria and all(layout.HEAD_CODE.match(head) for head in criteria):
            criteria = {layout.HEAD_CODE.sub("", head, count=1).strip(): i for head, i in criteria.items()}
        points = layout.SCORE if title is not None else layout.TOTAL
        if not {layout.POSITION.key, layout.UNIT.key, points.key} <= found.keys():
            continue
        unit = found[layout.UNIT.key]
        body = [row for row in sheet.rows[3:] if unit < len(row) and not is_empty(row[unit])]

        def frame(columns: dict[str, int], rows: list[list[Any]] = body) -> pd.DataFrame:
            return pd.DataFrame({key: [row[i] if i < len(row) else "" for row in rows] for key, i in columns.items()})

        yield ReadTable(sheet.name, text_of(sheet.value(0, 1)), title, frame(found), frame(criteria))


def snapshot(results: Results) -> Snapshot:
    """This run's snapshot, straight from its tables. Scores as floats: equal decimals of 15
    significant digits or fewer are equal floats, which is how Excel kept last run's."""
    return {
        g.group.name: GroupSnapshot(
            _scores(g.details, g.scores[[c.key for c in layout.details(results, g).criteria]]),
            {r.title: _standing(r.table) for r in g.rankings}, _total(g.details))
        for g in results.groups
    }


def previous_snapshot(raw: RawWorkbook) -> Snapshot:
    """The snapshot kept by the last run, read back from its results workbook; a sheet that does
    not read as one of its tables is ignored. Raises ValueError if its tables do not read as
    numbers, or if it has no detail table: then it is no results workbook, and nothing changed
    since it would be false."""
    details: dict[str, ReadTable] = {}
    standings: dict[str, dict[str, pd.DataFrame]] = {}
    for table in _tables(raw):
        if table.title is None:
            details[table.group] = table
        else:
            standings.setdefault(table.group, {})[table.title] = _standing(table.frame)
    if not details:
        raise ValueError("no detail table")
    return {group: GroupSnapshot(_scores(table.frame, table.criteria), standings.get(group, {}), _total(table.frame))
            for group, table in details.items()}


def _scores(details: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """What is compared of a detail table's criteria: each one's score, by unit, as floats; NaN
    where the criterion does not apply (None in this run's tables, `KAD` read back)."""
    table = criteria.set_axis(details[layout.UNIT.key])
    return table.mask(table.isin([texts.NOT_APPLICABLE])).astype(float)


def _total(details: pd.DataFrame) -> pd.Series:
    """Each unit's total, as a float."""
    return details.set_index(layout.UNIT.key)[layout.TOTAL.key].astype(float)


def _printed_ranks(ranking: pd.DataFrame) -> pd.Series:
    """The ranks the notice printed: `Xếp hạng`; in a hand-made sheet without it, the TT."""
    return ranking[layout.RANK.key if layout.RANK.key in ranking else layout.POSITION.key]


def _standing(ranking: pd.DataFrame) -> pd.DataFrame:
    """What is compared of a ranking table: each unit's rank as the notice prints it (an integer,
    whatever number type Excel gives back: with `Đồng hạng` units tied keep one rank whatever
    their TT) and, with a grade scale, its grade."""
    places = _printed_ranks(ranking).astype(int).rename(PLACE)
    grades = [ranking[layout.GRADE.key]] if layout.GRADE.key in ranking else []
    return pd.concat([places, *grades], axis=1).set_axis(ranking[layout.UNIT.key])


PLACE = "place"  # a standing's rank, as printed


def read_history(raw: RawWorkbook) -> History | None:
    """Last year's results for this year's `Xếp hạng năm trước`, from a results workbook any run
    wrote (a 2014 notice's too): each ranking's ranks by unit as its notice printed them (`Xếp
    hạng`) and the values they were ranked by (`_values`), and each group's units' names in part B's
    order; groups, titles and units keyed by
    `texts.label_key`; and each (sheet, unit) listed twice in one table (`History.repeated`). None
    if no sheet reads as a ranking: it is not a results workbook. Raises ValueError where a rank is
    not a whole number."""
    ranks: dict[tuple[str, str], dict[str, int]] = {}
    values: dict[tuple[str, str], dict[str, Fraction]] = {}
    units: dict[str, tuple[str, ...]] = {}
    repeated: list[tuple[str, str]] = []
    for table in _tables(raw):
        group, names = texts.label_key(table.group), [text_of(u) for u in table.frame[layout.UNIT.key]]
        seen: set[str] = set()
        for name in names:
            key = texts.label_key(name)
            if key in seen:
                repeated.append((table.sheet, name))
            seen.add(key)
        if table.title is None:
            units[group] = tuple(names)
        else:
            ranking = (group, texts.label_key(table.title))
            ranks[ranking] = {texts.label_key(u): _rank(r) for u, r in zip(names, _printed_ranks(table.frame))}
            values[ranking] = _values(table.frame, names)
    return History(ranks, units, tuple(repeated), values) if ranks else None


def _values(ranking: pd.DataFrame, names: list[str]) -> dict[str, Fraction]:
    """Each unit's value in a ranking, exact, as the results workbook keeps it: its points over its
    maximum where the table has the maximum, else its points; none for a cell not a number."""
    found: dict[str, Fraction] = {}
    maxima = ranking[layout.MAXIMUM.key] if layout.MAXIMUM.key in ranking else [1] * len(names)
    for name, points, maximum in zip(names, ranking[layout.SCORE.key], maxima):
        (p, _), (m, _) = to_decimal(points), to_decimal(maximum)
        if p is not None and m:
            found[texts.label_key(name)] = Fraction(p) / Fraction(m)
    return found


def _rank(value: Any) -> int:
    number, _ = to_decimal(value)
    if number is None or number < 1 or number != number.to_integral_value():
        raise ValueError(value)
    return int(number)
