"""What a re-run changed: the results workbook (`<name>.ketqua.xlsx`) kept from the last run,
and the comparison of its rankings with the new ones, in words.

The results workbook is for people too (the portal, the emulation board): one sheet per ranking
table of part A ("A.I.1"…) and per detail table of part B ("B.I"…), each headed by its group and
title. The same sheets, read back, are the previous run's `Snapshot`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import texts
from .scoring import Results
from .validate import is_empty, text_of, to_decimal
from .workbook import RawWorkbook

Rows = list[list[Any]]


@dataclass(frozen=True)
class Standing:
    position: int
    grade: str


@dataclass
class Snapshot:
    """Every unit's scores and standings, keyed by group, in the order of the notice."""

    # group -> unit -> criterion -> score
    scores: dict[str, dict[str, dict[str, Decimal]]] = field(default_factory=dict)
    # group -> unit -> total
    totals: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    # group -> ranking title -> unit -> standing
    standings: dict[str, dict[str, dict[str, Standing]]] = field(default_factory=dict)


# --- the results workbook -----------------------------------------------------------------


def results_sheets(results: Results) -> list[tuple[str, Rows]]:
    """The results workbook's sheets as (name, rows): numbers as Decimals, header rows first."""
    sheets: list[tuple[str, Rows]] = []
    for n, g in enumerate(results.groups, 1):
        for i, ranking in enumerate(g.rankings, 1):
            rows: Rows = [[texts.RESULTS_GROUP, g.group.name], [texts.RESULTS_RANKING, ranking.title],
                          [texts.COL_POSITION, texts.COL_UNIT, texts.RESULTS_SCORE, texts.TABLE_GRADE,
                           texts.TABLE_RANK]]
            rows += [[p, u, s, gr, r] for p, r, u, s, gr in ranking.table.itertuples(index=False)]
            sheets.append((f"A.{texts.roman(n)}.{i}", rows))
    for n, g in enumerate(results.groups, 1):
        criteria = [c.name for c in g.group.criteria]
        rows = [[texts.RESULTS_GROUP, g.group.name], [texts.RESULTS_DETAILS, ""],
                [texts.COL_POSITION, texts.COL_UNIT, texts.COL_TOTAL, *criteria, texts.TABLE_RANK]]
        for position, rank, unit, total, *scores in g.details.itertuples(index=False):
            rows.append([position, unit, total, *scores, rank])
        sheets.append((f"B.{texts.roman(n)}", rows))
    return sheets


def previous_snapshot(raw: RawWorkbook) -> Snapshot:
    """The snapshot kept by the last run, read back from its results workbook."""
    return read_snapshot(sheet.rows for sheet in raw.sheets)


def read_snapshot(sheets: Iterable[Rows]) -> Snapshot:
    """The snapshot held by sheets in the results workbook's layout; other sheets are ignored."""
    snap = Snapshot()
    for rows in sheets:
        if len(rows) < 3 or text_of(rows[0][0]) != texts.RESULTS_GROUP:
            continue
        group, kind, title = text_of(rows[0][1]), text_of(rows[1][0]), text_of(rows[1][1])
        header = [text_of(h) for h in rows[2]]
        body = [row for row in rows[3:] if len(row) > 1 and not is_empty(row[1])]
        if kind == texts.RESULTS_RANKING:
            snap.standings.setdefault(group, {})[title] = {
                text_of(row[1]): Standing(int(_number(row[0])), text_of(row[3])) for row in body
            }
        elif kind == texts.RESULTS_DETAILS:
            criteria = header[3:-1]
            snap.totals[group] = {text_of(row[1]): _number(row[2]) for row in body}
            snap.scores[group] = {
                text_of(row[1]): {c: _number(v) for c, v in zip(criteria, row[3:])} for row in body
            }
    return snap


def _number(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    number, _ = to_decimal(value)
    return number if number is not None else Decimal(0)


# --- the comparison -----------------------------------------------------------------------


def compare(old: Snapshot, new: Snapshot) -> list[str]:
    """One line per unit that changed, under a line per group: its scores, total, grades and
    positions in every ranking, old → new."""
    lines: list[str] = []
    for group, units in new.scores.items():
        old_units = old.scores.get(group, {})
        changed: list[tuple[bool, str]] = []  # (scores unchanged, line): corrected units first
        for unit in [*units, *(u for u in old_units if u not in units)]:
            parts = _unit_changes(group, unit, old, new)
            if parts:
                line = texts.CHANGE_LINE.format(unit=unit, parts="; ".join(parts))
                changed.append((old_units.get(unit) == units.get(unit), line))
        if changed:
            lines.append(texts.CHANGES_GROUP.format(group=group))
            lines += [f"  {line}" for _, line in sorted(changed, key=lambda item: item[0])]
    return lines


def _unit_changes(group: str, unit: str, old: Snapshot, new: Snapshot) -> list[str]:
    before, after = old.scores.get(group, {}).get(unit), new.scores.get(group, {}).get(unit)
    if before is None:
        return [texts.CHANGE_UNIT_ADDED]
    if after is None:
        return [texts.CHANGE_UNIT_REMOVED]
    fmt = texts.format_number
    parts = [
        texts.CHANGE_SCORE.format(criterion=c, old=fmt(before[c]), new=fmt(score))
        for c, score in after.items()
        if c in before and before[c] != score
    ]
    old_total, new_total = old.totals[group][unit], new.totals[group][unit]
    if old_total != new_total:
        parts.append(texts.CHANGE_TOTAL.format(old=fmt(old_total), new=fmt(new_total)))
    for title, standings in new.standings.get(group, {}).items():
        was = old.standings.get(group, {}).get(title, {}).get(unit)
        now = standings[unit]
        if was is None:
            continue
        if was.grade != now.grade:
            parts.append(texts.CHANGE_GRADE.format(title=title, old=was.grade, new=now.grade))
        if was.position != now.position:
            parts.append(texts.CHANGE_POSITION.format(title=title, old=was.position, new=now.position))
    return parts
