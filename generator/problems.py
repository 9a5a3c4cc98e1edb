"""Validation problems as values: a typed record per problem, collected into a report."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from . import texts
from .workbook import cell_ref

Severity = Literal["error", "warning"]


class Code(StrEnum):
    """Every kind of problem, with the parameters its message needs besides `{value}`.

    A member's value is its key in `texts.MESSAGES`, which holds the message (every Vietnamese
    text lives in `texts`), and what tests and the CLI compare a problem's code with: a StrEnum, so
    `Code.SCORE_MISSING == "score_missing"`. Declared `params` are checked when a problem is made,
    so a call site that forgets one fails there, not when the message is printed.
    """

    params: frozenset[str]

    def __new__(cls, value: str, *params: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.params = frozenset(params)
        return member

    @property
    def template(self) -> str:
        return texts.MESSAGES[self.value]

    # the file itself
    FILE_UNREADABLE = "file_unreadable", "reason"
    SHEET_MISSING = "sheet_missing", "sheet_name"
    SHEET_AMBIGUOUS = "sheet_ambiguous", "sheet_name", "names"
    SHEET_UNREADABLE = "sheet_unreadable", "reason"
    HEADER_MISSING = "header_missing", "columns"
    COLUMN_MISSING = "column_missing", "column"
    # Thông tin
    INFO_MISSING = "info_missing"
    INFO_EMPTY = "info_empty"
    INFO_UNKNOWN = "info_unknown"
    INFO_REPEATED = "info_repeated"
    DATE_INVALID = "date_invalid"
    NUMBER_PADDED = "number_padded", "number"
    ELECTRONIC_NUMBER_BLANK = "electronic_number_blank", "form", "symbol"
    ELECTRONIC_DAY_BLANK = "electronic_day_blank", "form"
    YEAR_INVALID = "year_invalid"
    CHOICE_INVALID = "choice_invalid", "choices"
    DECIMALS_INVALID = "decimals_invalid", "most"
    LAST_RESULTS_MISSING = "last_results_missing", "path"
    LAST_RESULTS_INVALID = "last_results_invalid", "path", "reason"
    LAST_RESULTS_REPEATED = "last_results_repeated", "path", "table", "unit"
    LAST_UNITS_NOT_FOUND = "last_units_not_found", "count", "group", "units"
    PREVIOUS_NAME_UNKNOWN = "previous_name_unknown", "group"
    LAST_UNIT_CLAIMED = "last_unit_claimed", "last", "others"
    MERGED_WITHOUT_RESULTS = "merged_without_results"
    # Khối, Tiêu chí
    GROUP_EMPTY_NAME = "group_empty_name"
    GROUP_REPEATED = "group_repeated"
    GROUP_MISSING_TITLE = "group_missing_title", "group"
    GROUPS_NONE = "groups_none"
    GROUP_NO_CRITERIA = "group_no_criteria", "group"
    CRITERION_GROUP_UNKNOWN = "criterion_group_unknown"
    CRITERION_EMPTY_NAME = "criterion_empty_name"
    CRITERION_REPEATED = "criterion_repeated", "group"
    CRITERION_NAME_RESERVED = "criterion_name_reserved", "columns"
    MAXIMUM_INVALID = "maximum_invalid"
    CODE_INVALID = "code_invalid"
    CODE_MISSING = "code_missing", "group"
    CODE_REPEATED = "code_repeated", "group", "first_cell", "first"
    CODE_PARENT_MISSING = "code_parent_missing", "group", "parent"
    PARENT_MAXIMUM_MISMATCH = "parent_maximum_mismatch", "expected"
    EXTRA_INVALID = "extra_invalid", "choices"
    EXTRA_PARENT = "extra_parent"
    EXTRA_OWN_RANKING = "extra_own_ranking"
    WEIGHT_INVALID = "weight_invalid"
    # Xếp loại
    GRADE_EMPTY_NAME = "grade_empty_name"
    THRESHOLD_INVALID = "threshold_invalid"
    THRESHOLDS_NOT_DESCENDING = "thresholds_not_descending", "previous"
    LOWEST_THRESHOLD_NOT_ZERO = "lowest_threshold_not_zero"
    # score sheets
    UNITS_NONE = "units_none"
    ROWS_BLANK = "rows_blank", "rows"
    UNIT_MISSING = "unit_missing"
    UNIT_ROW_HIDDEN = "unit_row_hidden"
    UNIT_REPEATED = "unit_repeated", "first_cell"
    SCORE_MISSING = "score_missing"
    SCORE_NOT_NUMBER = "score_not_number"
    SCORE_LOOKS_NOT_APPLICABLE = "score_looks_not_applicable"
    SCORE_THOUSANDS = "score_thousands"
    SCORE_FORMULA_ERROR = "score_formula_error"
    SCORE_BOOLEAN = "score_boolean"
    SCORE_DATE = "score_date"
    SCORE_NOT_FINITE = "score_not_finite"
    SCORE_TEXT_NUMBER = "score_text_number", "number"
    SCORE_NEGATIVE = "score_negative"
    SCORE_ABOVE_MAXIMUM = "score_above_maximum", "maximum"
    TOTAL_MISMATCH = "total_mismatch", "expected"
    COLUMN_UNKNOWN = "column_unknown"
    COLUMN_CODE_UNKNOWN = "column_code_unknown", "code"
    NOT_APPLICABLE_NEEDS_RATIO = "not_applicable_needs_ratio"
    DISPLAY_NEEDS_RATIO = "display_needs_ratio"
    UNIT_NOTHING_APPLIES = "unit_nothing_applies"
    PARENT_SCORE_MISMATCH = "parent_score_mismatch", "expected"
    PREVIOUS_RANK_INVALID = "previous_rank_invalid"
    CELLS_MERGED = "cells_merged", "columns"
    SUM_FORMULA_UNSEEN = "sum_formula_unseen", "expected", "causes"
    RANKING_EMPTY = "ranking_empty", "title", "group", "why"
    # self-assessed scores, remarks
    UNIT_UNKNOWN = "unit_unknown", "group"
    SELF_SHEET_UNKNOWN = "self_sheet_unknown", "groups"
    REMARK_GROUP_UNKNOWN = "remark_group_unknown"
    REMARK_CRITERION_UNKNOWN = "remark_criterion_unknown", "group"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in a workbook, and exactly where."""

    code: Code
    severity: Severity
    sheet: str | None = None
    # The cell, 0-based as the rows are read; turned into "H10" only to be shown (`cell`).
    row: int | None = None
    col: int | None = None
    to: tuple[int, int] | None = None  # for a range of cells (merged ones): its last cell
    value: Any = None  # the cell's content as found
    unit: str | None = None  # for scores: which unit and criterion, in words
    criterion: str | None = None
    label: str | None = None  # for `Thông tin`: the label of the field ("Ngày ban hành")
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.params.keys() != self.code.params:
            raise TypeError(f"{self.code.name} takes params {sorted(self.code.params)}, given {sorted(self.params)}")

    @property
    def cell(self) -> str | None:
        """The cell in A1 style, as the user sees it ("H10", a range "F13:G13"); None for a problem
        with no cell."""
        if self.row is None or self.col is None:
            return None
        first = cell_ref(self.row, self.col)
        return first if self.to is None else f"{first}:{cell_ref(*self.to)}"

    def message(self) -> str:
        """The Vietnamese message, e.g. "Sheet 'X', ô H10 (Sở Y tế – ATTT): 95 vượt điểm tối đa 80"."""
        text = self.code.template.format(value=_shown(self.value), **self.params)
        where = self.where()
        return f"{where}: {text}" if where else text[:1].upper() + text[1:]

    def position(self) -> tuple[int, int]:
        """(row, column) of the cell counted from 1, as Excel and openpyxl number them; (0, 0) for
        a problem with no cell, so that it comes first in order."""
        if self.row is None or self.col is None:
            return 0, 0
        return self.row + 1, self.col + 1

    def where(self) -> str:
        """ "Sheet 'Sở', ô H10 (Sở Y tế – ATTT)"; for `Thông tin`, "Sheet 'Thông tin', mục 'Ngày ban hành' (ô B6)"."""
        parts = [f"Sheet '{self.sheet}'"] if self.sheet is not None else []
        ref = self.cell
        cell = f"ô {ref}" if ref is not None else None
        if self.label is not None:
            parts.append(f"mục '{self.label}'" + (f" ({cell})" if cell else ""))
        elif cell:
            parts.append(cell)
        place = ", ".join(parts)
        about = " – ".join(x for x in (self.unit, self.criterion) if x)
        return f"{place} ({about})" if about else place


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


@dataclass
class Report:
    """All problems found in one workbook: errors stop its notice, warnings don't."""

    source: str  # the workbook's file name, as the user knows it
    problems: list[Problem] = field(default_factory=list)

    def add(self, code: Code, severity: Severity = "error", **where: Any) -> None:
        self.problems.append(Problem(code, severity, **where))

    def error(self, code: Code, **where: Any) -> None:
        self.add(code, "error", **where)

    def warning(self, code: Code, **where: Any) -> None:
        self.add(code, "warning", **where)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def unreadable(self) -> bool:
        """The file is no workbook at all: its one problem says so, and there are no cells to fix."""
        return any(p.code is Code.FILE_UNREADABLE for p in self.problems)

    def flatten(self, keys: list[str]) -> list[list[Any]]:
        """Compact view for tests: `report.flatten(["sheet", "cell", "code"])`."""
        return [[getattr(p, k) for k in keys] for p in self.problems]

    def lines(self) -> list[str]:
        return [f"{texts.SEVERITY_WORD[p.severity]}: {p.message()}" for p in self.problems]
