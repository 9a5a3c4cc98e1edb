"""The domain: what a validated workbook says, as plain data shared by every stage."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from fractions import Fraction

import numpy as np
import pandas as pd


class TieRule(Enum):
    """What equal scores do in a ranking table (`Khi bằng điểm`)."""

    KEEP_ORDER = "keep_order"  # equal scores keep the workbook's row order, TT 1, 2, 3…
    SHARED = "shared"  # same, plus a `Xếp hạng` column: 1, 1, 1, 4 (competition ranking)
    DENSE = "dense"  # same, the next value taking the next rank: 1, 1, 1, 2 (dense ranking)


class RankBy(Enum):
    """What a ranking sorts by (`Xếp hạng theo`)."""

    POINTS = "points"  # the score itself
    RATIO = "ratio"  # the score's share of the unit's own applicable maximum


class DocumentKind(Enum):
    """What the secretariat publishes (`Loại văn bản`): each kind has its Word template."""

    NOTICE = "notice"  # a council's Thông báo, parts A and B in its body
    DECISION = "decision"  # a People's Committee's Quyết định, parts A and B in its appendices


class Form(Enum):
    """How the document is issued (`Hình thức`)."""

    PAPER = "paper"  # printed and signed by hand; blank number or day: a draft (DỰ THẢO)
    ELECTRONIC = "electronic"  # through the e-office system: it stamps the number and the day


class Display(Enum):
    """How part A prints a ranked value (`Hiển thị`)."""

    POINTS = "points"  # 326,85
    PERCENT = "percent"  # 95,26 (of the applicable maximum)
    INDEX = "index"  # 0,9526
    CONVERTED = "converted"  # 44,41: the share of the applicable maximum times the nominal one


class Extra(Enum):
    """A criterion of points outside the maximum (`Loại` in `Tiêu chí`): a leaf scored from 0 to its
    maximum, which no maximum above it counts."""

    BONUS = "bonus"  # `Điểm thưởng`: added to its parent's score and the total
    PENALTY = "penalty"  # `Điểm trừ`: typed as a positive number, subtracted


@dataclass(frozen=True)
class Criterion:
    """A criterion, or in a tree (`Mã`) a main index whose score is its children's weighted sum."""

    name: str
    maximum: Decimal  # a parent's: the weighted sum of its children's maxima
    own_ranking: str | None = None  # title of its own ranking table in part A, if any
    code: str = ""  # dotted code ("6.1"); "" in a workbook without `Mã`
    weight: Decimal = Decimal(1)  # how many times it counts in its parent's score and the total
    children: tuple[Criterion, ...] = ()  # in code order; none for a leaf, the criterion scored
    extra: Extra | None = None  # bonus or penalty points; None for an ordinary criterion

    @property
    def counted(self) -> Decimal:
        """What its maximum adds to its parent's and the group's: none for bonus or penalty points."""
        return ZERO if self.extra else self.maximum

    @property
    def sign(self) -> int:
        """How its score counts above it: subtracted for a penalty."""
        return -1 if self.extra is Extra.PENALTY else 1

    @property
    def leaf(self) -> bool:
        return not self.children

    @property
    def label(self) -> str:
        """Its name as part B heads it: with its code in a tree ("6.1 Dịch vụ công trực tuyến")."""
        return f"{self.code} {self.name}" if self.code else self.name

    def walk(self) -> Iterator[Criterion]:
        """Itself, then its descendants, depth first in code order."""
        yield self
        for child in self.children:
            yield from child.walk()


def weighted_leaves(criteria: tuple[Criterion, ...]) -> list[tuple[Criterion, Decimal]]:
    """The leaves below `criteria` in code order, each with what it counts in their sum: its weight
    times its ancestors' up to them, negative for a penalty."""

    def visit(level: tuple[Criterion, ...], above: Decimal) -> Iterator[tuple[Criterion, Decimal]]:
        for c in level:
            if c.leaf:
                yield c, above * c.weight * c.sign
            else:
                yield from visit(c.children, above * c.weight)

    return list(visit(criteria, Decimal(1)))


@dataclass(frozen=True)
class Grade:
    name: str
    threshold: Decimal  # lowest score that earns this grade, in % of the maximum


