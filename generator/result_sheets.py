"""Stage 4, render: each unit's result sheet (`sheets`) filled from the `phieu-ket-qua.docx` template,
with its chart (`wordchart`): one .docx per unit in a zip, and all of them in one .docx for
printing, each from a new page with its own page numbers.

The template is checked once, as the notice's (`fill.check`), and filled per unit by
`fill.Repeated`: thousands of sheets are filled in the time docxtpl takes for a few hundred. The
package around each sheet's parts is the template's, its document properties set once from the
workbook, never the clock.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from . import fill, notice, ooxml, sheets, wordchart, wordml
from .errors import TemplateBroken
from .model import Assessment, DocumentKind
from .scoring import Results

_V = fill.VALUE
# What a sheet's template gets, as `fill.check` checks it; a test holds it to `_values`.
FIELDS = fill.Record({
    **notice.INFO,
    "decision": _V,  # the document it accompanies is a decision (else a notice)
    "display": _V,  # how the document prints a ranked value: "points", "percent", "index" or "converted"
    "value_heading": _V,  # `Tên cột điểm`, or ""
    "u": fill.Record({
        "unit": _V, "group": _V, "group_title": _V, "total": _V, "maximum": _V, "value": _V, "grade": _V,
        "not_ranked": _V, "self_assessed": _V,
        "rankings": fill.Items(fill.Record({"title": _V, "rank": _V, "previous": _V, "change": _V})),
        "remarks": fill.Items(fill.Record({"criterion": _V, "text": _V})),
        "table": fill.TABLE, "chart": fill.TABLE,
    }),
})
BLOCKS = "{{ u.table(cot) }}, {{ u.chart(cot) }}"  # what a template that misplaces a block is told
CHART_NAME = "Chart"  # the chart drawing's name in Word's selection pane
CHART_RELATION = "rIdXephangChart"  # the chart's relationship in a sheet's own .docx
DOCUMENT = fill.DOCUMENT
CONTENT_TYPES, DOCUMENT_RELS = "[Content_Types].xml", "word/_rels/document.xml.rels"
XLSX_DEFAULT = f'<Default Extension="xlsx" ContentType="{ooxml.CONTENT}.sheet"/>'
SECTION = re.compile(r"<w:sectPr\b.*?</w:sectPr>", re.S)
DRAWING_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")\d+(")')


@dataclass(frozen=True)
class Rendered:
    """Every unit's sheet: a zip of one .docx each, and one .docx of them all."""

    zip: bytes
    docx: bytes
    made: sheets.Made


def check(template: bytes) -> None:
    """Checks a sheet's Word template against the fields a sheet provides (`fill.check`)."""
    fill.check(template, FIELDS)


def render(assessment: Assessment, results: Results, template: bytes) -> Rendered:
    """Every unit's sheet from the Word `template`'s bytes, once `check`ed. Raises TemplateBroken,
    TemplateRefused or TemplateUnreadable(why)."""
    check(template)
    made = sheets.build(results)
    base, width = _base(template, assessment)
    repeated = fill.Repeated(template)
    shared = _shared_values(assessment)
    varying = [name for name in repeated.parts if name != DOCUMENT and fill.has_jinja(repeated.sources[name])]
    out, whole = io.BytesIO(), io.BytesIO()
    words: dict[str, str] = {}
    # Each unit's .docx is stored in the zip as it is: compressed already, it would shrink no further.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive, _Whole(whole, base, varying) as combined:
        for n, sheet in enumerate(made, start=1):
            parts, chart = _filled(repeated, sheet, shared, width, words)
            archive.writestr(zipfile.ZipInfo(sheet.file_name, ooxml.ZIP_DATE), _one(base, parts, chart))
            combined.add(n, parts, chart)
    return Rendered(out.getvalue(), whole.getvalue(), sheets.Made(made, words))


def _shared_values(assessment: Assessment) -> dict[str, Any]:
    info = assessment.info
    return {**notice.info_values(info), "decision": info.kind is DocumentKind.DECISION,
            "display": info.display.value, "value_heading": notice.escaped(info.value_heading)}


