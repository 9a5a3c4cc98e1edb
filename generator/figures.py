"""How numbers print: the only place anything is rounded, half up, and only for the eye.

Ranks and grades are decided on exact values (`scoring`); a printed 85,13 may stand for 85,125.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from . import texts
from .layout import Kind
from .model import Display
from .scoring import NEW

# Decimals when `Số chữ số thập phân` is not given: points as typed (None), 2 for a percent, 4 for an
# index, 2 for points scaled to the nominal maximum.
DEFAULT_DECIMALS = {Display.POINTS: None, Display.PERCENT: 2, Display.INDEX: 4, Display.CONVERTED: 2}


def fixed(value: Decimal | Fraction, decimals: int) -> str:
    """`value` rounded half up (away from 0) to `decimals` places, with a decimal comma: 85,125 ->
    "85,13"; a negative one (bonus and penalty points) with a minus sign: −5,5."""
    if value < 0:
        shown = fixed(-value, decimals)
        return shown if set(shown) <= {"0", ","} else texts.MINUS + shown
    scaled = math.floor(Fraction(value) * 10**decimals + Fraction(1, 2))
    text = str(scaled).rjust(decimals + 1, "0")
    return f"{text[:-decimals]},{text[-decimals:]}" if decimals else text


SHARE_DECIMALS = 2  # a share printed as a percent


def share(value: Fraction) -> str:
    """A share in percent, with 2 decimals whatever `Số chữ số thập phân` (33,33): a grade's of a
    group's units (`Bảng tổng hợp`, `Thống kê`), a unit's of a criterion's maximum (its sheet's chart)."""
    return fixed(value * 100, SHARE_DECIMALS)


def as_number(printed: str) -> Decimal:
    """A number as printed ("33,33", "−5"), as a Decimal for a workbook's cell."""
    return Decimal(printed.replace(texts.MINUS, "-").replace(",", "."))


@dataclass(frozen=True)
class Figures:
    """The printing of one document's numbers: `decimals` fixed places for all, or None for the
    defaults (points as typed, a percent with 2, an index with 4)."""

    decimals: int | None = None

    def points(self, value: Decimal | None) -> str:
        """A score: as typed (92,5) or with fixed decimals; `KAD` where the criterion does not apply."""
        if value is None:
            return texts.NOT_APPLICABLE
        if self.decimals is not None:
            return fixed(value, self.decimals)
        return texts.MINUS + texts.format_number(-value) if value < 0 else texts.format_number(value)

    def percent(self, ratio: Fraction | None) -> str:
        if ratio is None:
            return texts.NOT_APPLICABLE
        return fixed(ratio * 100, self._places(Display.PERCENT))

    def index(self, ratio: Fraction | None) -> str:
        if ratio is None:
            return texts.NOT_APPLICABLE
        return fixed(ratio, self._places(Display.INDEX))

    def converted(self, points: Fraction | None) -> str:
        """Points scaled to the nominal maximum (`Điểm quy đổi`)."""
        if points is None:
            return texts.NOT_APPLICABLE
        return fixed(points, self._places(Display.CONVERTED))

    def ratio(self, value: Fraction | None, display: Display) -> str:
        """A ratio's column as `display` shows it: a percent, an index, or the converted points."""
        shown = {Display.PERCENT: self.percent, Display.INDEX: self.index, Display.CONVERTED: self.converted}
        return shown[display](value)

    def shown(self, ratio: Fraction, display: Display) -> Decimal:
        """The number printed for a ratio, as a Decimal (for a workbook's cell)."""
        return as_number(self.ratio(ratio, display))

    def printer(self, kind: Kind) -> Callable[[Any], str]:
        """How a column of `kind` prints each cell."""
        printers: dict[Kind, Callable[[Any], str]] = {
            Kind.INTEGER: lambda value: "" if value is None else str(value),
            Kind.NUMBER: self.points,
            Kind.MAXIMUM: texts.format_number,
            Kind.PERCENT: self.percent,
            Kind.INDEX: self.index,
            Kind.CONVERTED: self.converted,
            Kind.CHANGE: change,
            Kind.TEXT: str,
        }
        return printers[kind]

    def _places(self, display: Display) -> int:
        places = DEFAULT_DECIMALS[display] if self.decimals is None else self.decimals
        assert places is not None
        return places


def change(value: int | str) -> str:
    """A rise or fall since last year: `Tăng 2`, `Giảm 1`, `Giữ nguyên`; `Mới` for a unit new
    since (`scoring.NEW`), nothing for one that was not in that ranking (`scoring.ABSENT`)."""
    if isinstance(value, str):
        return texts.CHANGE_NEW if value == NEW else ""
    if value > 0:
        return texts.CHANGE_UP.format(places=value)
    if value < 0:
        return texts.CHANGE_DOWN.format(places=-value)
    return texts.CHANGE_SAME