@dataclass(frozen=True)
class GradeScale:
    grades: tuple[Grade, ...]  # highest threshold first; the last one is 0

    def grade_for(self, score: Decimal, maximum: Decimal) -> str:
        # Compared as score * 100 >= threshold * maximum, exact in Decimal: no float rounding
        # may move a unit across a grade boundary.
        for grade in self.grades:
            if score * 100 >= grade.threshold * maximum:
                return grade.name
        return self.grades[-1].name


@dataclass(frozen=True)
class Remark:
    """One of the council's remarks on a unit (`Nhận xét`): on one criterion, or on the whole unit."""

    criterion: str | None  # the criterion's name; None for the unit as a whole
    text: str


@dataclass(frozen=True)
class Group:
    """A group of units (khối), ranked separately, with its own criteria."""

    name: str  # short name: the score sheet's name and the unit column's header
    title: str  # section heading in parts A and B
    criteria: tuple[Criterion, ...]  # the top level, in code order (without `Mã`, every criterion)
    # One row per unit in the workbook's row order, indexed by unit; one column per leaf criterion,
    # named as the criterion: an exact Decimal, or None where the criterion does not apply (KAD).
    scores: pd.DataFrame
    not_ranked: dict[str, str] = field(default_factory=dict)  # unit -> why it is not ranked (`Không xếp hạng`)
    previous_names: dict[str, str] = field(default_factory=dict)  # unit -> its name last year (`Tên năm trước`)
    previous_ranks: dict[str, int] = field(default_factory=dict)  # unit -> last year's rank, typed in
    # unit -> the units of last year merged into it (`Tên năm trước` of several names, `;` apart)
    merged: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # unit -> leaf criterion -> the unit's own score before appraisal (`Tự đánh giá - <Khối>`), as
    # far as it gave one: never ranked, shown beside the appraised score
    self_scores: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    remarks: dict[str, tuple[Remark, ...]] = field(default_factory=dict)  # unit -> the council's, in row order

    @property
    def maximum(self) -> Decimal:
        return sum((c.weight * c.counted for c in self.criteria), Decimal(0))

    def last_names(self, unit: str) -> tuple[str, ...]:
        """The units of last year `unit` was: those merged into it, or its `Tên năm trước`, or itself."""
        return self.merged.get(unit) or (self.previous_names.get(unit, unit),)

    @property
    def all_criteria(self) -> tuple[Criterion, ...]:
        """Every criterion, parents before their children, in code order."""
        return tuple(c for top in self.criteria for c in top.walk())

    @property
    def leaves(self) -> tuple[Criterion, ...]:
        """The criteria scored in the score sheet, in code order."""
        return tuple(c for c in self.all_criteria if c.leaf)


@dataclass(frozen=True)
class IssueDate:
    """`Ngày ban hành` as far as it is known: the full date, or in a draft before the văn thư
    dates it, month and year ("01/2015") or only the year (the assessed year + 1)."""

    year: int
    month: int | None = None
    day: int | None = None  # None: a draft, printed with a blank for the day

    def numeric(self, blank: str) -> str:
        """The date in figures ("20/02/2026"), `blank` for what is not known yet."""
        return "/".join([*(blank if p is None else f"{p:02d}" for p in (self.day, self.month)), str(self.year)])


