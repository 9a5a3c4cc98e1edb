"""`Kết quả năm trước`: last year's results workbook, read for its ranks.

The core opens no file: whoever calls `validate` says how to read the one the workbook names
(`LastYear`); the CLI reads it relative to the workbook's folder.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import results_book, texts
from ..errors import FileTooLarge, NotAFile, UnreadableWorkbook
from ..model import History
from ..problems import Code, Report
from ..workbook import read_bytes

# Given the path as typed in `Thông tin`: where it was looked for (as the user should see it),
# and the file's bytes, or None if there is no such file. It raises errors.NotAFile for a folder
# or a device, errors.FileTooLarge for a file far larger than a results workbook.
LastYear = Callable[[str], tuple[str, bytes | None]]


def read_last_year(
    typed: str, last_year: LastYear | None, sheet: str, row: int, report: Report
) -> History | None:
    """Last year's ranks from the file `typed` names; None, reported at the cell, when it is
    missing, not a file, too large, not a results workbook written by xephang, or ambiguous."""
    at = {"sheet": sheet, "row": row, "col": 1, "label": texts.INFO_FIELD_LABELS["last_results"], "value": typed}

    def invalid(path: str, reason: str) -> History | None:
        report.error(Code.LAST_RESULTS_INVALID, params={"path": path, "reason": reason}, **at)
        return None

    try:
        where, data = last_year(typed) if last_year is not None else (typed, None)
    except NotAFile as exc:
        return invalid(exc.args[0], texts.LAST_RESULTS_NOT_FILE)
    except FileTooLarge as exc:
        path, most = exc.args
        return invalid(path, texts.LAST_RESULTS_TOO_LARGE.format(most=most >> 20))
    if data is None:
        report.error(Code.LAST_RESULTS_MISSING, params={"path": where}, **at)
        return None
    try:
        history = results_book.read_history(read_bytes(data, where, marks=False))
    except UnreadableWorkbook as exc:
        return invalid(where, str(exc))
    except ValueError as exc:  # a rank that is no whole number: edited by hand
        return invalid(where, texts.LAST_RESULTS_BAD_RANK.format(value=exc))
    if history is None:
        return invalid(where, texts.LAST_RESULTS_NO_RANKING)
    for table, unit in history.repeated:  # its rank would be whichever row came last
        report.error(Code.LAST_RESULTS_REPEATED, params={"path": where, "table": table, "unit": unit}, **at)
    return None if history.repeated else history
