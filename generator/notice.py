"""Stage 4, render: the scored assessment into the notice, a .docx held in memory.

docxtpl fills the Word template, in Jinja's sandbox (`fill`). Every text from the workbook reaches
it escaped (see `_field`), so "&", "<" or "{{" in a name stays literal. The ranking and detail
tables (`document`, drawn by `wordml`) are spliced in where the template has their
`{{ r.table(cot) }}` / `{{ g.details(cot) }}` paragraphs. Here: the template's values, the page's
sections (part B turns landscape when it needs the room), and the document's properties.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import document, fill, layout, texts, wordml
from . import info as info_fields
from .errors import TemplateBroken
from .model import Assessment, IssueDate, NoticeInfo
from .scoring import Results

if TYPE_CHECKING:  # python-docx is loaded with docxtpl, by `render` only
    from docx.oxml.section import CT_SectPr
    from docx.shared import Length

# Part B turns landscape when a group has more narrow columns than this (its criteria, at level 2
# their children too, and the percent, maximum and note columns version 2 may add): in portrait,
# columns narrower than about 1 cm break criterion names letter by letter.
PORTRAIT_CRITERIA = 8
# Texts for the template: numeric character references only, which `|upper` leaves intact (it would
# turn "&amp;" into "&AMP;"), and "{" and "}" too, which docxtpl would otherwise join into "{{"
# when a text holds "{_{". A "\n" becomes <w:br/> in docxtpl (as for its `Listing`).
_FIELD = str.maketrans({"&": "&#38;", "<": "&#60;", ">": "&#62;", "{": "&#123;", "}": "&#125;", **wordml.CONTROLS})
_PROPERTY = str.maketrans({"\n": " ", **wordml.CONTROLS})


@dataclass(frozen=True)
class Notice:
    """The rendered notice: a complete .docx file's bytes, and its tables as data (`document`),
    headed with the words the template gave them, for the page to draw the same."""

    docx: bytes
    tables: document.Document


def render(assessment: Assessment, results: Results, template: bytes) -> Notice:
    """The notice filled from the Word `template`'s bytes, once `check`ed. Raises TemplateBroken,
    TemplateRefused or TemplateUnreadable(why)."""
    check(template)
    filling = fill.Filling(template)
    landscape = any(_narrow(layout.details(results, g)) > PORTRAIT_CRITERIA for g in results.groups)
    page = filling.docx.element.body.sectPr
    portrait, turned = text_widths(page)
    drawn = _Tables(results)
    values = context(assessment, results, filling.placeholder, portrait, turned if landscape else portrait, drawn)
    # Where part B's pages begin: a section break where they turn landscape, or where the last
    # section numbers its pages afresh (a decision's appendix II, after appendix I's section).
    # Part B's pages, once turned, end the document: the closing block follows the last table on
    # them, never alone on a portrait page. `part_b_ends`, in templates of before, prints nothing.
    begins = landscape or _restarts(page)
    values["part_b_begins"] = _Once(filling.placeholder, _section_end(page) if begins else "")
    values["part_b_ends"] = _Once(filling.placeholder, "")
    filling.render(values)
    # Every table printed once: a template that lost a table's paragraph must not lose its units.
    # A ranking of no unit has none (the template says so instead). A template of before that has
    # no `Bảng tổng hợp` cannot print one asked for: it is broken for that document, as if it had
    # lost the table.
    summaries = sum(document.summarised(results, g) for g in results.groups)
    expected = (sum(sum(not r.table.empty for r in g.rankings) + 1 for g in results.groups) + summaries
                + values["part_b_begins"].used + values["part_b_ends"].used)
    if len(filling.blocks) != expected:
        raise TemplateBroken(TABLES + (SUMMARY if summaries else ""))
    set_properties(filling.docx.core_properties, assessment)
    if landscape:
        filling.docx.element.body.replace(filling.docx.element.body.sectPr, _turned(page))
    return Notice(filling.save(f"{TABLES}{SUMMARY}, {{{{ part_b_begins }}}}, {{{{ part_b_ends }}}}"), drawn.first)


# The tables' paragraphs, as a message names them.
TABLES, SUMMARY = "{{ r.table(cot) }}, {{ g.details(cot) }}", ", {{ g.summary(cot) }}"


def check(template: bytes) -> None:
    """Checks a Word template against the fields a notice or a decision provides (`fill.check`)."""
    fill.check(template, FIELDS)


class _Tables:
    """The document's tables (`document`), built when the template first calls for one, headed
    with the words it gives (`cot`); again only for a template that gives other words."""

    def __init__(self, results: Results) -> None:
        self.results = results
        self.built: dict[tuple[tuple[str, str], ...], document.Document] = {}

    def __call__(self, words: Any) -> document.Document:
        given = column_words(words, layout.words(self.results))
        key = tuple(sorted(given.items()))
        if key not in self.built:
            self.built[key] = document.build(self.results, given)
        return self.built[key]

    @property
    def first(self) -> document.Document:
        """The tables as the template's first call headed them (every template calls for some)."""
        return next(iter(self.built.values()))


