"""`make bench`: wall time and peak memory of `xephang generate` at national scale.

Builds synthetic workbooks of 30, 1,000 and 10,000 units (two groups, six criteria, two of them
ranked on their own, decimal scores with many ties), times `xephang generate` on each in a fresh
process, and sets it beside a plain docxtpl `{%tr for %}` loop rendering the same tables (three
ranking tables and one detail table of every unit) as the reference. Also: 10,000 units with
every score empty (60,000 problems: the report and the annotated copy `.loi.xlsx`), the 2014
sample against the time it takes merely to import pandas and openpyxl, and `--pdf` on the
largest notice.

Timings are the median of several runs; each run after the first finds the previous run's
results workbook and prints what changed, as a re-run after a correction does.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CRITERIA = [("Hạ tầng CNTT", 120, None), ("Nhân lực CNTT", 165, None), ("Sử dụng các PM ứng dụng", 400, None),
            ("Chính sách và đầu tư", 135, None), ("Trang/Cổng TTĐT", 100, "Cổng thông tin điện tử"),
            ("An toàn thông tin số", 80, "An toàn thông tin số")]
SIZES = (30, 1_000, 10_000)
TARGET_RATIO, TARGET_MIB, TARGET_STARTUP = 0.2, 500, 1.5
UNSCORED = 10_000  # units of the workbook with every score empty: 6 problems each
TARGET_UNSCORED_SECONDS, TARGET_UNSCORED_MIB = 10, 1024


def build_workbook(path: Path, units: int, seed: int = 2014, scored: bool = True) -> None:
    """Two groups sharing `units`; without `scored`, every score cell is left empty (a workbook
    fresh from `xephang init`), so each of them is a problem."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    info = book.create_sheet("Thông tin")
    for row in [("Cơ quan ban hành", "HỘI ĐỒNG THẨM ĐỊNH"), ("Số, ký hiệu", "01/TB-HĐTD"), ("Địa danh", "Hà Nội"),
                ("Ngày ban hành", "08/01/2026"), ("Năm đánh giá", 2025), ("Trích yếu", "Kết quả xếp hạng năm 2025"),
                ("Nội dung", "Hội đồng thông báo, cụ thể như sau:"), ("Tên xếp hạng chung", "Mức độ ứng dụng CNTT"),
                ("Chức vụ người ký", "CHỦ TỊCH"), ("Người ký", "Nguyễn Văn A"), ("Nơi nhận", "Như trên;")]:
        info.append(row)
    groups = [("Sở, ban, ngành", "CÁC SỞ, BAN, NGÀNH"), ("UBND cấp xã", "ỦY BAN NHÂN DÂN CẤP XÃ")]
    sheet = book.create_sheet("Khối")
    sheet.append(("Khối", "Tiêu đề"))
    for group in groups:
        sheet.append(group)
    sheet = book.create_sheet("Tiêu chí")
    sheet.append(("Khối", "Tiêu chí", "Điểm tối đa", "Xếp hạng riêng"))
    for group, _ in groups:
        for criterion in CRITERIA:
            sheet.append((group, *criterion))
    sheet = book.create_sheet("Xếp loại")
    for row in [("Xếp loại", "Từ (% điểm tối đa)"), ("Tốt", 85), ("Khá", 70), ("Trung bình", 50), ("Yếu", 0)]:
        sheet.append(row)
    for g, (group, _) in enumerate(groups):
        sheet = book.create_sheet(group)
        sheet.append(("TT", "Đơn vị", *[c[0] for c in CRITERIA], "Tổng điểm"))
        count = units // 2 + (units % 2 if g == 0 else 0)
        for u in range(1, count + 1):
            # Halves of a few levels per criterion: realistic decimals and many ties.
            scores = [rng.randint(max_ * 1, max_ * 2) / 2 if scored else None for _, max_, _ in CRITERIA]
            sheet.append((u, f"{group} - đơn vị số {u:05d}", *scores))
    book.save(path)


def run(command: list[str], repeat: int, exit_code: int = 0) -> tuple[float, float]:
    """Median wall seconds and largest peak RSS (MiB) of `command` over `repeat` runs, each
    expected to end with `exit_code`."""
    times, peaks = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) != exit_code:
            raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return statistics.median(times), max(peaks)


