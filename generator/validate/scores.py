"""The score sheets: one per group, a unit per row, a criterion per column.

Every problem of a sheet is found in one reading, whatever else is wrong in it: a cell with an
error only keeps out what depends on it (the sums of its row), never the checks of the others.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import pandas as pd

from .. import texts
from ..cells import THOUSANDS, exact, is_empty, is_not_applicable, looks_not_applicable, text_of, to_decimal
from ..layout import HEAD_CODE
from ..model import Criterion, Group, History, RankBy, scored
from ..problems import Code, Report
from ..workbook import CellError, Sheet, cell_ref
from . import sums
from .criteria import canonical, head_key
from .tables import Table, find_table


@dataclass
class Column:
    """One criterion's column as read: a score per unit (an exact Decimal, or None where it does not
    apply or the cell has an error), and which units' cells (by index) hold an error, a number typed
    as text, or `KAD`."""

    values: list[Decimal | None]
    bad: set[int] = field(default_factory=set)
    text: set[int] = field(default_factory=set)
    kad: set[int] = field(default_factory=set)


def read_scores(
    sheet: Sheet, declared: Group, rank_by: RankBy, history: History, broken: frozenset[str], report: Report
) -> Group | None:
    """The group as declared, with its units' scores from its sheet, or None if it has errors.
    `broken` heads the columns of criteria left out for errors in `Tiêu chí`: not unknown here."""
    criteria = declared.all_criteria
    heads = {c.name: criterion_heads(c) for c in criteria}
    extras = (texts.COL_NOT_RANKED, texts.COL_PREVIOUS_NAME, texts.COL_PREVIOUS_RANK)
    labels = frozenset(k for keys in heads.values() for k in keys) | {head_key(x) for x in texts.COL_TOTALS}
    table = find_table(sheet, (texts.COL_POSITION, texts.COL_UNIT), report, second_row=labels)
    if table is None:
        return None
    errors_before = len(report.errors)
    c_unit = table.index(texts.COL_UNIT)
    c_total = next((c for c in map(table.col, texts.COL_TOTALS) if c is not None), None)
    columns = {c.name: col for c in criteria for col in [_column(table, heads[c.name])] if col is not None}
    for leaf in declared.leaves:
        if leaf.name not in columns:
            # pointed at the first cell right of the header, where the column would go
            report.error(Code.COLUMN_MISSING, sheet=sheet.name,
                         row=table.header_row, col=max(table.columns.values()) + 1,
                         params={"column": leaf.label})
    c_not_ranked, c_previous_name, c_previous_rank = (table.col(x) for x in extras)
    known = labels | broken | {head_key(x) for x in texts.SCORE_SHEET_COLUMNS}
    codes = {canonical(c.code) for c in criteria if c.code}
    for key, col in table.columns.items():
        if head_key(key) not in known:
            _unknown_column(sheet, table.header_row, col, codes, report)

    found_before = len(report.problems)
    leaf_columns = [columns[c.name] for c in declared.leaves if c.name in columns]
    rows, units = _unit_rows(sheet, table, c_unit, leaf_columns, report)
    sum_columns = [columns[c.name] for c in criteria if not c.leaf and c.name in columns]
    merged = _merged(sheet, table, rows, (c_unit, *leaf_columns, *sum_columns, *([c_total] if c_total else [])),
                     {col: name for name, col in columns.items()} | ({c_total: texts.COL_TOTAL} if c_total else {}),
                     report)
    read = {c.name: _read_column(sheet, rows, columns.get(c.name), c, units, merged, report) for c in declared.leaves}

    def by_unit(col: int | None) -> dict[str, str]:
        """A text column's non-empty cells, by unit (none without the column)."""
        cells = [] if col is None else [text_of(sheet.value(r, col)) for r in rows]
        return {u: t for u, t in zip(units, cells) if t}

    # `Tên năm trước`: a unit's name last year, or the names of the units merged into it, `;` apart.
    lasts = {u: tuple(n.strip() for n in text.split(texts.MERGED_SEPARATOR) if n.strip())
             for u, text in by_unit(c_previous_name).items()}
    lasts = {u: names for u, names in lasts.items() if names}
    group = replace(
        declared,
        scores=pd.DataFrame({name: column.values for name, column in read.items()},
                            index=pd.Index(units, name="unit"), dtype=object),
        not_ranked=by_unit(c_not_ranked),
        previous_names={u: names[0] for u, names in lasts.items() if len(names) == 1},
        merged={u: names for u, names in lasts.items() if len(names) > 1},
        previous_ranks=_previous_ranks(sheet, rows, units, c_previous_rank, report),
    )
    _check_applicable(sheet, group, rows, columns, c_unit, rank_by, read, report)
    sums.check(sheet, group, rows, columns, c_total, read, merged, report)
    last_units = history.units.get(texts.label_key(group.name))
    if last_units is not None:
        _check_last_units(sheet, group, last_units, rows, table.header_row, c_unit, c_previous_name, report)
    elif group.merged and c_previous_name is not None:  # nothing to take last year's values from
        for r, unit in zip(rows, group.scores.index):
            if unit in group.merged:
                report.error(Code.MERGED_WITHOUT_RESULTS, sheet=sheet.name, row=r, col=c_previous_name,
                             value=text_of(sheet.value(r, c_previous_name)), unit=unit)
    if len(report.errors) == errors_before:  # error cells would look like KAD
        _check_rankings(sheet, group, table, columns, c_not_ranked, report)
    # Read a column at a time, reported as a person reads the sheet: row by row.
    report.problems[found_before:] = sorted(report.problems[found_before:], key=lambda p: p.position())
    if len(report.errors) > errors_before:
        return None
    return group


