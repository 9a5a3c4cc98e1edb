"""`xephang serve`: the local page. Flask routes, thin over `api`, served by waitress on 127.0.0.1.

Pages are rendered on the server from the Jinja templates beside this module; htmx (vendored in
static/, no CDN) swaps a form's result into the page, and the same forms post normally without
JavaScript. Every upload goes through `api.generate` into the output folder, as the CLI writes:
the page and the CLI share one history (`<name>.ketqua.xlsx`) and one set of outputs.

Routes: `GET /` the page; `POST /kiem-tra` check and generate the workbooks uploaded (field
`bang_tinh`, several allowed; `<name>.ketqua.xlsx` among them is last year's results for the
others; `phieu=co` asks for each unit's result sheet); `GET /tai-ve/<name>` an output of the output folder; `GET|POST /pdf/<name>.docx` the
notice as PDF, converted by LibreOffice (GET: the file, for a plain link; POST from htmx: a link to
it); `POST /tao-moi` a new workbook (`mau`: trong, dti or nam-sau with `bang_tinh_nam_truoc`).
"""

from __future__ import annotations

import io
import logging
import os
import sys
import threading
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, render_template, request, send_file, send_from_directory, url_for
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import HTTPException, InternalServerError

from .. import api, texts
from ..api import DocumentKind, Problem, errors
from . import charts, preview, uploads
from .folder import Folder, Follow

MAX_FILES = 20  # workbooks (and last years' results) in one upload
MAX_BYTES = 64 * 1024 * 1024  # one request's body: a national workbook is a few MB
SHOWN_PROBLEMS = 500  # on the page; the annotated copy lists them all
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DOWNLOADS = tuple(o.suffix for o in api.OUTPUTS)  # what /tai-ve serves
Template = Path | Mapping[DocumentKind, Path] | None


@dataclass
class Block:
    """One uploaded workbook's result, as the page shows it."""

    index: str  # what its elements' ids are made of: "1", "2"… for uploads, "tm-1"… for the working folder's
    name: str
    status: str  # hop-le, canh-bao, co-loi, khong-doc-duoc, that-bai: the block's data-trang-thai
    status_text: str
    errors: int = 0
    warnings: int = 0
    failure: str | None = None
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0
    changes: list[tuple[bool, str]] | None = None  # (a group's line, its text); None on a first run
    changes_title: str = ""
    downloads: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, label, url)
    pdf: str | None = None  # the URL that makes the PDF, where LibreOffice is installed
    groups: list[preview.GroupPreview] = field(default_factory=list)
    last_year: str | None = None
    sheets_pdf: str | None = None  # the URL that makes the result sheets' PDF
    sheet: preview.SheetPreview | None = None  # the first unit's result sheet, as an example
    versions: list[api.versions.Version] = field(default_factory=list)  # the newest first
    pdf_missing: str | None = None  # how to install LibreOffice, where it is missing


@dataclass(frozen=True)
class Settings:
    """What the page's views share, kept in the application (`app.extensions`)."""

    out_dir: Path
    template: Template
    sheet_template: Path | None  # the result sheets' (None: the packaged one)
    folder: Path  # where a typed `Kết quả năm trước` is read from, relative to it
    allowed: tuple[Path, ...]  # where a typed `Kết quả năm trước` may be read
    max_files: int
    max_bytes: int
    soffice: str | None
    stored: Path  # where downloads come from, whatever the working folder becomes: `out_dir` resolved
    following: Folder | None = None  # the working folder the page follows, where it does


