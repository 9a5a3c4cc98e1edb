"""Reading one cell: what a cell's value means as text, a number, a date or a year.

Shared by validation and by reading back a results workbook; the reader (`workbook`) has already
made every text XML-safe, free of invisible characters and NFC.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from decimal import Decimal
from typing import Any

from . import texts

TEXT_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
# "1.000" is one thousand in Vietnamese writing and one in English: never guessed.
THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")
TEXT_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
# Cells computed by formulas carry binary noise (0.1 + 0.2 = 0.30000000000000004); scores are
# never meant to have more decimals than this.
FLOAT_DECIMALS = 9


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_not_applicable(value: Any) -> bool:
    """A score cell saying the criterion does not apply to the unit: `KAD`, `Không áp dụng`."""
    return isinstance(value, str) and texts.label_key(value) in NOT_APPLICABLE_KEYS


NOT_APPLICABLE_KEYS = frozenset(texts.label_key(w) for w in texts.NOT_APPLICABLE_WORDS)


def looks_not_applicable(value: Any) -> bool:
    """A text that is `KAD` or `Không áp dụng` but for its dots, spaces or accents ("K.A.D", "khong ap dung")."""
    return isinstance(value, str) and _letters(value) in LOOSE_NOT_APPLICABLE


def _letters(text: str) -> str:
    """Only the letters and digits of `text`, unaccented, lower case ("Không áp dụng." -> "khongapdung")."""
    bare = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in bare if c.isalnum() and not unicodedata.combining(c))


LOOSE_NOT_APPLICABLE = frozenset(_letters(w) for w in texts.NOT_APPLICABLE_WORDS)


def text_of(value: Any) -> str:
    """A cell as text: spaces collapsed within each line, the line breaks typed in it (Alt+Enter)
    kept. The reader has already made every text XML-safe and NFC."""
    if is_empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    lines = (" ".join(line.split()) for line in str(value).split("\n"))
    return "\n".join(line for line in lines if line)


def to_decimal(value: Any) -> tuple[Decimal | None, bool]:
    """A cell as an exact number, and whether it was text that merely looks like one."""
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return Decimal(value), False
    if isinstance(value, float):
        return (exact(value), False) if math.isfinite(value) else (None, False)
    if isinstance(value, str) and TEXT_NUMBER.match(value.strip()):
        return Decimal(value.strip().replace(",", ".")).normalize(), True
    return None, False


def exact(value: float) -> Decimal:
    """The number a person typed: Excel holds it as a binary float, its shortest repr is the text."""
    if value.is_integer():
        return Decimal(int(value))
    return Decimal(repr(round(value, FLOAT_DECIMALS))).normalize()


def to_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = TEXT_DATE.match(text_of(value))
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
    return None


def to_year(value: Any) -> int | None:
    number, _ = to_decimal(value)
    if number is not None and number == number.to_integral_value() and 1900 <= number <= 2200:
        return int(number)
    return None
