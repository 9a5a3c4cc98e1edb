"""The READMEs' parts that the code knows, as scripts/readme_help.py writes them: the command
reference is the commands' own `--help`, the template fields are those `fill.check` lets through."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "readme_help.py"


def load_script():
    spec = importlib.util.spec_from_file_location("readme_help", SCRIPT)
    assert spec is not None and spec.loader is not None, SCRIPT
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # where its dataclass looks itself up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("index", [0, 1])
def test_each_written_section_is_current(index):
    section = load_script().SECTIONS[index]
    assert section.written() == section.section(), f"run: .venv/bin/python {SCRIPT.relative_to(ROOT)}"


def test_the_reference_holds_xephang_and_each_command():
    section = load_script().commands()
    for command in ("", " generate", " validate", " watch", " init"):
        assert f"$ xephang{command} --help\n" in section


def test_the_template_fields_are_every_field_a_template_may_use():
    from generator import fill, notice

    listed = load_script().fields()
    for name, _ in fill.described(notice.FIELDS):
        assert f"| `{name}` |" in listed
    assert "`upper`" in listed and "`safe`" not in listed
