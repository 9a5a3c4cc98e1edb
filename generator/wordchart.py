"""A unit's chart as a native Word chart: a chart part (DrawingML) with its data in an embedded
workbook, so that a secretary can restyle it, or edit its data, in Word; LibreOffice draws it in the
PDF.

python-pptx writes the chart's XML (`ChartXmlWriter`, the same for Word as for PowerPoint) and
styles it through its chart objects; the embedded workbook is written by `ooxml.xlsx`, the results
workbook's writer: python-pptx's own (XlsxWriter) stamps it with the clock, and every output here is
the same bytes for the same input. Its parts are stored uncompressed: the .docx compresses it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import ooxml
from .sheets import Bar

if TYPE_CHECKING:
    from lxml.etree import _Element

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
PACKAGE_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
DATA_SHEET = "Sheet1"  # the sheet python-pptx's formulas name ("Sheet1!$B$2:$B$7")
NUMBER_FORMAT = "0.00"
LANGUAGE = "vi-VN"
FONT, FONT_POINTS = "Times New Roman", 11
WIDTH = 5_940_000  # EMU: 16.5 cm, the template's text width
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"  # the chart's elements' namespace, as lxml names them
HEIGHT_BASE, HEIGHT_PER_BAR = 1_100_000, 380_000  # EMU: the legend and axis, and each criterion's pair of bars


@dataclass(frozen=True)
class Chart:
    """A chart's parts: its XML, its embedded workbook, and how tall it is drawn (EMU)."""

    xml: bytes
    workbook: bytes
    height: int


def chart(bars: tuple[Bar, ...], unit: str, average: str) -> Chart:
    """Horizontal bars, two per top-level criterion: the unit's share of the maximum (`unit`, its
    name, heads the series) and the group's average share (`average`, the template's word), from 0
    to 100 %, each bar with its value; the criteria top down in code order.

    A group's units share their chart but for the unit's series: it is styled once for the group
    (`_styled`, as many times as its units' criteria that do not apply differ), and each unit's
    copy gets its name and values."""
    from copy import deepcopy

    from lxml import etree

    shape = (tuple(b.label for b in bars), tuple(b.average for b in bars), average, tuple(b.unit is None for b in bars))
    space = deepcopy(_styled(*shape))
    series = space.find(f".//{C}ser")
    assert series is not None
    next(series.find(f"{C}tx").iter(f"{C}v")).text = unit
    for point, value in zip(series.find(f"{C}val").iter(f"{C}v"), (b.unit for b in bars if b.unit is not None)):
        point.text = repr(value)
    rows: list[list[object]] = [[None, unit, average], *(list[object]([b.label, b.unit, b.average]) for b in bars)]
    return Chart(etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True),
                 ooxml.xlsx([(DATA_SHEET, rows)], compressed=False), HEIGHT_BASE + HEIGHT_PER_BAR * len(bars))


@functools.lru_cache(maxsize=64)
def _styled(labels: tuple[str, ...], averages: tuple[float, ...], average: str, missing: tuple[bool, ...]) -> _Element:
    """The chart of a unit whose values are missing where `missing` says, styled: written by
    python-pptx with 0 for each value of the unit's series, to be filled in (`chart`)."""
    from lxml import etree
    from pptx.chart.chart import Chart as PptxChart
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xmlwriter import ChartXmlWriter
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.oxml import parse_xml
    from pptx.util import Pt

    data = CategoryChartData(number_format=NUMBER_FORMAT)
    data.categories = list(labels)
    data.add_series("", [None if m else 0.0 for m in missing])
    data.add_series(average, list(averages))
    space: _Element = parse_xml(ChartXmlWriter(XL_CHART_TYPE.BAR_CLUSTERED, data).xml.encode("utf-8"))
    styled = PptxChart(space, None)  # no PowerPoint part: its XML only is styled
    styled.has_legend = True
    styled.legend.position = XL_LEGEND_POSITION.BOTTOM
    styled.legend.include_in_layout = False
    plot = styled.plots[0]
    plot.has_data_labels = True
    labels_ = plot.data_labels
    labels_.number_format, labels_.number_format_is_linked = NUMBER_FORMAT, False
    labels_.position = XL_LABEL_POSITION.OUTSIDE_END
    values = styled.value_axis
    values.minimum_scale, values.maximum_scale = 0, 100
    values.has_major_gridlines = True
    styled.category_axis.reverse_order = True  # the first criterion on top, as in the table
    # The values' axis under the bars, where the reversed one ends: `crosses` of the values' axis,
    # which python-pptx sets only for an axis of values.
    space.find(f".//{C}valAx/{C}crosses").set("val", "max")
    styled.font.name, styled.font.size = FONT, Pt(FONT_POINTS)
    for properties in space.iter(f"{{{space.nsmap['a']}}}defRPr"):  # and its texts' language
        properties.set("lang", LANGUAGE)
    # Numbers with a decimal comma: the chart's language, after `date1904` as the schema orders it.
    space[0].addnext(etree.Element(f"{C}lang", val=LANGUAGE))
    # The embedded workbook, after the text properties as the schema orders a chart's parts.
    external = etree.SubElement(space, f"{C}externalData")
    external.set(f"{{{space.nsmap['r']}}}id", "rId1")
    etree.SubElement(external, f"{C}autoUpdate").set("val", "0")
    return space


def relations(workbook: str) -> str:
    """The chart part's relationships: its embedded workbook, at `workbook` (relative to the chart)."""
    return (f'{ooxml.HEAD}<Relationships xmlns="{ooxml.RELS}"><Relationship Id="rId1" Type="{PACKAGE_RELATION}" '
            f'Target="{workbook}"/></Relationships>')


def inline(relation: str, number: int, name: str, height: int) -> str:
    """The paragraph that draws the chart of relationship `relation` where it stands, centred; `number`
    is its drawing's id, unique in the document."""
    return (
        '<w:p><w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr><w:r><w:drawing>'
        '<wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        f'distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{WIDTH}" cy="{height}"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{number}" name="{name} {number}"/>'
        '<wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{relation}"/>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
    )
