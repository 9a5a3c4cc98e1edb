"""`xephang init`: a new workbook that follows the contract and stops mistakes while it is typed.

A `Draft` is what the workbook starts from: the 2014 regulation's groups, criteria and grade
scale (`DEFAULT_DRAFT`), a digital-transformation index's two groups with their main indices and
components (`DTI_DRAFT`), or last year's validated workbook (`draft_from`), with its units, its
criteria tree, weights and settings carried over and every score left empty.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import layout, output, texts
from .info import BY_NAME, FIELDS, SETTINGS, Carry, Field, Read
from .model import Assessment, Criterion, Display, Grade, NoticeInfo, RankBy, weighted_leaves
from .workbook import cell_ref

# Rows of each score sheet with the total's formula and the input checks: room for a province's
# communes (up to some 170), and at least ROOM more than last year's units.
LEAST_ROWS, ROOM = 200, 50
# The guide's column, in characters: a line that reads well on screen and fits an A4 page. Excel
# and LibreOffice only grow a row for wrapped text when they recompute it, which a file written
# by a program does not ask for: each row gets its height, a line of 15 pt per ~GUIDE_LINE
# characters (words wrap whole, so a line holds fewer than the column's width).
GUIDE_WIDTH, GUIDE_LINE, LINE_HEIGHT = 100, 85, 15
HEADER_ROW = 3  # Excel's row number of a score sheet's header, under the title and the main indices' row
SCORE_WIDTH, SCORE_LINE = 14, 11  # a score column, and the characters of its header's lines
# Excel's limits on a data validation's title and messages, as its own dialog enforces them.
TITLE_LIMIT, MESSAGE_LIMIT = 32, 255


@dataclass(frozen=True)
class DraftGroup:
    name: str
    title: str
    criteria: tuple[Criterion, ...]  # the top level; a main index holds its components
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    info: tuple[tuple[str, Any], ...]  # (label, value) rows of `Thông tin`
    groups: tuple[DraftGroup, ...]
    grades: tuple[Grade, ...]  # none: no grade scale, the tables have no grade column
    year: int | None = None
    # Version 2 of the contract (docs/workbook.md): `Mã` and `Trọng số` in `Tiêu chí`, KAD allowed in
    # the score cells, and `unit_columns` after `Tổng điểm`. A 2014 workbook has none of it.
    version2: bool = False
    unit_columns: tuple[str, ...] = ()


def _info_rows(values: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """`Thông tin`'s rows: every label in the contract's order with its value from `values` (by
    field; None or "" leaves it empty), a list one row per item, or one empty row."""
    rows: list[tuple[str, Any]] = []
    for field in FIELDS:
        value = values.get(field.name)
        if field.read is Read.LIST:
            rows += [(field.label, v) for v in value or ()] or [(field.label, None)]
        else:
            rows.append((field.label, None if value == "" else value))
    return tuple(rows)


DEFAULT_DRAFT = Draft(
    info=_info_rows({}),
    groups=(
        DraftGroup("Sở, ban, ngành", "CÁC SỞ, BAN, NGÀNH", (
            Criterion("Hạ tầng CNTT", Decimal(120)), Criterion("Nhân lực CNTT", Decimal(165)),
            Criterion("Sử dụng các PM ứng dụng", Decimal(400)), Criterion("Chính sách và đầu tư", Decimal(135)),
            Criterion("Trang/Cổng TTĐT", Decimal(100), "Cổng/Trang thông tin điện tử"),
            Criterion("An toàn thông tin số", Decimal(80), "An toàn thông tin số"),
        )),
        DraftGroup("UBND cấp huyện", "ỦY BAN NHÂN DÂN CẤP HUYỆN", (
            Criterion("Hạ tầng CNTT", Decimal(120)), Criterion("Nhân lực CNTT", Decimal(150)),
            Criterion("Ứng dụng CNTT", Decimal(400)), Criterion("Đầu tư và chính sách", Decimal(150)),
            Criterion("Trang/Cổng TTĐT", Decimal(100), "Cổng thông tin điện tử"),
            Criterion("An toàn thông tin số", Decimal(80), "An toàn thông tin số"),
        )),
    ),
    grades=(Grade("Tốt", Decimal(85)), Grade("Khá", Decimal(70)), Grade("Trung bình", Decimal(50)),
            Grade("Yếu", Decimal(0))),
)


def _main_index(code: str, name: str, own: str, components: tuple[tuple[str, str, int], ...]) -> Criterion:
    parts = tuple(Criterion(n, Decimal(m), code=c) for c, n, m in components)
    return Criterion(name, sum((p.maximum for p in parts), Decimal(0)), own or None, code, children=parts)


# Ranked by each unit's share of its own applicable maximum (KAD is common in a DTI) and shown in
# percent; part B lists the components under their main index. No grade scale: DTI results rank.
DTI_DRAFT = Draft(
    info=_info_rows({
        "overall_title": texts.DTI_OVERALL_TITLE, "rank_by": texts.RANK_BY_WORDS[RankBy.RATIO.value],
        "display": texts.DISPLAY_WORDS[Display.PERCENT.value], "detail_level": 2,
    }),
    groups=tuple(DraftGroup(name, title, tuple(_main_index(*index) for index in indices))
                 for name, title, indices in texts.DTI_GROUPS),
    grades=(),
    version2=True,
    # A first assessment with xephang: last year's ranks, if any, can only be typed in; a unit renamed
    # or merged since gives its name of last year, for next year's run.
    unit_columns=(texts.COL_NOT_RANKED, texts.COL_PREVIOUS_NAME, texts.COL_PREVIOUS_RANK),
)


def draft_from(last: Assessment, last_results: str = "") -> Draft:
    """Next year's draft: the same groups, criteria (tree and weights), scale and units in the same
    order, the details and settings carried over with the year moved on, the number and date left
    for the văn thư, no scores. A workbook that used anything of version 2 gets its columns, and
    `last_results` (last year's results workbook as the new workbook's folder reaches it, or "")
    as `Kết quả năm trước`; one that used none is carried over as it was."""
    info, year = last.info, last.info.year + 1
    next_year = _next_year(info.year)
    version2 = uses_version2(last)
    defaults = {f.name: f.default for f in fields(NoticeInfo)}
    values: dict[str, Any] = {}
    for field in FIELDS:
        value = getattr(info, field.name)
        if field.carry is Carry.KEEP:
            # An empty setting means its default, so only those that differ are written.
            values[field.name] = None if field.setting and value == defaults[field.name] else field.written(value)
        elif field.carry is Carry.YEAR_ON:
            values[field.name] = next_year(value)
        elif field.carry is Carry.NEXT:
            values[field.name] = year
        elif field.carry is Carry.RESULTS:
            values[field.name] = last_results if version2 else None
    groups = tuple(DraftGroup(g.name, g.title, g.criteria, tuple(g.scores.index)) for g in last.groups)
    grades = last.grades.grades if last.grades is not None else ()
    unit_columns = (texts.COL_NOT_RANKED, texts.COL_PREVIOUS_NAME) if version2 else ()
    return Draft(_info_rows(values), groups, grades, year, version2, unit_columns)


def uses_version2(last: Assessment) -> bool:
    """Whether a workbook used anything version 2 added (or version 3's bonus and penalty points):
    codes or weights, no grade scale, a KAD
    cell, a unit not ranked or renamed or given last year's rank, a setting other than its default."""
    defaults = {f.name: f.default for f in fields(NoticeInfo)}
    return (
        last.grades is None
        or any(c.code or c.weight != 1 or c.extra for g in last.groups for c in g.all_criteria)
        or any(g.scores.isna().to_numpy().any() for g in last.groups)
        or any(g.not_ranked or g.previous_names or g.previous_ranks for g in last.groups)
        or any(getattr(last.info, name) != defaults[name] for name in SETTINGS)
    )


def path_from(folder: Path, target: Path) -> str:
    """`target` as a workbook in `folder` names it (`Kết quả năm trước` is relative to the workbook's
    folder), with forward slashes, which Windows reads too; "" if there is no such file."""
    if not target.is_file():
        return ""
    try:
        return Path(os.path.relpath(target.resolve(), folder.resolve())).as_posix()
    except ValueError:  # on another Windows drive there is no relative path
        return target.resolve().as_posix()


def _next_year(year: int) -> Callable[[str], str]:
    """Moves "năm 2014" on to "năm 2015" in a text; other dates are left for a person to check."""
    pattern = re.compile(rf"\b(năm\s+){year}\b", re.IGNORECASE)
    return lambda text: pattern.sub(lambda m: f"{m.group(1)}{year + 1}", text) if text else text


def new_workbook(draft: Draft) -> bytes:
    from openpyxl.styles import Alignment, Font

    book = output.new_book()
    bold = Font(bold=True)
    guide = book.active
    guide.title = texts.GUIDE_SHEET
    guide.column_dimensions["A"].width = GUIDE_WIDTH
    for number, line in enumerate(texts.GUIDE_LINES, 1):
        guide.append([output.literal_cell(guide, line)])
        guide.cell(number, 1).alignment = Alignment(wrap_text=True, vertical="top")
        guide.row_dimensions[number].height = LINE_HEIGHT * _lines(line, GUIDE_LINE)
    guide["A1"].font = Font(bold=True, size=13)
    guide.row_dimensions[1].height = LINE_HEIGHT + 5  # 13 pt
    # On A4: in Calibri, Excel's default font, the column is some 187 mm, which fits between side
    # margins of 1 cm; should it not, Excel shrinks it to the page's width.
    guide.page_setup.paperSize = guide.PAPERSIZE_A4
    guide.page_margins.left = guide.page_margins.right = 0.4  # inches
    guide.sheet_properties.pageSetUpPr.fitToPage = True
    guide.page_setup.fitToWidth, guide.page_setup.fitToHeight = 1, 0

    def table(name: str, header: tuple[str, ...], rows: list[tuple[Any, ...]], widths: tuple[int, ...]) -> Any:
        sheet = book.create_sheet(name)
        for row in [header, *rows]:
            sheet.append([output.literal_cell(sheet, _excel_value(v)) for v in row])
        for cell in sheet[1]:
            cell.font = bold
        for i, width in enumerate(widths):
            sheet.column_dimensions[cell_ref(0, i)[:-1]].width = width
        sheet.freeze_panes = "A2"
        return sheet

    info = table(texts.SHEET_INFO, texts.INFO_HEADER, list(draft.info), (24, 110))
    by_label = {f.label: f for f in FIELDS}
    for row in info.iter_rows(min_row=2):
        field = by_label.get(row[0].value)
        if field is BY_NAME["date"]:
            row[1].number_format = "dd/mm/yyyy"
        elif field is not None and field.read is Read.CHOICE:  # picked from a list of its words
            info.add_data_validation(_choice_rule(field, row[1].coordinate))
    table(texts.SHEET_GROUPS, (texts.COL_GROUP, texts.COL_GROUP_TITLE),
          [(g.name, g.title) for g in draft.groups], (24, 50))
    if draft.version2:
        # Every criterion in code order, a main index with its `Điểm tối đa` empty: the validation
        # sums its components', weighted, so no figure here can disagree with them.
        # `Loại` where some criterion is bonus or penalty points (version 3).
        extras = any(c.extra for g in draft.groups for c in _walk(g.criteria))
        criteria = table(
            texts.SHEET_CRITERIA,
            (texts.COL_GROUP, texts.COL_CODE, texts.COL_CRITERION, texts.COL_MAXIMUM, texts.COL_WEIGHT,
             texts.COL_OWN_RANKING, *([texts.COL_EXTRA] if extras else [])),
            [(g.name, c.code, c.name, c.maximum if c.leaf else None, c.weight, c.own_ranking or "",
              *([texts.EXTRA_WORDS[c.extra.value] if c.extra else ""] if extras else []))
             for g in draft.groups for c in _walk(g.criteria)],
            (24, 8, 50, 14, 12, 34, 16))
        for row in criteria.iter_rows(min_row=2):  # main indices bold, components indented under them
            row[2].alignment = Alignment(indent=str(row[1].value or "").count("."))
            if row[3].value is None:
                row[2].font = bold
    else:
        table(texts.SHEET_CRITERIA, (texts.COL_GROUP, texts.COL_CRITERION, texts.COL_MAXIMUM, texts.COL_OWN_RANKING),
              [(g.name, c.name, c.maximum, c.own_ranking or "") for g in draft.groups for c in g.criteria],
              (24, 32, 14, 34))
    table(texts.SHEET_GRADES, (texts.COL_GRADE, texts.COL_THRESHOLD),
          [(grade.name, grade.threshold) for grade in draft.grades], (16, 22))
    for group in draft.groups:
        _score_sheet(book, group, draft)

    return output.saved(book)


def _walk(criteria: tuple[Criterion, ...]) -> Iterator[Criterion]:
    for top in criteria:
        yield from top.walk()


def _score_sheet(book: Any, group: DraftGroup, draft: Draft) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(group.name)
    title = texts.SCORES_TITLE.format(group=group.name.upper(), year=draft.year or "....")
    sheet.append([output.literal_cell(sheet, title)])
    sheet["A1"].font = Font(bold=True, size=13)
    leaves = weighted_leaves(group.criteria)
    table = layout.score_sheet([leaf.label for leaf, _ in leaves])
    header = [column.label for column in table.columns] + list(draft.unit_columns)
    # The rows follow the layout's header: where it puts TT, the unit, the criteria and the total.
    position, unit_at, total = (table.columns.index(c) for c in (layout.POSITION, layout.UNIT, layout.TOTAL))
    criteria = range(len(table.before), len(table.before) + len(table.criteria))
    # Above the header, each main index's name across its components' columns: a title row to the
    # validation, which finds the header by `TT` and `Đơn vị`.
    spans: list[tuple[str, int, int]] = []  # (main index, its first column, its last column)
    start = criteria[0]
    for top in group.criteria:
        width = sum(1 for c in top.walk() if c.leaf)
        if not top.leaf:
            spans.append((top.label, start, start + width - 1))
        start += width
    above: list[Any] = [None] * (max((begin for _, begin, _ in spans), default=-1) + 1)  # none in 2014
    for label, begin, _ in spans:
        above[begin] = output.literal_cell(sheet, label)
    sheet.append(above)
    sheet.append([output.literal_cell(sheet, label) for label in header])
    centred = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for cell in (*sheet[HEADER_ROW], *(sheet.cell(HEADER_ROW - 1, begin + 1) for _, begin, _ in spans)):
        cell.font = Font(bold=True)
        cell.alignment = centred
    for _, begin, end in spans:
        if end > begin:  # a main index over one column needs no merge
            sheet.merge_cells(start_row=HEADER_ROW - 1, start_column=begin + 1, end_row=HEADER_ROW - 1,
                              end_column=end + 1)
    if spans:
        sheet.row_dimensions[HEADER_ROW - 1].height = LINE_HEIGHT * max(
            _lines(label, SCORE_LINE * (end - begin + 1)) for label, begin, end in spans)
    unit_letter = cell_ref(0, unit_at)[:-1]
    first = HEADER_ROW  # 0-based index of the row under the header
    last = first + max(LEAST_ROWS, len(group.units) + ROOM) - 1
    for r in range(first, last + 1):
        unit_index = r - first
        unit = group.units[unit_index] if unit_index < len(group.units) else None
        excel_row = r + 1
        row: list[Any] = [None] * len(header)
        row[position] = unit_index + 1 if unit else None
        row[unit_at] = output.literal_cell(sheet, unit)
        # The total shows nothing on a spare row until it is given a unit: no column of zeros.
        row[total] = f'=IF({unit_letter}{excel_row}="","",{_weighted_sum(criteria, [w for _, w in leaves], r)})'
        sheet.append(row)
    for col, (leaf, _) in zip(criteria, leaves):
        rule = _score_rule(leaf, cell_ref(first, col), draft.version2)
        rule.add(f"{cell_ref(first, col)}:{cell_ref(last, col)}")
        sheet.add_data_validation(rule)
    sheet.freeze_panes = cell_ref(first, criteria[0])  # TT and the unit stay in view
    sheet.column_dimensions[cell_ref(0, position)[:-1]].width = 6
    sheet.column_dimensions[unit_letter].width = max([30, *(len(u) + 2 for u in group.units)])
    for col in (*criteria, total):
        sheet.column_dimensions[cell_ref(0, col)[:-1]].width = SCORE_WIDTH
    for col in range(total + 1, len(header)):
        sheet.column_dimensions[cell_ref(0, col)[:-1]].width = 30
    sheet.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * max(3, *(_lines(h, SCORE_LINE) for h in header))


def _weighted_sum(columns: range, weights: list[Decimal], row: int) -> str:
    """The weighted sum of the scores in `row` (0-based) as a formula: a SUM over each run of
    adjacent columns of one weight, times that weight. SUM skips text, so a KAD cell counts for
    nothing in Excel and LibreOffice alike (C4*0.4 would be #VALUE!), and unlike a SUMPRODUCT
    with an array of weights the formula reads as the tree does; with every weight 1 it is one
    SUM, as in 2014."""
    terms = []
    cols = iter(columns)
    for weight, run in itertools.groupby(weights):
        taken = [next(cols) for _ in run]
        cells = cell_ref(row, taken[0]) + (f":{cell_ref(row, taken[-1])}" if len(taken) > 1 else "")
        # A penalty's negative weight subtracts its run: -SUM(G4)*0.5.
        terms.append(("-" if weight < 0 else "+") + f"SUM({cells})" + ("" if abs(weight) == 1 else f"*{_number(abs(weight))}"))
    return "".join(terms).removeprefix("+")


def _score_rule(leaf: Criterion, cell: str, version2: bool) -> Any:
    """The score cells' data validation: a number from 0 to the maximum; in version 2 also KAD,
    which a decimal rule cannot allow, so a custom formula (written for the range's first cell
    `cell`, which Excel moves down the range) says the same."""
    from openpyxl.worksheet.datavalidation import DataValidation

    shown = texts.format_number(leaf.maximum)
    messages = {
        "allow_blank": True, "showErrorMessage": True, "errorStyle": "stop", "showInputMessage": True,
        "errorTitle": texts.SCORE_ERROR_TITLE, "promptTitle": _clip(leaf.label, TITLE_LIMIT),
        "error": _clip((texts.SCORE_ERROR_KAD if version2 else texts.SCORE_ERROR).format(criterion=leaf.label,
                                                                                       maximum=shown), MESSAGE_LIMIT),
        "prompt": (texts.SCORE_PROMPT_KAD if version2 else texts.SCORE_PROMPT).format(maximum=shown),
    }
    maximum = _number(leaf.maximum)
    if not version2:
        return DataValidation(type="decimal", operator="between", formula1="0", formula2=maximum, **messages)
    # Excel and LibreOffice compare text ignoring case only by their settings: UPPER makes it so.
    words = ",".join(f'UPPER(TRIM({cell}))="{w.upper()}"' for w in texts.NOT_APPLICABLE_WORDS)
    formula = f"OR(AND(ISNUMBER({cell}),{cell}>=0,{cell}<={maximum}),{words})"
    return DataValidation(type="custom", formula1=formula, **messages)


def _choice_rule(field: Field, cell: str) -> Any:
    """A `Thông tin` cell's list of the words its field may take (empty: the default)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    words = ",".join(field.choices)
    rule = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True, showErrorMessage=True,
                          errorStyle="stop", errorTitle=_clip(texts.INFO_CHOICE_ERROR_TITLE, TITLE_LIMIT),
                          error=_clip(texts.INFO_CHOICE_ERROR.format(label=field.label, choices=words.replace(",", ", ")),
                                      MESSAGE_LIMIT))
    rule.add(cell)
    return rule


def _number(value: Decimal) -> str:
    """A number as a formula writes it: "0.35", never "3.5E-1"."""
    return format(value.normalize(), "f")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lines(text: str, per_line: int) -> int:
    """How many lines `text` wraps to, `per_line` characters to a line; an empty text one."""
    return max(1, math.ceil(len(text) / per_line))


def _excel_value(value: Any) -> Any:
    """A cell value as openpyxl takes it: Decimals become whole numbers or floats."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
