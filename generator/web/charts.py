"""A chart of each ranking for the page: one horizontal bar per unit, highest on top, coloured by
its grade, made by pygal as SVG on the server and put inline in the page (no script, no file).

Each grade is a series of a stacked bar chart that holds only its units' values (the others
None, which `strict` keeps from being drawn): the bars stay full height, one per unit, and the
legend names the grades in the scale's order.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from .. import api
from ..api import UnitSheet

# Grades from the highest: green, through amber, to red; a scale of n grades takes n of them spread
# over the whole range, so the highest is always green and the lowest red.
GRADE_COLOURS = ("#2e7d32", "#7cb342", "#f9a825", "#ef6c00", "#c62828")
UNGRADED_COLOUR = "#1565c0"
MOST_UNITS = 200  # a ranking of more units gets no chart: its bars would be too thin to read
BAR_HEIGHT, MARGINS, LEGEND_ROW = 28, 64, 26  # pixels of the chart's own drawing (the page scales it to its width)
LEGEND_COLUMNS = 3
LABEL_FONT, LEGEND_FONT, LEGEND_BOX = 12, 13, 12 + 5 + 10  # pixels; a legend's box, its gap and room after it
SCALE_STEP = 40  # pixels at least between two numbers of the scale
WIDTH = 540
# A unit's name beside its bar, in characters: longer ones are shortened with "…" (the whole name
# on hover), so that some 250 of the chart's 540 pixels stay for the bars whatever the names.
LABEL_MOST = 40
FONT = "'Segoe UI', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"


def colours(count: int) -> tuple[str, ...]:
    """The colours of a scale of `count` grades, highest first."""
    if count <= 1:
        return GRADE_COLOURS[:1]
    last = len(GRADE_COLOURS) - 1
    return tuple(GRADE_COLOURS[round(i * last / (count - 1))] for i in range(count))


def ranking_chart(bars: api.Bars) -> Markup | None:
    """A ranking's chart as inline SVG, values as the document prints them on the bars; None for a
    ranking of no units or of more than MOST_UNITS. Graded, a series a grade of the scale, highest
    first; else every bar one colour, in one series."""
    import pygal
    from pygal.style import Style

    count = len(bars.units)
    if count == 0 or count > MOST_UNITS:
        return None
    names, graded = bars.names, bars.graded
    units = list(reversed(bars.units))
    labels = [_shortened(unit) for unit in units]
    # The plot is what the labels leave of the width, as pygal reckons text (0.6 of the font's size a
    # character); its legend's columns and its scale's steps are fitted to it, or they overlap.
    plot = WIDTH - 2 * 8 - 0.6 * LABEL_FONT * max(map(len, labels)) - 12
    legend_item = LEGEND_BOX + 0.6 * LEGEND_FONT * max(map(len, names))
    columns = max(1, min(len(names), LEGEND_COLUMNS, int(plot // legend_item)))
    rows = -(-len(names) // columns)
    # pygal keeps room for len(names) // columns rows of legend, one short when they do not divide.
    missing = rows - len(names) // columns
    style = Style(
        colors=colours(len(names)) if graded else (UNGRADED_COLOUR,),
        background="transparent", plot_background="transparent", font_family=FONT,
        label_font_size=LABEL_FONT, major_label_font_size=LABEL_FONT, legend_font_size=LEGEND_FONT, value_font_size=11,
        foreground="#222", foreground_strong="#222", foreground_subtle="#bbb",
    )
    low, ticks = scale(bars.lengths, bars.top, plot)
    chart = pygal.HorizontalStackedBar(
        style=style, strict=True, width=WIDTH, height=MARGINS + BAR_HEIGHT * count + LEGEND_ROW * rows,
        range=(low, bars.top), zero=low, y_labels=ticks, value_formatter=_tick, print_values=True, print_values_position="top",
        legend_at_bottom=True, legend_at_bottom_columns=columns, show_legend=True,
        truncate_label=-1, truncate_legend=-1,
        disable_xml_declaration=True, js=[], margin=8, spacing=6, margin_bottom=8 + LEGEND_ROW * missing,
    )
    # pygal draws the first label at the bottom: the ranking's last unit first, so the first is on top.
    chart.x_labels = labels
    chart.add_xml_filter(_named(units))
    order = list(reversed(range(count)))
    for name in names:
        # Each bar says its value, and its grade: colours alone would not tell Khá from Trung bình.
        chart.add(name, [
            {"value": bars.lengths[i], "formatter": _fixed(f"{bars.shown[i]} · {name}" if graded else bars.shown[i])}
            if bars.series[i] == name else None
            for i in order
        ])
    svg = chart.render(is_unicode=True)
    return Markup(svg)


NICE = (1, 2, 2.5, 5, 10)  # a scale's step, times a power of ten


def scale(values: list[float], top: float, plot: float) -> tuple[float, list[float]]:
    """Where a chart's axis starts, and its labels: from a round number a step below the lowest
    value (0 where the values reach down near it), so that 820 and 985 look apart; as many labels as
    fit in `plot` pixels, SCALE_STEP apart at least, none colliding."""
    lowest = min(values, default=0.0)
    most = max(2, int(plot // SCALE_STEP))
    span = max(top - lowest, top / 20, 1e-9)
    step = _nice(span / min(most - 1, 5))
    low = max(0.0, float((lowest // step - 1) * step))
    if low < step * 2:  # the values reach down near 0: start there
        low = 0.0
    step = _nice((top - low) / (most - 1)) if (top - low) / step > most - 1 else step
    ticks = [round(low + k * step, 10) for k in range(int((top - low) / step + 1e-9) + 1)]
    return low, ticks


def _tick(value: float) -> str:
    """A scale's label as the document writes numbers: 2,5 and 100, not 2.5 and 100.0."""
    return f"{value:g}".replace(".", ",")


