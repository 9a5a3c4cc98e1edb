from __future__ import annotations

import io
import subprocess
import time
import zipfile
from decimal import Decimal

from openpyxl import load_workbook

from builders import read_file
from conftest import require_soffice
from generator import ooxml

SHEETS = [("A.I.1", [["Khối", "Sở & <Ban>"], ["x", None, 3], ["TT", "Đơn vị", "Điểm"],
                     [1, "Sở A", Decimal("92.5")], [2, "Sở \"B\"", Decimal("1E+2")]])]


def test_plain_workbook_reads_back_in_calamine_and_openpyxl(tmp_path):
    path = tmp_path / "k.xlsx"
    path.write_bytes(ooxml.xlsx(SHEETS))
    rows = read_file(path).sheets[0].rows
    assert rows[0][:2] == ["Khối", "Sở & <Ban>"] and rows[1] == ["x", "", 3.0]
    assert rows[3] == [1.0, "Sở A", 92.5] and rows[4] == [2.0, 'Sở "B"', 100.0]
    sheet = load_workbook(path)["A.I.1"]
    assert [c.value for c in sheet[4]] == [1, "Sở A", 92.5]


def test_same_content_same_bytes_whatever_the_clock_says(monkeypatch):
    # zipfile dates an entry from time.time() unless told otherwise: two runs a year apart
    # (or the next second) must still write the same bytes.
    made = []
    for now in (1_700_000_000, 1_731_622_222):
        monkeypatch.setattr(time, "time", lambda now=now: now)
        made.append(ooxml.xlsx(SHEETS))
    assert made[0] == made[1]
    with zipfile.ZipFile(io.BytesIO(made[0])) as package:
        assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def sheet_xml(data: bytes, number: int = 1) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(f"xl/worksheets/sheet{number}.xml").decode()


INJECTIONS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0"]


def test_text_starting_with_equals_stays_text():
    data = ooxml.xlsx([("A", [["Khối", INJECTIONS[0]], [], ["TT"], [1, INJECTIONS[1]]])])
    assert "<f>" not in sheet_xml(data)
    sheet = load_workbook(io.BytesIO(data))["A"]
    assert (sheet["B1"].value, sheet["B1"].data_type) == (INJECTIONS[0], "s")
    assert (sheet["B4"].value, sheet["B4"].data_type) == (INJECTIONS[1], "s")


def test_control_characters_are_dropped_so_excel_opens_the_file():
    data = ooxml.xlsx([("A", [["Khối", "Sở\x0bA"], [], ["TT"], [1, "Sở\x01B"]])])
    sheet = load_workbook(io.BytesIO(data))["A"]
    assert sheet["B1"].value == "SởA" and sheet["B4"].value == "SởB"


def test_columns_fit_their_longest_text_and_the_header_rows_stay_in_view():
    long = "Ủy ban nhân dân " * 20
    data = ooxml.xlsx([("A", [["Khối", "Sở"], ["Xếp hạng", "Mức độ"], ["TT", "Đơn vị", "Điểm"],
                              [1, "Sở Giáo dục và Đào tạo", Decimal("92.5")], [2, long, Decimal(100)]])])
    sheet = load_workbook(io.BytesIO(data))["A"]
    widths = {c: sheet.column_dimensions[c].width for c in "ABC"}
    assert widths["A"] == len("Xếp hạng") + ooxml.WIDTH_MARGIN
    assert widths["B"] == ooxml.MAX_WIDTH  # capped: the longest name wraps off-screen, not the table
    assert widths["C"] == len("Điểm") + ooxml.WIDTH_MARGIN
    assert all(sheet.column_dimensions[c].customWidth for c in "ABC")
    assert sheet.freeze_panes == "A4"


def test_libreoffice_reads_the_results_workbook(tmp_path):
    require_soffice()
    path = tmp_path / "k.xlsx"
    path.write_bytes(ooxml.xlsx(SHEETS + [("B.I Chi tiết - Sở", [["Khối", "Sở"], ["Chi tiết", ""], ["TT"], [1]])]))
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=120, stdin=subprocess.DEVNULL)  # 76: UTF-8
    lines = (tmp_path / "k.csv").read_text(encoding="utf-8").splitlines()  # the first sheet
    assert lines[0] == "Khối,Sở & <Ban>," and lines[3] == "1,Sở A,92.5"
