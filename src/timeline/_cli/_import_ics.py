"""`timeline import-ics`: a calendar's events as a TOML data file."""

from __future__ import annotations

import sys

from timeline._cli._options import EXIT_OK, add_command, add_output, emit, writes_file
from timeline.errors import TimelineError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from timeline._cli._options import Commands


def add(commands: Commands) -> None:
    parser = add_command(commands, "import-ics", run, "turn an .ics calendar into a TOML data file")
    parser.add_argument("file", metavar="FILE", help="the .ics file to read")
    parser.add_argument(
        "--source", metavar="ID", help="id of the source the events cite (default: from FILE)"
    )
    parser.add_argument(
        "--zone", default="UTC", metavar="ZONE", help="IANA zone of floating times (default: UTC)"
    )
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    """Turn a calendar's events (.ics) into a TOML data file to review and add to the data;
    skipped events are listed on stderr. Example:
    timeline import-ics holidays.ics -o events/imported.toml
    """
    from timeline._ics import read_ics

    imported = read_ics(args.file, source_id=args.source, zone=args.zone)
    for warning in imported.warnings:
        print(f"timeline: warning: {warning}", file=sys.stderr)
    if not imported.events:
        raise TimelineError(f"{args.file}: no event could be imported; nothing was written")
    emit(args, imported.to_toml())
    if writes_file(args):
        from timeline._text import counted

        print(f"{args.output}: {counted(len(imported.events), 'event')} imported", file=sys.stderr)
    return EXIT_OK
