from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest
from openpyxl import Workbook

from builders import ods, patched, read_file
from generator import workbook
from generator.workbook import CellError, RawWorkbook, UnreadableWorkbook, cell_ref, clean


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
    raw = read_file(tmp_path / "b.xlsx")
    found = raw.sheet("  SỞ, BAN,  NGÀNH ")
    assert found is not None and found.name == "Sở, ban, ngành"
    assert found.value(2, 2) == 97.5 and found.value(2, 3) == "" and found.value(99, 99) == ""


def test_texts_are_cleaned_of_what_xml_cannot_hold_and_of_invisible_characters():
    raw = RawWorkbook.of("b.xlsx", {"S\u200b": [["a\ufffeb\uffffc\ud800d\U0001fffee\x0bf\ufdd0g",
                                                "Sở\u00a0A\u200d\ufeff\u00ad", "dòng 1\r\ndòng 2", 9.5]]})
    sheet = raw.sheet("S")
    assert sheet is not None and sheet.name == "S"
    assert sheet.rows == [["abcdefg", "Sở A", "dòng 1\ndòng 2", 9.5]]
    assert clean(unicodedata.normalize("NFD", "Hòa")) == "Hòa"


def test_a_sheet_is_parsed_only_when_asked_for(tmp_path):
    book = Workbook()
    book.active.title = "Dùng"
    book.active["A1"] = 1
    book.create_sheet("Thừa")["XFD1048576"] = "một ô ở tận cùng"
    book.save(tmp_path / "b.xlsx")
    raw = read_file(tmp_path / "b.xlsx")
    assert raw.sheet("Dùng").rows == [[1]]  # python-calamine gives whole numbers as ints or floats
    with pytest.raises(UnreadableWorkbook, match="XFD1048576"):
        raw.load("Thừa")


def test_an_archive_that_inflates_beyond_reason_is_refused_before_parsing(tmp_path):
    book = Workbook()
    book.active["A1"] = "x"
    book.save(tmp_path / "b.xlsx")
    # 40 MB of padding inside the sheet's XML packs to about 40 KB: a ratio of a thousand.
    patched(tmp_path / "b.xlsx", "xl/worksheets/sheet1.xml", lambda xml: xml.replace("<sheetData>", " " * (40 << 20) + "<sheetData>"))
    with pytest.raises(UnreadableWorkbook, match="quá lớn"):
        read_file(tmp_path / "b.xlsx")


def test_declared_sizes_are_checked_against_the_limit(tmp_path, monkeypatch):
    book = Workbook()
    book.active["A1"] = "x" * 5000
    book.save(tmp_path / "b.xlsx")
    monkeypatch.setattr(workbook, "LIMITS", replace(workbook.LIMITS, total=4000))
    with pytest.raises(UnreadableWorkbook, match="quá lớn"):
        read_file(tmp_path / "b.xlsx")


def test_error_cells_and_hidden_rows_are_read(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["B2"], sheet["A3"] = "a", "=1/0", "c"
    sheet.row_dimensions[3].hidden = True
    book.save(tmp_path / "b.xlsx")
    patched(tmp_path / "b.xlsx", "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace('<c r="B2"><f>1/0</f><v></v></c>', '<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'))
    found = read_file(tmp_path / "b.xlsx").sheet("Sheet")
    assert found.value(1, 1) == CellError("#DIV/0!") and found.hidden_rows == frozenset({2})


def test_an_opendocument_spreadsheet_is_read(tmp_path):
    path = tmp_path / "b.ods"
    path.write_bytes(ods({"Sở": [["TT", "Đơn vị"], [1, "Sở A"]]}))
    assert read_file(path).sheet("sở").rows == [["TT", "Đơn vị"], [1.0, "Sở A"]]
