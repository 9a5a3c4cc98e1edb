"""Stage 2, validate: raw rows into a typed `Assessment`, and every problem into a `Report`.

Everything is checked before anything is written, and all problems are reported at once: a
problem never stops the checks, it only keeps the assessment from being built. One module per
part of the workbook it reads: `info` (Thông tin), `criteria` (Khối, Tiêu chí, Xếp loại),
`scores` (the score sheets), and `tables` for finding a header row in any of them.
"""

from __future__ import annotations

from .. import texts
from ..model import Assessment, Group
from ..problems import Code, Report
from ..workbook import RawWorkbook, Sheet, UnreadableWorkbook
from .criteria import read_criteria, read_grades, read_groups
from .info import read_info
from .scores import read_scores


def validate(raw: RawWorkbook) -> tuple[Assessment | None, Report]:
    report = Report(raw.source)
    sheets: dict[str, Sheet] = {}
    for name in texts.REQUIRED_SHEETS:
        sheet = _sheet(raw, name, report)
        if sheet is not None:
            sheets[name] = sheet

    info = read_info(sheets[texts.SHEET_INFO], report) if texts.SHEET_INFO in sheets else None
    declared = read_groups(sheets[texts.SHEET_GROUPS], report) if texts.SHEET_GROUPS in sheets else {}
    criteria = (
        read_criteria(sheets[texts.SHEET_CRITERIA], declared, report)
        if texts.SHEET_CRITERIA in sheets
        else {}
    )
    scale = read_grades(sheets[texts.SHEET_GRADES], report) if texts.SHEET_GRADES in sheets else None

    groups = []
    for name, decl in declared.items():
        group_criteria = criteria.get(name, ())
        if not group_criteria:
            if texts.SHEET_CRITERIA in sheets:
                report.error(Code.GROUP_NO_CRITERIA, sheet=decl.sheet, row=decl.row, col=decl.col, params={"group": name})
            continue
        sheet = _sheet(raw, name, report)
        if sheet is None:
            continue
        scores = read_scores(sheet, group_criteria, report)
        if scores is not None:
            groups.append(Group(name, decl.title, group_criteria, scores))

    if not report.valid or info is None or scale is None:
        return None, report
    return Assessment(info=info, grades=scale, groups=tuple(groups)), report


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
