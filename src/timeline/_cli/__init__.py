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
from timeline._cli._options import EXIT_DATA, EXIT_OK, EXIT_USAGE
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # In the order `timeline --help` lists them.
    for command in (
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
    args = parser.parse_args(argv)
    args.program = argv is None  # the process is ours: see _options.load
    try:
        code: int = args.handler(args)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        from timeline._text import counted

        unwritten = "; nothing was written" if getattr(args, "writes", True) else ""
        print(f"{counted(len(error.problems), 'problem')} found{unwritten}.", file=sys.stderr)
        return EXIT_DATA
    except UsageError as error:
        getattr(args, "command_parser", parser).print_usage(sys.stderr)
        print(f"timeline: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TimelineError as error:
        print(f"timeline: {error}", file=sys.stderr)
        return EXIT_DATA
    except OSError as error:
        print(
            f"timeline: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    return code
