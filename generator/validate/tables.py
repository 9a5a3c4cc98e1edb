"""A header row found in a sheet, and the rows under it: how every sheet of the contract is read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import texts
from ..cells import is_empty
from ..problems import Code, Report
from ..workbook import Sheet

HEADER_SEARCH_ROWS = 30  # title rows above a header are allowed, within reason


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
        Code.HEADER_MISSING,
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
