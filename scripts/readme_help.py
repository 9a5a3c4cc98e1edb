"""Writes the README's command reference: the `--help` of `xephang` and of each of its commands,
between the two marker comments, so the README never drifts from the code (tests/test_readme.py
fails when it has). Run it after changing a command or its help:

    .venv/bin/python scripts/readme_help.py
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN = "<!-- command reference: written by scripts/readme_help.py, do not edit by hand -->"
END = "<!-- end of command reference -->"
WIDTH = 100  # the help is wrapped to this width wherever the script runs, so the text stays the same


def help_text(command: tuple[str, ...]) -> str:
    result = CliRunner().invoke(main, [*command, "--help"], terminal_width=WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"xephang {' '.join(command)} --help: {result.output}")
    return result.output


def section() -> str:
    """The reference as the README should hold it, markers included: `xephang`, then each of its
    commands in the order they are defined."""
    commands = [(), *((name,) for name in main.commands)]
    blocks = [f"```text\n$ {' '.join(('xephang', *command, '--help'))}\n{help_text(command)}```"
              for command in commands]
    return "\n\n".join([BEGIN, *blocks, END])


def written(readme: str) -> str:
    """The reference the README holds now, markers included ("" if it has none)."""
    start, end = readme.find(BEGIN), readme.find(END)
    return readme[start:end + len(END)] if 0 <= start < end else ""


def rewrite() -> None:
    readme = README.read_text(encoding="utf-8")
    old = written(readme)
    if not old:
        raise SystemExit(f"{README}: no {BEGIN} … {END} to write between")
    README.write_text(readme.replace(old, section()), encoding="utf-8")


if __name__ == "__main__":
    rewrite()
