"""Stage 4, render: the scored assessment into the notice, a .docx held in memory.

docxtpl fills the Word template (autoescaped, so "&" or "<" in a name stays literal). The ranking
and detail tables are built here as WordprocessingML and spliced in where the template has their
`{{ r.table }}` / `{{ g.details }}` paragraphs: their columns come from the data, and building
the XML directly is linear in the number of rows, where a docxtpl row loop is not.
"""

from __future__ import annotations

import datetime
import functools
import html
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import ooxml, texts
from .model import Assessment
from .scoring import GroupResult, Ranking, Results

# Part A tables use the "Bảng - …" styles, part B the "Bảng chi tiết - …" ones (12 pt).
RANKING_STYLES = ("XHTableHeader", "XHTableNumber", "XHTableText")
DETAIL_STYLES = ("XHDetailHeader", "XHDetailNumber", "XHDetailText")
TEXT_WIDTH = 9355  # twips: A4 portrait less 30 + 15 mm margins
LANDSCAPE_WIDTH = 14287  # twips: A4 landscape, same margins
# Part B turns landscape when a group has more criteria than this: in portrait, columns narrower
# than about 1 cm break criterion names letter by letter.
PORTRAIT_CRITERIA = 8
# LibreOffice slows badly on one huge table (10,000 rows: ~150 s to PDF; as tables of 1,000: ~17 s),
# so a longer table is cut into tables of this many rows, each with its header rows, joined by
# an all but invisible paragraph. Smaller pieces convert a little faster (40,000 rows: 115 s in
# pieces of 1,000, 80 s in pieces of 200) but repeat the header row mid-page more often.
CHUNK_ROWS = 1000
CHUNK_JOIN = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>'
MARKER = "\ue000{}\ue000"  # private-use characters: never in a unit's name
MARKER_PARAGRAPH = re.compile(r"<w:p[ >](?:(?!<w:p[ >]).)*?\ue000(\d+)\ue000.*?</w:p>", re.DOTALL)


class TemplateBroken(Exception):
    """The Word template cannot be filled: a Jinja syntax error, or a table's paragraph missing."""


@dataclass(frozen=True)
class Notice:
    """The rendered notice: a complete .docx file's bytes."""

    docx: bytes


def render(assessment: Assessment, results: Results, template: bytes) -> Notice:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    tables: list[str] = []

    def placeholder(table_xml: str) -> str:
        tables.append(table_xml)
        return MARKER.format(len(tables) - 1)

    doc = DocxTemplate(io.BytesIO(template))
    landscape = any(len(g.group.criteria) > PORTRAIT_CRITERIA for g in results.groups)
    page = doc.get_docx().element.body.sectPr
    portrait_end, landscape_end, last = _sections(page) if landscape else ("", "", None)
    values = context(assessment, results, placeholder, LANDSCAPE_WIDTH if landscape else TEXT_WIDTH)
    values["part_b_begins"], values["part_b_ends"] = placeholder(portrait_end), placeholder(landscape_end)
    try:
        doc.render(values, autoescape=True)
    except TemplateError as exc:  # the template is edited in Word: a tag may get broken
        raise TemplateBroken(str(exc)) from None
    _set_properties(doc.docx.core_properties, assessment)
    if last is not None:
        doc.docx.element.body.replace(doc.docx.element.body.sectPr, last)
    buffer = io.BytesIO()
    doc.save(buffer)

    def splice(xml: str) -> str:
        found: set[int] = set()

        def table(match: re.Match[str]) -> str:
            found.add(int(match.group(1)))
            return tables[int(match.group(1))]

        xml = MARKER_PARAGRAPH.sub(table, xml)
        if len(found) != len(tables):
            raise TemplateBroken("{{ r.table }}, {{ g.details }}, {{ part_b_begins }}, {{ part_b_ends }}")
        return xml

    return Notice(_repack(buffer.getvalue(), {"word/document.xml": splice}))


