"""`make bench`: wall time and peak memory of `xephang generate` at national scale.

Builds synthetic workbooks of 30, 1,000 and 10,000 units (two groups, six criteria, two of them
ranked on their own, decimal scores with many ties), times `xephang generate` on each in a fresh
process, and sets it beside a plain docxtpl `{%tr for %}` loop rendering the same tables (three
ranking tables and one detail table of every unit) as the reference. Also: 10,000 units with
every score empty (60,000 problems: the report and the annotated copy `.loi.xlsx`), the 2014
sample against the time it takes merely to import pandas and openpyxl, and `--pdf` on the
largest notice.

The DTI rows (`--dti` runs only those) are shaped like today's digital-transformation index:
communes scored on 45 component indices (9 weighted main indices of 5), a few of them KAD, ranked
by ratio, shown in percent, part B down to the components; one province's 170 communes, timed
against the 2014 sample, and the whole country's 3,321 in one workbook.

`--templates` (also part of the full run): checking a Word template when it is read (its archive,
then every field, filter and tag it uses), for each packaged template, in one warm process; the
median of runs that each check anew (the check's cache cleared).

`--sheets` (also part of the full run): each unit's result sheet (`--phieu`) for the province's 170
communes against the same run without them, for the country's 3,321, and the province's sheets
filled by `result_sheets.render` against a plain docxtpl render of the same sheet (its lines and
its table in a `{%tr for %}` loop) for each unit, in the same process.

`--follow` (also part of the full run): `xephang serve` following a working folder, served by
waitress; an event-stream client (`/su-kien`) times each save of the 2014 sample, and of the 170
communes, until it has the folder's new part of the page (`/thu-muc`) showing the change; the median.

`--serve` (also part of the full run): the page's warm loop, the 2014 sample posted again and
again to `xephang serve`'s application in one process (Flask's test client), each post re-checking
and regenerating it and rendering the result with its preview and charts; the median, server side.

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
from decimal import Decimal
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
INFO = [("Cơ quan ban hành", "HỘI ĐỒNG THẨM ĐỊNH"), ("Số, ký hiệu", "01/TB-HĐTD"), ("Địa danh", "Hà Nội"),
        ("Ngày ban hành", "08/01/2026"), ("Năm đánh giá", 2025), ("Trích yếu", "Kết quả xếp hạng năm 2025"),
        ("Nội dung", "Hội đồng thông báo, cụ thể như sau:"), ("Tên xếp hạng chung", "Mức độ ứng dụng CNTT"),
        ("Chức vụ người ký", "CHỦ TỊCH"), ("Người ký", "Nguyễn Văn A"), ("Nơi nhận", "Như trên;")]

# DTI-shaped: 9 main indices of 100, each of 5 components of 20, weighted to a total of 100.
DTI_MAINS = ("Nhận thức số", "Thể chế số", "Hạ tầng số", "Nhân lực số", "An toàn thông tin mạng",
             "Hoạt động chính quyền số", "Kinh tế số", "Xã hội số", "Dữ liệu số")
DTI_WEIGHTS = ("0.1", "0.1", "0.1", "0.1", "0.1", "0.15", "0.15", "0.1", "0.1")
DTI_COMPONENTS, DTI_COMPONENT_MAX = 5, 20
DTI_KAD = ("6.5", "7.5")  # components some communes are not scored on (KAD)
DTI_KAD_SHARE = 0.05  # of the communes, each with one of them KAD
DTI_PROVINCE, DTI_COUNTRY = 170, 3_321  # communes of one province, and of the whole country
TARGET_DTI_PROVINCE = 1.3  # × the 2014 sample's time
TARGET_DTI_SECONDS, TARGET_DTI_MIB = 2, 500
WARM_POSTS, TARGET_WARM_MS = 30, 150  # `xephang serve`: the 2014 sample re-posted
TEMPLATE_CHECKS, TARGET_TEMPLATE_MS = 30, 20  # checking a packaged template when it is read
# Each unit's result sheet (`--phieu`): the province's run with them against the run without, the
# country's every sheet, and filling them against a plain docxtpl render of the same sheet per unit.
# The page following its working folder: from a save to the page's new part, by an event-stream client.
FOLLOW_SAVES, TARGET_FOLLOW_SAMPLE, TARGET_FOLLOW_PROVINCE = 7, 1.0, 2.0
TARGET_SHEETS_RATIO, TARGET_SHEETS_SECONDS, TARGET_SHEETS_MIB, TARGET_SHEETS_REFERENCE = 3, 30, 1024, 0.2


def build_workbook(path: Path, units: int, seed: int = 2014, scored: bool = True) -> None:
    """Two groups sharing `units`; without `scored`, every score cell is left empty (a workbook
    fresh from `xephang init`), so each of them is a problem."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    info = book.create_sheet("Thông tin")
    for row in INFO:
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


