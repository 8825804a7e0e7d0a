"""`timeline build`: a static site of the report, the feeds and the data."""

from __future__ import annotations

import sys

from timeline._cli._options import (
    EXIT_OK,
    add_allow_empty,
    add_command,
    add_data,
    add_filters,
    add_known_on,
    add_lanes,
    add_locale,
    filter_of,
    known,
    load,
    locale_of,
    output_target,
    parse_day,
    refuse_unknown,
    require_events,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from timeline._cli._options import Commands


def add(commands: Commands) -> None:
    parser = add_command(
        commands, "build", run, "write a static site: report, feeds, data, policy pages"
    )
    add_data(parser)
    parser.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="the folder to write (created)"
    )
    add_lanes(
        parser, "swimlanes of the report and the TimelineJS groups (default: policy)", "policy"
    )
    parser.add_argument(
        "--previous",
        metavar="SITE",
        help="the site this build replaces (it may be the -o folder): calendars say which "
        "events changed, and a page and Atom feed of what changed are added",
    )
    add_known_on(parser)
    add_locale(parser)
    add_allow_empty(parser)
    add_filters(parser)


def run(args: argparse.Namespace) -> int:
    """Write a static site: the HTML report (index.html), calendar feeds (all events and each
    named feed), timeline.json, timeline.csv, timelinejs.json and a page per policy; with
    --previous SITE, what changed since that site (changes.html, changes.atom); set
    SOURCE_DATE_EPOCH for byte-identical files. The site is built beside DIR and swapped in
    whole. Example: timeline build events -o site --previous site
    """
    from timeline._site import build

    criteria = filter_of(args)  # a bad --from/--to is refused before the data is read
    locale_of(args)
    timeline = load(args)
    tag = locale_of(args, timeline) or "en"
    refuse_unknown(timeline, criteria)
    timeline = known(args, timeline)
    day = None if args.known_on is None else parse_day("--known-on", args.known_on)
    selected = timeline if criteria.is_empty else timeline.filter(criteria)
    require_events(args, selected, len(timeline), "an empty site")
    target = output_target(args, folder=True)
    written = build(
        selected,
        target,
        lanes=args.lanes,
        history=timeline,
        locale=tag,
        previous=args.previous,
        as_of=day,
    )
    if not args.quiet:
        print(f"{args.output}: {len(written)} files, {len(selected)} events", file=sys.stderr)
    return EXIT_OK
