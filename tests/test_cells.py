"""Reading one cell: text, exact numbers, dates and years, as a person typed them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from generator.cells import THOUSANDS, exact, text_of, to_date, to_decimal, to_year


def test_text_keeps_the_line_breaks_typed_in_a_cell_and_collapses_spaces():
    assert text_of("  HỘI ĐỒNG   THẨM ĐỊNH \n\n  KẾT QUẢ  ") == "HỘI ĐỒNG THẨM ĐỊNH\nKẾT QUẢ"
    assert text_of(2014.0) == "2014" and text_of(None) == "" and text_of("   ") == ""


@pytest.mark.parametrize("value, number, was_text", [
    (92.5, Decimal("92.5"), False), (0.1 + 0.2, Decimal("0.3"), False), (7, Decimal(7), False),
    ("97,5", Decimal("97.5"), True), (" 97.5 ", Decimal("97.5"), True),
    (float("nan"), None, False), (float("inf"), None, False), (True, None, False), ("9,5 điểm", None, False),
])
def test_numbers_are_exact_and_text_that_looks_like_one_says_so(value, number, was_text):
    assert to_decimal(value) == (number, was_text)


def test_a_dot_before_groups_of_three_digits_is_ambiguous():
    assert [bool(THOUSANDS.match(t)) for t in ("1.000", "12.500", "1.000.000", "97.5", "1.0005", "1000")] == [
        True, True, True, False, False, False]


def test_dates_and_years():
    assert to_date("8/1/2015") == datetime.date(2015, 1, 8) and to_date("32/01/2015") is None
    assert to_date(datetime.datetime(2015, 1, 8, 9, 30)) == datetime.date(2015, 1, 8)
    assert to_year(2014.0) == 2014 and to_year("2014") == 2014 and to_year(14) is None
    assert exact(120.0) == Decimal(120)
