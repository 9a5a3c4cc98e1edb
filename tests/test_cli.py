from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from builders import Spec
from conftest import ROOT, SAMPLE
from generator.cli import main


def test_generate_writes_the_notice_and_exits_0(tmp_path):
    result = CliRunner().invoke(main, ["generate", str(SAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Đã tạo {tmp_path / 'khanh-hoa-2014.docx'}\n"


def test_default_paths_are_input_and_output(tmp_path, monkeypatch):
    (tmp_path / "input").mkdir()
    Spec().write(tmp_path / "input" / "nam-2024.xlsx")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["generate"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "nam-2024.docx").exists()


def test_invalid_workbook_exits_1_and_writes_nothing(tmp_path):
    spec = Spec()
    spec.scores["Sở"][1] = (1, "Sở A", 120, 40)
    book = spec.write(tmp_path / "sai.xlsx")
    result = CliRunner().invoke(main, ["generate", str(book), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "sai.xlsx: Lỗi: Sheet 'Sở', ô C2 (Sở A – Hạ tầng): 120 vượt điểm tối đa 100" in result.output
    assert not (tmp_path / "out" / "sai.docx").exists()


def test_wrong_usage_exits_2(tmp_path):
    assert CliRunner().invoke(main, ["generate", "--no-such-option"]).exit_code == 2
    assert CliRunner().invoke(main, ["generate", str(tmp_path / "missing.xlsx")]).exit_code == 2


def test_python_dash_m_runs_the_same_cli(tmp_path):
    done = subprocess.run([sys.executable, "-m", "generator", "generate", str(SAMPLE), "-o", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "khanh-hoa-2014.docx").exists()