def create_app(
    out_dir: Path, *, template: Template = None, input_dir: Path | None = None, max_files: int = MAX_FILES,
    max_bytes: int = MAX_BYTES, soffice: str | None = "", sheet_template: Path | None = None,
    follow: Follow | None = None,
) -> Flask:
    """The page's application, writing to `out_dir` from the Word `template` and `sheet_template`
    (as `api.generate`; default the packaged ones). `Kết quả năm trước` is looked for among the files uploaded with a
    workbook, else relative to `input_dir` (default: input/ of the folder it runs from). At most
    `max_files` files and `max_bytes` bytes an upload. `soffice` is LibreOffice's path, for the PDF
    ("": found on PATH; None: no PDF). With `follow` (`watch.watch_folder`), the page shows every
    workbook of `input_dir`, generated at once and again after each save (`folder.Folder`, started
    here; `close` it)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = max_bytes
    app.jinja_env.globals.update(t=texts, chart_most=charts.MOST_UNITS, keep=api.versions.KEEP)
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    out_dir = Path(out_dir)
    folder = Path("input") if input_dir is None else input_dir
    settings = Settings(out_dir, template, sheet_template, folder, (Path.cwd(), folder, out_dir), max_files,
                        max_bytes, api.find_soffice() if soffice == "" else soffice, out_dir.resolve())
    if follow is not None:
        following = Folder(folder, lambda book: _generated(book, settings), follow)
        settings = replace(settings, following=following)
        following.start()
    app.extensions["xephang"] = settings
    app.before_request(only_this_machine)
    app.add_url_rule("/", view_func=index, methods=["GET"])
    app.add_url_rule("/kiem-tra", view_func=check, methods=["POST"])
    app.add_url_rule("/tai-ve/<name>", view_func=download, methods=["GET"])
    app.add_url_rule("/pdf/<name>", view_func=pdf, methods=["GET", "POST"])
    app.add_url_rule("/tao-moi", view_func=init, methods=["POST"])
    app.add_url_rule("/thu-muc", view_func=folder_part, methods=["GET"])
    app.add_url_rule("/su-kien", view_func=events, methods=["GET"])
    app.add_url_rule("/ban-hanh", view_func=issued, methods=["POST"])
    app.add_url_rule("/so-sanh", view_func=compare, methods=["POST"])
    app.add_url_rule("/phien-ban/<stem>/<version>/<name>", view_func=version_file, methods=["GET"])
    app.add_url_rule("/favicon.ico", view_func=favicon, methods=["GET"])
    app.add_url_rule("/xem/<name>", view_func=view_pdf, methods=["GET"])
    app.register_error_handler(HTTPException, refused)
    app.register_error_handler(InternalServerError, failed)
    return app


def _settings() -> Settings:
    settings: Settings = current_app.extensions["xephang"]
    return settings


def _htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _page(status: int = 200, **values: Any) -> tuple[str, int]:
    """The whole page; for htmx, only the part a form's result replaces (`#ket-qua`)."""
    values.setdefault("blocks", [])
    values.setdefault("messages", [])
    values.setdefault("init_messages", [])
    settings = _settings()
    if not _htmx():
        values.update(_folder_values(settings))
    name = "_ket_qua.html" if _htmx() else "trang.html"
    return render_template(name, out_dir=settings.out_dir, max_files=settings.max_files, **values), status


def only_this_machine() -> None:
    """Asked for by this machine's browser only: the Host a page on another site could make a
    browser use (DNS rebinding) or a form it posts here (its Origin) are refused."""
    if _hostname(request.host) not in LOCAL_HOSTS:
        abort(403)
    origin = request.headers.get("Origin")
    if request.method == "POST" and origin is not None and urlsplit(origin).hostname not in LOCAL_HOSTS:
        abort(403)


def index() -> tuple[str, int]:
    return _page()


def _folder_values(settings: Settings) -> dict[str, Any]:
    """What the page shows of the working folder: its workbooks' blocks, and how many changes they
    have seen (the events the page waits for after them)."""
    following = settings.following
    if following is None:
        return {"following": False, "folder_blocks": [], "folder_changes": 0, "folder": settings.folder}
    changes = following.changes
    blocks = [_shown(f"tm-{n}", book.name, made, None) for n, (book, made) in enumerate(following.books(), start=1)]
    return {"following": True, "folder_blocks": blocks, "folder_changes": changes, "folder": settings.folder}


def folder_part() -> tuple[str, int]:
    """The working folder's part of the page, as it is now (fetched again on each event)."""
    return render_template("_thu_muc.html", **_folder_values(_settings())), 200


