"""What a re-run changed: the results workbook (`<name>.ketqua.xlsx`) kept from the last run,
and the comparison of its rankings with the new ones, in words.

The results workbook is for people too (the portal, the emulation board): one sheet per ranking
table of part A ("A.I.1 Mức độ ứng dụng CNTT"…) and per detail table of part B ("B.I Chi tiết -
Sở, ban, ngành"…), each headed by its group and title. The same sheets, read back, are the
previous run's `Snapshot`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from . import layout, texts
from .cells import is_empty, text_of
from .scoring import GroupResult, Results
from .workbook import RawWorkbook

Rows = list[list[Any]]


@dataclass(frozen=True)
class GroupSnapshot:
    """One group's results, as plain numbers for comparing, indexed by unit in notice order."""

    details: pd.DataFrame  # columns "total" and one per criterion, as floats
    standings: dict[str, pd.DataFrame]  # ranking title -> columns "position", "grade"


Snapshot = dict[str, GroupSnapshot]  # by group name


# --- the results workbook -----------------------------------------------------------------


def results_sheets(results: Results) -> list[tuple[str, Rows]]:
    """The results workbook's sheets as (name, rows): numbers as Decimals, header rows first."""
    sheets: list[tuple[str, Rows]] = []
    for n, g in enumerate(results.groups, 1):
        for i, ranking in enumerate(g.rankings, 1):
            rows: Rows = [[texts.RESULTS_GROUP, g.group.name], [texts.RESULTS_RANKING, ranking.title],
                          *_table(ranking.table, layout.RANKING)]
            sheets.append((_sheet_name(f"A.{texts.roman(n)}.{i}", ranking.title), rows))
    for n, g in enumerate(results.groups, 1):
        columns = _details_layout(g).columns
        rows = [[texts.RESULTS_GROUP, g.group.name], [texts.RESULTS_DETAILS, ""], *_table(g.details, columns)]
        sheets.append((_sheet_name(f"B.{texts.roman(n)}", f"{texts.RESULTS_DETAILS} - {g.group.name}"), rows))
    return sheets


SHEET_NAME_LENGTH = 31  # Excel's limit
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(prefix: str, what: str) -> str:
    """What the sheet holds ("A.I.2 Cổng-Trang thông tin điện"), within Excel's 31 characters and
    without the characters Excel refuses in a sheet name. The prefix, the table's number in the
    notice, is kept whole, which keeps the names unique."""
    name = " ".join(f"{prefix} {NOT_IN_SHEET_NAMES.sub('-', what)}".split())
    return name[:SHEET_NAME_LENGTH].rstrip(" -,.;'")


def _table(frame: pd.DataFrame, columns: tuple[layout.Column, ...]) -> Rows:
    """A sheet's table: the header row of the columns' labels, then the frame's rows."""
    return [[c.label for c in columns], *(list(row) for row in zip(*(frame[c.key].tolist() for c in columns)))]


def _details_layout(result: GroupResult) -> layout.Table:
    return layout.details([c.name for c in result.group.criteria])


def snapshot(results: Results) -> Snapshot:
    """This run's snapshot, straight from its tables. Scores as floats: equal decimals of 15
    significant digits or fewer are equal floats, which is how Excel kept last run's."""
    return {
        g.group.name: GroupSnapshot(_scores(g.details, _details_layout(g)),
                                    {r.title: _standing(r.table) for r in g.rankings})
        for g in results.groups
    }


def previous_snapshot(raw: RawWorkbook) -> Snapshot:
    """The snapshot kept by the last run, read back from its results workbook; sheets not in its
    layout (one whose columns were moved by hand too) are ignored. Raises ValueError if its tables
    do not read as numbers."""
    snap: Snapshot = {}
    standings: dict[str, dict[str, pd.DataFrame]] = {}
    for sheet in raw.sheets:
        rows = sheet.rows
        if len(rows) < 3 or len(rows[0]) < 2 or text_of(rows[0][0]) != texts.RESULTS_GROUP:
            continue
        group, kind, title = text_of(rows[0][1]), text_of(rows[1][0]), text_of(rows[1][1])
        header = [text_of(h) for h in rows[2]]
        if kind == texts.RESULTS_RANKING:
            ranking = _read(header, rows, layout.RANKING)
            if ranking is not None:
                standings.setdefault(group, {})[title] = _standing(ranking)
        elif kind == texts.RESULTS_DETAILS:
            # The criteria are whatever the header row holds between the columns before and after them.
            table = layout.details(header[len(layout.DETAILS_BEFORE):len(header) - len(layout.DETAILS_AFTER)])
            details = _read(header, rows, table.columns)
            if details is not None:
                snap[group] = GroupSnapshot(_scores(details, table), {})
    return {group: GroupSnapshot(g.details, standings.get(group, {})) for group, g in snap.items()}


