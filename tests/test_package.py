"""What `pip install` gives a secretariat's PC: the template inside the package, and the command
working from any folder; and the library's exceptions, all in `errors`."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from builders import Spec
from conftest import ROOT

PACKAGED_TEMPLATE = "generator/templates/thong-bao.docx"


def test_the_wheel_holds_the_template_and_an_installed_xephang_runs_in_an_empty_folder(tmp_path):
    # The sources the build reads, copied: building in the project would leave build/ and
    # *.egg-info beside the code.
    source = tmp_path / "nguon"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    # No build isolation: the setuptools of this venv (the `test` extra) builds it, no download.
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(tmp_path / "dist"),
                    str(source)], check=True, capture_output=True, timeout=120)
    [wheel] = (tmp_path / "dist").glob("xephang-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert PACKAGED_TEMPLATE in archive.namelist()
        assert archive.read(PACKAGED_TEMPLATE) == (ROOT / PACKAGED_TEMPLATE).read_bytes()
        # every data file of the package, the page's templates and static files too
        data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*")
                if p.is_file() and p.suffix in (".docx", ".html", ".js", ".css", ".LICENSE")}
        assert data and data <= set(archive.namelist())

    # A fresh venv that borrows this one's dependencies (no pandas downloaded again): its own
    # site-packages first, where the wheel goes; then this venv's, by a .pth line, whose own
    # .pth files (the editable install of the project) are not run.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    (purelib / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=120)

    folder = tmp_path / "thu-muc-trong"
    Spec().write(folder / "bang.xlsx")
    xephang = venv / ("Scripts/xephang.exe" if os.name == "nt" else "bin/xephang")
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run([xephang, "generate", "bang.xlsx"], cwd=folder, capture_output=True, text=True,
                          env=environment, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Đã tạo {Path('output', 'bang.docx')}\n"
    assert (folder / "output" / "bang.docx").exists()
    where = subprocess.run([python, "-c", "import generator; print(generator.__file__)"], cwd=folder,
                           capture_output=True, text=True, env=environment, check=True).stdout.strip()
    assert Path(where).is_relative_to(venv)  # the installed copy, not this project's


def test_every_exception_the_library_defines_is_in_errors():
    defined = {}
    for module in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(base, ast.Name) and base.id.endswith(("Exception", "Error")) for base in node.bases):
                defined[node.name] = module.relative_to(ROOT).as_posix()
    assert set(defined.values()) == {"generator/errors.py"}, defined
    assert {"UnreadableWorkbook", "OutputLocked", "CopyUnreadable", "TemplateBroken", "TemplateUnreadable",
            "LibreOfficeMissing", "ConversionFailed"} <= set(defined)
