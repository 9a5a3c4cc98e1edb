"""Stage 2, validate: raw rows into a typed `Assessment`, and every problem into a `Report`.

Everything is checked before anything is written, and all problems are reported at once: a
problem never stops the checks, it only keeps the assessment from being built.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from . import texts
from .model import Assessment, Criterion, Grade, GradeScale, Group, NoticeInfo, TieRule
from .problems import Report
from .workbook import RawWorkbook, Sheet, cell_ref

HEADER_SEARCH_ROWS = 30  # title rows above a header are allowed, within reason
TEXT_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1b]")
TEXT_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
# Cells computed by formulas carry binary noise (0.1 + 0.2 = 0.30000000000000004); scores are
# never meant to have more decimals than this.
FLOAT_DECIMALS = 9


def validate(raw: RawWorkbook) -> tuple[Assessment | None, Report]:
    report = Report(raw.source)
    sheets: dict[str, Sheet] = {}
    for name in texts.REQUIRED_SHEETS:
        sheet = raw.sheet(name)
        if sheet is None:
            report.error("sheet_missing", params={"sheet_name": name})
        else:
            sheets[name] = sheet

    info = _read_info(sheets[texts.SHEET_INFO], report) if texts.SHEET_INFO in sheets else None
    declared = _read_groups(sheets[texts.SHEET_GROUPS], report) if texts.SHEET_GROUPS in sheets else {}
    criteria = (
        _read_criteria(sheets[texts.SHEET_CRITERIA], declared, report)
        if texts.SHEET_CRITERIA in sheets
        else {}
    )
    scale = _read_grades(sheets[texts.SHEET_GRADES], report) if texts.SHEET_GRADES in sheets else None

    groups = []
    for name, decl in declared.items():
        group_criteria = criteria.get(name, ())
        if not group_criteria:
            if texts.SHEET_CRITERIA in sheets:
                report.error("group_no_criteria", sheet=decl.sheet, cell=decl.cell, params={"group": name})
            continue
        sheet = raw.sheet(name)
        if sheet is None:
            report.error("sheet_missing", params={"sheet_name": name})
            continue
        scores = _read_scores(sheet, group_criteria, report)
        if scores is not None:
            groups.append(Group(name, decl.title, group_criteria, scores))

    if not report.valid or info is None or scale is None:
        return None, report
    return Assessment(info=info, grades=scale, groups=tuple(groups)), report


# --- cell values --------------------------------------------------------------------------


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value: Any) -> str:
    """A cell as one line of NFC text; control characters (which XML cannot hold) removed."""
    if is_empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return texts.nfc(" ".join(CONTROL_CHARS.sub("", str(value)).split()))


def to_decimal(value: Any) -> tuple[Decimal | None, bool]:
    """A cell as an exact number, and whether it was text that merely looks like one."""
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return Decimal(value), False
    if isinstance(value, float):
        return _exact(value), False
    if isinstance(value, str) and TEXT_NUMBER.match(value.strip()):
        return Decimal(value.strip().replace(",", ".")).normalize(), True
    return None, False


def _exact(value: float) -> Decimal:
    """The number a person typed: Excel holds it as a binary float, its shortest repr is the text."""
    if value.is_integer():
        return Decimal(int(value))
    return Decimal(repr(round(value, FLOAT_DECIMALS))).normalize()


def to_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = TEXT_DATE.match(text_of(value))
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
    return None


def to_year(value: Any) -> int | None:
    number, _ = to_decimal(value)
    if number is not None and number == number.to_integral_value() and 1900 <= number <= 2200:
        return int(number)
    return None


# --- tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A header row found in a sheet, and the rows under it."""

    sheet: Sheet
    header_row: int
    columns: dict[str, int]  # label_key of each non-empty header cell -> column index

    def col(self, label: str) -> int | None:
        return self.columns.get(texts.label_key(label))

    def body(self) -> range:
        return range(self.header_row + 1, len(self.sheet.rows))


def find_table(sheet: Sheet, required: tuple[str, ...], report: Report) -> Table | None:
    keys = [texts.label_key(label) for label in required]
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for c, value in enumerate(row):
            if not is_empty(value):
                columns.setdefault(texts.label_key(value), c)
        if all(k in columns for k in keys):
            return Table(sheet, r, columns)
    report.error(
        "header_missing",
        sheet=sheet.name,
        params={"columns": ", ".join(f"'{label}'" for label in required)},
    )
    return None


