"""The `timeline` command: argument parsing, file writing and exit codes, nothing else.

Exit codes: 0 success, 1 a problem with the data or the files, 2 a usage error.
Every command reads a data folder (default ./events) and takes the same filters.

Each command is a module here that adds its own arguments and runs it (`_check`,
`_report`, …); what they share (DATA, the filters, -o, loading) is `_options`.
"""

from __future__ import annotations

import sys

# Start-up time matters (`timeline --version` should cost little more than Python itself), so
# this package imports nothing heavy at the top: not typing, argparse or pathlib, nor the
# commands. The errors module imports nothing but the core of the standard library.
from timeline._cli._options import EXIT_DATA, EXIT_OK, EXIT_USAGE, QUIET_HELP
from timeline.errors import DataError, TimelineError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence


__all__ = ["main"]


def _version() -> str:
    from timeline import __version__

    return __version__


def _build_parser() -> argparse.ArgumentParser:
    import argparse
    import re
    from typing import NoReturn

    from timeline._cli import (
        _build,
        _check,
        _diff,
        _extract,
        _help,
        _ics,
        _import,
        _import_ics,
        _init,
        _report,
        _status,
    )
    from timeline._text import did_you_mean

    class Parser(argparse.ArgumentParser):
        """argparse's parser, whose "invalid choice" also says which choice was likely meant."""

        def error(self, message: str) -> NoReturn:
            found = re.fullmatch(r"(.*invalid choice: )'(.*?)' \(choose from (.*)\)", message)
            if found:
                head, value, listed = found.groups()
                hint = did_you_mean(value, re.findall(r"'([^']*)'", listed))
                message = f"{head}{value!r}{hint}; choose from {listed}"
            super().error(message)

    parser = Parser(
        prog="timeline",
        description="Dated events and the policies they shape: check, report, publish.",
        epilog="Run 'timeline COMMAND --help' for a command's options and 'timeline help' for "
        "the documentation (the guide: 'timeline help guide').",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # In the order `timeline --help` lists them.
    for command in (
        _init,
        _check,
        _report,
        _status,
        _diff,
        _ics,
        _import,
        _import_ics,
        _build,
        _extract,
        _help,
    ):
        command.add(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    if (sys.argv[1:] if argv is None else list(argv)) == ["--version"]:
        # Answered before argparse and the library load: what argparse would print and do.
        print(f"timeline {_version()}")
        raise SystemExit(EXIT_OK)
    parser = _build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # argparse would name them under `timeline`'s usage, not the command's
        args.command_parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.program = argv is None  # the process is ours: see _options.load
    if args.program:
        _stop_cleanly_on_signals()
    try:
        _check_environment()
        code: int = args.handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
    except DataError as error:
        for problem in error.problems:
            _say(str(problem))
        from timeline._text import counted

        unwritten = "; nothing was written" if getattr(args, "writes", True) else ""
        _say(f"{counted(len(error.problems), 'problem')} found{unwritten}.")
        return EXIT_DATA
    except UsageError as error:
        getattr(args, "command_parser", parser).print_usage(sys.stderr)
        _say(f"timeline: error: {error}")
        return EXIT_USAGE
    except TimelineError as error:
        _say(f"timeline: {error}")
        return EXIT_DATA
    except BrokenPipeError:
        return _pipe_closed()
    except OSError as error:
        reason = error.strerror or str(error)
        _say(f"timeline: {error.filename}: {reason}" if error.filename else f"timeline: {reason}")
        return EXIT_DATA
    except MemoryError:
        _say(
            "timeline: out of memory; nothing was written (the data is too big for this "
            "machine's memory: split it, or filter it)"
        )
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    return code


def _say(message: str) -> None:
    """Print a message to stderr with every control character escaped, as `!r` would: a
    message can quote a hostile file, which must not move the cursor or recolour a terminal."""
    from timeline._text import printable

    print(printable(message), file=sys.stderr)


def _check_environment() -> None:
    """One rule for SOURCE_DATE_EPOCH, whichever command runs (a usage error if it is bad)."""
    from timeline._clock import source_date_epoch

    try:
        source_date_epoch()
    except ValueError as error:
        raise UsageError(str(error)) from None


def _pipe_closed() -> int:
    """The reader of stdout went away (`timeline ics | head`): end quietly, as a program
    killed by SIGPIPE would (exit status 141), with nothing more to flush."""
    import os

    try:
        with open(os.devnull, "wb") as null:  # the interpreter's last flush must not fail
            os.dup2(null.fileno(), sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no file (captured in-process): nothing to do
        pass
    return 128 + 13


def _stop_cleanly_on_signals() -> None:
    """Make SIGTERM and SIGHUP unwind like Ctrl-C (SIGINT): every temporary file and folder
    is removed on the way out, then the process exits with 128 + the signal's number."""
    import signal

    def stop(number: int, _: object) -> None:
        for name in _SIGNALS:  # a second signal must not cut the clean-up short
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_IGN)
        raise SystemExit(128 + number)

    for name in _SIGNALS:
        if hasattr(signal, name):  # Windows has no SIGHUP
            signal.signal(getattr(signal, name), stop)


_SIGNALS = ("SIGTERM", "SIGHUP")