def _read(header: list[str], rows: Rows, columns: tuple[layout.Column, ...]) -> pd.DataFrame | None:
    """A sheet's table read back under the layout's keys: the rows under its `header` with a unit;
    None if the header is not the layout's."""
    if header != [c.label for c in columns]:
        return None
    unit = columns.index(layout.UNIT)
    return pd.DataFrame([row for row in rows[3:] if row and not is_empty(row[unit])], columns=[c.key for c in columns])


def _scores(details: pd.DataFrame, table: layout.Table) -> pd.DataFrame:
    """What is compared of a detail table: the total and each criterion's score, by unit, as floats."""
    return details.set_index(layout.UNIT.key)[[layout.TOTAL.key, *(c.key for c in table.criteria)]].astype(float)


def _standing(ranking: pd.DataFrame) -> pd.DataFrame:
    """What is compared of a ranking table: each unit's position (an integer, whatever number type
    Excel gives back) and grade."""
    position, grade = layout.POSITION.key, layout.GRADE.key
    return ranking.set_index(layout.UNIT.key)[[position, grade]].astype({position: int})


# --- the comparison -----------------------------------------------------------------------


def compare(old: Snapshot, new: Snapshot) -> list[str]:
    """One line per unit that changed, under a line per group: its scores, total, grades and
    positions in every ranking, old → new. Corrected units first, then those they moved."""
    lines: list[str] = []
    for group, now in new.items():
        was = old.get(group)
        if was is None:
            continue
        changed = _group_changes(was, now)
        if changed:
            lines.append(texts.CHANGES_GROUP.format(group=group))
            lines += [f"  {line}" for line in changed]
    return lines


def _group_changes(was: GroupSnapshot, now: GroupSnapshot) -> list[str]:
    units, before = now.details.index, was.details.index
    common = units.intersection(before, sort=False)
    columns = now.details.columns.intersection(was.details.columns, sort=False)
    new_scores, old_scores = now.details.loc[common, columns], was.details.loc[common, columns]
    differs = new_scores.ne(old_scores)  # a mask of what changed, compared for all units at once
    moved = {
        title: ranking.loc[common].ne(was.standings[title].reindex(common))
        for title, ranking in now.standings.items()
        if title in was.standings
    }
    touched = differs.any(axis=1)
    for mask in moved.values():
        touched |= mask.any(axis=1)

    corrected: list[str] = []
    followed: list[str] = []
    for unit in common[touched.to_numpy()]:
        parts = [
            texts.CHANGE_SCORE.format(criterion=c, old=_shown(old_scores.at[unit, c]), new=_shown(new_scores.at[unit, c]))
            for c in columns
            if c != "total" and differs.at[unit, c]
        ]
        if differs.at[unit, "total"]:
            parts.append(texts.CHANGE_TOTAL.format(old=_shown(old_scores.at[unit, "total"]),
                                                   new=_shown(new_scores.at[unit, "total"])))
        for title, mask in moved.items():
            old_row, new_row = was.standings[title].loc[unit], now.standings[title].loc[unit]
            if mask.at[unit, "grade"]:
                parts.append(texts.CHANGE_GRADE.format(title=title, old=old_row["grade"], new=new_row["grade"]))
            if mask.at[unit, "position"]:
                parts.append(texts.CHANGE_POSITION.format(title=title, old=old_row["position"],
                                                          new=new_row["position"]))
        (corrected if differs.loc[unit].any() else followed).append(
            texts.CHANGE_LINE.format(unit=unit, parts="; ".join(parts)))
    added = [texts.CHANGE_LINE.format(unit=u, parts=texts.CHANGE_UNIT_ADDED) for u in units.difference(before, sort=False)]
    removed = [texts.CHANGE_LINE.format(unit=u, parts=texts.CHANGE_UNIT_REMOVED)
               for u in before.difference(units, sort=False)]
    return corrected + followed + added + removed


def _shown(value: Any) -> str:
    return texts.format_number(Decimal(repr(float(value))))  # numpy's repr is "np.float64(58.0)"
