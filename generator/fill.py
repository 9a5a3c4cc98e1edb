"""A Word template is data, never code: what it may use, checked before it fills anything, and the
sandbox it is filled in.

Templates travel between provinces like any document and are edited in Word, so a template is
untrusted input. Before one fills a document it is checked once (`check`): its archive is bounded
as a workbook's is, and every field, filter, test and tag in its Jinja (docxtpl's syntax, in the
body, the headers and footers, the footnotes and the document's properties, as docxtpl renders
them) must be one the document provides (`Fields`). What no check foresaw still meets Jinja's
sandbox (`environment`): no globals but `dict`, only the filters and tests listed here, and a name
that is not defined raises instead of printing nothing.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import ooxml, texts
from .errors import TemplateBroken, TemplateRefused, TemplateUnreadable

if TYPE_CHECKING:
    from jinja2 import nodes
    from jinja2.sandbox import SandboxedEnvironment

# --- what a document provides: the shapes of its fields ----------------------------------------


@dataclass(frozen=True)
class Value:
    """A text, a number or a yes/no: printed, compared, filtered; a text's methods in STRING_METHODS."""


@dataclass(frozen=True)
class Items:
    """A list, walked by `{% for %}`: each item of the shape `item`."""

    item: Shape


@dataclass(frozen=True, eq=False)  # compared and hashed as itself: a document's fields are one constant
class Record:
    """Named fields, reached as `x.name` (or `x["name"]`)."""

    fields: Mapping[str, Shape] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    """A table the template calls with its column words: `{{ r.table(cot) }}`."""


@dataclass(frozen=True)
class Unknown:
    """What a name the document does not provide yields: refused once, and nothing more is said of
    what the template does with it (`lipsum.__globals__…` is one problem, `lipsum`)."""


Shape = Value | Items | Record | Table | Unknown
VALUE, TABLE, UNKNOWN = Value(), Table(), Unknown()

# Jinja's filters and tests a template may use: text and lists only. Not `safe` (it would let a
# workbook's text write the document's XML), `attr` or `format` (the sandbox's known escapes), nor
# anything that reaches beyond the value it is given.
FILTERS = frozenset({"upper", "lower", "capitalize", "title", "trim", "default", "d", "length", "count", "join",
                     "first", "last", "replace", "truncate", "wordcount", "center", "indent", "string", "int",
                     "round", "abs"})
TESTS = frozenset({"defined", "undefined", "none", "number", "string", "even", "odd", "divisibleby", "eq", "ne",
                   "lt", "le", "gt", "ge", "in", "true", "false", "==", "!=", "<", "<=", ">", ">="})
# A text's own methods a template may call (the decision's `issuing_body.split()|join(" ")`).
STRING_METHODS = frozenset({"split", "strip", "lstrip", "rstrip", "upper", "lower", "title", "capitalize",
                            "replace", "startswith", "endswith"})
# Inside `{% for %}`: Jinja's `loop`.
LOOP = Record({name: VALUE for name in ("index", "index0", "revindex", "revindex0", "first", "last", "length",
                                         "depth", "depth0")})
GLOBALS = {"dict": dict}  # `{%p set cot = dict(tt="TT", …) %}`: a paragraph tag can hold no braces


# The tag a person typed, by the syntax node Jinja makes of it, for messages.
TAGS = {"Macro": "macro", "CallBlock": "call", "Include": "include", "Import": "import", "FromImport": "import",
        "Extends": "extends", "Block": "block", "Scope": "autoescape", "ScopedEvalContextModifier": "autoescape",
        "EvalContextModifier": "autoescape", "ExprStmt": "do", "MarkSafe": "safe", "MarkSafeIfAutoescape": "safe"}


def environment() -> SandboxedEnvironment:
    """The Jinja environment every template is filled in: sandboxed, autoescaped, strict."""
    from jinja2 import DictLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # A loader of no template: `{% include %}` and `{% import %}` find nothing to read.
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, loader=DictLoader({}))
    env.globals = dict(GLOBALS)
    env.filters = {name: env.filters[name] for name in FILTERS}
    env.tests = {name: env.tests[name] for name in TESTS}
    return env


# --- filling one -------------------------------------------------------------------------------

