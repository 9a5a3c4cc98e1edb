from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
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
    # the problems, then how many (issue 19: `validate` printed no count)
    assert result.output == ("bad.xlsx: Lỗi: Sheet 'Sở', ô C2 (Sở A – Hạ tầng): -3 là số âm.\n"
                             "bad.xlsx: 1 lỗi, 0 cảnh báo.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx", "good.xlsx"]  # nothing written


def test_validate_counts_the_warnings_of_a_valid_workbook(tmp_path):
    spec = Spec()
    spec.scores["Sở"][1] = (1, "Sở A", "90", 40)  # a number typed as text: a warning
    result = CliRunner().invoke(main, ["validate", str(spec.write(tmp_path / "nam.xlsx"))])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "nam.xlsx: hợp lệ, 1 cảnh báo."


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
        "a", "a.docx", "a.ketqua.xlsx", "b.loi.xlsx", "c", "c.docx", "c.ketqua.xlsx"]
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


@pytest.mark.parametrize("garbage", [b"not a workbook", Spec().write_bytes()])  # no results workbook either
def test_last_runs_results_that_cannot_be_read_are_said_so(tmp_path, garbage):
    book = Spec().write(tmp_path / "nam.xlsx")
    CliRunner().invoke(main, ["generate", str(book), "-o", str(tmp_path)])
    (tmp_path / "nam.ketqua.xlsx").write_bytes(garbage)
    result = CliRunner().invoke(main, ["generate", str(book), "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert "Không đọc được kết quả lần chạy trước" in result.output and "Không có thay đổi" not in result.output


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


# --- click's own words, the command alone, discovery, temporary files and the log ------------------

ENGLISH = ("Usage", "Options", "Commands", "Arguments", "Error", "No such option", "No such command",
           "Missing argument", "Invalid value", "does not exist", "is a file", "is a directory", "Try",
           "Show this message", "Show the version", "requires an argument", "unexpected extra", "Aborted")


def test_help_and_every_usage_error_speak_vietnamese(tmp_path):
    a_file = tmp_path / "tep.txt"
    a_file.write_text("x")
    helps = [["-h"], ["--help"], *([name, "-h"] for name in main.commands)]
    wrong = [["generate", "--khong-co"], ["khong-co-lenh"], ["init"], ["init", "a.xlsx", "b.xlsx"],
             ["generate", "-o"], ["watch", str(tmp_path / "khong-co")], ["generate", "-o", str(a_file)],
             ["init", str(tmp_path / "moi.xlsx"), "--from", str(tmp_path / "khong-co.xlsx")],
             ["init", str(tmp_path)], ["--khong-co"]]
    for args in helps + wrong:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == (0 if args in helps else 2), (args, result.output)
        assert not any(word in result.output for word in ENGLISH), (args, result.output)
    usage = CliRunner().invoke(main, ["-h"]).output
    assert usage.startswith("Cách dùng: xephang [TÙY_CHỌN] [LỆNH] [THAM_SỐ]...\n")
    assert "Tùy chọn:" in usage and "Lệnh:" in usage and "Hiện phiên bản rồi thoát." in usage
    missing = CliRunner().invoke(main, ["init"]).output
    assert missing.endswith("Xem hướng dẫn: xephang init --help\n\nLỗi: Thiếu tham số 'TỆP'.\n")


def test_every_translation_of_clicks_words_is_a_string_click_really_uses():
    import ast

    import click

    from generator import texts

    used: set[str] = set()
    for module in ("core", "exceptions", "parser", "types", "formatting", "decorators"):
        source = (Path(click.__file__).parent / f"{module}.py").read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                used.update(arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str))
    assert set(texts.CLICK_WORDS) <= used, set(texts.CLICK_WORDS) - used


def test_version_comes_from_the_installed_package():
    result = CliRunner().invoke(main, ["--version"])
    assert (result.exit_code, result.output) == (0, "xephang, phiên bản 0.1.0\n")


def test_xephang_alone_generates_every_workbook_in_input(tmp_path, monkeypatch):
    Spec().write(tmp_path / "input" / "nam-2024.xlsx")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "nam-2024.docx").exists()


