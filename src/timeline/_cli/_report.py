"""`timeline report`: the chronological report, in any of the report formats."""

from __future__ import annotations

import itertools

from timeline._cli._options import (
    EXIT_OK,
    add_allow_empty,
    add_command,
    add_data,
    add_filters,
    add_known_on,
    add_lanes,
    add_locale,
    add_output,
    add_width,
    emit_stream,
    filter_of,
    known,
    load,
    locale_of,
    parse_day,
    refuse_unknown,
    require_events,
    width_of,
    writes_file,
)
from timeline.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import datetime as dt

    from timeline._cli._options import Commands
    from timeline._timeline import Timeline


def add(commands: Commands) -> None:
    from timeline.report import BINARY, FORMATS

    parser = add_command(commands, "report", run, "print a chronological report")
    add_data(parser)
    parser.add_argument(
        "--format",
        choices=sorted([*FORMATS, *BINARY]),
        default="text",
        help="output format (default: text; parquet, a binary file, needs -o)",
    )
    add_lanes(parser, "swimlanes of the html, svg and timelinejs formats (default: policy)")
    add_width(parser, chart=True)
    add_known_on(parser)
    add_locale(parser)
    add_output(parser)
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="with the text format: each event's policy, effect and provision, and the "
        "quotes of its sources",
    )
    add_allow_empty(parser)
    add_filters(parser)


def run(args: argparse.Namespace) -> int:
    """Print the chronological report. The text format fits the terminal (COLUMNS, else 80
    when piped; --width N to choose) and --verbose adds each event's policy, effect and
    quotes; --locale LANG writes it in another language; --known-on DAY, as it could have
    been written that day. Example:
    timeline report events --from 2025 --verbose --locale fr --known-on 2025-12-01
    """
    from timeline import report
    from timeline.report._axis import MAX_WIDTH, MIN_WIDTH, WIDTH

    criteria = filter_of(args)  # a bad --from/--to is refused before the data is read
    if args.lanes is not None and args.format not in report.LANED:
        raise UsageError(f"--lanes goes with --format {_either(report.LANED)}")
    chart = args.format in report.WIDE
    if args.width is not None and not chart and args.format != "text":
        raise UsageError(f"--width goes with --format {_either(('text', *report.WIDE))}")
    # --width is the chart's pixels for html and svg, the text's columns otherwise.
    pixels = WIDTH if args.width is None or not chart else args.width
    if not MIN_WIDTH <= pixels <= MAX_WIDTH:
        raise UsageError(f"--width {pixels}: the chart is {MIN_WIDTH} to {MAX_WIDTH} pixels wide")
    lanes: report.Lanes = args.lanes or "policy"  # argparse took it from `LANES`
    if args.format in report.BINARY and not writes_file(args):
        raise UsageError(f"--format {args.format} needs -o FILE: it is a binary file")
    if args.verbose and args.format != "text":
        raise UsageError(f"--verbose goes with --format text, not {args.format}")
    columns = None if chart else width_of(args)
    if args.locale is not None and args.format not in report.LOCALISED:
        raise UsageError(
            f"--locale goes with --format {', '.join(report.LOCALISED)}: {args.format} is "
            "data, the same in every language"
        )
    locale_of(args)  # a bad --locale is refused before the data is read
    timeline = load(args)
    # "en" when English: None would let the library fall back on timeline.toml's locale.
    tag = (locale_of(args, timeline) or "en") if args.format in report.LOCALISED else None
    refuse_unknown(timeline, criteria)
    if args.known_on is not None:
        timeline = _titled(
            known(args, timeline), args.format, parse_day("--known-on", args.known_on), tag
        )
    selected = timeline if criteria.is_empty else timeline.filter(criteria)
    if writes_file(args):
        require_events(args, selected, len(timeline), "an empty report")
    if args.format == "parquet":
        from timeline import _parquet

        emit_stream(args, lambda out: _parquet.write(selected, out))
        return EXIT_OK
    # The policy bands fold every event of each policy, not only the filtered ones.
    if args.format == "html":
        texts = iter(
            [report.html(selected, lanes=lanes, history=timeline, locale=tag, width=pixels)]
        )
    elif args.format == "svg":
        try:
            texts = iter(
                [report.svg(selected, lanes=lanes, history=timeline, locale=tag, width=pixels)]
            )
        except ValueError as error:  # no event with a date: there is no chart to draw
            raise UsageError(f"--format svg: {error}") from None
    elif args.format == "text":
        from timeline.report import _text as text

        texts = text.pieces(selected, width=columns, verbose=args.verbose, locale=tag)
    else:
        options = {} if tag is None else {"locale": tag}  # data formats have no language
        texts = report.pieces(selected, args.format, lanes=args.lanes, **options)
    if args.policy and args.format in ("text", "markdown"):
        from timeline.report import _policy as policy

        try:  # the history folds every event of the policy, not only the filtered ones
            section = "\n" + policy.render(
                timeline, args.policy, args.format, width=columns, locale=tag
            )
        except KeyError as error:
            raise UsageError(f"--policy: {error.args[0]}") from None
        texts = itertools.chain(texts, [section])
    # Written as it is made: a report of a million events never sits whole in memory.
    emit_stream(args, lambda out: report.write_pieces(out, texts))
    return EXIT_OK


def _titled(timeline: Timeline, format: str, day: dt.date, tag: str | None) -> Timeline:
    """The reports people read say whose knowledge they hold: "… (as known on 1 December
    2025)" after the name, in the report's language; the data formats (json, csv,
    timelinejs) keep the data as it is."""
    if format not in ("text", "markdown", "html"):
        return timeline
    import attrs

    from timeline._labels import day_label
    from timeline._locale import message

    name = message(tag, "known_on_name", name=timeline.settings.name, day=day_label(day, tag))
    return attrs.evolve(timeline, settings=attrs.evolve(timeline.settings, name=name))


def _either(formats: tuple[str, ...]) -> str:
    """'html, svg or timelinejs'."""
    return " or ".join(filter(None, [", ".join(formats[:-1]), formats[-1]]))
