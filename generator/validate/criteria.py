"""The sheets that say what is assessed: `Khối` (groups), `Tiêu chí` (criteria), `Xếp loại` (grades)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import texts
from ..cells import is_empty, text_of, to_decimal
from ..model import Criterion, Grade, GradeScale
from ..problems import Code, Report
from ..workbook import Sheet
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


def read_criteria(
    sheet: Sheet, declared: dict[str, DeclaredGroup], report: Report
) -> dict[str, tuple[Criterion, ...]]:
    table = find_table(sheet, (texts.COL_GROUP, texts.COL_CRITERION, texts.COL_MAXIMUM), report)
    if table is None:
        return {}
    c_group, c_name = table.index(texts.COL_GROUP), table.index(texts.COL_CRITERION)
    c_max, c_own = table.index(texts.COL_MAXIMUM), table.col(texts.COL_OWN_RANKING)
    group_by_key = {texts.label_key(g): g for g in declared}
    criteria: dict[str, list[Criterion]] = {}
    for r in table.body():
        group_text, name = text_of(sheet.value(r, c_group)), text_of(sheet.value(r, c_name))
        raw_max = sheet.value(r, c_max)
        own = text_of(sheet.value(r, c_own)) if c_own is not None else ""
        if not group_text and not name and is_empty(raw_max):
            continue
        group = group_by_key.get(texts.label_key(group_text))
        if group is None:
            report.error(Code.CRITERION_GROUP_UNKNOWN, sheet=sheet.name, row=r, col=c_group, value=group_text)
            continue
        if not name:
            report.error(Code.CRITERION_EMPTY_NAME, sheet=sheet.name, row=r, col=c_name)
            continue
        if any(texts.label_key(c.name) == texts.label_key(name) for c in criteria.get(group, [])):
            report.error(Code.CRITERION_REPEATED, sheet=sheet.name, row=r, col=c_name, value=name,
                         params={"group": group})
            continue
        maximum, _ = to_decimal(raw_max)
        if maximum is None or maximum <= 0:
            report.error(Code.MAXIMUM_INVALID, sheet=sheet.name, row=r, col=c_max, value=text_of(raw_max))
            continue
        criteria.setdefault(group, []).append(Criterion(name, maximum, own or None))
    return {group: tuple(items) for group, items in criteria.items()}


def read_grades(sheet: Sheet, report: Report) -> GradeScale | None:
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
    if not grades:
        report.error(Code.GRADES_NONE, sheet=sheet.name)
    elif grades[-1].threshold != 0:
        report.error(Code.LOWEST_THRESHOLD_NOT_ZERO, sheet=sheet.name, row=last_row, col=c_threshold,
                     value=grades[-1].threshold)
    if len(report.errors) > errors_before:
        return None
    return GradeScale(tuple(grades))