@pytest.mark.parametrize("args", [[], ["generate"], ["validate"]])
def test_without_an_input_folder_it_says_what_to_do_and_exits_2(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    command = args[0] if args else "generate"
    assert result.output == (f"Không có thư mục input/ trong thư mục hiện tại ({tmp_path}). Hãy đặt bảng tính vào "
                             f"thư mục input/, hoặc ghi rõ tên tệp: xephang {command} bang-diem.xlsx\n")
    assert not (tmp_path / "output").exists()


def test_inputs_are_every_workbook_format_but_owner_hidden_and_our_own_files(tmp_path):
    from generator import api

    names = ["a.xlsx", "b.XLSM", "c.xls", "d.ods", "~$a.xlsx", ".e.xlsx", "a.loi.xlsx", "a.ketqua.xlsx",
             "ghi-chu.txt", "f.csv"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "thu-muc.xlsx").mkdir()
    assert [p.name for p in api.workbooks_in([tmp_path])] == ["a.xlsx", "b.XLSM", "c.xls", "d.ods"]
    # a workbook named twice, directly and by its folder, is one workbook
    assert api.workbooks_in([tmp_path / "a.xlsx", tmp_path]) == [tmp_path / p for p in ("a.xlsx", "b.XLSM", "c.xls", "d.ods")]
    assert api.is_workbook(Path("Bang Diem.Xlsx")) and not api.is_workbook(Path("~$Bang Diem.xlsx"))


def test_two_workbooks_that_would_write_the_same_outputs_are_both_refused(tmp_path):
    first, second = Spec().write(tmp_path / "a" / "2025.xlsx"), Spec().write(tmp_path / "b" / "2025.XLSX")
    other = Spec().write(tmp_path / "a" / "khac.xlsx")
    result = CliRunner().invoke(main, ["generate", str(tmp_path / "a"), str(second), "-o", str(tmp_path / "ra")])
    assert result.exit_code == 1
    assert result.stderr == (f"{first}, {second}: trùng tên nên kết quả sẽ ghi đè lên nhau (2025.docx…); chưa xử lý "
                             f"các bảng tính này. Hãy đổi tên một bảng tính rồi chạy lại.\n")
    assert sorted(p.name for p in (tmp_path / "ra").iterdir()) == ["khac", "khac.docx", "khac.ketqua.xlsx"]
    summary = result.output[result.output.index("Tổng hợp"):]
    assert summary.count("Trùng tên") == 2 and other.name in summary


def test_init_gives_a_name_without_extension_the_xlsx_one(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "2015")])
    assert result.exit_code == 0, result.output
    assert result.output == f"Đã tạo bảng tính {tmp_path / '2015.xlsx'}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["2015.xlsx"]
    again = CliRunner().invoke(main, ["init", str(tmp_path / "2015")])
    assert again.exit_code == 1 and str(tmp_path / "2015.xlsx") in again.output


