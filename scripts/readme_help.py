"""Writes the parts of the READMEs that the code knows: the README's command reference (the
`--help` of `xephang` and of each of its commands), templates/README.md's list of the fields a
Word template may use (`notice.FIELDS`, in the words of `texts.TEMPLATE_FIELDS`) and
docs/as-built.md's table of the `Thông tin` fields (`info.FIELDS`), each between its two marker
comments, so that neither drifts from the code (tests/test_readme.py fails when one
has). Run it after changing a command, its help, or a template's fields:

    .venv/bin/python scripts/readme_help.py
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator import fill, info, notice, result_sheets, texts
from generator.cli import main
from generator.model import DocumentKind

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 100  # the help is wrapped to this width wherever the script runs, so the text stays the same


def help_text(command: tuple[str, ...]) -> str:
    result = CliRunner().invoke(main, [*command, "--help"], terminal_width=WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"xephang {' '.join(command)} --help: {result.output}")
    return result.output


def commands() -> str:
    """`xephang --help`, then each of its commands' in the order they are defined."""
    names = [(), *((name,) for name in main.commands)]
    return "\n\n".join(f"```text\n$ {' '.join(('xephang', *command, '--help'))}\n{help_text(command)}```"
                       for command in names)


def fields() -> str:
    """The fields of a document's template as a table, then those a result sheet's has besides the
    `Thông tin` ones, then the filters they may use."""
    def table(fields: list[tuple[str, str]]) -> list[str]:
        return ["| trường | in ra |", "|---|---|", *(f"| `{name}` | {what.replace('|', '&#124;')} |" for name, what in fields)]

    shared = set(notice.INFO)
    sheet = [(name, what) for name, what in fill.described(result_sheets.FIELDS) if name.split(".")[0] not in shared]
    filters = ", ".join(f"`{name}`" for name in sorted(fill.FILTERS))
    methods = ", ".join(f"`{name}()`" for name in sorted(fill.STRING_METHODS))
    return "\n".join([*table(fill.described(notice.FIELDS)), "", texts.TEMPLATE_SHEET_FIELDS, "", *table(sheet), "",
                      f"Bộ lọc dùng được (`{{{{ ten|upper }}}}`): {filters}. Hàm của chữ: {methods}."])


READ = {info.Read.TEXT: "text", info.Read.LIST: "one row per item", info.Read.YEAR: "a year",
        info.Read.DATE: "a date; in a draft month/year or empty", info.Read.DECIMALS: "a whole number 0–6"}
CARRY = {info.Carry.KEEP: "kept", info.Carry.YEAR_ON: "kept, its year moved on", info.Carry.NEXT: "the year + 1",
         info.Carry.LEAVE: "left empty", info.Carry.RESULTS: "this year's results workbook (version 2)"}


def info_fields() -> str:
    """The `Thông tin` fields as the program reads them, one row each, in `init`'s order."""
    rows = []
    for f in info.FIELDS:
        read = " / ".join(f"`{word}`" for word in f.choices) if f.read is info.Read.CHOICE else READ[f.read]
        needed = ("every document" if f.required == info.ALL else ", ".join(
            texts.KINDS[kind.value].word for kind in DocumentKind if kind in f.required) or "—")
        if f.draft:
            needed += " (a draft may leave it empty)"
        carried = "kept where not the default" if f.setting and f.carry is info.Carry.KEEP else CARRY[f.carry]
        rows.append(f"| {f.label} | {read} | {needed} | {carried} | {'`' + f.name + '`' if f.template else '—'} |")
    return "\n".join(["| label | read as | needed by | `init --from` | in the template |", "|---|---|---|---|---|", *rows])


@dataclass(frozen=True)
class Section:
    path: Path
    what: str  # the markers' words
    text: Callable[[], str]

    @property
    def markers(self) -> tuple[str, str]:
        return (f"<!-- {self.what}: written by scripts/readme_help.py, do not edit by hand -->",
                f"<!-- end of {self.what} -->")

    def section(self) -> str:
        """The section as the file should hold it, markers included."""
        begin, end = self.markers
        return "\n\n".join([begin, self.text(), end])

    def written(self) -> str:
        """The section the file holds now, markers included ("" if it has none)."""
        begin, end = self.markers
        held = self.path.read_text(encoding="utf-8")
        start, stop = held.find(begin), held.find(end)
        return held[start:stop + len(end)] if 0 <= start < stop else ""

    def rewrite(self) -> None:
        old = self.written()
        if not old:
            raise SystemExit(f"{self.path}: no {' … '.join(self.markers)} to write between")
        self.path.write_text(self.path.read_text(encoding="utf-8").replace(old, self.section()), encoding="utf-8")


SECTIONS = (Section(ROOT / "README.md", "command reference", commands),
            Section(ROOT / "templates" / "README.md", "template fields", fields),
            Section(ROOT / "docs" / "as-built.md", "Thông tin fields", info_fields))

if __name__ == "__main__":
    for each in SECTIONS:
        each.rewrite()
