"""The `Thông tin` sheet: the notice's own details, label in column A, value in column B."""

from __future__ import annotations

import re
from typing import Any

from .. import texts
from ..cells import is_empty, text_of, to_date, to_decimal, to_year
from ..model import Display, DocumentKind, IssueDate, NoticeInfo, RankBy, TieRule
from ..problems import Code, Report
from ..workbook import Sheet

TEXT_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")  # a draft's "01/2015"


def read_info(sheet: Sheet, report: Report) -> tuple[NoticeInfo | None, dict[str, int]]:
    """The notice's details, and the row of each value found (by field), for later problems about
    one of them (`Kết quả năm trước`)."""
    label_fields = {texts.label_key(label): field for label, field in texts.INFO_LABELS.items()}
    heading = texts.label_key(texts.COL_INFO_LABEL)
    found: dict[str, Any] = {}
    value_rows: dict[str, int] = {}  # the row of each value found (values are in column B)
    empty: dict[str, int] = {}  # labels present with no value: the row of the cell to fill
    for r in range(len(sheet.rows)):
        label, value = sheet.value(r, 0), sheet.value(r, 1)
        if is_empty(label) or texts.label_key(label) == heading:
            continue
        field = label_fields.get(texts.label_key(label))
        if field is None:
            report.warning(Code.INFO_UNKNOWN, sheet=sheet.name, row=r, col=0, value=text_of(label))
        elif field in texts.INFO_LIST_FIELDS:
            if not is_empty(value):
                found.setdefault(field, []).append(text_of(value))
            else:
                empty.setdefault(field, r)
        elif field in found:
            report.error(Code.INFO_REPEATED, sheet=sheet.name, row=r, col=0, label=texts.INFO_FIELD_LABELS[field])
        elif not is_empty(value):
            found[field] = value
            value_rows[field] = r
        else:
            empty.setdefault(field, r)

    # A decision has articles where a notice has its introductory sentence.
    decision = texts.label_key(text_of(found.get("kind", ""))) == texts.label_key(texts.KIND_WORDS["decision"])
    required = [f for f in texts.INFO_REQUIRED_FIELDS if not (decision and f == "intro")]
    for field in [*required, *(["articles"] if decision else [])]:
        label = texts.INFO_FIELD_LABELS[field]
        if field in empty and field not in found:
            if field not in texts.INFO_DRAFT_FIELDS:
                report.error(Code.INFO_EMPTY, sheet=sheet.name, row=empty[field], col=1, label=label)
        elif field not in found and field not in empty:
            report.error(Code.INFO_MISSING, sheet=sheet.name, label=label)

    def invalid(code: Code, field: str, **params: Any) -> None:
        report.error(code, sheet=sheet.name, row=value_rows[field], col=1, value=text_of(found[field]),
                     label=texts.INFO_FIELD_LABELS[field], params=params)

    values: dict[str, Any] = {}
    for field, value in found.items():
        if field in texts.INFO_LIST_FIELDS:
            values[field] = tuple(value)
        elif field == "year":
            values[field] = to_year(value)
            if values[field] is None:
                invalid(Code.YEAR_INVALID, field)
        elif field == "tie_rule":
            rules = {texts.label_key(texts.TIE_KEEP_ORDER): TieRule.KEEP_ORDER,
                     texts.label_key(texts.TIE_SHARED): TieRule.SHARED}
            values[field] = rules.get(texts.label_key(value))
            if values[field] is None:
                invalid(Code.TIE_RULE_INVALID, field, keep=texts.TIE_KEEP_ORDER, shared=texts.TIE_SHARED)
        elif field in CHOICES:
            words = CHOICES[field]
            values[field] = next((v for w, v in words.items() if texts.label_key(w) == texts.label_key(text_of(value))),
                                 None)
            if values[field] is None:
                shown = [f"'{w}'" for w in words]
                invalid(Code.CHOICE_INVALID, field, choices=f"{', '.join(shown[:-1])} {texts.OR} {shown[-1]}")
        elif field == "decimals":
            number, _ = to_decimal(value)
            if number is None or number != number.to_integral_value() or not 0 <= number <= texts.DECIMALS_MAX:
                invalid(Code.DECIMALS_INVALID, field, most=texts.DECIMALS_MAX)
            else:
                values[field] = int(number)
        elif field != "date":
            values[field] = text_of(value)
    # Before the văn thư gives them, the number and the date may be empty: the notice is a draft.
    values.setdefault("number", "")
    values.setdefault("intro", "")  # a decision has none
    values["date"] = to_issue_date(found.get("date"), values.get("year"))
    if values["date"] is None and "date" in found:
        invalid(Code.DATE_INVALID, "date")
    if not report.valid:
        return None, value_rows
    return NoticeInfo(**values), value_rows


# The fields given by one of a few words (as typed, matched as labels); `Chi tiết đến cấp` by its number.
CHOICES: dict[str, dict[str, Any]] = {
    "rank_by": {texts.RANK_BY_WORDS[m.value]: m for m in RankBy},
    "display": {texts.DISPLAY_WORDS[m.value]: m for m in Display},
    "kind": {texts.KIND_WORDS[m.value]: m for m in DocumentKind},
    "detail_level": {str(level): level for level in texts.DETAIL_LEVELS},
}


def to_issue_date(value: Any, year: int | None) -> IssueDate | None:
    """`Ngày ban hành`: a date, or in a draft month and year ("01/2015") or nothing at all (the
    year after the assessed one); None for anything else."""
    if is_empty(value):
        return IssueDate(year + 1) if year is not None else None
    date = to_date(value)
    if date is not None:
        return IssueDate(date.year, date.month, date.day)
    match = TEXT_MONTH.match(text_of(value))
    if match and 1 <= int(match.group(1)) <= 12:
        return IssueDate(int(match.group(2)), int(match.group(1)))
    return None
