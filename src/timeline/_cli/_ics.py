"""`timeline ics`: the events as an iCalendar feed."""

from __future__ import annotations

from timeline._cli._options import (
    EXIT_OK,
    add_allow_empty,
    add_command,
    add_data,
    add_filters,
    add_known_on,
    add_locale,
    add_output,
    emit_stream,
    filter_of,
    known,
    load,
    locale_of,
    parse_day,
    refuse_unknown,
    require_events,
)
from timeline.errors import IcsError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from timeline._cli._options import Commands
    from timeline._query import Filter


def add(commands: Commands) -> None:
    parser = add_command(commands, "ics", run, "write an iCalendar (.ics) feed")
    add_data(parser)
    parser.add_argument(
        "--name", metavar="NAME", help="the calendar's name (default: from timeline.toml)"
    )
    parser.add_argument(
        "--feed", metavar="NAME", help="a named feed from timeline.toml's [feeds.NAME]"
    )
    parser.add_argument(
        "--upcoming",
        action="store_true",
        help="the deadline feed: one all-day event per later date on which a policy takes "
        "effect or a provision starts to apply (filters: --policy, --jurisdiction)",
    )
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help="with --upcoming: the day after which deadlines count, YYYY-MM-DD "
        "(default: the --known-on day, else the day of SOURCE_DATE_EPOCH when set, else today)",
    )
    add_known_on(parser)
    parser.add_argument(
        "--previous",
        metavar="FILE",
        help="the calendar this one replaces: events whose content changed get SEQUENCE "
        "raised by one and LAST-MODIFIED set, the others keep theirs",
    )
    add_locale(parser)
    add_output(parser)
    add_allow_empty(parser)
    add_filters(parser)


def run(args: argparse.Namespace) -> int:
    """Write the events as an iCalendar feed (RFC 5545) that calendar apps subscribe to, or
    with --upcoming the deadline feed of the policies; set SOURCE_DATE_EPOCH for
    byte-identical output, and --previous for calendar apps to see what changed. Example:
    timeline ics events --feed nvidia --previous public/nvidia.ics -o public/nvidia.ics
    """
    from timeline._ics import feed_calendar, write_ics

    criteria = filter_of(args)
    if args.upcoming:
        return _deadlines(args, criteria)
    if args.as_of is not None:
        raise UsageError("--as-of goes with --upcoming (the deadline feed)")
    locale_of(args)  # a bad --locale is refused before the data is read
    timeline = load(args)
    tag = locale_of(args, timeline) or "en"
    refuse_unknown(timeline, criteria)
    timeline = known(args, timeline)
    previous = args.previous
    name, description, selected = args.name, None, timeline
    if args.feed is not None:
        try:
            feed = feed_calendar(timeline, args.feed)
        except IcsError as error:
            raise UsageError(f"--feed: {error}") from None
        selected, name, description = feed.timeline, name or feed.name, feed.description
    if not criteria.is_empty:
        selected = selected.filter(criteria)
    require_events(args, selected, len(timeline), "an empty calendar")
    emit_stream(
        args,
        lambda out: write_ics(
            selected, out, name=name, description=description, locale=tag, previous=previous
        ),
    )
    return EXIT_OK


def _deadlines(args: argparse.Namespace, criteria: Filter) -> int:
    """`timeline ics --upcoming`: the deadline feed of the policies --policy and
    --jurisdiction choose (every policy when neither is given)."""
    from timeline._ics import write_deadlines

    others = [f"--{n}" for n in ("feed", "tag", "actor", "place", "text") if getattr(args, n, None)]
    others += [o for o, v in (("--from", args.start), ("--to", args.end)) if v]
    if others:
        raise UsageError(
            f"{', '.join(others)} do not go with --upcoming: the deadline feed is chosen by "
            "policy (--policy, --jurisdiction)"
        )
    day = None if args.as_of is None else parse_day("--as-of", args.as_of)
    if day is None and args.known_on is not None:
        day = parse_day("--known-on", args.known_on)
    locale_of(args)  # a bad --locale is refused before the data is read
    timeline = known(args, load(args))
    tag = locale_of(args, timeline) or "en"
    previous = args.previous
    policies = [
        pid
        for pid, policy in timeline.policies.items()
        if (not criteria.policies or pid in criteria.policies)
        and (not criteria.jurisdictions or policy.jurisdiction in criteria.jurisdictions)
    ]
    unknown = [p for p in criteria.policies if p not in timeline.policies]
    if unknown:
        ids = ", ".join(sorted(timeline.policies)) or "none"
        raise UsageError(f"--policy: no policy with id {unknown[0]!r} (known: {ids})")
    emit_stream(
        args,
        lambda out: write_deadlines(
            timeline,
            out,
            as_of=day,
            name=args.name,
            policies=policies,
            locale=tag,
            previous=previous,
        ),
    )
    return EXIT_OK
