"""The score sheets: one per group, a unit per row, a criterion per column."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal
from typing import Any, cast

import pandas as pd

from .. import texts
from ..cells import THOUSANDS, exact, is_empty, text_of, to_decimal
from ..model import Criterion
from ..problems import Code, Report
from ..workbook import CellError, Sheet, cell_ref
from .tables import Table, find_table


def read_scores(sheet: Sheet, criteria: tuple[Criterion, ...], report: Report) -> pd.DataFrame | None:
    labels = frozenset(texts.label_key(x) for x in (*(c.name for c in criteria), *texts.COL_TOTALS))
    table = find_table(sheet, (texts.COL_POSITION, texts.COL_UNIT), report, second_row=labels)
    if table is None:
        return None
    errors_before = len(report.errors)
    c_unit = table.index(texts.COL_UNIT)
    c_total = next((c for c in map(table.col, texts.COL_TOTALS) if c is not None), None)
    columns: dict[str, int] = {}
    for criterion in criteria:
        col = table.col(criterion.name)
        if col is None:
            # pointed at the first cell right of the header, where the column would go
            report.error(Code.COLUMN_MISSING, sheet=sheet.name,
                         row=table.header_row, col=max(table.columns.values()) + 1,
                         params={"column": criterion.name})
        else:
            columns[criterion.name] = col
    known = labels | {texts.label_key(texts.COL_POSITION), texts.label_key(texts.COL_UNIT)}
    for key, col in table.columns.items():
        if key not in known:
            report.warning(Code.COLUMN_UNKNOWN, sheet=sheet.name, row=table.header_row, col=col,
                           value=text_of(sheet.value(table.header_row, col)))

    found_before = len(report.problems)
    rows, units = _unit_rows(sheet, table, c_unit, list(columns.values()), report)
    scores = {c.name: _read_column(sheet, rows, columns.get(c.name), c, units, report) for c in criteria}
    if c_total is not None:
        for r, unit, row_scores in zip(rows, units, zip(*scores.values())):
            if None not in row_scores:
                _check_total(sheet, r, c_total, unit, sum(row_scores, Decimal(0)), report)
    # Read a column at a time, reported as a person reads the sheet: row by row.
    report.problems[found_before:] = sorted(report.problems[found_before:], key=lambda p: p.position())
    if len(report.errors) > errors_before:
        return None
    return pd.DataFrame(scores, index=pd.Index(units, name="unit"), dtype=object)


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
    sheet: Sheet, rows: list[int], col: int | None, criterion: Criterion, units: list[str], report: Report
) -> list[Decimal | None]:
    """One criterion's scores, one per unit. A column of plain numbers within bounds, the usual
    case, is checked in one sweep; any other goes cell by cell, to report each problem."""
    if col is None:
        return [None] * len(units)
    cells = sheet.rows  # read directly: a national sheet has 60,000 scores
    raws: list[Any] = [cells[r][col] if col < len(cells[r]) else "" for r in rows]
    if all(type(raw) is float and math.isfinite(raw) for raw in raws):
        scores = [exact(raw) for raw in raws]
        if all(0 <= score <= criterion.maximum for score in scores):
            return cast("list[Decimal | None]", scores)
    return [_read_score(sheet, r, col, criterion, unit, report) for r, unit in zip(rows, units)]


def _read_score(sheet: Sheet, r: int, col: int, criterion: Criterion, unit: str, report: Report) -> Decimal | None:
    raw = sheet.value(r, col)
    score, was_text = to_decimal(raw)
    if score is not None and not was_text and 0 <= score <= criterion.maximum:
        return score  # the usual case, checked before anything is built for a message
    where = {"sheet": sheet.name, "row": r, "col": col, "unit": unit, "criterion": criterion.name}
    kind = _not_a_score(raw)
    if kind is not None:
        code, shown = kind
        report.error(code, value=shown, **where)
        return None
    if score is None:
        report.error(Code.SCORE_NOT_NUMBER, value=text_of(raw), **where)
        return None
    if was_text:
        report.warning(Code.SCORE_TEXT_NUMBER, value=raw, params={"number": texts.format_number(score)}, **where)
    if score < 0:
        report.error(Code.SCORE_NEGATIVE, value=texts.format_number(score), **where)
        return None
    if score > criterion.maximum:
        report.error(Code.SCORE_ABOVE_MAXIMUM, value=texts.format_number(score),
                     params={"maximum": texts.format_number(criterion.maximum)}, **where)
        return None
    return score


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


def _check_total(sheet: Sheet, r: int, col: int, unit: str, expected: Decimal, report: Report) -> None:
    raw = sheet.value(r, col)
    if is_empty(raw):  # not given, or a formula the file holds no value for: recomputed anyway
        return
    where = {"sheet": sheet.name, "row": r, "col": col, "unit": unit, "criterion": texts.COL_TOTAL}
    if isinstance(raw, CellError):
        report.error(Code.SCORE_FORMULA_ERROR, value=raw.code, **where)
        return
    total, _ = to_decimal(raw)
    if total is None:
        report.error(Code.SCORE_NOT_NUMBER, value=text_of(raw), **where)
    elif total != expected:
        report.error(Code.TOTAL_MISMATCH, value=texts.format_number(total),
                     params={"expected": texts.format_number(expected)}, **where)