class _Once:
    """A value of the template that becomes a placeholder where, and if, the template prints it."""

    def __init__(self, placeholder: Callable[[str], Markup], xml: str) -> None:
        self.placeholder, self.xml, self.used = placeholder, xml, False

    def __html__(self) -> str:
        self.used = True
        return str(self.placeholder(self.xml))


def context(
    assessment: Assessment, results: Results, placeholder: Callable[[str], Markup], ranking_width: int,
    details_width: int, tables: _Tables | None = None,
) -> dict[str, Any]:
    """The template's values; the tables, `ranking_width` and `details_width` wide (twips), as
    placeholders made when the template calls them with its words for the columns' headers."""
    info = assessment.info
    drawn = tables or _Tables(results)

    def ranking(group: int, index: int) -> Callable[[Mapping[str, str]], Markup]:
        def table(words: Mapping[str, str]) -> Markup:
            model = drawn(words).groups[group].rankings[index]
            if model.ranking.table.empty:  # a template of before: it has no words for a ranking of no unit
                raise TemplateBroken(texts.TEMPLATE_NO_EMPTY_RANKING.format(title=model.ranking.title))
            return placeholder(wordml.ranking_table(model, ranking_width))

        return table

    def details(group: int) -> Callable[[Mapping[str, str]], Markup]:
        return lambda words: placeholder(wordml.detail_tables(drawn(words).groups[group].details, details_width))

    def summary(group: int) -> Callable[[Mapping[str, str]], Markup] | None:
        """The group's `Bảng tổng hợp`, where it has one; None, which a template's `if` reads as no."""
        if not document.summarised(results, results.groups[group]):
            return None

        def table(words: Mapping[str, str]) -> Markup:
            model = drawn(words).groups[group].summary
            assert model is not None  # built where `summarised`
            return placeholder(wordml.summary_table(model, ranking_width))

        return table

    return {
        **info_values(info),
        # The template adds the archive's line unless the workbook's last recipient is it.
        "archived": any(r.casefold().startswith(ARCHIVE) for r in info.recipients),
        "groups": [
            {
                "number": texts.roman(i + 1),
                "title": escaped(g.group.title),
                "rankings": [{"title": escaped(r.title), "units": len(r.table), "table": ranking(i, n),
                              "unranked_last_year": r.unranked_last_year, "rebased": r.rebased}
                             for n, r in enumerate(g.rankings)],
                "details": details(i),
                "self_assessed": results.shows_own(g),
                "summary": summary(i),
            }
            for i, g in enumerate(results.groups)
        ],
    }


def info_values(info: NoticeInfo) -> dict[str, Any]:
    """The `Thông tin` fields every template gets (`INFO`): whether the document is a draft, and
    each field the template gets, as `_template_value` gives it."""
    return {"draft": info.draft,
            **{f.name: _template_value(f, getattr(info, f.name)) for f in info_fields.FIELDS if f.template}}


def _template_value(field: info_fields.Field, value: Any) -> Any:
    """A `Thông tin` field as the template gets it: texts escaped, a list item by item, the date
    in its parts, the number with a draft's blank."""
    if field.read is info_fields.Read.LIST:
        return [escaped(item) for item in value]
    if field.read is info_fields.Read.DATE:
        return issue_date(value)
    if field.read is info_fields.Read.YEAR:
        return value
    return escaped(number(value) if field.name == "number" else value)


ARCHIVE = "lưu"  # "Lưu: VT." among the recipients, however typed
_V = fill.VALUE
# The shapes of `info_values`, as `fill.check` checks a template's use of them.
INFO: dict[str, fill.Shape] = {
    "draft": _V,
    **{f.name: fill.Items(_V) if f.read is info_fields.Read.LIST
       else fill.Record({"day": _V, "month": _V, "year": _V, "numeric": _V}) if f.read is info_fields.Read.DATE
       else _V
       for f in info_fields.FIELDS if f.template},
}
# What `context` gives a template, as `fill.check` checks it; a test holds the two to each other.
FIELDS = fill.Record({
    **INFO,
    "archived": _V,
    "groups": fill.Items(fill.Record({
        "number": _V, "title": _V,
        "rankings": fill.Items(fill.Record({"title": _V, "units": _V, "table": fill.TABLE, "unranked_last_year": _V,
                                               "rebased": _V})),
        "details": fill.TABLE,
        "self_assessed": _V,
        "summary": fill.TABLE,
    })),
    "part_b_begins": _V, "part_b_ends": _V,
})


