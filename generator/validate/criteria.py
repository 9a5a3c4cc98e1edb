"""The sheets that say what is assessed: `Khối` (groups), `Tiêu chí` (criteria), `Xếp loại` (grades)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .. import texts
from ..cells import is_empty, text_of, to_decimal
from ..layout import HEAD_CODE
from ..model import Criterion, Extra, Grade, GradeScale
from ..problems import Code, Report
from ..workbook import Sheet, cell_ref
from .tables import find_table


@dataclass(frozen=True)
class DeclaredGroup:
    title: str
    sheet: str
    row: int  # where its name is, for problems about the group as a whole
    col: int


def read_groups(sheet: Sheet, report: Report) -> dict[str, DeclaredGroup]:
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
            report.error(Code.GROUP_EMPTY_NAME, sheet=sheet.name, row=r, col=c_name)
        elif texts.label_key(name) in seen:
            report.error(Code.GROUP_REPEATED, sheet=sheet.name, row=r, col=c_name, value=name)
        else:
            seen.add(texts.label_key(name))
            if not title:
                report.error(Code.GROUP_MISSING_TITLE, sheet=sheet.name, row=r, col=c_title, params={"group": name})
            groups[name] = DeclaredGroup(title, sheet.name, r, c_name)
    if not groups and not report.errors:
        report.error(Code.GROUPS_NONE, sheet=sheet.name)
    return groups


@dataclass
class _Row:
    """A row of `Tiêu chí`, read; built into a `Criterion` once its children are known."""

    row: int
    name: str
    maximum: Decimal | None  # None: left empty (allowed for a parent only)
    own: str
    code: str
    weight: Decimal
    bad_maximum: bool = False  # its `Điểm tối đa` is wrong, reported
    extra: Extra | None = None  # `Loại`: bonus or penalty points
    c_extra: int = 0  # the column of `Loại`, for a problem of a parent's

    @property
    def heads(self) -> set[str]:
        """What may head its column in a score sheet (see `scores.criterion_heads`), as `head_key`s."""
        names = [self.name, self.code, f"{self.code} {self.name}"] if self.code else [self.name]
        return {head_key(n) for n in names}


@dataclass(frozen=True)
class GroupCriteria:
    """A group's criteria as built, and what heads the columns of those left out for their errors
    (reported), which a score sheet then need not call unknown."""

    tree: tuple[Criterion, ...]
    broken: frozenset[str]


# A score sheet's own columns: a criterion so named could not be told from them.
RESERVED = frozenset(map(texts.label_key, texts.SCORE_SHEET_COLUMNS))

# A dotted code: "1", "1.2", "6.1.3"; letters allowed in a part ("CS1.2").
CODE = re.compile(r"^[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*$")


def code_order(code: str) -> tuple[tuple[int, int | str], ...]:
    """How codes sort: part by part, numbers as numbers ("1.2" before "1.10")."""
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold()) for part in code.split("."))


def canonical(code: str) -> str:
    """A code as it is compared: two codes that sort as one are one ("01.1" is "1.1", "CS1" is "cs1")."""
    return ".".join(str(int(part)) if part.isdigit() else part.casefold() for part in code.split("."))


def head_key(header: str) -> str:
    """How a score sheet's column header is matched: as a label (`texts.label_key`), the code it
    starts with in its canonical form ("01.1 Lãnh đạo" heads the column of 1.1 Lãnh đạo)."""
    key = texts.label_key(header)
    match = HEAD_CODE.match(key)
    return key if match is None else canonical(match.group(1)) + key[match.end():]


def read_criteria(
    sheet: Sheet, declared: dict[str, DeclaredGroup], report: Report
) -> dict[str, GroupCriteria]:
    """Each group's criteria: in a tree by `Mã` (the top level, in code order), or without codes in
    the sheet's order, each weighted by `Trọng số` (1 when empty)."""
    table = find_table(sheet, (texts.COL_GROUP, texts.COL_CRITERION, texts.COL_MAXIMUM), report)
    if table is None:
        return {}
    c_group, c_name = table.index(texts.COL_GROUP), table.index(texts.COL_CRITERION)
    c_max, c_own = table.index(texts.COL_MAXIMUM), table.col(texts.COL_OWN_RANKING)
    c_code, c_weight = table.col(texts.COL_CODE), table.col(texts.COL_WEIGHT)
    c_extra = table.col(texts.COL_EXTRA)
    group_by_key = {texts.label_key(g): g for g in declared}
    rows: dict[str, list[_Row]] = {}
    broken: dict[str, set[str]] = {}
    for r in table.body():
        group_text, name = text_of(sheet.value(r, c_group)), text_of(sheet.value(r, c_name))
        raw_max = sheet.value(r, c_max)
        own = text_of(sheet.value(r, c_own)) if c_own is not None else ""
        code = text_of(sheet.value(r, c_code)) if c_code is not None else ""
        if not group_text and not name and is_empty(raw_max) and not code:
            continue
        group = group_by_key.get(texts.label_key(group_text))
        if group is None:
            report.error(Code.CRITERION_GROUP_UNKNOWN, sheet=sheet.name, row=r, col=c_group, value=group_text)
            continue
        if not name:
            report.error(Code.CRITERION_EMPTY_NAME, sheet=sheet.name, row=r, col=c_name)
            continue
        if texts.label_key(name) in RESERVED:
            report.error(Code.CRITERION_NAME_RESERVED, sheet=sheet.name, row=r, col=c_name, value=name,
                         params={"columns": ", ".join(f"'{c}'" for c in texts.SCORE_SHEET_COLUMNS)})
            continue
        if any(texts.label_key(c.name) == texts.label_key(name) for c in rows.get(group, [])):
            report.error(Code.CRITERION_REPEATED, sheet=sheet.name, row=r, col=c_name, value=name,
                         params={"group": group})
            continue
        if code and not CODE.match(code):
            report.error(Code.CODE_INVALID, sheet=sheet.name, row=r, col=c_code, value=code)
            broken.setdefault(group, set()).update(_Row(r, name, None, own, code, Decimal(1)).heads)
            continue
        maximum, _ = to_decimal(raw_max)
        bad_maximum = not is_empty(raw_max) and (maximum is None or maximum <= 0)
        if bad_maximum:
            report.error(Code.MAXIMUM_INVALID, sheet=sheet.name, row=r, col=c_max, value=text_of(raw_max))
        # A wrong weight is reported and read as 1, so that the tree below it stays whole.
        weight = _weight(sheet, r, c_weight, report) or Decimal(1)
        extra = _extra(sheet, r, c_extra, report)
        if extra is not None and own:
            report.error(Code.EXTRA_OWN_RANKING, sheet=sheet.name, row=r, col=c_own or 0, value=name)
            own = ""
        rows.setdefault(group, []).append(_Row(r, name, None if bad_maximum else maximum, own, code, weight,
                                               bad_maximum, extra, c_extra or 0))
    # A group whose rows all have errors maps to no criteria: reported, and not "without criteria".
    return {group: _tree(sheet, group, items, c_code, c_max, report, broken.setdefault(group, set()))
            for group, items in rows.items()}