KILLED_MID_WRITE = """
import os, sys, time
from pathlib import Path
from generator import output

def stalled_fsync(fd):
    print("writing", flush=True)
    time.sleep(60)

output.os.fsync = stalled_fsync
output.write_atomic(Path(sys.argv[1]), b"half a notice")
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_temporary_files_of_a_killed_run_are_removed_by_the_next_but_not_a_live_runs(tmp_path):
    target = tmp_path / "khanh-hoa-2014.docx"
    killed = subprocess.Popen([sys.executable, "-c", KILLED_MID_WRITE, str(target)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert killed.stdout.readline() == "writing\n"
    killed.kill()
    killed.wait()
    [stale] = tmp_path.glob(".khanh-hoa-2014.docx.*.tmp")
    assert f".{killed.pid}." in stale.name
    live = tmp_path / f".khanh-hoa-2014.docx.{os.getppid()}.abcd1234.tmp"  # a writer still at work
    live.write_bytes(b"")
    other = tmp_path / f".khanh-hoa-2014.docx.x.{killed.pid}.abcd1234.tmp"  # another file's, however named
    other.write_bytes(b"")
    result = CliRunner().invoke(main, ["generate", str(SAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert not stale.exists() and live.exists() and other.exists()


def test_the_failure_log_is_never_left_empty(tmp_path, monkeypatch):
    from generator import scoring

    def broken(assessment):
        raise ZeroDivisionError("boom")

    real_open = Path.open

    def full_disk(self, *args, **kwargs):
        opened = real_open(self, *args, **kwargs)
        if self.parent == tmp_path / "ra":
            def fail(text):
                raise OSError(28, "No space left on device")
            opened.write = fail
        return opened

    monkeypatch.setattr(scoring, "score", broken)
    monkeypatch.setattr(Path, "open", full_disk)
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "tam"))
    (tmp_path / "tam").mkdir()
    result = CliRunner().invoke(main, ["generate", str(SAMPLE), "-o", str(tmp_path / "ra")])
    assert result.exit_code == 1
    assert not (tmp_path / "ra" / "xephang-loi.log").exists()
    assert "boom" in (tmp_path / "tam" / "xephang-loi.log").read_text(encoding="utf-8")
    assert str(tmp_path / "tam" / "xephang-loi.log") in result.output


def test_a_file_that_is_no_workbook_is_one_line_without_cells_to_fix(tmp_path):
    book = tmp_path / "bao-cao.xlsx"
    book.write_text("không phải bảng tính", encoding="utf-8")
    result = CliRunner().invoke(main, ["generate", str(book), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "bao-cao.xlsx: Lỗi: Không đọc được tệp này như một bảng tính (tệp không phải bảng tính Excel (.xlsx, "
        ".xlsm, .xls) hay LibreOffice (.ods)). Hãy mở bằng Excel và lưu lại dưới dạng Excel Workbook (.xlsx)."]


def test_problems_come_first_then_what_stopped_the_annotated_copy_and_no_log(tmp_path, monkeypatch):
    from generator import output

    def full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output, "write_atomic", full)
    spec = Spec()
    spec.scores["Sở"][2] = (2, "Sở B", 130, 45)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(spec.write(tmp_path / "nam.xlsx")), "-o", str(out)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "nam.xlsx: Lỗi: Sheet 'Sở', ô C3 (Sở B – Hạ tầng): 130 vượt điểm tối đa 100."
    assert lines[1] == f"Không ghi được {out / 'nam.loi.xlsx'}: ổ đĩa chứa {out} đã đầy. Hãy giải phóng dung lượng rồi chạy lại."
    assert "không mong muốn" not in result.output and not (out / "xephang-loi.log").exists()


# --- the Word template: given, the folder's own, or the packaged one ------------------------------

def template_saying(path: Path, words: str) -> Path:
    """A copy of the packaged template whose title THÔNG BÁO reads `words`, as edited in Word."""
    from test_build import edited_template

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(edited_template(lambda xml: xml.replace(">THÔNG BÁO<", f">{words}<")))
    return path


def notice_text(path: Path) -> str:
    from test_build import document_xml

    return document_xml(path.read_bytes())


def test_an_edited_template_given_with_template_is_the_one_filled(tmp_path):
    template = template_saying(tmp_path / "mau" / "cua-toi.docx", "THÔNG CÁO")
    result = CliRunner().invoke(main, ["generate", str(SAMPLE), "-o", str(tmp_path / "ra"), "--template", str(template)])
    assert result.exit_code == 0, result.output
    assert "THÔNG CÁO" in notice_text(tmp_path / "ra" / "khanh-hoa-2014.docx")


def test_a_template_kept_in_the_folder_it_runs_from_is_used_and_the_packaged_one_otherwise(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Spec().write(tmp_path / "input" / "nam.xlsx")
    assert CliRunner().invoke(main, ["generate"]).exit_code == 0
    assert "THÔNG BÁO" in notice_text(tmp_path / "output" / "nam.docx")
    template_saying(tmp_path / "templates" / "thong-bao.docx", "THÔNG CÁO")
    assert CliRunner().invoke(main, ["generate"]).exit_code == 0
    assert "THÔNG CÁO" in notice_text(tmp_path / "output" / "nam.docx")
    given = template_saying(tmp_path / "khac.docx", "BẢN KHÁC")  # --template wins over the folder's
    assert CliRunner().invoke(main, ["generate", "--template", str(given)]).exit_code == 0
    assert "BẢN KHÁC" in notice_text(tmp_path / "output" / "nam.docx")


@pytest.mark.parametrize("command", ["generate", "watch"])
def test_a_template_that_is_missing_or_no_word_document_is_a_message_and_exit_2(tmp_path, command):
    folder = tmp_path / "vao"
    Spec().write(folder / "nam.xlsx")
    not_docx = tmp_path / "mau.docx"
    not_docx.write_text("không phải văn bản Word", encoding="utf-8")
    for template, reason in ((tmp_path / "khong-co.docx", "không tìm thấy tệp"),
                             (tmp_path, "đây là thư mục, không phải tệp"),
                             (not_docx, "tệp không phải văn bản Word (.docx)")):
        result = CliRunner().invoke(main, [command, str(folder), "-o", str(tmp_path / "ra"), "--template", str(template)])
        assert result.exit_code == 2, result.output
        assert result.output == f"Không đọc được mẫu Word {template}: {reason}.\n"
    assert not (tmp_path / "ra").exists()


FRONT_ENDS = {"web", "watch"}  # the commands that start the page and the watch load them


def test_the_cli_imports_nothing_from_the_library_but_api_and_texts():
    import generator.cli
    from builders import package_imports

    imported = package_imports(Path(generator.cli.__file__))
    assert imported - FRONT_ENDS == {"api", "texts"}


def test_api_imports_no_front_end():
    import generator.api
    from builders import package_imports

    assert not package_imports(Path(generator.api.__file__)) & (FRONT_ENDS | {"cli", "launch"})


def test_each_kind_of_document_takes_the_folders_own_template_of_its_kind(tmp_path, monkeypatch):
    from test_validate import decision

    monkeypatch.chdir(tmp_path)
    Spec().write(tmp_path / "input" / "thong-bao.xlsx")
    decision().write(tmp_path / "input" / "quyet-dinh.xlsx")
    # A decision's own copy: the notice's template saying so, enough to tell which one was filled.
    template_saying(tmp_path / "templates" / "quyet-dinh.docx", "MẪU QUYẾT ĐỊNH CỦA TỈNH")
    result = CliRunner().invoke(main, ["generate"])
    assert result.exit_code == 0, result.output
    assert "MẪU QUYẾT ĐỊNH CỦA TỈNH" in notice_text(tmp_path / "output" / "quyet-dinh.docx")
    assert "MẪU QUYẾT ĐỊNH CỦA TỈNH" not in notice_text(tmp_path / "output" / "thong-bao.docx")


def test_a_broken_template_of_the_folder_is_named_in_the_message(tmp_path, monkeypatch):
    from test_validate import decision

    monkeypatch.chdir(tmp_path)
    decision().write(tmp_path / "input" / "quyet-dinh.xlsx")
    template_saying(tmp_path / "templates" / "quyet-dinh.docx", "{% if %}")
    result = CliRunner().invoke(main, ["generate"])
    # checked when it is read, before any workbook: like a template that cannot be read at all
    assert result.exit_code == 2 and not (tmp_path / "output").exists()
    assert f"Mẫu Word {Path('templates', 'quyet-dinh.docx')} bị hỏng" in result.output


def test_init_from_last_year_reminds_to_read_the_bases_again(tmp_path):
    # Căn cứ name last year's meetings and decisions: carried over, they must be read again (issue 19).
    result = CliRunner().invoke(main, ["init", str(tmp_path / "2015.xlsx"), "--from", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "Các mục 'Căn cứ' được chép từ bảng tính năm trước: hãy đọc lại và sửa cho năm nay.")
    fresh = CliRunner().invoke(main, ["init", str(tmp_path / "moi.xlsx")])
    assert "Căn cứ" not in fresh.output


def test_phieu_asks_for_each_units_result_sheet(tmp_path):
    book = Spec().write(tmp_path / "nam.xlsx")
    result = CliRunner().invoke(main, ["generate", "--phieu", str(book), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"Đã tạo {tmp_path / 'out' / name}"
                                          for name in ("nam.docx", "nam.phieu.zip", "nam.phieu.docx")]


def test_a_sheet_template_that_cannot_be_read_stops_before_any_workbook(tmp_path):
    book = Spec().write(tmp_path / "nam.xlsx")
    result = CliRunner().invoke(main, ["generate", "--template-phieu", str(tmp_path / "khong-co.docx"), str(book),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "khong-co.docx" in result.output and not (tmp_path / "out").exists()