def context(
    assessment: Assessment, results: Results, placeholder: Callable[[str], str], details_width: int = TEXT_WIDTH
) -> dict[str, Any]:
    info = assessment.info
    recipients = list(info.recipients)
    if not any(r.casefold().startswith("lưu") for r in recipients):
        recipients.append(texts.ARCHIVE_RECIPIENT)
    return {
        "parent_body": info.parent_body,
        "issuing_body": info.issuing_body,
        "number": info.number,
        "place": info.place,
        "date_line": date_line(info.date),
        "year": info.year,
        "subject": info.subject,
        "bases": info.bases,
        "intro": info.intro,
        "overall_title": info.overall_title,
        "authority": info.authority,
        "signer_title": info.signer_title,
        "signer_other_title": info.signer_other_title,
        "signer": info.signer,
        "recipients": recipients,
        "groups": [
            {
                "number": texts.roman(i + 1),
                "title": g.group.title,
                "rankings": [
                    {"title": r.title, "table": placeholder(ranking_table(r, g, results.shared_ranks))}
                    for r in g.rankings
                ],
                "details": placeholder(detail_table(g, results.shared_ranks, details_width)),
            }
            for i, g in enumerate(results.groups)
        ],
    }


def date_line(date: datetime.date) -> str:
    """ "ngày 08 tháng 01 năm 2015": a leading zero for days under 10 and for months 1 and 2 only."""
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


# --- tables -------------------------------------------------------------------------------


def ranking_table(ranking: Ranking, result: GroupResult, shared: bool) -> str:
    header, number, text = RANKING_STYLES
    widths = [750, 4905, 1700, 2000] if not shared else [750, 4155, 1500, 1750, 1200]
    heads = [texts.COL_POSITION, result.group.name, texts.TABLE_SCORE, texts.TABLE_GRADE]
    if shared:
        heads.append(texts.TABLE_RANK)
    head = [_row([_cell(h, header, w) for h, w in zip(heads, widths)], header=True)]
    table = ranking.table
    columns = [_integers(table["position"]), _texts(table["unit"]), _numbers(table["score"]), _texts(table["grade"])]
    if shared:
        columns.append(_integers(table["rank"]))
    return _tables(widths, head, _body(columns, [number, text, number, number, number], widths))


def detail_table(result: GroupResult, shared: bool, width: int = TEXT_WIDTH) -> str:
    header, number, text = DETAIL_STYLES
    criteria = [c.name for c in result.group.criteria]
    rank_width = 800 if shared else 0
    fixed = [600, 2900, 1000]
    each = (width - sum(fixed) - rank_width) // len(criteria)
    widths = fixed + [each] * len(criteria) + ([rank_width] if shared else [])
    restart, cont = "restart", "continue"
    first = [
        _cell(texts.COL_POSITION, header, widths[0], vmerge=restart),
        _cell(result.group.name, header, widths[1], vmerge=restart),
        _cell(texts.TABLE_DETAIL_TOTAL, header, widths[2], vmerge=restart),
        _cell(texts.TABLE_DETAIL_OF_WHICH, header, each * len(criteria), span=len(criteria)),
    ]
    second = [_cell("", header, w, vmerge=cont) for w in widths[:3]]
    second += [_cell(name, header, each) for name in criteria]
    if shared:
        first.append(_cell(texts.TABLE_RANK, header, rank_width, vmerge=restart))
        second.append(_cell("", header, rank_width, vmerge=cont))
    head = [_row(first, header=True), _row(second, header=True)]
    details = result.details
    columns = [_integers(details["position"]), _texts(details["unit"]), _numbers(details["total"])]
    columns += [_numbers(details[name]) for name in criteria]
    if shared:
        columns.append(_integers(details["rank"]))
    return _tables(widths, head, _body(columns, [number, text] + [number] * (len(columns) - 2), widths))


