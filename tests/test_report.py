"""How a report reaches the screen: the first problems in full, then one line that says how many
more there are and where they all are; an invalid last year's workbook makes no new one."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from builders import Spec, unscored
from generator import api
from generator.cli import SHOWN_PROBLEMS, main


@pytest.mark.parametrize("units, more", [(SHOWN_PROBLEMS, 0), (SHOWN_PROBLEMS + 1, 1), (2 * SHOWN_PROBLEMS + 7, SHOWN_PROBLEMS + 7)])
def test_generate_prints_the_first_problems_then_how_many_more_and_where_they_all_are(tmp_path, units, more):
    book = unscored(units, ("Hạ tầng",)).write(tmp_path / "trong.xlsx")  # one missing score per unit
    _, report = api.check(book)
    result = CliRunner().invoke(main, ["generate", str(book), "-o", str(tmp_path / "ra")])
    annotated = tmp_path / "ra" / "trong.loi.xlsx"
    lines = result.output.splitlines()
    assert lines[:SHOWN_PROBLEMS] == [f"trong.xlsx: {line}" for line in report.lines()[:SHOWN_PROBLEMS]]
    expected_more = [f"trong.xlsx: … và {more} vấn đề khác, xem đủ trong {annotated}"] if more else []
    assert lines[SHOWN_PROBLEMS:] == [*expected_more, f"trong.xlsx: có {units} lỗi, chưa tạo văn bản. Hãy sửa "
                                      "các ô nêu trên rồi chạy lại.", f"Đã đánh dấu các ô lỗi trong {annotated}"]
    assert result.exit_code == 1 and annotated.exists()


def test_validate_writes_no_list_so_it_prints_every_problem(tmp_path):
    book = unscored(SHOWN_PROBLEMS + 5, ("Hạ tầng",)).write(tmp_path / "trong.xlsx")
    _, report = api.check(book)
    result = CliRunner().invoke(main, ["validate", str(book)])
    counted = f"trong.xlsx: {len(report.errors)} lỗi, {len(report.warnings)} cảnh báo."  # issue 19
    assert result.output.splitlines() == [*(f"trong.xlsx: {line}" for line in report.lines()), counted]
    assert result.exit_code == 1


def test_init_from_an_invalid_workbook_lists_its_problems_and_writes_nothing(tmp_path):
    spec = Spec()
    spec.grades[4] = ("Yếu", 10)
    last = spec.write(tmp_path / "2024.xlsx")
    result = CliRunner().invoke(main, ["init", str(tmp_path / "2025"), "--from", str(last)])
    assert result.output.splitlines() == [
        "2024.xlsx: Lỗi: Sheet 'Xếp loại', ô B5: ngưỡng thấp nhất là 10, phải là 0 để mọi điểm đều có xếp loại.",
        "2024.xlsx: bảng tính năm trước có lỗi, hãy sửa trước khi dùng làm mẫu.",
    ]
    assert result.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024.xlsx"]