def build_dti_workbook(path: Path, communes: int, seed: int = 2025) -> None:
    """One group of `communes` scored on the 45 components, each commune near a level of its own
    (in halves), a few with one component KAD; `Tổng điểm` the weighted total, so it is checked."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    info = book.create_sheet("Thông tin")
    settings = [("Tên xếp hạng chung", "Chỉ số chuyển đổi số"), ("Xếp hạng theo", "Tỷ lệ"), ("Hiển thị", "Phần trăm"),
                ("Chi tiết đến cấp", 2), ("Khi bằng điểm", "Đồng hạng")]
    for row in [r for r in INFO if r[0] != "Tên xếp hạng chung"] + settings:
        info.append(row)
    group = "UBND xã, phường"
    sheet = book.create_sheet("Khối")
    for row in [("Khối", "Tiêu đề"), (group, "ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG")]:
        sheet.append(row)
    components = [(f"{m}.{c}", f"Chỉ số thành phần {m}.{c}") for m in range(1, len(DTI_MAINS) + 1)
                  for c in range(1, DTI_COMPONENTS + 1)]
    sheet = book.create_sheet("Tiêu chí")
    sheet.append(("Khối", "Mã", "Tiêu chí", "Điểm tối đa", "Trọng số"))
    for m, (name, weight) in enumerate(zip(DTI_MAINS, DTI_WEIGHTS), start=1):
        sheet.append((group, str(m), name, None, float(weight)))
        for code, component in components[(m - 1) * DTI_COMPONENTS:m * DTI_COMPONENTS]:
            sheet.append((group, code, component, DTI_COMPONENT_MAX, None))
    sheet = book.create_sheet("Xếp loại")
    for row in [("Xếp loại", "Từ (% điểm tối đa)"), ("Xuất sắc", 90), ("Tốt", 80), ("Khá", 65), ("Trung bình", 50),
                ("Kém", 0)]:
        sheet.append(row)
    sheet = book.create_sheet(group)
    sheet.append(("TT", "Đơn vị", *[f"{code} {name}" for code, name in components], "Tổng điểm"))
    weights = [Decimal(w) for w in DTI_WEIGHTS for _ in range(DTI_COMPONENTS)]
    for u in range(1, communes + 1):
        level = rng.uniform(0.45, 0.95)
        scores: list[Decimal | str] = [
            Decimal(round(min(1.0, max(0.0, rng.gauss(level, 0.1))) * DTI_COMPONENT_MAX * 2)) / 2 for _ in components]
        if rng.random() < DTI_KAD_SHARE:
            scores[[code for code, _ in components].index(rng.choice(DTI_KAD))] = "KAD"
        total = sum((w * x for w, x in zip(weights, scores) if not isinstance(x, str)), Decimal(0))
        sheet.append((u, f"Xã số {u:04d}", *[x if isinstance(x, str) else float(x) for x in scores], float(total)))
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
    # Columns by name: the tables also carry rank, maximum and ratio, which the 2014 notice does not print.
    rankings = [[{"tt": p, "unit": u, "score": texts.format_number(s), "grade": g}
                 for p, u, s, g in r.table[["position", "unit", "score", "grade"]].itertuples(index=False)]
                for r in group.rankings]
    criteria = [c.name for c in group.group.criteria]
    own = group.details[["position", "unit", "total"]].itertuples(index=False)
    details = [{"tt": p, "unit": u, "total": texts.format_number(t), "scores": [texts.format_number(x) for x in xs]}
               for (p, u, t), xs in zip(own, group.scores[criteria].itertuples(index=False))]

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


def warm_loop(posts: int = WARM_POSTS) -> str:
    """The page's warm loop: the median milliseconds of posting the 2014 sample to the page's
    application, after a first post (the imports, and a first run with nothing to compare with)."""
    import io

    from generator.web import create_app

    sample = ROOT / "input" / "khanh-hoa-2014.xlsx"
    data = sample.read_bytes()
    with tempfile.TemporaryDirectory(prefix="xephang-serve-") as out:
        client = create_app(Path(out), soffice=None).test_client()

        def post() -> float:
            start = time.perf_counter()
            response = client.post("/kiem-tra", data={"bang_tinh": (io.BytesIO(data), sample.name)},
                                   headers={"HX-Request": "true"})
            seconds = time.perf_counter() - start
            if response.status_code != 200 or b'data-trang-thai="hop-le"' not in response.data:
                raise SystemExit(f"xephang serve: {response.status_code}\n{response.get_data(as_text=True)[:2000]}")
            return seconds

        post()
        milliseconds = statistics.median(post() for _ in range(posts)) * 1000
    mark = "✓" if milliseconds <= TARGET_WARM_MS else "✗"
    return (f"xephang serve, warm loop: the 2014 sample re-checked and regenerated in {milliseconds:.0f} ms server side "
            f"{mark} (target ≤ {TARGET_WARM_MS} ms); median of {posts} posts, Flask's test client, one process")


def template_checks(checks: int = TEMPLATE_CHECKS) -> list[str]:
    """The median milliseconds of checking each packaged template (`api.read_template`'s check),
    after a first check that imports what it needs."""
    from generator import api, fill

    lines = []
    for path in api.TEMPLATES.values():
        data = path.read_bytes()
        api.notice.check(data)
        times = []
        for _ in range(checks):
            fill.check.cache_clear()  # each run a template never seen
            start = time.perf_counter()
            api.notice.check(data)
            times.append(time.perf_counter() - start)
        milliseconds = statistics.median(times) * 1000
        mark = "✓" if milliseconds <= TARGET_TEMPLATE_MS else "✗"
        lines.append(f"template check, {path.name}: {milliseconds:.1f} ms {mark} (target ≤ {TARGET_TEMPLATE_MS} ms); "
                     f"median of {checks}, one warm process")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", nargs=2, type=Path, metavar=("WORKBOOK", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF measurement")
    parser.add_argument("--dti", action="store_true",
                        help="only the DTI rows (and the 2014 sample they are measured against); no PDF")
    parser.add_argument("--serve", action="store_true", help="only the warm loop of `xephang serve`")
    parser.add_argument("--templates", action="store_true", help="only the check of the packaged templates")
    parser.add_argument("--sheets", action="store_true", help="only the rows of each unit's result sheet")
    parser.add_argument("--follow", action="store_true", help="only the page following its working folder")
    parser.add_argument("--sheets-reference", type=Path, metavar="WORKBOOK", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reference:
        return reference(*args.reference)
    if args.sheets_reference:
        return print(sheets_reference(args.sheets_reference))
    if args.follow:
        return print("\n".join(follow_rows()))
    if args.sheets:
        return print("\n".join(sheet_rows(Path(tempfile.mkdtemp(prefix="xephang-bench-")), args.repeat)))
    if args.serve:
        return print(warm_loop())
    if args.templates:
        return print("\n".join(template_checks()))

    from rich.console import Console
    from rich.table import Table

    xephang = str(BIN / "xephang")
    work = Path(tempfile.mkdtemp(prefix="xephang-bench-"))
    try:
        table = Table(title=f"xephang generate — {os.cpu_count()} cores, median of {args.repeat} runs")
        for column in ("units", "xephang (s)", "peak (MiB)", "docxtpl loop (s)", "ratio", "target"):
            table.add_column(column, justify="right")
        if not args.dti:
            generic_rows(table, work, xephang, args.repeat)

        def generate(book: Path) -> list[str]:
            """The command, after a first run that leaves results for the timed runs to compare with."""
            command = [xephang, "generate", str(book), "-o", str(work / f"out-{book.stem}")]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return command

        province, country = work / f"dti-{DTI_PROVINCE}.xlsx", work / f"dti-{DTI_COUNTRY}.xlsx"
        build_dti_workbook(province, DTI_PROVINCE)
        build_dti_workbook(country, DTI_COUNTRY)
        sample_command = generate(ROOT / "input" / "khanh-hoa-2014.xlsx")
        province_command = generate(province)
        # Interleaved, so that a busy moment of the machine weighs on all alike.
        samples, imports, provinces, province_peaks = [], [], [], []
        for _ in range(max(args.repeat, 9)):
            samples.append(run(sample_command, 1)[0])
            imports.append(run([sys.executable, "-c", "import pandas, openpyxl"], 1)[0])
            seconds, peak = run(province_command, 1)
            provinces.append(seconds)
            province_peaks.append(peak)
        sample, imports_time = statistics.median(samples), statistics.median(imports)
        seconds = statistics.median(provinces)
        ratio = seconds / sample
        mark = "✓" if ratio <= TARGET_DTI_PROVINCE else "✗"
        table.add_row(f"DTI: {DTI_PROVINCE:,} communes × 45", f"{seconds:.2f}", f"{max(province_peaks):.0f}", "—", "—",
                      f"{mark} {ratio:.2f}× the 2014 sample (≤ {TARGET_DTI_PROVINCE}×)")
        seconds, peak = run(generate(country), args.repeat)
        mark = "✓" if seconds <= TARGET_DTI_SECONDS and peak <= TARGET_DTI_MIB else "✗"
        table.add_row(f"DTI: {DTI_COUNTRY:,} communes × 45", f"{seconds:.2f}", f"{peak:.0f}", "—", "—",
                      f"{mark} ≤ {TARGET_DTI_SECONDS} s, ≤ {TARGET_DTI_MIB} MiB")
        console = Console(width=120)
        console.print(table)
        mark = "✓" if sample <= TARGET_STARTUP * imports_time else "✗"
        console.print(f"2014 sample: {sample:.2f} s; import pandas, openpyxl: {imports_time:.2f} s; "
                      f"ratio {sample / imports_time:.2f}× {mark} (target ≤ {TARGET_STARTUP}×); "
                      f"medians of {len(samples)} runs")
        console.print(warm_loop())
        for line in template_checks():
            console.print(line)
        for line in sheet_rows(work, args.repeat):
            console.print(line)
        for line in follow_rows():
            console.print(line)

        if not args.no_pdf and not args.dti and shutil.which("soffice"):
            biggest = work / f"out-{SIZES[-1]}" / f"bench-{SIZES[-1]}.docx"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from generator import api; "
                            "api.export_pdf(Path(sys.argv[1]))", str(biggest)], check=True)
            pages = subprocess.run(["pdfinfo", str(biggest.with_suffix(".pdf"))], capture_output=True, text=True).stdout
            count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
            console.print(f"--pdf of the {SIZES[-1]:,}-unit notice: {time.perf_counter() - start:.1f} s, {count} pages")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def follow_rows() -> list[str]:
    """From a save to the open page's new part: the 2014 sample, and the 170 communes."""
    work = Path(tempfile.mkdtemp(prefix="xephang-bench-follow-"))
    try:
        province = work / f"dti-{DTI_PROVINCE}.xlsx"
        build_dti_workbook(province, DTI_PROVINCE)
        rows = []
        for book, target in ((ROOT / "input" / "khanh-hoa-2014.xlsx", TARGET_FOLLOW_SAMPLE),
                             (province, TARGET_FOLLOW_PROVINCE)):
            seconds = statistics.median(followed(book, work / book.stem))
            mark = "✓" if seconds <= target else "✗"
            rows.append(f"the page following its folder, {book.name}: {seconds:.2f} s from a save to the page's new "
                        f"part {mark} (target ≤ {target} s); median of {FOLLOW_SAVES} saves, an event-stream client")
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def followed(book: Path, work: Path) -> list[float]:
    """Seconds from each save of `book` (its bytes, a score changed each time, written beside it and
    renamed over it as Excel saves) to the page's part of the folder holding the new result, as a
    page that waits on `/su-kien` gets it."""
    import threading
    import urllib.request

    from openpyxl import load_workbook
    from waitress import create_server

    from generator.watch import watch_folder
    from generator.web import create_app

    folder = work / "input"
    folder.mkdir(parents=True)
    target = folder / book.name
    shutil.copy(book, target)
    app = create_app(work / "output", input_dir=folder, soffice=None, follow=watch_folder)
    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    threading.Thread(target=server.run, daemon=True).start()
    address = f"http://127.0.0.1:{server.effective_port}"
    following = app.extensions["xephang"].following
    try:
        while following.changes < 1:  # the folder's first run, before any save
            time.sleep(0.05)
        stream = urllib.request.urlopen(f"{address}/su-kien?sau={following.changes}", timeout=60)
        original = load_workbook(book)
        sheet = original[original.sheetnames[-1]]
        cell = next(c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, (int, float))
                    and c.column > 2 and c.value >= 1)
        times = []
        for n in range(FOLLOW_SAVES):
            cell.value = cell.value - 1 if n % 2 == 0 else cell.value + 1
            beside = folder / f"~tmp{n}.tmp"
            original.save(beside)
            start = time.perf_counter()
            beside.replace(target)
            while not stream.readline().startswith(b"event: thu-muc"):
                pass
            part = urllib.request.urlopen(f"{address}/thu-muc", timeout=60).read()
            times.append(time.perf_counter() - start)
            if b"bang-tinh" not in part:
                raise SystemExit(f"no workbook on the page after saving {book.name}")
        stream.close()
        return times
    finally:
        following.close()
        server.close()