# Cell texts, escaped once per column: a national notice has 40,000 rows of them.
def _integers(column: pd.Series) -> list[str]:
    return [str(v) for v in column.tolist()]


def _texts(column: pd.Series) -> list[str]:
    return [_escape(v) for v in column.tolist()]


@functools.lru_cache(maxsize=1 << 16)  # each unit's name and each grade appear in several tables
def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _numbers(column: pd.Series) -> list[str]:
    return [texts.format_number(v) for v in column.tolist()]


def _body(columns: list[list[str]], styles: list[str], widths: list[int]) -> list[str]:
    """The data rows: one row template with a slot per cell, filled with already escaped texts."""
    template = _row([_cell("\0", style, width) for style, width in zip(styles, widths)])
    pieces = template.replace("%", "%%").replace("\0", "%s")
    return [pieces % values for values in zip(*columns)]


def _cell(text: str, style: str, width: int, span: int = 1, vmerge: str | None = None) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge:
        props += f'<w:vMerge w:val="{vmerge}"/>'
    props += '<w:vAlign w:val="center"/>'
    # No xml:space="preserve": cell texts come trimmed, and 40,000 rows of it add 6 MB of XML.
    run = f"<w:r><w:t>{html.escape(text, quote=False)}</w:t></w:r>" if text else ""
    return f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p></w:tc>'


def _row(cells: list[str], header: bool = False) -> str:
    # No row splits across pages; header rows repeat on every page.
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def _tables(widths: list[int], head: list[str], rows: list[str]) -> str:
    """One table of `head` + `rows`, or for more than CHUNK_ROWS rows, several in a row."""
    chunks = [rows[i:i + CHUNK_ROWS] for i in range(0, len(rows), CHUNK_ROWS)] or [[]]
    return CHUNK_JOIN.join(_table(widths, head + chunk) for chunk in chunks)


def _table(widths: list[int], rows: list[str]) -> str:
    borders = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )


# --- page orientation ---------------------------------------------------------------------


def _sections(page: Any) -> tuple[str, str, Any]:
    """For a landscape part B: the paragraph that ends the portrait pages before it, the one that
    ends its landscape pages, and the document's last section properties (the portrait closing
    pages), which number their first page like any other."""
    from copy import deepcopy

    from docx.oxml.ns import qn
    from lxml import etree

    def without_first_page(sect: Any) -> Any:
        for child in list(sect):
            if child.tag == qn("w:titlePg") or (
                child.tag == qn("w:headerReference") and child.get(qn("w:type")) == "first"
            ):
                sect.remove(child)
        return sect

    def ending(sect: Any) -> str:
        return f"<w:p><w:pPr>{etree.tostring(sect, encoding='unicode')}</w:pPr></w:p>"

    wide = without_first_page(deepcopy(page))
    size = wide.find(qn("w:pgSz"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    size.set(qn("w:w"), height)
    size.set(qn("w:h"), width)
    size.set(qn("w:orient"), "landscape")
    return ending(deepcopy(page)), ending(wide), without_first_page(deepcopy(page))


# --- the package --------------------------------------------------------------------------


def _set_properties(props: Any, assessment: Assessment) -> None:
    """Document properties from the workbook, never the clock: re-runs give identical bytes."""
    info = assessment.info
    moment = datetime.datetime.combine(info.date, datetime.time())
    props.title = info.subject
    props.subject = info.subject
    props.author = info.issuing_body
    props.last_modified_by = info.issuing_body
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.revision = 1


def _repack(docx: bytes, edits: dict[str, Callable[[str], str]]) -> bytes:
    """The .docx again, with `edits` applied to parts and fixed timestamps on every entry."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        entries = [(item.filename, source.read(item.filename)) for item in source.infolist()]
    return ooxml.pack(
        (name, edits[name](data.decode("utf-8")).encode("utf-8") if name in edits else data)
        for name, data in entries
    )
