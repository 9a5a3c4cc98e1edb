"""What the units and the council add to the scores, never ranked (contract version 3): each
group's self-assessed scores (`Tự đánh giá - <Khối>`, laid out like its score sheet) and the
council's remarks (`Nhận xét`). Both are read once the score sheets are: their units must be the
groups' units."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from .. import texts
from ..cells import is_empty, text_of
from ..model import Group, Remark
from ..problems import Code, Report
from ..workbook import Sheet
from .criteria import canonical, head_key
from .scores import criterion_heads, read_score
from .tables import find_table


def read_self_assessed(sheet: Sheet, group: Group, report: Report) -> Group:
    """`group` with the scores its units gave themselves in `sheet`: a unit or a cell left out
    there is not shown, `KAD` neither; a unit the group does not have is an error at its name,
    and a score is checked as in the score sheet (a number from 0 to its maximum)."""
    leaves = group.leaves
    heads = {c.name: criterion_heads(c) for c in leaves}
    table = find_table(sheet, (texts.COL_POSITION, texts.COL_UNIT), report,
                       second_row=frozenset(k for keys in heads.values() for k in keys))
    if table is None:
        return group
    c_unit = table.index(texts.COL_UNIT)
    columns = {c.name: col for c in leaves for key, col in table.columns.items() if head_key(key) in heads[c.name]}
    units = {texts.label_key(u): u for u in group.scores.index}
    found: dict[str, dict[str, Decimal]] = {}
    for r in table.body():
        typed = text_of(sheet.value(r, c_unit))
        if not typed:
            continue
        unit = units.get(texts.label_key(typed))
        if unit is None:
            report.error(Code.UNIT_UNKNOWN, sheet=sheet.name, row=r, col=c_unit, value=typed,
                         params={"group": group.name})
            continue
        for criterion in leaves:
            col = columns.get(criterion.name)
            if col is None or is_empty(sheet.value(r, col)):
                continue
            score, kind = read_score(sheet, r, col, criterion, unit, report)
            if score is not None and kind != "bad":
                found.setdefault(unit, {})[criterion.name] = score
    return replace(group, self_scores=found)


def read_remarks(sheet: Sheet, groups: list[Group], declared: frozenset[str], report: Report) -> list[Group]:
    """`groups` with the council's remarks in `sheet`, one per row: `Khối`, `Đơn vị`, `Tiêu chí` (a
    code or a name; empty for the unit as a whole), `Nhận xét`. A group, unit or criterion named
    that is none of the workbook's is an error at its cell; a row without a remark is skipped, and
    so is one of a group `declared` (label keys) whose score sheet has errors, reported already."""
    table = find_table(sheet, (texts.COL_GROUP, texts.COL_UNIT, texts.COL_CRITERION, texts.COL_REMARK), report)
    if table is None:
        return groups
    c_group, c_unit, c_criterion, c_remark = (table.index(x) for x in (
        texts.COL_GROUP, texts.COL_UNIT, texts.COL_CRITERION, texts.COL_REMARK))
    by_group = {texts.label_key(g.name): g for g in groups}
    units_of = {g.name: {texts.label_key(u): u for u in g.scores.index} for g in groups}
    remarks: dict[str, dict[str, list[Remark]]] = {g.name: {} for g in groups}
    for r in table.body():
        text = text_of(sheet.value(r, c_remark))
        if not text:
            continue
        where = {"sheet": sheet.name, "row": r}
        group = by_group.get(texts.label_key(sheet.value(r, c_group)))
        if group is None and texts.label_key(sheet.value(r, c_group)) in declared:
            continue
        if group is None:
            report.error(Code.REMARK_GROUP_UNKNOWN, col=c_group, value=text_of(sheet.value(r, c_group)), **where)
            continue
        unit = units_of[group.name].get(texts.label_key(sheet.value(r, c_unit)))
        if unit is None:
            report.error(Code.UNIT_UNKNOWN, col=c_unit, value=text_of(sheet.value(r, c_unit)),
                         params={"group": group.name}, **where)
            continue
        typed = text_of(sheet.value(r, c_criterion))
        criterion = _criterion(group, typed) if typed else None
        if typed and criterion is None:
            report.error(Code.REMARK_CRITERION_UNKNOWN, col=c_criterion, value=typed, unit=unit,
                         params={"group": group.name}, **where)
            continue
        remarks[group.name].setdefault(unit, []).append(Remark(criterion, text))
    return [replace(g, remarks={u: tuple(rs) for u, rs in remarks[g.name].items()}) if remarks[g.name] else g
            for g in groups]


def _criterion(group: Group, typed: str) -> str | None:
    """The name of the criterion `typed` names: by code (compared as codes are), by name, or by
    code and name as a score sheet heads it."""
    key = head_key(typed)
    for c in group.all_criteria:
        if key in criterion_heads(c) or (c.code and canonical(typed) == canonical(c.code)):
            return c.name
    return None
