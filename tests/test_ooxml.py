from __future__ import annotations

from decimal import Decimal

from openpyxl import load_workbook

from generator import ooxml
from generator.workbook import read_workbook

SHEETS = [("A.I.1", [["Khối", "Sở & <Ban>"], ["x", None, 3], ["TT", "Đơn vị", "Điểm"],
                     [1, "Sở A", Decimal("92.5")], [2, "Sở \"B\"", Decimal("1E+2")]])]


def test_plain_workbook_reads_back_in_calamine_and_openpyxl(tmp_path):
    path = tmp_path / "k.xlsx"
    path.write_bytes(ooxml.xlsx(SHEETS))
    rows = read_workbook(path).sheets[0].rows
    assert rows[0][:2] == ["Khối", "Sở & <Ban>"] and rows[1] == ["x", "", 3.0]
    assert rows[3] == [1.0, "Sở A", 92.5] and rows[4] == [2.0, 'Sở "B"', 100.0]
    sheet = load_workbook(path)["A.I.1"]
    assert [c.value for c in sheet[4]] == [1, "Sở A", 92.5]


def test_same_content_same_bytes():
    assert ooxml.xlsx(SHEETS) == ooxml.xlsx(SHEETS)
