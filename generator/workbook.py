"""Stage 1, read: an .xlsx file into plain rows of cell values. The only module that opens Excel.

python-calamine (Rust) reads a 10,000-row workbook several times faster than openpyxl. It gives a
formula cell's cached value, or "" where the file has none (a workbook written by a program);
validation treats that as "not given" and recomputes totals itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import texts

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # password-protected .xlsx and old .xls files


class UnreadableWorkbook(Exception):
    """The file is not a readable .xlsx workbook; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Sheet:
    name: str  # as in the file, NFC
    rows: list[list[Any]]  # rows[0][0] is cell A1; empty cells are ""

    def value(self, row: int, col: int) -> Any:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""


@dataclass(frozen=True)
class RawWorkbook:
    source: str  # file name shown to the user
    sheets: tuple[Sheet, ...]

    def sheet(self, label: str) -> Sheet | None:
        """The sheet whose name matches `label` the way all labels match (texts.label_key)."""
        key = texts.label_key(label)
        return next((s for s in self.sheets if texts.label_key(s.name) == key), None)


def read_workbook(path: Path) -> RawWorkbook:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with open(path, "rb") as f:
            magic = f.read(4)
    except OSError:
        raise UnreadableWorkbook(texts.UNREADABLE_MISSING) from None
    if magic == OLE_MAGIC:
        raise UnreadableWorkbook(texts.UNREADABLE_ENCRYPTED)
    if magic != ZIP_MAGIC:
        raise UnreadableWorkbook(texts.UNREADABLE_NOT_XLSX)
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = tuple(
            Sheet(texts.nfc(name), book.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in book.sheet_names
        )
    except (CalamineError, ValueError, OSError) as exc:
        raise UnreadableWorkbook(texts.UNREADABLE_CORRUPT.format(detail=exc)) from None
    return RawWorkbook(source=path.name, sheets=sheets)


def cell_ref(row: int, col: int) -> str:
    """0-based (row, col) to an A1 reference: (9, 7) -> "H10"."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"