def reference(workbook: Path, out: Path) -> None:
    """Renders the workbook's tables with a plain docxtpl row loop and prints the seconds it took."""
    from docx import Document
    from docxtpl import DocxTemplate

    from generator import api, scoring, texts

    assessment, _ = api.check(workbook)
    # All units in one group: each table holds every unit, as in the reference.
    group = scoring.score(dataclasses.replace(assessment, groups=(_merged(assessment),))).groups[0]
    rankings = [[{"tt": p, "unit": u, "score": texts.format_number(s), "grade": g}
                 for p, _, u, s, g in r.table.itertuples(index=False)] for r in group.rankings]
    details = [{"tt": p, "unit": u, "total": texts.format_number(t), "scores": [texts.format_number(x) for x in xs]}
               for p, _, u, t, *xs in group.details.itertuples(index=False)]

    template = Document()
    for i in range(len(rankings)):
        table = template.add_table(rows=4, cols=4)
        cells = [c.cells for c in table.rows]
        for cell, text in zip(cells[0], ("TT", "Đơn vị", "Tổng điểm", "Xếp loại")):
            cell.text = text
        cells[1][0].text = f"{{%tr for r in rankings[{i}] %}}"
        for cell, text in zip(cells[2], ("{{ r.tt }}", "{{ r.unit }}", "{{ r.score }}", "{{ r.grade }}")):
            cell.text = text
        cells[3][0].text = "{%tr endfor %}"
    table = template.add_table(rows=4, cols=3 + len(CRITERIA))
    cells = [c.cells for c in table.rows]
    cells[1][0].text = "{%tr for r in details %}"
    for cell, text in zip(cells[2], ["{{ r.tt }}", "{{ r.unit }}", "{{ r.total }}"]
                          + [f"{{{{ r.scores[{k}] }}}}" for k in range(len(CRITERIA))]):
        cell.text = text
    cells[3][0].text = "{%tr endfor %}"
    template_path = out.with_suffix(".template.docx")
    template.save(template_path)

    start = time.perf_counter()
    doc = DocxTemplate(template_path)
    doc.render({"rankings": rankings, "details": details}, autoescape=True)
    doc.save(out)
    print(f"{time.perf_counter() - start:.3f}")


def _merged(assessment):
    import pandas as pd

    from generator.model import Group

    first = assessment.groups[0]
    scores = pd.concat([g.scores for g in assessment.groups])
    return Group(first.name, first.title, first.criteria, scores)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", nargs=2, type=Path, metavar=("WORKBOOK", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF measurement")
    args = parser.parse_args()
    if args.reference:
        return reference(*args.reference)

    from rich.console import Console
    from rich.table import Table

    xephang = str(BIN / "xephang")
    work = Path(tempfile.mkdtemp(prefix="xephang-bench-"))
    try:
        table = Table(title=f"xephang generate — {os.cpu_count()} cores, median of {args.repeat} runs")
        for column in ("units", "xephang (s)", "peak (MiB)", "docxtpl loop (s)", "ratio", "target"):
            table.add_column(column, justify="right")
        for units in SIZES:
            book = work / f"bench-{units}.xlsx"
            build_workbook(book, units)
            out = work / f"out-{units}"
            subprocess.run([xephang, "generate", str(book), "-o", str(out)], check=True, stdout=subprocess.DEVNULL)
            seconds, peak = run([xephang, "generate", str(book), "-o", str(out)], args.repeat)
            ref = subprocess.run([sys.executable, __file__, "--reference", str(book), str(work / f"ref-{units}.docx")],
                                 check=True, capture_output=True, text=True)
            ref_seconds = float(ref.stdout.strip().splitlines()[-1])
            ratio = seconds / ref_seconds
            target = ""  # the targets are set for the national-size notice
            if units == SIZES[-1]:
                ok = ratio <= TARGET_RATIO and peak <= TARGET_MIB
                target = ("✓" if ok else "✗") + f" ≤ {TARGET_RATIO}×, ≤ {TARGET_MIB} MiB"
            table.add_row(f"{units:,}", f"{seconds:.2f}", f"{peak:.0f}", f"{ref_seconds:.2f}", f"{ratio:.2f}×", target)
        book = work / f"unscored-{UNSCORED}.xlsx"
        build_workbook(book, UNSCORED, scored=False)
        out = work / "out-unscored"
        seconds, peak = run([xephang, "generate", str(book), "-o", str(out)], args.repeat, exit_code=1)
        if not (out / f"{book.stem}.loi.xlsx").exists():
            raise SystemExit(f"no annotated copy in {out}")
        ok = seconds <= TARGET_UNSCORED_SECONDS and peak <= TARGET_UNSCORED_MIB
        table.add_row(f"{UNSCORED:,}, no scores", f"{seconds:.2f}", f"{peak:.0f}", "—", "—",
                      ("✓" if ok else "✗") + f" ≤ {TARGET_UNSCORED_SECONDS} s, ≤ {TARGET_UNSCORED_MIB} MiB")
        console = Console(width=110)
        console.print(table)

        # Interleaved, so that a busy moment of the machine weighs on both alike.
        samples, imports = [], []
        for _ in range(max(args.repeat, 9)):
            samples.append(run([xephang, "generate", str(ROOT / "input" / "khanh-hoa-2014.xlsx"), "-o",
                                str(work / "s")], 1)[0])
            imports.append(run([sys.executable, "-c", "import pandas, openpyxl"], 1)[0])
        sample, imports = statistics.median(samples), statistics.median(imports)
        mark = "✓" if sample <= TARGET_STARTUP * imports else "✗"
        console.print(f"2014 sample: {sample:.2f} s; import pandas, openpyxl: {imports:.2f} s; "
                      f"ratio {sample / imports:.2f}× {mark} (target ≤ {TARGET_STARTUP}×)")

        if not args.no_pdf and shutil.which("soffice"):
            biggest = work / f"out-{SIZES[-1]}" / f"bench-{SIZES[-1]}.docx"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from generator import api; "
                            "api.export_pdf(Path(sys.argv[1]))", str(biggest)], check=True)
            pages = subprocess.run(["pdfinfo", str(biggest.with_suffix(".pdf"))], capture_output=True, text=True).stdout
            count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
            console.print(f"--pdf of the {SIZES[-1]:,}-unit notice: {time.perf_counter() - start:.1f} s, {count} pages")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
