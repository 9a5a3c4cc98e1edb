"""Every version of a workbook's document kept (`versions`): made by `api.generate` at a given moment."""

from __future__ import annotations

import datetime

from builders import Spec
from generator import api, changes, versions

START = datetime.datetime(2026, 12, 7, 9, 0, 0)


def run(tmp_path, score: int, minute: int, spec: Spec | None = None) -> api.Result:
    """The default workbook with Sở A's first score `score`, generated at 09:`minute`."""
    spec = spec or Spec()
    spec.scores["Sở"][1] = (1, "Sở A", score, 40)
    book = spec.write(tmp_path / "nam.xlsx")
    result = api.generate(book, tmp_path / "ra", now=lambda: START + datetime.timedelta(minutes=minute))
    assert result.ok, result.report.lines()
    return result


def test_each_new_document_is_kept_with_its_results_and_an_unchanged_one_is_not(tmp_path):
    run(tmp_path, 90, 1)
    run(tmp_path, 90, 2)  # the same document again: no new version
    run(tmp_path, 91, 3)
    kept = versions.listed(tmp_path / "ra", "nam")
    assert [v.name for v in kept] == ["2026-12-07_09-03-00_chinh-thuc", "2026-12-07_09-01-00_chinh-thuc"]
    assert [p.name for p in kept[0].files()] == ["nam.docx", "nam.ketqua.xlsx"]
    assert kept[0].file(".docx").read_bytes() == (tmp_path / "ra" / "nam.docx").read_bytes()
    assert kept[1].label == "07/12/2026 09:01:00 – Chính thức" and not kept[1].draft


def test_a_draft_is_named_so_and_two_runs_in_one_second_are_both_kept(tmp_path):
    draft = Spec().set_info("Số, ký hiệu", "/TB-HĐTD")
    run(tmp_path, 90, 1, draft)
    run(tmp_path, 91, 1, draft)
    assert [v.name for v in versions.listed(tmp_path / "ra", "nam")] == [
        "2026-12-07_09-01-00-2_du-thao", "2026-12-07_09-01-00_du-thao"]


def test_unmarked_versions_beyond_the_last_20_are_removed_marked_ones_never(tmp_path):
    run(tmp_path, 50, 0)
    versions.mark(versions.listed(tmp_path / "ra", "nam")[0])  # the one issued
    for minute in range(1, 26):
        run(tmp_path, 50 + minute, minute)
    kept = versions.listed(tmp_path / "ra", "nam")
    assert len(kept) == 21 and [v.issued for v in kept].count(True) == 1
    assert kept[-1].name == "2026-12-07_09-00-00_chinh-thuc" and kept[-1].issued
    assert kept[-2].name == "2026-12-07_09-06-00_chinh-thuc"  # 25 made since: the first 5 of them removed


def test_any_two_versions_are_compared_by_their_change_lines(tmp_path):
    run(tmp_path, 90, 1)
    run(tmp_path, 60, 2)  # Sở A 90 + 40 = 130 → 60 + 40 = 100
    run(tmp_path, 95, 3)
    newest, middle, oldest = versions.listed(tmp_path / "ra", "nam")
    assert api.compared(oldest, oldest) == []
    lines = changes.lines(api.compared(oldest, middle))
    assert any("Sở A" in line and "130 → 100" in line for line in lines), lines
    assert api.compared(oldest, newest) != api.compared(oldest, middle)