def criterion_heads(criterion: Criterion) -> frozenset[str]:
    """What may head a criterion's column: its name, and in a tree its code or code and name, the
    code compared as codes are (`01` is `1`)."""
    names = [criterion.name, criterion.code, criterion.label] if criterion.code else [criterion.name]
    return frozenset(head_key(n) for n in names)


def _column(table: Table, heads: frozenset[str]) -> int | None:
    return next((col for key, col in table.columns.items() if head_key(key) in heads), None)


def _unknown_column(sheet: Sheet, row: int, col: int, codes: set[str], report: Report) -> None:
    """A header that is none of the group's columns: ignored with a warning, but in a tree, one
    that starts with a code the group does not have is an error: its scores would be lost."""
    head = text_of(sheet.value(row, col))
    match = HEAD_CODE.match(head) if codes else None
    if match and canonical(match.group(1)) not in codes:
        report.error(Code.COLUMN_CODE_UNKNOWN, sheet=sheet.name, row=row, col=col, value=head,
                     params={"code": match.group(1)})
    else:
        report.warning(Code.COLUMN_UNKNOWN, sheet=sheet.name, row=row, col=col, value=head)


def _previous_ranks(sheet: Sheet, rows: list[int], units: list[str], col: int | None, report: Report) -> dict[str, int]:
    """`Xếp hạng năm trước`, typed in: a whole number from 1 for each unit that has one."""
    ranks: dict[str, int] = {}
    if col is None:
        return ranks
    for r, unit in zip(rows, units):
        raw = sheet.value(r, col)
        if is_empty(raw):
            continue
        number, _ = to_decimal(raw)
        if number is None or number != number.to_integral_value() or number < 1:
            report.error(Code.PREVIOUS_RANK_INVALID, sheet=sheet.name, row=r, col=col, value=text_of(raw), unit=unit)
        else:
            ranks[unit] = int(number)
    return ranks


