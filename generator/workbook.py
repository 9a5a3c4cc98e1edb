"""Stage 1, read: a workbook's bytes into plain rows of cell values. The only module that opens Excel.

python-calamine (Rust) reads .xlsx, .xlsm, .xls and .ods, a 10,000-row workbook several times
faster than openpyxl. It gives a formula cell's cached value, or "" where the file has none (a
workbook written by a program); validation treats that as "not given" and recomputes totals.

Everything read is made safe here, once: a text holds only characters XML can carry, no invisible
ones, NFC. An archive is checked before it is parsed (a 2.6 MB file may inflate to gigabytes), and
sheets are parsed only when asked for, so a sheet the contract does not use costs nothing.
"""

from __future__ import annotations

import functools
import html
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any

from . import ooxml, texts
from .errors import UnreadableWorkbook

ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .xlsm, .ods
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls files, and password-protected .xlsx

# An archive entry may inflate to at most this, and at most 200 times its packed size once past a
# mebibyte: a 10,000-unit score sheet is a few MB at ratios of 10 to 30, in a few dozen entries.
LIMITS = ooxml.Limits(entry=256 << 20, total=512 << 20, entries=10_000, what=texts.ARCHIVE_WORKBOOK)
# A sheet may span at most this many cells: a stray value typed at XFD1048576 would otherwise
# make its rows a grid of 17 billion empty cells.
MAX_CELLS = 10_000_000


@dataclass(frozen=True)
class CellError:
    """A cell holding a formula's error (#DIV/0!, #N/A…), which python-calamine reads as empty."""

    code: str

    def __str__(self) -> str:
        return self.code


# A merged range: its first and last cells, 0-based (row, col) each.
Merged = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)
class Sheet:
    name: str  # as in the file, cleaned like every text
    rows: list[list[Any]]  # rows[0][0] is cell A1; empty cells are ""
    hidden_rows: frozenset[int] = frozenset()  # 0-based rows hidden in Excel
    merged: tuple[Merged, ...] = ()  # merged ranges: only the first cell holds a value
    # (row, col) -> the formula of a cell computed in an .xlsx, as written there ("SUM(C4:D4)*0.4");
    # its value is the one the spreadsheet program last computed and stored
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    def value(self, row: int, col: int) -> Any:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""


@dataclass
class RawWorkbook:
    """A workbook's sheets by name, each parsed the first time it is asked for."""

    source: str  # file name shown to the user
    names: tuple[str, ...]  # cleaned sheet names, in the file's order
    hidden: frozenset[str] = frozenset()  # names of hidden sheets
    _book: Any = None  # python-calamine's workbook; None for one built from rows
    _parts: dict[str, str] = field(default_factory=dict)  # sheet name -> its XML part in an .xlsx
    _data: bytes = b""
    _loaded: dict[str, Sheet] = field(default_factory=dict)

    @classmethod
    def of(cls, source: str, sheets: dict[str, list[list[Any]]]) -> RawWorkbook:
        """A workbook from plain rows, cleaned as a file's would be (for tests and other front ends)."""
        loaded = {clean(name): Sheet(clean(name), [[clean(v) if type(v) is str else v for v in row] for row in rows])
                  for name, rows in sheets.items()}
        return cls(source, tuple(loaded), _loaded=loaded)

    def matches(self, label: str) -> list[str]:
        """Every sheet whose name matches `label` the way all labels match (texts.label_key)."""
        key = texts.label_key(label)
        return [name for name in self.names if texts.label_key(name) == key]

    def sheet(self, label: str) -> Sheet | None:
        """The first sheet matching `label`; validation reports a name that matches several."""
        found = self.matches(label)
        return self.load(found[0]) if found else None

    def load(self, name: str) -> Sheet:
        if name not in self._loaded:
            self._loaded[name] = self._parse(name)
        return self._loaded[name]

    @property
    def sheets(self) -> list[Sheet]:
        return [self.load(name) for name in self.names]

    def _parse(self, name: str) -> Sheet:
        from python_calamine import CalamineError

        try:
            sheet = self._book.get_sheet_by_name(self._original[name])
            last_row, last_col = sheet.end or (0, 0)  # rows are read from A1 on
            if (last_row + 1) * (last_col + 1) > MAX_CELLS:
                raise UnreadableWorkbook(texts.UNREADABLE_SHEET_TOO_BIG.format(
                    sheet=name, cell=cell_ref(last_row, last_col)))
            rows = [[clean(v) if type(v) is str and v else v for v in row]
                    for row in sheet.to_python(skip_empty_area=False)]
            merged = tuple(sheet.merged_cell_ranges or ())
        except (CalamineError, ValueError, OSError) as exc:
            raise UnreadableWorkbook(texts.UNREADABLE_CORRUPT.format(detail=exc)) from None
        except BaseException as exc:
            raise _unless_panic(exc) from None
        hidden: frozenset[int] = frozenset()
        formulas: dict[tuple[int, int], str] = {}
        part = self._parts.get(name)
        if part is not None:
            xml = _part_text(self._data, part)
            hidden = _hidden_rows(xml)
            _put_errors(rows, xml)
            formulas = _formulas(xml)
        return Sheet(name, rows, hidden, merged, formulas)

    @property
    def _original(self) -> dict[str, str]:
        return {clean(n): n for n in self._book.sheet_names}


