"""The `Thông tin` sheet: the notice's own details, label in column A, value in column B."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .. import texts
from ..cells import is_empty, text_of, to_date, to_decimal, to_year
from ..info import BY_NAME, FIELDS, Field, Read
from ..model import Display, DocumentKind, Form, IssueDate, NoticeInfo, RankBy
from ..problems import Code, Report
from ..workbook import Sheet

TEXT_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")  # a draft's "01/2015"


def read_info(sheet: Sheet, report: Report) -> tuple[NoticeInfo | None, dict[str, int]]:
    """The notice's details, each field read as `info.FIELDS` says, and the row of each value found
    (by field), for later problems about one of them (`Kết quả năm trước`)."""
    label_fields = {texts.label_key(label): BY_NAME[name] for label, name in texts.INFO_LABELS.items()}
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
        elif field.read is Read.LIST:
            if not is_empty(value):
                found.setdefault(field.name, []).append(text_of(value))
            else:
                empty.setdefault(field.name, r)
        elif field.name in found:
            report.error(Code.INFO_REPEATED, sheet=sheet.name, row=r, col=0, label=field.label)
        elif not is_empty(value):
            found[field.name] = value
            value_rows[field.name] = r
        else:
            empty.setdefault(field.name, r)

    # What the document needs depends on its kind: a decision has articles where a notice has its
    # introductory sentence.
    kind = _choice(BY_NAME["kind"], found.get("kind", "")) or DocumentKind.NOTICE
    for field in FIELDS:
        if kind not in field.required:
            continue
        if field.name in empty and field.name not in found:
            if not field.draft:
                report.error(Code.INFO_EMPTY, sheet=sheet.name, row=empty[field.name], col=1, label=field.label)
        elif field.name not in found and field.name not in empty:
            report.error(Code.INFO_MISSING, sheet=sheet.name, label=field.label)

    def invalid(code: Code, field: Field, **params: Any) -> None:
        report.error(code, sheet=sheet.name, row=value_rows[field.name], col=1, value=text_of(found[field.name]),
                     label=field.label, params=params)

    values: dict[str, Any] = {}
    for name, value in found.items():
        field = BY_NAME[name]
        if field.read is Read.LIST:
            values[name] = tuple(value)
        elif field.read is Read.YEAR:
            values[name] = to_year(value)
            if values[name] is None:
                invalid(Code.YEAR_INVALID, field)
        elif field.read is Read.CHOICE:
            values[name] = _choice(field, value)
            if values[name] is None:
                invalid(Code.CHOICE_INVALID, field, choices=texts.either(field.choices))
        elif field.read is Read.DECIMALS:
            number, _ = to_decimal(value)
            if number is None or number != number.to_integral_value() or not 0 <= number <= texts.DECIMALS_MAX:
                invalid(Code.DECIMALS_INVALID, field, most=texts.DECIMALS_MAX)
            else:
                values[name] = int(number)
        elif field.read is Read.TEXT:
            values[name] = text_of(value)
    if "number" in values:
        padded = padded_number(values["number"])
        if padded != values["number"]:
            report.warning(Code.NUMBER_PADDED, sheet=sheet.name, row=value_rows["number"], col=1,
                           value=values["number"], label=BY_NAME["number"].label, params={"number": padded})
            values["number"] = padded
    # A text this kind of document does not need, or a draft's number not given yet, is empty.
    for field in FIELDS:
        if field.required and field.read is Read.TEXT:
            values.setdefault(field.name, "")
    values["date"] = to_issue_date(found.get("date"), values.get("year"))
    if values["date"] is None and "date" in found:
        invalid(Code.DATE_INVALID, BY_NAME["date"])
    if not report.valid:
        return None, value_rows
    if values.get("display") is Display.CONVERTED and values.get("rank_by", RankBy.POINTS) is RankBy.POINTS:
        invalid(Code.DISPLAY_NEEDS_RATIO, BY_NAME["display"])
        return None, value_rows
    if values.get("form") is Form.ELECTRONIC:
        _leave_blank(values, value_rows, sheet, report)
    return NoticeInfo(**values), value_rows


def _leave_blank(values: dict[str, Any], value_rows: dict[str, int], sheet: Sheet, report: Report) -> None:
    """An electronic document's number and day, left blank for the e-office system to stamp: one
    typed is not printed, and a warning at its cell says so."""
    form = BY_NAME["form"].written(Form.ELECTRONIC)
    head, slash, symbol = values.get("number", "").partition("/")
    if head.strip():
        report.warning(Code.ELECTRONIC_NUMBER_BLANK, sheet=sheet.name, row=value_rows["number"], col=1,
                       value=values["number"], label=BY_NAME["number"].label,
                       params={"form": form, "symbol": slash + symbol})
        values["number"] = slash + symbol
    date: IssueDate = values["date"]
    if date.day is not None:
        report.warning(Code.ELECTRONIC_DAY_BLANK, sheet=sheet.name, row=value_rows["date"], col=1,
                       value=date.numeric(""), label=BY_NAME["date"].label,
                       params={"form": form})
        values["date"] = replace(date, day=None)


def padded_number(number: str) -> str:
    """`Số, ký hiệu` as Nghị định 30 writes it: a number below 10 with a leading 0 ("7/TB" -> "07/TB")."""
    head, slash, symbol = number.partition("/")
    digits = head.strip()
    return f"0{digits}{slash}{symbol}" if len(digits) == 1 and digits.isdigit() else number


def _choice(field: Field, value: Any) -> Any:
    """The value of the word `value` among `field`'s choices, matched as labels are; None for none."""
    typed = texts.label_key(text_of(value))
    return next((given for word, given in field.choices.items() if texts.label_key(word) == typed), None)


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