def _filled(
    repeated: fill.Repeated, sheet: sheets.UnitSheet, shared: dict[str, Any], width: int, used: dict[str, str]
) -> tuple[dict[str, str], wordchart.Chart | None]:
    """The template's parts filled for `sheet`, and its chart where the template draws one; the
    words its table was headed with go into `used`."""
    charts: list[wordchart.Chart] = []

    def table(words: Any) -> Markup:
        given = notice.column_words(words, sheets.WORDS)
        used.update(given)
        return repeated.placeholder(wordml.sheet_table(sheet, given, width))

    def chart(words: Any) -> Markup:
        given = notice.column_words(words, frozenset({sheets.AVERAGE}))
        drawn = wordchart.chart(sheet.bars, sheet.unit, given[sheets.AVERAGE])
        charts.append(drawn)
        return repeated.placeholder(wordchart.inline(CHART_RELATION, 1, CHART_NAME, drawn.height))

    f = notice.escaped
    values = {**shared, "u": {
        "unit": f(sheet.unit), "group": f(sheet.group), "group_title": f(sheet.group_title), "total": sheet.total,
        "maximum": sheet.maximum, "value": sheet.value, "grade": f(sheet.grade), "not_ranked": f(sheet.not_ranked),
        "self_assessed": sheet.self_assessed,
        "rankings": [{"title": f(s.title), "rank": s.rank, "previous": s.previous, "change": s.change}
                     for s in sheet.standings],
        "remarks": [{"criterion": f(c), "text": f(t)} for c, t in sheet.remarks],
        "table": table, "chart": chart,
    }}
    parts = repeated.fill(values, BLOCKS)
    if len(charts) > 1:
        raise TemplateBroken(BLOCKS)
    return parts, charts[0] if charts else None


def _base(template: bytes, assessment: Assessment) -> tuple[dict[str, bytes], int]:
    """The template's package with the document's properties set (python-docx, once), as entries by
    name in their order; and the width between its margins (twips), which the table fills."""
    from docx import Document

    document = Document(io.BytesIO(template))
    notice.set_properties(document.core_properties, assessment)
    width, _ = notice.text_widths(document.element.body.sectPr)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}, width


def _one(base: dict[str, bytes], parts: dict[str, str], chart: wordchart.Chart | None) -> bytes:
    """One unit's .docx: the template's package with its filled parts, and its chart's."""
    edits = {name: xml.encode("utf-8") for name, xml in parts.items()}
    edits[DOCUMENT] = _numbered(parts[DOCUMENT], itertools.count(1)).encode("utf-8")
    if chart is not None:
        edits[CONTENT_TYPES] = _typed(base[CONTENT_TYPES], ["/word/charts/chart1.xml"])
        edits[DOCUMENT_RELS] = _related(base[DOCUMENT_RELS], [(CHART_RELATION, "charts/chart1.xml")])
    entries = [(name, edits.get(name, data)) for name, data in base.items()]
    return ooxml.pack([*entries, *([] if chart is None else _chart_entries(1, chart))])


def _chart_entries(n: int, chart: wordchart.Chart) -> list[tuple[str, bytes]]:
    workbook = f"Microsoft_Excel_Worksheet{n}.xlsx"
    return [(f"word/charts/chart{n}.xml", chart.xml),
            (f"word/charts/_rels/chart{n}.xml.rels", wordchart.relations(f"../embeddings/{workbook}").encode()),
            (f"word/embeddings/{workbook}", chart.workbook)]


def _typed(types: bytes, charts: list[str]) -> bytes:
    """The content types with the charts' parts (by name) and the embedded workbooks'."""
    text = types.decode("utf-8")
    added = "" if 'Extension="xlsx"' in text else XLSX_DEFAULT
    added += "".join(f'<Override PartName="{name}" ContentType="{wordchart.CONTENT_TYPE}"/>' for name in charts)
    return text.replace("</Types>", f"{added}</Types>").encode("utf-8")


def _related(relations: bytes, charts: list[tuple[str, str]], more: str = "") -> bytes:
    """The document's relationships with the charts' (id, target)."""
    added = "".join(f'<Relationship Id="{rid}" Type="{wordchart.RELATION}" Target="{target}"/>'
                    for rid, target in charts)
    return relations.decode("utf-8").replace("</Relationships>", f"{added}{more}</Relationships>").encode("utf-8")


