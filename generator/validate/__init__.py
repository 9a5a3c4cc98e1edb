"""Stage 2, validate: raw rows into a typed `Assessment`, and every problem into a `Report`.

Everything is checked before anything is written, and all problems are reported at once: a
problem never stops the checks, it only keeps the assessment from being built. One module per
part of the workbook it reads: `info` (Thông tin), `criteria` (Khối, Tiêu chí, Xếp loại),
`scores` (the score sheets), `units` (self-assessed scores, remarks), `history` (last year's
results workbook), and `tables` for finding a header row in any of them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .. import texts
from ..errors import UnreadableWorkbook
from ..model import Assessment, Group, History, RankBy
from ..problems import Code, Report
from ..workbook import RawWorkbook, Sheet
from .criteria import read_criteria, read_grades, read_groups
from .history import LastYear, read_last_year
from .info import read_info
from .scores import read_scores
from .units import read_remarks, read_self_assessed

__all__ = ["LastYear", "validate"]


def validate(raw: RawWorkbook, last_year: LastYear | None = None) -> tuple[Assessment | None, Report]:
    """`last_year` reads the file `Kết quả năm trước` names: see `history.LastYear`."""
    report = Report(raw.source)
    sheets: dict[str, Sheet] = {}
    for name in texts.REQUIRED_SHEETS:
        sheet = _sheet(raw, name, report)
        if sheet is not None:
            sheets[name] = sheet
    # Without a grade scale the tables have no grade column.
    grades_sheet = _sheet(raw, texts.SHEET_GRADES, report) if raw.matches(texts.SHEET_GRADES) else None

    info, info_rows = read_info(sheets[texts.SHEET_INFO], report) if texts.SHEET_INFO in sheets else (None, {})
    declared = read_groups(sheets[texts.SHEET_GROUPS], report) if texts.SHEET_GROUPS in sheets else {}
    criteria = (
        read_criteria(sheets[texts.SHEET_CRITERIA], declared, report)
        if texts.SHEET_CRITERIA in sheets
        else {}
    )
    scale = read_grades(grades_sheet, report) if grades_sheet is not None else None
    history = History()
    if info is not None and info.last_results:
        history = read_last_year(info.last_results, last_year, sheets[texts.SHEET_INFO].name,
                                 info_rows["last_results"], report) or history

    groups = []
    for name, decl in declared.items():
        if name not in criteria:
            if texts.SHEET_CRITERIA in sheets:
                report.error(Code.GROUP_NO_CRITERIA, sheet=decl.sheet, row=decl.row, col=decl.col, params={"group": name})
            continue
        sheet = _sheet(raw, name, report)
        if sheet is None or not criteria[name].tree:  # no criteria left: their rows have errors, reported
            continue
        # Without a valid `Thông tin`, KAD cells are not checked against `Xếp hạng theo`.
        rank_by = info.rank_by if info is not None else RankBy.RATIO
        declared_group = Group(name, decl.title, criteria[name].tree, pd.DataFrame())
        group = read_scores(sheet, declared_group, rank_by, history, criteria[name].broken, report)
        if group is None:
            continue
        own = texts.SELF_ASSESSED_SHEET.format(group=name)
        if raw.matches(own) and (sheet := _sheet(raw, own, report)) is not None:
            group = read_self_assessed(sheet, group, report)
        groups.append(group)
    _self_assessed_unmatched(raw, declared, report)
    if raw.matches(texts.SHEET_REMARKS) and (sheet := _sheet(raw, texts.SHEET_REMARKS, report)) is not None:
        groups = read_remarks(sheet, groups, frozenset(map(texts.label_key, declared)), report)

    if not report.valid or info is None:
        return None, report
    return Assessment(info=info, grades=scale, groups=tuple(groups), history=history), report


def _self_assessed_unmatched(raw: RawWorkbook, groups: Iterable[str], report: Report) -> None:
    """A sheet named as a group's self-assessed scores but of no group (`Tự đánh giá - Sở ban
    ngành`): a warning, or its scores would be silently left off every result sheet."""
    prefix = texts.label_key(texts.SELF_ASSESSED_SHEET.format(group=""))
    known = {texts.label_key(texts.SELF_ASSESSED_SHEET.format(group=g)) for g in groups}
    for name in raw.names:
        key = texts.label_key(name)
        if key.startswith(prefix) and key not in known:
            report.warning(Code.SELF_SHEET_UNKNOWN, sheet=name,
                           params={"groups": ", ".join(f"'{texts.SELF_ASSESSED_SHEET.format(group=g)}'" for g in groups)})


def _sheet(raw: RawWorkbook, label: str, report: Report) -> Sheet | None:
    """The one sheet named `label`; two that match it once names are normalised (NFD and NFC, a
    trailing space, one of them hidden) are an error naming both, never a silent pick."""
    found = raw.matches(label)
    if not found:
        report.error(Code.SHEET_MISSING, params={"sheet_name": label})
        return None
    if len(found) > 1:
        names = ", ".join(f"'{n}'" + (texts.SHEET_HIDDEN_MARK if n in raw.hidden else "") for n in found)
        report.error(Code.SHEET_AMBIGUOUS, params={"sheet_name": label, "names": names})
        return None
    try:
        return raw.load(found[0])
    except UnreadableWorkbook as exc:
        report.error(Code.SHEET_UNREADABLE, sheet=found[0], params={"reason": str(exc)})
        return None

