"""The document's tables (`document`) drawn as WordprocessingML, for `notice` to splice into the
filled template: part A's rankings, part B's details (shared out among several tables when its
criteria need more room than a page), every column sized to its texts in the template's 12 pt
Times New Roman.

Built as XML directly, from row templates filled a column at a time: linear in the number of rows,
where a docxtpl row loop is not.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace

from . import document, layout, sheets

# Part A tables use the "Bảng - …" styles, part B the "Bảng chi tiết - …" ones (12 pt).
RANKING_STYLES = ("XHTableHeader", "XHTableNumber", "XHTableText")
DETAIL_STYLES = ("XHDetailHeader", "XHDetailNumber", "XHDetailText")
# Part A's columns as drawn for the template's 16.5 cm between its margins (twips), by the column
# they print; the unit column takes the rest, and between other margins each column keeps its share.
# Each width is for a table of up to 4 columns, of 5, of more: the more columns, the less room each
# (a 2014 notice's tables have 4 columns, or 5 with `Đồng hạng`).
RANKING_WIDTH = 9355
RANKING_WIDTHS = {
    "position": (750, 750, 600),
    "score": (1700, 1500, 1150),  # the value as points,
    "ratio": (1700, 1500, 1150),  # or as a percent or an index
    "converted": (1700, 1500, 1150),  # or scaled to the nominal maximum
    "grade": (2000, 1750, 1300),
    "rank": (1200, 1200, 950),
    "previous": (1400, 1400, 1250),  # "Xếp hạng / năm trước" on two lines
    "change": (1400, 1400, 1400),  # "Giữ nguyên" on one line
}
# LibreOffice slows badly on one huge table (10,000 rows: ~150 s to PDF; as tables of 1,000: ~17 s),
# so a longer table is cut into tables of this many rows, each with its header rows, joined by
# an all but invisible paragraph. Smaller pieces convert a little faster (40,000 rows: 115 s in
# pieces of 1,000, 80 s in pieces of 200) but repeat the header row mid-page more often.
CHUNK_ROWS = 1000
CHUNK_JOIN = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>'
# A group's criteria that do not fit across one detail table go into several tables, an empty
# body line apart: each a table of its own, with all its header rows.
TABLE_GAP = '<w:p><w:pPr><w:pStyle w:val="XHBody"/></w:pPr></w:p>'
# Control characters typed into a cell (Excel keeps them) would be invalid XML, or docxtpl would
# make them tabs, paragraphs (\a) or page breaks (\f): they print as spaces. A line break ("\n",
# Alt+Enter in the cell) stays a line break.
CONTROLS = {chr(c): " " for c in range(32) if c != 10}
# Texts for the tables built here, whose runs carry no xml:space="preserve" (see `_cell`).
_CELL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "</w:t><w:br/><w:t>", **CONTROLS})


# --- tables -------------------------------------------------------------------------------

def ranking_table(table: document.RankingTable, width: int) -> str:
    """Part A's table of a ranking, `width` wide (twips): the unit's column takes what the others,
    sized by how many there are, leave."""
    header, number, text = RANKING_STYLES
    columns = table.columns
    at = next(i for i, c in enumerate(columns) if c.of == layout.UNIT)
    size = min(max(len(columns) - 4, 0), 2)  # RANKING_WIDTHS' first, second or third width
    drawn = [0 if i == at else RANKING_WIDTHS[c.of.key][size] for i, c in enumerate(columns)]
    drawn[at] = RANKING_WIDTH - sum(drawn)
    widths = _unit_on_one_line(_scaled(drawn, width, at), columns, at)
    cells = [_escaped(c) for c in columns]
    styles = [text if c.left else number for c in columns]
    return _tables(widths, _head(table.head, widths, header), _body(cells, styles, widths))


# `Bảng tổng hợp`'s columns, for the same 16.5 cm (twips): narrower than the text, centred under it.
SUMMARY_WIDTHS = {"grade": 3000, "units": 2000, "share": 2000}


def summary_table(table: document.SummaryTable, width: int) -> str:
    """Part A's table of a group's units by grade, in proportion to `width` as part A's tables are.
    A few rows, kept whole on one page, but not with what follows: its last row keeps with nothing
    (a ranking's last rows keep with the next, which would take this table's last rows to part B's
    page)."""
    header, number, _ = RANKING_STYLES
    widths = [SUMMARY_WIDTHS[c.of.key] * width // RANKING_WIDTH for c in table.columns]
    rows = list(zip(*(c.cells for c in table.columns)))
    body = [_row([_cell(text, number, w, keep=n < len(rows) - 1) for text, w in zip(row, widths)])
            for n, row in enumerate(rows)]
    return _tables(widths, _head(table.head, widths, header), body)


def _unit_on_one_line(widths: list[int], columns: tuple[document.Column, ...], unit: int) -> list[int]:
    """`widths` with the unit's column wide enough for its longest name on one line, as far as the
    other columns can give room down to their least: their header on RANKING_HEADER_LINES lines and
    their widest cell, each in proportion to what it can give. Names shorter than their column give
    its room beyond them to the columns narrower than their least instead, in proportion to what
    each lacks."""
    needed = max((_room(text_width(line, points=RANKING_POINTS)) for name in set(columns[unit].cells)
                  for line in name.split("\n")), default=0)
    least = [_room(max([_wrapped(c.head, RANKING_HEADER_LINES, RANKING_POINTS)]
                       + [text_width(v, points=RANKING_POINTS) for v in set(c.cells)])) for c in columns]
    others = [i for i in range(len(widths)) if i != unit]
    if needed > widths[unit]:  # the others give, the unit takes
        shares, room = {i: max(0, widths[i] - least[i]) for i in others}, needed - widths[unit]
    else:  # the unit gives, the others take
        shares, room = {i: max(0, least[i] - widths[i]) for i in others}, widths[unit] - needed
    moved = min(room, sum(shares.values()))
    if moved <= 0:
        return widths
    sign = 1 if needed > widths[unit] else -1
    given = {i: sign * (share * moved // sum(shares.values())) for i, share in shares.items()}
    given[unit] = -sum(given.values())
    return [w - given[i] for i, w in enumerate(widths)]


def _scaled(widths: list[int], width: int, unit: int) -> list[int]:
    """`widths` in proportion, summing to `width`: the unit column takes what rounding leaves."""
    scaled = [w * width // sum(widths) for w in widths]
    scaled[unit] += width - sum(scaled)
    return scaled


def detail_tables(details: document.DetailsTable, width: int) -> str:
    """Part B for one group: every unit's scores, in one table, or in several when its criteria need
    more room than `width`: each table repeats the columns before and after the criteria (TT, unit,
    total… rank) with its share of them. At level 2 a top-level criterion's columns, its own and its
    children's, are never parted."""
    before = [_column(c) for c in details.before]
    after = [_column(c) for c in details.after]
    at = next(i for i, c in enumerate(details.before) if c.of == layout.UNIT)
    unit = before[at]
    kept = sum(c.least for c in before + after if c is not unit) + min(unit.one_line, width * UNIT_KEPT // 100)
    # As few tables as the criteria need headed by their codes (as any too tall a header will be);
    # the runs of coded blocks are the same runs of the blocks as named.
    runs = _balanced(_coded(details).blocks, width - kept)
    ends = list(itertools.accumulate(len(run) for run in runs))
    parts = [list(details.blocks[end - len(run):end]) for run, end in zip(runs, ends)]
    # Shared out among tables, the criteria need the room the unit's names might take on one line.
    share = UNIT_SHARE if len(parts) == 1 else UNIT_KEPT
    return TABLE_GAP.join(_detail_table(details.part(part), before, after, at, width, share) for part in parts)


def _column(c: document.Column) -> _Column:
    """Part B's column `c` as the notice sizes it: a criterion at least CRITERION_WIDTH, the note
    NOTE_WIDTH and up to NOTE_SHARE of the table to print on one line."""
    floor, share = (NOTE_WIDTH, NOTE_SHARE) if c.of == layout.NOTE else (CRITERION_WIDTH if c.of.criterion else 0, 0)
    return _Column(c.head, c.cells, _escaped(c), DETAIL_STYLES[2] if c.left else DETAIL_STYLES[1], floor, share)


def _escaped(c: document.Column) -> list[str]:
    """A column's cells as XML: only texts from the workbook need escaping, and figures over two
    lines (a unit's own score under the council's) their line break."""
    return [_escape(text) for text in c.cells] if c.text or any("\n" in text for text in c.cells) else c.cells


@dataclass
class _Column:
    """A column of part B: its header, its cells' texts (as printed, and as XML) and their style,
    and the room it needs."""

    head: str
    values: list[str]
    cells: list[str]
    style: str
    floor: int = 0  # never narrower than this (twips)
    share: int = 0  # may widen to this share (%) of the table to print its cells on one line

    @functools.cached_property
    def texts(self) -> dict[str, int]:
        """Each distinct line of its cells, and the room it needs on one line."""
        return {line: _room(text_width(line)) for value in set(self.values) for line in value.split("\n")}

    @functools.cached_property
    def lines(self) -> list[int]:
        """The room each distinct line of its cells needs on one line, narrowest first."""
        return sorted(set(self.texts.values()))

    @functools.cached_property
    def least(self) -> int:
        """Room for its longest word, bold in the header, and its widest number; at least `floor`."""
        head = max((text_width(w, bold=True) for w in _words(self.head)), default=0)
        cells = max((text_width(w) for v in set(self.values) for w in _words(v)), default=0)
        return max(self.floor, _room(max(head, cells)))

    @functools.cached_property
    def one_line(self) -> int:
        """Room for every cell on one line."""
        return max(self.least, *self.lines)

    def fitting(self, width: int) -> int:
        """The room of its widest cell line that fits in `width`, no twips that no line uses; but
        as far as `width` goes, room for the longer ones to take two lines, not many more."""
        fits = max([self.least, *(w for w in self.lines if w <= width)])
        two = max((_room(_wrapped(line, 2, bold=False)) for line, room in self.texts.items() if room > width), default=0)
        return max(fits, min(two, width))

    def shared(self, width: int) -> int:
        """Its room in a table `width` wide, if there is enough: its cells on one line as far as its
        share goes, and at least its longest word."""
        return max(self.least, min(self.one_line, width * self.share // 100))

    def head_lines(self, width: int) -> int:
        """How many lines its header takes in a column this wide."""
        words = len(_words(self.head))
        return next((n for n in range(1, words) if _room(_wrapped(self.head, n)) <= width), max(1, words))


def _balanced(blocks: tuple[document.Block, ...], room: int) -> list[list[document.Block]]:
    """The blocks in as few consecutive runs as fit in `room` at their columns' least widths, the
    runs as even in number of columns as the blocks' bounds allow."""
    bounds = [0, *itertools.accumulate(len(b.columns) for b in blocks)]  # columns before each block
    least = [sum(_column(c).least for c in b.columns) for b in blocks]
    for tables in range(1, len(blocks)):
        size, extra = divmod(bounds[-1], tables)
        # Each even cut moved to the nearest bound between blocks (the earlier one when halfway).
        cuts = sorted({min(range(1, len(blocks)), key=lambda b: abs(bounds[b] - i * size - min(i, extra)))
                       for i in range(1, tables)})
        spans = list(zip([0, *cuts], [*cuts, len(blocks)]))
        if all(sum(least[a:b]) <= room for a, b in spans):
            return [list(blocks[a:b]) for a, b in spans]
    return [[b] for b in blocks]


def _detail_table(
    table: document.DetailsTable, before: list[_Column], after: list[_Column], unit: int, width: int, unit_share: int,
) -> str:
    """One table of part B (`table`, its columns before and after the criteria sized as `before`
    and `after`), `before[unit]` the unit's column, headed as `document.DetailsTable.head` says;
    when its header would be taller than HEADER_MOST lines, its criteria headed by their codes,
    their names in a key under it."""
    drawn = _sized(table, before, after, unit, width, unit_share)
    key = []
    if drawn.lines > HEADER_MOST:
        coded = _coded(table)
        if coded is not table:
            drawn = _sized(coded, before, after, unit, width, unit_share)
            key = [_key([c for c in table.criteria if _named(c)], drawn.widths)]
    return _tables(drawn.widths, _head(drawn.table.head, drawn.widths, DETAIL_STYLES[0]),
                   _body([c.cells for c in drawn.columns], [c.style for c in drawn.columns], drawn.widths) + key)


@dataclass
class _Sized:
    table: document.DetailsTable
    columns: list[_Column]
    widths: list[int]
    lines: int  # how many lines its header takes, every header row counted


def _sized(
    table: document.DetailsTable, before: list[_Column], after: list[_Column], unit: int, width: int, unit_share: int,
) -> _Sized:
    rows = len(table.head)
    # How many header rows each column's own header cell spans.
    tall = ([rows] * len(before) + [rows - 1 if len(b.columns) == 1 else 1 for b in table.blocks for _ in b.columns]
            + [rows] * len(after))
    columns = [*before, *(_column(c) for c in table.criteria), *after]
    spanned = range(len(before), len(before) + len(table.criteria))
    widths = _widths(columns, unit, spanned, tall, width, unit_share)
    lines = max(columns[i].head_lines(widths[i]) + rows - tall[i] for i in range(len(columns)) if i != unit)
    return _Sized(table, columns, widths, lines)


def _named(c: document.Column) -> bool:
    """A criterion headed by its code and name, which its code alone could head."""
    return bool(c.of.code) and c.head == c.of.printed


def _coded(table: document.DetailsTable) -> document.DetailsTable:
    """`table` with its criteria headed by their codes (the same table if none has one)."""
    if not any(_named(c) for c in table.criteria):
        return table
    return replace(table, blocks=tuple(
        replace(b, columns=tuple(replace(c, head=c.of.code) if _named(c) else c for c in b.columns))
        for b in table.blocks))


def _key(named: list[document.Column], widths: list[int]) -> str:
    """The key of a table headed by codes: each code and its criterion's name, in a last row
    across the table with no border but its top, which reads as a line under it and keeps with
    the rows above it as rows do (a paragraph between a table and the closing block would part
    them in LibreOffice)."""
    text = "; ".join(f"{c.of.code}: {c.of.key}" for c in named) + "."
    nil = "".join(f'<w:{edge} w:val="nil"/>' for edge in ("left", "bottom", "right"))
    return _row([f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths)}" w:type="dxa"/><w:gridSpan w:val="{len(widths)}"/>'
                 f'<w:tcBorders>{nil}</w:tcBorders></w:tcPr><w:p><w:pPr><w:pStyle w:val="{DETAIL_STYLES[2]}"/>'
                 f'{_KEEP}<w:spacing w:before="60"/><w:jc w:val="both"/></w:pPr>'
                 f'<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{_escape(text)}</w:t></w:r></w:p></w:tc>'])


def _head(head: list[list[document.Head]], widths: list[int], style: str) -> list[str]:
    """Header rows as WordprocessingML: a cell spanning columns is one cell of their widths; one
    spanning rows starts a vertical merge that each row below continues with an empty cell."""
    below: dict[int, tuple[int, int]] = {}  # column -> (rows still to continue, columns spanned)
    drawn = []
    for row in head:
        cells, given, col = [], iter(row), 0
        while col < len(widths):
            left, span = below.get(col, (0, 0))
            if left:
                cells.append(_cell("", style, sum(widths[col:col + span]), span=span, vmerge="continue"))
                below[col] = (left - 1, span)
            else:
                h = next(given)
                span = h.colspan
                cells.append(_cell(h.text, style, sum(widths[col:col + span]), span=span,
                                   vmerge="restart" if h.rowspan > 1 else None))
                below[col] = (h.rowspan - 1, span)
            col += span
        drawn.append(_row(cells, header=True))
    return drawn


def _widths(
    columns: list[_Column], unit: int, criteria: range, tall: list[int], width: int, unit_share: int
) -> list[int]:
    """Column widths summing to `width`. Each column first gets room for its longest word; then the
    unit column (`columns[unit]`) room for its names on one line, as many as fit in `unit_share`
    percent of the width; then the tallest headers one line less at a time, down to HEADER_LINES
    for each header row their cell spans (`tall`); then a column with a share (the note) up to it;
    what is left, the criteria alike."""
    widths = [c.least for c in columns]
    if sum(widths) >= width:  # a word too long for any table: every column shrinks alike
        widths = [w * width // sum(widths) for w in widths]
    else:
        widths[unit] = columns[unit].fitting(min(width - sum(widths) + widths[unit], width * unit_share // 100))
        # A header spanning more rows than a criterion's one has those rows' lines too.
        extra = [n - 1 for n in tall]
        headed = [i for i in range(len(columns)) if i != unit]  # the unit's header is the group's name
        while True:
            lines = {i: columns[i].head_lines(widths[i]) - extra[i] for i in headed}
            tallest = max(lines.values())
            if tallest <= HEADER_LINES:
                break
            wider = {i: _room(_wrapped(columns[i].head, tallest - 1 + extra[i])) for i in headed if lines[i] == tallest}
            if sum(w - widths[i] for i, w in wider.items()) > width - sum(widths):
                break
            for i, w in wider.items():
                widths[i] = w
        for i, c in enumerate(columns):
            if c.share:
                widths[i] = min(c.shared(width), width - sum(widths) + widths[i])
        spare = (width - sum(widths)) // len(criteria)
        for i in criteria:
            widths[i] += spare
    widths[unit] += width - sum(widths)
    return widths


# --- how wide a text prints -----------------------------------------------------------------

# Part B's columns are sized to their texts, 12 pt Times New Roman (LibreOffice's Liberation Serif
# has the same metrics). Advance widths of " " to "~", regular and bold, in thousandths of an em.
_REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
)
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667,
    611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722,
    722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556,
    278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
)
# Vietnamese letters print as wide as their base letter (ơ, ư a little wider: the horn); đ as d.
_HORN, _STROKED = "\u031b", str.maketrans("đĐ", "dD")
_HORN_WIDTH = 50
DETAIL_POINTS = 12
RANKING_POINTS = 13  # part A's tables
RANKING_HEADER_LINES = 2  # part A's headers give room to the unit's names down to this many lines
CELL_MARGINS = 2 * 57  # see `_table`
# A criterion's column is at least 1.2 cm, and its header takes at most this many lines when room allows.
CRITERION_WIDTH = 680
HEADER_LINES = 3
# A header taller than this, every header row counted, has its criteria headed by their codes.
HEADER_MOST = 4
# The unit column takes up to this share of the table for its names to fit on one line; when a
# group's criteria are shared out among tables, it keeps this smaller share of each.
UNIT_SHARE = 45
UNIT_KEPT = 25
# The note (why a unit is not ranked) is at least 2.4 cm, a few words a line, and when the headers
# leave room, takes up to this share of the table for its reasons on one line (or fewer lines).
NOTE_WIDTH = 1360
NOTE_SHARE = 30
# Word and LibreOffice may break a line after a slash ("Trang/Cổng"), as after a space.
_WORD = re.compile(r"[^\s/]*/|[^\s/]+")


@functools.lru_cache(maxsize=1 << 16)
def text_width(text: str, bold: bool = False, points: int = DETAIL_POINTS) -> int:
    """Twips `text` takes on one line in Times New Roman of `points` (part B's 12 pt)."""
    advances = _BOLD if bold else _REGULAR
    total = 0
    for char in unicodedata.normalize("NFD", text.translate(_STROKED)):
        if " " <= char <= "~":
            total += advances[ord(char) - 32]
        elif char == _HORN:
            total += _HORN_WIDTH
        elif not unicodedata.combining(char):
            total += 500  # another script's letter: an average one
    return -(-total * points * 20 // 1000)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _room(text: int) -> int:
    """A column's width for a line this wide: the line, 3% for what the estimate misses, the margins."""
    return text + -(-text * 3 // 100) + CELL_MARGINS


@functools.lru_cache(maxsize=1 << 12)
def _wrapped(text: str, lines: int, points: int = DETAIL_POINTS, bold: bool = True) -> int:
    """The narrowest line width (twips; bold, as a header prints) in which `text` wraps into at
    most `lines` lines (a break after a slash counted as after a space)."""
    words = [text_width(w, bold=bold, points=points) for w in _words(text)]
    space = text_width(" ", bold=bold, points=points)
    low, high = max(words, default=0), text_width(text, bold=bold, points=points)
    while low < high:  # greedy wrapping takes fewer lines the wider it is: bisect
        middle = (low + high) // 2
        count, line = 1, -space
        for word in words:
            if line + space + word > middle:
                count, line = count + 1, word
            else:
                line += space + word
        low, high = (middle + 1, high) if count > lines else (low, middle)
    return low


@functools.lru_cache(maxsize=1 << 16)  # each unit's name and each grade appear in several tables
def _escape(text: str) -> str:
    return text.translate(_CELL)


def _body(columns: list[list[str]], styles: list[str], widths: list[int]) -> list[str]:
    """The data rows: one row template with a slot per cell, filled with already escaped texts.
    The first KEPT_ROWS rows keep with the next (a table never starts at a page's foot with fewer
    rows than that, below its header), and so do the last two (no last row alone on a page; the
    table keeps with what follows it: the closing block after the last table)."""
    slot = "\ue000"  # any character `_cell` keeps as it is: only the row template holds it
    plain, kept = (_row([_cell(slot, style, width, keep) for style, width in zip(styles, widths)]).replace(
        "%", "%%").replace(slot, "%s") for keep in (False, True))
    rows = list(zip(*columns))
    tail = len(rows) - 2
    return [(kept if i < KEPT_ROWS - 1 or i >= tail else plain) % values for i, values in enumerate(rows)]


# A table's first rows that stay together on a page, its header rows apart: the third keeps with
# none, so the first two keep with the next.
KEPT_ROWS = 3
_KEEP = "<w:keepNext/>"


def _cell(text: str, style: str, width: int, keep: bool = True, span: int = 1, vmerge: str | None = None) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge:
        props += f'<w:vMerge w:val="{vmerge}"/>'
    props += '<w:vAlign w:val="center"/>'
    # No xml:space="preserve": cell texts come trimmed, and 40,000 rows of it add 6 MB of XML.
    run = f"<w:r><w:t>{_escape(text)}</w:t></w:r>" if text else ""
    kept = _KEEP if keep else ""
    return f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/>{kept}</w:pPr>{run}</w:p></w:tc>'


def _row(cells: list[str], header: bool = False) -> str:
    # No row splits across pages; header rows repeat on every page.
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def _tables(widths: list[int], head: list[str], rows: list[str]) -> str:
    """One table of `head` + `rows`, or for more than CHUNK_ROWS rows, several in a row."""
    chunks = [rows[i:i + CHUNK_ROWS] for i in range(0, len(rows), CHUNK_ROWS)] or [[]]
    return CHUNK_JOIN.join(_table(widths, head + chunk) for chunk in chunks)


def _table(widths: list[int], rows: list[str]) -> str:
    borders = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )




# --- a unit's result sheet ----------------------------------------------------------------------

# Each column's share of the sheet's table (twips of RANKING_WIDTH, by `sheets.COLUMNS`' field); the
# criterion's name takes the rest.
SHEET_WIDTHS = {"code": 560, "maximum": 830, "score": 830, "own": 830, "difference": 830, "missed": 830,
                "average": 900, "best": 830}
_BOLD_RUN = "<w:r><w:rPr><w:b/></w:rPr><w:t>"


def sheet_table(sheet: sheets.UnitSheet, words: Mapping[str, str], width: int) -> str:
    """The sheet's table of the unit's criteria and total, `width` wide (twips): the top-level
    criteria in bold where their components are listed under them, set in, and the total."""
    columns = sheet.columns
    at = next(i for i, (key, _) in enumerate(columns) if key == "name")
    drawn = [SHEET_WIDTHS.get(key, 0) for key, _ in columns]
    drawn[at] = max(RANKING_WIDTH - sum(drawn), 1)
    widths = _scaled(drawn, width, at)
    header, number, text = DETAIL_STYLES
    head = [_row([_cell(words[word], header, w) for (_, word), w in zip(columns, widths)], header=True)]
    styles = [text if key == "name" else number for key, _ in columns]
    nested = any(line.level > 1 for line in sheet.lines)
    rows = []
    for line, cells in zip(sheet.lines, sheet.rows(words)):
        row = _row([_cell(c, style, w, keep=False) for c, style, w in zip(cells, styles, widths)])
        if not line.name or (nested and line.level == 1):
            row = row.replace("<w:r><w:t>", _BOLD_RUN)
        elif line.level > 1:  # a component under its main index, set in
            row = row.replace(f'<w:pStyle w:val="{text}"/>', f'<w:pStyle w:val="{text}"/><w:ind w:left="227"/>')
        rows.append(row)
    return _table(widths, head + rows)