@dataclass(frozen=True)
class NoticeInfo:
    """The `Thông tin` sheet: the notice's own details."""

    issuing_body: str
    number: str  # "29/TB-HĐTĐ" (a number below 10 with its 0); in a draft "" or only the symbol ("/TB-HĐTĐ")
    place: str
    date: IssueDate
    year: int
    subject: str
    intro: str
    overall_title: str
    signer_title: str
    signer: str
    parent_body: str = ""
    bases: tuple[str, ...] = ()
    tie_rule: TieRule = TieRule.KEEP_ORDER
    authority: str = ""
    signer_other_title: str = ""
    recipients: tuple[str, ...] = ()
    rank_by: RankBy = RankBy.POINTS
    display: Display = Display.POINTS
    decimals: int | None = None  # fixed decimals for every printed number; None: as typed, 2 or 4
    value_heading: str = ""  # `Tên cột điểm`: part A's value column; "" for the display's own
    detail_level: int = 1  # part B shows the top-level criteria (1), or also their children (2)
    last_results: str = ""  # `Kết quả năm trước`: last year's results workbook, as typed
    kind: DocumentKind = DocumentKind.NOTICE
    proposal: str = ""  # `Đề nghị`: a decision's last preamble line
    articles: tuple[str, ...] = ()  # `Điều`: a decision's articles, Điều 1, Điều 2…
    part_a_title: str = ""  # `Tiêu đề phần A`; "" for the template's own (the 2014 wording)
    part_b_title: str = ""
    form: Form = Form.PAPER  # an electronic document has a blank number and day (`validate.info`)
    result_sheets: bool = False  # `Phiếu kết quả`: each unit's own result sheet too (`sheets`)
    self_detail: bool = False  # `Chi tiết tự đánh giá`: part B shows the self-assessed scores
    summary: bool = False  # `Bảng tổng hợp`: part A ends each group with its units by grade (with a scale)

    @property
    def draft(self) -> bool:
        """A paper document is a draft (DỰ THẢO) until the văn thư gives the number and the day;
        an electronic one never is: the system stamps them."""
        return self.form is Form.PAPER and (self.date.day is None or not self.number.split("/")[0].strip())


@dataclass(frozen=True)
class History:
    """Last year's results, read back from the results workbook its run wrote (`Kết quả năm trước`)."""

    # (label_key(group), label_key(ranking title)) -> label_key(unit) -> the rank its notice printed
    ranks: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)  # label_key(group) -> its units' names
    repeated: tuple[tuple[str, str], ...] = ()  # (sheet, unit) listed twice in one of its tables: an error
    # (group, title) -> unit -> the value it was ranked by, exact: its share of its own maximum where
    # the table has the maximum (ranked by `Tỷ lệ`, or printed as one), else its points
    values: dict[tuple[str, str], dict[str, Fraction]] = field(default_factory=dict)


@dataclass(frozen=True)
class Assessment:
    """Everything one notice is made from: the validated workbook."""

    info: NoticeInfo
    grades: GradeScale | None  # None: no `Xếp loại`, the tables have no grade column
    groups: tuple[Group, ...]
    history: History = field(default_factory=History)


# --- a tree's weighted sums ----------------------------------------------------------------

ZERO = Decimal(0)


@dataclass(frozen=True)
class Scored:
    """Every unit's score and applicable maximum in one criterion (or in the total), in row order."""

    score: np.ndarray  # exact Decimals; 0 where it does not apply
    maximum: np.ndarray  # exact Decimals; 0 where it does not apply
    applies: np.ndarray  # bool


def scored(group: Group) -> tuple[dict[str, Scored], Scored]:
    """Each criterion's scores by name, and the total's: a leaf's as in the sheet (a penalty's
    negative: what it counts), a parent's and the total the weighted sums of what applies below
    them. Bonus and penalty points add no maximum, and make nothing above them apply."""
    found: dict[str, Scored] = {}

    def leaf(c: Criterion) -> Scored:
        cells = group.scores[c.name].to_numpy()
        applies = np.array([v is not None for v in cells], dtype=bool)
        score = np.array([ZERO if v is None else v for v in cells], dtype=object)
        if c.extra is Extra.PENALTY:
            score = np.array([-v if v else v for v in score], dtype=object)  # never −0
        counted = c.counted
        maximum = np.array([counted if a else ZERO for a in applies], dtype=object)
        return Scored(score, maximum, applies)

    def summed(children: tuple[Criterion, ...]) -> Scored:
        parts = [(c, visit(c)) for c in children]
        counted = [s.applies for c, s in parts if not c.extra] or [s.applies for _, s in parts]
        return Scored(
            sum((_times(c.weight, s.score) for c, s in parts), _zeros(len(group.scores))),
            sum((_times(c.weight, s.maximum) for c, s in parts), _zeros(len(group.scores))),
            np.logical_or.reduce(counted),
        )

    def visit(c: Criterion) -> Scored:
        found[c.name] = leaf(c) if c.leaf else summed(c.children)
        return found[c.name]

    total = summed(group.criteria)
    return found, total


def _zeros(n: int) -> np.ndarray:
    return np.full(n, ZERO, dtype=object)


def _times(weight: Decimal, values: np.ndarray) -> np.ndarray:
    return values if weight == 1 else values * weight
