"""`timeline ics`: the events as an iCalendar feed."""

from __future__ import annotations

from timeline._cli._options import (
    EXIT_OK,
    add_allow_empty,
    add_command,
    add_data,
    add_filters,
    add_output,
    emit_stream,
    filter_of,
    known,
    load,
    require_events,
    select,
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
    add_allow_empty(parser)
    add_filters(parser)


def run(args: argparse.Namespace) -> int:
    """Write the events as an iCalendar feed (RFC 5545) that calendar apps subscribe to;
    set SOURCE_DATE_EPOCH for byte-identical output. Example:
    timeline ics events --feed nvidia -o public/nvidia.ics
    """
    from timeline._ics import feed_calendar, write_ics

    filter_of(args)  # a bad --from/--to is refused before the data is read
    timeline = load(args)
    name, description, within = args.name, None, timeline
    if args.feed is not None:
        known("--feed", [args.feed], timeline.settings.feeds)
        try:
            feed = feed_calendar(timeline, args.feed)
        except IcsError as error:
            raise UsageError(f"--feed: {error}") from None
        within, name, description = feed.timeline, name or feed.name, feed.description
    selected = select(args, timeline, within)
    require_events(args, selected, len(timeline), "an empty calendar")
    emit_stream(args, lambda out: write_ics(selected, out, name=name, description=description))
    return EXIT_OK
