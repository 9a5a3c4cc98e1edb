"""A Word template is data, never code (`fill`): checked against the fields its document provides
before it fills anything, and filled in Jinja's sandbox. Each template here is a packaged one with
one paragraph changed, as a secretary would edit it in Word (`builders.template_edited`)."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import Spec, template_edited
from conftest import SAMPLE
from generator import api, errors, fill, notice
from generator.cli import main

SIGNER = "{{ signer }}"  # the signer's name, in both templates' closing blocks


def signer_as(text: str, kind: str = "thong-bao") -> bytes:
    """A packaged template whose signer's field reads `text`."""
    return template_edited({"word/document.xml": lambda xml: xml.replace(SIGNER, text, 1)}, kind)


# What a template travelling between provinces might hold. MARK is a file the payload would create,
# SECRET one it would copy into the document.
ESCAPES = {
    "os through a global's __globals__": "{{ lipsum.__globals__['os'].system('touch MARK') }}",
    "open through __builtins__": "{{ lipsum.__globals__['__builtins__']['open']('SECRET').read() }}",
    "the environment": "{{ lipsum.__globals__.os.environ }}",
    "__mro__ and __subclasses__": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler": "{{ cycler.__init__.__globals__.os.popen('touch MARK').read() }}",
    "joiner": "{{ joiner.__init__.__globals__.os.system('touch MARK') }}",
    "namespace": "{{ namespace.__init__.__globals__.os.system('touch MARK') }}",
    "the attr filter": "{{ signer|attr('__class__')|attr('__mro__') }}",
    "the format filter": "{{ '%s'|format(signer.__class__) }}",
    "str.format": "{{ '{0.__class__.__init__.__globals__}'.format(signer) }}",
    "a field's insides": "{{ signer.__class__.__init__.__globals__ }}",
    "safe, past the escaping": "{{ signer|safe }}",
    "autoescape off": "{% autoescape false %}{{ signer }}{% endautoescape %}",
    "include": "{% include 'SECRET' %}",
    "import": "{% import 'SECRET' as x %}{{ x }}",
    "a macro": "{% macro m() %}{{ signer }}{% endmacro %}{{ m() }}",
    "range": "{% for i in range(10**9) %}{% endfor %}",
}
REFUSED_FOR = {  # what the message names, when it is not the first name of the payload
    "__mro__ and __subclasses__": "''.__class__", "the attr filter": "bộ lọc 'attr'",
    "the format filter": "bộ lọc 'format'", "str.format": "format", "a field's insides": "signer.__class__",
    "safe, past the escaping": "bộ lọc 'safe'", "autoescape off": "thẻ 'autoescape'", "include": "thẻ 'include'",
    "import": "thẻ 'import'", "a macro": "thẻ 'macro'", "range": "'range'",
}


def payload(name: str, tmp_path: Path) -> str:
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("MẬT KHẨU 1234")
    return ESCAPES[name].replace("MARK", str(tmp_path / "da-chay")).replace("SECRET", str(secret))


@pytest.mark.parametrize("name", ESCAPES)
def test_a_template_that_reaches_for_code_is_refused_naming_what_it_used(name, tmp_path):
    template = signer_as(payload(name, tmp_path))
    with pytest.raises(errors.TemplateRefused) as refused:
        api.build(SAMPLE.read_bytes(), SAMPLE.name, template=template)
    first = REFUSED_FOR.get(name, re.search(r"[a-z_]+", ESCAPES[name].strip("{% ")).group())
    assert first in refused.value.args[0]
    assert not (tmp_path / "da-chay").exists()


@pytest.mark.parametrize("name", ESCAPES)
def test_the_sandbox_holds_where_the_check_would_not(name, tmp_path):
    """Filled without the check, as a bug in it would let one through: Jinja's sandbox refuses."""
    from jinja2 import TemplateError

    source = payload(name, tmp_path)
    try:
        printed = fill.environment().from_string(source).render(signer="Nguyễn Văn A")
    except TemplateError:
        printed = ""
    assert not (tmp_path / "da-chay").exists()
    assert "MẬT KHẨU" not in printed and "HOME" not in printed and "<class" not in printed