# --- Thông tin ----------------------------------------------------------------------------


def _read_info(sheet: Sheet, report: Report) -> NoticeInfo | None:
    label_fields = {texts.label_key(label): field for label, field in texts.INFO_LABELS.items()}
    heading = texts.label_key(texts.COL_INFO_LABEL)
    found: dict[str, Any] = {}
    cells: dict[str, str] = {}
    empty: dict[str, str] = {}  # labels present with no value: the cell to fill
    for r, row in enumerate(sheet.rows):
        label, value = sheet.value(r, 0), sheet.value(r, 1)
        if is_empty(label) or texts.label_key(label) == heading:
            continue
        field = label_fields.get(texts.label_key(label))
        if field is None:
            report.warning("info_unknown", sheet=sheet.name, cell=cell_ref(r, 0), value=text_of(label))
        elif field in texts.INFO_LIST_FIELDS:
            if not is_empty(value):
                found.setdefault(field, []).append(text_of(value))
        elif field in found:
            report.error(
                "info_repeated", sheet=sheet.name, cell=cell_ref(r, 0),
                params={"label": texts.INFO_FIELD_LABELS[field]},
            )
        elif not is_empty(value):
            found[field] = value
            cells[field] = cell_ref(r, 1)
        else:
            empty.setdefault(field, cell_ref(r, 1))

    for field in texts.INFO_REQUIRED_FIELDS:
        label = texts.INFO_FIELD_LABELS[field]
        if field in empty and field not in found:
            report.error("info_empty", sheet=sheet.name, cell=empty[field], params={"label": label})
        elif field not in found:
            report.error("info_missing", sheet=sheet.name, params={"label": label})

    values: dict[str, Any] = {}
    for field, value in found.items():
        if field in texts.INFO_LIST_FIELDS:
            values[field] = tuple(value)
        elif field == "date":
            values[field] = to_date(value)
            if values[field] is None:
                report.error("date_invalid", sheet=sheet.name, cell=cells[field], value=text_of(value))
        elif field == "year":
            values[field] = to_year(value)
            if values[field] is None:
                report.error("year_invalid", sheet=sheet.name, cell=cells[field], value=text_of(value))
        elif field == "tie_rule":
            rules = {texts.label_key(texts.TIE_KEEP_ORDER): TieRule.KEEP_ORDER,
                     texts.label_key(texts.TIE_SHARED): TieRule.SHARED}
            values[field] = rules.get(texts.label_key(value))
            if values[field] is None:
                report.error(
                    "tie_rule_invalid", sheet=sheet.name, cell=cells[field], value=text_of(value),
                    params={"keep": texts.TIE_KEEP_ORDER, "shared": texts.TIE_SHARED},
                )
        else:
            values[field] = text_of(value)

    if not report.valid:
        return None
    return NoticeInfo(**values)


# --- Khối, Tiêu chí, Xếp loại -------------------------------------------------------------


@dataclass(frozen=True)
class DeclaredGroup:
    title: str
    sheet: str
    cell: str  # where its name is, for problems about the group as a whole


def _read_groups(sheet: Sheet, report: Report) -> dict[str, DeclaredGroup]:
    table = find_table(sheet, (texts.COL_GROUP, texts.COL_GROUP_TITLE), report)
    if table is None:
        return {}
    c_name, c_title = table.col(texts.COL_GROUP), table.col(texts.COL_GROUP_TITLE)
    groups: dict[str, DeclaredGroup] = {}
    seen: set[str] = set()
    for r in table.body():
        name, title = text_of(sheet.value(r, c_name)), text_of(sheet.value(r, c_title))
        if not name and not title:
            continue
        if not name:
            report.error("group_empty_name", sheet=sheet.name, cell=cell_ref(r, c_name))
        elif texts.label_key(name) in seen:
            report.error("group_repeated", sheet=sheet.name, cell=cell_ref(r, c_name), value=name)
        else:
            seen.add(texts.label_key(name))
            if not title:
                report.error("group_missing_title", sheet=sheet.name, cell=cell_ref(r, c_title), params={"group": name})
            groups[name] = DeclaredGroup(title, sheet.name, cell_ref(r, c_name))
    if not groups and not report.errors:
        report.error("groups_none", sheet=sheet.name)
    return groups