def events() -> Response:
    """Server-sent events: one each time the working folder changes (`folder.Folder.events`)."""
    following = _settings().following
    if following is None:
        abort(404)
    seen = request.args.get("sau", type=int, default=following.changes)
    return Response(following.events(seen), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


def _version(stem: str, version: str) -> api.versions.Version:
    """The kept version `version` of the workbook named `stem`, from a URL or a form; else 404."""
    settings = _settings()
    for name in (stem, version):
        if _plain(name) is None:
            abort(404)
    found = next((v for v in api.versions.listed(settings.out_dir, stem) if v.name == version), None)
    if found is None:
        abort(404)
    return found


def _plain(name: str) -> str | None:
    try:
        return name if uploads.file_name(name) == name else None
    except errors.UploadNameRefused:
        return None


def issued() -> tuple[str, int]:
    """Marks a version "đã ban hành" (it is never removed); the block's list of versions again."""
    stem = request.form.get("ten", "")
    api.versions.mark(_version(stem, request.form.get("ban", "")))
    return _versions_part(stem, [])


def compare() -> tuple[str, int]:
    """The change lines between two versions of a workbook (`truoc`, `sau`), under its list of versions."""
    stem = request.form.get("ten", "")
    older, newer = (_version(stem, request.form.get(key, "")) for key in ("truoc", "sau"))
    if (older.made, older.number) > (newer.made, newer.number):
        older, newer = newer, older
    found = api.compared(older, newer)
    lines = [texts.WEB_VERSIONS_UNREADABLE] if found is None else [
        line for c in found for line in (c.heading, *c.lines)] or [texts.CHANGES_NONE]
    return _versions_part(stem, lines, texts.WEB_VERSIONS_COMPARED.format(older=older.label, newer=newer.label))


def _versions_part(stem: str, lines: list[str], title: str = "") -> tuple[str, int]:
    versions = api.versions.listed(_settings().out_dir, stem)
    return render_template("_phien_ban.html", stem=stem, versions=versions, compared=lines, compared_title=title), 200


def version_file(stem: str, version: str, name: str) -> Response:
    """A file a kept version holds, to download."""
    found = _version(stem, version)
    if _plain(name) is None or name not in {p.name for p in found.files()}:
        abort(404)
    return send_from_directory(found.folder.resolve(), name, as_attachment=True)


def view_pdf(name: str) -> Response:
    """A document's PDF made already, to show in the page (inline, not downloaded)."""
    return send_from_directory(_settings().stored, _output_name(name, (api.PDF.suffix,)), mimetype="application/pdf")


def favicon() -> Response:
    return send_from_directory(Path(__file__).parent / "static", "favicon.svg", mimetype="image/svg+xml")


def check() -> tuple[str, int]:
    """The workbooks uploaded checked and generated, each its block; last year's results among them."""
    files = [f for f in request.files.getlist("bang_tinh") if f.filename]
    most = _settings().max_files
    if not files:
        return _page(400, messages=[texts.WEB_NO_FILES])
    if len(files) > most:
        return _page(400, messages=[texts.WEB_TOO_MANY.format(most=most, count=len(files))])
    books, companions, messages = _sorted(files)
    sheets = request.form.get("phieu") == "co"
    refused: set[str] = set()
    for group in api.clashing(Path(name) for name, _ in books):
        output = api.outputs(group[0], Path())[api.DOCX].name
        messages.append(texts.CLI_SAME_OUTPUTS.format(paths=", ".join(map(str, group)), output=output))
        refused |= {p.name for p in group}
    blocks = [_process(str(n), name, data, companions, sheets) for n, (name, data) in enumerate(books, start=1)
              if name not in refused]
    return _page(200 if blocks else 400, blocks=blocks, messages=messages)


def _sorted(files: list[FileStorage]) -> tuple[list[tuple[str, bytes]], dict[str, bytes], list[str]]:
    """The uploads as workbooks (name, bytes), last year's results by name (folded), and what was
    refused, said."""
    messages: list[str] = []
    books: list[tuple[str, bytes]] = []
    companions: dict[str, bytes] = {}
    for upload in files:
        given = upload.filename or ""
        try:
            name = uploads.file_name(given)
        except errors.UploadNameRefused as exc:
            messages.append(texts.WEB_BAD_NAME.format(name=given, reason=exc))
            continue
        folded = name.casefold()
        if folded.endswith(api.RESULTS.suffix):
            companions[folded] = upload.read()
        elif folded.endswith(api.ANNOTATED.suffix):
            messages.append(texts.WEB_ANNOTATED_UPLOAD.format(name=name))
        elif not api.is_workbook(Path(name)):
            messages.append(texts.WEB_NOT_WORKBOOK.format(name=name))
        else:
            books.append((name, upload.read()))
    if companions and not books and not messages:
        messages.append(texts.WEB_ONLY_RESULTS.format(names=", ".join(sorted(companions))))
    return books, companions, messages


def _process(index: str, name: str, data: bytes, companions: Mapping[str, bytes], sheets: bool) -> Block:
    """One workbook through `api.generate` into the output folder (with each unit's result sheet
    where `sheets` or the workbook asks), and its preview; whatever goes wrong is its block's
    message, never the page's end."""
    settings = _settings()
    last_year = uploads.LastYear(companions, settings.folder, settings.allowed)
    made = _generated(Path(name), settings, data=data, last_year=last_year, sheets=sheets)
    return _shown(index, name, made, last_year)


def _generated(book: Path, settings: Settings, **given: Any) -> api.Result | str:
    """`api.generate` of `book` as the page asks for it; what kept it from being made instead (a
    template that cannot fill it, a failure nobody foresaw, logged), in words."""
    try:
        return api.generate(book, settings.out_dir, settings.template, sheet_template=settings.sheet_template, **given)
    except (errors.TemplateUnreadable, errors.TemplateBroken, errors.TemplateRefused) as exc:
        return api.template_failure(exc)
    except Exception as exc:  # noqa: BLE001 - one workbook's failure is its message, never the server's end
        log = errors.log_failure(book.name, settings.out_dir)
        message = texts.CLI_UNEXPECTED.format(source=book.name, kind=type(exc).__name__, log=log)
        print(message, file=sys.stderr)
        return message


def _shown(index: str, name: str, made: api.Result | str, last_year: uploads.LastYear | None) -> Block:
    """A workbook's block: its result, previews and versions, or what kept it from being made."""
    if isinstance(made, str):
        return Block(index, name, "that-bai", texts.WEB_STATUS_FAILED, failure=made)
    settings = _settings()
    block = _block(index, name, made, last_year)
    tables = made.tables
    if tables is not None:
        block.groups = preview.groups(tables, lambda r: charts.ranking_chart(r.bars))
    if made.docx is not None and settings.soffice:
        block.pdf = url_for("pdf", name=made.docx.name)
    elif made.docx is not None:  # how to get a PDF, rather than no button and no word why
        block.pdf_missing = texts.soffice_missing(os.name)
    if made.sheet_data is not None and made.sheet_data.sheets and tables is not None:
        block.sheet = preview.sheet(made.sheet_data, charts.sheet_chart, tables)
        if made.sheets_docx is not None and settings.soffice:
            block.sheets_pdf = url_for("pdf", name=made.sheets_docx.name)
    block.versions = api.versions.listed(settings.out_dir, made.source.stem)
    return block


def download(name: str) -> Response:
    return send_from_directory(_settings().stored, _output_name(name, DOWNLOADS), as_attachment=True)


def pdf(name: str) -> Response | tuple[str, int]:
    """The document as PDF, made by LibreOffice when the .docx is newer than it."""
    settings = _settings()
    docx = settings.out_dir / _output_name(name, (api.DOCX.suffix,))
    failure = None
    if not docx.is_file():
        abort(404)
    made = docx.with_suffix(api.PDF.suffix)
    if not (made.is_file() and made.stat().st_mtime_ns >= docx.stat().st_mtime_ns):
        try:
            api.export_pdf(docx)  # while no upload of the same workbook writes its outputs
        except errors.LibreOfficeMissing:
            failure = texts.soffice_missing(os.name)
        except errors.ConversionFailed as exc:
            failure = texts.CLI_PDF_FAILED.format(path=docx.name, detail=exc)
    if _htmx():
        url = None if failure else url_for("download", name=made.name)
        view = None if failure else url_for("view_pdf", name=made.name)
        return render_template("_pdf.html", url=url, view=view, failure=failure), 200
    if failure:
        return _page(500, messages=[failure])
    return send_from_directory(settings.stored, made.name, as_attachment=True)


def init() -> Response | tuple[str, int]:
    """A new workbook to download: blank, DTI, or next year's from last year's uploaded."""
    settings = _settings()
    choice = request.form.get("mau", "trong")
    given = request.form.get("ten_tep", "").strip()
    try:
        chosen = uploads.file_name(api.new_workbook_path(Path(given)).name) if given else None
    except errors.UploadNameRefused as exc:
        return _page(400, chosen=choice, typed_name=given, init_messages=[texts.WEB_BAD_NAME.format(name=given, reason=exc)])
    if choice != "nam-sau":
        made = api.new_workbook(dti=choice == "dti")
        assert made.data is not None
        return _xlsx(made.data, chosen or texts.WEB_INIT_NAMES["dti" if choice == "dti" else "blank"])
    upload = request.files.get("bang_tinh_nam_truoc")
    if upload is None or not upload.filename:
        return _page(400, chosen=choice, typed_name=given, init_messages=[texts.WEB_INIT_NEED_FILE])
    try:
        name = uploads.file_name(upload.filename)
    except errors.UploadNameRefused as exc:
        return _page(400, chosen=choice, typed_name=given, init_messages=[texts.WEB_BAD_NAME.format(name=upload.filename, reason=exc)])
    if not api.is_workbook(Path(name)):
        return _page(400, chosen=choice, typed_name=given, init_messages=[texts.WEB_NOT_WORKBOOK.format(name=name)])
    results = api.outputs(Path(name), settings.out_dir)[api.RESULTS]
    made = api.new_workbook(upload.read(), name, last_year=uploads.LastYear({}, settings.folder, settings.allowed),
                            last_results=api.results_path_from(settings.folder, results))
    if made.data is None:
        lines = [f"{name}: {line}" for line in made.report.lines()]
        return _page(422, chosen=choice, typed_name=given, init_messages=[*lines, texts.CLI_INIT_FROM_INVALID.format(source=name)])
    return _xlsx(made.data, chosen or _next_name(name, made.year))


def refused(exc: HTTPException) -> tuple[str, int]:
    code = exc.code or 400
    if code == 413:
        message = texts.WEB_TOO_LARGE.format(most=_settings().max_bytes // (1024 * 1024) or 1)
    elif code == 403:
        message = texts.WEB_FORBIDDEN
    elif code == 404:
        message = (texts.WEB_FILE_MISSING.format(name=request.view_args.get("name", ""))
                   if request.view_args and "name" in request.view_args else texts.WEB_NOT_FOUND)
    else:
        message = texts.WEB_BAD_REQUEST
    return _page(code, messages=[message])


def failed(exc: InternalServerError) -> tuple[str, int]:
    log = errors.log_failure("xephang serve", _settings().out_dir)
    return _page(500, messages=[texts.WEB_SERVER_ERROR.format(log=log)])


def _hostname(host: str) -> str:
    """The name in a Host header, without its port: "127.0.0.1:8000" -> "127.0.0.1", "[::1]:80" -> "::1"."""
    if host.startswith("["):
        return host[1:host.find("]")]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _output_name(name: str, suffixes: tuple[str, ...]) -> str:
    """An output's name from a URL: a plain file name (`uploads.file_name`) ending in one of
    `suffixes`, else 404."""
    try:
        checked = uploads.file_name(name)
    except errors.UploadNameRefused:
        abort(404)
    if checked != name or not checked.casefold().endswith(suffixes):
        abort(404)
    return checked


def _block(index: str, name: str, result: api.Result, last_year: uploads.LastYear | None) -> Block:
    report = result.report
    errors_, warnings = len(report.errors), len(report.warnings)
    draft = texts.WEB_STATUS_DRAFT if result.draft else ""
    if report.unreadable:
        status, text = "khong-doc-duoc", texts.WEB_STATUS_UNREADABLE
    elif not report.valid:
        status, text = "co-loi", texts.WEB_STATUS_ERRORS.format(errors=errors_, warnings=warnings)
    elif result.failure is not None:
        status, text = "that-bai", texts.WEB_STATUS_FAILED
    elif warnings:
        status, text = "canh-bao", texts.WEB_STATUS_WARNINGS.format(warnings=warnings) + draft
    else:
        status, text = "hop-le", texts.WEB_STATUS_VALID + draft
    block = Block(index, name, status, text, errors_, warnings, result.failure,
                  report.problems[:SHOWN_PROBLEMS], max(len(report.problems) - SHOWN_PROBLEMS, 0))
    if result.last_run_unreadable:
        block.changes_title = texts.CHANGES_LAST_RUN_UNREADABLE.format(path=result.results)
    elif result.changed is not None:
        block.changes = [line for c in result.changed for line in ((True, c.heading), *((False, u) for u in c.lines))]
        block.changes_title = texts.CHANGES_TITLE.format(path=result.results) if result.changed else texts.CHANGES_NONE
    elif result.docx is not None:
        block.changes_title = texts.WEB_CHANGES_FIRST
    if last_year is not None and last_year.used is not None:
        block.last_year = (texts.WEB_LAST_YEAR_UPLOADED.format(name=last_year.used) if last_year.from_upload
                           else texts.WEB_LAST_YEAR_FOLDER.format(path=last_year.used))
    for output in api.WRITTEN:
        path = getattr(result, output.key)
        if path is not None:
            label = texts.KINDS[result.kind.value].download if output is api.DOCX else texts.WEB_DOWNLOAD[output.key]
            block.downloads.append((texts.WEB_DOWNLOAD_MARK[output.key], label, url_for("download", name=path.name)))
    return block


def _xlsx(data: bytes, name: str) -> Response:
    return send_file(io.BytesIO(data), mimetype=api.XLSX, as_attachment=True, download_name=name)


def _next_name(name: str, year: int | None) -> str:
    """Next year's workbook's name: the year in the name moved on ("khanh-hoa-2014.xlsx" ->
    "khanh-hoa-2015.xlsx"), else the year added ("bang-diem.xlsx" -> "bang-diem-2015.xlsx")."""
    stem = Path(name).stem
    if year is not None and str(year - 1) in stem:
        return f"{stem.replace(str(year - 1), str(year))}.xlsx"
    return f"{stem}-{year}.xlsx" if year is not None else f"{stem}.xlsx"


def _graphical() -> bool:
    """Whether the default browser is a window: on Linux without a display, `webbrowser` would
    start a text browser (lynx, w3m) in the terminal the server runs in."""
    return sys.platform in ("win32", "darwin") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(
    out_dir: Path, *, port: int, browser: bool, template: Template = None, sheet_template: Path | None = None,
    follow: Follow | None = None, ready: Callable[[str], object] | None = None,
) -> None:
    """Serves the page with waitress on 127.0.0.1 until interrupted, following input/ with `follow`;
    opens it in the default browser (`browser`) once the port is open. Raises OSError when the port cannot be opened."""
    from waitress import create_server

    app = create_app(out_dir, template=template, sheet_template=sheet_template, follow=follow)
    # What goes wrong is told on the page and logged in the output folder (`errors.log_failure`):
    # no English traceback or queue warning on the console.
    app.logger.disabled = True
    logging.getLogger("waitress").setLevel(logging.CRITICAL)
    # Each open page holds a thread for its events (`/su-kien`): room for a few pages and their requests.
    server = create_server(app, host="127.0.0.1", port=port, threads=12, ident="xephang")
    url = f"http://127.0.0.1:{server.effective_port}/"
    if ready is not None:
        ready(url)
    if browser and _graphical():
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    try:
        server.run()
    finally:
        following = app.extensions["xephang"].following
        if following is not None:
            following.close()
        server.close()


__all__ = ["create_app", "run"]