@pytest.mark.parametrize("misspelt", ["{{ singer }}", "{{ so_hieu }}", "{{ signer.ho_ten }}", "{{ signer|sai }}"])
def test_a_misspelt_field_is_refused_with_the_path_and_the_fields_it_may_use(misspelt, tmp_path):
    path = tmp_path / "mau" / "cua-toi.docx"
    path.parent.mkdir()
    path.write_bytes(signer_as(misspelt))
    result = CliRunner().invoke(main, ["generate", str(SAMPLE), "-o", str(tmp_path / "ra"), "--template", str(path)])
    assert result.exit_code == 2 and not (tmp_path / "ra").exists()
    name = misspelt.strip("{} ").replace("signer|", "bộ lọc '") + ("'" if "|" in misspelt else "")
    assert f"Mẫu Word {path} chưa dùng được" in result.output and name in result.output
    assert "các trường dùng được: draft, parent_body, issuing_body" in result.output
    assert "signer_title" in result.output and "templates/README.md" in result.output


def test_the_folders_own_template_is_checked_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Spec().write(tmp_path / "input" / "nam.xlsx")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "thong-bao.docx").write_bytes(signer_as(payload("os through a global's __globals__",
                                                                                tmp_path)))
    result = CliRunner().invoke(main, ["generate"])
    assert result.exit_code == 2 and "'lipsum'" in result.output
    assert not (tmp_path / "da-chay").exists() and not (tmp_path / "output").exists()


@pytest.mark.parametrize("part, edit", [
    ("word/header1.xml", lambda xml: xml.replace("<w:t>2</w:t>", "<w:t>{{ lipsum.__globals__ }}</w:t>")),
    ("docProps/core.xml", lambda xml: re.sub(r"<dc:title>[^<]*", "<dc:title>{{ cycler.__init__ }}", xml)),
])
def test_every_part_docxtpl_fills_is_checked(part, edit):
    with pytest.raises(errors.TemplateRefused):
        notice.check(template_edited({part: edit}))


def test_footnotes_are_checked(tmp_path):
    footnotes = ('<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/'
                 'wordprocessingml/2006/main"><w:footnote w:id="1"><w:p><w:r><w:t>{{ joiner }}</w:t></w:r></w:p>'
                 '</w:footnote></w:footnotes>')
    with pytest.raises(errors.TemplateRefused, match="'joiner'"):
        notice.check(template_edited({}, added={"word/footnotes.xml": footnotes.encode()}))


@pytest.mark.parametrize("edited, printed", [
    ("{{ signer|upper }}", "NGUYỄN KIM HÒA"),
    ("{{ signer.upper() }}", "NGUYỄN KIM HÒA"),
    ("{% set ten = signer %}{{ ten }}", "Nguyễn Kim Hòa"),
    ("{% if signer %}Ông {{ signer }}{% endif %}", "Ông Nguyễn Kim Hòa"),
    ("{{ signer|default('') }} ({{ year }})", "Nguyễn Kim Hòa (2014)"),
    ("{{ signer }}{% for g in groups %}{% if loop.last %}, {{ g.rankings|length }} bảng{% endif %}{% endfor %}",
     "Nguyễn Kim Hòa, 3 bảng"),
])
def test_what_a_secretary_may_write_is_accepted(edited, printed):
    from test_build import document_xml

    run = api.build(SAMPLE.read_bytes(), SAMPLE.name, template=signer_as(edited))
    assert printed in re.sub(r"<[^>]+>", "", document_xml(run.docx))


def bomb(declared_truthfully: bool = True) -> bytes:
    """A 1 MB template whose image inflates to 1 GiB; or, with its header lying, a small one that
    says it holds 1 KB where it inflates to 64 MB."""
    buffer = io.BytesIO(template_edited({}))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        entry = zipfile.ZipInfo("word/media/image1.png")
        entry.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(entry, "w", force_zip64=True) as image:
            for _ in range(64 if declared_truthfully else 4):
                image.write(bytes(1 << 24))
    data = buffer.getvalue()
    if declared_truthfully:
        return data
    # the entry's sizes, in its local header and the central directory, made to say 1 KB
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("word/media/image1.png")
    return data.replace((info.file_size).to_bytes(8, "little"), (1024).to_bytes(8, "little"))


@pytest.fixture(scope="module")
def the_bomb() -> bytes:
    return bomb()