def _read_criteria(
    sheet: Sheet, declared: dict[str, DeclaredGroup], report: Report
) -> dict[str, tuple[Criterion, ...]]:
    table = find_table(sheet, (texts.COL_GROUP, texts.COL_CRITERION, texts.COL_MAXIMUM), report)
    if table is None:
        return {}
    c_group, c_name = table.col(texts.COL_GROUP), table.col(texts.COL_CRITERION)
    c_max, c_own = table.col(texts.COL_MAXIMUM), table.col(texts.COL_OWN_RANKING)
    group_by_key = {texts.label_key(g): g for g in declared}
    criteria: dict[str, list[Criterion]] = {}
    for r in table.body():
        group_text, name = text_of(sheet.value(r, c_group)), text_of(sheet.value(r, c_name))
        raw_max = sheet.value(r, c_max)
        own = text_of(sheet.value(r, c_own)) if c_own is not None else ""
        if not group_text and not name and is_empty(raw_max):
            continue
        group = group_by_key.get(texts.label_key(group_text))
        if group is None:
            report.error("criterion_group_unknown", sheet=sheet.name, cell=cell_ref(r, c_group), value=group_text)
            continue
        if not name:
            report.error("criterion_empty_name", sheet=sheet.name, cell=cell_ref(r, c_name))
            continue
        if any(texts.label_key(c.name) == texts.label_key(name) for c in criteria.get(group, [])):
            report.error("criterion_repeated", sheet=sheet.name, cell=cell_ref(r, c_name), value=name,
                         params={"group": group})
            continue
        maximum, _ = to_decimal(raw_max)
        if maximum is None or maximum <= 0:
            report.error("maximum_invalid", sheet=sheet.name, cell=cell_ref(r, c_max), value=text_of(raw_max))
            continue
        criteria.setdefault(group, []).append(Criterion(name, maximum, own or None))
    return {group: tuple(items) for group, items in criteria.items()}


def _read_grades(sheet: Sheet, report: Report) -> GradeScale | None:
    table = find_table(sheet, (texts.COL_GRADE, texts.COL_THRESHOLD), report)
    if table is None:
        return None
    c_name, c_threshold = table.col(texts.COL_GRADE), table.col(texts.COL_THRESHOLD)
    errors_before = len(report.errors)
    grades: list[Grade] = []
    last_cell = ""
    for r in table.body():
        name, raw = text_of(sheet.value(r, c_name)), sheet.value(r, c_threshold)
        if not name and is_empty(raw):
            continue
        threshold, _ = to_decimal(raw)
        last_cell = cell_ref(r, c_threshold)
        if not name:
            report.error("grade_empty_name", sheet=sheet.name, cell=cell_ref(r, c_name))
        elif threshold is None or not 0 <= threshold <= 100:
            report.error("threshold_invalid", sheet=sheet.name, cell=last_cell, value=text_of(raw))
        elif grades and threshold >= grades[-1].threshold:
            report.error("thresholds_not_descending", sheet=sheet.name, cell=last_cell, value=threshold,
                         params={"previous": grades[-1].threshold})
        else:
            grades.append(Grade(name, threshold))
    if not grades:
        report.error("grades_none", sheet=sheet.name)
    elif grades[-1].threshold != 0:
        report.error("lowest_threshold_not_zero", sheet=sheet.name, cell=last_cell, value=grades[-1].threshold)
    if len(report.errors) > errors_before:
        return None
    return GradeScale(tuple(grades))


# --- score sheets -------------------------------------------------------------------------