class _Whole:
    """The one .docx of every sheet, written as the sheets are made: its body streamed into the
    archive, each sheet's section numbering its pages from 1; its charts, and the headers and
    footers of each sheet where the template fills them with the sheet's values, after."""

    def __init__(self, out: io.BytesIO, base: dict[str, bytes], varying: list[str]) -> None:
        self.base, self.varying = base, varying
        self.archive = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
        entry = zipfile.ZipInfo(DOCUMENT, ooxml.ZIP_DATE)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry._compresslevel = ooxml.COMPRESSION  # type: ignore[attr-defined]  # `compress_level` from Python 3.13 on
        self.body = self.archive.open(entry, "w")
        self.later: list[tuple[str, bytes]] = []  # every part but the body, written once it is
        self.charts: list[tuple[str, str]] = []
        self.own: list[tuple[str, str, str]] = []  # (id, type, target) of each sheet's headers and footers
        self.types: list[str] = []  # a content type override of each of them
        self.drawings = itertools.count(1)  # every drawing's id, unique in the document
        self.pending: str | None = None  # the last sheet's section: the body's own, once it ends
        self.tail = ""
        self.first: dict[str, str] = {}  # the first sheet's parts but its body: the others' headers are their own
        # Each relationship's target -> its (type, id), from its attributes in whatever order.
        self.targets: dict[str, tuple[str, str]] = {}
        for element in re.findall(r"<Relationship\b[^>]*>", base[DOCUMENT_RELS].decode("utf-8")):
            attributes = dict(re.findall(r'(\w+)="([^"]*)"', element))
            self.targets[attributes.get("Target", "")] = (attributes.get("Type", ""), attributes.get("Id", ""))

    def __enter__(self) -> _Whole:
        return self

    def add(self, n: int, parts: dict[str, str], chart: wordchart.Chart | None) -> None:
        """The `n`th sheet (from 1), its filled `parts` and chart: its body written, the section
        before it ended, its own relationships and parts noted for the end."""
        xml = parts[DOCUMENT]
        start = xml.index(">", xml.index("<w:body")) + 1
        end = xml.rindex("</w:body>")
        if n == 1:
            self.body.write(xml[:start].encode("utf-8"))
            self.tail = xml[end:]
        content = xml[start:end]
        sections = list(SECTION.finditer(content))
        section = sections[-1].group(0) if sections else ""
        content = content[:sections[-1].start()] + content[sections[-1].end():] if sections else content
        if chart is not None:
            relation = f"{CHART_RELATION}{n}"
            content = content.replace(f'r:id="{CHART_RELATION}"', f'r:id="{relation}"')
            self.charts.append((relation, f"charts/chart{n}.xml"))
            self.later += _chart_entries(n, chart)
        for name in self.varying:  # this sheet's own headers and footers
            target = name.removeprefix("word/")
            kind, rid = self.targets[target]
            own_target, own_id = target.replace(".xml", f"_{n}.xml"), f"{rid}u{n}"
            section = section.replace(f'r:id="{rid}"', f'r:id="{own_id}"')
            content = content.replace(f'r:id="{rid}"', f'r:id="{own_id}"')  # a section break within the sheet
            self.own.append((own_id, kind, own_target))
            self.later.append((f"word/{own_target}", parts[name].encode("utf-8")))
            self.types.append(f"/word/{own_target}")
        content = _numbered(content, self.drawings)
        if self.pending is not None:
            self.body.write(f"<w:p><w:pPr>{self.pending}</w:pPr></w:p>".encode())
        self.body.write(content.encode("utf-8"))
        self.pending = _restarting(section)
        if n == 1:
            self.first = {name: parts[name] for name in parts if name != DOCUMENT}

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.body.write(f"{self.pending or ''}{self.tail}".encode())
                self.body.close()
                self._rest()
            else:
                self.body.close()
        finally:
            self.archive.close()

    def _rest(self) -> None:
        content_types = _header_types(self.base[CONTENT_TYPES], self.types)
        edits = {CONTENT_TYPES: _typed(content_types, [f"/word/{t}" for _, t in self.charts]),
                 DOCUMENT_RELS: _related(self.base[DOCUMENT_RELS], self.charts, "".join(
                     f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in self.own))}
        edits |= {name: xml.encode("utf-8") for name, xml in self.first.items()}
        for name, data in [*((n, edits.get(n, d)) for n, d in self.base.items() if n != DOCUMENT), *self.later]:
            self.archive.writestr(zipfile.ZipInfo(name, ooxml.ZIP_DATE), data, zipfile.ZIP_DEFLATED, ooxml.COMPRESSION)


def _numbered(xml: str, ids: Iterator[int]) -> str:
    """`xml` with each drawing's id the next of `ids`: Word repairs a document with two drawings of one id
    (the template's logo and the chart, or every sheet's chart in the one document)."""
    return DRAWING_ID.sub(lambda m: f"{m[1]}{next(ids)}{m[2]}", xml)


def _header_types(types: bytes, names: list[str]) -> bytes:
    """The content types with an override for each sheet's own copy of a header or footer, typed as
    the template's part it copies."""
    text = types.decode("utf-8")
    added = []
    for name in names:
        original = re.sub(r"_\d+\.xml$", ".xml", name)
        found = re.search(rf'<Override PartName="{re.escape(original)}" ContentType="([^"]+)"/>', text)
        if found:
            added.append(f'<Override PartName="{name}" ContentType="{found[1]}"/>')
    return text.replace("</Types>", "".join(added) + "</Types>").encode("utf-8")


def _restarting(section: str) -> str:
    """A sheet's section, numbering its pages from 1: its `pgNumType` where the schema orders it
    (after the page's borders, before its columns), or Word and LibreOffice ignore it."""
    if not section:
        return '<w:sectPr><w:pgNumType w:start="1"/></w:sectPr>'
    section = re.sub(r"<w:pgNumType\b[^>]*?(/>|>.*?</w:pgNumType>)", "", section, flags=re.S)
    at = next(section.index(tag) for tag in (
        "<w:cols", "<w:formProt", "<w:vAlign", "<w:noEndnote", "<w:titlePg", "<w:textDirection", "<w:bidi",
        "<w:rtlGutter", "<w:docGrid", "<w:printerSettings", "</w:sectPr>") if tag in section)
    return f'{section[:at]}<w:pgNumType w:start="1"/>{section[at:]}'
