"""`Kết quả năm trước`: last year's results workbook, read for its ranks.

The core opens no file: whoever calls `validate` says how to read the one the workbook names
(`LastYear`); the CLI reads it relative to the workbook's folder.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import changes, texts
from ..errors import UnreadableWorkbook
from ..model import History
from ..problems import Code, Report
from ..workbook import read_bytes

# Given the path as typed in `Thông tin`: where it was looked for (as the user should see it),
# and the file's bytes, or None if there is no such file.
LastYear = Callable[[str], tuple[str, bytes | None]]


def read_last_year(
    typed: str, last_year: LastYear | None, sheet: str, row: int, report: Report
) -> History | None:
    """Last year's ranks from the file `typed` names; None, reported at the cell, when it is
    missing or not a results workbook written by xephang."""
    where, data = last_year(typed) if last_year is not None else (typed, None)
    at = {"sheet": sheet, "row": row, "col": 1, "label": texts.INFO_FIELD_LABELS["last_results"], "value": typed}
    if data is None:
        report.error(Code.LAST_RESULTS_MISSING, params={"path": where}, **at)
        return None
    try:
        history = changes.read_history(read_bytes(data, where, marks=False))
    except UnreadableWorkbook as exc:
        report.error(Code.LAST_RESULTS_INVALID, params={"path": where, "reason": str(exc)}, **at)
        return None
    except ValueError as exc:  # a rank that is no whole number: edited by hand
        reason = texts.LAST_RESULTS_BAD_RANK.format(value=exc)
        report.error(Code.LAST_RESULTS_INVALID, params={"path": where, "reason": reason}, **at)
        return None
    if history is None:
        report.error(Code.LAST_RESULTS_INVALID, params={"path": where, "reason": texts.LAST_RESULTS_NO_RANKING}, **at)
    return history
