"""The `Thông tin` sheet's fields in one table: what each is, how it is read, whether a document
needs it, what a draft may leave empty, what `init --from` carries to next year, and whether the
Word template gets it. Reading (`validate.info`), `init` (`authoring`) and the template's values
(`notice`) are derived from it; each field's label is its word in `texts.INFO_LABELS`, and its
value's type and default are `model.NoticeInfo`'s field of the same name.

Adding a field: a line here, its label in `texts.INFO_LABELS`, its field in `model.NoticeInfo`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from . import texts
from .model import Display, DocumentKind, Form, RankBy, TieRule


class Read(Enum):
    """How a field's value is read from its cell."""

    TEXT = "text"
    LIST = "list"  # one row per item (`Căn cứ`, `Nơi nhận`, `Điều`)
    YEAR = "year"
    DATE = "date"  # `Ngày ban hành`: a date, or in a draft month and year, or nothing
    CHOICE = "choice"  # one of a few words (`Field.choices`)
    DECIMALS = "decimals"  # a whole number from 0 to texts.DECIMALS_MAX


class Carry(Enum):
    """What `init --from` makes of a field for next year's workbook."""

    KEEP = "keep"  # as it was (a choice as its word)
    YEAR_ON = "year_on"  # as it was, "năm 2014" moved on to "năm 2015"
    NEXT = "next"  # the assessed year, plus one
    LEAVE = "leave"  # left empty: the văn thư gives the number and the date; a decision's own lines
    RESULTS = "results"  # last year's results workbook as the new workbook reaches it (version 2 only)


ALL = frozenset(DocumentKind)


@dataclass(frozen=True)
class Field:
    name: str  # its field in `model.NoticeInfo`, its label's key in `texts.INFO_LABELS`
    read: Read = Read.TEXT
    required: frozenset[DocumentKind] = frozenset()  # the kinds of document that need it
    draft: bool = False  # required, but a draft may leave it empty until the văn thư gives it
    carry: Carry = Carry.KEEP
    # A setting since version 2: empty means its default, and a workbook that sets one otherwise is
    # carried over by `init --from` with version 2's columns.
    setting: bool = False
    template: bool = True  # the Word template gets it, by its name (texts escaped)
    choices: dict[str, Any] = field(default_factory=dict)  # Read.CHOICE: each word and its value

    @property
    def label(self) -> str:
        return texts.INFO_FIELD_LABELS[self.name]

    def written(self, value: Any) -> Any:
        """`value` as a workbook gives it: a choice's word (`Có`, not True), else itself (a level, a number)."""
        if isinstance(value, (Enum, bool)):
            return next(word for word, given in self.choices.items() if given is value)
        return value


def _words(words: dict[str, str], values: type[Enum]) -> dict[str, Any]:
    return {words[member.value]: member for member in values}


YES_NO = {word: value for value, word in texts.YES_NO.items()}  # a yes/no field's choices
TIE_RULES = {texts.TIE_KEEP_ORDER: TieRule.KEEP_ORDER, texts.TIE_SHARED: TieRule.SHARED, texts.TIE_DENSE: TieRule.DENSE}

FIELDS = (
    Field("parent_body"),
    Field("issuing_body", required=ALL),
    Field("number", required=ALL, draft=True, carry=Carry.LEAVE),
    Field("place", required=ALL),
    Field("date", Read.DATE, required=ALL, draft=True, carry=Carry.LEAVE),
    Field("year", Read.YEAR, required=ALL, carry=Carry.NEXT),
    Field("subject", required=ALL, carry=Carry.YEAR_ON),
    Field("bases", Read.LIST),
    Field("intro", required=frozenset({DocumentKind.NOTICE}), carry=Carry.YEAR_ON),
    Field("overall_title", required=ALL),
    Field("tie_rule", Read.CHOICE, template=False, choices=TIE_RULES),
    Field("authority"),
    Field("signer_title", required=ALL),
    Field("signer_other_title"),
    Field("signer", required=ALL),
    Field("recipients", Read.LIST),
    # version 2
    Field("rank_by", Read.CHOICE, setting=True, template=False, choices=_words(texts.RANK_BY_WORDS, RankBy)),
    Field("display", Read.CHOICE, setting=True, template=False, choices=_words(texts.DISPLAY_WORDS, Display)),
    Field("decimals", Read.DECIMALS, setting=True, template=False),
    Field("value_heading", setting=True, template=False),
    Field("detail_level", Read.CHOICE, setting=True, template=False,
          choices={str(level): level for level in texts.DETAIL_LEVELS}),
    Field("last_results", setting=True, carry=Carry.RESULTS, template=False),
    # a decision, and the headings' wording
    Field("kind", Read.CHOICE, carry=Carry.LEAVE, template=False, choices={texts.KINDS[kind.value].word: kind for kind in DocumentKind}),
    Field("proposal", carry=Carry.LEAVE),
    Field("articles", Read.LIST, required=frozenset({DocumentKind.DECISION}), carry=Carry.LEAVE),
    Field("part_a_title", carry=Carry.LEAVE),
    Field("part_b_title", carry=Carry.LEAVE),
    # version 3
    Field("form", Read.CHOICE, setting=True, template=False, choices=_words(texts.FORM_WORDS, Form)),
    Field("result_sheets", Read.CHOICE, setting=True, template=False, choices=YES_NO),
    Field("self_detail", Read.CHOICE, setting=True, template=False, choices=YES_NO),
    Field("summary", Read.CHOICE, setting=True, template=False, choices=YES_NO),
)
BY_NAME = {f.name: f for f in FIELDS}
SETTINGS = tuple(f.name for f in FIELDS if f.setting)
