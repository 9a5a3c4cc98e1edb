"""Office Open XML packages built in memory: the zip both .docx and .xlsx are, a plain .xlsx, and
the cells of sheets written directly.

The results workbook is a few plain tables, written here directly: importing openpyxl alone
costs about 0.2 s, a third of a whole run on a provincial workbook (see `make bench`).
"""

from __future__ import annotations

import html
import io
import numbers
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import texts

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same content gives byte-identical files
# zlib's fastest level: table XML is repetitive, so files grow little, and deflating a
# national-size notice at the default level took 0.4 s.
COMPRESSION = 1

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
HEADER_ROWS = 3  # the results sheets' title, table name and column headers: bold, frozen in view
# Column widths in characters: the longest text plus a margin, but no wider than a long unit name,
# so that one very long text does not push the table's other columns off the screen.
WIDTH_MARGIN, MAX_WIDTH = 2, 60
# The header rows stay in view while scrolling.
FROZEN = (f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{HEADER_ROWS}" topLeftCell="A{HEADER_ROWS + 1}" '
          'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>')

STYLES = (
    f'{HEAD}<styleSheet xmlns="{MAIN}"><fonts count="2"><font><sz val="12"/><name val="Times New Roman"/></font>'
    '<font><b/><sz val="12"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill>'
    '<patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


@dataclass(frozen=True)
class Limits:
    """How far an archive may inflate: each entry and all of them (bytes), how many times its packed
    size an entry past a mebibyte may be, and how many entries there may be. `what` names the kind
    of file in messages ("bảng điểm", "mẫu Word")."""

    entry: int
    total: int
    entries: int
    what: str
    ratio: int = 200


def check_archive(data: bytes, limits: Limits) -> str | None:
    """Why the zip `data` may not be opened, in Vietnamese, or None: checked by its declared sizes
    first, then by inflating each entry up to what it declared (zipfile stops there and checks the
    CRC, so a declared size that lies is caught too), a mebibyte at a time. Raises
    zipfile.BadZipFile (and the other errors of a damaged zip) for no zip at all."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        if len(entries) > limits.entries:
            return texts.UNREADABLE_ENTRIES.format(count=len(entries), what=limits.what)
        for entry in entries:
            ratio = entry.file_size / max(entry.compress_size, 1)
            if entry.file_size > limits.entry or (entry.file_size > 1 << 20 and ratio > limits.ratio):
                return texts.UNREADABLE_BOMB.format(part=entry.filename, size=entry.file_size >> 20, ratio=int(ratio),
                                                    what=limits.what)
        total = sum(e.file_size for e in entries)
        if total > limits.total:
            return texts.UNREADABLE_BOMB_TOTAL.format(size=total >> 20, what=limits.what)
        for entry in entries:
            with archive.open(entry) as stream:
                while stream.read(1 << 20):
                    pass
    return None


def pack(entries: Iterable[tuple[str, bytes]], compressed: bool = True) -> bytes:
    """A zip of `entries` (name, data), in that order, with fixed timestamps; stored as they are,
    not `compressed`, for a zip that another zip compresses (a chart's workbook in a .docx) or
    entries that are zips already (each unit's .docx)."""
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method, compresslevel=COMPRESSION) as target:
        for name, data in entries:
            target.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, method, COMPRESSION)
    return out.getvalue()


def repack(package: bytes, edits: Mapping[str, Callable[[str], str]]) -> bytes:
    """The zip `package` again, each XML part named in `edits` replaced by that edit of its text,
    with fixed timestamps on every entry (`pack`)."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        return pack((info.filename, edits[info.filename](source.read(info).decode("utf-8")).encode("utf-8")
                     if info.filename in edits else source.read(info)) for info in source.infolist())


def cell(value: Any, style: int = 0) -> str:
    """One `<c>` of a row written without cell references: text always as text (an inline
    string, so "=…" is never a formula), numbers as numbers, None empty."""
    return _cell(value, f' s="{style}"' if style else "")


def xlsx(sheets: list[tuple[str, list[list[Any]]]], compressed: bool = True) -> bytes:
    """A workbook of plain `sheets` (name, rows): numbers as numbers, anything else as text; its
    parts stored as they are, not `compressed`, where another zip holds it (`pack`)."""
    names = [name for name, _ in sheets]
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CONTENT}.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    sheet_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1)
    )
    sheet_list = "".join(
        f'<sheet name="{html.escape(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, 1)
    )
    entries = [
        ("[Content_Types].xml",
         f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         f'<Override PartName="/xl/workbook.xml" ContentType="{CONTENT}.sheet.main+xml"/>'
         f'<Override PartName="/xl/styles.xml" ContentType="{CONTENT}.styles+xml"/>{overrides}</Types>'),
        ("_rels/.rels",
         f'{HEAD}<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
         f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml",
         f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>{sheet_list}</sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         f'{HEAD}<Relationships xmlns="{RELS}">{sheet_rels}<Relationship Id="rId{len(names) + 1}" '
         f'Type="{DOC_RELS}/styles" Target="styles.xml"/></Relationships>'),
        ("xl/styles.xml", STYLES),
    ]
    entries += [(f"xl/worksheets/sheet{i}.xml", _worksheet(rows)) for i, (_, rows) in enumerate(sheets, 1)]
    return pack(((name, text.encode("utf-8")) for name, text in entries), compressed)


def _worksheet(rows: list[list[Any]]) -> str:
    """Rows of cells in order, without cell references (allowed when no cell is skipped):
    converted a column at a time, since a national notice's results hold 400,000 cells."""
    width = max((len(row) for row in rows), default=0)
    full = [list(row) + [None] * (width - len(row)) for row in rows]
    head = ["".join(_cell(v, ' s="1"') for v in row) for row in full[:HEADER_ROWS]]
    columns = [column(values) for values in zip(*full[HEADER_ROWS:])]
    body = ["".join(cells) for cells in zip(*columns)] if columns else []
    lines = "".join(f"<row>{cells}</row>" for cells in head + body)
    widths = [min(MAX_WIDTH, _longest(values) + WIDTH_MARGIN) for values in zip(*full)]
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
    cols = f"<cols>{cols}</cols>" if cols else ""
    return f'{HEAD}<worksheet xmlns="{MAIN}">{FROZEN}{cols}<sheetData>{lines}</sheetData></worksheet>'


def _longest(values: tuple[Any, ...]) -> int:
    """About how many characters the column's widest cell shows."""
    return max((len(str(v)) for v in set(values) if v is not None), default=0)  # scores repeat: each once


def column(values: Sequence[Any], style: int = 0) -> list[str]:
    """A column's cells, as `cell` writes them; a column of one kind (the usual case), gaps
    allowed, is converted in one sweep."""
    s = f' s="{style}"' if style else ""
    kinds = set(map(type, values))
    if kinds <= {str, type(None)}:
        return [f'<c{s} t="inlineStr"><is><t xml:space="preserve">{_escaped(v)}</t></is></c>' if v is not None
                else f"<c{s}/>" for v in values]
    if kinds <= {int, float, Decimal, type(None)}:  # str(Decimal) is always a valid Excel number, "1E+2" too
        return [f"<c{s}><v>{v}</v></c>" if v is not None else f"<c{s}/>" for v in values]
    return [_cell(v, s) for v in values]


def _cell(value: Any, style: str) -> str:
    kind = type(value)
    if kind is str:
        return f'<c{style} t="inlineStr"><is><t xml:space="preserve">{_escaped(value)}</t></is></c>'
    if kind is Decimal:
        return f"<c{style}><v>{format(value.normalize(), 'f')}</v></c>"
    if value is None:
        return f"<c{style}/>"
    if isinstance(value, numbers.Real) and kind is not bool:  # numpy's integers too
        return f"<c{style}><v>{value}</v></c>"
    return _cell(str(value), style)


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML: Excel would refuse the file


def _escaped(text: str) -> str:
    if not text.isprintable():  # rare, and the test is quicker than the substitution
        text = CONTROL.sub("", text)
    return html.escape(text, quote=False)
