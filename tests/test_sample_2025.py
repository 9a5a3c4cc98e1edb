"""The synthetic 2025 DTI sample (`scripts/build_sample_2025.py`) gives a notice that reads well."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import ROOT
from generator import api

SAMPLE_2025 = ROOT / "input" / "dong-nai-2025.xlsx"


@pytest.fixture(scope="module")
def notice(tmp_path_factory) -> tuple[api.Result, Path]:
    result = api.generate(SAMPLE_2025, tmp_path_factory.mktemp("dti"))
    assert result.docx is not None, result.report.lines()
    return result, result.docx


def test_only_last_years_merged_departments_are_told(notice):
    result, _ = notice
    assert [p.code for p in result.report.problems] == ["last_units_not_found"]
    assert "Sở Kế hoạch và Đầu tư" in result.report.problems[0].message()


def test_part_b_shared_out_among_tables_leaves_the_criteria_their_room(notice):
    _, docx = notice
    tables = [t for t in Document(str(docx)).tables if any(c.text == "Trong đó" for c in t.rows[0].cells)]
    assert len(tables) > 2  # the departments' 6 main indices do not fit one landscape table
    for table in tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert grid[1] <= sum(grid) * 25 // 100  # the unit's column: long names wrap, headers fit
