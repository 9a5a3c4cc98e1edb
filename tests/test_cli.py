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
    missing = CliRunner().invoke(main, ["generate", str(tmp_path / "missing.xlsx")])
    assert missing.exit_code == 2
    assert missing.output == f"Không tìm thấy {tmp_path / 'missing.xlsx'}; hãy kiểm tra lại tên tệp hoặc thư mục.\n"


def test_python_dash_m_runs_the_same_cli(tmp_path):
    done = subprocess.run([sys.executable, "-m", "generator", "generate", str(SAMPLE), "-o", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "khanh-hoa-2014.docx").exists()


def test_validate_reports_only_and_exits_1_on_any_error(tmp_path):
    good = Spec().write(tmp_path / "good.xlsx")
    spec = Spec()
    spec.scores["Sở"][1] = (1, "Sở A", -3, 40)
    bad = spec.write(tmp_path / "bad.xlsx")
    assert CliRunner().invoke(main, ["validate", str(good)]).output == "good.xlsx: hợp lệ.\n"
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.output == "bad.xlsx: Lỗi: Sheet 'Sở', ô C2 (Sở A – Hạ tầng): -3 là số âm.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx", "good.xlsx"]  # nothing written


def test_a_folder_skips_owner_and_hidden_files_and_one_bad_workbook_stops_no_other(tmp_path):
    folder = tmp_path / "vao"
    Spec().write(folder / "a.xlsx")
    spec = Spec()
    spec.scores["Sở"][1] = (1, "Sở A", "x", 40)
    spec.write(folder / "b.xlsx")
    Spec().write(folder / "c.xlsx")
    (folder / "~$a.xlsx").write_bytes(b"owner file")
    (folder / ".hidden.xlsx").write_bytes(b"hidden")
    result = CliRunner().invoke(main, ["generate", str(folder), "-o", str(tmp_path / "ra")])
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "ra").iterdir()) == [
        "a.docx", "a.ketqua.xlsx", "b.loi.xlsx", "c.docx", "c.ketqua.xlsx"]
    assert "Tổng hợp" in result.output
    summary = result.output[result.output.index("Tổng hợp"):]
    assert "a.xlsx" in summary and "b.xlsx" in summary and "Có lỗi" in summary and "~$a" not in summary


def test_rerun_prints_what_changed(tmp_path):
    book = Spec().write(tmp_path / "nam.xlsx")
    CliRunner().invoke(main, ["generate", str(book), "-o", str(tmp_path)])
    spec = Spec()
    spec.scores["Sở"][3] = (3, "Sở C", 99, 20)
    spec.write(book)
    result = CliRunner().invoke(main, ["generate", str(book), "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert "  Khối Sở:\n    Sở C — Hạ tầng: 60 → 99; Tổng: 80 → 119; Xếp loại Mức độ ứng dụng CNTT: Trung bình → Khá\n" in result.output
    again = CliRunner().invoke(main, ["generate", str(book), "-o", str(tmp_path)])
    assert "Không có thay đổi so với lần chạy trước." in again.output


def test_an_output_open_in_word_gets_a_clear_message(tmp_path, monkeypatch):
    from generator import output

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.os, "replace", locked)
    result = CliRunner().invoke(main, ["generate", str(SAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "khanh-hoa-2014.docx: tệp đang mở trong Word" in result.output
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_unexpected_failure_is_one_line_and_a_log_never_a_traceback(tmp_path, monkeypatch):
    from generator import scoring

    def broken(assessment):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(scoring, "score", broken)
    result = CliRunner().invoke(main, ["generate", str(SAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 1
    log = tmp_path / "xephang-loi.log"
    assert result.output == (f"khanh-hoa-2014.xlsx: gặp lỗi không mong muốn (ZeroDivisionError). Chi tiết đã ghi vào "
                             f"{log}; hãy gửi tệp này cho bộ phận kỹ thuật.\n")
    assert "Traceback" in log.read_text(encoding="utf-8") and "boom" in log.read_text(encoding="utf-8")


def test_every_command_has_help():
    for name, command in main.commands.items():
        assert command.help, name
        assert CliRunner().invoke(main, [name, "--help"]).exit_code == 0


def test_a_broken_template_gets_a_message_not_a_log(tmp_path, monkeypatch):
    from generator import notice

    def broken(*args):
        raise notice.TemplateBroken("unexpected 'end of template'")

    monkeypatch.setattr(notice, "render", broken)
    result = CliRunner().invoke(main, ["generate", str(SAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "Mẫu Word" in result.output and "bị hỏng" in result.output
    assert not (tmp_path / "xephang-loi.log").exists()
