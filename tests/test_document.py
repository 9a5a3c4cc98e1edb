"""One model of the document's tables (`document`), drawn twice: the .docx and the page print the
same tables, header rows and their spans included."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import ROOT
from generator import api, document, figures, layout, scoring, validate
from generator.model import Criterion
from generator.web import create_app

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
Cell = tuple[str, int, int]  # text, columns spanned, rows spanned (as HTML counts them)


def docx_grids(docx: bytes) -> list[tuple[list[list[Cell]], list[list[str]]]]:
    """Every table of the document headed by TT: its header rows as HTML would write them (a cell
    only in the row it starts in, with its spans) and its data rows' texts."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    tables = []
    for table in body.iter(f"{W}tbl"):
        grid: list[list[tuple[str, int, str | None]]] = []  # each row: (text, gridSpan, vMerge)
        heads = 0
        for row in table.iter(f"{W}tr"):
            heads += row.find(f"{W}trPr/{W}tblHeader") is not None
            cells = []
            for tc in row.iter(f"{W}tc"):
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                cells.append(("".join(t.text or "" for t in tc.iter(f"{W}t")),
                              1 if span is None else int(span.get(f"{W}val")),
                              None if merge is None else merge.get(f"{W}val")))
            grid.append(cells)
        if not grid or grid[0][0][0] != "TT":
            continue
        head: list[list[Cell]] = []
        for r, row in enumerate(grid[:heads]):
            shown, at = [], 0
            for text, span, merge in row:
                if merge != "continue":
                    rows = 1
                    while merge == "restart" and r + rows < heads and _at(grid[r + rows], at)[2] == "continue":
                        rows += 1
                    shown.append((text, span, rows))
                at += span
            head.append(shown)
        body = grid[heads:]
        if body and len(body[-1]) == 1 and body[-1][0][1] > 1:
            # The key under a table headed by codes ("1.1: Lãnh đạo…; 1.2: …."): its criteria's
            # names put back beside their codes, as the page heads them.
            names = dict(item.split(": ", 1) for item in body.pop()[0][0].removesuffix(".").split("; "))
            head = [[(f"{text} {names[text]}" if text in names else text, span, rows) for text, span, rows in row]
                    for row in head]
        tables.append((head, [[text for text, _, _ in row] for row in body]))
    return tables


def _at(row: list[tuple[str, int, str | None]], column: int) -> tuple[str, int, str | None]:
    """The cell of `row` that starts at grid column `column`."""
    at = 0
    for cell in row:
        if at == column:
            return cell
        at += cell[1]
    raise AssertionError(f"no cell at column {column}")


def page_tables(workbook_name: str, tmp_path) -> tuple[list, list]:
    """The page's ranking tables and detail tables for the sample, as (header rows, data rows)."""
    client = create_app(tmp_path / "ra", input_dir=ROOT / "input", soffice=None).test_client()
    data = {"bang_tinh": [(io.BytesIO((ROOT / "input" / workbook_name).read_bytes()), workbook_name)]}
    response = client.post("/kiem-tra", data=data, headers={"HX-Request": "true"}, content_type="multipart/form-data")
    tree = lxml_html.fromstring(response.get_data(as_text=True))

    def read(table) -> tuple[list[list[Cell]], list[list[str]]]:
        head = [[(th.text_content(), int(th.get("colspan", 1)), int(th.get("rowspan", 1))) for th in tr.xpath("./th")]
                for tr in table.xpath("./thead/tr")]
        return head, [[td.text_content() for td in tr.xpath("./td")] for tr in table.xpath("./tbody/tr")]

    return ([read(t) for t in tree.xpath('//table[@data-bang="xep-hang"]')],
            [read(t) for t in tree.xpath('//table[@data-bang="chi-tiet"]')])


def joined(parts: list[tuple[list[list[Cell]], list[list[str]]]], before: int, after: int):
    """A group's part B as one table, from the document's tables that share its criteria out: the
    columns before and after the criteria once, the criteria of every part in order."""
    first_head, first_rows = parts[0]
    of_which = first_head[0][before]
    head = [[*first_head[0][:before], (of_which[0], sum(p[0][0][before][1] for p in parts), of_which[2]),
             *first_head[0][before + 1:]]]
    for r in range(1, len(first_head)):
        head.append([cell for part in parts for cell in part[0][r]])
    rows = []
    for i, row in enumerate(first_rows):
        criteria = [cell for part in parts for cell in part[1][i][before:len(part[1][i]) - after]]
        rows.append([*row[:before], *criteria, *row[len(row) - after:]])
    return head, rows


