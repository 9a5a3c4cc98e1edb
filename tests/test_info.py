"""The `Thông tin` fields' table (`info.FIELDS`): one line a field, matching its label and its
place in `model.NoticeInfo`."""

from __future__ import annotations

from dataclasses import MISSING, fields

from generator import info, texts
from generator.model import DocumentKind, NoticeInfo


def test_every_field_once_in_the_labels_order_and_in_noticeinfo():
    names = [f.name for f in info.FIELDS]
    assert names == list(texts.INFO_LABELS.values())  # the order `init` writes them in
    assert set(names) == {f.name for f in fields(NoticeInfo)}


def test_a_field_every_document_needs_has_no_default_and_one_none_needs_has_one():
    defaults = {f.name: f.default is not MISSING or f.default_factory is not MISSING for f in fields(NoticeInfo)}
    for field in info.FIELDS:
        if field.required == info.ALL:
            assert not defaults[field.name], field.name
        elif not field.required:
            assert defaults[field.name], field.name
    assert info.BY_NAME["intro"].required == {DocumentKind.NOTICE}
    assert info.BY_NAME["articles"].required == {DocumentKind.DECISION}


def test_a_choice_is_written_back_as_the_word_it_is_read_from():
    for field in info.FIELDS:
        for word, value in field.choices.items():
            assert field.written(value) in (word, value)
    assert info.BY_NAME["tie_rule"].written(info.TIE_RULES[texts.TIE_SHARED]) == "Đồng hạng"
    assert [info.BY_NAME["summary"].written(v) for v in (True, False)] == ["Có", "Không"]  # `init --from`: its word
    assert info.SETTINGS == ("rank_by", "display", "decimals", "value_heading", "detail_level", "last_results", "form",
                             "result_sheets", "self_detail", "summary")