def test_a_template_bomb_is_refused_before_it_inflates(the_bomb, tmp_path):
    assert len(the_bomb) < 2 << 20
    path = tmp_path / "bom.docx"
    path.write_bytes(the_bomb)
    tracemalloc.start()
    try:
        with pytest.raises(errors.TemplateUnreadable, match="quá lớn cho một mẫu Word"):
            api.read_template(path)
        with pytest.raises(errors.TemplateUnreadable, match="quá lớn cho một mẫu Word"):
            api.build(Spec().write_bytes(), "nam.xlsx", template=the_bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 32 << 20


def test_a_template_whose_sizes_lie_is_refused_too():
    with pytest.raises(errors.TemplateUnreadable):
        notice.check(bomb(declared_truthfully=False))


def test_a_template_of_too_many_parts_is_refused():
    parts = {f"word/media/image{i}.png": b"x" for i in range(fill.TEMPLATE_LIMITS.entries)}
    with pytest.raises(errors.TemplateUnreadable, match="quá nhiều cho một mẫu Word"):
        notice.check(template_edited({}, added=parts))


def test_the_fields_checked_are_exactly_what_the_document_gives():
    """`notice.FIELDS` and `notice.context` are one fact told twice: held to each other here."""
    from dataclasses import replace

    from generator import scoring, validate, workbook

    assessment, _ = validate.validate(workbook.read_bytes(SAMPLE.read_bytes(), SAMPLE.name))
    summarised = replace(assessment, info=replace(assessment.info, summary=True))  # `Bảng tổng hợp` = Có
    tables = set()

    def same(shape, value, path):
        if isinstance(shape, fill.Record):
            assert isinstance(value, dict) and set(value) == set(shape.fields), path
            for name, inner in shape.fields.items():
                same(inner, value[name], f"{path}.{name}")
        elif isinstance(shape, fill.Items):
            assert isinstance(value, list), path
            for item in value:
                same(shape.item, item, path)
        elif isinstance(shape, fill.Table):
            # A table the document may not have (`g.summary`) is None there: a template's `if` reads no.
            assert callable(value) or value is None, path
            if value is not None:
                tables.add(path)
        else:
            assert isinstance(value, (str, int, bool)), path

    for each in (assessment, summarised):
        values = notice.context(each, scoring.score(each), lambda xml: xml, 9000, 9000)
        values["part_b_begins"] = values["part_b_ends"] = ""  # added by `render`
        same(notice.FIELDS, values, "")
    assert tables == {".groups.rankings.table", ".groups.details", ".groups.summary"}


# --- a property: whatever a template's names are renamed to, it is refused or prints the same ------

KEYWORDS = frozenset({"if", "elif", "else", "endif", "for", "endfor", "in", "set", "not", "and", "or", "is", "p",
                      "true", "false", "none", "True", "False", "None"})
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
NAME = re.compile(r"\"[^\"]*\"|'[^']*'|([A-Za-z_]\w*)")


def names_in(xml: str) -> list[tuple[int, str]]:
    """Each identifier in the Jinja of a template's document.xml, outside string literals, with
    its offset: fields, local names, filters, attributes, `dict`'s keywords."""
    found = []
    for tag in TAG.finditer(xml):
        for match in NAME.finditer(tag.group()):
            if match.group(1) and match.group(1) not in KEYWORDS:
                found.append((tag.start() + match.start(1), match.group(1)))
    return found


@pytest.fixture(scope="module")
def originals() -> dict[str, tuple[bytes, bytes, str]]:
    """Each kind's workbook, what its packaged template makes of it, and the template's XML."""
    from test_validate import decision

    made = {}
    for kind, spec in (("thong-bao", Spec()), ("quyet-dinh", decision())):
        book = spec.write_bytes()
        template = template_edited({}, kind)
        run = api.build(book, "nam.xlsx", template=template)
        assert run.docx is not None
        with zipfile.ZipFile(io.BytesIO(template)) as archive:
            xml = archive.read("word/document.xml").decode()
        made[kind] = (book, run.docx, xml)
    return made


NEW_NAME = st.from_regex(r"[a-z][a-z_]{2,7}x", fullmatch=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["thong-bao", "quyet-dinh"]), pick=st.integers(min_value=0), every=st.booleans(),
       new=NEW_NAME)
def test_renaming_any_name_of_a_template_is_refused_naming_it_or_prints_the_same(originals, kind, pick, every, new):
    book, printed, xml = originals[kind]
    names = names_in(xml)
    taken = {name for _, name in names} | set(fill.FILTERS) | set(fill.STRING_METHODS)
    if new in taken:
        return
    offset, old = names[pick % len(names)]
    chosen = [at for at, name in names if name == old] if every else [offset]
    edited = xml
    for at in sorted(chosen, reverse=True):
        edited = edited[:at] + new + edited[at + len(old):]
    template = template_edited({"word/document.xml": lambda _: edited}, kind)
    try:
        run = api.build(book, "nam.xlsx", template=template)
    except (errors.TemplateRefused, errors.TemplateBroken) as refused:
        assert new in refused.args[0] or old in refused.args[0], refused.args[0]
    else:
        assert run.docx == printed, f"{old} -> {new} ({'every' if every else 'one'})"