@pytest.mark.parametrize("sample", ["dong-nai-2025.xlsx", "dong-nai-2025-quyet-dinh.xlsx"])
def test_the_document_and_the_page_print_the_same_tables_with_the_same_spans(sample, tmp_path):
    rankings, details = page_tables(sample, tmp_path)
    run = api.generate(ROOT / "input" / sample, tmp_path / "cli")
    assert run.docx is not None
    printed = docx_grids(run.docx.read_bytes())
    assert rankings and details
    assert printed[:len(rankings)] == rankings  # part A, table by table
    rest = printed[len(rankings):]
    for head, rows in details:
        units = [row[1] for row in rows]
        parts = []
        while rest and [row[1] for row in rest[0][1]] == units:  # the group's tables, its criteria shared out
            parts.append(rest.pop(0))
        before = next(i for i, cell in enumerate(head[0]) if cell[1] > 1)  # "Trong đó" spans the criteria
        after = len(head[0]) - before - 1
        assert parts, f"no part B table for {units[:2]}"
        assert joined(parts, before, after) == (head, rows)
    assert rest == []
    # at level 2 (the samples'): a main index over its own score and its components', three header rows
    assert len(details[0][0]) == 3 and any(cell[1] > 1 for cell in details[0][0][1])


def test_a_details_tables_header_rows_and_spans():
    column = layout.criteria([Criterion("a", Decimal(1))])[0]

    def col(head: str) -> document.Column:
        return document.Column(column, head, ["1"])

    table = document.DetailsTable((col("TT"), col("Sở")), (document.Block("1 X", (col("Tổng"), col("1.1"))),
                                                          document.Block("2 Y", (col("2 Y"),))),
                                  (col("Xếp hạng"),), "Trong đó")
    H = document.Head
    assert table.head == [
        [H("TT", rowspan=3), H("Sở", rowspan=3), H("Trong đó", colspan=3), H("Xếp hạng", rowspan=3)],
        [H("1 X", colspan=2), H("2 Y", rowspan=2)],
        [H("Tổng"), H("1.1")],
    ]
    flat = table.part([table.blocks[1]])  # one column a block: two header rows
    assert flat.head == [[H("TT", rowspan=2), H("Sở", rowspan=2), H("Trong đó", colspan=1), H("Xếp hạng", rowspan=2)],
                         [H("2 Y")]]


def test_cells_are_printed_once_by_figures():
    from builders import dti_spec

    spec = dti_spec()
    spec.info = [row for row in spec.info if row[0] != "Kết quả năm trước"]
    assessment, report = validate.validate(spec.raw())
    assert assessment is not None, report.lines()
    results = scoring.score(assessment)
    words = {word: word for word in layout.WORDS}
    tables = document.build(results, words)
    departments = tables.groups[0]
    percent = next(c for c in departments.rankings[0].columns if c.of.kind is layout.Kind.PERCENT)
    expected = [figures.Figures(results.decimals).percent(r) for r in results.groups[0].rankings[0].table["ratio"]]
    assert percent.cells == expected and all("," in cell for cell in percent.cells)
    assert [g.number for g in tables.groups] == ["I", "II"]


def test_part_b_shows_the_self_assessed_scores_in_brackets_only_where_asked(tmp_path):
    from builders import docx_text, sheets_spec

    spec = sheets_spec()
    plain = api.build(spec.write_bytes(), "x.xlsx")
    assert "(95)" not in "".join(c for col in plain.tables.groups[0].details.columns for c in col.cells)
    spec.info.append(("Chi tiết tự đánh giá", "Có"))
    run = api.build(spec.write_bytes(), "x.xlsx")
    details = run.tables.groups[0].details
    by_head = {c.head: c.cells for c in details.columns}
    # Part B's order: B (ranked 1st), A, then C not ranked; only A gave its own scores (95, 85, 45 = 225).
    assert by_head["Hạ tầng"] == ["80", "90\n(95)", "80"]
    assert by_head["Tổng điểm đánh giá"] == ["130", "210\n(225)", "190"]
    path = tmp_path / "x.docx"
    path.write_bytes(run.docx)
    text = docx_text(path)
    assert text.count("Số trong ngoặc đơn là điểm đơn vị tự đánh giá.") == 1  # under Sở's table, not Xã's
    assert "90(95)" in text.replace("\n", "")
