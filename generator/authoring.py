"""`xephang init`: a new workbook that follows the contract and stops mistakes while it is typed.

A `Draft` is what the workbook starts from: the 2014 regulation's groups, criteria and grade
scale (`DEFAULT_DRAFT`), or last year's validated workbook (`draft_from`), with its units and
details carried over and every score left empty.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import layout, output, texts
from .model import Assessment, Grade, TieRule
from .workbook import cell_ref

ROOM = 50  # empty rows left under the units of each score sheet, validated like the rest
# The guide's column, in characters: a line that reads well on screen and fits an A4 page. Excel
# and LibreOffice only grow a row for wrapped text when they recompute it, which a file written
# by a program does not ask for: each row gets its height, a line of 15 pt per ~GUIDE_LINE
# characters (words wrap whole, so a line holds fewer than the column's width).
GUIDE_WIDTH, GUIDE_LINE, LINE_HEIGHT = 100, 85, 15
HEADER_ROW = 3  # Excel's row number of a score sheet's header: a title row and an empty row above


@dataclass(frozen=True)
class DraftGroup:
    name: str
    title: str
    criteria: tuple[tuple[str, Decimal, str], ...]  # (name, maximum, own ranking title or "")
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    info: tuple[tuple[str, Any], ...]  # (label, value) rows of `Thông tin`
    groups: tuple[DraftGroup, ...]
    grades: tuple[Grade, ...]
    year: int | None = None


def _empty_info() -> tuple[tuple[str, Any], ...]:
    return tuple((label, None) for label in texts.INFO_LABELS)


DEFAULT_DRAFT = Draft(
    info=_empty_info(),
    groups=(
        DraftGroup("Sở, ban, ngành", "CÁC SỞ, BAN, NGÀNH", (
            ("Hạ tầng CNTT", Decimal(120), ""), ("Nhân lực CNTT", Decimal(165), ""),
            ("Sử dụng các PM ứng dụng", Decimal(400), ""), ("Chính sách và đầu tư", Decimal(135), ""),
            ("Trang/Cổng TTĐT", Decimal(100), "Cổng/Trang thông tin điện tử"),
            ("An toàn thông tin số", Decimal(80), "An toàn thông tin số"),
        )),
        DraftGroup("UBND cấp huyện", "ỦY BAN NHÂN DÂN CẤP HUYỆN", (
            ("Hạ tầng CNTT", Decimal(120), ""), ("Nhân lực CNTT", Decimal(150), ""),
            ("Ứng dụng CNTT", Decimal(400), ""), ("Đầu tư và chính sách", Decimal(150), ""),
            ("Trang/Cổng TTĐT", Decimal(100), "Cổng thông tin điện tử"),
            ("An toàn thông tin số", Decimal(80), "An toàn thông tin số"),
        )),
    ),
    grades=(Grade("Tốt", Decimal(85)), Grade("Khá", Decimal(70)), Grade("Trung bình", Decimal(50)),
            Grade("Yếu", Decimal(0))),
)


def draft_from(last: Assessment) -> Draft:
    """Next year's draft: the same groups, criteria, scale and units in the same order, the details
    carried over with the year moved on, the number and date left for the văn thư, no scores."""
    info, year = last.info, last.info.year + 1
    next_year = _next_year(info.year)
    values: dict[str, Any] = {
        "parent_body": info.parent_body, "issuing_body": info.issuing_body, "number": None,
        "place": info.place, "date": None, "year": year, "subject": next_year(info.subject),
        "intro": next_year(info.intro), "overall_title": info.overall_title,
        "tie_rule": texts.TIE_SHARED if info.tie_rule is TieRule.SHARED else texts.TIE_KEEP_ORDER,
        "authority": info.authority, "signer_title": info.signer_title,
        "signer_other_title": info.signer_other_title, "signer": info.signer,
    }
    rows: list[tuple[str, Any]] = []
    for label, field in texts.INFO_LABELS.items():
        if field in texts.INFO_LIST_FIELDS:
            rows += [(label, v) for v in getattr(info, field)] or [(label, None)]
        else:
            rows.append((label, values[field] or None))
    groups = tuple(
        DraftGroup(g.name, g.title, tuple((c.name, c.maximum, c.own_ranking or "") for c in g.criteria),
                   tuple(g.scores.index))
        for g in last.groups
    )
    return Draft(tuple(rows), groups, last.grades.grades, year)


def _next_year(year: int):
    """Moves "năm 2014" on to "năm 2015" in a text; other dates are left for a person to check."""
    pattern = re.compile(rf"\b(năm\s+){year}\b", re.IGNORECASE)
    return lambda text: pattern.sub(lambda m: f"{m.group(1)}{year + 1}", text) if text else text


def new_workbook(draft: Draft) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    bold = Font(bold=True)
    guide = book.active
    guide.title = texts.GUIDE_SHEET
    guide.column_dimensions["A"].width = GUIDE_WIDTH
    for number, line in enumerate(texts.GUIDE_LINES, 1):
        guide.append([output.literal_cell(guide, line)])
        guide.cell(number, 1).alignment = Alignment(wrap_text=True, vertical="top")
        guide.row_dimensions[number].height = LINE_HEIGHT * max(1, math.ceil(len(line) / GUIDE_LINE))
    guide["A1"].font = Font(bold=True, size=13)
    guide.row_dimensions[1].height = LINE_HEIGHT + 5  # 13 pt
    # On A4: in Calibri, Excel's default font, the column is some 187 mm, which fits between side
    # margins of 1 cm; should it not, Excel shrinks it to the page's width.
    guide.page_setup.paperSize = guide.PAPERSIZE_A4
    guide.page_margins.left = guide.page_margins.right = 0.4  # inches
    guide.sheet_properties.pageSetUpPr.fitToPage = True
    guide.page_setup.fitToWidth, guide.page_setup.fitToHeight = 1, 0

    def table(name: str, header: tuple[str, ...], rows: list[tuple[Any, ...]], widths: tuple[int, ...]):
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
    for row in info.iter_rows(min_row=2):
        if row[0].value == texts.INFO_FIELD_LABELS["date"]:
            row[1].number_format = "dd/mm/yyyy"
    table(texts.SHEET_GROUPS, (texts.COL_GROUP, texts.COL_GROUP_TITLE),
          [(g.name, g.title) for g in draft.groups], (24, 50))
    table(texts.SHEET_CRITERIA, (texts.COL_GROUP, texts.COL_CRITERION, texts.COL_MAXIMUM, texts.COL_OWN_RANKING),
          [(g.name, *c) for g in draft.groups for c in g.criteria], (24, 32, 14, 34))
    table(texts.SHEET_GRADES, (texts.COL_GRADE, texts.COL_THRESHOLD),
          [(grade.name, grade.threshold) for grade in draft.grades], (16, 22))
    for group in draft.groups:
        _score_sheet(book, group, draft.year)

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _score_sheet(book: Any, group: DraftGroup, year: int | None) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.create_sheet(group.name)
    title = texts.SCORES_TITLE.format(group=group.name.upper(), year=year or "....")
    sheet.append([output.literal_cell(sheet, title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    table = layout.score_sheet([name for name, _, _ in group.criteria])
    sheet.append([output.literal_cell(sheet, column.label) for column in table.columns])
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    # The rows follow the layout's header: where it puts TT, the unit, the criteria and the total.
    position, unit_at, total = (table.columns.index(c) for c in (layout.POSITION, layout.UNIT, layout.TOTAL))
    criteria = range(len(table.before), len(table.before) + len(table.criteria))
    unit_letter, sum_from, sum_to = (cell_ref(0, c)[:-1] for c in (unit_at, criteria[0], criteria[-1]))
    first = HEADER_ROW  # 0-based index of the row under the header
    last = first + len(group.units) + ROOM - 1
    for r in range(first, last + 1):
        unit_index = r - first
        unit = group.units[unit_index] if unit_index < len(group.units) else None
        excel_row = r + 1
        row: list[Any] = [None] * len(table.columns)
        row[position] = unit_index + 1 if unit else None
        row[unit_at] = output.literal_cell(sheet, unit)
        # The total shows nothing on a spare row until it is given a unit: no column of zeros.
        row[total] = f'=IF({unit_letter}{excel_row}="","",SUM({sum_from}{excel_row}:{sum_to}{excel_row}))'
        sheet.append(row)
    for col, (name, maximum, _) in zip(criteria, group.criteria):
        shown = texts.format_number(maximum)
        rule = DataValidation(
            type="decimal", operator="between", formula1="0", formula2=format(maximum.normalize(), "f"),
            allow_blank=True, showErrorMessage=True, errorStyle="stop",
            errorTitle=texts.SCORE_ERROR_TITLE, error=texts.SCORE_ERROR.format(criterion=name, maximum=shown),
            showInputMessage=True, promptTitle=name, prompt=texts.SCORE_PROMPT.format(maximum=shown),
        )
        rule.add(f"{cell_ref(first, col)}:{cell_ref(last, col)}")
        sheet.add_data_validation(rule)
    sheet.freeze_panes = cell_ref(first, criteria[0])  # TT and the unit stay in view
    sheet.column_dimensions[cell_ref(0, position)[:-1]].width = 6
    sheet.column_dimensions[unit_letter].width = max([30, *(len(u) + 2 for u in group.units)])
    for col in (*criteria, total):
        sheet.column_dimensions[cell_ref(0, col)[:-1]].width = 14
    sheet.row_dimensions[HEADER_ROW].height = 45


def _excel_value(value: Any) -> Any:
    """A cell value as openpyxl takes it: Decimals become whole numbers or floats."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
