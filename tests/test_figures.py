"""Printing numbers: rounded half up, only for the eye."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction as F

import pytest

from generator.figures import Figures, change, fixed
from generator.model import Display
from generator.scoring import ABSENT, NEW


@pytest.mark.parametrize("value, decimals, printed", [
    (D("85.125"), 2, "85,13"),  # half up, where round() and Decimal's default would give 85,12
    (D("85.135"), 2, "85,14"),
    (D("0.64"), 3, "0,640"),  # fixed decimals keep their zeros
    (F(2, 3), 4, "0,6667"),
    (F(1, 3), 0, "0"),
    (D("99.995"), 2, "100,00"),
    (D(7), 0, "7"),
])
def test_fixed_rounds_half_up(value, decimals, printed):
    assert fixed(value, decimals) == printed


def test_defaults_points_as_typed_percent_two_index_four():
    figures = Figures()
    assert figures.points(D("92.5")) == "92,5"
    assert figures.points(D("4.0")) == "4"
    assert figures.ratio(F(17025, 20000), Display.PERCENT) == "85,13"  # 85,125 %
    assert figures.ratio(F(8002, 10000), Display.INDEX) == "0,8002"
    assert figures.points(None) == figures.percent(None) == "KAD"


def test_given_decimals_apply_to_every_number():
    figures = Figures(3)
    assert figures.points(D("92.5")) == "92,500"
    assert figures.ratio(F(16, 25), Display.INDEX) == "0,640"
    assert figures.ratio(F(16, 25), Display.PERCENT) == "64,000"
    assert figures.shown(F(1, 3), Display.INDEX) == D("0.333")


@pytest.mark.parametrize("places, text", [(2, "Tăng 2"), (-1, "Giảm 1"), (0, "Giữ nguyên"), (NEW, "Mới"),
                                          (ABSENT, "")])
def test_change_since_last_year(places, text):
    assert change(places) == text