def column_words(given: Any, needed: frozenset[str]) -> Mapping[str, str]:
    """The template's words for the columns' headers (`cot`), each of them there."""
    missing = sorted(needed - set(given)) if isinstance(given, Mapping) else sorted(needed)
    if missing:
        raise TemplateBroken(f"cot: {', '.join(missing)}")
    return {k: str(v) for k, v in given.items()}


def escaped(text: str) -> Markup:
    """A workbook's text as a template prints it, literally (see _FIELD)."""
    return Markup(text.translate(_FIELD))


def number(text: str) -> str:
    """What follows "Số: ": the number and symbol; in a draft, a blank where the văn thư writes
    the number, before the symbol if there is one."""
    if text.partition("/")[0].strip():
        return text
    return texts.DRAFT_BLANK + text.strip()


def issue_date(date: IssueDate) -> dict[str, str]:
    """The date line's day, month and year ("08", "01", "2015"): a leading zero for days under 10
    and for months 1 and 2 only; and the date in figures ("20/02/2026", as an appendix cites its
    decision); in a draft, a blank for what the văn thư fills in."""
    day = texts.DRAFT_BLANK if date.day is None else f"{date.day:02d}"
    if date.month is None:
        month = texts.DRAFT_BLANK
    else:
        month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return {"day": day, "month": month, "year": str(date.year), "numeric": date.numeric(texts.DRAFT_BLANK)}


def _narrow(table: layout.Table) -> int:
    """How many of part B's columns are narrow ones: all but TT, unit, total and rank."""
    return len(table.columns) - len(layout.DETAILS_BEFORE) - len(layout.DETAILS_AFTER)



# --- the page -----------------------------------------------------------------------------


def text_widths(page: CT_SectPr) -> tuple[int, int]:
    """The room between the side margins (twips) of the template's page, as the secretary left it
    in Word, and of the same page turned landscape (see `_turned`): the tables fill it."""

    def twips(length: Length | None, name: str) -> int:
        if length is None:
            raise TemplateBroken(name)
        return int(length.twips)

    margins = sum(twips(m, "w:pgMar") for m in (page.left_margin, page.right_margin, page.gutter))
    return twips(page.page_width, "w:pgSz") - margins, twips(page.page_height, "w:pgSz") - margins


def _restarts(page: CT_SectPr) -> bool:
    """Whether the section numbers its pages from 1 (`w:pgNumType w:start`): an appendix's."""
    from docx.oxml.ns import qn

    numbering = page.find(qn("w:pgNumType"))
    return numbering is not None and numbering.get(qn("w:start")) is not None


def _section_end(page: CT_SectPr) -> str:
    """A paragraph ending a section set up as `page`: the pages before part B (a decision's
    appendix I), as the template's last section has them."""
    from lxml import etree

    return f"<w:p><w:pPr>{etree.tostring(page, encoding='unicode')}</w:pPr></w:p>"


def _turned(page: CT_SectPr) -> Any:
    """The last section's properties for a landscape part B: `page` turned. A section that numbers
    its pages afresh (an appendix) keeps its unnumbered first page; one that goes on from the
    pages before (a notice's part B and closing) numbers every page."""
    from copy import deepcopy

    from docx.oxml.ns import qn

    wide = deepcopy(page)
    if not _restarts(page):
        for child in list(wide):
            if child.tag == qn("w:titlePg") or (
                child.tag == qn("w:headerReference") and child.get(qn("w:type")) == "first"
            ):
                wide.remove(child)
    size = wide.find(qn("w:pgSz"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    size.set(qn("w:w"), height)
    size.set(qn("w:h"), width)
    size.set(qn("w:orient"), "landscape")
    return wide


# --- the package --------------------------------------------------------------------------


def set_properties(props: Any, assessment: Assessment) -> None:
    """Document properties from the workbook, never the clock: re-runs give identical bytes."""
    info = assessment.info
    moment = datetime.datetime(info.date.year, info.date.month or 1, info.date.day or 1)
    props.title = props.subject = info.subject.translate(_PROPERTY)
    props.author = props.last_modified_by = info.issuing_body.translate(_PROPERTY)
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.revision = 1