EXTRAS = {texts.label_key(texts.EXTRA_WORDS[e.value]): e for e in Extra}


def _extra(sheet: Sheet, r: int, col: int | None, report: Report) -> Extra | None:
    """`Loại`: bonus or penalty points; None for an ordinary criterion (empty, or no column), or
    for a word that is neither (reported)."""
    raw = sheet.value(r, col) if col is not None else ""
    if is_empty(raw):
        return None
    extra = EXTRAS.get(texts.label_key(text_of(raw)))
    if extra is None:
        report.error(Code.EXTRA_INVALID, sheet=sheet.name, row=r, col=col, value=text_of(raw),
                     params={"choices": texts.either(texts.EXTRA_WORDS.values())})
    return extra


def _weight(sheet: Sheet, r: int, col: int | None, report: Report) -> Decimal | None:
    """`Trọng số`: 1 when empty or without the column; None (reported) when not a positive number."""
    raw = sheet.value(r, col) if col is not None else ""
    if is_empty(raw):
        return Decimal(1)
    weight, _ = to_decimal(raw)
    if weight is None or weight <= 0:
        report.error(Code.WEIGHT_INVALID, sheet=sheet.name, row=r, col=col, value=text_of(raw))
        return None
    return weight


def _tree(
    sheet: Sheet, group: str, rows: list[_Row], c_code: int | None, c_max: int, report: Report, broken: set[str]
) -> GroupCriteria:
    """The group's criteria as a tree by code, its top level in code order; in a group without
    codes, every criterion a leaf in the sheet's order. A criterion with a wrong row below it is
    left out (reported), so that the score sheet is still checked against the rest."""
    coded = any(row.code for row in rows)
    rows_by_code: dict[str, _Row] = {}
    if coded:
        for row in rows:
            if not row.code:
                report.error(Code.CODE_MISSING, sheet=sheet.name, row=row.row, col=c_code, params={"group": group})
                broken.update(row.heads)
            elif canonical(row.code) in rows_by_code:
                first = rows_by_code[canonical(row.code)]
                report.error(Code.CODE_REPEATED, sheet=sheet.name, row=row.row, col=c_code, value=row.code,
                             params={"group": group, "first_cell": cell_ref(first.row, c_code or 0), "first": first.code})
                broken.update(row.heads)
            else:
                rows_by_code[canonical(row.code)] = row
    children: dict[str, list[_Row]] = {}
    top: list[_Row] = []
    for key, row in rows_by_code.items():
        parent = key.rpartition(".")[0]
        if not parent:
            top.append(row)
        elif parent in rows_by_code:
            children.setdefault(parent, []).append(row)
        else:
            report.error(Code.CODE_PARENT_MISSING, sheet=sheet.name, row=row.row, col=c_code, value=row.code,
                         params={"group": group, "parent": row.code.rpartition(".")[0]})
            for other_key, other in rows_by_code.items():  # it, and all below it, are left out
                if other_key == key or other_key.startswith(f"{key}."):
                    broken.update(other.heads)

    def build(row: _Row) -> Criterion | None:
        """The criterion of `row` with what could be built below it; None (reported) for a leaf
        without a right maximum. A wrong parent maximum is reported and the tree kept whole."""
        below = [build(child) for child in sorted(children.get(canonical(row.code), []), key=lambda x: code_order(x.code))]
        kids = tuple(c for c in below if c is not None)
        if not below:
            if row.maximum is None:
                if not row.bad_maximum:
                    report.error(Code.MAXIMUM_INVALID, sheet=sheet.name, row=row.row, col=c_max, value="")
                broken.update(row.heads)
                return None
            return Criterion(row.name, row.maximum, row.own or None, row.code, row.weight, extra=row.extra)
        if row.extra is not None:
            report.error(Code.EXTRA_PARENT, sheet=sheet.name, row=row.row, col=row.c_extra,
                         value=f"{row.code} {row.name}")
        total = sum((c.weight * c.counted for c in kids), Decimal(0))
        if row.maximum is not None and len(kids) == len(below) and row.maximum != total:
            report.error(Code.PARENT_MAXIMUM_MISMATCH, sheet=sheet.name, row=row.row, col=c_max,
                         value=texts.format_number(row.maximum), params={"expected": texts.format_number(total)})
        if not kids:
            broken.update(row.heads)
            return None
        return Criterion(row.name, total, row.own or None, row.code, row.weight, kids)

    ordered = sorted(top, key=lambda x: code_order(x.code)) if coded else rows
    return GroupCriteria(tuple(c for c in map(build, ordered) if c is not None), frozenset(broken))


