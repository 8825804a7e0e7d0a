"""`timeline status`: each policy's state on a date, and the questions about its future.

One question at a time: the state on a day (the default), what is pending (`--pending`),
what takes effect soon (`--upcoming DAYS`), every change between two days (`--changes`),
and how many policies are in force over time (`--series`).
"""

from __future__ import annotations

from timeline._cli._options import (
    EXIT_OK,
    add_command,
    add_data,
    add_known_on,
    add_locale,
    add_output,
    add_width,
    emit,
    known,
    load,
    locale_of,
    parse_day,
    refuse_unknown,
    width_of,
)
from timeline.errors import TimelineError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import datetime as dt

    from timeline._cli._options import Commands
    from timeline._timeline import Timeline


def add(commands: Commands) -> None:
    parser = add_command(commands, "status", run, "print each policy's state on a date")
    add_data(parser)
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help="the day to ask about, YYYY-MM-DD (default: today, or the --known-on day)",
    )
    add_known_on(parser)
    parser.add_argument(
        "--policy", action="append", default=[], metavar="ID", help="only this policy (repeatable)"
    )
    questions = parser.add_mutually_exclusive_group()
    questions.add_argument(
        "--pending",
        action="store_true",
        help="what is proposed, announced or adopted but does not bind yet on the day",
    )
    questions.add_argument(
        "--upcoming",
        type=int,
        metavar="DAYS",
        help="what takes effect or starts to apply in the DAYS days after the day",
    )
    questions.add_argument(
        "--changes",
        nargs=2,
        metavar=("FROM", "TO"),
        help="every policy step dated from FROM to TO (YYYY-MM-DD), in order",
    )
    questions.add_argument(
        "--series",
        choices=["day", "month", "year"],
        help="how many policies are in force at each day, month or year (needs --from, --to)",
    )
    parser.add_argument(
        "--from", dest="start", metavar="DATE", help="with --series: the first day, YYYY-MM-DD"
    )
    parser.add_argument(
        "--to", dest="end", metavar="DATE", help="with --series: the last day, YYYY-MM-DD"
    )
    parser.add_argument(
        "--format",
        choices=["text", "json", "csv"],
        default="text",
        help="output format (default: text; csv goes with --series)",
    )
    add_locale(parser)
    add_output(parser)
    add_width(parser)


def _check(args: argparse.Namespace) -> None:
    """Refuse options that do not go together, saying which do."""
    if args.series is None and (args.start or args.end):
        raise UsageError("--from and --to go with --series (e.g. --series month --from ...)")
    if args.series is not None and not (args.start and args.end):
        raise UsageError("--series needs --from and --to, e.g. --from 2024-01-01 --to 2025-12-31")
    if args.format == "csv" and args.series is None:
        raise UsageError("--format csv goes with --series; use text or json here")
    if args.as_of is not None and (args.changes or args.series):
        raise UsageError("--as-of does not go with --changes or --series: they take their dates")
    if args.upcoming is not None and args.upcoming < 1:
        raise UsageError(f"--upcoming: {args.upcoming} is not a number of days; give 1 or more")


def run(args: argparse.Namespace) -> int:
    """Print each policy's state on a date (default: today): its phase, the provisions that
    apply, what is pending and what comes next, and why when the data cannot decide it.
    Or ask one question over time: --pending, --upcoming DAYS, --changes FROM TO,
    --series day|month|year --from A --to B. With --known-on, only what was known that day
    is folded. Example: timeline status events --as-of 2025-12-31 --format json
    """
    from timeline import _clock
    from timeline._query import Filter

    _check(args)
    args.columns = width_of(args)
    day = None if args.as_of is None else parse_day("--as-of", args.as_of)
    changes = [parse_day("--changes", value) for value in args.changes or ()]
    span = [parse_day(o, v) for o, v in (("--from", args.start), ("--to", args.end)) if v]
    learned = None if args.known_on is None else parse_day("--known-on", args.known_on)
    if args.locale is not None and (args.format != "text" or args.series is not None):
        raise UsageError("--locale goes with the text answers; json, csv and --series are data")
    locale_of(args)  # a bad --locale is refused before the data is read
    timeline = load(args)
    args.tag = locale_of(args, timeline) if args.format == "text" else None
    refuse_unknown(timeline, Filter(policies=tuple(args.policy)))
    timeline = known(args, timeline)
    day = day or learned or _clock.today(timeline.settings.zone)
    policies = args.policy or None
    try:
        answer = _answer(args, timeline, day, changes, span, policies)
        emit(args, answer if learned is None else _as_known(answer, args.format, learned, args.tag))
    except KeyError as error:
        raise UsageError(f"--policy: {error.args[0]}") from None
    except TimelineError:
        raise
    except ValueError as error:  # a period that ends before it starts
        raise UsageError(str(error)) from None
    return EXIT_OK


def _as_known(answer: str, format: str, day: dt.date, tag: str | None) -> str:
    """An answer that says it holds only what was known on `day`: its title in text, a
    `known_on` key first in JSON (the CSV series has no place for it)."""
    if format == "json":
        import json

        data = {"known_on": day.isoformat(), **json.loads(answer)}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "text":
        from timeline._labels import day_label
        from timeline._locale import message

        head, _, rest = answer.split("\n", 2)
        head += message(tag, "known_on_title", day=day_label(day, tag))
        return "\n".join([head, "=" * len(head), rest])
    return answer


def _answer(
    args: argparse.Namespace,
    timeline: Timeline,
    day: dt.date,
    changes: list[dt.date],
    span: list[dt.date],
    policies: list[str] | None,
) -> str:
    from timeline._labels import day_label
    from timeline._locale import message
    from timeline.report import _agenda as agenda

    json = args.format == "json"
    tag = args.tag
    if args.pending:
        items = timeline.pending(day, policies=policies)
        return (
            agenda.pending_json(items, day)
            if json
            else agenda.pending_text(items, day, tag, width=args.columns)
        )
    if args.upcoming is not None:
        import datetime as dt

        found = timeline.upcoming(args.upcoming, as_of=day, policies=policies)
        if json:
            return agenda.changes_json(found, {"as_of": day.isoformat(), "days": args.upcoming})
        last = day_label(day + dt.timedelta(days=args.upcoming), tag)
        heading = message(
            tag, "taking_effect", days=args.upcoming, day=day_label(day, tag), last=last
        )
        return agenda.changes_text(found, heading, states=False, width=args.columns, locale=tag)
    if changes:
        start, end = changes
        found = timeline.changes(start, end, policies=policies)
        if json:
            period = {"from": start.isoformat(), "to": end.isoformat()}
            return agenda.changes_json(found, period)
        heading = message(
            tag, "changes_from_to", start=day_label(start, tag), end=day_label(end, tag)
        )
        return agenda.changes_text(found, heading, width=args.columns, locale=tag)
    if args.series is not None:
        series = timeline.series(args.series, span[0], span[1], policies=policies)
        if args.format == "text":
            return agenda.series_text(series, width=args.columns)
        render = {"json": agenda.series_json, "csv": agenda.series_csv}
        return render[args.format](series)
    from timeline.report import _json as report_json
    from timeline.report import _policy as policy

    statuses = timeline.status(day, policies=policies)
    if json:
        return report_json.render_status(statuses, day)
    return policy.status_text(statuses, day, tag, width=args.columns)