def read_bytes(data: bytes, source: str, marks: bool = True) -> RawWorkbook:
    """The workbook in `data`; raises UnreadableWorkbook before parsing anything unsafe. With
    `marks`, a sheet of an .xlsx also says which rows are hidden and which cells hold a formula's
    error, read from its XML; a workbook xephang wrote itself has neither."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum

    magic = data[:4]
    if magic == ZIP_MAGIC:
        _check_archive(data)
    elif magic != OLE_MAGIC:
        raise UnreadableWorkbook(texts.UNREADABLE_NOT_WORKBOOK)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        hidden = frozenset(clean(m.name) for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible)
        names = tuple(clean(name) for name in book.sheet_names)
    except PasswordError:
        raise UnreadableWorkbook(texts.UNREADABLE_ENCRYPTED) from None
    except (CalamineError, ValueError, OSError) as exc:
        if magic == OLE_MAGIC:  # an encrypted .xlsx is an OLE file python-calamine cannot open
            raise UnreadableWorkbook(texts.UNREADABLE_ENCRYPTED) from None
        raise UnreadableWorkbook(texts.UNREADABLE_CORRUPT.format(detail=exc)) from None
    except BaseException as exc:
        raise _unless_panic(exc) from None
    parts = _sheet_parts(data) if magic == ZIP_MAGIC and marks else {}
    return RawWorkbook(source, names, hidden, book, {clean(k): v for k, v in parts.items()}, data)


def _unless_panic(exc: BaseException) -> BaseException:
    """python-calamine's Rust code may panic on a malformed file; pyo3 raises that as a
    BaseException (so `except Exception` misses it), which would end a whole folder's run."""
    if type(exc).__name__ == "PanicException":
        return UnreadableWorkbook(texts.UNREADABLE_CORRUPT.format(detail=exc))
    return exc


# --- the archive --------------------------------------------------------------------------


def _check_archive(data: bytes) -> None:
    """Refuses an archive whose entries inflate beyond reason (`ooxml.check_archive`)."""
    try:
        refused = ooxml.check_archive(data, LIMITS)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as exc:
        raise UnreadableWorkbook(texts.UNREADABLE_CORRUPT.format(detail=exc)) from None
    if refused is not None:
        raise UnreadableWorkbook(refused)


