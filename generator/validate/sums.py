"""A score sheet's own sums: a main index's column and `Tổng điểm`, where the sheet has them.

xephang never publishes them: it recomputes every sum from the scores. A typed sum that disagrees
with the scores is an error (one of the two is wrong). A sum the workbook's own formula computes
may differ only because the formula cannot see what xephang reads: a number typed as text (SUM
skips it), a weight changed in `Tiêu chí` since the formula was written, a `KAD` its arithmetic
cannot take. Where that alone explains the difference, it is a warning naming the cause; a
formula whose value nothing explains is an error like a typed sum.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import texts
from ..cells import exact, is_empty, is_not_applicable, text_of, to_decimal
from ..model import Criterion, Group, scored, weighted_leaves
from ..problems import Code, Report
from ..workbook import CellError, Sheet, cell_ref, column_index

if TYPE_CHECKING:
    from .scores import Column

# The sum `init` writes, and any formula that is a sum of runs of one row's cells, each run times
# a weight: IF(B4="","",SUM(C4:D4)*0.4+SUM(E4)*0.7).
GUARDED = re.compile(r'^=?IF\(\$?[A-Z]{1,3}\$?\d+="","",(.*)\)$', re.DOTALL)
TERM = re.compile(r"^SUM\(\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?\)(?:\*(\d+(?:\.\d+)?))?$")
SIGNED = re.compile(r"([+-])([^+-]*)")  # the terms of a sum, each with its sign
PLACES = Decimal("1E-9")  # a spreadsheet's sum of decimals carries binary noise (`cells.exact`)


def check(
    sheet: Sheet, group: Group, rows: list[int], columns: Mapping[str, int], c_total: int | None,
    read: Mapping[str, Column], merged: set[tuple[int, int]], report: Report,
) -> None:
    """Each sum cell the sheet has (a main index's column, found in `columns` by criterion, and
    `Tổng điểm` in `c_total`) against what its criteria add up to (weighted); the parent's KAD
    where nothing below it applies. A row whose scores below a sum have an error is not checked
    for that sum: the error is reported, the sum cannot be known."""
    by_name, total = scored(group)
    sums = [(c.children, columns[c.name], by_name[c.name], Code.PARENT_SCORE_MISMATCH, c.name)
            for c in group.all_criteria if not c.leaf and c.name in columns]
    if c_total is not None:
        sums.append((group.criteria, c_total, total, Code.TOTAL_MISMATCH, texts.COL_TOTAL))
    for below, col, summed, code, name in sums:
        leaves = weighted_leaves(below)
        for i, (r, unit) in enumerate(zip(rows, group.scores.index)):
            raw = sheet.value(r, col)
            if is_empty(raw) or (r, col) in merged or any(i in read[leaf.name].bad for leaf, _ in leaves):
                continue  # not given (or a formula the file holds no value for), or not to be known
            where = {"sheet": sheet.name, "row": r, "col": col, "unit": unit, "criterion": name}
            expected = summed.score[i] if summed.applies[i] else None
            shown_expected = texts.NOT_APPLICABLE if expected is None else texts.format_number(expected)
            if isinstance(raw, CellError):
                cause = _formula_failed(sheet, r, col, leaves, columns, read, i)
                if cause is None:
                    report.error(Code.SCORE_FORMULA_ERROR, value=raw.code, **where)
                else:
                    report.warning(Code.SUM_FORMULA_UNSEEN, value=raw.code, **where,
                                   params={"expected": shown_expected, "causes": cause})
                continue
            given, _ = to_decimal(raw)
            if given is None and not is_not_applicable(raw):
                report.error(Code.SCORE_NOT_NUMBER, value=text_of(raw), **where)
            elif given != expected:
                shown = texts.NOT_APPLICABLE if given is None else texts.format_number(given)
                causes = None if given is None else _unseen(sheet, r, col, given, leaves, columns, read, i)
                if causes is None:
                    report.error(code, value=shown, params={"expected": shown_expected}, **where)
                else:
                    report.warning(Code.SUM_FORMULA_UNSEEN, value=shown, **where,
                                   params={"expected": shown_expected, "causes": causes})


def _unseen(
    sheet: Sheet, r: int, col: int, given: Decimal, leaves: list[tuple[Criterion, Decimal]],
    columns: Mapping[str, int], read: Mapping[str, Column], i: int,
) -> str | None:
    """Why the formula of the cell (r, col) computed `given` where xephang computes otherwise, if
    what it cannot see explains it exactly; None for a typed value, or one nothing explains."""
    formula = sheet.formulas.get((r, col))
    if formula is None:
        return None
    typed = [columns[leaf.name] for leaf, _ in leaves if i in read[leaf.name].text]
    text_cause = texts.SUM_CAUSE_TEXT.format(cells=_cells(r, typed))
    terms = _terms(formula)
    if terms is not None:  # a sum of runs of cells: what it adds up, as a spreadsheet does
        if not _near(sum((weight * _spreadsheet_sum(sheet, r, cols) for cols, weight in terms), Decimal(0)), given):
            return None
        seen = {c: w for cols, w in terms for c in cols}
        if set(seen) != {columns[leaf.name] for leaf, _ in leaves}:
            return None  # it adds up other columns than the criteria's: a formula to mend
        causes = ([text_cause] if typed else []) + (
            [texts.SUM_CAUSE_WEIGHT] if any(seen[columns[leaf.name]] != weight for leaf, weight in leaves) else [])
        return "; ".join(causes) or None
    # A formula of another shape: the ways it may not see what xephang reads, tried in turn.
    values = {leaf.name: read[leaf.name].values[i] or Decimal(0) for leaf, _ in leaves}
    unseen = {name: Decimal(0) if i in read[name].text else value for name, value in values.items()}
    weighted = any(weight != 1 for _, weight in leaves)
    tries = [([text_cause], unseen, True)] if typed else []
    tries += [([texts.SUM_CAUSE_NO_WEIGHT], values, False)] if weighted else []
    tries += [([text_cause, texts.SUM_CAUSE_NO_WEIGHT], unseen, False)] if typed and weighted else []
    for causes, cells, with_weights in tries:
        computed = sum((cells[leaf.name] * (weight if with_weights else 1) for leaf, weight in leaves), Decimal(0))
        if _near(computed, given):
            return "; ".join(causes)
    return None


def _formula_failed(
    sheet: Sheet, r: int, col: int, leaves: list[tuple[Criterion, Decimal]], columns: Mapping[str, int],
    read: Mapping[str, Column], i: int,
) -> str | None:
    """Why a formula's sum came out an error (#VALUE!) where xephang adds up fine: arithmetic on a
    `KAD` or on a number typed as text below it; None for a typed error, or a formula failing for
    another reason."""
    if (r, col) not in sheet.formulas:
        return None
    kad = [columns[leaf.name] for leaf, _ in leaves if i in read[leaf.name].kad]
    typed = [columns[leaf.name] for leaf, _ in leaves if i in read[leaf.name].text]
    causes = ([texts.SUM_CAUSE_KAD.format(cells=_cells(r, kad))] if kad else []) + (
        [texts.SUM_CAUSE_TEXT.format(cells=_cells(r, typed))] if typed else [])
    return "; ".join(causes) or None


def _terms(formula: str) -> list[tuple[range, Decimal]] | None:
    """The runs of columns a sum formula adds up, each with its weight; None for another formula."""
    guarded = GUARDED.match(formula.strip())
    body = (guarded.group(1) if guarded else formula.strip().removeprefix("=")).replace(" ", "")
    terms = []
    for sign, part in SIGNED.findall(body if body.startswith(("+", "-")) else "+" + body):
        match = TERM.match(part)
        if match is None:
            return None
        first, _, last, _, weight = match.groups()
        signed = Decimal(weight or 1) * (-1 if sign == "-" else 1)  # a penalty is subtracted
        terms.append((range(column_index(first), column_index(last or first) + 1), signed))
    return terms


def _spreadsheet_sum(sheet: Sheet, r: int, cols: range) -> Decimal:
    """SUM over cells of row `r` as a spreadsheet computes it: numbers only, text skipped."""
    total = Decimal(0)
    for c in cols:
        value = sheet.value(r, c)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            total += exact(float(value))
    return total


def _near(computed: Decimal, given: Decimal) -> bool:
    return computed.quantize(PLACES) == given.quantize(PLACES)


def _cells(r: int, cols: list[int]) -> str:
    return ", ".join(cell_ref(r, c) for c in cols)