def _merged(
    sheet: Sheet, table: Table, rows: list[int], checked: tuple[int, ...], names: dict[int, str], report: Report
) -> set[tuple[int, int]]:
    """Merged cells over a unit's name or scores: each range an error at the range (only its first
    cell holds a value: the others would read as empty), and the cells under it, but the first,
    left out of the other checks."""
    unit_rows, columns = set(rows), set(checked)
    covered: set[tuple[int, int]] = set()
    for (top, left), (bottom, right) in sheet.merged:
        cells = [(r, c) for r in range(max(top, table.header_row + 1), bottom + 1) for c in range(left, right + 1)
                 if r in unit_rows and c in columns]
        if not cells or (top, left) == (bottom, right):
            continue
        hit = sorted({names[c] for _, c in cells if c in names})
        report.error(Code.CELLS_MERGED, sheet=sheet.name, row=top, col=left, to=(bottom, right),
                     value=text_of(sheet.value(top, left)),
                     params={"columns": ", ".join(f"'{n}'" for n in hit) or f"'{texts.COL_UNIT}'"})
        covered.update(cell for cell in cells if cell != (top, left))
    return covered


def _check_applicable(
    sheet: Sheet, group: Group, rows: list[int], columns: dict[str, int], c_unit: int, rank_by: RankBy,
    read: dict[str, Column], report: Report,
) -> None:
    """A unit needs something that applies to it; and KAD makes units' maxima differ, so a group
    with one must be ranked by ratio: an error at its first KAD cell otherwise. Only cells that
    say KAD count: a cell with an error is neither."""
    leaves = list(read)
    for i, (r, unit) in enumerate(zip(rows, group.scores.index)):
        if all(i in read[name].kad for name in leaves):
            report.error(Code.UNIT_NOTHING_APPLIES, sheet=sheet.name, row=r, col=c_unit, unit=unit)
    if rank_by is RankBy.POINTS:
        first = min(((i, j) for j, name in enumerate(leaves) for i in read[name].kad), default=None)
        if first is not None:
            i, j = first
            leaf = leaves[j]
            report.error(Code.NOT_APPLICABLE_NEEDS_RATIO, sheet=sheet.name, row=rows[i], col=columns[leaf],
                         value=text_of(sheet.value(rows[i], columns[leaf])), unit=group.scores.index[i],
                         criterion=leaf)


def _check_rankings(
    sheet: Sheet, group: Group, table: Table, columns: dict[str, int], c_not_ranked: int | None, report: Report
) -> None:
    """A ranking left with no unit, every unit not ranked or its criterion applying to none that
    is: a warning naming it, at the column that leaves it empty; its document says so."""
    by_name, _ = scored(group)
    ranked = [u not in group.not_ranked for u in group.scores.index]
    if not any(ranked):
        report.warning(Code.RANKING_EMPTY, sheet=sheet.name, row=table.header_row,
                       col=table.index(texts.COL_UNIT) if c_not_ranked is None else c_not_ranked,
                       params={"title": texts.RANKING_OVERALL, "group": group.name, "why": texts.RANKING_NONE_RANKED})
    for criterion in group.all_criteria:
        applies = by_name[criterion.name].applies
        if criterion.own_ranking and not any(a and r for a, r in zip(applies, ranked)):
            first_leaf = next(c for c in criterion.walk() if c.leaf)
            report.warning(Code.RANKING_EMPTY, sheet=sheet.name, row=table.header_row,
                           col=columns.get(criterion.name, columns.get(first_leaf.name)), criterion=criterion.name,
                           params={"title": criterion.own_ranking, "group": group.name,
                                   "why": texts.RANKING_NONE_APPLIES if any(ranked) else texts.RANKING_NONE_RANKED})