def sheet_rows(work: Path, repeat: int) -> list[str]:
    """Each unit's result sheet: the province with and without them (interleaved runs), the
    country's every sheet, and the province's sheets against the docxtpl reference."""
    xephang = str(BIN / "xephang")
    province, country = work / f"sheets-{DTI_PROVINCE}.xlsx", work / f"sheets-{DTI_COUNTRY}.xlsx"
    build_dti_workbook(province, DTI_PROVINCE)
    build_dti_workbook(country, DTI_COUNTRY)
    plain = [xephang, "generate", str(province), "-o", str(work / "out-plain")]
    sheets = [xephang, "generate", "--phieu", str(province), "-o", str(work / "out-sheets")]
    without, with_sheets = [], []
    for _ in range(max(repeat, 5)):
        without.append(run(plain, 1)[0])
        with_sheets.append(run(sheets, 1)[0])
    ratio = statistics.median(with_sheets) / statistics.median(without)
    lines = [f"result sheets, {DTI_PROVINCE} communes × 45: {statistics.median(with_sheets):.2f} s with, "
             f"{statistics.median(without):.2f} s without: {ratio:.2f}× "
             f"{'✓' if ratio <= TARGET_SHEETS_RATIO else '✗'} (target ≤ {TARGET_SHEETS_RATIO}×)"]
    seconds, peak = run([xephang, "generate", "--phieu", str(country), "-o", str(work / "out-country")], repeat)
    ok = seconds <= TARGET_SHEETS_SECONDS and peak <= TARGET_SHEETS_MIB
    lines.append(f"result sheets, {DTI_COUNTRY:,} communes × 45: {seconds:.2f} s, {peak:.0f} MiB "
                 f"{'✓' if ok else '✗'} (target ≤ {TARGET_SHEETS_SECONDS} s, ≤ {TARGET_SHEETS_MIB} MiB)")
    done = subprocess.run([sys.executable, __file__, "--sheets-reference", str(province)], check=True,
                          capture_output=True, text=True)
    lines.append(done.stdout.strip())
    return lines


