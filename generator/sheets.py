"""Each unit's own result (contract version 3, `Phiếu kết quả`), as data: what its sheet prints, every
number as printed (`figures`), built once from the scored results. The sheet's .docx is drawn from
it (`result_sheets`), and so is the page's preview.

A unit's standing in each ranking it is in ("3/16"), its criteria to the level of `Chi tiết đến
cấp` with its applicable maximum, its score and its own (self-assessed) score, what it missed, and
the group's average and best on each criterion: over the group's units to which it applies, ranked
or not, exact until printed. The chart compares its share of each top-level criterion's maximum with
the group's average share.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from . import stats, texts
from .figures import Figures, as_number, change, fixed, share
from .files import WINDOWS_FORBIDDEN, windows_device
from .model import Criterion, Display, Group, Scored, scored
from .scoring import GroupResult, Results

AVERAGE_DECIMALS = 2  # an average (250/3: 83,33) where `Số chữ số thập phân` does not say
@dataclass(frozen=True)
class Standing:
    """The unit's place in one ranking: "3/16", and last year's rank and the change where known."""

    title: str
    rank: str
    previous: str = ""
    change: str = ""


@dataclass(frozen=True)
class Line:
    """One criterion's row of the sheet's table (or the total's), every cell as printed: "" where
    there is nothing to print, `KAD` in the maximum where the criterion does not apply."""

    code: str
    name: str
    level: int  # 1 for a top-level criterion (and the total), 2 for a component under it
    maximum: str
    score: str
    own: str  # the self-assessed score
    difference: str  # own − appraised
    missed: str  # maximum − score
    average: str
    best: str


@dataclass(frozen=True)
class Bar:
    """One top-level criterion in the chart: the unit's share of its maximum, and the group's
    average share, in percent (None where it does not apply to the unit)."""

    label: str
    unit: float | None
    average: float


# The sheet's table: each column by the `Line` field it prints and the word of the template (`cot`)
# that heads it. The code column is there in a tree only, the self-assessed ones for a unit that gave
# its own scores; the total's line is headed by TOTAL in the criterion's column.
COLUMNS = (("code", "ma"), ("name", "tieu_chi"), ("maximum", "toi_da"), ("score", "diem"), ("own", "tu_danh_gia"),
           ("difference", "chenh_lech"), ("missed", "chua_dat"), ("average", "trung_binh"), ("best", "cao_nhat"))
OWN = frozenset({"own", "difference"})
TOTAL = "tong_cong"
AVERAGE = "trung_binh"  # also the chart's series of the group's average
WORDS = frozenset(word for _, word in COLUMNS) | {TOTAL}  # every word of `cot` a sheet's template must give


@dataclass(frozen=True)
class UnitSheet:
    group: str  # the group's short name
    group_title: str
    unit: str
    total: str  # points
    maximum: str  # the unit's applicable maximum
    value: str  # the ranked value as the document prints it, when it is not the points ("" then)
    grade: str
    not_ranked: str  # why the unit is not ranked, or ""
    standings: tuple[Standing, ...]
    lines: tuple[Line, ...]  # its criteria, then the total
    coded: bool  # the criteria have codes (a tree): the table has a code column
    self_assessed: bool  # the unit gave its own scores: the table has their columns
    remarks: tuple[tuple[str, str], ...]  # the council's: (criterion as printed, or "" for the unit; remark)
    bars: tuple[Bar, ...]
    file_name: str  # its .docx in the zip: unique, safe on Windows

    @property
    def columns(self) -> list[tuple[str, str]]:
        """Its table's columns (`COLUMNS`): the field each prints and the word that heads it."""
        return [(key, word) for key, word in COLUMNS
                if (key != "code" or self.coded) and (key not in OWN or self.self_assessed)]

    def rows(self, words: Mapping[str, str]) -> list[list[str]]:
        """Its table's rows as printed, the total's headed by the template's word for it."""
        keys = [key for key, _ in self.columns]
        return [[words[TOTAL] if key == "name" and not line.name else getattr(line, key) for key in keys]
                for line in self.lines]


@dataclass(frozen=True)
class Made:
    """Every unit's sheet, and the template's words for their tables (`cot`), for the page to show one."""

    sheets: list[UnitSheet]
    words: Mapping[str, str]

    @property
    def average(self) -> str:
        """The template's word for the group's average: a chart's series."""
        return self.words[AVERAGE]


def build(results: Results) -> list[UnitSheet]:
    """Every assessed unit's sheet, group by group, each group's units in the workbook's order."""
    figures = Figures(results.decimals)
    sheets = [sheet for result in results.groups for sheet in _group_sheets(results, result, figures)]
    names = unique_names([s.unit for s in sheets], [s.group for s in sheets])
    return [replace(s, file_name=n) for s, n in zip(sheets, names)]


@dataclass(frozen=True)
class _Column:
    """One criterion across the group, in the workbook's row order: its scores (`model.Scored`), and
    the average and best over the units it applies to, printed ("" where it applies to none), and
    the average share of the maximum as the chart holds it."""

    criterion: Criterion | None  # None for the total
    of: Scored
    average: str
    best: str
    average_share: float


def _column(criterion: Criterion | None, of: Scored, spread: stats.Spread, figures: Figures) -> _Column:
    """The criterion's column, its average and best those of the results' statistics (`stats`)."""
    shares = [Fraction(v) / Fraction(m) for v, m, a in zip(of.score, of.maximum, of.applies) if a and m]
    return _Column(criterion, of, "" if spread.average is None else _average(spread.average, figures),
                   "" if spread.best is None else figures.points(spread.best),
                   _percent(sum(shares, Fraction(0)) / len(shares)) if shares else 0.0)


def _group_sheets(results: Results, result: GroupResult, figures: Figures) -> list[UnitSheet]:
    group = result.group
    by_name, total = scored(group)
    shown = [(c, level) for top in group.criteria
             for c, level in ((top, 1), *((child, 2) for child in (top.children if results.detail_level > 1 else ())))]
    spreads = {"" if s.criterion is None else s.criterion.name: s for s in stats.spreads(result)}
    columns = [(_column(c, by_name[c.name], spreads[c.name], figures), level) for c, level in shown]
    overall = _column(None, total, spreads[""], figures)
    tops = [_column(c, by_name[c.name], spreads[c.name], figures) for c in group.criteria if c.counted]
    own = result.own
    units = list(group.scores.index)
    # Each ranking's units -> (rank, last year's rank, change), by position: two may share a title.
    placed = [{u: (rank, previous, shift) for u, rank, previous, shift in zip(
        r.table["unit"], r.table["rank"], r.table["previous"] if r.has_previous else [None] * len(r.table),
        r.table["change"] if r.has_previous else [None] * len(r.table))} for r in result.rankings]
    key = {Display.PERCENT: "ratio", Display.INDEX: "ratio", Display.CONVERTED: "converted"}.get(results.display)
    values = {} if key is None else dict(zip(result.details["unit"], result.details[key]))
    overall_table = result.rankings[0].table
    grades = dict(zip(overall_table["unit"], overall_table["grade"])) if "grade" in overall_table else {}
    sheets = []
    for i, unit in enumerate(units):
        standings = [Standing(r.title, f"{found[0]}/{len(r.table)}", "" if found[1] is None else str(found[1]),
                              "" if found[2] is None else change(found[2]))
                     for r, at in zip(result.rankings, placed) if (found := at.get(unit)) is not None]
        lines = [_line(c, level, i, own.get(unit, {}), figures) for c, level in columns]
        lines.append(_line(overall, 1, i, own.get(unit, {}), figures))
        sheets.append(UnitSheet(
            group=group.name, group_title=group.title, unit=unit,
            total=figures.points(total.score[i]), maximum=texts.format_number(total.maximum[i]),
            value="" if key is None else figures.ratio(values[unit], results.display), grade=str(grades.get(unit, "")),
            not_ranked=group.not_ranked.get(unit, ""), standings=tuple(standings), lines=tuple(lines),
            coded=any(c.code for c in group.criteria), self_assessed=bool(own.get(unit)),
            remarks=_remarks(group, unit),
            bars=tuple(_bar(c, i) for c in tops),
            file_name="",
        ))
    return sheets


def _line(column: _Column, level: int, i: int, own: dict[str, Decimal], figures: Figures) -> Line:
    c, of = column.criterion, column.of
    applies = bool(of.applies[i])
    score = of.score[i]
    # A bonus or penalty counts in no maximum: its own, typed in `Tiêu chí`, is what the sheet shows.
    maximum = of.maximum[i] if c is None or not c.extra else c.maximum
    mine = own.get("" if c is None else c.name)
    extra = c is not None and c.extra is not None
    return Line(
        code="" if c is None else c.code,
        name="" if c is None else c.name,
        level=level,
        maximum=texts.format_number(maximum) if applies else texts.NOT_APPLICABLE,
        score=figures.points(score) if applies else "",
        own="" if mine is None or not applies else figures.points(mine),
        difference="" if mine is None or not applies else figures.points(mine - score),
        missed="" if not applies or extra else figures.points(max(maximum - score, Decimal(0))),
        average=column.average,
        best=column.best,
    )


def _average(value: Fraction, figures: Figures) -> str:
    """An average with the document's fixed decimals, or where it has none AVERAGE_DECIMALS, without
    the zeros a score typed so would not have (112, 82,5, 83,33)."""
    if figures.decimals is not None:
        return fixed(value, figures.decimals)
    shown = fixed(value, AVERAGE_DECIMALS).rstrip("0")
    return shown.rstrip(",")


def _bar(column: _Column, i: int) -> Bar:
    c, of = column.criterion, column.of
    assert c is not None
    ratio = (Fraction(of.score[i]) / Fraction(of.maximum[i])) if of.applies[i] and of.maximum[i] else None
    return Bar(c.label, None if ratio is None else _percent(ratio), column.average_share)


def _percent(ratio: Fraction) -> float:
    """A share of the maximum as the chart's data hold it: the percent as printed (`figures.share`)."""
    return float(as_number(share(ratio)))


def _remarks(group: Group, unit: str) -> tuple[tuple[str, str], ...]:
    """The council's remarks on `unit`: on the unit first, then on its criteria in code order."""
    given = group.remarks.get(unit, ())
    order = {c.name: n for n, c in enumerate(group.all_criteria)}
    labels = {c.name: c.label for c in group.all_criteria}
    ranked = sorted(given, key=lambda r: -1 if r.criterion is None else order[r.criterion])  # stable: row order
    return tuple(("" if r.criterion is None else labels[r.criterion], r.text) for r in ranked)


# --- file names -------------------------------------------------------------------------------

NAME_MOST = 80  # characters before ".docx": the zip's paths stay well within Windows' 260


def unique_names(units: list[str], groups: list[str]) -> list[str]:
    """Each unit's .docx name in the zip, from its name: safe on Windows, and unique as Windows
    compares names (ignoring case), a name two groups share told apart by its group, then by a number."""
    safe = [_safe(u) for u in units]
    counts: dict[str, int] = {}
    for s in safe:
        counts[s.casefold()] = counts.get(s.casefold(), 0) + 1
    named = [_safe(f"{s} ({g})") if counts[s.casefold()] > 1 else s for s, g in zip(safe, groups)]
    taken: set[str] = set()
    result = []
    for name in named:
        candidate, n = name, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{name} ({n})"
        taken.add(candidate.casefold())
        result.append(f"{candidate}.docx")
    return result


def _safe(name: str) -> str:
    """`name` as Windows takes a file's name (`files.WINDOWS_FORBIDDEN`): each character it refuses an
    underscore, no dot or space at its end, a device's name after an underscore."""
    text = "".join("_" if c in WINDOWS_FORBIDDEN else c for c in unicodedata.normalize("NFC", name))
    text = text.strip()[:NAME_MOST].rstrip(". ")
    return f"_{text}" if not text or windows_device(text) else text