def _check_last_units(
    sheet: Sheet, group: Group, last_units: tuple[str, ...], rows: list[int], header_row: int, c_unit: int,
    c_previous_name: int | None, report: Report,
) -> None:
    """Each unit's names last year (its `Tên năm trước`: one name, or those of the units merged
    into it; else its own) name units of last year's results, which no other unit of this year
    claims: a name in `Tên năm trước` that names none, and every cell of a unit claimed twice, are
    errors. Last year's units that no unit
    claims are a warning listing them, so that a renamed or merged unit is noticed."""
    last = {texts.label_key(u): u for u in last_units}
    claims: dict[str, list[tuple[int, int]]] = {}  # last year's unit -> the cells that claim it
    for r, unit in zip(rows, group.scores.index):
        typed = unit in group.merged or unit in group.previous_names  # in `Tên năm trước`
        named = group.last_names(unit) if typed else ()
        if named and c_previous_name is not None:
            for name in named:
                if texts.label_key(name) not in last:
                    report.error(Code.PREVIOUS_NAME_UNKNOWN, sheet=sheet.name, row=r, col=c_previous_name,
                                 value=name, unit=unit, params={"group": group.name})
                else:
                    claims.setdefault(texts.label_key(name), []).append((r, c_previous_name))
        elif texts.label_key(unit) in last:
            claims.setdefault(texts.label_key(unit), []).append((r, c_unit))
    for key, cells in claims.items():
        for r, c in cells if len(cells) > 1 else ():
            others = ", ".join(cell_ref(*cell) for cell in cells if cell != (r, c))
            report.error(Code.LAST_UNIT_CLAIMED, sheet=sheet.name, row=r, col=c, value=text_of(sheet.value(r, c)),
                         unit=text_of(sheet.value(r, c_unit)), params={"last": last[key], "others": others})
    missing = [u for key, u in last.items() if key not in claims]
    if missing:
        report.warning(Code.LAST_UNITS_NOT_FOUND, sheet=sheet.name, row=header_row,
                       col=c_unit if c_previous_name is None else c_previous_name,
                       params={"count": len(missing), "group": group.name, "units": "; ".join(missing)})


def _unit_rows(
    sheet: Sheet, table: Table, c_unit: int, score_cols: list[int], report: Report
) -> tuple[list[int], list[str]]:
    """The rows of units and their names. Units run to the last row with anything in the unit or
    score columns: a blank row between them is skipped with a warning, never the end of the
    table, and a row with scores but no name is an error at its name's cell."""
    def blank(r: int) -> bool:
        return all(is_empty(sheet.value(r, c)) for c in (c_unit, *score_cols))

    # Found from the bottom: under the units there are at most some spare rows.
    end = next((r + 1 for r in reversed(table.body()) if not blank(r)), 0)
    rows: list[int] = []
    units: list[str] = []
    first_row: dict[str, int] = {}
    blank_from = None
    for r in range(table.header_row + 1, end):
        unit = text_of(sheet.value(r, c_unit))
        if not unit and blank(r):
            blank_from = r if blank_from is None else blank_from
            continue
        if blank_from is not None:
            _blank_rows(sheet, blank_from, r - 1, c_unit, report)
            blank_from = None
        if not unit:
            report.error(Code.UNIT_MISSING, sheet=sheet.name, row=r, col=c_unit)
            continue
        key = texts.label_key(unit)
        if key in first_row:
            report.error(Code.UNIT_REPEATED, sheet=sheet.name, row=r, col=c_unit, value=unit,
                         params={"first_cell": cell_ref(first_row[key], c_unit)})
        first_row.setdefault(key, r)
        if r in sheet.hidden_rows:
            report.warning(Code.UNIT_ROW_HIDDEN, sheet=sheet.name, row=r, col=c_unit, unit=unit)
        rows.append(r)
        units.append(unit)
    if not units:
        report.error(Code.UNITS_NONE, sheet=sheet.name, row=table.header_row + 1, col=c_unit)
    return rows, units


def _blank_rows(sheet: Sheet, first: int, last: int, c_unit: int, report: Report) -> None:
    rows = (texts.BLANK_ROW.format(first=first + 1) if first == last
            else texts.BLANK_ROWS.format(first=first + 1, last=last + 1))
    report.warning(Code.ROWS_BLANK, sheet=sheet.name, row=first, col=c_unit, params={"rows": rows})


