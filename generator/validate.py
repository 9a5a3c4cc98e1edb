"""Stage 2, validate: raw rows into a typed `Assessment`, and every problem into a `Report`.

Everything is checked before anything is written, and all problems are reported at once: a
problem never stops the checks, it only keeps the assessment from being built.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from . import texts
from .model import Assessment, Criterion, Grade, GradeScale, Group, IssueDate, NoticeInfo, TieRule
from .problems import Report
from .workbook import CellError, RawWorkbook, Sheet, UnreadableWorkbook, cell_ref

HEADER_SEARCH_ROWS = 30  # title rows above a header are allowed, within reason
TEXT_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
# "1.000" is one thousand in Vietnamese writing and one in English: never guessed.
THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")
TEXT_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
TEXT_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
# Cells computed by formulas carry binary noise (0.1 + 0.2 = 0.30000000000000004); scores are
# never meant to have more decimals than this.
FLOAT_DECIMALS = 9


def validate(raw: RawWorkbook) -> tuple[Assessment | None, Report]:
    report = Report(raw.source)
    sheets: dict[str, Sheet] = {}
    for name in texts.REQUIRED_SHEETS:
        sheet = _sheet(raw, name, report)
        if sheet is not None:
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
        sheet = _sheet(raw, name, report)
        if sheet is None:
            continue
        scores = _read_scores(sheet, group_criteria, report)
        if scores is not None:
            groups.append(Group(name, decl.title, group_criteria, scores))

    if not report.valid or info is None or scale is None:
        return None, report
    return Assessment(info=info, grades=scale, groups=tuple(groups)), report


def _sheet(raw: RawWorkbook, label: str, report: Report) -> Sheet | None:
    """The one sheet named `label`; two that match it once names are normalised (NFD and NFC, a
    trailing space, one of them hidden) are an error naming both, never a silent pick."""
    found = raw.matches(label)
    if not found:
        report.error("sheet_missing", params={"sheet_name": label})
        return None
    if len(found) > 1:
        names = ", ".join(f"'{n}'" + (texts.SHEET_HIDDEN_MARK if n in raw.hidden else "") for n in found)
        report.error("sheet_ambiguous", params={"sheet_name": label, "names": names})
        return None
    try:
        return raw.load(found[0])
    except UnreadableWorkbook as exc:
        report.error("sheet_unreadable", sheet=found[0], params={"reason": str(exc)})
        return None


# --- cell values --------------------------------------------------------------------------


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value: Any) -> str:
    """A cell as text: spaces collapsed within each line, the line breaks typed in it (Alt+Enter)
    kept. The reader has already made every text XML-safe and NFC."""
    if is_empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    lines = (" ".join(line.split()) for line in str(value).split("\n"))
    return "\n".join(line for line in lines if line)


def to_decimal(value: Any) -> tuple[Decimal | None, bool]:
    """A cell as an exact number, and whether it was text that merely looks like one."""
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return Decimal(value), False
    if isinstance(value, float):
        return (_exact(value), False) if math.isfinite(value) else (None, False)
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
    header_row: int  # the last header row: the notice's own layout has two
    columns: dict[str, int]  # label_key of each non-empty header cell -> column index

    def col(self, label: str) -> int | None:
        return self.columns.get(texts.label_key(label))

    def index(self, label: str) -> int:
        """A column `find_table` required, so there."""
        return self.columns[texts.label_key(label)]

    def body(self) -> range:
        return range(self.header_row + 1, len(self.sheet.rows))


def find_table(
    sheet: Sheet, required: tuple[str, ...], report: Report, second_row: frozenset[str] = frozenset()
) -> Table | None:
    """The first row holding every `required` label. Where the row under it holds any of
    `second_row` (the notice's own two-row header: "Trong đó" merged across, the criteria under
    it, TT and Đơn vị merged down), the two rows are read as one, the lower label winning."""
    keys = [texts.label_key(label) for label in required]
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        columns = _labels(row)
        if all(k in columns for k in keys):
            below = _labels(sheet.rows[r + 1]) if r + 1 < len(sheet.rows) else {}
            if below.keys() & second_row and not any(below.get(k) == columns[k] for k in keys):
                merged = {k: c for k, c in columns.items() if c not in below.values()}
                return Table(sheet, r + 1, merged | below)
            return Table(sheet, r, columns)
    report.error(
        "header_missing",
        sheet=sheet.name,
        params={"columns": ", ".join(f"'{label}'" for label in required)},
    )
    return None


def _labels(row: list[Any]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for c, value in enumerate(row):
        if not is_empty(value):
            columns.setdefault(texts.label_key(value), c)
    return columns


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
            report.error("info_repeated", sheet=sheet.name, cell=cell_ref(r, 0), label=texts.INFO_FIELD_LABELS[field])
        elif not is_empty(value):
            found[field] = value
            cells[field] = cell_ref(r, 1)
        else:
            empty.setdefault(field, cell_ref(r, 1))

    for field in texts.INFO_REQUIRED_FIELDS:
        label = texts.INFO_FIELD_LABELS[field]
        if field in empty and field not in found:
            if field not in texts.INFO_DRAFT_FIELDS:
                report.error("info_empty", sheet=sheet.name, cell=empty[field], label=label)
        elif field not in found and field not in empty:
            report.error("info_missing", sheet=sheet.name, label=label)

    def invalid(code: str, field: str, **params: Any) -> None:
        report.error(code, sheet=sheet.name, cell=cells[field], value=text_of(found[field]),
                     label=texts.INFO_FIELD_LABELS[field], params=params)

    values: dict[str, Any] = {}
    for field, value in found.items():
        if field in texts.INFO_LIST_FIELDS:
            values[field] = tuple(value)
        elif field == "year":
            values[field] = to_year(value)
            if values[field] is None:
                invalid("year_invalid", field)
        elif field == "tie_rule":
            rules = {texts.label_key(texts.TIE_KEEP_ORDER): TieRule.KEEP_ORDER,
                     texts.label_key(texts.TIE_SHARED): TieRule.SHARED}
            values[field] = rules.get(texts.label_key(value))
            if values[field] is None:
                invalid("tie_rule_invalid", field, keep=texts.TIE_KEEP_ORDER, shared=texts.TIE_SHARED)
        elif field != "date":
            values[field] = text_of(value)
    # Before the văn thư gives them, the number and the date may be empty: the notice is a draft.
    values.setdefault("number", "")
    values["date"] = to_issue_date(found.get("date"), values.get("year"))
    if values["date"] is None and "date" in found:
        invalid("date_invalid", "date")
    if not report.valid:
        return None
    return NoticeInfo(**values)


def to_issue_date(value: Any, year: int | None) -> IssueDate | None:
    """`Ngày ban hành`: a date, or in a draft month and year ("01/2015") or nothing at all (the
    year after the assessed one); None for anything else."""
    if is_empty(value):
        return IssueDate(year + 1) if year is not None else None
    date = to_date(value)
    if date is not None:
        return IssueDate(date.year, date.month, date.day)
    match = TEXT_MONTH.match(text_of(value))
    if match and 1 <= int(match.group(1)) <= 12:
        return IssueDate(int(match.group(2)), int(match.group(1)))
    return None


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
    c_name, c_title = table.index(texts.COL_GROUP), table.index(texts.COL_GROUP_TITLE)
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
    c_group, c_name = table.index(texts.COL_GROUP), table.index(texts.COL_CRITERION)
    c_max, c_own = table.index(texts.COL_MAXIMUM), table.col(texts.COL_OWN_RANKING)
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
    c_name, c_threshold = table.index(texts.COL_GRADE), table.index(texts.COL_THRESHOLD)
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
            report.error("column_missing", sheet=sheet.name,
                         cell=cell_ref(table.header_row, max(table.columns.values()) + 1),
                         params={"column": criterion.name})
        else:
            columns[criterion.name] = col
    known = labels | {texts.label_key(texts.COL_POSITION), texts.label_key(texts.COL_UNIT)}
    for key, col in table.columns.items():
        if key not in known:
            report.warning("column_unknown", sheet=sheet.name, cell=cell_ref(table.header_row, col),
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
    watched = [c_unit, *score_cols]
    filled = [r for r in table.body() if any(not is_empty(sheet.value(r, c)) for c in watched)]
    rows: list[int] = []
    units: list[str] = []
    first_row: dict[str, int] = {}
    blank_from = None
    for r in range(table.header_row + 1, (filled[-1] + 1) if filled else 0):
        unit = text_of(sheet.value(r, c_unit))
        if not unit and all(is_empty(sheet.value(r, c)) for c in score_cols):
            blank_from = r if blank_from is None else blank_from
            continue
        if blank_from is not None:
            _blank_rows(sheet, blank_from, r - 1, c_unit, report)
            blank_from = None
        if not unit:
            report.error("unit_missing", sheet=sheet.name, cell=cell_ref(r, c_unit))
            continue
        key = texts.label_key(unit)
        if key in first_row:
            report.error("unit_repeated", sheet=sheet.name, cell=cell_ref(r, c_unit), value=unit,
                         params={"first_cell": cell_ref(first_row[key], c_unit)})
        first_row.setdefault(key, r)
        if r in sheet.hidden_rows:
            report.warning("unit_row_hidden", sheet=sheet.name, cell=cell_ref(r, c_unit), unit=unit)
        rows.append(r)
        units.append(unit)
    if not units:
        report.error("units_none", sheet=sheet.name, cell=cell_ref(table.header_row + 1, c_unit))
    return rows, units


def _blank_rows(sheet: Sheet, first: int, last: int, c_unit: int, report: Report) -> None:
    rows = (texts.BLANK_ROW.format(first=first + 1) if first == last
            else texts.BLANK_ROWS.format(first=first + 1, last=last + 1))
    report.warning("rows_blank", sheet=sheet.name, cell=cell_ref(first, c_unit), params={"rows": rows})


def _read_column(
    sheet: Sheet, rows: list[int], col: int | None, criterion: Criterion, units: list[str], report: Report
) -> list[Decimal | None]:
    """One criterion's scores, one per unit. A column of plain numbers within bounds, the usual
    case, is checked in one sweep; any other goes cell by cell, to report each problem."""
    if col is None:
        return [None] * len(units)
    raws = [sheet.value(r, col) for r in rows]
    if all(type(raw) is float and math.isfinite(raw) for raw in raws):
        scores: list[Decimal | None] = [_exact(raw) for raw in raws]
        if all(score is not None and 0 <= score <= criterion.maximum for score in scores):
            return scores
    return [_read_score(sheet, r, col, criterion, unit, report) for r, unit in zip(rows, units)]


def _read_score(sheet: Sheet, r: int, col: int, criterion: Criterion, unit: str, report: Report) -> Decimal | None:
    raw = sheet.value(r, col)
    score, was_text = to_decimal(raw)
    if score is not None and not was_text and 0 <= score <= criterion.maximum:
        return score  # the usual case, checked before anything is built for a message
    where = {"sheet": sheet.name, "cell": cell_ref(r, col), "unit": unit, "criterion": criterion.name}
    kind = _not_a_score(raw)
    if kind is not None:
        code, shown = kind
        report.error(code, value=shown, **where)
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


def _not_a_score(raw: Any) -> tuple[str, str] | None:
    """The problem code and shown value for a cell that holds something other than a score."""
    if is_empty(raw):
        return "score_missing", ""
    if isinstance(raw, CellError):
        return "score_formula_error", raw.code
    if isinstance(raw, bool):
        return "score_boolean", "TRUE" if raw else "FALSE"
    if isinstance(raw, (datetime.date, datetime.time, datetime.timedelta)):
        shown = raw.strftime("%d/%m/%Y") if isinstance(raw, datetime.date) else str(raw)
        return "score_date", shown
    if isinstance(raw, float) and not math.isfinite(raw):
        return "score_not_finite", str(raw)
    if isinstance(raw, str) and THOUSANDS.match(raw.strip()):
        return "score_thousands", raw.strip()
    return None


def _check_total(sheet: Sheet, r: int, col: int, unit: str, expected: Decimal, report: Report) -> None:
    raw = sheet.value(r, col)
    if is_empty(raw):  # not given, or a formula the file holds no value for: recomputed anyway
        return
    where = {"sheet": sheet.name, "cell": cell_ref(r, col), "unit": unit, "criterion": texts.COL_TOTAL}
    if isinstance(raw, CellError):
        report.error("score_formula_error", value=raw.code, **where)
        return
    total, _ = to_decimal(raw)
    if total is None:
        report.error("score_not_number", value=text_of(raw), **where)
    elif total != expected:
        report.error("total_mismatch", value=texts.format_number(total),
                     params={"expected": texts.format_number(expected)}, **where)