# Where a block of XML goes (a table, a section's end), in the rendered document: an XML processing
# instruction. No text from a workbook can make one, since every "<" in it is escaped.
MARKER = "xephang-table"
MARKER_PARAGRAPH = re.compile(rf"<w:p[ >](?:(?!<w:p[ >]).)*?<\?{MARKER} (\d+)\?>.*?</w:p>", re.DOTALL)


class Filling:
    """One checked template being filled, whatever its kind of document: rendered by docxtpl in
    the sandbox, then saved with the blocks of WordprocessingML made for it (tables, a section's
    end) put in place of the paragraphs where the template printed their placeholders, and the
    archive repacked as always (`ooxml.repack`)."""

    def __init__(self, template: bytes) -> None:
        from docxtpl import DocxTemplate

        self.template = DocxTemplate(io.BytesIO(template))
        self.template.init_docx()
        self.blocks: list[str] = []

    @property
    def docx(self) -> Any:
        """The python-docx document, to read its page or set its properties, before rendering or
        after (docxtpl's `get_docx` would load the template again once it is rendered)."""
        return self.template.docx

    def placeholder(self, xml: str) -> Markup:
        """What the template prints where the block `xml` goes."""
        self.blocks.append(xml)
        return Markup(f"<?{MARKER} {len(self.blocks) - 1}?>")

    def render(self, values: Mapping[str, Any]) -> None:
        """Fills the template with `values`. Raises TemplateBroken for Jinja that fails."""
        from jinja2 import TemplateError

        try:
            self.template.render(values, jinja_env=environment(), autoescape=True)
        except TemplateError as exc:  # the template is edited in Word: a tag may get broken
            raise TemplateBroken(str(exc)) from None

    def save(self, where: str) -> bytes:
        """The filled .docx. Raises TemplateBroken(`where`: the paragraphs that hold blocks) if a
        block's placeholder is not a paragraph of its own."""
        buffer = io.BytesIO()
        self.template.save(buffer)
        return ooxml.repack(buffer.getvalue(), {DOCUMENT: lambda xml: spliced(xml, self.blocks, where)})


def has_jinja(source: str) -> bool:
    """Whether a part's source, as `_parts` gives it, fills anything: else every filling is the same."""
    return "{{" in source or "{%" in source


def spliced(xml: str, blocks: list[str], where: str) -> str:
    """`xml` with each paragraph holding a block's placeholder replaced by the block. Raises
    TemplateBroken(`where`) if a placeholder is not a paragraph of its own."""
    found: set[int] = set()

    def block(match: re.Match[str]) -> str:
        found.add(int(match.group(1)))
        return blocks[int(match.group(1))]

    xml = MARKER_PARAGRAPH.sub(block, xml)
    if len(found) != len(blocks):
        raise TemplateBroken(where)
    return xml


class Repeated:
    """One checked template filled once for each of many records (a unit's result sheet each),
    much faster than docxtpl filling it anew each time: the parts docxtpl renders (body, headers,
    footers, footnotes) are patched as docxtpl patches them and compiled by Jinja once, in the
    sandbox; each filling renders them and finishes them as docxtpl does (line breaks, tabs).
    docxtpl's table fixes for `{%tc %}` are not made: a sheet's table is drawn here (`wordml`)."""

    def __init__(self, template: bytes) -> None:
        env = environment()
        self.sources = {name: source for name, source in _parts(template) if name.startswith("word/")}
        self.parts = {name: env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", source))
                      for name, source in self.sources.items()}
        self.blocks: list[str] = []

    def placeholder(self, xml: str) -> Markup:
        """What the template prints where the block `xml` goes, in the filling under way."""
        self.blocks.append(xml)
        return Markup(f"<?{MARKER} {len(self.blocks) - 1}?>")

    def fill(self, values: Mapping[str, Any], where: str) -> dict[str, str]:
        """Each part's XML filled with `values`, the blocks put in place (`spliced`). Raises
        TemplateBroken for Jinja that fails, or (`where`) a block's placeholder not a paragraph of its own."""
        from jinja2 import TemplateError

        self.blocks = []
        filled = {}
        try:
            for name, compiled in self.parts.items():
                xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", compiled.render(values))
                xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
                filled[name] = _patcher().resolve_listing(xml)
        except TemplateError as exc:
            raise TemplateBroken(str(exc)) from None
        filled[DOCUMENT] = spliced(filled[DOCUMENT], self.blocks, where)
        return filled


