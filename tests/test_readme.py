"""The README's command reference is the commands' own `--help`, as scripts/readme_help.py writes it."""

from __future__ import annotations

import importlib.util

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "readme_help.py"


def load_script():
    spec = importlib.util.spec_from_file_location("readme_help", SCRIPT)
    assert spec is not None and spec.loader is not None, SCRIPT
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_command_reference_is_the_current_help_of_every_command():
    readme_help = load_script()
    written = readme_help.written((ROOT / "README.md").read_text(encoding="utf-8"))
    assert written == readme_help.section(), f"run: .venv/bin/python {SCRIPT.relative_to(ROOT)}"


def test_the_reference_holds_xephang_and_each_command():
    section = load_script().section()
    for command in ("", " generate", " validate", " watch", " init"):
        assert f"$ xephang{command} --help\n" in section