def read_grades(sheet: Sheet, report: Report) -> GradeScale | None:
    """The grade scale, highest first; None for a sheet without grades (or with errors, reported)."""
    if all(is_empty(v) for row in sheet.rows for v in row):
        return None
    table = find_table(sheet, (texts.COL_GRADE, texts.COL_THRESHOLD), report)
    if table is None:
        return None
    c_name, c_threshold = table.index(texts.COL_GRADE), table.index(texts.COL_THRESHOLD)
    errors_before = len(report.errors)
    grades: list[Grade] = []
    last_row = None  # where a lowest threshold that is not 0 is pointed at: the last row read
    for r in table.body():
        name, raw = text_of(sheet.value(r, c_name)), sheet.value(r, c_threshold)
        if not name and is_empty(raw):
            continue
        threshold, _ = to_decimal(raw)
        last_row = r
        if not name:
            report.error(Code.GRADE_EMPTY_NAME, sheet=sheet.name, row=r, col=c_name)
        elif threshold is None or not 0 <= threshold <= 100:
            report.error(Code.THRESHOLD_INVALID, sheet=sheet.name, row=r, col=c_threshold, value=text_of(raw))
        elif grades and threshold >= grades[-1].threshold:
            report.error(Code.THRESHOLDS_NOT_DESCENDING, sheet=sheet.name, row=r, col=c_threshold, value=threshold,
                         params={"previous": grades[-1].threshold})
        else:
            grades.append(Grade(name, threshold))
    if not grades:  # no grade scale: the tables have no grade column
        return None
    if grades[-1].threshold != 0:
        report.error(Code.LOWEST_THRESHOLD_NOT_ZERO, sheet=sheet.name, row=last_row, col=c_threshold,
                     value=grades[-1].threshold)
    if len(report.errors) > errors_before:
        return None
    return GradeScale(tuple(grades))