def sheets_reference(workbook: Path) -> str:
    """The province's sheets filled by `result_sheets.render`, and the same sheets rendered by a plain
    docxtpl template, one render per unit (its lines, and its table in a `{%tr for %}` loop), in seconds."""
    import io

    from docx import Document
    from docxtpl import DocxTemplate

    from generator import api, result_sheets, scoring, sheets

    assessment, _ = api.check(workbook)
    results = scoring.score(assessment)
    template = api.SHEET_TEMPLATE.read_bytes()
    start = time.perf_counter()
    result_sheets.render(assessment, results, template)
    ours = time.perf_counter() - start

    made = sheets.build(results)
    words = dict(zip((w for _, w in sheets.COLUMNS), ("Mã", "Tiêu chí", "Điểm tối đa", "Điểm đạt", "Tự đánh giá",
                                                   "Chênh lệch", "Điểm chưa đạt", "Trung bình khối", "Cao nhất khối")))
    plain = Document()
    for text in ("PHIẾU KẾT QUẢ ĐÁNH GIÁ", "Đơn vị: {{ unit }}", "Tổng điểm: {{ total }} / {{ maximum }}",
                 "{%p for s in standings %}", "Xếp hạng {{ s.title }}: {{ s.rank }}", "{%p endfor %}"):
        plain.add_paragraph(text)
    columns = made[0].columns
    table = plain.add_table(rows=4, cols=len(columns))
    cells = [row.cells for row in table.rows]
    for cell, (_, word) in zip(cells[0], columns):
        cell.text = words[word]
    cells[1][0].text = "{%tr for line in lines %}"
    for cell, k in zip(cells[2], range(len(columns))):
        cell.text = f"{{{{ line[{k}] }}}}"
    cells[3][0].text = "{%tr endfor %}"
    buffer = io.BytesIO()
    plain.save(buffer)
    start = time.perf_counter()
    for sheet in made:
        doc = DocxTemplate(io.BytesIO(buffer.getvalue()))
        doc.render({"unit": sheet.unit, "total": sheet.total, "maximum": sheet.maximum,
                    "standings": [{"title": s.title, "rank": s.rank} for s in sheet.standings],
                    "lines": sheet.rows({**words, sheets.TOTAL: "Tổng cộng"})}, autoescape=True)
        doc.save(io.BytesIO())
    reference_seconds = time.perf_counter() - start
    ratio = ours / reference_seconds
    return (f"result sheets, {len(made)} communes filled: {ours:.2f} s; a plain docxtpl render per unit: "
            f"{reference_seconds:.2f} s: {ratio:.2f}× {'✓' if ratio <= TARGET_SHEETS_REFERENCE else '✗'} "
            f"(target ≤ {TARGET_SHEETS_REFERENCE}×)")


def generic_rows(table, work: Path, xephang: str, repeat: int) -> None:
    """The rows of 30, 1,000 and 10,000 units against the docxtpl loop, and the unscored workbook."""
    for units in SIZES:
        book = work / f"bench-{units}.xlsx"
        build_workbook(book, units)
        out = work / f"out-{units}"
        subprocess.run([xephang, "generate", str(book), "-o", str(out)], check=True, stdout=subprocess.DEVNULL)
        seconds, peak = run([xephang, "generate", str(book), "-o", str(out)], repeat)
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
    seconds, peak = run([xephang, "generate", str(book), "-o", str(out)], repeat, exit_code=1)
    if not (out / f"{book.stem}.loi.xlsx").exists():
        raise SystemExit(f"no annotated copy in {out}")
    ok = seconds <= TARGET_UNSCORED_SECONDS and peak <= TARGET_UNSCORED_MIB
    table.add_row(f"{UNSCORED:,}, no scores", f"{seconds:.2f}", f"{peak:.0f}", "—", "—",
                  ("✓" if ok else "✗") + f" ≤ {TARGET_UNSCORED_SECONDS} s, ≤ {TARGET_UNSCORED_MIB} MiB")


if __name__ == "__main__":
    main()
