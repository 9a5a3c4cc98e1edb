"""Validation problems as values: a typed record per problem, collected into a report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from . import texts

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in a workbook, and exactly where."""

    code: str  # key of `texts.MESSAGES`
    severity: Severity
    sheet: str | None = None
    cell: str | None = None  # A1 style
    value: Any = None  # the cell's content as found
    unit: str | None = None  # for scores: which unit and criterion, in words
    criterion: str | None = None
    label: str | None = None  # for `Thông tin`: the label of the field ("Ngày ban hành")
    params: dict[str, Any] = field(default_factory=dict)

    def message(self) -> str:
        """The Vietnamese message, e.g. "Sheet 'X', ô H10 (Sở Y tế – ATTT): 95 vượt điểm tối đa 80"."""
        text = texts.MESSAGES[self.code].format(value=_shown(self.value), **self.params)
        where = self.where()
        return f"{where}: {text}" if where else text[:1].upper() + text[1:]

    def position(self) -> tuple[int, int]:
        """(row, column) of the cell, for ordering; (0, 0) for a problem with no cell."""
        if self.cell is None:
            return 0, 0
        letters = self.cell.rstrip("0123456789")
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        return int(self.cell[len(letters):]), column

    def where(self) -> str:
        """ "Sheet 'Sở', ô H10 (Sở Y tế – ATTT)"; for `Thông tin`, "Sheet 'Thông tin', mục 'Ngày ban hành' (ô B6)"."""
        parts = [f"Sheet '{self.sheet}'"] if self.sheet is not None else []
        cell = f"ô {self.cell}" if self.cell is not None else None
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

    def add(self, code: str, severity: Severity = "error", **where: Any) -> None:
        self.problems.append(Problem(code, severity, **where))

    def error(self, code: str, **where: Any) -> None:
        self.add(code, "error", **where)

    def warning(self, code: str, **where: Any) -> None:
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

    def flatten(self, keys: list[str]) -> list[list[Any]]:
        """Compact view for tests: `report.flatten(["sheet", "cell", "code"])`."""
        return [[getattr(p, k) for k in keys] for p in self.problems]

    def lines(self) -> list[str]:
        return [f"{texts.SEVERITY_WORD[p.severity]}: {p.message()}" for p in self.problems]
