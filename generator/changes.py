"""What a re-run changed: the last run's results (`results_book.Snapshot`, read back from its
results workbook) against this run's, in words: one line per unit that changed, under its group.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from . import layout, texts
from .results_book import ISSUED_LABELS, PLACE, GroupSnapshot, Issued, Snapshot


@dataclass(frozen=True)
class Changes:
    """What changed in one part of the results, each change told in a line under a heading: the
    document's number, date and state; or a group's units, corrected units first, then those they
    moved, then units added and removed (each unit's scores, total, grades and positions in every
    ranking, old → new)."""

    heading: str
    lines: list[str]


def grouped(old: Snapshot, new: Snapshot) -> list[Changes]:
    """What changed from `old` to `new`, group by group; a group where nothing did is left out."""
    found = []
    for group, now in new.items():
        was = old.get(group)
        if was is not None:
            units = _group_changes(was, now)
            if units:
                found.append(Changes(texts.CHANGES_GROUP.format(group=group), units))
    return found


def issued(old: Issued | None, new: Issued) -> list[Changes]:
    """What changed of the document itself: a draft become final (or electronic), a number or a
    date given or corrected; nothing where the last run's results do not say (`None`)."""
    if old is None:
        return []
    lines = [texts.CHANGE_ISSUED.format(label=label, old=was or "—", new=now or "—")
             for label, was, now in zip(ISSUED_LABELS, old.values(), new.values()) if was != now]
    return [Changes(texts.CHANGES_ISSUED, lines)] if lines else []


def lines(changes: list[Changes]) -> list[str]:
    """The changes as printed: each heading, its lines indented under it."""
    return [line for c in changes for line in (c.heading, *(f"  {line}" for line in c.lines))]


def compare(old: Snapshot, new: Snapshot) -> list[str]:
    """What changed from `old` to `new`, as printed (`lines`)."""
    return lines(grouped(old, new))


def _group_changes(was: GroupSnapshot, now: GroupSnapshot) -> list[str]:
    units, before = now.scores.index, was.scores.index
    common = units.intersection(before, sort=False)
    columns = now.scores.columns.intersection(was.scores.columns, sort=False)
    new_scores, old_scores = now.scores.loc[common, columns], was.scores.loc[common, columns]
    differs = _differs(new_scores, old_scores)  # a mask of what changed, compared for all units at once
    new_total, old_total = now.total.loc[common], was.total.loc[common]
    total_differs = new_total.ne(old_total)
    standings = {
        title: _aligned(was.standings[title], ranking, common)
        for title, ranking in now.standings.items()
        if title in was.standings
    }
    corrected_mask = differs.any(axis=1) | total_differs
    touched = corrected_mask.copy()
    for _, _, mask in standings.values():
        touched |= mask.any(axis=1)

    place, grade = PLACE, layout.GRADE.key
    corrected: list[str] = []
    followed: list[str] = []
    for unit in common[touched.to_numpy()]:
        parts = [
            texts.CHANGE_SCORE.format(criterion=c, old=_shown(old_scores.at[unit, c]), new=_shown(new_scores.at[unit, c]))
            for c in columns
            if differs.at[unit, c]
        ]
        if total_differs.at[unit]:
            parts.append(texts.CHANGE_TOTAL.format(old=_shown(old_total.at[unit]), new=_shown(new_total.at[unit])))
        for title, (old_rows, new_rows, mask) in standings.items():
            if grade in mask and mask.at[unit, grade]:
                parts.append(texts.CHANGE_GRADE.format(title=title, old=old_rows.at[unit, grade],
                                                       new=new_rows.at[unit, grade]))
            if mask.at[unit, place]:
                parts.append(texts.CHANGE_POSITION.format(title=title, old=_place(old_rows.at[unit, place]),
                                                          new=_place(new_rows.at[unit, place])))
        (corrected if corrected_mask.at[unit] else followed).append(
            texts.CHANGE_LINE.format(unit=unit, parts="; ".join(parts)))
    added = [texts.CHANGE_LINE.format(unit=u, parts=texts.CHANGE_UNIT_ADDED) for u in units.difference(before, sort=False)]
    removed = [texts.CHANGE_LINE.format(unit=u, parts=texts.CHANGE_UNIT_REMOVED)
               for u in before.difference(units, sort=False)]
    return corrected + followed + added + removed


def _aligned(old: pd.DataFrame, new: pd.DataFrame, units: pd.Index) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A ranking's standings in both runs over `units`, what both have of them, and the mask of
    what changed. A unit absent from a run's ranking (not ranked, or its criterion not applying)
    has no position there; its grade is then left untold, its position says it all."""
    kept = new.columns.intersection(old.columns, sort=False)  # a grade scale added or removed: no grades
    old, new = old.reindex(units)[kept], new.reindex(units)[kept]
    mask = _differs(new, old)
    if layout.GRADE.key in mask:
        mask[layout.GRADE.key] &= new[layout.GRADE.key].notna() & old[layout.GRADE.key].notna()
    return old, new, mask


def _differs(new: pd.DataFrame, old: pd.DataFrame) -> pd.DataFrame:
    """Where two frames of the same shape differ, two missing values (NaN: KAD, not ranked) being equal."""
    return new.ne(old) & ~(new.isna() & old.isna())


def _shown(value: Any) -> str:
    if pd.isna(value):
        return texts.NOT_APPLICABLE
    return texts.format_number(Decimal(repr(float(value))))  # numpy's repr is "np.float64(58.0)"


def _place(value: Any) -> str:
    """A position as told: a whole number (read back as a float, or made one by a missing
    position), or `Không xếp hạng` where the unit is absent from the ranking."""
    return texts.CHANGE_NOT_RANKED if pd.isna(value) else str(int(value))