# --- the template's parts, as docxtpl renders them ------------------------------------------------

# An edited template has a logo at most: far below the limits of a workbook, which holds the data.
TEMPLATE_LIMITS = ooxml.Limits(entry=32 << 20, total=64 << 20, entries=1000, what=texts.ARCHIVE_TEMPLATE)
HEADER_FOOTER = re.compile(r'Type="[^"]*/(?:header|footer)"[^>]*?Target="([^"]+)"|'
                           r'Target="([^"]+)"[^>]*?Type="[^"]*/(?:header|footer)"')
FOOTNOTES = "word/footnotes.xml"
# The document's properties docxtpl renders as templates, as docProps/core.xml names them.
PROPERTIES = re.compile(r"<(dc:creator|dc:description|dc:identifier|dc:language|dc:subject|dc:title)>(.*?)</\1>",
                        re.DOTALL)
DOCUMENT = "word/document.xml"


@functools.cache
def _patcher() -> Any:
    """A docxtpl template of no file, for docxtpl's own patching of a part's XML for Jinja
    (`patch_xml`) and finishing of it once rendered (`resolve_listing`): they read nothing of it."""
    from docxtpl import DocxTemplate

    return DocxTemplate.__new__(DocxTemplate)


def _parts(data: bytes) -> Iterator[tuple[str, str]]:
    """Each part docxtpl renders, with its Jinja as docxtpl gives it to Jinja (`patch_xml`)."""
    import html

    patcher = _patcher()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if DOCUMENT not in names:
            raise TemplateUnreadable(texts.TEMPLATE_NOT_DOCX)

        def text(name: str) -> str:
            return archive.read(name).decode("utf-8", "replace")

        yield DOCUMENT, patcher.patch_xml(text(DOCUMENT))
        rels = "word/_rels/document.xml.rels"
        if rels in names:
            for target in HEADER_FOOTER.findall(text(rels)):
                name = "word/" + (target[0] or target[1]).lstrip("/").removeprefix("word/")
                if name in names:
                    yield name, patcher.patch_xml(text(name))
        if FOOTNOTES in names:
            yield FOOTNOTES, patcher.patch_xml(text(FOOTNOTES))
        if "docProps/core.xml" in names:
            for tag, value in PROPERTIES.findall(text("docProps/core.xml")):
                yield tag, html.unescape(value)