def _read_column(
    sheet: Sheet, rows: list[int], col: int | None, criterion: Criterion, units: list[str],
    merged: set[tuple[int, int]], report: Report,
) -> Column:
    """One criterion's scores, one per unit. A column of plain numbers within bounds, the usual
    case, is checked in one sweep; any other goes cell by cell, to report each problem."""
    if col is None:
        return Column([None] * len(units), bad=set(range(len(units))))
    cells = sheet.rows  # read directly: a national sheet has 60,000 scores
    raws: list[Any] = [cells[r][col] if col < len(cells[r]) else "" for r in rows]
    if all(type(raw) is float and math.isfinite(raw) for raw in raws) and not merged:
        scores = [exact(raw) for raw in raws]
        if all(0 <= score <= criterion.maximum for score in scores):
            return Column(list[Decimal | None](scores))
    column = Column([])
    for i, (r, unit) in enumerate(zip(rows, units)):
        if (r, col) in merged:  # under a merged range's first cell: reported as the range
            column.values.append(None)
            column.bad.add(i)
            continue
        score, kind = read_score(sheet, r, col, criterion, unit, report)
        column.values.append(score)
        if kind is not None:
            getattr(column, kind).add(i)
    return column


def read_score(
    sheet: Sheet, r: int, col: int, criterion: Criterion, unit: str, report: Report
) -> tuple[Decimal | None, str | None]:
    """A score, and what else the cell is: "bad" (an error, reported), "text" (a number typed as
    text, warned), "kad", or None."""
    raw = sheet.value(r, col)
    score, was_text = to_decimal(raw)
    if score is not None and not was_text and 0 <= score <= criterion.maximum:
        return score, None  # the usual case, checked before anything is built for a message
    if is_not_applicable(raw):
        return None, "kad"  # the criterion does not apply to this unit
    where = {"sheet": sheet.name, "row": r, "col": col, "unit": unit, "criterion": criterion.name}
    kind = _not_a_score(raw)
    if kind is not None:
        code, shown = kind
        report.error(code, value=shown, **where)
        return None, "bad"
    if score is None:
        code = Code.SCORE_LOOKS_NOT_APPLICABLE if looks_not_applicable(raw) else Code.SCORE_NOT_NUMBER
        report.error(code, value=text_of(raw), **where)
        return None, "bad"
    if was_text:
        report.warning(Code.SCORE_TEXT_NUMBER, value=raw, params={"number": texts.format_number(score)}, **where)
    if score < 0:
        report.error(Code.SCORE_NEGATIVE, value=texts.format_number(score), **where)
        return None, "bad"
    if score > criterion.maximum:
        report.error(Code.SCORE_ABOVE_MAXIMUM, value=texts.format_number(score),
                     params={"maximum": texts.format_number(criterion.maximum)}, **where)
        return None, "bad"
    return score, "text" if was_text else None


def _not_a_score(raw: Any) -> tuple[Code, str] | None:
    """The problem code and shown value for a cell that holds something other than a score."""
    if is_empty(raw):
        return Code.SCORE_MISSING, ""
    if isinstance(raw, CellError):
        return Code.SCORE_FORMULA_ERROR, raw.code
    if isinstance(raw, bool):
        return Code.SCORE_BOOLEAN, "TRUE" if raw else "FALSE"
    if isinstance(raw, (datetime.date, datetime.time, datetime.timedelta)):
        shown = raw.strftime("%d/%m/%Y") if isinstance(raw, datetime.date) else str(raw)
        return Code.SCORE_DATE, shown
    if isinstance(raw, float) and not math.isfinite(raw):
        return Code.SCORE_NOT_FINITE, str(raw)
    if isinstance(raw, str) and THOUSANDS.match(raw.strip()):
        return Code.SCORE_THOUSANDS, raw.strip()
    return None