def _nice(rough: float) -> float:
    """The least step of NICE, times a power of ten, not below `rough`."""
    power = 10 ** math.floor(math.log10(rough))
    return float(next(n * power for n in NICE if n * power >= rough - 1e-12))


def _shortened(name: str) -> str:
    """A unit's name as its label: pygal sizes the labels' margin by their text, never cut in a
    horizontal chart, so a long name would push the bars out of the chart's view."""
    return name if len(name) <= LABEL_MOST else name[: LABEL_MOST - 1].rstrip() + "…"


def _named(names: list[str]) -> Callable[[Any], Any]:
    """An xml filter of pygal's: each label's `<title>` (which pygal fills with the bar's position)
    the unit's whole name, which a browser shows on hover."""
    from pygal.etree import etree

    def named(root: Any) -> Any:
        for axis in root.iter():
            if axis.get("class") != "axis y":
                continue
            for guides, name in zip((g for g in axis if g.get("class") == "guides"), names):
                title = next((c for c in guides if str(c.tag).endswith("title")), None)
                if title is None:
                    title = etree.SubElement(guides, "title")
                title.text = name
        return root

    return named


def _fixed(text: str) -> Callable[..., str]:
    """A bar's value as the document prints it, for pygal (its description of the bar)."""

    def formatter(*_: object, **__: object) -> str:
        return text

    return formatter



SHEET_COLOURS = (UNGRADED_COLOUR, "#9e9e9e")  # the unit, the group's average: told apart by the legend too


def sheet_chart(sheet: UnitSheet, average: str) -> Markup:
    """A result sheet's chart as inline SVG: per top-level criterion the unit's share of the maximum
    and the group's average share (the series named `average`), in percent, each bar with its value,
    as the sheet's Word chart."""
    import pygal
    from pygal.style import Style

    labels = [_shortened(b.label) for b in reversed(sheet.bars)]
    style = Style(colors=SHEET_COLOURS, background="transparent", plot_background="transparent", font_family=FONT,
                  label_font_size=LABEL_FONT, major_label_font_size=LABEL_FONT, legend_font_size=LEGEND_FONT,
                  value_font_size=11, foreground="#222", foreground_strong="#222", foreground_subtle="#bbb")
    chart = pygal.HorizontalBar(
        style=style, width=WIDTH, height=MARGINS + 2 * BAR_HEIGHT * len(labels) + LEGEND_ROW, range=(0, 100),
        legend_at_bottom=True, legend_at_bottom_columns=2, truncate_label=-1, truncate_legend=-1,
        print_values=True, disable_xml_declaration=True, js=[], margin=8, spacing=6,
    )
    chart.x_labels = labels
    for name, values in ((_shortened(sheet.unit), [b.unit for b in reversed(sheet.bars)]),
                         (average, [b.average for b in reversed(sheet.bars)])):
        chart.add(name, [None if v is None else {"value": v, "formatter": _fixed(_comma(v))} for v in values])
    return Markup(chart.render(is_unicode=True))


def _comma(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")