def _read_scores(sheet: Sheet, criteria: tuple[Criterion, ...], report: Report) -> pd.DataFrame | None:
    table = find_table(sheet, (texts.COL_POSITION, texts.COL_UNIT), report)
    if table is None:
        return None
    errors_before = len(report.errors)
    c_unit, c_total = table.col(texts.COL_UNIT), table.col(texts.COL_TOTAL)
    columns: dict[str, int] = {}
    for criterion in criteria:
        col = table.col(criterion.name)
        if col is None:
            # pointed at the first cell right of the header, where the column would go
            report.error("column_missing", sheet=sheet.name,
                         cell=cell_ref(table.header_row, max(table.columns.values()) + 1),
                         params={"column": criterion.name})
        else:
            columns[criterion.name] = col
    known = {texts.label_key(x) for x in (texts.COL_POSITION, texts.COL_UNIT, texts.COL_TOTAL)}
    known |= {texts.label_key(c.name) for c in criteria}
    for key, col in table.columns.items():
        if key not in known:
            report.warning("column_unknown", sheet=sheet.name, cell=cell_ref(table.header_row, col),
                           value=text_of(sheet.value(table.header_row, col)))

    units: list[str] = []
    first_row: dict[str, int] = {}
    start = table.header_row + 1
    for r in table.body():
        unit = text_of(sheet.value(r, c_unit))
        if not unit:
            break
        key = texts.label_key(unit)
        if key in first_row:
            report.error("unit_repeated", sheet=sheet.name, cell=cell_ref(r, c_unit), value=unit,
                         params={"first_cell": cell_ref(first_row[key], c_unit)})
        first_row.setdefault(key, r)
        units.append(unit)
    if not units:
        report.error("units_none", sheet=sheet.name, cell=cell_ref(start, c_unit))

    found_before = len(report.problems)
    scores = {c.name: _read_column(sheet, start, columns.get(c.name), c, units, report) for c in criteria}
    if c_total is not None:
        for i, row_scores in enumerate(zip(*scores.values())):
            if None not in row_scores:
                _check_total(sheet, start + i, c_total, units[i], sum(row_scores, Decimal(0)), report)
    # Read a column at a time, reported as a person reads the sheet: row by row.
    report.problems[found_before:] = sorted(report.problems[found_before:], key=lambda p: p.position())
    if len(report.errors) > errors_before:
        return None
    return pd.DataFrame(scores, index=pd.Index(units, name="unit"), dtype=object)


def _read_column(
    sheet: Sheet, start: int, col: int | None, criterion: Criterion, units: list[str], report: Report
) -> list[Decimal | None]:
    """One criterion's scores, one per unit. A column of plain numbers within bounds, the usual
    case, is checked in one sweep; any other goes cell by cell, to report each problem."""
    if col is None:
        return [None] * len(units)
    raws = [sheet.value(r, col) for r in range(start, start + len(units))]
    if all(type(raw) is float for raw in raws):
        scores = [_exact(raw) for raw in raws]
        if all(0 <= score <= criterion.maximum for score in scores):
            return scores
    return [_read_score(sheet, start + i, col, criterion, unit, report) for i, unit in enumerate(units)]


def _read_score(sheet: Sheet, r: int, col: int, criterion: Criterion, unit: str, report: Report) -> Decimal | None:
    raw = sheet.value(r, col)
    score, was_text = to_decimal(raw)
    if score is not None and not was_text and 0 <= score <= criterion.maximum:
        return score  # the usual case, checked before anything is built for a message
    where = {"sheet": sheet.name, "cell": cell_ref(r, col), "unit": unit, "criterion": criterion.name}
    if is_empty(raw):
        report.error("score_missing", **where)
        return None
    if score is None:
        report.error("score_not_number", value=text_of(raw), **where)
        return None
    if was_text:
        report.warning("score_text_number", value=raw, params={"number": texts.format_number(score)}, **where)
    if score < 0:
        report.error("score_negative", value=texts.format_number(score), **where)
        return None
    if score > criterion.maximum:
        report.error("score_above_maximum", value=texts.format_number(score),
                     params={"maximum": texts.format_number(criterion.maximum)}, **where)
        return None
    return score


def _check_total(sheet: Sheet, r: int, col: int, unit: str, expected: Decimal, report: Report) -> None:
    raw = sheet.value(r, col)
    if is_empty(raw):  # not given, or a formula the file holds no value for: recomputed anyway
        return
    where = {"sheet": sheet.name, "cell": cell_ref(r, col), "unit": unit, "criterion": texts.COL_TOTAL}
    total, _ = to_decimal(raw)
    if total is None:
        report.error("score_not_number", value=text_of(raw), **where)
    elif total != expected:
        report.error("total_mismatch", value=texts.format_number(total),
                     params={"expected": texts.format_number(expected)}, **where)