# --- the check --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)  # a template is checked once a process, whatever the number of workbooks
def check(data: bytes, fields: Record) -> None:
    """Checks the template `data` against the fields its document provides. Raises
    TemplateUnreadable(reason) for what is no .docx or would inflate beyond reason,
    TemplateBroken(what) for Jinja that does not parse, TemplateRefused(detail) naming every field,
    filter, test or tag it uses that the document does not provide."""
    from jinja2 import TemplateSyntaxError

    try:
        refused = ooxml.check_archive(data, TEMPLATE_LIMITS)
        if refused is not None:
            raise TemplateUnreadable(refused)
        parts = list(_parts(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
        raise TemplateUnreadable(texts.TEMPLATE_NOT_DOCX) from None
    env = environment()
    unknown: dict[str, None] = {}  # in the order met, each once
    for _, source in parts:
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            raise TemplateBroken(str(exc)) from None
        _Checker(fields, unknown).statements(tree.body, {})
    if unknown:
        raise TemplateRefused(texts.TEMPLATE_UNKNOWN.format(used=", ".join(unknown), fields=", ".join(_names(fields))))


def _names(fields: Record, prefix: str = "") -> list[str]:
    """Every field's dotted name, a list's items' under its name: "groups.rankings.title"."""
    names = []
    for name, shape in fields.fields.items():
        names.append(prefix + name)
        inner = shape.item if isinstance(shape, Items) else shape
        if isinstance(inner, Record):
            names += _names(inner, f"{prefix}{name}.")
    return names


def described(fields: Record) -> list[tuple[str, str]]:
    """Every field's dotted name and what it prints (texts.TEMPLATE_FIELDS), for templates/README.md."""
    return [(name, texts.TEMPLATE_FIELDS[name]) for name in _names(fields)]


Scope = dict[str, Shape]


class _Checker:
    """Walks a template's syntax tree, giving each expression the shape of what it yields and
    noting every name, member, filter, test or tag that the document's fields do not provide."""

    def __init__(self, fields: Record, unknown: dict[str, None]) -> None:
        self.fields, self.unknown = fields, unknown

    def refuse(self, what: str) -> Unknown:
        """Notes `what` (a field's name as the template spells it, or a filter, test or tag in
        words); what it yields is UNKNOWN."""
        self.unknown.setdefault(what)
        return UNKNOWN

    def name(self, what: str) -> Unknown:
        return self.refuse(texts.TEMPLATE_NAME.format(name=what))

    # statements: each returns nothing, binding names in `scope` as Jinja does

    def statements(self, body: list[nodes.Node], scope: Scope) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: Scope) -> None:
        from jinja2 import nodes as n

        if isinstance(node, n.Output):
            for child in node.nodes:
                if not isinstance(child, n.TemplateData):
                    self.expression(child, scope)
        elif isinstance(node, n.If):
            self.expression(node.test, scope)
            self.statements(node.body, scope)
            for branch in node.elif_:
                self.statement(branch, scope)
            self.statements(node.else_, scope)
        elif isinstance(node, n.For):
            self._for(node, scope)
        elif isinstance(node, n.Assign):
            self._bind(node.target, self.expression(node.node, scope), scope)
        elif isinstance(node, n.AssignBlock):
            self.statements(node.body, dict(scope))
            if node.filter is not None:
                self._filter(node.filter, None, scope)
            self._bind(node.target, VALUE, scope)
        elif isinstance(node, n.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values):
                self._bind(target, self.expression(value, scope), inner)
            self.statements(node.body, inner)
        elif isinstance(node, n.FilterBlock):
            self.statements(node.body, dict(scope))
            self._filter(node.filter, None, scope)
        elif isinstance(node, n.Scope) and not any(isinstance(c, n.ScopedEvalContextModifier) for c in node.body):
            self.statements(node.body, dict(scope))
        else:  # macros, includes, imports, blocks, autoescape switches: not a document's business
            self.refuse(_tag(node))

    def _for(self, node: nodes.For, scope: Scope) -> None:
        listed = self.expression(node.iter, scope)
        inner = dict(scope)
        if node.recursive:
            self.refuse(texts.TEMPLATE_TAG.format(tag="recursive"))
        if isinstance(listed, Items):
            self._bind(node.target, listed.item, inner)
        else:
            self._bind(node.target, VALUE, inner)
        inner["loop"] = LOOP
        if node.test is not None:
            self.expression(node.test, inner)
        self.statements(node.body, inner)
        self.statements(node.else_, scope)

    def _bind(self, target: nodes.Node, shape: Shape, scope: Scope) -> None:
        from jinja2 import nodes as n

        if isinstance(target, n.Name):
            scope[target.name] = shape
        elif isinstance(target, n.Tuple):
            for item in target.items:
                self._bind(item, VALUE, scope)
        else:
            self.refuse(_tag(target))

    # expressions: each returns the shape of what it yields

    def expression(self, node: nodes.Node, scope: Scope) -> Shape:
        from jinja2 import nodes as n

        if isinstance(node, (n.Const, n.TemplateData)):
            return VALUE
        if isinstance(node, n.Name):
            found = scope.get(node.name, self.fields.fields.get(node.name))
            return self.name(node.name) if found is None else found
        if isinstance(node, n.Getattr):
            return self._member(node.node, node.attr, scope)
        if isinstance(node, n.Getitem):
            if isinstance(node.arg, n.Const) and isinstance(node.arg.value, str):
                return self._member(node.node, node.arg.value, scope)
            shape = self.expression(node.node, scope)
            self.expression(node.arg, scope)
            if isinstance(shape, Items) and not isinstance(node.arg, n.Slice):
                return shape.item
            if isinstance(shape, (Items, Value, Unknown)):
                return shape
            return self.name(f"{_path(node.node)}[…]")
        if isinstance(node, n.Call):
            return self._call(node, scope)
        if isinstance(node, n.Filter):
            return self._filter(node, node.node, scope)
        if isinstance(node, n.Test):
            self.expression(node.node, scope)
            self._arguments(node, scope)
            return VALUE if node.name in TESTS else self.refuse(texts.TEMPLATE_TEST.format(name=node.name))
        if isinstance(node, n.CondExpr):
            self.expression(node.test, scope)
            chosen = self.expression(node.expr1, scope)
            if node.expr2 is not None:
                self.expression(node.expr2, scope)
            return chosen
        if isinstance(node, (n.List, n.Tuple)):
            for item in node.items:
                self.expression(item, scope)
            return Items(VALUE)
        if isinstance(node, n.Dict):
            for pair in node.items:
                self.expression(pair.key, scope)
                self.expression(pair.value, scope)
            return VALUE
        if isinstance(node, n.Compare):
            self.expression(node.expr, scope)
            for operand in node.ops:
                self.expression(operand.expr, scope)
            return VALUE
        if isinstance(node, n.Concat):
            for child in node.nodes:
                self.expression(child, scope)
            return VALUE
        if isinstance(node, n.BinExpr):
            self.expression(node.left, scope)
            self.expression(node.right, scope)
            return VALUE
        if isinstance(node, n.UnaryExpr):
            self.expression(node.node, scope)
            return VALUE
        if isinstance(node, n.Slice):
            for part in (node.start, node.stop, node.step):
                if part is not None:
                    self.expression(part, scope)
            return VALUE
        return self.refuse(_tag(node))

    def _member(self, owner: nodes.Node, name: str, scope: Scope) -> Shape:
        shape = self.expression(owner, scope)
        if isinstance(shape, Record) and name in shape.fields:
            return shape.fields[name]
        return UNKNOWN if isinstance(shape, Unknown) else self.name(f"{_path(owner)}.{name}")

    def _call(self, node: nodes.Call, scope: Scope) -> Shape:
        from jinja2 import nodes as n

        if node.dyn_args is not None or node.dyn_kwargs is not None:
            return self.refuse(texts.TEMPLATE_TAG.format(tag="*args"))
        callee = node.node
        if isinstance(callee, n.Name) and callee.name in GLOBALS and callee.name not in scope:
            for arg in node.args:
                self.expression(arg, scope)
            return Record({k.key: self.expression(k.value, scope) for k in node.kwargs})
        self._arguments(node, scope)
        if isinstance(callee, n.Getattr) and callee.attr in STRING_METHODS:
            owner = self.expression(callee.node, scope)
            if isinstance(owner, Value):
                return Items(VALUE) if callee.attr == "split" else VALUE
            return UNKNOWN if isinstance(owner, Unknown) else self.name(f"{_path(callee)}()")
        shape = self.expression(callee, scope)
        if isinstance(shape, Table):
            return VALUE
        return UNKNOWN if isinstance(shape, Unknown) else self.name(f"{_path(callee)}()")

    def _filter(self, node: nodes.Filter, value: nodes.Node | None, scope: Scope) -> Shape:
        shape = VALUE if value is None else self.expression(value, scope)
        self._arguments(node, scope)
        if node.name not in FILTERS:
            return self.refuse(texts.TEMPLATE_FILTER.format(name=node.name))
        if node.name in ("default", "d"):
            return shape
        if node.name in ("first", "last") and isinstance(shape, Items):
            return shape.item
        return VALUE

    def _arguments(self, node: Any, scope: Scope) -> None:
        for arg in node.args:
            self.expression(arg, scope)
        for keyword in node.kwargs:
            self.expression(keyword.value, scope)
        if getattr(node, "dyn_args", None) is not None or getattr(node, "dyn_kwargs", None) is not None:
            self.refuse(texts.TEMPLATE_TAG.format(tag="*args"))


def _tag(node: nodes.Node) -> str:
    name = type(node).__name__
    return texts.TEMPLATE_TAG.format(tag=TAGS.get(name, name.lower()))


def _path(node: nodes.Node) -> str:
    """An expression as the template spells it, for a message: `signer`, `g.rankings`, `x.y()`."""
    from jinja2 import nodes as n

    if isinstance(node, n.Name):
        return node.name
    if isinstance(node, n.Getattr):
        return f"{_path(node.node)}.{node.attr}"
    if isinstance(node, n.Getitem) and isinstance(node.arg, n.Const):
        return f"{_path(node.node)}[{node.arg.value!r}]"
    if isinstance(node, n.Call):
        return f"{_path(node.node)}()"
    if isinstance(node, n.Const):
        return repr(node.value)
    return "…"
