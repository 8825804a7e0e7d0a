"""`timeline ics`: the events as an iCalendar feed."""

from __future__ import annotations

from timeline._cli._options import (
    EXIT_OK,
    add_command,
    add_data,
    add_filters,
    add_output,
    emit_stream,
    filter_of,
    load,
    refuse_unknown,
)
from timeline.errors import IcsError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from timeline._cli._options import Commands


def add(commands: Commands) -> None:
    parser = add_command(commands, "ics", run, "write an iCalendar (.ics) feed")
    add_data(parser)
    parser.add_argument(
        "--name", metavar="NAME", help="the calendar's name (default: from timeline.toml)"
    )
    parser.add_argument(
        "--feed", metavar="NAME", help="a named feed from timeline.toml's [feeds.NAME]"
    )
    add_output(parser)
    add_filters(parser)


def run(args: argparse.Namespace) -> int:
    """Write the events as an iCalendar feed (RFC 5545) that calendar apps subscribe to;
    set SOURCE_DATE_EPOCH for byte-identical output. Example:
    timeline ics events --feed nvidia -o public/nvidia.ics
    """
    from timeline._ics import feed_calendar, write_ics

    criteria = filter_of(args)
    timeline = load(args)
    refuse_unknown(timeline, criteria)
    name, description = args.name, None
    if args.feed is not None:
        try:
            feed = feed_calendar(timeline, args.feed)
        except IcsError as error:
            raise UsageError(f"--feed: {error}") from None
        timeline, name, description = feed.timeline, name or feed.name, feed.description
    if not criteria.is_empty:
        timeline = timeline.filter(criteria)
    emit_stream(args, lambda out: write_ics(timeline, out, name=name, description=description))
    return EXIT_OK
