"""The console script `xephang` and `python -m generator`: whatever happens, the user reads
Vietnamese, never a traceback.

At module level only what the interpreter has already loaded is imported: everything else, pandas
and the rest, loads inside `execute`'s try, so a Ctrl-C during start-up gets the same one line as a
Ctrl-C later on.
"""

from __future__ import annotations

import errno
import os
import sys
import warnings

TYPE_CHECKING = False  # typing itself takes a while to import; type checkers take this as True
if TYPE_CHECKING:
    from types import FrameType
    from typing import IO, Any, NoReturn

INTERRUPTED = 130  # what shells report for a program stopped by Ctrl-C (128 + SIGINT)


def run() -> NoReturn:
    """The console script's entry point."""
    warnings.simplefilter("ignore")  # a library's warning (pandas, openpyxl) means nothing to the user
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None:  # None when started without a console (pythonw)
            if os.name == "nt" and not stream.isatty():
                # Redirected to a file or a pipe, Windows would encode in the ANSI code page, whose
                # Vietnamese (cp1258) lacks the precomposed letters NFC text is made of.
                stream.reconfigure(encoding="utf-8")
            setattr(sys, name, ReaderMayLeave(stream))
    code = execute(sys.argv[1:])
    import signal

    # From here on, a Ctrl-C could only interrupt the interpreter's own shutdown, and get its
    # traceback: it ends the process at once instead.
    signal.signal(signal.SIGINT, _stop_at_once)
    sys.exit(code)


def execute(args: list[str]) -> int:
    """Runs the command line `args` and returns its exit code; every outcome, an interruption or a
    failure nobody foresaw included, has already been told the user in Vietnamese."""
    try:
        try:
            return _command_line(args)
        except Exception as exc:  # noqa: BLE001 - the last place a failure becomes a message
            if _interrupted(exc):  # a Ctrl-C that an import wrapped (a class's __set_name__ does)
                return _stopped(line_closed=False)
            from . import texts
            from .errors import OUTPUT_FOLDER, log_failure

            log = log_failure("xephang", OUTPUT_FOLDER)
            print(texts.CLI_UNEXPECTED.format(source="xephang", kind=type(exc).__name__, log=log), file=sys.stderr)
            return 1
    except KeyboardInterrupt:  # during the imports, or outside click's own try
        return _stopped(line_closed=False)


def _interrupted(exc: BaseException) -> bool:
    """Whether `exc` was caused by a Ctrl-C: Python turns one that stops a class's creation (numpy's,
    while pandas is imported) into a RuntimeError caused by it."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _command_line(args: list[str]) -> int:
    import click

    from .cli import main

    try:
        # Not standalone: click raises what it would print in English, and its exit codes come back.
        return _code(main.main(args, standalone_mode=False))
    except click.Abort:  # click's name for Ctrl-C; it has already ended the terminal's ^C line
        return _stopped(line_closed=True)
    except click.ClickException as exc:  # wrong usage; `cli` has put click's words in Vietnamese
        exc.show()
        return exc.exit_code
    except SystemExit as exc:  # the commands' own exit codes
        return _code(exc.code)


def _code(value: object) -> int:
    """An exit code from what click returns or SystemExit carries: None is success."""
    return value if isinstance(value, int) else 0 if value is None else 1


def _stopped(line_closed: bool) -> int:
    import signal

    signal.signal(signal.SIGINT, _stop_at_once)  # a second Ctrl-C while this one is told
    _say_stopped(line_closed)
    return INTERRUPTED


def _say_stopped(line_closed: bool) -> None:
    from . import texts

    # The terminal echoes ^C with no line break after it: the message starts a line of its own.
    print(("" if line_closed else "\n") + texts.CLI_INTERRUPTED, file=sys.stderr, flush=True)


def _stop_at_once(signum: int, frame: FrameType | None) -> None:
    try:
        _say_stopped(line_closed=False)
    except (OSError, RuntimeError):  # RuntimeError: the signal came in the middle of another write to stderr
        pass
    os._exit(INTERRUPTED)


READER_GONE = (errno.EPIPE, errno.EINVAL)  # Windows reports a pipe closed by its reader as EINVAL


class ReaderMayLeave:
    """A standard stream that, once its reader has gone (`xephang … | more` closed early), sends
    the rest to os.devnull and lets the work go on, as the Python docs advise for SIGPIPE.

    Everything but `write` and `flush` is the wrapped stream's own.
    """

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            self._reader_gone(exc)
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            self._reader_gone(exc)

    def _reader_gone(self, exc: OSError) -> None:
        if exc.errno not in READER_GONE:
            raise exc
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())  # what is still buffered goes there too
        os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
