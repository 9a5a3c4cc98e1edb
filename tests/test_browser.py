"""The page as a secretariat meets it: Debian's Chromium, driven by Playwright, on `xephang serve`'s
page served for real by waitress (the fixtures `browser`, `page` and `site` are in conftest). Each
state is kept as a screenshot at 1366×768 under build/screenshots/, for a person to look at."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook
from seed_2014 import DETAILS, RANKINGS

from builders import Spec, docx_tables
from conftest import OFFICE_SCREEN, ROOT, SAMPLE, screenshot


def upload(page, address: str, *files: Path) -> None:
    page.goto(address)
    page.set_input_files("#tep-bang-tinh", [str(f) for f in files])
    page.click("#nut-kiem-tra")
    page.wait_for_selector("article.bang-tinh", timeout=60_000)


def table_rows(page, selector: str) -> list[list[str]]:
    return page.eval_on_selector(
        selector, "t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent.trim()))")


def test_the_sample_gives_its_tables_chart_and_a_notice_whose_tables_are_the_seeds(page, site, tmp_path):
    address, out_dir = site
    upload(page, address, SAMPLE)
    block = page.locator("article.bang-tinh")
    assert block.get_attribute("data-trang-thai") == "hop-le"
    screenshot(page, "1-mau-2014")
    # Every ranking of part A, row by row as the seed prints it.
    for (number, _title), expected in RANKINGS.items():
        group, index = number.split(".")
        rows = table_rows(page, f"#xh-1-{1 if group == 'I' else 2}-{index}")
        assert rows == [[str(tt), unit, str(score), grade] for tt, unit, score, grade in expected]
        chart = page.locator(f"#bd-1-{1 if group == 'I' else 2}-{index} svg rect.tooltip-trigger")
        assert chart.count() == len(expected)  # a bar per unit
    for g, expected in enumerate(DETAILS.values(), 1):
        assert table_rows(page, f"#ct-1-{g}") == [[str(v) for v in row] for row in expected]
    # The notice downloaded is the seed's, table for table.
    with page.expect_download() as download:
        page.click("a.tai-ve[data-loai=docx]")
    notice = tmp_path / "tai-ve.docx"
    download.value.save_as(notice)
    printed = [t for t in docx_tables(notice) if t[0][-1] == "Xếp loại"]
    assert [[tuple(r) for r in t[1:]] for t in printed] == [
        [(str(tt), unit, str(score), grade) for tt, unit, score, grade in rows] for rows in RANKINGS.values()]
    assert (out_dir / "khanh-hoa-2014.docx").read_bytes() == notice.read_bytes()  # one history with the CLI


def test_a_corrected_score_shows_what_it_changed(page, site, tmp_path):
    address, _ = site
    book = tmp_path / "khanh-hoa-2014.xlsx"
    shutil.copy(SAMPLE, book)
    upload(page, address, book)
    workbook = load_workbook(book)
    sheet = workbook["Sở, ban, ngành"]
    row = next(r for r in sheet.iter_rows(min_row=4) if r[1].value == "Sở Y tế")
    row[7].value = 70  # An toàn thông tin số: 58 -> 70
    workbook.save(book)
    upload(page, address, book)
    lines = page.locator("ul.thay-doi li.dong").all_text_contents()
    assert lines[0].startswith("Sở Y tế — An toàn thông tin số: 58 → 70; Tổng: 912 → 924; "
                               "Xếp hạng Mức độ ứng dụng CNTT: 10 → 8")
    screenshot(page, "2-sua-diem")


def test_a_score_above_its_maximum_points_at_its_cell_and_annotates_a_copy(page, site, tmp_path):
    address, _ = site
    book = tmp_path / "bang-diem.xlsx"
    shutil.copy(SAMPLE, book)
    workbook = load_workbook(book)
    sheet = workbook["Sở, ban, ngành"]
    row = next(r for r in sheet.iter_rows(min_row=4) if r[1].value == "Sở Y tế")
    row[7].value = 95  # above An toàn thông tin số's 80, in column H
    cell = row[7].coordinate
    workbook.save(book)
    upload(page, address, book)
    block = page.locator("article.bang-tinh")
    assert block.get_attribute("data-trang-thai") == "co-loi"
    problem = page.locator("table.bang-van-de tbody tr").first
    assert problem.locator("td.sheet").text_content() == "Sở, ban, ngành"
    assert problem.locator("td.o").text_content() == cell
    assert "95 vượt điểm tối đa 80" in problem.text_content()
    screenshot(page, "3-vuot-diem-toi-da")
    with page.expect_download() as download:
        page.click("a.tai-ve[data-loai=loi]")
    annotated = tmp_path / "loi.xlsx"
    download.value.save_as(annotated)
    marked = load_workbook(annotated)
    assert marked.sheetnames[0] == "Lỗi"
    assert "95 vượt điểm tối đa 80" in marked["Sở, ban, ngành"][cell].comment.text


def test_a_file_that_is_not_a_workbook_is_told_in_vietnamese_and_the_page_still_works(page, site, tmp_path):
    address, _ = site
    odd = tmp_path / "ghi-chu.xlsx"
    odd.write_text("đây không phải bảng tính", encoding="utf-8")
    upload(page, address, odd)
    status = page.locator("article.bang-tinh p.trang-thai")
    assert page.locator("article.bang-tinh").get_attribute("data-trang-thai") == "khong-doc-duoc"
    assert "Không đọc được tệp này như một bảng tính" in page.locator("article.bang-tinh").text_content()
    assert status.text_content().strip()
    screenshot(page, "4-khong-phai-bang-tinh")
    upload(page, address, SAMPLE)  # the server is still up
    assert page.locator("article.bang-tinh").get_attribute("data-trang-thai") == "hop-le"


def test_two_uploads_at_once(browser, site, tmp_path):
    address, out_dir = site
    books = []
    for name in ("a.xlsx", "b.xlsx"):
        books.append(tmp_path / name)
        shutil.copy(SAMPLE, books[-1])
    # Two workbooks in one upload: one block each, and a summary.
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    first = context.new_page()
    upload(first, address, *books)
    assert first.locator("article.bang-tinh").count() == 2
    assert first.locator("table#tong-hop tr[data-ten]").count() == 2
    screenshot(first, "5-hai-bang-tinh")
    # The same workbook from two pages at the same moment: both answered, outputs whole.
    pages = [context.new_page() for _ in range(2)]
    for p in pages:
        p.goto(address)
        p.set_input_files("#tep-bang-tinh", [str(books[0])])
    for p in pages:
        p.click("#nut-kiem-tra", no_wait_after=True)
    for p in pages:
        p.wait_for_selector("article.bang-tinh", timeout=60_000)
        assert p.locator("article.bang-tinh").get_attribute("data-trang-thai") == "hop-le"
    assert [t for t in docx_tables(out_dir / "a.docx") if t[0][-1] == "Xếp loại"]
    load_workbook(out_dir / "a.ketqua.xlsx")  # a whole workbook, not a half-written one
    context.close()


def test_a_dti_workbook_with_last_years_results_uploaded_beside_it(page, site):
    address, _ = site
    inputs = SAMPLE.parent
    upload(page, address, inputs / "dong-nai-2025.xlsx", inputs / "dong-nai-2024.ketqua.xlsx")
    block = page.locator("article.bang-tinh")
    assert block.count() == 1  # last year's results are read, not checked as a workbook
    assert block.get_attribute("data-trang-thai") == "canh-bao"  # last year's merged departments, listed
    head = page.eval_on_selector("#xh-1-1-1", "t => [...t.tHead.rows[0].cells].map(c => c.textContent.trim())")
    assert head == ["TT", "Sở, ban, ngành", "Chỉ số DTI (%)", "Xếp loại", "Xếp hạng", "Xếp hạng năm trước",
                    "Tăng/giảm"]
    page.locator("#xh-1-1-1").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -120)")
    screenshot(page, "6-dti-2025")


def test_screenshots_stay_out_of_the_users_output_folder():
    from conftest import ROOT, SCREENSHOTS

    assert not SCREENSHOTS.is_relative_to(ROOT / "output")


# --- the working folder the page follows (issue 22) ---------------------------------------------

FOLLOWED = 30_000  # ms: how long a test waits for a save to show; `make bench` measures how fast it does


def saved(folder: Path, score: int, name: str = "nam.xlsx") -> None:
    """The default workbook with Sở A's first score `score`, saved into the folder as Excel saves:
    written beside it, then renamed over it."""
    spec = Spec()
    spec.scores["Sở"][1] = (1, "Sở A", score, 40)
    spec.write(folder / f"~tmp-{name}")
    (folder / f"~tmp-{name}").replace(folder / name)


def folder_block(page, name: str = "nam.xlsx"):
    return page.locator(f'#thu-muc article[data-ten="{name}"]')


def test_the_page_shows_the_folders_workbook_and_every_open_window_follows_its_saves(browser, following_site):
    address, folder, _ = following_site
    saved(folder, 90)
    windows = [browser.new_context(viewport=OFFICE_SCREEN, locale="vi-VN").new_page() for _ in range(2)]
    for window in windows:
        window.goto(address)
        window.wait_for_selector('#thu-muc article[data-ten="nam.xlsx"][data-trang-thai="hop-le"]', timeout=FOLLOWED)
    saved(folder, 60)  # a correction: Sở A 130 → 100
    for window in windows:  # no reload: the event brings it to each window
        window.wait_for_selector('#thu-muc li.dong:has-text("130 → 100")', timeout=FOLLOWED)
    saved(folder, 120)  # a save that breaks it: above the maximum 100
    for window in windows:
        window.wait_for_selector('#thu-muc article[data-ten="nam.xlsx"][data-trang-thai="co-loi"]', timeout=FOLLOWED)
        assert "120 vượt điểm tối đa 100" in folder_block(window).inner_text()
    screenshot(windows[0], "thu-muc-loi")
    for window in windows:
        window.context.close()


def test_the_versions_of_a_workbook_are_listed_compared_and_marked(page, following_site):
    from generator import versions

    address, folder, out = following_site
    saved(folder, 90)
    page.goto(address)
    page.wait_for_selector('#thu-muc article[data-ten="nam.xlsx"] li[data-ban]', timeout=FOLLOWED)
    saved(folder, 60)
    page.wait_for_function("document.querySelectorAll('#thu-muc li[data-ban]').length === 2", timeout=FOLLOWED)
    listed = folder_block(page).locator(".phien-ban")
    listed.locator("button:has-text('So sánh')").click()
    page.wait_for_selector(".so-sanh-ket-qua li:has-text('130 → 100')", timeout=FOLLOWED)
    folder_block(page).locator("li[data-ban]").nth(1).locator("button").click()
    page.wait_for_selector("#thu-muc li[data-ban][data-ban-hanh]", timeout=FOLLOWED)
    assert "Đã ban hành" in folder_block(page).locator("li[data-ban]").nth(1).inner_text()
    screenshot(page, "phien-ban")
    versions.pruned(out, "nam", keep=0)  # as if 20 versions had been made since
    page.reload()
    page.wait_for_selector('#thu-muc article[data-ten="nam.xlsx"] li[data-ban]', timeout=FOLLOWED)
    assert folder_block(page).locator("li[data-ban]").count() == 1  # the marked one, kept
    assert folder_block(page).locator("li[data-ban][data-ban-hanh]").count() == 1


def test_part_b_holds_its_unit_column_and_header_rows_at_both_screen_sizes(browser, following_site):
    # Issue 22: part B's unit column was ~70 px wide, names on 4–5 lines, nothing held while scrolling.
    address, folder, _ = following_site
    for name in ("dong-nai-2025.xlsx", "dong-nai-2024.ketqua.xlsx"):
        shutil.copy(ROOT / "input" / name, folder / name)
    for width, height in ((1366, 768), (1920, 1080)):
        page = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN").new_page()
        page.goto(address)
        page.wait_for_selector('#thu-muc article[data-ten="dong-nai-2025.xlsx"] .chi-tiet', timeout=FOLLOWED)
        details = page.locator("#thu-muc .chi-tiet .cuon").first
        unit = details.locator("tbody tr").first.locator("td").nth(1)
        # Every unit's name on two lines at most: its text's lines counted by their tops.
        lines = details.evaluate("""c => [...c.querySelectorAll("tbody td:nth-child(2)")].map(td => {
            const range = document.createRange(); range.selectNodeContents(td);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })""")
        assert lines and max(lines) <= 2, lines
        details.scroll_into_view_if_needed()
        details.evaluate("c => { c.scrollLeft = 600; c.scrollTop = 300; }")
        held, frame = unit.bounding_box(), details.bounding_box()
        head = details.locator("thead").bounding_box()
        assert abs(held["x"] - frame["x"]) < 3  # the unit column held at the left
        assert abs(head["y"] - frame["y"]) < 3  # the header rows held at the top
        screenshot(page, f"phan-b-{width}")
        page.locator("#thu-muc .xep-hang figure").first.scroll_into_view_if_needed()
        screenshot(page, f"bieu-do-{width}")
        page.context.close()