def _part_text(data: bytes, part: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(part).decode("utf-8", "replace")


SHEET_ENTRY = re.compile(r"<(?:\w+:)?sheet\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w:]+)="([^"]*)"')
RELATIONSHIP = re.compile(r"<(?:\w+:)?Relationship\b[^>]*>")


def _sheet_parts(data: bytes) -> dict[str, str]:
    """Each sheet's XML part in an .xlsx/.xlsm, by the sheet's name; empty for an .ods."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for tag in RELATIONSHIP.findall(rels):
        attrs = dict(ATTRIBUTE.findall(tag))
        target = attrs.get("Target", "")
        targets[attrs.get("Id")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    parts = {}
    for tag in SHEET_ENTRY.findall(book):
        attrs = dict(ATTRIBUTE.findall(tag))
        rid = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        if "name" in attrs and rid in targets:
            parts[html.unescape(attrs["name"])] = targets[rid]
    return parts


ROW_TAG = re.compile(r"<(?:\w+:)?row\b([^>]*)>")
ERROR_CELL = re.compile(r"<(?:\w+:)?c\b([^>]*\bt=\"e\"[^>]*)>(.*?)</(?:\w+:)?c>", re.DOTALL)
VALUE = re.compile(r"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
CELL_REF = re.compile(r"\br=\"([A-Z]+)(\d+)\"")


def _hidden_rows(xml: str) -> frozenset[int]:
    if "hidden=" not in xml:
        return frozenset()
    hidden = set()
    for attrs in ROW_TAG.findall(xml):
        values = dict(ATTRIBUTE.findall(attrs))
        if values.get("hidden") in ("1", "true") and values.get("r", "").isdigit():
            hidden.add(int(values["r"]) - 1)
    return frozenset(hidden)


def _put_errors(rows: list[list[Any]], xml: str) -> None:
    """Puts each error cell's code where python-calamine left it empty."""
    if 't="e"' not in xml:
        return
    for attrs, inner in ERROR_CELL.findall(xml):
        ref, value = CELL_REF.search(attrs), VALUE.search(inner)
        if ref is None:
            continue
        row, col = int(ref.group(2)) - 1, column_index(ref.group(1))
        while len(rows) <= row:
            rows.append([])
        cells = rows[row]
        cells.extend([""] * (col + 1 - len(cells)))
        cells[col] = CellError(value.group(1) if value else "#ERROR")


FORMULA_CELL = re.compile(
    r"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b([^>]*?)(?:/>|>([^<]*)</(?:\w+:)?f>)", re.DOTALL)
SHARED = re.compile(r'\bsi="(\d+)"')
# A reference in a formula: its column and row, each relative unless marked "$"; not a function's
# name that ends in digits (LOG10), nor part of a sheet's name.
REFERENCE = re.compile(r"(?<![A-Za-z_\d])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(])")


def _formulas(xml: str) -> dict[tuple[int, int], str]:
    """Each formula cell's formula. A shared formula (Excel writes one formula down a column once,
    in its first cell) is the first cell's, its relative references moved to the cell's row and
    column."""
    if "<f" not in xml and ":f" not in xml:
        return {}
    found: dict[tuple[int, int], str] = {}
    masters: dict[str, tuple[int, int, str]] = {}
    children: list[tuple[int, int, str]] = []
    for cell_attrs, formula_attrs, text in FORMULA_CELL.findall(xml):
        ref = CELL_REF.search(cell_attrs)
        if ref is None:
            continue
        row, col = int(ref.group(2)) - 1, column_index(ref.group(1))
        shared = SHARED.search(formula_attrs) if "shared" in formula_attrs else None
        if text:
            found[(row, col)] = html.unescape(text)
            if shared:
                masters[shared.group(1)] = (row, col, found[(row, col)])
        elif shared:
            children.append((row, col, shared.group(1)))
    for row, col, index in children:
        if index in masters:
            first_row, first_col, formula = masters[index]
            found[(row, col)] = _moved(formula, row - first_row, col - first_col)
    return found


def _moved(formula: str, rows: int, cols: int) -> str:
    """`formula` copied `rows` down and `cols` right: its relative references move with it."""

    def move(match: re.Match[str]) -> str:
        col_fixed, letters, row_fixed, number = match.groups()
        if not col_fixed:
            letters = cell_ref(0, column_index(letters) + cols)[:-1]
        if not row_fixed:
            number = str(int(number) + rows)
        return f"{col_fixed}{letters}{row_fixed}{number}"

    return REFERENCE.sub(move, formula)


def column_index(letters: str) -> int:
    """A column's letters to its 0-based index: "A" -> 0, "AA" -> 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


# --- texts --------------------------------------------------------------------------------


# Characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/U+FFFF) and the other
# non-characters, which Word refuses; then the invisible format characters (Unicode's category Cf:
# soft hyphen, zero-width space and joiners, direction marks, BOM…), which make two equal names
# differ. Listed rather than computed: scanning Unicode costs a third of a second at start-up.
UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}" for p in range(1, 17))
    + "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
# Every other kind of space (no-break, thin, ideographic…) and tabs become a plain space.
SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
DIRTY = re.compile(f"{UNSAFE.pattern}|{SPACES.pattern}|\r")


@functools.lru_cache(maxsize=1 << 16)  # a unit's name is read again in every table of a results workbook
def clean(text: str) -> str:
    """A text as everything downstream may hold it: XML-safe, no invisible characters, spaces
    plain, line breaks (Alt+Enter) as "\\n", NFC."""
    if text.isascii() and text.isprintable():
        return text
    if DIRTY.search(text):  # a name typed cleanly, the usual case, is only searched once
        text = SPACES.sub(" ", UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def cell_ref(row: int, col: int) -> str:
    """0-based (row, col) to an A1 reference: (9, 7) -> "H10"."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"
