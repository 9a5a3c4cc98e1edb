"""Every exception the library raises to its callers, and the log of a failure nobody foresaw.

Nothing is imported here at run time: the launcher loads this module to log a failure that may
have happened while pandas or click were being imported.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself takes a while to import; type checkers take this as True
if TYPE_CHECKING:
    from pathlib import Path


class UnreadableWorkbook(Exception):
    """The file is not a workbook that can be read; the message says why, in Vietnamese."""


class NotAFile(Exception):
    """A path to read names a folder, a device or a pipe, not a regular file; args: the path."""


class FileTooLarge(Exception):
    """A file to read is larger than any of its kind should be; args: the path, the most allowed in bytes."""


class OutputLocked(Exception):
    """The output file is open in another program (Word, Excel) that keeps it from being replaced."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class CopyUnreadable(Exception):
    """openpyxl cannot open the workbook: its annotated copy is built from its values instead."""


class UploadNameRefused(ValueError):
    """An uploaded file's name that cannot name files (`web.uploads.file_name`); the message says why, in Vietnamese."""


class TemplateBroken(Exception):
    """The Word template cannot be filled (a Jinja syntax error, a table's paragraph missing); args: what, and which template."""


class TemplateRefused(Exception):
    """The Word template uses a field, filter or tag its document does not provide; args: why in Vietnamese, and which template."""


class TemplateUnreadable(Exception):
    """The Word template is missing, a folder, no .docx or an archive beyond reason; args: why in Vietnamese, and which template."""


class LibreOfficeMissing(Exception):
    """LibreOffice (soffice) is not installed, so no PDF can be made."""


class ConversionFailed(Exception):
    """LibreOffice ran but wrote no PDF; the message holds what it said."""


OUTPUT_FOLDER = "output"  # where `generate` writes by default, and so where the failure log goes
LOG_NAME = "xephang-loi.log"


def log_failure(source: Path | str, out_dir: Path | str) -> Path:
    """Appends the current traceback to a log in `out_dir`, or the system's temporary folder.

    A log that could not be written is not left behind empty.
    """
    import contextlib
    import datetime
    import pathlib
    import tempfile
    import traceback

    entry = f"--- {datetime.datetime.now().isoformat(timespec='seconds')} {source}\n{traceback.format_exc()}\n"
    for folder in (pathlib.Path(out_dir), pathlib.Path(tempfile.gettempdir())):
        log = folder / LOG_NAME
        created = not log.exists()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # backslashreplace: a file name that is not valid UTF-8 must not fail the log itself
            with log.open("a", encoding="utf-8", errors="backslashreplace") as f:
                f.write(entry)
            return log
        except OSError:
            if created:
                with contextlib.suppress(OSError):
                    log.unlink(missing_ok=True)
    return log
