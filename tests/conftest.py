from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "input" / "khanh-hoa-2014.xlsx"


def require_soffice() -> str:
    """LibreOffice's path; CI installs it (.ci/run), so there a missing one fails the test."""
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing: .ci/run should have installed it")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


@pytest.fixture(scope="session")
def sample_docx(tmp_path_factory) -> Path:
    from generator import api

    result = api.generate(SAMPLE, tmp_path_factory.mktemp("sample"))
    assert result.docx is not None, result.report.lines()
    return result.docx
