from __future__ import annotations

import unicodedata

from openpyxl import Workbook

from generator.workbook import cell_ref, read_workbook


def test_cell_refs_are_a1_style():
    assert [cell_ref(0, 0), cell_ref(9, 7), cell_ref(0, 25), cell_ref(4, 26), cell_ref(0, 701)] == [
        "A1", "H10", "Z1", "AA5", "ZZ1"]


def test_rows_keep_their_coordinates_and_sheets_match_like_labels(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = unicodedata.normalize("NFD", "Sở, ban, ngành")
    sheet["C3"] = 97.5
    sheet["D3"] = "=SUM(A1:B1)"  # a formula with no cached value, as any program writes it
    book.save(tmp_path / "b.xlsx")
    raw = read_workbook(tmp_path / "b.xlsx")
    found = raw.sheet("  SỞ, BAN,  NGÀNH ")
    assert found is not None and found.name == "Sở, ban, ngành"
    assert found.value(2, 2) == 97.5 and found.value(2, 3) == "" and found.value(99, 99) == ""
