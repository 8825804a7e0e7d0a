"""`timeline status`: each policy's state on a date."""

from __future__ import annotations

from timeline._cli._options import (
    EXIT_OK,
    add_command,
    add_data,
    add_output,
    emit,
    load,
    refuse_unknown,
)
from timeline.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from timeline._cli._options import Commands


def add(commands: Commands) -> None:
    parser = add_command(commands, "status", run, "print each policy's state on a date")
    add_data(parser)
    parser.add_argument(
        "--as-of", metavar="DATE", help="the day to ask about, YYYY-MM-DD (default: today)"
    )
    parser.add_argument(
        "--policy", action="append", default=[], metavar="ID", help="only this policy (repeatable)"
    )
    parser.add_argument(
        "--format", choices=["text", "json"], default="text", help="output format (default: text)"
    )
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    """Print each policy's state on a date (default: today), and why when the data cannot
    decide it. Example: timeline status events --as-of 2025-12-31 --format json
    """
    import datetime as dt

    from timeline import _clock
    from timeline._query import Filter
    from timeline.report import _json as report_json
    from timeline.report import _policy as policy

    day: dt.date | None = None
    if args.as_of is not None:
        try:
            day = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise UsageError(
                f"--as-of: {args.as_of!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-12-31"
            ) from None
    timeline = load(args)
    refuse_unknown(timeline, Filter(policies=tuple(args.policy)))
    day = day or _clock.today(timeline.settings.zone)
    try:
        statuses = timeline.status(day, policies=args.policy or None)
    except KeyError as error:
        raise UsageError(f"--policy: {error.args[0]}") from None
    render = report_json.render_status if args.format == "json" else policy.status_text
    emit(args, render(statuses, day))
    return EXIT_OK
